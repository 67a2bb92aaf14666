// Which packages to query: `main` by default (conftest), `--namespace` globs (repeatable), or all.
import type { PolicyRule } from "./backend.js";

export function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`);
}

export function selectNamespaces(rules: readonly PolicyRule[], namespaces: readonly string[], all: boolean): string[] {
  const present = [...new Set(rules.map((r) => r.namespace))].sort();
  if (all) return present;
  const pats = (namespaces.length ? namespaces : ["main"]).map(globToRegExp);
  return present.filter((ns) => pats.some((p) => p.test(ns)));
}

/** conftest's rule kinds: deny/violation fail, warn warns; `_suffix` variants count too. */
export function ruleKind(name: string): "deny" | "warn" | undefined {
  if (/^(deny|violation)(_.+)?$/.test(name)) return "deny";
  if (/^warn(_.+)?$/.test(name)) return "warn";
  return undefined;
}
