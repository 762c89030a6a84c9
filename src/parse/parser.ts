/**
 * tree-sitter-go → GoNode conversion. One Parser per thread (tree-sitter
 * parsers are not thread-safe and are cheap to keep).
 */
import { createRequire } from "node:module";
import { newNode, type GoNode, LineIndex, NO_FIELDS } from "./node.js";

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
 * Per-language tables filled on first sight of a type id: the Node binding
 * answers type and field names with a native call (and a new string) each
 * time, ids are cheap. Every native call costs ~0.1–0.2 µs, about as much as
 * building the node itself, so the walk asks only what it can't know:
 * node-types.json (the grammar's own description) says which types can have
 * field children or named children at all.
 */
const typeNames: string[] = [];
const typeFlags: number[] = [];
const fieldNames: string[] = [];

const NAMED = 1;
/** The type has fields (children may carry a field name). */
const HAS_FIELDS = 2;
/** The type may have named children (or field children): worth descending into. */
const HAS_CHILDREN = 4;
/** Anonymous children carry meaning through a field (operators). */
const OPERATOR = 8;
/** A token whose end can be found by scanning an ASCII identifier. */
const IDENT = 16;
/** A token whose text is its type name (`true`, `nil`, `_`...). */
const KEYWORD = 32;

const OPERATOR_PARENTS = new Set(["assignment_statement", "binary_expression", "unary_expression"]);
const IDENT_TYPES = new Set(["identifier", "field_identifier", "type_identifier", "package_identifier", "label_name"]);
/**
 * Kept as leaves (in a tree without syntax errors): nothing reads a string
 * literal's content and escape-sequence nodes (`.text` has it all), and they
 * were one node in ten.
 */
const OPAQUE_TYPES = new Set(["interpreted_string_literal", "raw_string_literal"]);
const KEYWORD_TYPES = new Map([["true", 4], ["false", 5], ["nil", 3], ["iota", 4], ["blank_identifier", 1]]);

interface TypeRef {
  type: string;
  named: boolean;
}

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { types: TypeRef[] }>;
  children?: { types: TypeRef[] };
  subtypes?: TypeRef[];
}

/** Named types by name, from the grammar's node-types.json; empty (every type treated as "may have anything") if it can't be read. */
const nodeTypeInfo: Map<string, NodeTypeInfo> = (() => {
  try {
    const list = require("tree-sitter-go/src/node-types.json") as NodeTypeInfo[];
    return new Map(list.filter((t) => t.named).map((t) => [t.type, t]));
  } catch {
    return new Map<string, NodeTypeInfo>();
  }
})();

/**
 * Which field a child sits in, from the grammar, so the walk asks tree-sitter
 * only when the grammar leaves it open: per parent type id, per child type id,
 * FIELD_ASK (ask the cursor), FIELD_NONE, or FIELD_BASE + index into
 * planFieldNames. Most children (an `identifier` in a `call_expression`'s
 * `function`, a `block` in a `body`) can only be in one place.
 */
const FIELD_ASK = 1;
const FIELD_NONE = 2;
const FIELD_BASE = 3;
const PLAN_WIDTH = 1024;
const fieldPlans: Array<Uint16Array | undefined> = [];
const planFieldNames: string[] = [];

/** Concrete types a type reference stands for (supertypes like `_expression` expanded). */
function expand(ref: TypeRef, out: Set<string>): Set<string> {
  const info = ref.named ? nodeTypeInfo.get(ref.type) : undefined;
  if (info?.subtypes) for (const sub of info.subtypes) expand(sub, out);
  else out.add(`${ref.named ? "" : "'"}${ref.type}`);
  return out;
}

function planField(parentTypeId: number, childTypeId: number): number {
  let plan = fieldPlans[parentTypeId];
  if (!plan) fieldPlans[parentTypeId] = plan = new Uint16Array(PLAN_WIDTH);
  const parent = nodeTypeInfo.get(typeNames[parentTypeId]!);
  const childKey = `${typeFlags[childTypeId]! & NAMED ? "" : "'"}${typeNames[childTypeId]}`;
  let code = FIELD_ASK;
  if (parent) {
    const fields = Object.entries(parent.fields ?? {}).filter(([, f]) => f.types.some((t) => expand(t, new Set()).has(childKey)));
    const asChild = (parent.children?.types ?? []).some((t) => expand(t, new Set()).has(childKey));
    if (fields.length === 1 && !asChild) {
      let i = planFieldNames.indexOf(fields[0]![0]);
      if (i < 0) i = planFieldNames.push(fields[0]![0]) - 1;
      code = FIELD_BASE + i;
    } else if (fields.length === 0 && (asChild || typeNames[childTypeId] === "comment")) {
      code = FIELD_NONE;
    }
  }
  plan[childTypeId] = code;
  return code;
}

/**
 * The same characters as `s`, as V8's internalized (unique) string. Names
 * from the addon are fresh heap strings, so every `node.type === "call_expression"`
 * in the analysis and the rules compared characters; against an internalized
 * literal an internalized name compares by pointer. A property key is
 * always internalized.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

function learnType(cursor: import("tree-sitter").TreeCursor, typeId: number): number {
  const name = cursor.nodeType;
  typeNames[typeId] = internalized(name);
  let flags = 0;
  if (cursor.nodeIsNamed) {
    flags |= NAMED;
    const info = nodeTypeInfo.get(name);
    const hasFields = info === undefined || (info.fields !== undefined && Object.keys(info.fields).length > 0);
    if (hasFields) flags |= HAS_FIELDS;
    if (hasFields || info === undefined || info.children !== undefined) flags |= HAS_CHILDREN;
    if (OPERATOR_PARENTS.has(name)) flags |= OPERATOR;
    if (IDENT_TYPES.has(name)) flags |= IDENT;
    if (KEYWORD_TYPES.has(name)) flags |= KEYWORD;
    if (OPAQUE_TYPES.has(name)) flags &= ~HAS_CHILDREN;
  }
  typeFlags[typeId] = flags;
  return flags;
}

/** End of the ASCII identifier starting at `start`, or -1 when a non-ASCII character makes the scan unsure. */
function asciiIdentEnd(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) continue;
    if (c >= 128) return -1;
    break;
  }
  return i > start ? i : -1;
}

export function parseGo(text: string): ParsedFile {
  const tree = getParser().parse((index: number) => (index < text.length ? text.slice(index, index + CHUNK) : null));
  const lines = new LineIndex(text);
  const comments: GoNode[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  // A tree with errors holds ERROR and missing nodes, which node-types.json
  // does not describe: it is walked without shortcuts (every named node is
  // asked for its field and descended into). Only then is the (native)
  // missing check paid for.
  const hasError = tree.rootNode.hasError;
  const cursor = tree.walk();

  // The root must span the whole text (ESLint requires it), even when the file
  // starts or ends with whitespace tree-sitter leaves out.
  const rootTypeId = cursor.nodeTypeId;
  const rootFlags = typeFlags[rootTypeId] ?? learnType(cursor, rootTypeId);
  const root = newNode(typeNames[rootTypeId]!, 0, text.length, lines, false, null);

  // Open nodes, their flags, and where their named children start in `kids`
  // (children arrays are cut to size when the node closes: a growing array
  // would keep ~17 slots for one child).
  const open: GoNode[] = [root];
  const openFlags: number[] = [rootFlags];
  const openTypeIds: number[] = [rootTypeId];
  const marks: number[] = [0];
  const kids: GoNode[] = [];
  let kidCount = 0;

  const close = (node: GoNode, mark: number): void => {
    if (kidCount > mark) {
      node.children = childArray(kids, mark, kidCount);
      kidCount = mark;
    }
  };

  // Iterative pre-order walk with the cursor: no recursion limit on deep trees
  // (long `a + b + c ...` chains in generated code). Anonymous nodes (punctuation,
  // keywords) are leaves and skipped with one call, unless they are operators.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const parent = open[open.length - 1]!;
      const parentFlags = openFlags[openFlags.length - 1]!;
      const parentTypeId = openTypeIds[openTypeIds.length - 1]!;
      const typeId = cursor.nodeTypeId;
      const flags = typeFlags[typeId] ?? learnType(cursor, typeId);
      const type = typeNames[typeId]!;
      const named = (flags & NAMED) !== 0;
      const missing = hasError && cursor.nodeIsMissing;
      let fieldName: string | undefined;
      if (hasError ? named || missing || (parentFlags & OPERATOR) !== 0 : (parentFlags & (named ? HAS_FIELDS : OPERATOR)) !== 0) {
        const plan = hasError || typeId >= PLAN_WIDTH ? FIELD_ASK : (fieldPlans[parentTypeId]?.[typeId] || planField(parentTypeId, typeId));
        if (plan >= FIELD_BASE) fieldName = planFieldNames[plan - FIELD_BASE];
        else if (plan === FIELD_ASK) {
          const fieldId = cursor.currentFieldId;
          if (fieldId) fieldName = fieldNames[fieldId] ??= internalized(cursor.currentFieldName);
        }
      }
      let node: GoNode | undefined;
      if (named || fieldName || missing) {
        const start = cursor.startIndex;
        let end = -1;
        if (!hasError) {
          if (flags & IDENT) end = asciiIdentEnd(text, start);
          else if (flags & KEYWORD) end = start + KEYWORD_TYPES.get(type)!;
        }
        if (end < 0) end = cursor.endIndex;
        node = newNode(type, start, end, lines, missing, parent);
        if (type === "comment") {
          comments.push(node);
        } else {
          if (named) kids[kidCount++] = node;
          if (fieldName) addField(parent, fieldName, node);
          if (type === "ERROR" || missing) syntaxErrors.push(describeError(node, text, lines));
        }
      }
      if (named && type !== "comment" && (hasError || (flags & HAS_CHILDREN) !== 0) && cursor.gotoFirstChild()) {
        open.push(node!);
        openFlags.push(flags);
        openTypeIds.push(typeId);
        marks.push(kidCount);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || open.length === 1) {
          while (open.length > 0) close(open.pop()!, marks.pop()!);
          return { root, comments, lines, syntaxErrors: dedupeErrors(syntaxErrors) };
        }
        close(open.pop()!, marks.pop()!);
        openFlags.pop();
        openTypeIds.pop();
      }
    }
  }
  return { root, comments, lines, syntaxErrors };
}

/**
 * kids[from, to) as a new array. Array literals for the common short lengths:
 * like newNode's object literal, a literal has an allocation site V8 learns to
 * allocate straight into the old generation (these arrays live as long as the
 * tree); `slice` results were copied by every scavenge.
 */
function childArray(kids: GoNode[], from: number, to: number): GoNode[] {
  switch (to - from) {
    case 1:
      return [kids[from]!];
    case 2:
      return [kids[from]!, kids[from + 1]!];
    case 3:
      return [kids[from]!, kids[from + 1]!, kids[from + 2]!];
    case 4:
      return [kids[from]!, kids[from + 1]!, kids[from + 2]!, kids[from + 3]!];
    default:
      return kids.slice(from, to);
  }
}

function addField(parent: GoNode, name: string, node: GoNode): void {
  if (parent.fields === NO_FIELDS) parent.fields = {};
  const existing = parent.fields[name];
  if (existing === undefined) parent.fields[name] = node;
  else if (Array.isArray(existing)) existing.push(node);
  else parent.fields[name] = [existing, node];
}

function describeError(node: GoNode, text: string, lines: LineIndex): SyntaxProblem {
  const start = lines.position(node.start);
  const end = lines.position(node.end);
  let message: string;
  if (node.missing) {
    message = `syntax error: missing ${node.type}`;
  } else {
    const snippet = text.slice(node.start, Math.min(node.end, node.start + 30)).split(/\r?\n/)[0]!.trim();
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
