// The YAML a provisioner template renders, as data. Parsing it is most of a generate run's time, and many
// fields render the very same text for every resource of a type (a shared instance's `services`, `volumes`,
// `shared`), so a field whose text repeats is parsed once.
//
// Text the subset reader (yaml-subset.ts) accepts is read without the library: same value, property-tested.
// Equivalent by construction: `yaml.parse` is a pure function of (text, options), and structuredClone keeps
// everything its result can hold (plain objects and arrays, own `__proto__` keys, -0/NaN/Infinity, values an
// alias shares between two places, cycles).
//
// Two ways to hand out a repeated parse:
// - `copy`: data the caller changes or passes to templates (init, state, shared, outputs; sprig's `set`
//   changes a dict in place) gets its own structuredClone; the kept parse is never one handed out.
// - `share`: target fragments (services, volumes, files…), which targets only read, get the one parse,
//   deeply frozen, so a thousand resources of a shared instance hold one tree, not a thousand copies, and
//   none is cloned (a write to it throws instead of leaking into another resource). A text seen once is
//   not frozen: most resources render their own names, and freezing those would only cost time.
import { parse as parseYamlText } from "yaml";
import { parseYamlSubset } from "../parse/yaml-subset.js";
import { NOT_BUILT } from "./rendered-shape.js";

const OPTIONS = { schema: "core", uniqueKeys: false } as const;

/** One field of one provisioner: the last text it rendered, and a parse of it kept for when it repeats. */
export interface RenderedYamlCache {
  text?: string;
  parsed?: { value: unknown };
}

export type RenderedYamlUse = "copy" | "share";

/** `yaml.parse(text)` with the provisioner options; throws what `yaml.parse` throws. */
export function parseRenderedYaml(text: string, cache: RenderedYamlCache, use: RenderedYamlUse = "copy", build?: () => unknown): unknown {
  if (cache.text === text) {
    // The second time: parse once more for a value nobody holds yet (the first one's holder may change it);
    // from then on, share it frozen or hand out copies.
    if (use === "share") return (cache.parsed ??= { value: deepFreeze(parseYamlText(text, OPTIONS)) }).value;
    cache.parsed ??= { value: parseYamlText(text, OPTIONS) };
    return structuredClone(cache.parsed.value);
  }
  // A flat template's value built from its skeleton (rendered-shape.ts) is that parse, without the parse.
  if (build) {
    const built = build();
    if (built !== NOT_BUILT) {
      cache.text = text;
      cache.parsed = undefined;
      return built;
    }
  }
  // Most fields are plain block YAML: read them directly; anything else goes to the library.
  const fast = parseYamlSubset(text);
  const value = fast ? fast.value : parseYamlText(text, OPTIONS);
  cache.text = text;
  cache.parsed = undefined;
  return value;
}

/** Freezes a parsed tree in place (alias-shared parts and cycles once each) and returns it. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
