// Synthetic, realistic workloads for the benchmark: 2 containers, 10 variables, 3 resources each.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function workloadYaml(i) {
  const name = `svc-${String(i).padStart(5, "0")}`;
  const vars = (prefix) =>
    Array.from({ length: 5 }, (_, k) => `      ${prefix}_${k}: "value-${k}-\${metadata.name}"`).join("\n");
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    team.example.com/owner: team-${i % 7}
service:
  ports:
    http:
      port: 8080
      targetPort: 80
containers:
  main:
    image: ghcr.io/example/${name}:1.${i % 10}.0
    variables:
${vars("MAIN")}
      DB_HOST: \${resources.db.host}
      DB_PASSWORD: \${resources.db.password}
      CACHE_HOST: \${resources.cache.host}
    resources:
      limits:
        cpu: 500m
        memory: 256Mi
      requests:
        cpu: 100m
        memory: 128Mi
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
  sidecar:
    image: ghcr.io/example/proxy:2.4.1
    variables:
${vars("SIDE")}
    resources:
      limits:
        cpu: 100m
        memory: 64Mi
resources:
  db:
    type: postgres
  cache:
    type: redis
  data:
    type: volume
`;
}

/** Writes n workloads as n files under dir and returns the file paths. */
export function writeWorkloads(dir, n) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const f = join(dir, `w${String(i).padStart(5, "0")}.score.yaml`);
    writeFileSync(f, workloadYaml(i));
    files.push(f);
  }
  return files;
}
