// The judgement of test/corpora/score-compose-cases/run_cases.py, ported: a semantic diff of expected.yaml
// and scorec's compose.yaml (maps by key, volume mounts by target, ports as a set keyed published->target,
// scalars compared loosely: 8080 == "8080"), random tokens matched by regex, and the three systematic,
// deliberate differences S1–S3 recognised so a case can "match modulo S1–S3".

export type DiffKind = "missing" | "extra" | "changed";
export interface Difference {
  path: string[];
  kind: DiffKind;
  expected: unknown;
  actual: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isContainer = (v: unknown) => typeof v === "object" && v !== null;

/** Python's str() of a scalar, as run_cases.py compares them. */
function pyStr(v: unknown): string {
  if (v === true) return "true";
  if (v === false) return "false";
  if (v === null || v === undefined) return "null";
  return String(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function looseEq(a: unknown, b: unknown): boolean {
  if (deepEqual(a, b)) return true;
  if (isContainer(a) || isContainer(b)) return false;
  return pyStr(a) === pyStr(b);
}

// Python sorts the union of keys with key=str: code-unit order of the strings.
const sortedKeys = (a: Record<string, unknown>, b: Record<string, unknown>) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

export function diff(exp: unknown, act: unknown, path: string[] = [], out: Difference[] = []): Difference[] {
  if (isObj(exp) && isObj(act)) {
    for (const k of sortedKeys(exp, act)) {
      const p = [...path, k];
      if (!(k in act)) out.push({ path: p, kind: "missing", expected: exp[k], actual: null });
      else if (!(k in exp)) out.push({ path: p, kind: "extra", expected: null, actual: act[k] });
      else diff(exp[k], act[k], p, out);
    }
    return out;
  }
  if (Array.isArray(exp) && Array.isArray(act)) {
    const last = path[path.length - 1] ?? "";
    const both = [...exp, ...act];
    if (last === "volumes" && both.every((x) => isObj(x) && "target" in x)) {
      const byTarget = (l: unknown[]) => Object.fromEntries(l.map((x) => [pyStr((x as Record<string, unknown>).target), x]));
      return diff(byTarget(exp), byTarget(act), [...path.slice(0, -1), "volumes[target]"], out);
    }
    if (last === "ports" && both.every(isObj)) {
      const key = (x: Record<string, unknown>) => `${x.published === undefined ? "None" : pyStr(x.published)}->${x.target === undefined ? "None" : pyStr(x.target)}`;
      const byKey = (l: unknown[]) => Object.fromEntries(l.map((x) => [key(x as Record<string, unknown>), x]));
      return diff(byKey(exp), byKey(act), [...path.slice(0, -1), "ports[pub->target]"], out);
    }
    const same = exp.length === act.length && exp.every((x, i) => looseEq(x, act[i]) || (isContainer(x) && deepEqual(x, act[i])));
    if (!same) {
      const sub: Difference[] = [];
      if (exp.length === act.length) exp.forEach((x, i) => diff(x, act[i], [...path, String(i)], sub));
      if (sub.length) out.push(...sub);
      else out.push({ path, kind: "changed", expected: exp, actual: act });
    }
    return out;
  }
  if (!looseEq(exp, act)) out.push({ path, kind: "changed", expected: exp, actual: act });
  return out;
}

export const SYSTEMATIC = {
  S1: "the workload name as `networks.default.aliases` instead of `hostname`",
  S2: "no `compose.score.dev/workload-name` annotation",
  S3: "file mounts under ./mounts/files/<workload>-<container>/<path> instead of .score-compose/mounts/files/<workload>-files-<basename>",
} as const;

/** Which systematic difference `d` is, if any. `actual` is the parsed compose.yaml of scorec. */
export function systematic(d: Difference, actual: unknown): keyof typeof SYSTEMATIC | undefined {
  const { path, kind, expected, actual: act } = d;
  const last = path[path.length - 1];
  if (last === "hostname" && kind === "missing") {
    const services = isObj(actual) && isObj(actual.services) ? actual.services : {};
    const svc = path.length === 3 && isObj(services[path[1]!]) ? (services[path[1]!] as Record<string, unknown>) : {};
    const nets = isObj(svc.networks) ? svc.networks : {};
    const def = isObj(nets.default) ? nets.default : {};
    const aliases = Array.isArray(def.aliases) ? def.aliases : [];
    if (aliases.some((a) => deepEqual(a, expected))) return "S1";
  }
  if (last === "networks" && kind === "extra" && isObj(act) && Object.keys(act).join() === "default" && isObj(act.default) && Object.keys(act.default).join() === "aliases") return "S1";
  if (path.join(".").endsWith("annotations.compose.score.dev/workload-name") && kind === "missing") return "S2";
  if (last === "annotations" && kind === "missing" && isObj(expected) && Object.keys(expected).join() === "compose.score.dev/workload-name") return "S2";
  if (last === "source" && kind === "changed" && pyStr(expected).startsWith(".score-compose/mounts/files/") && pyStr(act).startsWith("./mounts/files/")) return "S3";
  return undefined;
}

/** Replaces, in the actual text, whatever matches each random token's regex by the token expected.yaml uses. */
export function applyRandom(actualText: string, random: Record<string, string>): string {
  let text = actualText;
  for (const [token, rx] of Object.entries(random)) {
    const m = new RegExp(rx).exec(text);
    if (m) text = text.split(m[0]).join(token);
  }
  return text;
}

export function describe(d: Difference): string {
  const show = (v: unknown) => JSON.stringify(v) ?? "None";
  return `${d.path.join(".")} ${d.kind}: expected ${show(d.expected)}, scorec ${show(d.actual)}`;
}
