/**
 * The fallback reader: tree-sitter's Node binding, walked with a cursor. Used
 * when go-hazard's native export (native-reader.ts) is not built. Every
 * property read is a native call (~0.1–0.2 µs, about as much as building the
 * node itself), so the walk asks only what it can't know: node-types.json
 * says which field most children sit in, identifier ends are scanned in JS.
 * One Parser per thread (tree-sitter parsers are not thread-safe and are
 * cheap to keep), loaded on first use.
 */
import { createRequire } from "node:module";
import { LineIndex } from "./node.js";
import {
  descends,
  expandTypeRef,
  fieldNames,
  HAS_FIELDS,
  IDENT,
  internalized,
  KEYWORD,
  KEYWORD_TYPES,
  learnType,
  NAMED,
  nodeTypeInfo,
  OPERATOR,
  typeFlags,
  typeNames,
} from "./grammar.js";
import { TreeBuilder, overBudget, parseBudgetMs, type ParsedFile } from "./tree-builder.js";

const require = createRequire(import.meta.url);

let parser: import("tree-sitter") | undefined;

function getParser(): import("tree-sitter") {
  if (!parser) {
    // Both packages are CommonJS native addons; `require` keeps them out of ESM interop trouble.
    const TreeSitter = require("tree-sitter") as typeof import("tree-sitter");
    parser = new TreeSitter();
    parser.setLanguage(require("tree-sitter-go") as never);
  }
  return parser;
}

// tree-sitter reads the input in chunks through this callback; the default
// string path of the Node binding copies the whole text per call, which is slow
// for big generated files.
const CHUNK = 64 * 1024;

/** tree-sitter's own tree for `text`, through the binding (this thread's parser). The bench's bare-parse floor is this call. */
export function parseTreeWithBinding(text: string): import("tree-sitter").Tree {
  return getParser().parse((index: number) => (index < text.length ? text.slice(index, index + CHUNK) : null));
}

/** The tree, or null when the parse ran past its budget (parseBudgetMs) and was cancelled. */
function parseWithinBudget(text: string): import("tree-sitter").Tree | null {
  const budget = parseBudgetMs();
  if (budget === 0) return parseTreeWithBinding(text);
  const parser = getParser();
  const deadline = performance.now() + budget;
  // Asked every 100 parse operations; true cancels.
  const progressCallback = (): boolean => performance.now() > deadline;
  let tree: import("tree-sitter").Tree | undefined;
  try {
    tree = parser.parse((index: number) => (index < text.length ? text.slice(index, index + CHUNK) : null), null, { progressCallback });
  } catch (err) {
    if (performance.now() <= deadline) throw err;
  }
  if (tree) return tree;
  // A cancelled parse would otherwise be resumed by the next call, with the next file's text.
  parser.reset();
  if (performance.now() <= deadline) throw new Error("tree-sitter returned no tree");
  return null;
}

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

function planField(parentTypeId: number, childTypeId: number): number {
  let plan = fieldPlans[parentTypeId];
  if (!plan) fieldPlans[parentTypeId] = plan = new Uint16Array(PLAN_WIDTH);
  const parent = nodeTypeInfo.get(typeNames[parentTypeId]!);
  const childKey = `${typeFlags[childTypeId]! & NAMED ? "" : "'"}${typeNames[childTypeId]}`;
  let code = FIELD_ASK;
  if (parent) {
    const fields = Object.entries(parent.fields ?? {}).filter(([, f]) => f.types.some((t) => expandTypeRef(t, new Set()).has(childKey)));
    const asChild = (parent.children?.types ?? []).some((t) => expandTypeRef(t, new Set()).has(childKey));
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

export function parseWithBinding(text: string): ParsedFile {
  const tree = parseWithinBudget(text);
  if (tree === null) return overBudget(text);
  // A tree with errors holds ERROR and missing nodes, which node-types.json
  // does not describe: it is walked without shortcuts (every named node is
  // asked for its field and descended into). Only then is the (native)
  // missing check paid for.
  const hasError = tree.rootNode.hasError;
  const cursor = tree.walk();
  const learn = (typeId: number): number => learnType(typeId, cursor.nodeType, cursor.nodeIsNamed);

  const rootTypeId = cursor.nodeTypeId;
  const rootFlags = typeFlags[rootTypeId] ?? learn(rootTypeId);
  const tb = new TreeBuilder(text, new LineIndex(text), typeNames[rootTypeId]!, rootTypeId, rootFlags);

  // Iterative pre-order walk: no recursion limit on deep trees (long
  // `a + b + c ...` chains in generated code). Anonymous nodes (punctuation,
  // keywords) are leaves and skipped with one call, unless they are operators.
  if (!cursor.gotoFirstChild()) return tb.finish();
  for (;;) {
    const parentFlags = tb.parentFlags;
    const parentTypeId = tb.parentTypeId;
    const typeId = cursor.nodeTypeId;
    const flags = typeFlags[typeId] ?? learn(typeId);
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
    let node;
    if (named || fieldName || missing) {
      const start = cursor.startIndex;
      let end = -1;
      if (!hasError) {
        if (flags & IDENT) end = asciiIdentEnd(text, start);
        else if (flags & KEYWORD) end = start + KEYWORD_TYPES.get(type)!;
      }
      if (end < 0) end = cursor.endIndex;
      node = tb.add(type, flags, fieldName, start, end, missing);
    }
    if (node && descends(flags, type, hasError) && cursor.gotoFirstChild()) {
      tb.enter(node, typeId, flags);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || tb.depth === 1) return tb.finish();
      tb.leave();
    }
  }
}
