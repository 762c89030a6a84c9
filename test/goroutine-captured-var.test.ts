/**
 * goroutine-captured-var: the Go version that decides loop-variable semantics
 * (go.mod `go` line, `//go:build go1.N` upgrades and downgrades, no version),
 * the err check at every version, and suppression comments.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLint } from "../src/engine/index.js";
import type { Finding } from "../src/report/finding.js";
import { goMinor } from "../rules/util/hazard-syntax.js";
import { standardRules } from "./helpers/rule-set.js";

const RULE = "goroutine-captured-var";
const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

async function lint(goMod: string | null, files: Record<string, string>): Promise<Finding[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-gcv-")));
  roots.push(root);
  fs.writeFileSync(path.join(root, "go.mod"), `module example.com/gcv\n${goMod === null ? "" : `\ngo ${goMod}\n`}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const result = await runLint({ ruleSet: standardRules, cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [RULE]: "warning" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

const loop = (header = "") => `${header}package p

import "sync"

func Lengths(words []string) []int {
	out := make([]int, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = len(w)
		}()
	}
	wg.Wait()
	return out
}
`;

test("goMinor reads go.mod and build-constraint versions", () => {
  assert.equal(goMinor("1.21"), 21);
  assert.equal(goMinor("1.22.3"), 22);
  assert.equal(goMinor("go1.21rc1"), 21);
  assert.equal(goMinor("1.9"), 9);
  assert.equal(goMinor(null), null);
  assert.equal(goMinor("2.0"), null);
});

test("loop variables: reported below Go 1.22, silent from 1.22 and when the version is unknown", async () => {
  const old = await lint("1.21", { "p.go": loop() });
  assert.deepEqual(old.map((f) => f.line).sort(), [12, 12]);
  assert.ok(old.every((f) => /under Go 1\.21 \(go\.mod\)/.test(f.message)), old.map((f) => f.message).join("\n"));
  assert.deepEqual(await lint("1.21.5", { "p.go": loop() }).then((f) => f.length), 2);
  assert.deepEqual(await lint("1.16", { "p.go": loop() }).then((f) => f.length), 2);
  assert.deepEqual(await lint("1.22", { "p.go": loop() }), []);
  assert.deepEqual(await lint("1.23.1", { "p.go": loop() }), []);
  assert.deepEqual(await lint(null, { "p.go": loop() }), []);
});

test("loop variables: //go:build go1.N overrides go.mod in both directions", async () => {
  assert.deepEqual(await lint("1.21", { "p.go": loop("//go:build go1.22\n\n") }), []);
  const down = await lint("1.22", { "p.go": loop("//go:build go1.21\n\n") });
  assert.equal(down.length, 2);
  assert.ok(down.every((f) => /under Go 1\.21 \(\/\/go:build go1\.21\)/.test(f.message)), down.map((f) => f.message).join("\n"));
  // Other files of the package keep go.mod's version.
  const mixed = await lint("1.21", { "a.go": loop("//go:build go1.22\n\n"), "b.go": loop().replace("Lengths", "Lengths2") });
  assert.deepEqual(mixed.map((f) => f.file), ["b.go", "b.go"]);
});

test("err assigned after the go statement is reported at every version", async () => {
  const src = `package p

import "net"

func Start(addr string, serve func(net.Listener) error, register func() error) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		err = serve(ln)
	}()
	err = register()
	return err
}
`;
  for (const v of ["1.21", "1.22", null]) {
    const got = await lint(v, { "p.go": src });
    assert.equal(got.length, 1, `go ${v}`);
    assert.match(got[0]!.message, /^The goroutine started at line 10 uses variable err, which Start assigns again at line 13 after starting it\./);
    assert.equal(got[0]!.line, 11);
    assert.ok(got[0]!.related.some((r) => r.line === 13));
  }
});

test("suppression: //nolint and //lint:ignore", async () => {
  const nolint = loop().replace("out[i] = len(w)", "out[i] = len(w) //nolint:go-hazard/goroutine-captured-var // waits below");
  assert.deepEqual(await lint("1.21", { "p.go": nolint }), []);
  const ignore = loop().replace("\t\t\tout[i] = len(w)", "\t\t\t//lint:ignore go-hazard/goroutine-captured-var reviewed\n\t\t\tout[i] = len(w)");
  assert.deepEqual(await lint("1.21", { "p.go": ignore }), []);
});
