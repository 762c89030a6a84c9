/**
 * `// fact` expectations for analyzer results (after analysistest's
 * `// want x:"fact"`): a source line carries
 *
 *     m[k] = v // fact races:"write m\[k\]"
 *
 * with one or more `<analyzer>:"<regexp>"` items, and the analyzer's facts
 * (its `go-hazard facts` JSON) must hold, among the strings positioned on that
 * line (`file.go:12` or `file.go:12:5` at their start), one that the regexp
 * matches. Facts on lines without a `// fact` are not checked: an analyzer
 * says far more than a fixture wants to pin down.
 */
import { PackageDriver, type AnyAnalyzer } from "../../src/analysis/framework.js";
import { buildPackageIR } from "../../src/ir/index.js";
import { parseGo } from "../../src/parse/parser.js";
import { memoryPackage } from "./rule-tester.js";

const POSITIONED = /^([\w./-]+\.go):(\d+)(?::\d+)?\b/;
const ITEM = /([a-z][a-z0-9-]*):"((?:[^"\\]|\\.)*)"/g;

/** Every string of a JSON value that starts with a position, by `file:line`. */
export function factsByLine(json: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const stack: unknown[] = [json];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      const m = POSITIONED.exec(v);
      if (!m) continue;
      const key = `${m[1]}:${m[2]}`;
      const list = out.get(key);
      if (list) list.push(v);
      else out.set(key, [v]);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") stack.push(...Object.values(v));
  }
  return out;
}

/** The unmet `// fact` expectations of an in-memory package, as messages (empty: all met). */
export function unmetFacts(code: string | Record<string, string>, analyzers: readonly AnyAnalyzer[], goVersion?: string): string[] {
  const pkg = memoryPackage(code, goVersion);
  const driver = new PackageDriver(buildPackageIR(pkg, pkg.files.map((f) => parseGo(f.text))));
  const byName = new Map(analyzers.map((a) => [a.name, factsByLine(driver.json(a))]));
  const problems: string[] = [];
  let wanted = 0;
  for (const f of pkg.files) {
    f.text.split("\n").forEach((lineText, i) => {
      const c = lineText.indexOf("// fact ");
      if (c < 0) return;
      for (const m of lineText.slice(c + 8).matchAll(ITEM)) {
        wanted++;
        const where = `${f.relPath}:${i + 1}`;
        const facts = byName.get(m[1]!);
        if (!facts) {
          problems.push(`${where}: no analyzer ${m[1]} in this test`);
          continue;
        }
        const re = new RegExp(m[2]!.replace(/\\"/g, '"'));
        const here = facts.get(where) ?? [];
        if (!here.some((s) => re.test(s))) problems.push(`${where}: no ${m[1]} fact matches /${re.source}/; facts on this line: ${JSON.stringify(here)}`);
      }
    });
  }
  if (wanted === 0) problems.push("no // fact expectations in the sources");
  return problems;
}
