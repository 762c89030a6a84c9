/**
 * esquery (selectors such as `:has`, `~`, `nth-child`) walks nodes through
 * visitor keys. Every GoNode keeps its named children in `children`, so every
 * node type of the grammar gets the same key; the list of types comes from the
 * grammar itself so a new tree-sitter-go release needs no edit here.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const nodeTypes = require("tree-sitter-go/src/node-types.json") as Array<{ type: string; named: boolean }>;

export const visitorKeys: Record<string, string[]> = Object.fromEntries(
  [...nodeTypes.filter((t) => t.named).map((t) => t.type), "ERROR"].map((type) => [type, ["children"]]),
);
