import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Third-party test corpora vendored into the repository, each with its PROVENANCE.md (test/corpora/README.md). */
export const CORPORA = join(REPO, "test", "corpora");
export const corpus = (...p: string[]): string => join(CORPORA, ...p);
export const fixture = (...p: string[]): string => join(REPO, "fixtures", ...p);
