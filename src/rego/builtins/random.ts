// rand.intn, made deterministic: OPA only promises the same result for the same (str, n) within one
// evaluation; scorec must be reproducible, so the number is derived from SHA-256 of (str, n) and is the
// same in every evaluation. Policies needing real randomness are not linting policies.
import { def, fail, numArg, str } from "./args.js";
import { utf8 } from "./bytes.js";
import { sha256 } from "../../hash/digests.js";
import type { BuiltinDef } from "./types.js";

export const randomBuiltins: BuiltinDef[] = [
  def("rand.intn", ["string", "number"], "number", (args) => {
    const key = str("rand.intn", args, 0);
    const n = numArg("rand.intn", args, 1);
    if (typeof n === "number" && !Number.isInteger(n)) throw fail("rand.intn", "operand 2 must be an integer");
    const bound = typeof n === "bigint" ? (n < 0n ? -n : n) : BigInt(Math.abs(n));
    if (bound === 0n) return 0;
    const h = sha256(utf8(`rand.intn\u0000${key}\u0000${bound}`));
    let x = 0n;
    for (let i = 0; i < 8; i++) x = (x << 8n) | BigInt(h[i]!);
    const r = x % bound;
    return r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
  }),
];
