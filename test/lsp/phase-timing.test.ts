// The benchmark's per-phase figures: off unless asked for, and then one parseable line per analysis.
import { describe, expect, it } from "vitest";
import { phaseTimerFromEnv } from "../../src/lsp/phase-timing.js";

describe("phase timing", () => {
  it("is off without SCOREC_LSP_TIMING=1", () => {
    expect(phaseTimerFromEnv({})).toBeUndefined();
    expect(phaseTimerFromEnv({ SCOREC_LSP_TIMING: "0" })).toBeUndefined();
  });

  it("writes one line per analysis with every phase that ran", () => {
    const lines: string[] = [];
    const timer = phaseTimerFromEnv({ SCOREC_LSP_TIMING: "1" }, (l) => lines.push(l))!;
    timer.scheduled("file:///a.score.yaml");
    const t = timer.start("file:///a.score.yaml");
    for (const p of ["settings", "analyze", "convert", "send"] as const) t.phase(p);
    t.done();
    // An analysis that was not scheduled (none pending for this document) has no queued phase.
    timer.start("file:///b.score.yaml").done();
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => {
      expect(l.startsWith("scorec-timing ")).toBe(true);
      return JSON.parse(l.slice("scorec-timing ".length)) as Record<string, number>;
    });
    expect(Object.keys(first!).sort()).toEqual(["analyzeMs", "convertMs", "gcMs", "heapMB", "majorGcs", "queuedMs", "sendMs", "settingsMs"]);
    for (const v of Object.values(first!)) expect(v).toBeGreaterThanOrEqual(0);
    expect(second).not.toHaveProperty("queuedMs");
  });
});
