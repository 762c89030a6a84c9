/**
 * reused-buffer-alias, as a reporter of the buffer-flow analyzer: the message
 * (alias, buffer, store, rewrite, the copy to make), copies that are not
 * aliases, carriers, and the analyzer's facts. Evidence, severity and
 * suppression comments are the engine's: those cases lint a directory.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { reusedBufferAlias } from "../../rules/reused-buffer-alias.js";
import { bufferFlowAnalyzer } from "../../src/analysis/buffer-flow/index.js";
import type { Finding } from "../../src/report/finding.js";
import { unmetFacts } from "../harness/fact-wants.js";
import { ruleTester } from "../harness/rule-tester.js";

const src = (store: string) => `package p

import "io"

func Load(r io.Reader, keys []string) map[string][]byte {
	m := make(map[string][]byte)
	buf := make([]byte, 512)
	for _, k := range keys {
		n, _ := r.Read(buf)
		${store}
	}
	return m
}
`;
import { lintModule } from "../helpers/lint-module.js";

ruleTester(reusedBufferAlias, {
  valid: [
    { name: "a copy by append", code: src("m[k] = append([]byte(nil), buf[:n]...)") },
    { name: "a copy through a string", code: src("m[k] = []byte(string(buf[:n]))") },
    { name: "copy into a fresh slice", code: src("c := make([]byte, n); copy(c, buf); m[k] = c") },
    { name: "a store followed by return", code: src("m[k] = buf[:n]\n\t\treturn m") },
    { name: "a buffer made in the loop is fresh each time", code: src("b := make([]byte, n); r.Read(b); m[k] = b[:n]") },
    // A variable carries an alias only when every value it gets is one: its var initializer too.
    { name: "a variable that is sometimes a copy, declared with :=", code: src("chunk := []byte(nil)\n\t\tif n > 8 {\n\t\t\tchunk = buf[:n]\n\t\t}\n\t\tm[k] = chunk") },
    { name: "a variable that is sometimes a copy, declared with var", code: src("var chunk = []byte(nil)\n\t\tif n > 8 {\n\t\t\tchunk = buf[:n]\n\t\t}\n\t\tm[k] = chunk") },
  ],
  invalid: [
    {
      name: "a reslice stored in a map: alias, buffer, store, rewrite and the copy",
      code: src("m[k] = buf[:n]"),
      errors: [
        {
          line: 10,
          messageId: "alias",
          message: /^buf\[:n\] aliases the buffer buf, which this loop reuses, and is stored in map m\. .*r\.Read\(buf\), line 9.*bytes\.Clone\(buf\[:n\]\) or append\(\[\]byte\(nil\), buf\[:n\]\.\.\.\)/,
        },
      ],
    },
    {
      name: "a loop-local variable carries the alias to the store",
      code: src("chunk := buf[:n]\n\t\tm[k] = chunk"),
      errors: [{ line: 11, messageId: "alias", message: /^chunk aliases the buffer buf, .*bytes\.Clone\(chunk\)/ }],
    },
    {
      name: "a variable declared without a value, then given the alias",
      code: src("var chunk []byte\n\t\tchunk = buf[:n]\n\t\tm[k] = chunk"),
      errors: [{ line: 12, messageId: "alias", message: /^chunk aliases the buffer buf/ }],
    },
    {
      name: "a pointer to the buffer variable",
      code: `package p

import "io"

func Frames(r io.Reader, n int) []*[]byte {
	var out []*[]byte
	buf := make([]byte, 64)
	for i := 0; i < n; i++ {
		buf = buf[:0]
		buf = append(buf, byte(i))
		out = append(out, &buf)
	}
	return out
}
`,
      errors: [{ line: 11, messageId: "pointer", message: /^&buf points at a variable this loop reuses and is appended to out\./ }],
    },
  ],
});

test("buffer-flow facts: the stored alias, its store and the rewrite, on the store's line", () => {
  const code = src('m[k] = buf[:n] // fact buffer-flow:"alias of buf stored in map m; rewritten at line 9 \\(r\\.Read\\(buf\\)\\)"');
  assert.deepEqual(unmetFacts(code, [bufferFlowAnalyzer]), []);
});

// ---- through the engine: evidence, severity, suppressions --------------------------

const RULE = "reused-buffer-alias";
const lint = (code: string): Promise<Finding[]> => lintModule(RULE, { "p.go": code }, { goVersion: "1.21" });

test("evidence points at the rewrite and the buffer's declaration", async () => {
  const [f, ...rest] = await lint(src("m[k] = buf[:n]"));
  assert.equal(rest.length, 0);
  assert.equal(f?.line, 10);
  assert.deepEqual(f.related.map((r) => r.line), [9, 7]);
  assert.equal(f.severity, "warning");
});

test("suppression: //nolint and //lint:ignore", async () => {
  assert.deepEqual(await lint(src("m[k] = buf[:n] //nolint:go-hazard/reused-buffer-alias // consumed before the next read")), []);
  assert.deepEqual(await lint(src("//lint:ignore go-hazard/reused-buffer-alias consumed before the next read\n\t\tm[k] = buf[:n]")), []);
});
