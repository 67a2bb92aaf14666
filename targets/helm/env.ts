// Container variables → `env` entries of the values. A variable that is exactly one secret becomes a
// `secretKeyRef`; a variable that mixes secrets (or deploy-time environment values) into a larger
// string uses Kubernetes dependent variables: each secret gets its own helper env var, listed first,
// and the variable's value refers to it as `$(HELPER)`, which the kubelet expands.
// Because the kubelet expands `$(…)` in every env value, literal `$` before `(` or `$` is doubled.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import { sha256, toHex } from "../../src/hash/digests.js";
import type { Piece } from "./pieces.js";

export type EnvEntry =
  | { name: string; value: string }
  | { name: string; secretKeyRef: { name?: string; key: string } }
  | { name: string; configMapKeyRef: { key: string } };

/** Escapes a literal for a Kubernetes env value: `$(` and `$$` would otherwise be expanded/reduced. */
export function escapeK8sEnv(s: string): string {
  return s.replace(/\$(?=[($])/g, "$$$$");
}

function helperName(p: Exclude<Piece, { kind: "text" }>): string {
  const id = p.kind === "env" ? `env:${p.name}` : `secret:${p.name ?? ""}/${p.key}`;
  const label = (p.kind === "env" ? p.name : p.key).toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const hash = toHex(sha256(new TextEncoder().encode(id))).slice(0, 8);
  return `SCOREC_REF_${label}_${hash}`;
}

function refEntry(name: string, p: Exclude<Piece, { kind: "text" }>): EnvEntry {
  if (p.kind === "env") return { name, configMapKeyRef: { key: p.name } };
  return { name, secretKeyRef: p.name === undefined ? { key: p.key } : { name: p.name, key: p.key } };
}

/** Env entries for variables (name → pieces), helpers first; both groups in code-point order. */
export function envEntries(variables: [string, Piece[]][]): EnvEntry[] {
  const helpers = new Map<string, EnvEntry>();
  const main: EnvEntry[] = [];
  for (const [name, pieces] of variables) {
    if (pieces.length === 1 && pieces[0]!.kind !== "text") {
      main.push(refEntry(name, pieces[0]!));
      continue;
    }
    let value = "";
    for (const p of pieces) {
      if (p.kind === "text") value += escapeK8sEnv(p.text);
      else {
        const h = helperName(p);
        helpers.set(h, refEntry(h, p));
        value += `$(${h})`;
      }
    }
    main.push({ name, value });
  }
  const byName = (a: EnvEntry, b: EnvEntry) => byCodePoint(a.name, b.name);
  return [...[...helpers.values()].sort(byName), ...main.sort(byName)];
}
