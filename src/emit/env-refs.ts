// Outputs of `environment` resources are references to the deployer's environment, not values: the
// local-env provisioner hands out a token per variable, and each target renders it its own way (Compose:
// `${NAME}` interpolation, which must survive the `$` escaping of literal values).
const TOKEN = /\u0000env:([^\u0000]*)\u0000/g;

export function envRefToken(name: string): string {
  return `\u0000env:${name}\u0000`;
}

export function replaceEnvRefs(s: string, render: (name: string) => string): string {
  // Most values hold no token: no regex run, no new string.
  return s.includes("\u0000") ? s.replace(TOKEN, (_m, name: string) => render(name)) : s;
}

export function envRefNames(s: string): string[] {
  return s.includes("\u0000") ? [...s.matchAll(TOKEN)].map((m) => m[1]!) : [];
}
