/**
 * The plain-object syntax tree shared by every later stage (IR builder and
 * ESLint). A tree-sitter tree is converted once per file: reading properties of
 * native tree-sitter nodes is a call into the addon each time, which made both
 * the IR walk and ESLint's traversal slower than walking plain objects.
 *
 * Shape: `type` (tree-sitter node type), `range` (UTF-16 offsets, like ESLint
 * expects; `start`/`end` hold the same numbers), `children` (named children, comments excluded), `fields`
 * (tree-sitter field name → child or children, operators included),
 * `text` on demand. `loc` is computed on first use from the range: most nodes
 * are never asked for a location.
 *
 * Leaves share one frozen empty `children` array and nodes without fields one
 * frozen empty `fields` object (three quarters of all nodes): the trees of a
 * big package are hundreds of thousands of nodes, and their allocation and
 * garbage collection were a large part of the run. Nothing outside the parser
 * writes to a tree.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 0-based, UTF-16 code units. */
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** Per-file line index, shared by all nodes of a file to compute `loc` lazily. */
export class LineIndex {
  readonly lineStarts: number[];
  readonly source: string;

  constructor(text: string) {
    this.source = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! };
  }
}

/** Shared by every node without named children / fields (most nodes): frozen, never written. */
export const NO_CHILDREN: GoNode[] = Object.freeze([]) as unknown as GoNode[];
export const NO_FIELDS: Record<string, GoNode | GoNode[]> = Object.freeze({}) as Record<string, GoNode | GoNode[]>;

/**
 * The node's shape and methods. Nodes are made only by `newNode` (below), as
 * object literals with this prototype, so the properties are declared here,
 * not initialized by a constructor.
 */
export class GoNode {
  declare type: string;
  /** UTF-16 offsets, as in `range` (kept as numbers: most nodes are never asked for a range array). */
  declare readonly start: number;
  declare readonly end: number;
  declare parent: GoNode | null;
  /** Named children (comments excluded); a shared frozen empty array on leaves. */
  declare children: GoNode[];
  /** Field name → child or children; a shared frozen empty object when the node has none. */
  declare fields: Record<string, GoNode | GoNode[]>;
  /**
   * tree-sitter inserted this node to recover from a syntax error. False on the
   * prototype and an own property only on such nodes: one slot less on every
   * other node.
   */
  declare readonly missing: boolean;
  declare private lines: LineIndex;
  /** `range` and `loc`, made on first use (one slot for both: most nodes never need either). */
  declare private cached: { range?: [number, number]; loc?: SourceLocation } | undefined;

  private constructor() {}

  /** `[start, end]` in UTF-16 offsets, as ESLint expects (made on first use, then the same array). */
  get range(): [number, number] {
    const cached = (this.cached ??= {});
    return (cached.range ??= [this.start, this.end]);
  }

  /** The node's source text (sliced on demand; cheap for the leaves it is mostly asked of). */
  get text(): string {
    return this.lines.source.slice(this.start, this.end);
  }

  get loc(): SourceLocation {
    const cached = (this.cached ??= {});
    return (cached.loc ??= { start: this.lines.position(this.start), end: this.lines.position(this.end) });
  }

  /** The single child in a field (the first one if the field repeats). */
  field(name: string): GoNode | undefined {
    const f = this.fields[name];
    return Array.isArray(f) ? f[0] : f;
  }

  /** All children in a field. */
  fieldAll(name: string): GoNode[] {
    const f = this.fields[name];
    return f === undefined ? [] : Array.isArray(f) ? f : [f];
  }
}

Object.defineProperty(GoNode.prototype, "missing", { value: false, writable: false, enumerable: false });

/**
 * A GoNode, as the parser makes them: an object literal with GoNode's
 * prototype, its properties always in the same order (one hidden class for
 * every node). V8 tracks an allocation site per literal, sees
 * that these nodes outlive the young generation (a package's trees live until
 * the package is done), and allocates them straight into the old one; nodes
 * made with `new` were copied by every scavenge on the way (stdlib, one
 * thread: scavenges 2.7 s → 1.7 s).
 */
export function newNode(type: string, start: number, end: number, lines: LineIndex, missing: boolean, parent: GoNode | null): GoNode {
  const node = { __proto__: GoNode.prototype, type, start, end, parent, children: NO_CHILDREN, fields: NO_FIELDS, lines, cached: undefined } as unknown as GoNode;
  if (missing) Object.defineProperty(node, "missing", { value: true, enumerable: true });
  return node;
}

/** Keep only JSON-safe data when a node must be shown (facts dump, debugging). */
export function nodeSummary(node: GoNode): { type: string; line: number; column: number } {
  return { type: node.type, line: node.loc.start.line, column: node.loc.start.column + 1 };
}
