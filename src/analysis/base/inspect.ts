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
      for (const f of this.ir.files) all.push(...this.inFile(f, type));
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
    const [start, end] = node.range;
    const out: GoNode[] = [];
    // Pre-order lists are sorted by start offset; a node's descendants start at or after it.
    for (let i = firstAtOrAfter(list, start); i < list.length; i++) {
      const n = list[i]!;
      if (n.range[0] > end) break;
      if (n.range[1] > end || !isInside(n, node)) continue;
      if (options.skipFuncLits && inNestedLiteral(n, node)) continue;
      out.push(n);
    }
    return out;
  }

  withinAny(node: GoNode, types: readonly string[], options: { skipFuncLits?: boolean } = {}): GoNode[] {
    const out = types.flatMap((t) => this.within(node, t, options));
    if (types.length > 1) out.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
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
    if (list[mid]!.range[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Zero-width and same-range nodes make ranges ambiguous: check the tree. */
function isInside(n: GoNode, ancestor: GoNode): boolean {
  for (let p: GoNode | null = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Is `n` inside a function literal that is below `top`? */
function inNestedLiteral(n: GoNode, top: GoNode): boolean {
  for (let p = n === top ? null : n.parent; p && p !== top; p = p.parent) if (p.type === "func_literal") return true;
  // `n` itself being a literal below `top` counts as nested too (the walk would not enter it).
  return n !== top && n.type === "func_literal";
}
