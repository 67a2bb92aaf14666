// The Terraform target: one `<workload>.auto.tfvars.json` per workload, typed by variables.tf (the
// contract of a workload module; example/ is one). Every emitted value is checked against the declared
// types before it is written, so a drift between this emitter and variables.tf fails the compile.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toJson } from "../../src/emit/json-writer.js";
import type { Artifact, EmitFinding, ProvisionedResource, ResolvedWorkload, Target, TargetOptions } from "../../src/emit/target.js";
import { packageRoot } from "../../src/package-root.js";
import { checkTfValue } from "./type-expr.js";
import { workloadTfVars, type TfVars } from "./tfvars.js";
import { declaredTypes } from "./variables.js";

/** The one place tfvars become bytes. */
export function serialiseTfVars(vars: TfVars): string {
  return toJson(vars);
}

export function variablesTfPath(): string {
  return join(packageRoot(), "targets", "terraform", "variables.tf");
}

let declared: ReturnType<typeof declaredTypes> | undefined;

/** Type errors of a tfvars object against variables.tf. */
export function tfVarsErrors(vars: Record<string, unknown>): string[] {
  declared ??= declaredTypes(readFileSync(variablesTfPath(), "utf8"));
  const errs: string[] = [];
  for (const [name, value] of Object.entries(vars)) {
    const d = declared.get(name);
    if (!d) errs.push(`${name}: no such variable in variables.tf`);
    else errs.push(...checkTfValue(d.type, value, name));
  }
  for (const [name, d] of declared) if (!d.hasDefault && !(name in vars)) errs.push(`${name}: required variable is missing`);
  return errs;
}

export const terraformTarget: Target = {
  name: "terraform",
  description: "Terraform: one <workload>.auto.tfvars.json per workload for a module typed by targets/terraform/variables.tf",
  fragmentFields: [],
  get defaultProvisionersDir() {
    return join(packageRoot(), "targets", "terraform", "provisioners");
  },
  emit(workloads: ResolvedWorkload[], resources: ProvisionedResource[], options: TargetOptions) {
    const findings: EmitFinding[] = [];
    const artifacts: Artifact[] = [];
    for (const w of [...workloads].sort((a, b) => byCodePoint(a.name, b.name))) {
      const vars = workloadTfVars(w, resources, options.image, findings);
      for (const e of tfVarsErrors(vars as unknown as Record<string, unknown>)) {
        findings.push({ workload: w.name, pointer: "", ruleId: "terraform/type-mismatch", severity: "error", message: `tfvars do not match variables.tf: ${e}` });
      }
      artifacts.push({ path: `${w.name}.auto.tfvars.json`, content: serialiseTfVars(vars) });
    }
    return { artifacts, findings };
  },
  // `-o -`: one workload prints its tfvars as they are; several print one JSON object keyed by workload
  // (`jq '.web'` picks one), never a `---` stream that no JSON reader accepts.
  print(artifacts) {
    if (artifacts.length === 1) return String(artifacts[0]!.content);
    const byWorkload: Record<string, unknown> = {};
    for (const a of artifacts) byWorkload[a.path.replace(/\.auto\.tfvars\.json$/, "")] = JSON.parse(String(a.content));
    return toJson(byWorkload);
  },
};

export default terraformTarget;
