import { createKeyedRandom, parseTemplate, TemplateError, type ExecuteOptions } from "../../src/template/index.js";

/** Parses and executes `src` with a fixed random source. */
export function run(src: string, data: unknown = {}, opts: ExecuteOptions = {}): string {
  return parseTemplate(src, { name: "t" }).execute(data, { random: createKeyedRandom("seed", "key"), ...opts });
}

/** The TemplateError raised by parsing or executing `src`. */
export function errorOf(src: string, data: unknown = {}, opts: ExecuteOptions = {}): TemplateError {
  try {
    run(src, data, opts);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error("expected a TemplateError");
}
