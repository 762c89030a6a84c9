import { test } from "node:test";
import assert from "node:assert/strict";
import { computeLineHashes, lineHashAt } from "../src/report/line-hash.js";

// Vectors from docs/research notes (GitHub codeql-action's fingerprint tests).
test("empty text has one line", () => {
  assert.deepEqual(computeLineHashes(""), ["c129715d7a2bc9a3:1"]);
});

test("leading whitespace and a last line without newline", () => {
  assert.deepEqual(computeLineHashes(" a\nb\n  \t\tc\n d"), [
    "271789c17abda88f:1",
    "54703d4cd895b18:1",
    "180aee12dab6264:1",
    "a23a3dc5e078b07b:1",
  ]);
});

test("CRLF line endings and a final empty line", () => {
  assert.deepEqual(computeLineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"), [
    "e9496ae3ebfced30:1",
    "fb7c023a8b9ccb3f:1",
    "ce8ba1a563dcdaca:1",
    "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1",
    "c8e28b0b4002a3a0:1",
    "c129715d7a2bc9a3:1",
  ]);
});

test("repeated lines are numbered", () => {
  assert.deepEqual(computeLineHashes("Lorem ipsum dolor sit amet.\n".repeat(10)), [
    "a7f2ff13bc495cf2:1",
    "a7f2ff13bc495cf2:2",
    "a7f2ff13bc495cf2:3",
    "a7f2ff13bc495cf2:4",
    "a7f2ff13bc495cf2:5",
    "a7f2ff13bc495cf2:6",
    "a7f2ff1481e87703:1",
    "a9cf91f7bbf1862b:1",
    "55ec222b86bcae53:1",
    "cc97dc7b1d7d8f7b:1",
    "c129715d7a2bc9a3:1",
  ]);
});

test("CR alone and LF are the same line break", () => {
  assert.deepEqual(computeLineHashes("x\ry\r"), computeLineHashes("x\ny\n"));
  assert.deepEqual(computeLineHashes("x\r\ny"), computeLineHashes("x\ny"));
});

test("lineHashAt is 1-based and bounded", () => {
  const h = computeLineHashes("a\nb");
  assert.equal(lineHashAt(h, 1), h[0]);
  assert.equal(lineHashAt(h, 2), h[1]);
  assert.equal(lineHashAt(h, 0), undefined);
  assert.equal(lineHashAt(h, 3), undefined);
});
