import { describe, expect, it } from "vitest";
import { printArtifacts } from "../../src/emit/artifact-writer.js";

describe("printArtifacts", () => {
  it("prints a single artifact as it is", () => {
    expect(printArtifacts([{ path: "compose.yaml", content: "name: x\n" }])).toBe("name: x\n");
    expect(printArtifacts([{ path: "f", content: new TextEncoder().encode("héllo") }])).toBe("héllo");
  });

  it("prints several as a stream with a --- line and a # path comment before each", () => {
    const out = printArtifacts([
      { path: "compose.yaml", content: "name: x\n" },
      { path: ".env.example", content: "A=" },
      { path: "empty", content: "" },
      { path: "bin", content: new Uint8Array([0xff, 0x00]) },
    ]);
    expect(out).toBe("---\n# compose.yaml\nname: x\n---\n# .env.example\nA=\n---\n# empty\n---\n# bin (binary, base64)\n/wA=\n");
  });
});
