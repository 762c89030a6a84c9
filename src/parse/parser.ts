/**
 * tree-sitter-go → GoNode: one conversion per file, shared by the IR and
 * ESLint. Two readers build the same tree (test/parse-conversion.test.ts
 * checks both against tree-sitter's public node API): go-hazard's native
 * export when it is built, else tree-sitter's Node binding. The native
 * export can also parse files on the thread pool (QueuedParse), which the
 * engine uses when it is there.
 */
import type { GoNode } from "./node.js";
import { parserInfo, parseWithNative } from "./native-reader.js";
import { parseWithBinding } from "./binding-reader.js";
import type { ParsedFile } from "./tree-builder.js";

export type { ParsedFile, SyntaxProblem } from "./tree-builder.js";
export { MAX_TREE_DEPTH, ParseFailure } from "./tree-builder.js";
export { parserInfo, QueuedParse } from "./native-reader.js";

export const parseGo: (text: string) => ParsedFile = parserInfo.reader === "native" ? parseWithNative : parseWithBinding;

/** Walk every node below `root` (pre-order), stopping descent where `visit` returns false. */
export function walk(root: GoNode, visit: (node: GoNode) => boolean | void): void {
  const stack: GoNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}
