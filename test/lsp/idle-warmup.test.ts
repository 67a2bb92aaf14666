// The idle warm-up: runs only when nothing is scheduled, one run per turn, postponed by activity, stops
// after its budget or when told; and, in a server, publishes nothing and leaves the diagnostics alone.
import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleWarmup } from "../../src/lsp/idle-warmup.js";

describe("IdleWarmup", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** A warm-up whose runs answer `result` and are counted, told of activity once (an analysis just ended). */
  const counted = (result: () => boolean | Promise<boolean>, opts: { runs?: number; idleMs?: number } = {}, busy = () => false) => {
    let runs = 0;
    const w = new IdleWarmup(async () => (runs++, result()), busy, { runs: 5, idleMs: 10, gapMs: 1, ...opts });
    w.activity();
    return { w, runs: () => runs };
  };

  it("runs its budget once quiet, then stops", async () => {
    const { w, runs } = counted(() => true, { runs: 3, idleMs: 100 });
    await vi.advanceTimersByTimeAsync(99);
    expect(runs()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs()).toBe(3);
    w.activity();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs()).toBe(3);
  });

  it("waits while busy and is postponed by activity", async () => {
    let busy = true;
    const { w, runs } = counted(() => true, { idleMs: 100 }, () => busy);
    await vi.advanceTimersByTimeAsync(500);
    expect(runs()).toBe(0);
    busy = false;
    await vi.advanceTimersByTimeAsync(150);
    const before = runs();
    expect(before).toBeGreaterThan(0);
    w.activity(); // an edit: quiet time starts again
    await vi.advanceTimersByTimeAsync(50);
    expect(runs()).toBe(before);
  });

  it("stops when there is nothing to warm, when a run fails, and on stop()", async () => {
    const nothing = counted(() => false);
    await vi.advanceTimersByTimeAsync(100);
    expect(nothing.runs()).toBe(1);
    const failing = counted(() => Promise.reject(new Error("boom")));
    await vi.advanceTimersByTimeAsync(100);
    failing.w.activity();
    await vi.advanceTimersByTimeAsync(100);
    expect(failing.runs()).toBe(1);
    const stopped = counted(() => true);
    stopped.w.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped.runs()).toBe(0);
  });
});

describe("the server's warm-up", () => {
  it("repeats the analysis without publishing, and the next edit is analysed as before", async () => {
    const analyzeModule = await import("../../src/lsp/analyze.js");
    const spy = vi.spyOn(analyzeModule, "analyze");
    const { inProcess } = await import("./lsp-client.js");
    const { FIXED, INVALID, makeWorkspace } = await import("./workspace.js");
    const ws = makeWorkspace();
    const p = inProcess({ warmup: { runs: 3, idleMs: 5, gapMs: 1 } });
    try {
      await p.client.initialize(ws.uri, { debounceMs: 0 });
      const uri = ws.fileUri("score.yaml");
      p.client.open(uri, INVALID);
      const opened = await p.client.diagnostics(uri, 1);
      expect(opened.length).toBeGreaterThan(0);
      await p.server.idle();
      await vi.waitFor(() => expect(p.server.warmupRuns()).toBe(3), { timeout: 20_000, interval: 20 });
      // The last three analyses were the warm-up's, of the same text; whatever was published is the open's.
      expect(spy.mock.calls.slice(-3).map((c) => c[1])).toEqual([INVALID, INVALID, INVALID]);
      for (const x of p.client.published.filter((x) => x.uri === uri)) expect(x).toMatchObject({ version: 1, diagnostics: opened });
      const v = p.client.change(uri, FIXED);
      expect(await p.client.diagnostics(uri, v)).toEqual([]);
      await p.server.idle();
      expect(p.client.published.filter((x) => x.uri === uri).at(-1)).toMatchObject({ version: v, diagnostics: [] });
    } finally {
      await p.client.request("shutdown", null);
      p.dispose();
      spy.mockRestore();
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
