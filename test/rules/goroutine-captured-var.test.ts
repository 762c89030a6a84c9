/**
 * goroutine-captured-var, as a reporter of the captured-vars analyzer: which
 * closures count as spawned (go statements, and the concurrency API table's
 * callbacks and parallel subtests, by the receiver's type), loop variables
 * below Go 1.22, err and named results assigned again at every version. The
 * Go version's sources (go.mod, `//go:build go1.N`, none) and suppression
 * comments need the loader and the engine: those cases lint a directory.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { goroutineCapturedVar } from "../../rules/goroutine-captured-var.js";
import { capturedVarsAnalyzer } from "../../src/analysis/captured-vars.js";
import { goMinor } from "../../src/ir/syntax.js";
import type { Finding } from "../../src/report/finding.js";
import { unmetFacts } from "../harness/fact-wants.js";
import { ruleTester } from "../harness/rule-tester.js";

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
import { lintModule } from "../helpers/lint-module.js";

const errReassigned = `package p

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

/** A g.Go callback per item, g declared as `decl` (after the imports `imports`). */
const groupLoop = (imports: string, decl: string, extra = "") => `package p

${imports}

${extra}
func UploadAll(items []string, upload func(string) error) error {
	${decl}
	for _, item := range items {
		g.Go(func() error {
			return upload(item)
		})
	}
	return g.Wait()
}
`;

const localGroup = `// Group is this package's own: its Go is a method like any other, not the library's.
type Group struct{ wg sync.WaitGroup }

func (g *Group) Go(f func() error) { g.wg.Add(1); go func() { defer g.wg.Done(); _ = f() }() }
func (g *Group) Wait() error        { g.wg.Wait(); return nil }
`;

const subtests = (receiver: string) => `package p

import "testing"

func TestAll(${receiver}, cases []string) {
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			_ = c
		})
	}
}
`;

ruleTester(goroutineCapturedVar, {
  valid: [
    { name: "loop variables are per iteration from Go 1.22", code: loop(), goVersion: "1.22" },
    { name: "loop variables, Go 1.23.1", code: loop(), goVersion: "1.23.1" },
    {
      name: "a wait later in the iteration keeps the loop variable still",
      code: loop().replace("\t\t}()\n\t}", "\t\t}()\n\t\twg.Wait()\n\t}"),
      goVersion: "1.21",
    },
    { name: "Go on a type of this package is not a library spawn", code: groupLoop('import "sync"', "var g Group", localGroup), goVersion: "1.21" },
    { name: "Run on a receiver that is not testing's is no subtest", code: subtests("t *Suite").replace('import "testing"', 'import "testing"\n\ntype Suite struct{}\n\nfunc (s *Suite) Run(name string, f func(t *testing.T)) {}'), goVersion: "1.21" },
    {
      name: "err assigned by the starter only after waiting",
      code: errReassigned.replace("\tgo func() {\n\t\terr = serve(ln)\n\t}()\n\terr = register()", "\tdone := make(chan struct{})\n\tgo func() {\n\t\terr = serve(ln)\n\t\tclose(done)\n\t}()\n\t<-done\n\terr = register()"),
    },
    {
      name: "one mutex around both sides orders them",
      code: `package p

import "sync"

func Run(work func() error) error {
	var mu sync.Mutex
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		mu.Lock()
		defer mu.Unlock()
		if e := work(); e != nil && err == nil {
			err = e
		}
	}()
	mu.Lock()
	err = work()
	mu.Unlock()
	<-done
	return err
}
`,
    },
  ],
  invalid: [
    {
      name: "loop variables under Go 1.21 (go.mod): each use, with the version's source",
      code: loop(),
      goVersion: "1.21",
      errors: [
        { line: 12, messageId: "loopVar", message: /^The goroutine started at line 10 uses loop variable i, which all iterations share under Go 1\.21 \(go\.mod\)\..*go func\(i int\) \{ \.\.\. \}\(i\)/ },
        { line: 12, messageId: "loopVar", message: /uses loop variable w, .*go func\(w string\)/ },
      ],
    },
    { name: "loop variables, Go 1.16", code: loop(), goVersion: "1.16", errors: [{ line: 12 }, { line: 12 }] },
    {
      name: "g.Go on a group of another package",
      code: groupLoop('import "golang.org/x/sync/errgroup"', "var g errgroup.Group"),
      goVersion: "1.21",
      errors: [{ line: 10, messageId: "loopVar", message: /^The g\.Go callback started at line 9 uses loop variable item, .*item := item before the call/ }],
    },
    {
      name: "g.Go on a value of unknown type",
      code: groupLoop('import (\n\t"context"\n\n\t"golang.org/x/sync/errgroup"\n)', "g, _ := errgroup.WithContext(context.Background())"),
      goVersion: "1.21",
      errors: [{ line: 14, message: /^The g\.Go callback started at line 13 uses loop variable item/ }],
    },
    {
      name: "parallel subtests run after the loop: reported whatever follows them",
      code: subtests("t *testing.T"),
      goVersion: "1.21",
      errors: [{ line: 9, message: /^The parallel subtest started at line 7 uses loop variable c, .*c := c before the call/ }],
    },
    {
      name: "time.AfterFunc callbacks",
      code: `package p

import "time"

func Schedule(jobs []func()) {
	for _, j := range jobs {
		time.AfterFunc(time.Second, func() { j() })
	}
}
`,
      goVersion: "1.21",
      errors: [{ line: 7, message: /^The time\.AfterFunc callback started at line 7 uses loop variable j/ }],
    },
    ...["1.21", "1.22"].map((goVersion) => ({
      name: `err assigned again after the go statement, Go ${goVersion}`,
      code: errReassigned,
      goVersion,
      errors: [{ line: 11, messageId: "reassigned", message: /^The goroutine started at line 10 uses variable err, which Start assigns again at line 13 after starting it\./ }],
    })),
    {
      name: "a named result returned with a value",
      code: `package p

func Fetch(get func() (int, error)) (n int, err error) {
	go func() {
		n, err = get()
	}()
	return 0, nil
}
`,
      errors: [
        { line: 5, message: /uses named result n, which Fetch assigns again at line 7/ },
        { line: 5, message: /uses named result err, which Fetch assigns again at line 7/ },
      ],
    },
  ],
});

test("captured-vars facts: the spawns and what they capture, on their lines", () => {
  const src = `package p

func Start(serve, register func() error) error {
	var err error
	go func() { // fact captured-vars:"goroutine$"
		err = serve() // fact captured-vars:"variable err assigned again at line 8 while the goroutine at line 5 may use it"
	}()
	err = register()
	return err
}
`;
  assert.deepEqual(unmetFacts(src, [capturedVarsAnalyzer]), []);
});

test("goMinor reads go.mod and build-constraint versions", () => {
  assert.equal(goMinor("1.21"), 21);
  assert.equal(goMinor("1.22.3"), 22);
  assert.equal(goMinor("go1.21rc1"), 21);
  assert.equal(goMinor("1.9"), 9);
  assert.equal(goMinor(null), null);
  assert.equal(goMinor("2.0"), null);
});

// ---- through the loader and the engine: go.mod, //go:build, suppressions ----------

const RULE = "goroutine-captured-var";
const lint = (goMod: string | null, files: Record<string, string>): Promise<Finding[]> => lintModule(RULE, files, { goVersion: goMod });

test("loop variables: a go.mod without a go line is taken as 1.22+ (silent)", async () => {
  assert.equal((await lint("1.21", { "p.go": loop() })).length, 2);
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

test("err reassigned: the evidence points at the later assignment", async () => {
  const [f, ...rest] = await lint(null, { "p.go": errReassigned });
  assert.equal(rest.length, 0);
  assert.equal(f?.line, 11);
  assert.ok(f.related.some((r) => r.line === 13));
});

test("suppression: //nolint and //lint:ignore", async () => {
  const nolint = loop().replace("out[i] = len(w)", "out[i] = len(w) //nolint:go-hazard/goroutine-captured-var // waits below");
  assert.deepEqual(await lint("1.21", { "p.go": nolint }), []);
  const ignore = loop().replace("\t\t\tout[i] = len(w)", "\t\t\t//lint:ignore go-hazard/goroutine-captured-var reviewed\n\t\t\tout[i] = len(w)");
  assert.deepEqual(await lint("1.21", { "p.go": ignore }), []);
});
