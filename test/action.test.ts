/**
 * The Action's run step (action/run.sh), run as GitHub would: bash, in the
 * working directory, with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY pointing at
 * files. Issue 21, problem 2: a failed install or an error must not pass as
 * "findings", and a missing report must fail the step.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { cleanupTemp, GO_MOD, clean, racy, repoRoot, tempDir, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

const script = path.join(repoRoot, "action", "run.sh");

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

function step(cwd: string, inputs: Record<string, string>, actionPath = repoRoot): StepRun {
  const meta = tempDir("go-hazard-action-");
  const outputFile = path.join(meta, "output");
  const summaryFile = path.join(meta, "summary");
  fs.writeFileSync(outputFile, "");
  fs.writeFileSync(summaryFile, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: path.join(meta, "cache"),
    RUNNER_TEMP: meta,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GH_ACTION_PATH: actionPath,
    GH_PATTERNS: "./...",
    GH_FORMAT: "sarif",
    GH_OUTPUT: "",
    GH_CATEGORY: "",
    GH_VERSION: "",
    GH_FAIL: "false",
    ...inputs,
  };
  const r = spawnSync("bash", [script], { cwd, env, encoding: "utf8", timeout: 120_000 });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs, summary: fs.readFileSync(summaryFile, "utf8") };
}

/** A stand-in for go-hazard (GH_ACTION_PATH/bin/go-hazard.js) that exits with `code` and writes nothing. */
function fakeAction(code: number): string {
  return tempTree({ "bin/go-hazard.js": `process.exit(${code});\n` });
}

test("clean code: exit 0, result clean, the SARIF file written", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": clean() });
  const r = step(root, {});
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.outputs, { output: "go-hazard.sarif", "exit-code": "0", result: "clean" });
  assert.ok(fs.statSync(path.join(root, "go-hazard.sarif")).size > 0);
});

test("findings: the step succeeds unless fail-on-findings, and says so", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": racy() });
  const r = step(root, {});
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs["exit-code"], "1");
  assert.equal(r.outputs.result, "findings");
  assert.match(r.stdout, /fail-on-findings is false, so the step succeeds and go-hazard.sarif is ready for upload/);
  const log = JSON.parse(fs.readFileSync(path.join(root, "go-hazard.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
  assert.ok(log.runs[0]!.results.length > 0);
  const strict = step(root, { GH_FAIL: "true" });
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /::error title=go-hazard::go-hazard reported findings/);
});

test("an error of go-hazard (exit 2) fails the step; it is not taken for findings", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": clean() });
  const r = step(root, { GH_PATTERNS: "./nowhere" });
  assert.equal(r.code, 2);
  assert.equal(r.outputs["exit-code"], "2");
  assert.equal(r.outputs.result, "error");
  assert.match(r.stdout, /::error title=go-hazard::go-hazard stopped with a usage or internal error/);
  assert.match(r.summary, /go-hazard failed/);
  assert.doesNotMatch(r.stdout, /step succeeds/);
});

test("a failed install fails the step before go-hazard runs", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": racy() });
  const r = step(root, { GH_VERSION: path.join(root, "no-such-go-hazard.tgz") });
  assert.equal(r.code, 2);
  assert.match(r.stdout, /::error title=go-hazard::could not install .*no-such-go-hazard\.tgz/);
  assert.equal(r.outputs["exit-code"], undefined, "go-hazard never ran");
});

test("a missing report fails the step, whatever the exit code", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": racy() });
  for (const code of [0, 1]) {
    const r = step(root, {}, fakeAction(code));
    assert.equal(r.code, 2, `exit ${code}`);
    assert.match(r.stdout, new RegExp(`go-hazard exited with ${code} but wrote no report to go-hazard.sarif`));
  }
  const crash = step(root, {}, fakeAction(134));
  assert.equal(crash.code, 2);
  assert.match(crash.stdout, /ended abnormally \(exit code 134\)/);
});

test("working-directory below the repository: a report in the run root, other formats to the log", () => {
  const root = tempTree({ "svc/go.mod": GO_MOD, "svc/a.go": racy() });
  const r = step(path.join(root, "svc"), { GH_FORMAT: "github" });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs.output, "");
  assert.match(r.stdout, /::error file=a\.go,line=\d+/);
});
