// strings.render_template: Go text/template over the template engine in src/template (pure TS).
// Missing keys are errors, as in OPA. The engine also knows sprig's functions, a superset of what OPA offers.
import { parseTemplate } from "../../template/index.js";
import { toJSON } from "../value.js";
import { def, fail, obj, str } from "./args.js";
import type { BuiltinDef } from "./types.js";

/** Plain JS data for the template engine; big integers become (rounded) JS numbers. */
function plain(j: unknown): unknown {
  if (typeof j === "bigint") return Number(j);
  if (Array.isArray(j)) return j.map(plain);
  if (j !== null && typeof j === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(j)) o[k] = plain(v);
    return o;
  }
  return j;
}

export const templateBuiltins: BuiltinDef[] = [
  def("strings.render_template", ["string", { objectOf: ["string", "any"] }], "string", (args) => {
    const src = str("strings.render_template", args, 0);
    const vars = obj("strings.render_template", args, 1);
    try {
      return parseTemplate(src, { name: "template" }).execute(plain(toJSON(vars)), { missingKey: "error" });
    } catch (e) {
      throw fail("strings.render_template", (e as Error).message);
    }
  }),
];
