/**
 * The scopes analyzer: per file, the local variable each identifier refers
 * to, the uses and writes of each local, and the static type of any
 * expression (src/ir/scopes.ts). Built once per file, on first use.
 */
import { scopesOf, type FileScopes } from "../../ir/scopes.js";
import type { FileIR } from "../../ir/types.js";
import { defineAnalyzer } from "../framework.js";

export interface Scopes {
  of(file: FileIR): FileScopes;
}

export const scopesAnalyzer = defineAnalyzer<Scopes>({
  name: "scopes",
  doc: `Lexical scopes of every file: which local an identifier refers to, the uses and writes of each local, expression types.`,
  requires: [],
  run(pass) {
    return { of: (file) => scopesOf(pass.ir, file) };
  },
});
