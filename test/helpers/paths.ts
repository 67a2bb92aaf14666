import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED = join(REPO, "..", "shared");
export const fixture = (...p: string[]): string => join(REPO, "fixtures", ...p);
