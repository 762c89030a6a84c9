/**
 * Builds a file's GoNode tree from a pre-order stream of nodes, whichever
 * reader produces it (the native export or the Node binding's cursor): the
 * one place that decides which nodes are kept and how they are linked.
 */
import { LineIndex, newNode, type GoNode, NO_FIELDS } from "./node.js";
import { NAMED } from "./grammar.js";

/**
 * How deep a file's tree may be (in GoNodes, the root at depth 1). Most of
 * the IR, the analyzers and the rules walk trees recursively, and a JS stack
 * is about 1 MB on the main thread; past this depth a file is not analysed
 * at all (its tree is empty, `tooDeep` says where, the engine reports a
 * `too-deep` notification) rather than cut, since an analysis of part of a
 * function could report what the rest of it rules out. The deepest files of
 * the Go standard library are generated tables: long `"..." + "..."` chains
 * (time/tzdata's zipdata.go, 7,103 levels; x/text's norm tables, 946).
 * Hand-written Go stays under 100. The same constant on every thread, so
 * `--jobs` never changes which files are analysed; docs/robustness.md has
 * the stack measurements it is chosen from.
 */
export const MAX_TREE_DEPTH = 1000;

/** The parse budget when GO_HAZARD_PARSE_BUDGET_MS does not set one. */
export const DEFAULT_PARSE_BUDGET_MS = 5000;

/**
 * How long one file's parse may take, in milliseconds (0: no limit), from
 * GO_HAZARD_PARSE_BUDGET_MS. tree-sitter's error recovery is about quadratic
 * on some broken inputs (thousands of string literals in a row after an
 * unclosed brace: 12 k take 2 s, 24 k 8 s), and one such file would stall the
 * whole run; past the budget the file is skipped with a `parse-budget`
 * notification. Well-formed files parse at several MB a second, so the
 * default is far above any of them. Read from the environment, which workers
 * share with the main thread.
 */
export function parseBudgetMs(): number {
  const raw = process.env.GO_HAZARD_PARSE_BUDGET_MS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PARSE_BUDGET_MS;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : DEFAULT_PARSE_BUDGET_MS;
}

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
  /** Set when the tree was deeper than MAX_TREE_DEPTH: where it first was; the tree is then an empty root. */
  tooDeep?: { line: number; column: number };
  /** Set when the parse took longer than its budget (parseBudgetMs) and was cancelled: the budget; the tree is then an empty root. */
  overBudget?: { budgetMs: number };
}

/** What a file whose parse was cancelled at its budget becomes: an empty tree that says so. */
export function overBudget(text: string): ParsedFile {
  const lines = new LineIndex(text);
  return { root: newNode("source_file", 0, text.length, lines, false, null), comments: [], lines, syntaxErrors: [], overBudget: { budgetMs: parseBudgetMs() } };
}

export class TreeBuilder {
  readonly root: GoNode;
  private readonly comments: GoNode[] = [];
  private readonly syntaxErrors: SyntaxProblem[] = [];
  // Open nodes, their flags and type ids, and where their named children
  // start in `kids` (children arrays are cut to size when the node closes: a
  // growing array would keep ~17 slots for one child).
  private readonly open: GoNode[];
  private readonly openFlags: number[];
  private readonly openTypeIds: number[];
  private readonly marks: number[] = [0];
  private readonly kids: GoNode[] = [];
  private kidCount = 0;
  private tooDeepAt = -1;

  /** The root spans the whole text (ESLint requires it), even when the file starts or ends with whitespace tree-sitter leaves out. */
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    rootType: string,
    rootTypeId: number,
    rootFlags: number,
  ) {
    this.root = newNode(rootType, 0, text.length, lines, false, null);
    this.open = [this.root];
    this.openFlags = [rootFlags];
    this.openTypeIds = [rootTypeId];
  }

  get depth(): number {
    return this.open.length;
  }

  get parentFlags(): number {
    return this.openFlags[this.openFlags.length - 1]!;
  }

  get parentTypeId(): number {
    return this.openTypeIds[this.openTypeIds.length - 1]!;
  }

  /**
   * A node under the innermost open node. Kept when it is named, sits in a
   * field or was inserted by error recovery; comments go aside. Returns the
   * node made, if any.
   */
  add(type: string, flags: number, fieldName: string | undefined, start: number, end: number, missing: boolean): GoNode | undefined {
    const named = (flags & NAMED) !== 0;
    if (!named && !fieldName && !missing) return undefined;
    if (this.open.length >= MAX_TREE_DEPTH) {
      // Not made, so the readers skip its subtree: a file this deep is dropped whole in finish().
      if (this.tooDeepAt < 0) this.tooDeepAt = start;
      return undefined;
    }
    const parent = this.open[this.open.length - 1]!;
    const node = newNode(type, start, end, this.lines, missing, parent);
    if (type === "comment") {
      this.comments.push(node);
    } else {
      if (named) this.kids[this.kidCount++] = node;
      if (fieldName) addField(parent, fieldName, node);
      if (type === "ERROR" || missing) this.syntaxErrors.push(describeError(node, this.text, this.lines));
    }
    return node;
  }

  /** Make `node` the innermost open node: the next nodes are its children. */
  enter(node: GoNode, typeId: number, flags: number): void {
    this.open.push(node);
    this.openFlags.push(flags);
    this.openTypeIds.push(typeId);
    this.marks.push(this.kidCount);
  }

  /** Close the innermost open node. */
  leave(): void {
    const node = this.open.pop()!;
    const mark = this.marks.pop()!;
    this.openFlags.pop();
    this.openTypeIds.pop();
    if (this.kidCount > mark) {
      node.children = childArray(this.kids, mark, this.kidCount);
      this.kidCount = mark;
    }
  }

  /** Close every open node; the file as parsed. */
  finish(): ParsedFile {
    while (this.open.length > 0) this.leave();
    if (this.tooDeepAt >= 0) {
      const at = this.lines.position(this.tooDeepAt);
      const root = newNode(this.root.type, 0, this.text.length, this.lines, false, null);
      return { root, comments: [], lines: this.lines, syntaxErrors: [], tooDeep: { line: at.line, column: at.column + 1 } };
    }
    return { root: this.root, comments: this.comments, lines: this.lines, syntaxErrors: dedupeErrors(this.syntaxErrors) };
  }
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

/** One of several files (a package) failed to parse: which one, and why. */
export class ParseFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}
