/**
 * tree-sitter-go → GoNode conversion. One Parser per thread (tree-sitter
 * parsers are not thread-safe and are cheap to keep).
 */
import { createRequire } from "node:module";
import { GoNode, LineIndex } from "./node.js";

const require = createRequire(import.meta.url);
// Both packages are CommonJS native addons; `require` keeps them out of ESM interop trouble.
const TreeSitter = require("tree-sitter") as typeof import("tree-sitter");
const GoLanguage = require("tree-sitter-go") as unknown;

export interface SyntaxProblem {
  message: string;
  /** 1-based line, 1-based UTF-16 column. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ParsedFile {
  root: GoNode;
  comments: GoNode[];
  lines: LineIndex;
  syntaxErrors: SyntaxProblem[];
}

let parser: import("tree-sitter") | undefined;

function getParser(): import("tree-sitter") {
  if (!parser) {
    parser = new TreeSitter();
    parser.setLanguage(GoLanguage as never);
  }
  return parser;
}

// tree-sitter reads the input in chunks through this callback; the default
// string path of the Node binding copies the whole text per call, which is slow
// for big generated files.
const CHUNK = 64 * 1024;

/**
 * Per-language tables filled on first sight: the Node binding answers type and
 * field names with a native call (and a new string) each time, ids are cheap.
 */
const typeNames: string[] = [];
const typeNamed: boolean[] = [];
const fieldNames: string[] = [];

/** Node types whose anonymous children carry meaning through a field (operators). */
const OPERATOR_PARENTS = new Set(["assignment_statement", "binary_expression", "unary_expression"]);

export function parseGo(text: string): ParsedFile {
  const tree = getParser().parse((index: number) => (index < text.length ? text.slice(index, index + CHUNK) : null));
  const lines = new LineIndex(text);
  const comments: GoNode[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  // Missing nodes exist only in trees with errors; only then is the (native) check paid for.
  const hasError = tree.rootNode.hasError;
  const cursor = tree.walk();

  // The root must span the whole text (ESLint requires it), even when the file
  // starts or ends with whitespace tree-sitter leaves out.
  const root = new GoNode(cursor.nodeType, 0, text.length, lines);
  const stack: GoNode[] = [root];

  // Iterative pre-order walk with the cursor: no recursion limit on deep trees
  // (long `a + b + c ...` chains in generated code). Anonymous nodes (punctuation,
  // keywords) are leaves and skipped with one call, unless they are operators.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const parent = stack[stack.length - 1]!;
      const typeId = cursor.nodeTypeId;
      let type = typeNames[typeId];
      if (type === undefined) {
        type = typeNames[typeId] = cursor.nodeType;
        typeNamed[typeId] = cursor.nodeIsNamed;
      }
      const named = typeNamed[typeId]!;
      const missing = hasError && cursor.nodeIsMissing;
      let fieldName: string | undefined;
      if (named || missing || OPERATOR_PARENTS.has(parent.type)) {
        const fieldId = cursor.currentFieldId;
        if (fieldId) fieldName = fieldNames[fieldId] ??= cursor.currentFieldName;
      }
      let node: GoNode | undefined;
      if (named || fieldName || missing) {
        node = new GoNode(type, cursor.startIndex, cursor.endIndex, lines, missing);
        node.parent = parent;
        if (type === "comment") {
          comments.push(node);
        } else {
          if (named) parent.children.push(node);
          if (fieldName) addField(parent, fieldName, node);
          if (type === "ERROR" || missing) syntaxErrors.push(describeError(node, text, lines));
        }
      }
      if (named && type !== "comment" && cursor.gotoFirstChild()) {
        stack.push(node!);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) {
          return { root, comments, lines, syntaxErrors: dedupeErrors(syntaxErrors) };
        }
        stack.pop();
      }
    }
  }
  return { root, comments, lines, syntaxErrors };
}

function addField(parent: GoNode, name: string, node: GoNode): void {
  const existing = parent.fields[name];
  if (existing === undefined) parent.fields[name] = node;
  else if (Array.isArray(existing)) existing.push(node);
  else parent.fields[name] = [existing, node];
}

function describeError(node: GoNode, text: string, lines: LineIndex): SyntaxProblem {
  const start = lines.position(node.range[0]);
  const end = lines.position(node.range[1]);
  let message: string;
  if (node.missing) {
    message = `syntax error: missing ${node.type}`;
  } else {
    const snippet = text.slice(node.range[0], Math.min(node.range[1], node.range[0] + 30)).split(/\r?\n/)[0]!.trim();
    message = snippet ? `syntax error: unexpected ${JSON.stringify(snippet)}` : "syntax error";
  }
  return { message, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

/** Nested ERROR nodes would report the same spot several times; keep the outermost per start line. */
function dedupeErrors(errors: SyntaxProblem[]): SyntaxProblem[] {
  const seen = new Set<number>();
  const out: SyntaxProblem[] = [];
  for (const e of errors) {
    if (seen.has(e.line)) continue;
    seen.add(e.line);
    out.push(e);
  }
  return out;
}

/** Walk every node below `root` (pre-order), stopping descent where `visit` returns false. */
export function walk(root: GoNode, visit: (node: GoNode) => boolean | void): void {
  const stack: GoNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}
