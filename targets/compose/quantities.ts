// Score (Kubernetes-style) CPU and memory quantities → Compose `deploy.resources` values.

/** "500m" → "0.5", "2" → "2", "1.5" → "1.5". Undefined when not a CPU quantity. */
export function composeCpus(q: string): string | undefined {
  const m = /^(\d+)m$/.exec(q);
  if (m) {
    const milli = Number(m[1]);
    return String(milli / 1000);
  }
  return /^\d+(\.\d+)?$/.test(q) ? q : undefined;
}

const BINARY: Record<string, string> = { Ki: "k", Mi: "m", Gi: "g" };
const DECIMAL: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** "256Mi" → "256m" (Compose units are powers of 1024), "1G" → "1000000000" (bytes), "512" → "512". */
export function composeMemory(q: string): string | undefined {
  const m = /^(\d+)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2];
  if (!unit) return String(n);
  if (unit === "Ti") return `${n * 1024}g`;
  if (BINARY[unit]) return `${n}${BINARY[unit]}`;
  return String(n * DECIMAL[unit]!);
}
