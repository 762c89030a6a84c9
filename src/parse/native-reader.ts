/**
 * The fast reader: go-hazard's own addon (native/tree_export.c, built by
 * `npm install` when a C compiler is there) parses a file and returns its
 * tree as one flat Uint32Array, read here without further native calls.
 * Reading a tree through the Node binding costs a native call per node
 * property; on the Go standard library that was more time than the parse.
 *
 * A `QueuedParse` has a package's files parsed on libuv's thread pool instead
 * (the addon's parseAsync, one file at a time per thread), so they can be
 * parsed while this thread builds trees or analyses the package before.
 *
 * Optional by design: without a compiler (tree-sitter's own packages ship
 * prebuilt binaries, so installing go-hazard never needed one) the addon
 * is missing and binding-reader.ts is used. GO_HAZARD_NATIVE=0 forces that.
 */
import { createRequire } from "node:module";
import { LineIndex } from "./node.js";
import { descends, fieldNames, internalized, learnType, NAMED, OPERATOR, typeFlags, typeNames } from "./grammar.js";
import { ParseFailure, TreeBuilder, overBudget, parseBudgetMs, type ParsedFile } from "./tree-builder.js";

interface TreeExportAddon {
  /** Set by addons whose parses take a budget; one built from older sources ignores it (and lacks this). */
  budgets?: boolean;
  /** Parses within budgetMs (0: none); keeps the export (native/tree_export.c) and returns its size in words, -1 past the budget. */
  parse(text: string, budgetMs: number): number;
  /** Copies the last export: header [record count, has syntax errors], then 4 words per node. */
  read(out: Uint32Array): void;
  /** Parses on libuv's thread pool, after this thread's earlier parseAsync calls; resolves with the export (read's layout), null past the budget. */
  parseAsync(text: string, budgetMs: number): Promise<Uint32Array | null>;
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

/**
 * Which reader parseGo uses, and if it is the fallback, why: for the bench and
 * `--debug` output. `parseBudget` is false only for an addon built from older
 * sources (a checkout updated without `npm install`): it is still used, at
 * full speed, but its parses ignore the budget until it is rebuilt.
 */
export const parserInfo: { reader: "native" | "binding"; reason: string; parseBudget: boolean } = {
  reader: loaded.addon ? "native" : "binding",
  reason: loaded.addon && loaded.addon.budgets !== true ? "built from older sources: no parse budget until `npm install` rebuilds it" : loaded.reason,
  parseBudget: !loaded.addon || loaded.addon.budgets === true,
};

/** The export's destination, reused file after file (grown when a file needs more). */
let reused = new Uint32Array(1 << 16);

function learn(addon: TreeExportAddon, typeId: number): number {
  const [name, named] = addon.symbol(typeId);
  return learnType(typeId, name, named);
}

export function parseWithNative(text: string): ParsedFile {
  const addon = available();
  const size = addon.parse(text, parseBudgetMs());
  if (size < 0) return overBudget(text);
  if (size > reused.length) reused = new Uint32Array(Math.max(size, reused.length * 2));
  addon.read(reused);
  return buildTree(addon, text, reused);
}

/**
 * Files whose parses are queued on the thread pool as soon as this is made;
 * `trees()` builds them, in order, as their exports arrive.
 */
export class QueuedParse {
  private readonly exports: Array<Promise<Uint32Array | null | ParseFailure> | undefined>;

  constructor(private readonly texts: readonly string[]) {
    const addon = available();
    // Settled into values, so a failure is never an unhandled rejection while earlier files are built.
    this.exports = texts.map((text, i) => {
      try {
        return addon.parseAsync(text, parseBudgetMs()).catch((err: unknown) => new ParseFailure(i, err));
      } catch (err) {
        return Promise.resolve(new ParseFailure(i, err));
      }
    });
  }

  /** The trees in the texts' order; rejects with the first ParseFailure, once every queued parse has settled. */
  async trees(): Promise<ParsedFile[]> {
    const addon = available();
    const trees: ParsedFile[] = [];
    for (let i = 0; i < this.texts.length; i++) {
      const exported = await this.exports[i]!;
      this.exports[i] = undefined; // the export is garbage once its tree is built
      if (exported instanceof ParseFailure) {
        await Promise.all(this.exports);
        throw exported;
      }
      trees.push(exported === null ? overBudget(this.texts[i]!) : buildTree(addon, this.texts[i]!, exported));
    }
    return trees;
  }
}

function available(): TreeExportAddon {
  const addon = loaded.addon;
  if (!addon) throw new Error(`go-hazard's native tree export is unavailable: ${loaded.reason}`);
  return addon;
}

/** GoNodes from an export (the layout in native/tree_export.c). */
function buildTree(addon: TreeExportAddon, text: string, words: Uint32Array): ParsedFile {
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
