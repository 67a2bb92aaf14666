// sprintf: Go's fmt verbs over Rego values (see gofmt.ts for how values map to Go operands).
import { arr, def, str } from "./args.js";
import { goSprintf } from "./gofmt.js";
import type { BuiltinDef } from "./types.js";

export const sprintfBuiltins: BuiltinDef[] = [
  def("sprintf", ["string", { arrayOf: "any" }], "string", (args) => goSprintf(str("sprintf", args, 0), arr("sprintf", args, 1))),
];
