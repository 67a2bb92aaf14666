import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "targets/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "threads",
    reporters: ["default", "./test/reporters/summary-line.ts"],
  },
});
