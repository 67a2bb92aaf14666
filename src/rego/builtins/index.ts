// The builtin registry: every builtin by its full dotted Rego name. Each family lives in its own file.
import { aggregateBuiltins } from "./aggregates.js";
import { arithBuiltins } from "./arith.js";
import { arrayBuiltins } from "./arrays.js";
import { compareBuiltins } from "./compare.js";
import { cryptoBuiltins } from "./crypto.js";
import { deprecatedBuiltins } from "./deprecated.js";
import { encodingBuiltins } from "./encoding.js";
import { globBuiltins } from "./glob.js";
import { globsBuiltins } from "./globs.js";
import { graphBuiltins } from "./graph.js";
import { jsonBuiltins } from "./json.js";
import { jwtBuiltins } from "./jwt.js";
import { objectBuiltins } from "./objects.js";
import { randomBuiltins } from "./random.js";
import { refusedBuiltins } from "./refused.js";
import { netBuiltins } from "./net.js";
import { regexBuiltins } from "./regex.js";
import { semverBuiltins } from "./semver.js";
import { setBuiltins } from "./sets.js";
import { sprintfBuiltins } from "./sprintf.js";
import { stringBuiltins } from "./strings.js";
import { typeBuiltins } from "./types_check.js";
import { templateBuiltins } from "./template.js";
import { timeBuiltins } from "./time.js";
import type { BuiltinDef } from "./types.js";
import { unitBuiltins } from "./units.js";
import { uuidBuiltins } from "./uuid.js";
import { walkBuiltins } from "./walk.js";

const families: BuiltinDef[][] = [
  arithBuiltins,
  compareBuiltins,
  setBuiltins,
  aggregateBuiltins,
  arrayBuiltins,
  objectBuiltins,
  stringBuiltins,
  sprintfBuiltins,
  typeBuiltins,
  unitBuiltins,
  jsonBuiltins,
  encodingBuiltins,
  regexBuiltins,
  globBuiltins,
  timeBuiltins,
  cryptoBuiltins,
  uuidBuiltins,
  randomBuiltins,
  semverBuiltins,
  netBuiltins,
  walkBuiltins,
  globsBuiltins,
  graphBuiltins,
  templateBuiltins,
  jwtBuiltins,
  deprecatedBuiltins,
  refusedBuiltins,
];

export const builtins: ReadonlyMap<string, BuiltinDef> = new Map(families.flat().map((d) => [d.name, d]));
