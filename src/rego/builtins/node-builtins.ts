// Node-only builtins (Node's crypto; graphql-js, loaded on first use): registered by scorec's Node entry points (policy back end, `policy
// test`, the conformance runner) through this module's import side effect. The core engine (src/rego) never
// imports it, so it still runs without Node; there these builtins stay undefined functions.
import { registerBuiltin } from "../registry.js";
import { graphqlBuiltins } from "./graphql.node.js";
import { jwtPublicKeyBuiltins } from "./jwt-pubkey.node.js";
import type { BuiltinDef } from "./types.js";
import { x509Builtins } from "./x509.node.js";

export const nodeBuiltins: readonly BuiltinDef[] = [...jwtPublicKeyBuiltins, ...x509Builtins, ...graphqlBuiltins];

for (const d of nodeBuiltins) registerBuiltin(d);
