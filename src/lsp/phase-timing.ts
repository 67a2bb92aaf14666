// Where an analysis's time goes, for benchmarks: with SCOREC_LSP_TIMING=1 in its environment the server
// writes one `scorec-timing {json}` line to stderr per published analysis (scripts/bench-lsp.mjs reads
// them). Off by default, and then nothing is measured. Stderr, not the protocol: clients never see it.
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";

export type Phase = "queued" | "settings" | "analyze" | "convert" | "send";

export interface AnalysisTiming {
  /** Start a phase (ending the previous one). */
  phase(name: Phase): void;
  /** End the last phase and write the line. */
  done(): void;
}

export interface PhaseTimer {
  /** A scheduled analysis: its "queued" phase starts now (debounce included). */
  scheduled(uri: string): void;
  /** The analysis of `uri` starts. */
  start(uri: string): AnalysisTiming;
}

/** The timer when SCOREC_LSP_TIMING=1, else undefined. */
export function phaseTimerFromEnv(env: NodeJS.ProcessEnv = process.env, write: (line: string) => void = (l) => void process.stderr.write(l + "\n")): PhaseTimer | undefined {
  if (env.SCOREC_LSP_TIMING !== "1") return undefined;
  // GC pauses are reported after the fact: each line carries the pauses observed since the previous line.
  let gcMs = 0;
  let majorGcs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const scheduledAt = new Map<string, number>();
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    scheduled(uri) {
      scheduledAt.set(uri, performance.now());
    },
    start(uri) {
      const ms: Partial<Record<Phase, number>> = {};
      const t0 = scheduledAt.get(uri);
      scheduledAt.delete(uri);
      let current: Phase | undefined;
      let since = performance.now();
      if (t0 !== undefined) ms.queued = since - t0;
      const end = (): void => {
        const now = performance.now();
        if (current) ms[current] = (ms[current] ?? 0) + now - since;
        since = now;
      };
      return {
        phase(name) {
          end();
          current = name;
        },
        done() {
          end();
          const out: Record<string, number> = {};
          for (const [k, v] of Object.entries(ms)) out[`${k}Ms`] = round(v);
          out.gcMs = round(gcMs);
          out.majorGcs = majorGcs;
          out.heapMB = round(getHeapStatistics().used_heap_size / 2 ** 20);
          gcMs = 0;
          majorGcs = 0;
          write(`scorec-timing ${JSON.stringify(out)}`);
        },
      };
    },
  };
}
