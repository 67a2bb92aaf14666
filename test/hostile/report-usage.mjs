// Preloaded (node --import) into every fenced child: when the process exits, however it exits, it writes its
// peak resident memory (process.resourceUsage().maxRSS, in KiB, worker threads included) to file
// descriptor 3, a pipe the harness reads. A child killed on its time limit writes nothing. Worker threads
// inherit the preload: only the main thread reports (its figure covers the workers).
import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

if (isMainThread)
  process.on("exit", () => {
    try {
      writeSync(
        3,
        JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }),
      );
    } catch {
      // fd 3 is not a pipe (the module was preloaded by hand): nothing to report to
    }
  });
