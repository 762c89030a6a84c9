/**
 * The fast reader: go-hazard's own addon (native/tree_export.c, built by
 * `npm install` when a C compiler is there) parses a file and returns its
 * tree as one flat Uint32Array, read here without further native calls.
 * Reading a tree through the Node binding costs a native call per node
 * property; on the Go standard library that was more time than the parse.
 *
 * Optional by design: without a compiler (tree-sitter's own packages ship
 * prebuilt binaries, so installing go-hazard never needed one) the addon
 * is missing and binding-reader.ts is used. GO_HAZARD_NATIVE=0 forces that.
 */
import { createRequire } from "node:module";
import { LineIndex } from "./node.js";
import { descends, fieldNames, internalized, learnType, NAMED, OPERATOR, typeFlags, typeNames } from "./grammar.js";
import { TreeBuilder, type ParsedFile } from "./tree-builder.js";

interface TreeExportAddon {
  /** Parses; keeps the export (native/tree_export.c) and returns its size in words. */
  parse(text: string): number;
  /** Copies the last export: header [record count, has syntax errors], then 4 words per node. */
  read(out: Uint32Array): void;
  /** [name, named] of a symbol id. */
  symbol(id: number): [string, boolean];
  field(id: number): string;
}

const HEADER_WORDS = 2;
const RECORD_WORDS = 4;
const SYMBOL_MASK = 0xffff;
const FIELD_SHIFT = 16;
const FIELD_MASK = 0x7fff;

/** Relative to dist/src/parse/ (tsc's output), where node-gyp puts it. */
const ADDON_PATH = "../../../build/Release/go_hazard_tree.node";

function load(): { addon: TreeExportAddon | undefined; reason: string } {
  if (process.env.GO_HAZARD_NATIVE === "0") return { addon: undefined, reason: "turned off by GO_HAZARD_NATIVE=0" };
  try {
    return { addon: createRequire(import.meta.url)(ADDON_PATH) as TreeExportAddon, reason: "" };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { addon: undefined, reason: code === "MODULE_NOT_FOUND" ? "not built (npm install builds it when a C compiler is available)" : String(err) };
  }
}

const loaded = load();

/** Which reader parseGo uses, and if it is the fallback, why: for the bench and `--debug` output. */
export const parserInfo: { reader: "native" | "binding"; reason: string } = {
  reader: loaded.addon ? "native" : "binding",
  reason: loaded.reason,
};

/** The export's destination, reused file after file (grown when a file needs more). */
let words = new Uint32Array(1 << 16);

function learn(addon: TreeExportAddon, typeId: number): number {
  const [name, named] = addon.symbol(typeId);
  return learnType(typeId, name, named);
}

export function parseWithNative(text: string): ParsedFile {
  const addon = loaded.addon;
  if (!addon) throw new Error(`go-hazard's native tree export is unavailable: ${loaded.reason}`);
  const size = addon.parse(text);
  if (size > words.length) words = new Uint32Array(Math.max(size, words.length * 2));
  addon.read(words);
  const count = words[0]!;
  // A tree with syntax errors holds ERROR and missing nodes, which
  // node-types.json does not describe: every named node is descended into.
  const hasError = words[1] === 1;

  const rootTypeId = words[HEADER_WORDS]! & SYMBOL_MASK;
  const rootFlags = typeFlags[rootTypeId] ?? learn(addon, rootTypeId);
  const tb = new TreeBuilder(text, new LineIndex(text), typeNames[rootTypeId]!, rootTypeId, rootFlags);
  // Record index where each open node's subtree ends.
  const ends: number[] = [count];
  let i = 1;
  for (;;) {
    while (i >= ends[ends.length - 1]!) {
      ends.pop();
      if (ends.length === 0) return tb.finish();
      tb.leave();
    }
    const at = HEADER_WORDS + i * RECORD_WORDS;
    const head = words[at]!;
    const typeId = head & SYMBOL_MASK;
    const flags = typeFlags[typeId] ?? learn(addon, typeId);
    const type = typeNames[typeId]!;
    const missing = head >>> 31 === 1;
    const fieldId = (head >>> FIELD_SHIFT) & FIELD_MASK;
    // Operators are the only anonymous nodes whose field matters.
    const fieldName =
      fieldId !== 0 && ((flags & NAMED) !== 0 || missing || (tb.parentFlags & OPERATOR) !== 0)
        ? (fieldNames[fieldId] ??= internalized(addon.field(fieldId)))
        : undefined;
    const node = tb.add(type, flags, fieldName, words[at + 1]!, words[at + 2]!, missing);
    const descendants = words[at + 3]!;
    if (node && descendants > 0 && descends(flags, type, hasError)) {
      tb.enter(node, typeId, flags);
      ends.push(i + 1 + descendants);
      i++;
    } else {
      i += 1 + descendants;
    }
  }
}
