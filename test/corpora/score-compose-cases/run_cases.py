#!/usr/bin/env python3
"""Run every case under cases/ beside this script with scorec and compare with score-compose's expectation.

usage: run_cases.py [--json results.json] [case-name-substring ...]

For each case: copy the folder to $TMPDIR/peer-score-compose/cases/<case>, run cmd.txt there (scorec = node <checkout>/bin/scorec.js), then by meta.json mode:
  exact    parse expected.yaml and out/compose.yaml, semantic diff (maps by key; volume mounts matched by target, ports
           as a set; scalars compared loosely: 8080 == "8080"); random tokens from meta.random are matched by regex
  contains substring(s) of out/compose.yaml
  error    scorec must exit non-zero; its message is printed next to score-compose's expected message
  custom   checks.py check(compose, outdir) -> failures
  smoke    exit 0
Every produced compose.yaml is also validated against ../compose-spec/compose-spec.json (beside this folder).
"""
import glob, json, os, re, shutil, subprocess, sys, tempfile
import yaml
import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "cases")
WORK = os.path.join(tempfile.gettempdir(), "peer-score-compose", "cases")
BIN = os.path.join(tempfile.gettempdir(), "peer-score-compose", "bin")
CHECKOUT = os.environ.get("SCOREC_CHECKOUT", os.getcwd())  # the project checkout (bars run there)
SCHEMA = json.load(open(os.path.join(HERE, "..", "compose-spec", "compose-spec.json")))


def loose_eq(a, b):
    if a == b:
        return True
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    norm = lambda v: ("true" if v is True else "false" if v is False else "null" if v is None else str(v))
    return norm(a) == norm(b)


def diff(exp, act, path, out):
    if isinstance(exp, dict) and isinstance(act, dict):
        for k in sorted(set(exp) | set(act), key=str):
            p = path + [str(k)]
            if k not in act:
                out.append((p, "missing", exp[k], None))
            elif k not in exp:
                out.append((p, "extra", None, act[k]))
            else:
                diff(exp[k], act[k], p, out)
        return
    if isinstance(exp, list) and isinstance(act, list):
        last = path[-1] if path else ""
        if last == "volumes" and all(isinstance(x, dict) and "target" in x for x in exp + act):
            e = {x["target"]: x for x in exp}
            a = {x["target"]: x for x in act}
            diff(e, a, path[:-1] + ["volumes[target]"], out)
            return
        if last == "ports" and all(isinstance(x, dict) for x in exp + act):
            key = lambda x: "%s->%s" % (x.get("published"), x.get("target"))
            diff({key(x): x for x in exp}, {key(x): x for x in act}, path[:-1] + ["ports[pub->target]"], out)
            return
        if len(exp) != len(act) or not all(loose_eq(x, y) or (isinstance(x, (dict, list)) and x == y) for x, y in zip(exp, act)):
            sub = []
            if len(exp) == len(act):
                for i, (x, y) in enumerate(zip(exp, act)):
                    diff(x, y, path + [str(i)], sub)
            if sub:
                out.extend(sub)
            else:
                out.append((path, "changed", exp, act))
        return
    if not loose_eq(exp, act):
        out.append((path, "changed", exp, act))


# Systematic, cosmetic differences seen in every exact case; a case "matches modulo systematic" when only these remain.
SYSTEMATIC = {
    "S1": "workload name as `networks.default.aliases` instead of `hostname`",
    "S2": "no `compose.score.dev/workload-name` annotation",
    "S3": "file mounts under ./mounts/files/<workload>-<container>/<path> instead of .score-compose/mounts/files/<workload>-files-<basename>",
}


def systematic(d, actual):
    path, kind, exp, act = d
    p = ".".join(path)
    if path[-1:] == ["hostname"] and kind == "missing":
        svc = actual.get("services", {}).get(path[1], {}) if len(path) == 3 else {}
        if exp in (((svc.get("networks") or {}).get("default") or {}).get("aliases") or []):
            return "S1"
    if path[-1:] == ["networks"] and kind == "extra" and isinstance(act, dict) and list(act) == ["default"] \
            and list(act["default"]) == ["aliases"]:
        return "S1"
    if p.endswith("annotations.compose.score.dev/workload-name") and kind == "missing":
        return "S2"
    if path[-1:] == ["annotations"] and kind == "missing" and isinstance(exp, dict) and list(exp) == ["compose.score.dev/workload-name"]:
        return "S2"
    if path[-1:] == ["source"] and kind == "changed" and str(exp).startswith(".score-compose/mounts/files/") \
            and str(act).startswith("./mounts/files/"):
        return "S3"
    return None


def apply_random(expected_text, actual_text, random):
    """Replace, in actual, whatever matches each random token's regex by the token used in expected."""
    for token, rx in random.items():
        m = re.search(rx, actual_text)
        if m:
            actual_text = actual_text.replace(m.group(0), token)
    return actual_text


def run_case(name):
    src = os.path.join(ROOT, name)
    meta = json.load(open(os.path.join(src, "meta.json")))
    wd = os.path.join(WORK, name)
    if os.path.exists(wd):
        shutil.rmtree(wd)
    shutil.copytree(src, wd)
    cmd = open(os.path.join(src, "cmd.txt")).read().strip()
    env = dict(os.environ, PATH=BIN + ":" + os.environ["PATH"], NO_COLOR="1")
    env.pop("UNKNOWN_SCORE_VARIABLE", None)
    p = subprocess.run(["bash", "-c", cmd], cwd=wd, env=env, capture_output=True, text=True, timeout=120)
    res = dict(name=name, source=meta["source"], mode=meta["mode"], rc=p.returncode, stderr=p.stderr.strip(),
               adapted=meta.get("adapted", ""), notes=meta.get("notes", ""))
    outdir = os.path.join(wd, "out")
    cpath = os.path.join(outdir, "compose.yaml")
    compose, raw = None, None
    if os.path.exists(cpath):
        raw = open(cpath).read()
        compose = yaml.safe_load(raw)
        try:
            jsonschema.validate(compose, SCHEMA)
            res["schema_valid"] = True
        except jsonschema.ValidationError as e:
            res["schema_valid"] = False
            res["schema_error"] = "%s at %s" % (e.message, "/".join(map(str, e.absolute_path)))
    fails = []
    mode = meta["mode"]
    if mode == "error":
        res["expected_error"] = meta["error"]
        if p.returncode == 0:
            fails.append("scorec accepted the input (exit 0); score-compose fails with: " + meta["error"])
    else:
        if p.returncode != 0 or compose is None:
            fails.append("scorec failed (exit %d): %s" % (p.returncode, p.stderr.strip()[-800:]))
        else:
            if mode == "exact":
                exp_text = open(os.path.join(src, "expected.yaml")).read()
                act = yaml.safe_load(apply_random(exp_text, raw, meta.get("random", {})))
                d = []
                diff(yaml.safe_load(exp_text), act, [], d)
                res["diffs"] = [dict(path=".".join(x[0]), kind=x[1], expected=x[2], actual=x[3], systematic=systematic(x, act)) for x in d]
                res["real_diffs"] = [x for x in res["diffs"] if not x["systematic"]]
                fails.extend("%s %s: expected %r, scorec %r" % (".".join(x[0]), x[1], x[2], x[3]) for x in d)
            for s in meta.get("contains", []):
                if s not in raw:
                    (fails if mode == "contains" else res.setdefault("contains_fail", [])).append("compose.yaml lacks %r" % s)
            if os.path.exists(os.path.join(src, "checks.py")):
                ns = {}
                exec(open(os.path.join(src, "checks.py")).read(), ns)
                try:
                    cf = ns["check"](compose, outdir)
                except Exception as e:  # a check crashing is a failure of the case
                    cf = ["check raised %s: %s" % (type(e).__name__, e)]
                fails.extend("check: " + x for x in cf)
    res["fails"] = fails
    res["match"] = not fails
    res["compose"] = raw
    return res


def main(argv):
    os.makedirs(BIN, exist_ok=True)
    with open(os.path.join(BIN, "scorec"), "w") as f:
        f.write("#!/bin/sh\nexec node %s/bin/scorec.js \"$@\"\n" % CHECKOUT)
    os.chmod(os.path.join(BIN, "scorec"), 0o755)
    out_json = None
    if argv[:1] == ["--json"]:
        out_json, argv = argv[1], argv[2:]
    names = sorted(os.listdir(ROOT))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    results = [run_case(n) for n in names]
    for r in results:
        flag = "MATCH" if r["match"] else "DIFF "
        sv = "" if "schema_valid" not in r else ("" if r["schema_valid"] else "  [compose schema INVALID: %s]" % r["schema_error"])
        print("%s %-40s %-8s%s" % (flag, r["name"], r["mode"], sv))
        if r["mode"] == "error":
            msg = r["stderr"].splitlines()
            print("      score-compose: %s" % r["expected_error"].replace("\n", "\\n"))
            print("      scorec (rc=%d): %s" % (r["rc"], " | ".join(m.strip() for m in msg[:6])[:600]))
        if "diffs" in r:
            for x in r["diffs"]:
                print("      - %s%s %s: expected %r, scorec %r" % ("[%s] " % x["systematic"] if x["systematic"] else "", x["path"], x["kind"], x["expected"], x["actual"]))
            fl = [f for f in r["fails"] if not f.startswith("check: ") and " expected " not in f] + [f for f in r["fails"] if f.startswith("check: ")]
        else:
            fl = r["fails"]
        for f in fl:
            print("      - " + f[:400])
        for f in r.get("contains_fail", []):
            print("      (byte-level contains of the test) " + f)
    n = len(results)
    m = sum(r["match"] for r in results)
    print("\n%d cases, %d match, %d differ" % (n, m, n - m))
    by_mode = {}
    for r in results:
        by_mode.setdefault(r["mode"], [0, 0])
        by_mode[r["mode"]][0] += 1
        by_mode[r["mode"]][1] += r["match"]
    print("by mode: " + ", ".join("%s %d/%d" % (k, v[1], v[0]) for k, v in sorted(by_mode.items())))
    def modsys(r):
        if r["match"]:
            return True
        if r["mode"] != "exact" or "diffs" not in r:
            return False
        other = [f for f in r["fails"] if not (" expected " in f and not f.startswith("check: "))]
        return not r["real_diffs"] and not other
    ms = [r for r in results if modsys(r)]
    print("match modulo systematic differences %s: %d/%d" % ("+".join(SYSTEMATIC), len(ms), n))
    for k, v in SYSTEMATIC.items():
        print("  %s = %s" % (k, v))
    if out_json:
        json.dump(results, open(out_json, "w"), indent=2, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
