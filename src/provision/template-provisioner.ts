// template:// provisioners: Go text/template + sprig, phase by phase as score-compose does —
// init → state → shared → outputs → directories/files/networks/volumes/services (and manifests for
// Kubernetes-style targets). Each phase renders YAML that feeds the next phase's data.
// "Random" values: every random-function call is its own keyed hash of (seed, target, resource uid,
// provisioner uri, template field, call index): same inputs → same names and passwords, and no two calls
// (other fields, resources, provisioners or targets) share bytes. No state file.
import { createKeyedRandom, parseTemplate, TemplateError, type RandomSource, type Template } from "../template/index.js";
import { deterministicGuid } from "./guid.js";
import { deepMerge } from "../data/deep-merge.js";
import { ProvisionError, type ProvisionContext, type ProvisionerRunner } from "./provision-context.js";
import type { LoadedProvisioner } from "./provisioner.js";
import { compileRenderedShape, NOT_BUILT, type RenderedShape } from "./rendered-shape.js";
import { parseRenderedYaml, type RenderedYamlCache, type RenderedYamlUse } from "./rendered-yaml.js";

const FRAGMENT_FIELDS = ["directories", "files", "networks", "volumes", "services", "models", "manifests", "info_logs"] as const;
type Field = "init" | "state" | "shared" | "outputs" | (typeof FRAGMENT_FIELDS)[number];

/** A field's parsed template, and the shape of its output once known (rendered-shape.ts; null: none). */
interface FieldTemplate {
  template: Template;
  shape?: RenderedShape | null;
  /** Renders the shape could not build, before it ever built one: past a few, it is dropped. */
  misses: number;
}
const parsed = new WeakMap<LoadedProvisioner, Map<Field, FieldTemplate>>();
/** Per provisioner and field: the last rendered text and its parse (see rendered-yaml.ts). */
const rendered = new WeakMap<LoadedProvisioner, Map<Field, RenderedYamlCache>>();

function renderedCacheOf(p: LoadedProvisioner, field: Field): RenderedYamlCache {
  let byField = rendered.get(p);
  if (!byField) rendered.set(p, (byField = new Map()));
  let c = byField.get(field);
  if (!c) byField.set(field, (c = {}));
  return c;
}

function templateOf(p: LoadedProvisioner, field: Field, ctx: ProvisionContext): FieldTemplate | undefined {
  const text = (p.spec as unknown as Record<string, unknown>)[field];
  if (typeof text !== "string") return undefined;
  let byField = parsed.get(p);
  if (!byField) parsed.set(p, (byField = new Map()));
  let t = byField.get(field);
  if (!t) {
    try {
      t = { template: parseTemplate(text, { name: `${p.spec.uri}#${field}`, funcs: ctx.templateFuncs }), misses: 0 };
    } catch (e) {
      throw asProvisionError(e, field);
    }
    byField.set(field, t);
  }
  return t;
}

/** Builds a flat template's value from what its actions printed, or NOT_BUILT (then the text is parsed). */
function buildFromShape(ft: FieldTemplate, holes: readonly string[]): unknown {
  if (ft.shape === undefined) ft.shape = compileRenderedShape(ft.template.flatTexts!) ?? null;
  if (!ft.shape) return NOT_BUILT;
  const v = ft.shape.build(holes);
  if (v === NOT_BUILT) {
    // A template whose values never fit (YAML printed by `toYaml`, say) stops paying for the attempt.
    if (ft.misses >= 0 && ++ft.misses > 8) ft.shape = null;
  } else ft.misses = -1;
  return v;
}

function asProvisionError(e: unknown, field: Field): ProvisionError {
  if (e instanceof ProvisionError) return e;
  if (e instanceof TemplateError) {
    // `fail "…"` is the provisioner refusing this resource: its message is the news, and the provisioner
    // file is not at fault. Other execution errors (a budget hit, a bad call) still carry their place in
    // the provisioner file, so the message can name the line there.
    if (e.failMessage !== undefined) return new ProvisionError(`${field}: ${e.failMessage}`);
    if (e.phase === "exec") return new ProvisionError(`${field}: ${e.message}`, field, e.line, e.column, false);
    return new ProvisionError(`${field}: ${e.message}`, field, e.line, e.column);
  }
  return new ProvisionError(`${field}: ${e instanceof Error ? e.message : String(e)}`, field);
}

/** Fragments only reach the target, which reads them; `info_logs` is rewritten below, so it is copied. */
function useOf(field: Field): RenderedYamlUse {
  return field === "init" || field === "state" || field === "shared" || field === "outputs" || field === "info_logs" ? "copy" : "share";
}

export const runTemplate: ProvisionerRunner = (node, p, ctx) => {
  let randomCalls = 0;
  const randomFor = (field: Field): RandomSource => {
    const keyed = createKeyedRandom(ctx.seed, ["scorec/template-random/v1", ctx.target, node.uid, p.spec.uri, field]);
    return {
      call: (what) => {
        randomCalls++;
        return keyed.call(what);
      },
    };
  };
  const data: Record<string, unknown> = {
    Uid: node.uid,
    // score-k8s's per-resource GUID: derived from (seed, uid), so it is stable without a state file.
    Guid: deterministicGuid(ctx.seed, node.uid),
    Type: node.type,
    Class: node.class,
    Id: node.id,
    Params: node.params,
    Metadata: node.metadata,
    Init: {},
    State: {},
    Shared: ctx.shared,
    SourceWorkload: node.declarations[0]!.workload.name,
    WorkloadServices: ctx.workloadServices,
    ComposeProjectName: ctx.projectName,
    MountsDirectory: ctx.mountsDirectory,
    // score-k8s names (harmless for other targets).
    Namespace: "",
  };
  const render = (field: Field): unknown => {
    const ft = templateOf(p, field, ctx);
    if (!ft) return undefined;
    const t = ft.template;
    let text: string;
    let holes: string[] | undefined;
    try {
      // The target's functions were given at parse time; passing them again would rebuild the table per call.
      if (t.executeHoles) {
        holes = t.executeHoles(data, { random: randomFor(field) });
        const texts = t.flatTexts!;
        text = texts[0]!;
        for (let i = 0; i < holes.length; i++) text += holes[i]! + texts[i + 1]!;
      } else text = t.execute(data, { random: randomFor(field) });
    } catch (e) {
      throw asProvisionError(e, field);
    }
    try {
      const build = holes ? () => buildFromShape(ft, holes) : undefined;
      return parseRenderedYaml(text, renderedCacheOf(p, field), useOf(field), build) ?? undefined;
    } catch (e) {
      throw new ProvisionError(`${field}: the template rendered invalid YAML (${(e as Error).message.split("\n")[0]})`, field);
    }
  };
  data.Init = render("init") ?? {};
  data.State = render("state") ?? {};
  const shared = render("shared");
  if (shared !== undefined) deepMerge(ctx.shared, shared);
  const outputs = render("outputs") ?? {};
  if (typeof outputs !== "object" || Array.isArray(outputs)) throw new ProvisionError("outputs: the template must render a mapping", "outputs");
  const fragments: Record<string, unknown> = {};
  for (const f of FRAGMENT_FIELDS) {
    const v = render(f);
    if (v !== undefined && v !== null) fragments[f] = v;
  }
  // info_logs: messages for the user (how to connect to what was provisioned), printed by the CLI.
  const logs = fragments.info_logs;
  if (logs !== undefined) {
    if (!Array.isArray(logs) || logs.some((l) => l === null || typeof l === "object")) throw new ProvisionError("info_logs: the template must render a list of strings", "info_logs");
    fragments.info_logs = logs.map((l) => String(l));
  }
  return { outputs: outputs as Record<string, unknown>, fragments, randomCalls };
};
