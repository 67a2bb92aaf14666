/** The sprig v3 function map (see ../README.md for what is implemented and left out). */
import type { FuncDef } from "../funcs.js";
import { DICT_FUNCS } from "./dicts.js";
import { ENCODING_FUNCS } from "./encoding.js";
import { LIST_FUNCS } from "./lists.js";
import { MATH_FUNCS } from "./math.js";
import { MISC_FUNCS } from "./misc.js";
import { PATH_FUNCS } from "./paths.js";
import { REGEX_FUNCS } from "./regex.js";
import { STRING_FUNCS } from "./strings.js";

export const SPRIG_FUNCS: Record<string, FuncDef> = {
  ...STRING_FUNCS,
  ...LIST_FUNCS,
  ...DICT_FUNCS,
  ...MATH_FUNCS,
  ...ENCODING_FUNCS,
  ...REGEX_FUNCS,
  ...MISC_FUNCS,
  ...PATH_FUNCS,
};

// sprig's must* variants return an error where the plain ones panic; both surface
// here as "error calling …", so they share implementations.
for (const name of [
  "first", "last", "rest", "initial", "append", "push", "prepend", "uniq", "compact", "without", "has",
  "reverse", "slice", "chunk", "merge", "mergeOverwrite", "deepCopy",
]) {
  const base = SPRIG_FUNCS[name]!;
  SPRIG_FUNCS["must" + name[0]!.toUpperCase() + name.slice(1)] = base;
}
