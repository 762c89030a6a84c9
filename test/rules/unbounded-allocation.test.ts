/**
 * unbounded-allocation, as a reporter of the input-sizes analyzer: which
 * bounds count, which origins are input, test files; the message, its
 * evidence and suppression through the engine.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { unboundedAllocation } from "../../rules/unbounded-allocation.js";
import { inputSizesAnalyzer } from "../../src/analysis/input-sizes/index.js";
import type { Finding } from "../../src/report/finding.js";
import { lintWithRule, ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

/** A frame reader; `body` goes between the length read and the allocation (line 20 with an empty body). */
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

func check(n uint32) error { return nil }
`;
import { lintModule } from "../helpers/lint-module.js";

/** The line of the allocation in `frame(body)`. */
const allocLine = (body: string) => 20 + body.split("\n").length - 1;

const bounds: Array<[string, string, string?]> = [
  ["early return", "if n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}"],
  ["panic", 'if n >= maxFrame {\n\t\tpanic("frame too large")\n\t}'],
  ["constant on the left", "if maxFrame < n {\n\t\treturn nil, errTooLarge\n\t}"],
  ["one of two conditions", "if n == 0 || n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}"],
  ["negated", "if !(n <= maxFrame) {\n\t\treturn nil, errTooLarge\n\t}"],
  ["clamp", "if n > maxFrame {\n\t\tn = maxFrame\n\t}"],
  ["min assigned", "n = min(n, maxFrame)"],
  ["min in the size", "", "min(n, maxFrame)"],
  ["modulo", "", "n % 4096"],
  ["mask", "", "n & 0xffff"],
  ["narrow conversion", "", "uint16(n)"],
  ["shift right", "", "n >> 20"],
  ["validation helper", "if err := check(n); err != nil {\n\t\treturn nil, err\n\t}"],
  ["error recorded", "var err error\n\tif n > maxFrame {\n\t\terr = errTooLarge\n\t}\n\tif err != nil {\n\t\treturn nil, err\n\t}"],
  ["switch case", "switch {\n\tcase n > maxFrame:\n\t\treturn nil, errTooLarge\n\t}"],
  ["compared with the length of existing data", "if int(n) > len(hdr) {\n\t\treturn nil, io.ErrUnexpectedEOF\n\t}"],
  ["a package function that always panics", "if n > maxFrame {\n\t\ttooLarge()\n\t}"],
];

const notBounds: Array<[string, string]> = [
  ["a lower bound", "if n < 8 {\n\t\treturn nil, errTooLarge\n\t}"],
  ["a zero check", "if n == 0 {\n\t\treturn nil, nil\n\t}"],
  ["a check that doesn't leave", 'if n > maxFrame {\n\t\tprintln("large frame")\n\t}'],
  ["a check in one branch only", "if len(hdr) > 2 {\n\t\tif n > maxFrame {\n\t\t\treturn nil, errTooLarge\n\t\t}\n\t}"],
  ["arithmetic that grows it", "n += 4"],
];

const tooLarge = `\nfunc tooLarge() { panic("frame too large") }\n`;

ruleTester(unboundedAllocation, {
  valid: [
    ...bounds.map(([name, body, size]) => ({ name: `bound: ${name}`, code: frame(body, size) + tooLarge })),
    {
      name: "origins that are not input: parameters, package functions, len of existing data, constants, local files and stdin",
      code: `package p

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
`,
    },
    {
      name: "8- and 16-bit lengths are bounded by their type",
      code: `package p

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
`,
    },
    { name: "_test.go files are not checked", code: { "p_test.go": frame("").replace("package p", "package p_test") } },
  ],
  invalid: [
    ...notBounds.map(([name, body]) => ({ name: `not a bound: ${name}`, code: frame(body), errors: [{ line: allocLine(body), messageId: "unbounded" }] })),
    {
      name: "a check after the allocation doesn't count",
      code: frame("").replace("_, err := io.ReadFull(r, buf)", "if n > maxFrame {\n\t\treturn nil, errTooLarge\n\t}\n\t_, err := io.ReadFull(r, buf)"),
      errors: [{ line: 20 }],
    },
    {
      name: "arithmetic on the size names both the size and the input it carries",
      code: frame("", "int(n)*2 + 4"),
      errors: [{ line: 20, message: /^`int\(n\)\*2 \+ 4` \(through `n`\) comes from binary\.BigEndian\.Uint32/ }],
    },
    {
      name: "inside the branch where the bound holds it is bounded; in the other branch it is not",
      code: `package p

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
`,
      errors: [{ line: 13 }, { line: 16 }],
    },
  ],
});

const inputs = `package p

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
	_ = make([]byte, v) // fact input-sizes:"sized by v from binary.Varint at p.go:19"
	var l uint64
	binary.Read(conn, binary.LittleEndian, &l)
	_ = make([]byte, l) // fact input-sizes:"from binary.Read into l"
	var m msg
	gob.NewDecoder(conn).Decode(&m)
	_ = make([]byte, m.Count) // fact input-sizes:"from gob decoding into m"
	var j msg
	json.NewDecoder(r.Body).Decode(&j)
	_ = make([]byte, j.Count) // fact input-sizes:"from json decoding into j"
	c, _ := strconv.ParseUint(r.Header.Get("X-Count"), 10, 64)
	_ = strings.Repeat("x", int(c)) // fact input-sizes:"strings.Repeat sized by int\\(c\\) from strconv.ParseUint on request data"
	var buf bytes.Buffer
	buf.Grow(int(r.ContentLength)) // fact input-sizes:"buf.Grow sized by .* from the request's Content-Length header"
	line, _ := bufio.NewReader(conn).ReadString('\\n')
	var k int
	fmt.Sscanf(line, "%d", &k)
	_ = make(map[string]int, k) // fact input-sizes:"from fmt.Sscanf on a line read from a reader"
}
`;

test("input-sizes facts: varints, binary.Read, decoders, request parameters, Content-Length, lines read from a connection", () => {
  assert.deepEqual(unmetFacts({ "p.go": inputs }, [inputSizesAnalyzer]), []);
});

test("unbounded-allocation: each input named in the message, with where it was read", () => {
  const { reports } = lintWithRule(unboundedAllocation, { name: "inputs", code: { "p.go": inputs } });
  assert.deepEqual(
    reports.map((r) => r.message.split(" and sizes")[0]),
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

// Through the engine: evidence and suppression directives are its part.

const RULE = "unbounded-allocation";
const lint = (src: string): Promise<Finding[]> => lintModule(RULE, { "p.go": src });

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

test("suppression: //nolint and //lint:ignore", async () => {
  const nolint = frame("").replace("buf := make([]byte, n)", "buf := make([]byte, n) //nolint:go-hazard/unbounded-allocation // r is a trusted pipe");
  assert.deepEqual(await lint(nolint), []);
  const ignore = frame("").replace("\tbuf := make([]byte, n)", "\t//lint:ignore go-hazard/unbounded-allocation r is a trusted pipe\n\tbuf := make([]byte, n)");
  assert.deepEqual(await lint(ignore), []);
});
