// Go to definition: `${resources.X…}` → the `resources.X` key of this document; a resource `type` value
// → the provisioner providing it, at its list entry in its provisioner file.
import { pathToFileURL } from "node:url";
import type { Location, Position } from "vscode-languageserver/node.js";
import type { LoadedProvisioner } from "../provision/provisioner.js";
import { lookupOf, modelOf, type FeatureContext } from "./feature-context.js";
import { toLspRange } from "./lsp-diagnostics.js";
import { placeholderAt } from "./placeholder-at.js";
import { resourceInfo } from "./resource-info.js";
import { provisionerFilePath } from "./workspace-assets.js";
import { cursorContext } from "./yaml-cursor.js";

function provisionerLocation(p: LoadedProvisioner, ctx: FeatureContext): Location | undefined {
  const file = provisionerFilePath(p.file, ctx.root, ctx.assets?.builtInDir);
  if (!file) return undefined;
  const range = p.source ? toLspRange(p.source.rangeOfPointer(0, `/${p.index}/uri`)) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: pathToFileURL(file).href, range };
}

export function definition(ctx: FeatureContext, at: Position): Location[] {
  const line = ctx.text.split(/\r?\n/)[at.line] ?? "";
  const model = modelOf(ctx);
  const ph = placeholderAt(line, at.character);
  if (ph) {
    if (ph.path[0] === "resources" && ph.path[1]) {
      const range = model.keyRange(["resources", ph.path[1]]);
      return range ? [{ uri: ctx.uri, range }] : [];
    }
    if (ph.path[0] === "metadata" && ph.path[1]) {
      const range = model.keyRange(ph.path);
      return range ? [{ uri: ctx.uri, range }] : [];
    }
    return [];
  }
  const c = cursorContext(ctx.text, at.line, at.character);
  if (c.where === "value" && c.key === "type" && c.parent.length === 2 && c.parent[0] === "resources") {
    const info = resourceInfo(c.parent[1]!, lookupOf(ctx, model.raw));
    const loaded = info?.provisioner?.loaded;
    const loc = loaded ? provisionerLocation(loaded, ctx) : undefined;
    return loc ? [loc] : [];
  }
  return [];
}
