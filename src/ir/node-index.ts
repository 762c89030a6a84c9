/**
 * Which file, and which declared function, a syntax node belongs to. Both are
 * asked per access or per assignment on hot paths, so each package gets its
 * indexes once (made on first use, dropped with the package) instead of a scan
 * of all its files or functions per question.
 */
import type { GoNode } from "../parse/node.js";
import type { FileIR, FuncIR, PackageIR } from "./types.js";

const fileByRoot = new WeakMap<PackageIR, Map<GoNode, FileIR>>();
const funcByDecl = new WeakMap<PackageIR, Map<GoNode, FuncIR>>();

/** The file whose tree holds `node`; null for a node of no file of the package. */
export function fileOfNode(ir: PackageIR, node: GoNode): FileIR | null {
  let root = node;
  while (root.parent) root = root.parent;
  let index = fileByRoot.get(ir);
  if (!index) fileByRoot.set(ir, (index = new Map(ir.files.map((f) => [f.parsed.root, f]))));
  return index.get(root) ?? null;
}

/** The FuncIR of a function or method declaration node. */
export function funcOfDecl(ir: PackageIR, decl: GoNode | null): FuncIR | null {
  if (!decl) return null;
  let index = funcByDecl.get(ir);
  if (!index) {
    index = new Map();
    // The first function with that node wins, as the scan this replaces returned.
    for (const f of ir.funcs.values()) if (!index.has(f.node)) index.set(f.node, f);
    funcByDecl.set(ir, index);
  }
  return index.get(decl) ?? null;
}
