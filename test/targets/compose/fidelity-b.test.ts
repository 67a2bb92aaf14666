// score-compose fidelity (issue 11, second half): file modes, environment values where Compose cannot
// interpolate them, the wait-for-resources service, provisioner models and info_logs.
import { describe, expect, it } from "vitest";
import { infoLogs } from "../../../src/provision/info-logs.js";
import { composeRun } from "../../helpers/compose-run.js";

const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: ww\ncontainers:\n  cc:\n    image: busybox\n";

describe("files: read-write unless the mode removes the owner's write bit", () => {
  it("maps modes as score-compose does", async () => {
    const r = await composeRun(
      head +
        `    files:\n      /ant.txt:\n        content: a\n      /bat.txt:\n        content: b\n        mode: "0600"\n      /cat.txt:\n        content: c\n        mode: "0754"\n      /dog.txt:\n        content: d\n        mode: "0444"\n`,
    );
    expect(r.errors).toEqual([]);
    const vols = Object.fromEntries((r.compose!.services["ww-cc"].volumes as any[]).map((v) => [v.target, v.read_only ?? false]));
    expect(vols).toEqual({ "/ant.txt": false, "/bat.txt": false, "/cat.txt": false, "/dog.txt": true });
    const modes = Object.fromEntries(r.artifacts!.filter((a) => a.path.startsWith("mounts/")).map((a) => [a.path.split("/").pop(), a.mode]));
    expect(modes).toEqual({ "ant.txt": 0o644, "bat.txt": 0o600, "cat.txt": 0o754, "dog.txt": 0o644 });
  });

  it("a mode the owner cannot read is a positioned error", async () => {
    const r = await composeRun(head + `    files:\n      /x.txt:\n        content: a\n        mode: "0044"\n`);
    expect(r.artifacts).toBeUndefined();
    expect(r.errors.map((e) => [e.ruleId, e.range.start.line])).toEqual([["compose/file-mode", 10]]);
  });
});

describe("environment values cannot be resolved at compile time", () => {
  const env = "resources:\n  env:\n    type: environment\n";
  it("in file content: an error at the placeholder", async () => {
    const r = await composeRun(head + `    files:\n      /f:\n        content: "x \${resources.env.SECRET_X} y"\n` + env);
    expect(r.artifacts).toBeUndefined();
    expect(r.errors.map((e) => e.ruleId)).toEqual(["provision/env-not-resolvable"]);
    expect(r.errors[0]!.message).toContain('environment variable "SECRET_X"');
    expect(r.errors[0]!.range.start).toMatchObject({ line: 9, column: 21 });
  });
  it("in resource params: an error at the param", async () => {
    const r = await composeRun(head + env + "  data:\n    type: volume\n    params:\n      x: ${resources.env.SECRET_X}\n");
    expect(r.artifacts).toBeUndefined();
    expect(r.errors.map((e) => [e.ruleId, e.pointer])).toEqual([["provision/env-not-resolvable", "/resources/data/params/x"]]);
  });
  it("in variables: still a Compose interpolation", async () => {
    const r = await composeRun(head + "    variables:\n      ONE: ${resources.env.SECRET_X}\n" + env);
    expect(r.errors).toEqual([]);
    expect(r.compose!.services["ww-cc"].environment).toEqual({ ONE: "${SECRET_X}" });
  });
});

const PROVISIONERS = `
- uri: template://test/thing
  type: thing
  services: |
    init_service:
      image: thing
      labels:
        dev.score.compose.labels.is-init-container: "true"
    listed_init:
      image: thing
      labels: ["dev.score.compose.labels.is-init-container=true"]
    generic_service:
      image: other
    service_with_healthcheck:
      image: something
      healthcheck:
        test: ["CMD", "boo"]
    disabled_healthcheck:
      image: something
      healthcheck:
        disable: true
  info_logs: |
    - "connect with: thing://{{ .Id }}"
    - second line
- uri: template://test/model
  type: llm-model
  models: |
    {{ .Id }}-model:
      model: ai/gemma3
`;

describe("wait-for-resources", () => {
  it("waits for each resource service by its kind; workload services wait for it", async () => {
    const r = await composeRun(head + "resources:\n  th:\n    type: thing\n", PROVISIONERS);
    expect(r.errors).toEqual([]);
    const s = r.compose!.services;
    expect(s["wait-for-resources"]).toEqual({
      image: "alpine",
      command: ["echo"],
      depends_on: {
        disabled_healthcheck: { condition: "service_started", required: true },
        generic_service: { condition: "service_started", required: true },
        init_service: { condition: "service_completed_successfully", required: true },
        listed_init: { condition: "service_completed_successfully", required: true },
        service_with_healthcheck: { condition: "service_healthy", required: true },
      },
    });
    expect(s["ww-cc"].depends_on).toEqual({ "wait-for-resources": { condition: "service_completed_successfully", required: true } });
  });
  it("is absent when no provisioner adds services", async () => {
    const r = await composeRun(head);
    expect(Object.keys(r.compose!.services)).toEqual(["ww-cc"]);
    expect(r.compose!.services["ww-cc"].depends_on).toBeUndefined();
  });
});

describe("provisioner models and info_logs", () => {
  it("models go to the top level and to the declaring workload's services", async () => {
    const r = await composeRun(head + "resources:\n  my-model:\n    type: llm-model\n", PROVISIONERS);
    expect(r.errors).toEqual([]);
    expect(r.compose!.models).toEqual({ "ww.my-model-model": { model: "ai/gemma3" } });
    expect(r.compose!.services["ww-cc"].models).toEqual({ "ww.my-model-model": {} });
    expect(r.text!.indexOf("\nmodels:")).toBeGreaterThan(r.text!.indexOf("\nservices:"));
  });
  it("info_logs become uid-prefixed lines in provisioning order", async () => {
    const r = await composeRun(head + "resources:\n  th:\n    type: thing\n  ab:\n    type: thing\n", PROVISIONERS);
    expect(infoLogs(r.result.provision)).toEqual([
      "thing.default#ww.ab: connect with: thing://ww.ab",
      "thing.default#ww.ab: second line",
      "thing.default#ww.th: connect with: thing://ww.th",
      "thing.default#ww.th: second line",
    ]);
  });
  it("info_logs that are not a list are a provisioner error", async () => {
    const r = await composeRun(head + "resources:\n  th:\n    type: thing\n", "- uri: template://x\n  type: thing\n  info_logs: |\n    a: b\n");
    expect(r.errors.map((e) => e.ruleId)).toContain("provision/failed");
    expect(r.errors.map((e) => e.message).join("\n")).toMatch(/info_logs: the template must render a list of strings/);
  });
});
