// Preloaded (node --import) into every fenced child: when the process exits, however it exits, it writes its
// peak resident memory to file descriptor 3, a pipe the harness reads. A child killed on its time limit
// writes nothing. The figure is VmHWM from /proc/self/status, the high-water mark of this process's own
// address space (worker threads included), not process.resourceUsage().maxRSS: Linux carries maxRSS over
// fork and exec, so it would report the spawning test runner's size. Worker threads inherit the preload:
// only the main thread reports.
import { readFileSync, writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

if (isMainThread)
  process.on("exit", () => {
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
      writeSync(3, JSON.stringify({ maxRssKb: hwm ? Number(hwm[1]) : null }));
    } catch {
      // fd 3 is not a pipe (the module was preloaded by hand): nothing to report to
    }
  });
