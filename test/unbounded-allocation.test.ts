/**
 * unbounded-allocation: message and evidence, which bounds count, which
 * origins are input, test files, suppression.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLint } from "../src/engine/index.js";
import type { Finding } from "../src/report/finding.js";
import { standardRules } from "./helpers/rule-set.js";

const RULE = "unbounded-allocation";
const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

async function lint(src: string, file = "p.go"): Promise<Finding[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-ua-")));
  roots.push(root);
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/ua\n\ngo 1.22\n");
  fs.writeFileSync(path.join(root, file), src);
  const result = await runLint({ ruleSet: standardRules, cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [RULE]: "warning" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

/** A frame reader; `body` goes between the length read and the allocation. */
const frame = (body: string, size = "n") => `package p

import (
	"encoding/binary"
	"errors"
	"io"
)

const maxFrame = 1 << 20

var errTooLarge = errors.New("too large")

func ReadFrame(r io.Reader) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	${body}
	buf := make([]byte, ${size})
	_, err := io.ReadFull(r, buf)
	return buf, err
}
`;

test("message names the size, its origin and where it was read; evidence points at the read", async () => {
  const [f, ...rest] = await lint(frame(""));
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.line, 20);
  assert.equal(f.severity, "warning");
  assert.match(f.message, /^`n` comes from binary\.BigEndian\.Uint32 at p\.go:18 and sizes make\(\[\]byte, \.\.\.\) with no upper bound checked first\. /);
  assert.match(f.message, /allocate gigabytes and get the process OOM-killed/);
  assert.match(f.message, /`if n > maxSize \{ return errTooLarge \}`/);
  assert.match(f.message, /io\.LimitReader \/ http\.MaxBytesReader/);
  assert.deepEqual(
    f.related.map((r) => [r.line, r.message]),
    [[18, "n is read here (binary.BigEndian.Uint32)"]],
  );
});

test("arithmetic on the size names both the size and the input it carries", async () => {
  const [f] = await lint(frame("", "int(n)*2 + 4"));
  assert.ok(f);
  assert.match(f.message, /^`int\(n\)\*2 \+ 4` \(through `n`\) comes from binary\.BigEndian\.Uint32/);
});

test("bounds that count: early return, clamp, min, modulo, mask, narrow conversion, validation helper, error recorded", async () => {
  const bounded: Array<[string, string?]> = [
    ["if n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}"],
    ["if n >= maxFrame {\n\t\tpanic(\"frame too large\")\n\t}"],
    ["if maxFrame < n {\n\t\treturn nil, errTooLarge\n\t}"],
    ["if n == 0 || n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}"],
    ["if !(n <= maxFrame) {\n\t\treturn nil, errTooLarge\n\t}"],
    ["if n > maxFrame {\n\t\tn = maxFrame\n\t}"],
    ["n = min(n, maxFrame)"],
    ["", "min(n, maxFrame)"],
    ["", "n % 4096"],
    ["", "n & 0xffff"],
    ["", "uint16(n)"],
    ["", "n >> 20"],
    ["if err := check(n); err != nil {\n\t\treturn nil, err\n\t}"],
    ["var err error\n\tif n > maxFrame {\n\t\terr = errTooLarge\n\t}\n\tif err != nil {\n\t\treturn nil, err\n\t}"],
    ["switch {\n\tcase n > maxFrame:\n\t\treturn nil, errTooLarge\n\t}"],
    ["if int(n) > len(hdr) {\n\t\treturn nil, io.ErrUnexpectedEOF\n\t}"],
  ];
  for (const [body, size] of bounded) {
    const src = frame(body, size) + "\nfunc check(n uint32) error { return nil }\n";
    assert.deepEqual(await lint(src), [], `${body} / ${size ?? "n"}`);
  }
});

test("checks that don't bound: lower bounds, zero checks, a check in one branch only, a check after the allocation", async () => {
  const unbounded = [
    "if n < 8 {\n\t\treturn nil, errTooLarge\n\t}",
    "if n == 0 {\n\t\treturn nil, nil\n\t}",
    "if n > maxFrame {\n\t\tprintln(\"large frame\")\n\t}",
    "if len(hdr) > 2 {\n\t\tif n > maxFrame {\n\t\t\treturn nil, errTooLarge\n\t\t}\n\t}",
    "n += 4",
  ];
  for (const body of unbounded) assert.equal((await lint(frame(body))).length, 1, body);
  const late = frame("").replace("_, err := io.ReadFull(r, buf)", "if n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}\n\t_, err := io.ReadFull(r, buf)");
  assert.equal((await lint(late)).length, 1, "a check after the allocation doesn't count");
});

test("an allocation inside the branch where the bound holds is bounded; in the other branch it is not", async () => {
  const src = `package p

import (
	"net/http"
	"strconv"
)

func handler(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n > 0 && n <= 1000 {
		_ = make([]int, n)
	} else {
		_ = make([]int, n)
	}
	if n > 1000 {
		_ = make([]int, n)
	} else {
		_ = make([]int, n)
	}
}
`;
  assert.deepEqual(
    (await lint(src)).map((f) => f.line),
    [13, 16],
  );
});

test("origins that are not input: parameters, package functions, len of existing data, constants, local files and stdin", async () => {
  const src = `package p

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
)

type cfg struct{ Workers int }

func size() int { return 42 }

func Alloc(n int, data []byte) {
	_ = make([]byte, n)
	_ = make([]byte, size())
	_ = make([]byte, len(data)*2)
	_ = make([]byte, 4096)
	b, _ := os.ReadFile("config.json")
	var c cfg
	_ = json.Unmarshal(b, &c)
	_ = make([]chan int, c.Workers)
	sc := bufio.NewScanner(os.Stdin)
	sc.Scan()
	k, _ := strconv.Atoi(sc.Text())
	_ = make([]int, k)
}
`;
  assert.deepEqual(await lint(src), []);
});

test("inputs: varints, binary.Read, decoders, request parameters, Content-Length, lines read from a connection", async () => {
  const src = `package p

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

type msg struct{ Count int }

func Parse(b []byte, conn net.Conn, r *http.Request) {
	v, _ := binary.Varint(b)
	_ = make([]byte, v)
	var l uint64
	binary.Read(conn, binary.LittleEndian, &l)
	_ = make([]byte, l)
	var m msg
	gob.NewDecoder(conn).Decode(&m)
	_ = make([]byte, m.Count)
	var j msg
	json.NewDecoder(r.Body).Decode(&j)
	_ = make([]byte, j.Count)
	c, _ := strconv.ParseUint(r.Header.Get("X-Count"), 10, 64)
	_ = strings.Repeat("x", int(c))
	var buf bytes.Buffer
	buf.Grow(int(r.ContentLength))
	line, _ := bufio.NewReader(conn).ReadString('\\n')
	var k int
	fmt.Sscanf(line, "%d", &k)
	_ = make(map[string]int, k)
}
`;
  const found = await lint(src);
  assert.deepEqual(
    found.map((f) => f.message.split(" and sizes")[0]),
    [
      "`v` comes from binary.Varint at p.go:19",
      "`l` comes from binary.Read into l at p.go:22",
      "`m.Count` comes from gob decoding into m at p.go:25",
      "`j.Count` comes from json decoding into j at p.go:28",
      "`int(c)` (through `c`) comes from strconv.ParseUint on request data at p.go:30",
      "`int(r.ContentLength)` (through `r.ContentLength`) comes from the request's Content-Length header at p.go:33",
      "`k` comes from fmt.Sscanf on a line read from a reader at p.go:36",
    ],
  );
});

test("8- and 16-bit lengths are bounded by their type", async () => {
  const src = `package p

import (
	"bufio"
	"encoding/binary"
)

type hdr struct{ Len uint16 }

func Read(br *bufio.Reader, b []byte, h hdr) {
	n, _ := br.ReadByte()
	_ = make([]byte, n)
	m := binary.BigEndian.Uint16(b)
	_ = make([]byte, int(m)+2)
	var h2 hdr
	binary.Read(br, binary.BigEndian, &h2)
	_ = make([]byte, h2.Len)
}
`;
  assert.deepEqual(await lint(src), []);
});

test("_test.go files are not checked", async () => {
  assert.deepEqual(await lint(frame("").replace("package p", "package p_test"), "p_test.go"), []);
});

test("suppression: //nolint and //lint:ignore", async () => {
  const nolint = frame("").replace("buf := make([]byte, n)", "buf := make([]byte, n) //nolint:go-hazard/unbounded-allocation // r is a trusted pipe");
  assert.deepEqual(await lint(nolint), []);
  const ignore = frame("").replace("\tbuf := make([]byte, n)", "\t//lint:ignore go-hazard/unbounded-allocation r is a trusted pipe\n\tbuf := make([]byte, n)");
  assert.deepEqual(await lint(ignore), []);
});
