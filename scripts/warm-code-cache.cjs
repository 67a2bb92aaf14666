// Makes dist/cli/scorec.code-cache (run by scripts/bundle-cli.mjs in a child process of its own, so the V8 flags
// are those of a plain `node`): loads the bundle the way bin/scorec.js does, runs a check of a small project with
// provisioning, then saves the bytecode of everything compiled so far in the core pack. With --list it prints the
// bundle modules the check loaded instead (JSON), which bundle-cli.mjs puts in the core pack. Without the warm-up the cache would hold
// the bundle's top level only, and every function a check calls would still be compiled on each run.
"use strict";
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { loadCli, CODE_CACHE, CORE, sealCodeCache } = require("../bin/scorec.js");

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: web
  annotations:
    example.com/team: web
service:
  ports:
    http:
      port: 8080
      targetPort: 80
containers:
  main:
    image: ghcr.io/example/web:1.0.0
    command: ["/bin/web"]
    args: ["--port", "80"]
    variables:
      NAME: "web-\${metadata.name}"
      DB_HOST: \${resources.db.host}
      DB_PASSWORD: \${resources.db.password}
      CACHE_HOST: \${resources.cache.host}
    files:
      - target: /etc/web/config.yaml
        content: "name: \${metadata.name}"
    volumes:
      - source: \${resources.data}
        target: /data
    resources:
      limits:
        cpu: 500m
        memory: 256Mi
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
resources:
  db:
    type: postgres
  cache:
    type: redis
  data:
    type: volume
  dns:
    type: dns
`;

async function warm() {
  const dir = mkdtempSync(join(tmpdir(), "scorec-warm-"));
  try {
    writeFileSync(join(dir, "score.yaml"), SCORE);
    const { cli, core, loaded } = loadCli();
    let out = "";
    let code = -1;
    await cli.main(["check", join(dir, "score.yaml")], { out: (s) => void (out += s), err: (s) => void (out += s), setExit: (n) => void (code = n) });
    // A warm-up that fails would cache the wrong paths; say why and make no cache.
    if (code !== 0) throw new Error(`warm-up check exited ${code}:\n${out}`);
    if (process.argv.includes("--list")) process.stdout.write(JSON.stringify(loaded()) + "\n");
    else writeFileSync(CODE_CACHE, sealCodeCache(readFileSync(CORE), core.createCachedData()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

warm().catch((e) => {
  process.stderr.write(`warm-code-cache: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
