/**
 * What the readers know about tree-sitter-go's node types, per type id: the
 * name (internalized) and flags that say how a node of that type is read.
 * Filled on first sight of an id, from whichever reader met it (the native
 * export and the Node binding number types alike: both are the grammar's
 * symbol ids). node-types.json, the grammar's own description, says which
 * types can have field children or named children at all.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const typeNames: string[] = [];
export const typeFlags: number[] = [];
/** Field names by field id, internalized. */
export const fieldNames: string[] = [];

export const NAMED = 1;
/** The type has fields (children may carry a field name). */
export const HAS_FIELDS = 2;
/** The type may have named children (or field children): worth descending into. */
export const HAS_CHILDREN = 4;
/** Anonymous children carry meaning through a field (operators). */
export const OPERATOR = 8;
/** A token whose end can be found by scanning an ASCII identifier. */
export const IDENT = 16;
/** A token whose text is its type name (`true`, `nil`, `_`...). */
export const KEYWORD = 32;

const OPERATOR_PARENTS = new Set(["assignment_statement", "binary_expression", "unary_expression"]);
const IDENT_TYPES = new Set(["identifier", "field_identifier", "type_identifier", "package_identifier", "label_name"]);
/**
 * Kept as leaves (in a tree without syntax errors): nothing reads a string
 * literal's content and escape-sequence nodes (`.text` has it all), and they
 * were one node in ten.
 */
const OPAQUE_TYPES = new Set(["interpreted_string_literal", "raw_string_literal"]);
/** Keyword-like leaves and the length of their text. */
export const KEYWORD_TYPES = new Map([["true", 4], ["false", 5], ["nil", 3], ["iota", 4], ["blank_identifier", 1]]);

export interface TypeRef {
  type: string;
  named: boolean;
}

export interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { types: TypeRef[] }>;
  children?: { types: TypeRef[] };
  subtypes?: TypeRef[];
}

/** Named types by name, from the grammar's node-types.json; empty (every type treated as "may have anything") if it can't be read. */
export const nodeTypeInfo: Map<string, NodeTypeInfo> = (() => {
  try {
    const list = require("tree-sitter-go/src/node-types.json") as NodeTypeInfo[];
    return new Map(list.filter((t) => t.named).map((t) => [t.type, t]));
  } catch {
    return new Map<string, NodeTypeInfo>();
  }
})();

/** Concrete types a type reference stands for (supertypes like `_expression` expanded), as `name` or `'name` (anonymous). */
export function expandTypeRef(ref: TypeRef, out: Set<string>): Set<string> {
  const info = ref.named ? nodeTypeInfo.get(ref.type) : undefined;
  if (info?.subtypes) for (const sub of info.subtypes) expandTypeRef(sub, out);
  else out.add(`${ref.named ? "" : "'"}${ref.type}`);
  return out;
}

/**
 * The same characters as `s`, as V8's internalized (unique) string. Names
 * from an addon are fresh heap strings, so every `node.type === "call_expression"`
 * in the analysis and the rules compared characters; against an internalized
 * literal an internalized name compares by pointer. A property key is
 * always internalized.
 */
export function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

/** Record a type id's name and flags; returns the flags. */
export function learnType(typeId: number, name: string, named: boolean): number {
  typeNames[typeId] = internalized(name);
  let flags = 0;
  if (named) {
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

/** Whether a reader descends into a node of this type (`hasError`: the tree has syntax errors, read without shortcuts). */
export function descends(flags: number, type: string, hasError: boolean): boolean {
  return (flags & NAMED) !== 0 && type !== "comment" && (hasError || (flags & HAS_CHILDREN) !== 0);
}
