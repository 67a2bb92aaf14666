/** The sprig v3 function map (the subset listed in src/template/README-like docs in ../index.ts). */
import type { FuncDef } from "../funcs.js";
import { DICT_FUNCS } from "./dicts.js";
import { ENCODING_FUNCS } from "./encoding.js";
import { LIST_FUNCS } from "./lists.js";
import { MATH_FUNCS } from "./math.js";
import { MISC_FUNCS } from "./misc.js";
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
};
