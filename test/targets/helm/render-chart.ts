// Renders the chart's templates with scorec's own Go text/template + sprig engine (helm is not
// available offline), adding the Helm functions the chart uses: `include` (a named define or another
// template file, as a string). Good enough to catch template errors and to inspect the manifests.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { parseTemplate } from "../../../src/template/index.js";
import { chartDir } from "../../../targets/helm/index.js";

const BASE = "scorec-workload/templates";

export function renderChart(values: unknown, release = "rel"): Record<string, unknown[]> {
  const dir = join(chartDir(), "templates");
  const helpers = readFileSync(join(dir, "_helpers.tpl"), "utf8");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  const sources = new Map(files.map((f) => [`${BASE}/${f}`, readFileSync(join(dir, f), "utf8")]));
  const data = {
    Values: values,
    Release: { Name: release, Namespace: "default", Service: "Helm" },
    Chart: { Name: "scorec-workload", Version: "0.1.0" },
    Template: { BasePath: BASE },
  };
  const funcs = {
    include: (name: string, dot: unknown): string => render(sources.has(name) ? helpers + "\n" + sources.get(name)! : `${helpers}{{- template ${JSON.stringify(name)} . -}}`, dot),
  };
  const render = (text: string, dot: unknown): string => parseTemplate(text, { name: "chart", funcs }).execute(dot, { funcs });
  const out: Record<string, unknown[]> = {};
  for (const f of files) {
    const text = render(helpers + "\n" + sources.get(`${BASE}/${f}`)!, data);
    const docs = parseAllDocuments(text);
    for (const d of docs) if (d.errors.length) throw new Error(`${f}: ${d.errors[0]!.message}\n${text}`);
    out[f] = docs.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
  }
  return out;
}
