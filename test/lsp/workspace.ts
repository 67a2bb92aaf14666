// A throwaway workspace on disk for the language-server tests: Score files and a user provisioner file.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const INVALID = ["apiVersion: score.dev/v1b1", "metadata:", "  name: web", "containers:", "  main:", "    imgae: nginx:1.27.3", ""].join("\n");
export const FIXED = INVALID.replace("imgae", "image");

export const WITH_RESOURCES = [
  "apiVersion: score.dev/v1b1",
  "metadata:",
  "  name: web",
  "containers:",
  "  main:",
  "    image: nginx:1.27.3",
  "    variables:",
  "      DB_HOST: ${resources.db.host}",
  "      CACHE: ${resources.cache.url}",
  "resources:",
  "  db:",
  "    type: postgres",
  "  cache:",
  "    type: my-cache",
  "",
].join("\n");

export const PROVISIONERS = [
  "- uri: template://test/my-cache",
  "  type: my-cache",
  "  description: A cache for tests.",
  "  outputs: |",
  "    url: cache://here",
  "  expected_outputs:",
  "    - url",
  "",
].join("\n");

export interface Workspace {
  dir: string;
  uri: string;
  fileUri(name: string): string;
  write(name: string, text: string): string;
}

export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "scorec-lsp-"));
  mkdirSync(join(dir, ".scorec"));
  writeFileSync(join(dir, ".scorec", "test.provisioners.yaml"), PROVISIONERS);
  return {
    dir,
    uri: pathToFileURL(dir).href,
    fileUri: (name) => pathToFileURL(join(dir, name)).href,
    write: (name, text) => {
      writeFileSync(join(dir, name), text);
      return pathToFileURL(join(dir, name)).href;
    },
  };
}
