// The built-in policy pack by name, so an installed scorec needs no path into its own package:
// `builtin:` (or `builtin:score`) is the whole pack, `builtin:score/image-pinned` one rule of it.
// A named rule loads the whole pack (rules share helpers) and the policy stage keeps only the named ones.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { packageRoot } from "../package-root.js";
import { suggest } from "../validate/human-path.js";

export const BUILTIN_PREFIX = "builtin:";

export const isBuiltinRef = (p: string): boolean => p.startsWith(BUILTIN_PREFIX);

export function builtinPackDir(): string {
  return join(packageRoot(), "policies");
}

export interface BuiltinRule {
  id: string;
  severity: string;
  title: string;
  file: string;
}

let rulesCache: BuiltinRule[] | undefined;

/** The pack's rules from their `# METADATA` blocks (title, custom.id, custom.severity), read without compiling. */
export function builtinRules(): BuiltinRule[] {
  if (rulesCache) return rulesCache;
  const rules: BuiltinRule[] = [];
  for (const file of readdirSync(builtinPackDir()).sort(byCodePoint)) {
    if (!file.endsWith(".rego") || file.endsWith("_test.rego")) continue;
    const text = readFileSync(join(builtinPackDir(), file), "utf8");
    for (const block of text.split(/^# METADATA\s*$/m).slice(1)) {
      const meta = block.split("\n").filter((l, i) => i === 0 || l.startsWith("#")).join("\n");
      const field = (name: string) => new RegExp(`^#\\s+${name}:\\s*(.+?)\\s*$`, "m").exec(meta)?.[1] ?? "";
      if (field("id")) rules.push({ id: field("id"), severity: field("severity"), title: field("title"), file });
    }
  }
  return (rulesCache = rules.sort((a, b) => byCodePoint(a.id, b.id)));
}

export const builtinRuleIds = (): string[] => builtinRules().map((r) => r.id);

export interface PolicyRefs {
  /** Files and folders to load (the pack's folder stands for every builtin ref). */
  paths: string[];
  /** Keeps a rule id: false for the pack's rules that no ref selected. */
  keepRule: (id: string) => boolean;
  /** `builtin:` refs that name no rule of the pack, with the message to report. */
  unknown: { ref: string; message: string }[];
}

/** `builtin:` refs → the pack folder and a rule selection; other paths resolved against `root`. */
export function resolvePolicyRefs(refs: readonly string[], root: string): PolicyRefs {
  const paths: string[] = [];
  const named = new Set<string>();
  const unknown: PolicyRefs["unknown"] = [];
  let wholePack = false;
  for (const ref of refs) {
    if (!isBuiltinRef(ref)) {
      paths.push(resolve(root, ref));
      continue;
    }
    const name = ref.slice(BUILTIN_PREFIX.length);
    if (name === "" || name === "score") wholePack = true;
    else if (builtinRuleIds().includes(name)) named.add(name);
    else {
      const hint = suggest(name, builtinRuleIds());
      const message = `unknown built-in policy "${ref}"${hint ? ` — did you mean "${BUILTIN_PREFIX}${hint}"?` : ""} (\`scorec policy list\` names them)`;
      unknown.push({ ref, message });
    }
  }
  // The pack given as a path (`--policy node_modules/scorec/policies`) or as builtin: is whole.
  const whole = wholePack || paths.includes(builtinPackDir());
  if (wholePack || named.size) paths.push(builtinPackDir());
  const pack = new Set(builtinRuleIds());
  return { paths, unknown, keepRule: (id) => whole || !pack.has(id) || named.has(id) };
}
