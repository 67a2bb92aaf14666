// score-k8s secret references: a provisioner does not output a secret's value but a marker naming a
// Kubernetes Secret and key (`🔐💬<secret name>_<key>💬🔐`, made by the `encodeSecretRef` template
// function); the target turns it into `valueFrom.secretKeyRef`. Secret names are DNS subdomains, which
// never contain "_", so the first "_" separates the name from the key (keys may contain "_" and ".").
export const SECRET_REF_PREFIX = "🔐💬";
export const SECRET_REF_SUFFIX = "💬🔐";

export interface SecretRef {
  name: string;
  key: string;
}

export function encodeSecretRef(...args: unknown[]): string {
  if (args.length !== 2) throw new Error(`encodeSecretRef: expected 2 arguments (secret name, key), got ${args.length}`);
  const [name, key] = args.map((a) => (typeof a === "string" ? a : String(a)));
  if (!name || name.includes("_")) throw new Error(`encodeSecretRef: "${name}" is not a valid Secret name`);
  if (!key) throw new Error("encodeSecretRef: the key is empty");
  return `${SECRET_REF_PREFIX}${name}_${key}${SECRET_REF_SUFFIX}`;
}

export type RefPiece = { kind: "text"; text: string } | { kind: "secret"; ref: SecretRef };

/** Splits a string into literal text and secret references; a marker that does not parse stays text. */
export function splitSecretRefs(s: string): RefPiece[] {
  const out: RefPiece[] = [];
  let rest = s;
  let text = "";
  for (;;) {
    const start = rest.indexOf(SECRET_REF_PREFIX);
    if (start < 0) break;
    const end = rest.indexOf(SECRET_REF_SUFFIX, start + SECRET_REF_PREFIX.length);
    if (end < 0) break;
    const body = rest.slice(start + SECRET_REF_PREFIX.length, end);
    const sep = body.indexOf("_");
    if (sep <= 0 || sep === body.length - 1) {
      text += rest.slice(0, end + SECRET_REF_SUFFIX.length);
    } else {
      text += rest.slice(0, start);
      if (text) out.push({ kind: "text", text });
      text = "";
      out.push({ kind: "secret", ref: { name: body.slice(0, sep), key: body.slice(sep + 1) } });
    }
    rest = rest.slice(end + SECRET_REF_SUFFIX.length);
  }
  text += rest;
  if (text) out.push({ kind: "text", text });
  return out;
}
