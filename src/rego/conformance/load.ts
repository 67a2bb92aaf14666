// Loading and normalising conformance cases from the three corpus formats (OPA, Regorus, rego-cpp).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml, parseDocument } from "yaml";
import { fromJSON, RObject, RSet, type Value } from "../value.js";
import { CASE_FLAG_SKIPS } from "./skips.js";

export type CorpusKind = "opa" | "regorus" | "regocpp";

export type Expectation =
  | { kind: "results"; results: Value[] /* binding objects */; sort: boolean }
  | { kind: "value"; values: Value[] /* regorus: one expected per input */ }
  | { kind: "noResult" }
  | { kind: "error"; code?: string; message?: string; loose?: boolean }
  | { kind: "output"; text: string }
  | { kind: "defined" };

export interface NormalCase {
  file: string;
  note: string;
  corpus: CorpusKind;
  query: string;
  modules: string[];
  data?: Value;
  inputs: (Value | undefined)[]; // several for regorus `many!` inputs
  inputTerm?: string;
  strict: boolean;
  regoVersion: 0 | 1;
  want: Expectation;
  skip?: string;
}

export function findCaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out.push(dir);
  return out;
}

export function corpusOf(file: string): CorpusKind {
  if (/[\\/]regorus[\\/]/.test(file)) return "regorus";
  if (/[\\/]rego-cpp[\\/]/.test(file)) return "regocpp";
  return "opa";
}

/** Regorus' encodings: `set!`, `object!`, `many!` are decoded by the caller where they may appear. */
export function decodeRegorus(j: unknown): Value {
  if (j === null || j === undefined) return null;
  if (Array.isArray(j)) return j.map(decodeRegorus);
  if (typeof j === "object" && !(j instanceof RSet) && !(j instanceof RObject)) {
    const o = j as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "set!") return new RSet(((o["set!"] as unknown[]) ?? []).map(decodeRegorus));
    if (keys.length === 1 && keys[0] === "object!") {
      const r = new RObject();
      for (const e of (o["object!"] as { key: unknown; value: unknown }[]) ?? []) r.set(decodeRegorus(e.key), decodeRegorus(e.value));
      return r;
    }
    const r = new RObject();
    for (const k of keys) r.set(k, decodeRegorus(o[k]));
    return r;
  }
  return fromJSON(j);
}

function isMany(j: unknown): j is { "many!": unknown[] } {
  return typeof j === "object" && j !== null && !Array.isArray(j) && Object.keys(j).length === 1 && "many!" in j;
}

export function loadCases(file: string): NormalCase[] {
  const text = readFileSync(file, "utf8");
  let docs: { cases?: Record<string, unknown>[] } | null;
  try {
    docs = parseYaml(text, { intAsBigInt: true });
  } catch {
    // serde_yaml (Regorus) accepts under-indented flow sequences that `yaml` reports as errors but can recover.
    docs = parseDocument(text, { intAsBigInt: true }).toJS() as typeof docs;
  }
  const corpus = corpusOf(file);
  const out: NormalCase[] = [];
  for (const c of docs?.cases ?? []) {
    const modules = ((c.modules as string[] | undefined) ?? []).map(String);
    const base = {
      file,
      note: String(c.note ?? ""),
      corpus,
      query: String(c.query ?? ""),
      modules,
    };
    if (corpus === "regorus") {
      const rawInputs = c.input === undefined ? [undefined] : isMany(c.input) ? c.input["many!"] : [c.input];
      const inputs = rawInputs.map((i) => (i === undefined ? undefined : decodeRegorus(i)));
      let want: Expectation;
      if (c.error !== undefined) want = { kind: "error", message: String(c.error), loose: true };
      else if (c.no_result) want = { kind: "noResult" };
      else if (c.want_result !== undefined) {
        const w = c.want_result;
        want = { kind: "value", values: isMany(w) ? w["many!"].map(decodeRegorus) : [decodeRegorus(w)] };
      } else want = { kind: "defined" };
      const nc: NormalCase = {
        ...base,
        data: c.data === undefined ? undefined : decodeRegorus(c.data),
        inputs,
        strict: c.strict === undefined ? true : Boolean(c.strict),
        regoVersion: /bindings\.yaml$/.test(file) ? 1 : 0,
        want,
      };
      if (c.skip) nc.skip = CASE_FLAG_SKIPS.regorusSkip;
      else if (c.want_prints) nc.skip = CASE_FLAG_SKIPS.wantPrints;
      out.push(nc);
      continue;
    }
    let want: Expectation;
    if (c.want_error_code !== undefined || c.want_error !== undefined)
      want = {
        kind: "error",
        code: c.want_error_code === undefined ? undefined : String(c.want_error_code),
        message: c.want_error === undefined ? undefined : String(c.want_error),
      };
    else if (c.want_output !== undefined) want = { kind: "output", text: String(c.want_output) };
    else if (c.want_defined !== undefined) want = c.want_defined ? { kind: "defined" } : { kind: "noResult" };
    else want = { kind: "results", results: ((c.want_result as unknown[]) ?? []).map(fromJSON), sort: Boolean(c.sort_bindings) };
    out.push({
      ...base,
      data: c.data === undefined ? undefined : fromJSON(c.data),
      inputs: [c.input === undefined ? undefined : fromJSON(c.input)],
      inputTerm: c.input_term === undefined ? undefined : String(c.input_term),
      strict: Boolean(c.strict_error),
      regoVersion: 1,
      want,
    });
  }
  return out;
}
