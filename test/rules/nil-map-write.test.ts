/**
 * nil-map-write, as a reporter of the map-init analyzer: the four proofs
 * (package variables and fields nothing sets, locals and structs written
 * before anything could initialize them), the quiet cases, and the
 * package-wide proofs giving way when the directory has files the package
 * leaves out.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { nilMapWrite } from "../../rules/nil-map-write.js";
import { PackageDriver } from "../../src/analysis/framework.js";
import { mapInitAnalyzer } from "../../src/analysis/map-init.js";
import { buildPackageIR } from "../../src/ir/index.js";
import { parseGo } from "../../src/parse/parser.js";
import { memoryPackage, ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const hooks = `package main

var Hooks map[string]func()

func register(name string, f func()) {
	Hooks[name] = f
}

func main() {
	register("x", nil)
}
`;

ruleTester(nilMapWrite, {
  valid: [
    { name: "an importer may set an exported variable", code: hooks.replace("package main", "package hooks").replace(/func main\(\) \{[\s\S]*$/, "") },
    {
      name: "a package variable assigned in init",
      code: `package p\n\nvar hits map[string]int\n\nfunc init() { hits = map[string]int{} }\n\nfunc Record(k string) { hits[k]++ }\n`,
    },
    {
      name: "a package variable whose address is taken (json.Unmarshal(b, &m) may make it)",
      code: `package p\n\nimport "encoding/json"\n\nvar conf map[string]string\n\nfunc Load(b []byte) { _ = json.Unmarshal(b, &conf) }\n\nfunc Set(k, v string) { conf[k] = v }\n`,
    },
    {
      name: "a closure that assigns the local before the write (in source order)",
      code: `package p

func collect(xs []string) map[string]bool {
	var seen map[string]bool
	done := func() {
		seen = map[string]bool{}
	}
	for _, x := range xs {
		seen[x] = true
	}
	done()
	return seen
}
`,
    },
    {
      name: "goto: source order says nothing about flow",
      code: `package p

func jump(xs []string) map[string]int {
	var m map[string]int
	i := 0
loop:
	if i < len(xs) {
		m[xs[i]] = i
		i++
		goto loop
	}
	return m
}
`,
    },
    {
      name: "an assignment in a loop around the write (a later iteration sees it)",
      code: `package p

func f(xs []string) {
	var m map[string]int
	for _, x := range xs {
		if m != nil {
			m[x]++
		}
		m = map[string]int{}
	}
}
`,
    },
    {
      name: "a method call on the struct may set the field",
      code: `package p

type S struct{ vals map[string]int }

func (s *S) init() { s.vals = map[string]int{} }

func f() {
	s := &S{}
	s.init()
	s.vals["a"] = 1
}
`,
    },
  ],
  invalid: [
    {
      name: "an exported variable of package main that nothing assigns",
      code: hooks,
      errors: [{ line: 6, messageId: "nilWrite", message: /^Write to nil map Hooks panics\. Package-level variable Hooks is declared without a value and nothing in the package assigns it: `Hooks\[name\]` panics with "assignment to entry in nil map"\. Initialize the map before writing to it: declare it as `var Hooks = make\(map\[string\]func\(\.\.\.\)\)` or assign it in init\.$/ }],
    },
    {
      name: "a local written before any assignment",
      code: `package p\n\nfunc f() map[string]int {\n\tvar m map[string]int\n\tm["a"] = 1\n\treturn m\n}\n`,
      errors: [{ line: 5, message: /^Write to nil map m panics\. m is declared on line 4 without a value and nothing assigns it before this write: `m\["a"\]` panics .*: `m = make\(map\[string\]int\)` before the first write\.$/ }],
    },
    {
      name: "a named result written before any assignment",
      code: `package p\n\nfunc f(k string) (m map[string]int) {\n\tm[k]++\n\treturn\n}\n`,
      errors: [{ line: 4, message: /Named result m starts as nil and nothing assigns it before this write/ }],
    },
    {
      name: "a struct literal without its map field",
      code: `package p

type Session struct {
	ID     string
	values map[string]string
}

func New(id, k, v string) *Session {
	s := &Session{ID: id}
	s.values[k] = v
	return s
}
`,
      errors: [{ line: 10, message: /^Write to nil map s\.values panics\. s is built on line 9 by a composite literal without values, and nothing sets s\.values before this write: .*add `values: make\(map\[string\]string\)` to the literal/ }],
    },
    {
      name: "an unexported field nothing in the package sets",
      code: `package p

type Stats struct{ counts map[string]int }

func (s *Stats) Add(k string) { s.counts[k]++ }
`,
      errors: [{ line: 5, message: /^Write to nil map s\.counts panics\. No code in the package sets field Stats\.counts \(no make, map literal, keyed literal or assignment\), so it is nil in every Stats/ }],
    },
  ],
});

test("map-init facts: each write names the nil map and where it is declared", () => {
  const code = hooks.replace("\tHooks[name] = f", '\tHooks[name] = f // fact map-init:"^a\\.go:6:2 Hooks: package-level variable nothing assigns \\(declared a\\.go:3:5\\)$"');
  assert.deepEqual(unmetFacts(code, [mapInitAnalyzer]), []);
});

test("map-init: a Go file of the directory the package leaves out (generated, skipped) stops the package-wide proofs", () => {
  const code = `package p\n\nvar hits map[string]int\n\ntype T struct{ m map[string]int }\n\nfunc Record(k string, t *T) {\n\thits[k]++\n\tt.m[k]++\n\tvar local map[string]int\n\tlocal[k]++\n}\n`;
  const run = (dirFiles?: string[]) => {
    const pkg = memoryPackage(code);
    if (dirFiles) pkg.dirFiles = dirFiles;
    return new PackageDriver(buildPackageIR(pkg, pkg.files.map((f) => parseGo(f.text)))).result(mapInitAnalyzer);
  };
  const all = run();
  assert.equal(all.wholePackage, true);
  assert.deepEqual(all.writes.map((w) => `${w.node.loc.start.line} ${w.map.kind}`), ["8 global", "9 unset-field", "11 local"]);
  const partial = run(["a.go", "zz_tables.go", "a_test.go"]);
  assert.equal(partial.wholePackage, false);
  assert.deepEqual(partial.writes.map((w) => `${w.node.loc.start.line} ${w.map.kind}`), ["11 local"], "only the local proof stands");
  assert.equal(run(["a.go", "a_test.go"]).wholePackage, true, "test files do not count");
});
