/**
 * Both cores of the race walk run every race fixture while the summary core is measured
 * against the walker (docs/design/summaries.md). A fixture package whose files say
 * `// fixture: summaries only` shows what only the summary core follows (a goroutine one
 * site starts for many callers, a callee that joins its goroutines): the walker is held
 * neither to its wants nor to its silence.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnalysisOptions } from "../../src/analysis/framework.js";

export const CORES: readonly AnalysisOptions["core"][] = ["walker", "summaries"];

const SUMMARIES_ONLY = "// fixture: summaries only";

/** The package directories under `root` (relative, `/`-separated) that only the summary core is held to. */
export function summariesOnlyDirs(root: string): Set<string> {
  const dirs = new Set<string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith(".go") && fs.readFileSync(path.join(root, r), "utf8").includes(SUMMARIES_ONLY)) dirs.add(rel);
    }
  };
  walk("");
  return dirs;
}

/** What `core` is held to under `root`: every package, or all but the summary core's own. */
export function heldTo(root: string, core: AnalysisOptions["core"]): (dir: string) => boolean {
  const skipped = core === "summaries" ? new Set<string>() : summariesOnlyDirs(root);
  return (dir) => !skipped.has(dir);
}
