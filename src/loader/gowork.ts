/**
 * go.work: a workspace lists its modules with `use` directives. When one is
 * active, `./...` means "packages of the listed modules under this directory",
 * nested or not, and nothing else — the same rule the go tool applies.
 *
 * Like the go tool, the file is looked for from the working directory upwards
 * (not from each pattern). GOWORK is deliberately not consulted: the loader's
 * result should depend on its arguments and the tree only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseModfile } from "./modfile.js";

export interface Workspace {
  /** Absolute directory holding go.work. */
  dir: string;
  /** Absolute module directories from the `use` directives. */
  useDirs: Set<string>;
}

export function parseGoWorkUses(text: string): string[] {
  const uses: string[] = [];
  for (const d of parseModfile(text)) {
    // Both `use ./a` and block entries arrive as directives with verb "use";
    // a one-line block `use ( ./a ./b )` arrives as one directive with two args.
    if (d.verb === "use") uses.push(...d.args);
  }
  return uses;
}

export function findWorkspace(cwd: string): Workspace | null {
  let current = cwd;
  for (;;) {
    const file = path.join(current, "go.work");
    let text: string | null = null;
    try {
      if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) text = fs.readFileSync(file, "utf8");
    } catch {
      text = null;
    }
    if (text !== null) {
      const useDirs = new Set(parseGoWorkUses(text).map((u) => path.resolve(current, u)));
      return { dir: current, useDirs };
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
