// A per-string memo for pure functions of short strings that repeat across a project (placeholder texts,
// scalar style answers). Bounded: strings longer than `maxLength` are not kept, and the whole memo is
// dropped when it holds `maxEntries`, so a project of distinct values cannot grow it without end.
export function boundedMemo<T>(compute: (s: string) => T, maxEntries: number, maxLength: number): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    if (s.length > maxLength) return compute(s);
    let value = memo.get(s);
    if (value === undefined && !memo.has(s)) {
      if (memo.size >= maxEntries) memo.clear();
      memo.set(s, (value = compute(s)));
    }
    return value as T;
  };
}
