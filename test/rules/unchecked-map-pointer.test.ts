/**
 * unchecked-map-pointer, as a reporter of the map-pointers analyzer: keys
 * from callers and requests (the request recognised by its type, however
 * net/http is imported), not keys the code made; the guards; the variable
 * form with the lookup as evidence.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { uncheckedMapPointer } from "../../rules/unchecked-map-pointer.js";
import { mapPointersAnalyzer } from "../../src/analysis/map-pointers.js";
import { ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const pool = `package p

type Conn struct{ Addr string }

type Pool struct{ conns map[string]*Conn }
`;

/** A handler-shaped function (unexported, so only the request makes its key external), importing net/http as `imp`. */
function handler(imp: string, path = "net/http"): string {
  const name = imp === "http" ? "" : `${imp} `;
  return `package p

import ${name}"${path}"

type Conn struct{ Addr string }

var conns = map[string]*Conn{}

func serve(w ${imp}.ResponseWriter, r *${imp}.Request) {
	_, _ = w.Write([]byte(conns[r.URL.Path].Addr))
}
`;
}

ruleTester(uncheckedMapPointer, {
  valid: [
    { name: "an unexported helper's key is the package's own", code: pool + `\nfunc (p *Pool) addr(k string) string {\n\treturn p.conns[k].Addr\n}\n` },
    {
      name: "keys taken from ranging over a caller's slice",
      code: pool + `\nfunc (p *Pool) All(keys []string) []string {\n\tvar out []string\n\tfor _, k := range keys {\n\t\tout = append(out, p.conns[k].Addr)\n\t}\n\treturn out\n}\n`,
    },
    { name: "a comma-ok lookup first", code: pool + `\nfunc (p *Pool) Addr(k string) string {\n\tif _, ok := p.conns[k]; !ok {\n\t\treturn ""\n\t}\n\treturn p.conns[k].Addr\n}\n` },
    { name: "the variable is checked before its use", code: pool + `\nfunc (p *Pool) Addr(k string) string {\n\tc := p.conns[k]\n\tif c == nil {\n\t\treturn ""\n\t}\n\treturn c.Addr\n}\n` },
    { name: "a call given the key and the map's owner may store it", code: pool + `\nfunc (p *Pool) dial(k string) {}\n\nfunc (p *Pool) Addr(k string) string {\n\tp.dial(k)\n\treturn p.conns[k].Addr\n}\n` },
    { name: "a Request type of another package is not net/http's", code: handler("http", "example.com/fake/http") },
  ],
  invalid: [
    {
      name: "an exported method's parameter as the key",
      code: pool + `\nfunc (p *Pool) Addr(k string) string {\n\treturn p.conns[k].Addr\n}\n`,
      errors: [{ line: 8, messageId: "direct", message: /^Pointer read from map p\.conns is dereferenced without a nil check: `p\.conns\[k\]\.Addr`\. A missing key \(or a stored nil\) gives a nil \*Conn, .* Check it first: `p, ok := p\.conns\[k\]; if !ok \|\| p == nil \{ \.\.\. \}`\.$/ }],
    },
    {
      name: "the nil check comes after the use",
      code: pool + `\nfunc (p *Pool) Late(k string) string {\n\ta := p.conns[k].Addr\n\tif p.conns[k] == nil {\n\t\treturn ""\n\t}\n\treturn a\n}\n`,
      errors: [{ line: 8, messageId: "direct" }],
    },
    {
      name: "through a variable: the dereference is reported, the lookup is named",
      code: pool + `\nfunc (p *Pool) Addr(k string) string {\n\tc := p.conns[k]\n\treturn c.Addr\n}\n`,
      errors: [{ line: 9, messageId: "variable", message: /^Pointer c, read from map p\.conns on line 8, is dereferenced without a nil check: `c\.Addr`\..* Check it first: `c, ok := p\.conns\[k\]; if !ok \|\| c == nil \{ \.\.\. \}`\.$/ }],
    },
    { name: "a handler's request as the key", code: handler("http"), errors: [{ line: 10, messageId: "direct" }] },
    { name: "a handler's request, net/http imported under another name", code: handler("nethttp"), errors: [{ line: 10, messageId: "direct" }] },
  ],
});

test("map-pointers facts: the dereference, the lookup and the variable", () => {
  const code = pool + `\nfunc (p *Pool) Addr(k string) string {\n\tc := p.conns[k]\n\treturn c.Addr // fact map-pointers:"^a\\.go:9:9 c\\.Addr dereferences p\\.conns\\[k\\] unchecked through c \\(read at line 8\\)$"\n}\n`;
  assert.deepEqual(unmetFacts(code, [mapPointersAnalyzer]), []);
});
