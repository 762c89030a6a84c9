/**
 * Both of `parseGo`'s readers take shortcuts: the native export (its own
 * walk in C, a flat array read in JS) and the binding reader, which keeps
 * native calls down (node-types.json says which types can have fields or
 * children and which field a child is in, identifier ends are scanned in JS).
 * Both share children arrays when empty and keep string literals as leaves.
 * This test builds the same tree the slow, obvious way, through tree-sitter's
 * public node API, and requires each reader's tree to be identical to it on
 * every Go file of the fixtures and on a set of tricky inputs (syntax errors,
 * non-ASCII identifiers, operators, comments).
 *
 * GO_HAZARD_CONVERSION_DIR=<dir> adds every .go file below <dir> (e.g.
 * `$(go env GOROOT)/src`; deep expression chains there need
 * `node --stack-size=20000` for the recursive reference).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseWithBinding } from "../src/parse/binding-reader.js";
import { parseWithNative, parserInfo, QueuedParse } from "../src/parse/native-reader.js";
import { ParseFailure, type ParsedFile } from "../src/parse/parser.js";
import type { GoNode } from "../src/parse/node.js";

const require = createRequire(import.meta.url);
const TreeSitter = require("tree-sitter") as typeof import("tree-sitter");
const GoLanguage = require("tree-sitter-go") as unknown;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const OPERATOR_PARENTS = new Set(["assignment_statement", "binary_expression", "unary_expression"]);

interface RefNode {
  type: string;
  range: [number, number];
  missing: boolean;
  children: RefNode[];
  fields: Record<string, RefNode[]>;
}

/** The reference: named children, field children (operators included), comments aside. */
function reference(text: string): { root: RefNode; comments: Array<[number, number]> } {
  const parser = new TreeSitter();
  parser.setLanguage(GoLanguage as never);
  const tree = parser.parse(text);
  const comments: Array<[number, number]> = [];
  // String literals are leaves unless the tree has syntax errors (grammar.ts: OPAQUE_TYPES).
  const opaque = tree.rootNode.hasError ? new Set<string>() : new Set(["interpreted_string_literal", "raw_string_literal"]);
  const convert = (n: import("tree-sitter").SyntaxNode, isRoot: boolean): RefNode => {
    const out: RefNode = {
      type: n.type,
      range: isRoot ? [0, text.length] : [n.startIndex, n.endIndex],
      missing: n.isMissing,
      children: [],
      fields: {},
    };
    for (let i = 0; i < (opaque.has(n.type) ? 0 : n.childCount); i++) {
      const c = n.child(i)!;
      const field = c.isNamed || c.isMissing || OPERATOR_PARENTS.has(n.type) ? n.fieldNameForChild(i) : null;
      if (!c.isNamed && !field && !c.isMissing) continue;
      if (c.type === "comment") {
        comments.push([c.startIndex, c.endIndex]);
        continue;
      }
      const child = convert(c, false);
      if (c.isNamed) out.children.push(child);
      if (field) (out.fields[field] ??= []).push(child);
    }
    return out;
  };
  return { root: convert(tree.rootNode, true), comments };
}

function same(actual: GoNode, expected: RefNode, where: string): string | null {
  const here = `${where}/${expected.type}@${expected.range.join("-")}`;
  if (actual.type !== expected.type) return `${here}: type ${actual.type}`;
  if (actual.range[0] !== expected.range[0] || actual.range[1] !== expected.range[1]) return `${here}: range ${actual.range.join("-")}`;
  if (actual.missing !== expected.missing) return `${here}: missing ${actual.missing}`;
  if (actual.children.length !== expected.children.length) return `${here}: ${actual.children.length} children, want ${expected.children.length}`;
  for (let i = 0; i < expected.children.length; i++) {
    if (actual.children[i]!.parent !== actual) return `${here}: child ${i} has the wrong parent`;
    const r = same(actual.children[i]!, expected.children[i]!, here);
    if (r) return r;
  }
  const names = Object.keys(expected.fields).sort();
  if (Object.keys(actual.fields).sort().join() !== names.join()) return `${here}: fields ${Object.keys(actual.fields).sort().join()}, want ${names.join()}`;
  for (const name of names) {
    const a = actual.fieldAll(name);
    const e = expected.fields[name]!;
    if (a.length !== e.length) return `${here}.${name}: ${a.length} nodes, want ${e.length}`;
    for (let i = 0; i < e.length; i++) {
      // Named field nodes are children, already compared: the same objects must sit in both places.
      const at = actual.children.indexOf(a[i]!);
      if (at !== expected.children.indexOf(e[i]!)) return `${here}.${name}[${i}]: not the child it should be`;
      if (at < 0) {
        const x = a[i]!;
        const y = e[i]!;
        if (x.type !== y.type || x.range.join() !== y.range.join() || x.missing !== y.missing || x.children.length > 0) {
          return `${here}.${name}[${i}]: ${x.type}@${x.range.join("-")}, want ${y.type}@${y.range.join("-")}`;
        }
      }
    }
  }
  return null;
}

const readers: Array<[string, (text: string) => ParsedFile]> = [["binding reader", parseWithBinding]];
if (parserInfo.reader === "native") readers.push(["native reader", parseWithNative]);

/** How a reader's tree differs from the reference, or null. */
function compare(got: ParsedFile, want: ReturnType<typeof reference>): string | null {
  const r = same(got.root, want.root, "");
  if (r) return r;
  const comments = got.comments.map((c) => c.range.join("-")).join(",");
  const wantComments = want.comments.map((c) => c.join("-")).join(",");
  return comments === wantComments ? null : `comments ${comments}`;
}

function check(text: string): string | null {
  const want = reference(text);
  for (const [name, parse] of readers) {
    const r = compare(parse(text), want);
    if (r) return `${name}: ${r}`;
  }
  return null;
}

/** The same check for parses queued on the thread pool, which the engine uses for in-thread runs: one queue for all texts. */
async function checkQueued(texts: string[]): Promise<Array<string | null>> {
  const trees = await new QueuedParse(texts).trees();
  return texts.map((text, i) => compare(trees[i]!, reference(text)));
}

test("the native tree export is built (else the binding reader is checked alone)", (t) => {
  if (parserInfo.reader !== "native") t.skip(`native tree export: ${parserInfo.reason}`);
});

function goFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...goFiles(p));
    else if (e.isFile() && e.name.endsWith(".go")) out.push(p);
  }
  return out.sort();
}

const TRICKY: Record<string, string> = {
  operators: "package p\n\nfunc f(a, b int) int {\n\tx := -a + b*^a\n\tx <<= 2; x &^= b\n\tc := <-ch\n\treturn x &^ b | c\n}\n",
  unicode: "package p\n\nvar café, naïve = 1, 2\nvar 变量 = café\ntype Ω struct{ ä int }\nfunc (ω Ω) f_é() { L: for { break L } }\n",
  comments: "// head\npackage p // tail\n\n/* block */ func f() { /* in */ _ = nil /* after */ }\n\n// end\n",
  keywords: "package p\n\nconst (\n\ta = iota\n\tb\n)\n\nvar x, y, z = true, false, nil\nvar _ = x\n",
  literals: "package p\n\nvar s = \"a\\tb\\u00e9\" + `raw\nline` + string('x') + string(rune(0x1F600))\nvar f = 1.5e3 + 0x1p-2 + 2i\n",
  syntaxErrors: "package p\n\nfunc f( {\n\tx := [1, 2\n\tif x { go }\n}\n\nfunc g() { return 1 +  }\n",
  missingBrace: "package p\n\nfunc f() {\n\tfor i := 0; i < 3; i++ {\n",
  blankLines: "\n\n\npackage p\n\nimport . \"fmt\"\nimport _ \"embed\"\n\n\n",
  crlf: "package p\r\n\r\nfunc f() {\r\n\tx := 1\r\n\t_ = x\r\n}\r\n",
  generics: "package p\n\ntype Number interface{ ~int | ~float64 }\n\nfunc Sum[T Number](xs ...T) (s T) {\n\tfor _, x := range xs { s += x }\n\treturn\n}\n",
};

test("parseGo matches the reference conversion on tricky inputs", () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    assert.equal(check(text), null, name);
  }
});

function fixtureFiles(): string[] {
  return ["testdata", "examples"].flatMap((d) => (fs.existsSync(path.join(repoRoot, d)) ? goFiles(path.join(repoRoot, d)) : []));
}

test("parseGo matches the reference conversion on every fixture file", () => {
  const files = fixtureFiles();
  assert.ok(files.length > 0);
  for (const f of files) assert.equal(check(fs.readFileSync(f, "utf8")), null, path.relative(repoRoot, f));
});

test("parses queued on the thread pool match the reference on the tricky inputs and every fixture file", async (t) => {
  if (parserInfo.reader !== "native") {
    t.skip(`native tree export: ${parserInfo.reason}`);
    return;
  }
  const named = [...Object.entries(TRICKY), ...fixtureFiles().map((f) => [path.relative(repoRoot, f), fs.readFileSync(f, "utf8")] as const)];
  const results = await checkQueued(named.map(([, text]) => text));
  named.forEach(([name], i) => assert.equal(results[i], null, name));
});

test("a queued parse that fails names its file, and the other parses still settle", async (t) => {
  if (parserInfo.reader !== "native") {
    t.skip(`native tree export: ${parserInfo.reason}`);
    return;
  }
  // Not a string: the addon refuses it when it is queued.
  const queued = new QueuedParse(["package a\n", 42 as unknown as string, "package c\n"]);
  await assert.rejects(queued.trees(), (err: unknown) => err instanceof ParseFailure && err.index === 1);
});

test("parseGo matches the reference conversion below GO_HAZARD_CONVERSION_DIR", async (t) => {
  const dir = process.env.GO_HAZARD_CONVERSION_DIR;
  if (!dir) {
    t.skip("set GO_HAZARD_CONVERSION_DIR to check a whole tree (e.g. $(go env GOROOT)/src)");
    return;
  }
  const failures: string[] = [];
  const files = goFiles(dir).filter((f) => !f.includes(`${path.sep}testdata${path.sep}`));
  for (const f of files) {
    const r = check(fs.readFileSync(f, "utf8"));
    if (r) failures.push(`${path.relative(dir, f)}: ${r}`);
  }
  if (parserInfo.reader === "native") {
    // Queued on the thread pool too, 200 files at a time.
    for (let i = 0; i < files.length; i += 200) {
      const batch = files.slice(i, i + 200);
      const results = await checkQueued(batch.map((f) => fs.readFileSync(f, "utf8")));
      results.forEach((r, j) => r && failures.push(`${path.relative(dir, batch[j]!)}: queued: ${r}`));
    }
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${files.length} files differ`);
});
