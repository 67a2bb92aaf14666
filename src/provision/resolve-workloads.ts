// After provisioning: expand placeholders in variables, file contents and volume sources, read file
// sources, and hand targets one resolved, sorted view of each workload.
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { checkFileSource } from "../check/file-sources.js";
import type { ResolvedContainer, ResolvedFile, ResolvedVolume, ResolvedWorkload } from "../emit/target.js";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { toPointer } from "../parse/source-file.js";
import { parsePlaceholders } from "../placeholders/parse-placeholders.js";
import { substitute, type Resolver, type SubstitutionResult } from "../placeholders/substitute.js";
import { reportAt, reportSubstitutionErrors } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";
import type { ExpansionContext } from "../placeholders/expandable.js";
import type { ProvisionResult } from "./provision-stage.js";
import { refusingEnvRefs, resolveRef } from "./resolve-ref.js";
import { uidFor } from "./resource-graph.js";

type W = Workload & { spec: NonNullable<Workload["spec"]> };

const utf8 = new TextDecoder("utf-8", { fatal: true });

export interface ResolveOptions {
  /** Whether the target renders `environment` values inside file contents (else they are errors). */
  fileEnvRefs: boolean;
}

export function resolveWorkload(w: W, result: ProvisionResult, root: string, opts: ResolveOptions = { fileEnvRefs: true }): { workload: ResolvedWorkload; ok: boolean } {
  let ok = true;
  /** `pointer` is made only for an error: most values expand cleanly, and most hold no `$` at all. */
  const expand = (value: string, pointer: () => string, context: ExpansionContext): string => {
    if (!value.includes("$")) return value; // no placeholder, no `$$` escape: the text as written
    let resolve: Resolver = (ref) => resolveRef(w, ref, context, result);
    if (context === "file" && !opts.fileEnvRefs) resolve = refusingEnvRefs(resolve, "this target mounts file contents as they are, with no interpolation");
    const r: SubstitutionResult = substitute(value, resolve);
    if (r.errors.length) {
      ok = false;
      reportSubstitutionErrors(w, pointer(), value, r.errors, "provision/missing-output");
    }
    return r.value;
  };

  const containers: ResolvedContainer[] = [];
  for (const cname of Object.keys(w.spec.containers).sort(byCodePoint)) {
    const c = w.spec.containers[cname]!;
    const variables: Record<string, string> = {};
    for (const k of Object.keys(c.variables ?? {}).sort(byCodePoint)) {
      variables[k] = expand(c.variables![k]!, () => toPointer(["containers", cname, "variables", k]), "variable");
    }
    const files: ResolvedFile[] = [];
    const fileMap = (c.files ?? {}) as Record<string, { mode?: string; source?: string; content?: string; binaryContent?: string; noExpand?: boolean }>;
    for (const target of Object.keys(fileMap).sort(byCodePoint)) {
      const f = fileMap[target]!;
      const out: ResolvedFile = { target, ...(f.mode ? { mode: f.mode } : {}), ...(f.noExpand ? { noExpand: true } : {}) };
      let content = f.content;
      if (f.source !== undefined) {
        const real = checkFileSource(w, cname, target, f.source, { root });
        if (!real) {
          ok = false;
          continue;
        }
        let bytes: Buffer;
        try {
          bytes = readFileBounded(real, DEFAULT_LIMITS.maxFileSize);
        } catch (e) {
          reportAt(w, toPointer(["containers", cname, "files", target, "source"]), `file source "${f.source}" cannot be read: ${e instanceof ReadRefusal ? e.message : String(e)}`, {
            ruleId: "score/file-source-missing",
            severity: "error",
          });
          ok = false;
          continue;
        }
        try {
          content = utf8.decode(bytes);
        } catch {
          out.binaryContent = bytes.toString("base64"); // not text: carried as bytes, never expanded
        }
      }
      if (f.binaryContent !== undefined) out.binaryContent = f.binaryContent;
      else if (content !== undefined && out.binaryContent === undefined)
        out.content = f.noExpand ? content : expand(content, () => toPointer(["containers", cname, "files", target, f.source !== undefined ? "source" : "content"]), "file");
      files.push(out);
    }
    const volumes: ResolvedVolume[] = [];
    const volMap = (c.volumes ?? {}) as Record<string, { source: string; path?: string; readOnly?: boolean }>;
    for (const target of Object.keys(volMap).sort(byCodePoint)) {
      const v = volMap[target]!;
      const vol: ResolvedVolume = { target, source: "", kind: "volume", ...(v.path ? { path: v.path } : {}), ...(v.readOnly ? { readOnly: true } : {}) };
      const segs = parsePlaceholders(v.source).segments;
      const only = segs.length === 1 && segs[0]!.kind === "ref" && segs[0]!.path[0] === "resources" && segs[0]!.path.length === 2 ? segs[0]! : undefined;
      if (only && only.kind === "ref" && w.spec.resources?.[only.path[1]!]) {
        // `${resources.NAME}`: the volume is that resource; its outputs say what it is.
        const name = only.path[1]!;
        const res = result.resources.get(uidFor(w, name));
        if (!res) {
          ok = false;
          continue;
        }
        vol.resource = name;
        const raw = res.outputs.source ?? res.outputs.name ?? res.id;
        vol.source = typeof raw === "string" ? raw : JSON.stringify(raw);
        vol.sourceValue = raw;
        vol.kind = String(res.outputs.type ?? "volume");
      } else {
        vol.source = expand(v.source, () => toPointer(["containers", cname, "volumes", target, "source"]), "volume");
      }
      volumes.push(vol);
    }
    containers.push({
      name: cname,
      image: c.image,
      ...(c.command ? { command: c.command } : {}),
      ...(c.args ? { args: c.args } : {}),
      variables,
      files,
      volumes,
      ...(c.resources ? { resources: c.resources } : {}),
      ...(c.livenessProbe ? { livenessProbe: c.livenessProbe } : {}),
      ...(c.readinessProbe ? { readinessProbe: c.readinessProbe } : {}),
      before: (c.before ?? {}) as Record<string, { ready: string }>,
    });
  }
  const ports = Object.entries(w.spec.service?.ports ?? {})
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([name, p]) => ({ name, port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP" }));
  const resources: Record<string, string> = {};
  for (const name of Object.keys(w.spec.resources ?? {}).sort(byCodePoint)) resources[name] = uidFor(w, name);
  const annotations = (w.spec.metadata.annotations ?? {}) as Record<string, string>;
  return {
    ok,
    workload: { name: w.name, file: w.input.path, annotations, spec: w.spec, containers, ports, resources },
  };
}
