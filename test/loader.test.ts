import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { loadPackages, type LoadOptions, type LoadResult } from "../src/loader/index.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) {
    // Undo chmod 000 so the cleanup itself can't fail.
    try {
      execFileSync("chmod", ["-R", "u+rwx", r]);
    } catch {
      /* ignore */
    }
    fs.rmSync(r, { recursive: true, force: true });
  }
});

/** Builds a throw-away tree: keys are relative paths, values file contents (string or bytes). */
function tree(files: Record<string, string | Uint8Array>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-loader-")));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

function load(cwd: string, patterns: string[], opts: Partial<LoadOptions> = {}): Promise<LoadResult> {
  return loadPackages(patterns, { cwd, tests: true, generated: false, vendor: false, maxFileBytes: 5 << 20, ...opts });
}

const ids = (r: LoadResult): string[] => r.packages.map((p) => p.id);
const pkg = (r: LoadResult, id: string) => {
  const p = r.packages.find((x) => x.id === id);
  assert.ok(p, `package ${id} not found in ${JSON.stringify(ids(r))}`);
  return p;
};
const files = (r: LoadResult, id: string): string[] => pkg(r, id).files.map((f) => f.relPath);
const kinds = (r: LoadResult): string[] => r.problems.map((p) => `${p.level}:${p.kind}`);

test("./... inside a module stops at a nested module; naming it directly loads it", async () => {
  const root = tree({
    "go.mod": "// main module\nmodule example.com/m\n\ngo 1.22.3\n\ntoolchain go1.23.1\n",
    "m.go": "package m\n",
    "a/a.go": "package a\n",
    "nested/go.mod": "module example.com/nested\ngo 1.20\n",
    "nested/n.go": "package nested\n",
    "nested/deep/d.go": "package deep\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(ids(r), [".", "a"]);
  assert.deepEqual(pkg(r, "a").module, { dir: root, path: "example.com/m", goVersion: "1.22.3" });
  assert.equal(pkg(r, ".").relDir, ".");

  const n = await load(root, ["./nested/..."]);
  assert.deepEqual(ids(n), ["nested", "nested/deep"]);
  assert.equal(pkg(n, "nested/deep").module?.path, "example.com/nested");
  assert.equal(pkg(n, "nested").module?.goVersion, "1.20");

  // Run from inside the module's subdirectory: same module found by walking up.
  const sub = await load(path.join(root, "a"), ["."]);
  assert.deepEqual(ids(sub), ["."]);
  assert.equal(sub.packages[0]!.module?.path, "example.com/m");
});

test("monorepo root outside any module covers every module, each with its own go version", async () => {
  const root = tree({
    "svc1/go.mod": "module example.com/svc1\n\ngo 1.21\n",
    "svc1/main.go": "package main\n",
    "svc2/go.mod": 'module "example.com/svc2" // quoted\ngo 1.22\n',
    "svc2/pkg/p.go": "package pkg\n",
    "tools/t.go": "package tools\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(ids(r), ["svc1", "svc2/pkg", "tools"]);
  assert.equal(pkg(r, "svc1").module?.goVersion, "1.21");
  assert.equal(pkg(r, "svc2/pkg").module?.goVersion, "1.22");
  assert.equal(pkg(r, "svc2/pkg").module?.path, "example.com/svc2");
  assert.equal(pkg(r, "svc2/pkg").module?.dir, path.join(root, "svc2"));
  assert.equal(pkg(r, "tools").module, null);
});

test("go.work: ./... covers the used modules (both use forms), not the others", async () => {
  const root = tree({
    "go.work": "go 1.22\n\nuse ./a\nuse (\n\t./b // comment\n\t./b/inner\n)\nuse ( ./d )\n",
    "loose.go": "package loose\n",
    "a/go.mod": "module a\ngo 1.21\n",
    "a/a.go": "package a\n",
    "b/go.mod": "module b\ngo 1.22\n",
    "b/b.go": "package b\n",
    "b/inner/go.mod": "module b/inner\ngo 1.23\n",
    "b/inner/i.go": "package inner\n",
    "c/go.mod": "module c\n",
    "c/c.go": "package c\n",
    "d/go.mod": "module d\n",
    "d/d.go": "package d\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(ids(r), ["a", "b", "b/inner", "d"]);
  assert.equal(pkg(r, "a").module?.goVersion, "1.21");
  assert.equal(pkg(r, "b/inner").module?.goVersion, "1.23");

  // From inside a used module the workspace still applies: nested used modules are included.
  const fromB = await load(path.join(root, "b"), ["./..."]);
  assert.deepEqual(ids(fromB), [".", "inner"]);
});

test("... skips testdata, vendor, _x and .y; naming them directly still loads them", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "p/p.go": "package p\n",
    "p/testdata/t.go": "package t\n",
    "vendor/v/v.go": "package v\n",
    "_x/x.go": "package x\n",
    ".y/y.go": "package y\n",
    "p/.hidden.go": "package p\n",
    "p/_skip.go": "package p\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(ids(r), ["p"]);
  assert.deepEqual(files(r, "p"), ["p/p.go"]);

  const v = await load(root, ["./..."], { vendor: true });
  assert.deepEqual(ids(v), ["p", "vendor/v"]);

  const direct = await load(root, ["./p/testdata", "_x"]);
  assert.deepEqual(ids(direct), ["_x", "p/testdata"]);
});

test("_test.go files in or out; foo_test is its own package", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "foo/foo.go": "package foo\n",
    "foo/foo_internal_test.go": "package foo\n",
    "foo/foo_test.go": "package foo_test\n",
    "onlytests/x_test.go": "package onlytests\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(ids(r), ["foo", "foo [foo_test]", "onlytests"]);
  assert.deepEqual(files(r, "foo"), ["foo/foo.go", "foo/foo_internal_test.go"]);
  assert.deepEqual(files(r, "foo [foo_test]"), ["foo/foo_test.go"]);
  assert.equal(pkg(r, "foo [foo_test]").name, "foo_test");
  assert.equal(pkg(r, "foo [foo_test]").relDir, "foo");
  assert.equal(pkg(r, "foo").files[1]!.isTest, true);
  assert.equal(pkg(r, "foo").files[0]!.isTest, false);

  const noTests = await load(root, ["./..."], { tests: false });
  assert.deepEqual(ids(noTests), ["foo"]);
  assert.deepEqual(files(noTests, "foo"), ["foo/foo.go"]);
  // The test-only directory had nothing left, but the pattern as a whole matched.
  assert.deepEqual(noTests.problems, []);
});

test("generated files are skipped unless asked for", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "g/a.go": "package g\n",
    "g/gen.go": "// Code generated by stringer; DO NOT EDIT.\n\npackage g\n",
    "g/gen_crlf.go": "// Code generated by x. DO NOT EDIT.\r\n\r\npackage g\r\n",
    "g/late.go": "package g\n\n// Code generated by x. DO NOT EDIT.\n",
    "g/almost.go": "// Code generated by x. Do not edit.\npackage g\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(files(r, "g"), ["g/a.go", "g/almost.go", "g/late.go"]);
  const all = await load(root, ["./..."], { generated: true });
  assert.deepEqual(files(all, "g"), ["g/a.go", "g/almost.go", "g/gen.go", "g/gen_crlf.go", "g/late.go"]);
});

test("//go:build ignore skips the file; other tags are not evaluated", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "b/a.go": "package b\n",
    "b/gen.go": "//go:build ignore\n\npackage main\n",
    "b/gen2.go": "// Copyright x\n\n//go:build ignore && linux\n\npackage main\n",
    "b/legacy.go": "// +build ignore\n\npackage main\n",
    "b/not_ignore.go": "//go:build !ignore\n\npackage b\n",
    "b/or_ignore.go": "//go:build ignore || linux\n\npackage b\n",
    "b/windows.go": "//go:build windows && arm64\n\npackage b\n",
    "b/in_comment.go": "/*\n//go:build ignore\n*/\n\npackage b\n",
    "b/after_clause.go": "package b\n\n//go:build ignore\n",
    "b/plus_no_blank.go": "// +build ignore\npackage b\n",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(ids(r), ["b"]);
  assert.deepEqual(files(r, "b"), [
    "b/a.go",
    "b/after_clause.go",
    "b/in_comment.go",
    "b/not_ignore.go",
    "b/or_ignore.go",
    "b/plus_no_blank.go",
    "b/windows.go",
  ]);
});

test("buildGoVersion from the header //go:build line", async () => {
  const root = tree({
    "go.mod": "module m\ngo 1.20\n",
    "v/a.go": "//go:build go1.22\n\npackage v\n",
    "v/b.go": "// Copyright\n\n//go:build go1.21 && linux\n\npackage v\n",
    "v/c.go": "//go:build go1.21 || go1.23\n\npackage v\n",
    "v/d.go": "//go:build !go1.22\n\npackage v\n",
    "v/e.go": "package v\n\n//go:build go1.22\n",
    "v/f.go": "//go:build linux || go1.22\n\npackage v\n",
    "v/g.go": "// +build go1.9\n\npackage v\n",
  });
  const r = await load(root, ["./v"]);
  const got = Object.fromEntries(pkg(r, "v").files.map((f) => [f.relPath, f.buildGoVersion]));
  assert.deepEqual(got, {
    "v/a.go": "1.22",
    "v/b.go": "1.21",
    "v/c.go": "1.21",
    "v/d.go": null,
    "v/e.go": null,
    "v/f.go": null,
    "v/g.go": "1.9",
  });
});

test("package clause read after comments; a file without one joins the directory's package", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "p/a.go": "// doc\n/* block\n package nope */\n\npackage   alpha // trailing\n",
    "p/b.go": "/* x */ package alpha\n",
    "p/broken.go": "func main() {}\n",
    "p/empty.go": "",
  });
  const r = await load(root, ["./..."]);
  assert.deepEqual(ids(r), ["p"]);
  const p = pkg(r, "p");
  assert.equal(p.name, "alpha");
  assert.deepEqual(
    p.files.map((f) => [f.relPath, f.packageName]),
    [
      ["p/a.go", "alpha"],
      ["p/b.go", "alpha"],
      ["p/broken.go", ""],
      ["p/empty.go", ""],
    ],
  );
});

test("explicit files: whole package analysed, reportOnly the named files", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "p/a.go": "package p\n",
    "p/b.go": "package p\n",
    "p/gen.go": "// Code generated by x. DO NOT EDIT.\n\npackage p\n",
    "p/tool.go": "//go:build ignore\n\npackage main\n",
    "p/p_test.go": "package p_test\n",
    "q/q.go": "package q\n",
  });
  const r = await load(root, ["p/a.go", path.join(root, "p/gen.go")], { tests: false });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(ids(r), ["p"]);
  assert.deepEqual(files(r, "p"), ["p/a.go", "p/b.go", "p/gen.go"]);
  assert.deepEqual(pkg(r, "p").reportOnly, ["p/a.go", "p/gen.go"]);

  // A named test file / ignored file is included even though filters would drop it.
  const t = await load(root, ["p/p_test.go", "p/tool.go"], { tests: false });
  assert.deepEqual(ids(t), ["p [main]", "p [p_test]"]);
  assert.deepEqual(pkg(t, "p [p_test]").reportOnly, ["p/p_test.go"]);
  assert.deepEqual(files(t, "p [main]"), ["p/tool.go"]);

  // Also matched by a directory pattern: analysed once, everything reported.
  const both = await load(root, ["p/a.go", "./..."]);
  assert.deepEqual(ids(both), ["p", "p [p_test]", "q"]);
  assert.equal(pkg(both, "p").reportOnly, null);
  assert.deepEqual(files(both, "p"), ["p/a.go", "p/b.go"]);

  // Run from a subdirectory: a file outside cwd keeps a ../ path.
  const up = await load(path.join(root, "q"), ["../p/b.go"]);
  assert.deepEqual(ids(up), ["../p"]);
  assert.deepEqual(pkg(up, "../p").reportOnly, ["../p/b.go"]);
});

test("missing paths, no-match and bad patterns are errors; other patterns still load", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "p/p.go": "package p\n",
    "docs/readme.md": "# hi\n",
    "README.md": "hi\n",
  });
  const r = await load(root, ["./p", "./nope/...", "gone.go", "./docs/...", "./docs", "a/.../b", "README.md", "*.go"]);
  assert.deepEqual(ids(r), ["p"]);
  assert.deepEqual(kinds(r), [
    "error:not-found",
    "error:not-found",
    "error:no-match",
    "error:bad-pattern",
    "error:bad-pattern",
    "error:bad-pattern",
    "error:no-match",
  ]);
  const msgs = r.problems.map((p) => p.message);
  assert.ok(msgs.includes('pattern "./nope/...": directory not found'), msgs.join("\n"));
  assert.ok(msgs.includes('pattern "gone.go": file not found'));
  assert.ok(msgs.includes('pattern "./docs/...": matched no packages'));
  assert.ok(msgs.some((m) => m.startsWith('pattern "./docs": no Go files')));
});

test("binary, non-UTF-8 and too-large files are skipped with warnings; BOM is stripped", async () => {
  const root = tree({
    "go.mod": "module m\n",
    "p/ok.go": "\uFEFFpackage p\n",
    "p/bin.go": new Uint8Array([0x70, 0x61, 0x00, 0x01, 0x02]),
    "p/latin1.go": new Uint8Array([...Buffer.from("package p\n// caf"), 0xe9, 0x0a]),
    "p/big.go": "package p\n" + "// x\n".repeat(1000),
  });
  const r = await load(root, ["./..."], { maxFileBytes: 1000 });
  assert.deepEqual(files(r, "p"), ["p/ok.go"]);
  assert.equal(pkg(r, "p").files[0]!.text, "package p\n");
  assert.deepEqual(
    r.problems.map((p) => [p.level, p.kind, p.path]),
    [
      ["warning", "too-large", "p/big.go"],
      ["warning", "binary", "p/bin.go"],
      ["warning", "not-utf8", "p/latin1.go"],
    ],
  );
});

test("symlinked directories are followed; a loop is reported once and does not hang", async () => {
  const outside = tree({ "lib/l.go": "package lib\n" });
  const root = tree({ "go.mod": "module m\n", "a/a.go": "package a\n" });
  fs.symlinkSync(root, path.join(root, "a", "loop")); // back to the root
  fs.symlinkSync("..", path.join(root, "a", "up"));
  fs.symlinkSync(path.join(outside, "lib"), path.join(root, "ext")); // followed
  fs.symlinkSync("a", path.join(root, "alias")); // duplicate of a: not loaded twice
  const r = await load(root, ["./...", "./a/..."]);
  assert.deepEqual(ids(r), ["a", "ext"]);
  assert.deepEqual(files(r, "ext"), ["ext/l.go"]);
  assert.deepEqual(
    r.problems.map((p) => [p.kind, p.path]),
    [
      ["symlink-loop", "a/loop"],
      ["symlink-loop", "a/up"],
    ],
  );
});

test("unreadable files are warned about and skipped", { skip: process.getuid?.() === 0 ? "running as root: chmod 000 does not stop root" : false }, async () => {
  const root = tree({ "go.mod": "module m\n", "p/a.go": "package p\n", "p/secret.go": "package p\n" });
  fs.chmodSync(path.join(root, "p/secret.go"), 0o000);
  const r = await load(root, ["./..."]);
  assert.deepEqual(files(r, "p"), ["p/a.go"]);
  assert.deepEqual(kinds(r), ["warning:unreadable"]);
});

test("a FIFO named like a Go file does not hang the loader", async (t) => {
  const root = tree({ "go.mod": "module m\n", "p/a.go": "package p\n" });
  try {
    execFileSync("mkfifo", [path.join(root, "p/pipe.go")]);
  } catch {
    t.skip("mkfifo not available");
    return;
  }
  const r = await load(root, ["./...", "p/pipe.go"]);
  assert.deepEqual(files(r, "p"), ["p/a.go"]);
  assert.deepEqual(kinds(r), ["warning:unreadable"]);
});

test("output is deterministic and sorted", async () => {
  const spec: Record<string, string> = { "go.mod": "module m\ngo 1.22\n" };
  for (const d of ["zeta", "alpha", "mid/b", "mid/a", "Upper", "alpha/x_test"]) {
    for (const f of ["z.go", "a.go", "m_test.go"]) spec[`${d}/${f}`] = `package ${path.basename(d)}\n`;
  }
  const root = tree(spec);
  const a = await load(root, ["./...", "./alpha"]);
  const b = await load(root, ["./alpha", "./..."]);
  assert.deepEqual(a, b);
  // A directory whose only package clause ends in _test is still keyed as an external test package.
  assert.deepEqual(ids(a), ["Upper", "alpha", "alpha/x_test [x_test]", "mid/a", "mid/b", "zeta"]);
  for (const p of a.packages) {
    const rels = p.files.map((f) => f.relPath);
    assert.deepEqual(rels, [...rels].sort());
  }
});
