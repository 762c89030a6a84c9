/**
 * The inspect analyzer: every node of the package indexed by type, what
 * `inspect` is to go/analysis. One walk per file, shared by every analyzer
 * that wants "all the index expressions" or "the go statements in this
 * function", instead of a walk of its own each.
 */
import type { FileIR, PackageIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { fileOfNode } from "../../ir/node-index.js";
import { defineAnalyzer } from "../framework.js";

const NONE: readonly GoNode[] = Object.freeze([]);

export interface Inspector {
  /** Nodes of this type in the package: files in package order, each in source (pre-)order. */
  nodes(type: string): readonly GoNode[];
  /** Nodes of this type in one file, in source order. */
  inFile(file: FileIR, type: string): readonly GoNode[];
  /**
   * Nodes of this type inside `node` (itself included), in source order. With
   * `skipFuncLits`, those inside a function literal that is itself inside
   * `node` are left out.
   */
  within(node: GoNode, type: string, options?: { skipFuncLits?: boolean }): GoNode[];
  /** Nodes of any of `types` inside `node`, in the order a pre-order walk visits them (an outer node before those inside it). */
  withinAny(node: GoNode, types: readonly string[], options?: { skipFuncLits?: boolean }): GoNode[];
}

export const inspectAnalyzer = defineAnalyzer<Inspector>({
  name: "inspect",
  doc: `Every syntax node of the package, indexed by node type (one walk per file).`,
  requires: [],
  run(pass) {
    return new NodeIndex(pass.ir);
  },
});

class NodeIndex implements Inspector {
  private readonly byFile = new Map<FileIR, Map<string, GoNode[]>>();
  private readonly byPackage = new Map<string, readonly GoNode[]>();

  constructor(private readonly ir: PackageIR) {}

  nodes(type: string): readonly GoNode[] {
    let list = this.byPackage.get(type);
    if (!list) {
      const all: GoNode[] = [];
      for (const f of this.ir.files) for (const x of this.inFile(f, type)) all.push(x);
      this.byPackage.set(type, (list = all));
    }
    return list;
  }

  inFile(file: FileIR, type: string): readonly GoNode[] {
    return this.index(file).get(type) ?? NONE;
  }

  within(node: GoNode, type: string, options: { skipFuncLits?: boolean } = {}): GoNode[] {
    const file = fileOfNode(this.ir, node);
    if (!file) return [];
    const list = this.inFile(file, type);
    const start = node.start;
    const end = node.end;
    // Function literals below `node` whose insides are left out, outermost only (sorted by start).
    const skipped = options.skipFuncLits ? this.outermostLiteralsBelow(file, node) : NONE;
    let lit = 0;
    const out: GoNode[] = [];
    // Pre-order lists are sorted by start offset; a node's descendants start at or after it.
    for (let i = firstAtOrAfter(list, start); i < list.length; i++) {
      const n = list[i]!;
      const ns = n.start;
      const ne = n.end;
      if (ns > end) break;
      if (ne > end) continue;
      // Same range: an ancestor, the node itself or a descendant; only the tree can tell.
      if (ns === start && ne === end && !isInside(n, node)) continue;
      if (skipped.length) {
        while (lit < skipped.length && skipped[lit]!.end < ns) lit++;
        const l = skipped[lit];
        if (l && l.start <= ns && ne <= l.end && isInside(n, l)) continue;
      }
      out.push(n);
    }
    return out;
  }

  /** The function literals strictly inside `node` that no other such literal contains, by start. */
  private outermostLiteralsBelow(file: FileIR, node: GoNode): readonly GoNode[] {
    const lits = this.inFile(file, "func_literal");
    const start = node.start;
    const end = node.end;
    const out: GoNode[] = [];
    for (let i = firstAtOrAfter(lits, start); i < lits.length; i++) {
      const l = lits[i]!;
      if (l.start > end) break;
      if (l === node || l.end > end || !isInside(l, node)) continue;
      const last = out[out.length - 1];
      if (last && l.start >= last.start && l.end <= last.end && isInside(l, last)) continue;
      out.push(l);
    }
    return out;
  }

  withinAny(node: GoNode, types: readonly string[], options: { skipFuncLits?: boolean } = {}): GoNode[] {
    const out = types.flatMap((t) => this.within(node, t, options));
    if (types.length > 1) out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }

  private index(file: FileIR): Map<string, GoNode[]> {
    let m = this.byFile.get(file);
    if (m) return m;
    m = new Map();
    const stack: GoNode[] = [file.parsed.root];
    while (stack.length) {
      const n = stack.pop()!;
      let list = m.get(n.type);
      if (!list) m.set(n.type, (list = []));
      list.push(n);
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    this.byFile.set(file, m);
    return m;
  }
}

function firstAtOrAfter(list: readonly GoNode[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is `n` `ancestor` or below it, by the tree (ranges alone can't tell nodes of one range apart)? */
function isInside(n: GoNode, ancestor: GoNode): boolean {
  for (let p: GoNode | null = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

