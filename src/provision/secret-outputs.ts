// Which outputs look secret (passwords, keys, tokens): targets carry those as secret references, and
// policies can flag them. A heuristic on the output name, as there is no marker in provisioner files.
const SECRET_NAME = /pass(word)?|secret|token|private|credential|api_?key|access_?key|secret_?key|cookie/i;

export function secretOutputNames(outputs: Record<string, unknown>): string[] {
  return Object.keys(outputs)
    .filter((k) => SECRET_NAME.test(k))
    .sort();
}

export function isSecretOutputName(name: string): boolean {
  return SECRET_NAME.test(name);
}
