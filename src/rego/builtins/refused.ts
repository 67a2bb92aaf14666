// Builtins OPA has that scorec will not run: they reach the network or DNS, which a pure compiler never
// does. They are declared (so a library that merely contains an `http.send` helper still compiles, as it
// does under OPA, and its other tests run) and a call is a halting error naming the builtin: never a quiet
// undefined, which would let a `deny` rule that depends on the answer pass silently.
import type { BuiltinDef } from "./types.js";
import { BuiltinError } from "./types.js";
import { def, objectOf } from "./args.js";

function refused(name: string, args: BuiltinDef["args"], result: BuiltinDef["result"], why: string): BuiltinDef {
  return def(name, args, result, () => {
    throw new BuiltinError(`${name}: not supported by scorec (${why})`, "eval_builtin_error", true);
  });
}

export const refusedBuiltins: BuiltinDef[] = [
  refused("http.send", [objectOf("string", "any")], "object", "policies never reach the network"),
  refused("net.lookup_ip_addr", ["string"], "set", "policies never query DNS"),
];
