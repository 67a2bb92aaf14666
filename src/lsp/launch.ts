// Entry point for `node dist/src/lsp/launch.js`: used by the child-process test, the latency benchmark
// and editors configured before `scorec lsp` exists.
import { runLsp } from "./server.js";

runLsp();
