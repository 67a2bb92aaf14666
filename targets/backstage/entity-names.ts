// Backstage entity names: 1–63 characters, runs of [a-zA-Z0-9] separated by single `-`, `_` or `.`
// (the catalog model's rule). Score names already fit; resource ids (`web.db`, `shared-db`) usually do;
// anything else is folded into that alphabet, and a name that had to be shortened or that collides with
// another gets a short digest of what it stood for, so the same input always gives the same name.
import { sha256, toHex } from "../../src/hash/digests.js";

const MAX = 63;
const VALID = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;

export function isEntityName(s: string): boolean {
  return s.length >= 1 && s.length <= MAX && VALID.test(s);
}

function digest(s: string): string {
  return toHex(sha256(new TextEncoder().encode(s))).slice(0, 8);
}

/** `s` as a valid entity name; `key` (what the name stands for) seeds the digest when one is needed. */
export function entityName(s: string, key = s): string {
  if (isEntityName(s)) return s;
  const folded = s.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const base = folded.slice(0, MAX - 9).replace(/-+$/, "");
  return base ? `${base}-${digest(key)}` : `r-${digest(key)}`;
}

/** Distinct names for `keys` (in the given order): preferred names first, a digest suffix on collisions. */
export function uniqueNames(entries: readonly { key: string; preferred: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  const first = entries.map((e) => entityName(e.preferred, e.key));
  for (const n of first) counts.set(n, (counts.get(n) ?? 0) + 1);
  const out = new Map<string, string>();
  entries.forEach((e, i) => {
    const n = first[i]!;
    if (counts.get(n) === 1) return void out.set(e.key, n);
    const base = n.slice(0, MAX - 9).replace(/[-_.]+$/, "");
    out.set(e.key, `${base}-${digest(e.key)}`);
  });
  return out;
}
