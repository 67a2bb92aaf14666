// Merge for provisioners' shared state: later values win, mappings merge key by key.
export function deepMerge(into: Record<string, unknown>, from: unknown): Record<string, unknown> {
  if (!from || typeof from !== "object" || Array.isArray(from)) return into;
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (v && typeof v === "object" && !Array.isArray(v) && cur && typeof cur === "object" && !Array.isArray(cur)) {
      deepMerge(cur as Record<string, unknown>, v);
    } else {
      into[k] = v;
    }
  }
  return into;
}
