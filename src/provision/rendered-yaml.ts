// The YAML a provisioner template renders, as data. Parsing it is most of a generate run's time, and many
// fields render the very same text for every resource of a type (a shared instance's `services`, `volumes`,
// `shared`), so a field whose text repeats is parsed once and handed out as copies.
//
// Text the subset reader (yaml-subset.ts) accepts is read without the library: same value, property-tested.
// Equivalent by construction: `yaml.parse` is a pure function of (text, options), and structuredClone keeps
// everything its result can hold (plain objects and arrays, own `__proto__` keys, -0/NaN/Infinity, values an
// alias shares between two places, cycles). Callers may change what they receive (shared state is merged
// into, fragments are rewritten), so the kept copy is never one that was handed out.
import { parse as parseYamlText } from "yaml";
import { parseYamlSubset } from "../parse/yaml-subset.js";

const OPTIONS = { schema: "core", uniqueKeys: false } as const;

/** One field of one provisioner: the last text it rendered, and a pristine parse of it once it repeats. */
export interface RenderedYamlCache {
  text?: string;
  parsed?: { value: unknown };
}

/** `yaml.parse(text)` with the provisioner options; throws what `yaml.parse` throws. */
export function parseRenderedYaml(text: string, cache: RenderedYamlCache): unknown {
  if (cache.text === text) {
    // The second time: parse once more for a copy nobody holds; from then on, copy it.
    cache.parsed ??= { value: parseYamlText(text, OPTIONS) };
    return structuredClone(cache.parsed.value);
  }
  // Most fields are plain block YAML: read them directly; anything else goes to the library.
  const fast = parseYamlSubset(text);
  const value = fast ? fast.value : parseYamlText(text, OPTIONS);
  cache.text = text;
  cache.parsed = undefined;
  return value;
}
