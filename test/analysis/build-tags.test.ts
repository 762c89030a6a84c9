/**
 * Which files build together, from the constraints the loader parsed: the
 * file name's GOOS/GOARCH, `//go:build`, and `// +build` lines only when a
 * blank line follows them (go/build's rule).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { PackageDriver } from "../../src/analysis/framework.js";
import { buildTagsAnalyzer } from "../../src/analysis/build-tags.js";
import { buildIR } from "./helpers.js";

function together(files: Record<string, string>): boolean {
  return new PackageDriver(buildIR(files)).result(buildTagsAnalyzer).buildableTogether(Object.keys(files));
}

test("file names and //go:build lines that no single build satisfies", () => {
  assert.equal(together({ "a_plan9.go": "package p\n", "b_linux.go": "package p\n" }), false);
  assert.equal(together({ "a_plan9.go": "package p\n", "b_test.go": "//go:build unix\n\npackage p\n" }), false);
  assert.equal(together({ "a_linux.go": "package p\n", "b_test.go": "//go:build unix\n\npackage p\n" }), true);
  assert.equal(together({ "a.go": "//go:build cgo\n\npackage p\n", "b.go": "//go:build !cgo\n\npackage p\n" }), false);
});

test("// +build lines count only with a blank line after them", () => {
  assert.equal(together({ "a_plan9.go": "package p\n", "b.go": "// +build linux\n\npackage p\n" }), false);
  assert.equal(together({ "a_plan9.go": "package p\n", "b.go": "// +build linux\npackage p\n" }), true, "a doc comment, not a constraint");
});
