// A resolved string as the chart must carry it: literal text, references to Kubernetes Secrets
// (score-k8s markers), values the chart's own Secret holds (secret-looking outputs that came as plain
// text), and deploy-time environment values (the `environment` resource).
import { envRefNames, replaceEnvRefs } from "../../src/emit/env-refs.js";
import type { ValuePart } from "../../src/emit/value-parts.js";
import { isSecretOutputName } from "../../src/provision/secret-outputs.js";
import type { ProvisionedResource } from "../../src/emit/target.js";
import { splitSecretRefs } from "./secret-refs.js";

export type Piece =
  | { kind: "text"; text: string }
  /** `name` undefined: the chart's own Secret (`secrets:` in the values). */
  | { kind: "secret"; name?: string; key: string }
  | { kind: "env"; name: string };

/** Key of a plain secret output in the chart's Secret: `<resource>-<output path>`, Secret-key safe. */
export function ownSecretKey(resource: string, path: string[]): string {
  return [resource, ...path].join("-").replace(/[^-._a-zA-Z0-9]+/g, "_");
}

function splitEnvRefs(text: string): Piece[] {
  if (!envRefNames(text).length) return text ? [{ kind: "text", text }] : [];
  const out: Piece[] = [];
  // Re-split on the tokens by rendering them to a marker the text cannot contain.
  const marked = replaceEnvRefs(text, (n) => `\u0001${n}\u0001`);
  marked.split("\u0001").forEach((chunk, i) => {
    if (i % 2 === 1) out.push({ kind: "env", name: chunk });
    else if (chunk) out.push({ kind: "text", text: chunk });
  });
  return out;
}

function markersAndEnv(text: string): Piece[] {
  return splitSecretRefs(text).flatMap((p): Piece[] =>
    p.kind === "secret" ? [{ kind: "secret", name: p.ref.name, key: p.ref.key }] : splitEnvRefs(p.text),
  );
}

export interface PieceResult {
  pieces: Piece[];
  /** Plain secret outputs to put in the chart's Secret: key → value. */
  ownSecrets: Record<string, string>;
}

export function toPieces(parts: ValuePart[], byUid: ReadonlyMap<string, ProvisionedResource>): PieceResult {
  const pieces: Piece[] = [];
  const ownSecrets: Record<string, string> = {};
  for (const part of parts) {
    if (part.kind === "output") {
      const res = byUid.get(part.uid);
      const output = part.path[0]!;
      const secret = (res?.secretOutputs.includes(output) ?? false) || part.path.some(isSecretOutputName);
      const inner = markersAndEnv(part.text);
      // A secret output that is already a Secret reference is carried as such; a plain one goes to our Secret.
      if (secret && inner.every((p) => p.kind === "text")) {
        const key = ownSecretKey(part.resource, part.path);
        ownSecrets[key] = part.text;
        pieces.push({ kind: "secret", key });
        continue;
      }
      pieces.push(...inner);
    } else pieces.push(...markersAndEnv(part.text));
  }
  // Merge adjacent text pieces so "only one reference" is easy to recognise.
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (p.kind === "text" && last?.kind === "text") last.text += p.text;
    else merged.push(p.kind === "text" ? { ...p } : p);
  }
  return { pieces: merged, ownSecrets };
}
