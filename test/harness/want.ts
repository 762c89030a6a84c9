/**
 * The `// want` convention for fixtures (after golang.org/x/tools'
 * analysistest): a line that must be reported carries a comment
 *
 *     m[k] = v // want map-race
 *     m[k] = v // want "written here while" map-race
 *
 * with one or more items: a bare rule id, or a double-quoted JavaScript
 * regular expression matched against the message (inside the quotes only
 * `\"` is special; everything else is the regexp source as written). Every
 * item wants exactly one finding on its line, and every finding must be
 * wanted by an item on its line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseGo } from "../../src/parse/parser.js";
import type { Finding } from "../../src/report/finding.js";

export type WantItem = { kind: "rule"; rule: string; text: string } | { kind: "regexp"; re: RegExp; text: string };

export interface Want {
  /** Relative to the fixture root, forward slashes. */
  file: string;
  line: number;
  items: WantItem[];
}

export interface WantProblem {
  file: string;
  line: number;
  message: string;
}

const ITEM_RE = /\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9][A-Za-z0-9_-]*))/y;

/** The items of one `// want ...` comment body (the text after `want`). */
export function parseWantItems(body: string): WantItem[] | string {
  const items: WantItem[] = [];
  let i = 0;
  ITEM_RE.lastIndex = 0;
  for (;;) {
    if (/^\s*$/.test(body.slice(i))) break;
    ITEM_RE.lastIndex = i;
    const m = ITEM_RE.exec(body);
    if (!m) return `cannot parse want items at ${JSON.stringify(body.slice(i))}`;
    if (m[1] !== undefined) {
      const source = m[1].replace(/\\"/g, '"');
      try {
        items.push({ kind: "regexp", re: new RegExp(source), text: `"${m[1]}"` });
      } catch (err) {
        return `bad regexp ${JSON.stringify(source)}: ${(err as Error).message}`;
      }
    } else {
      items.push({ kind: "rule", rule: m[2]!, text: m[2]! });
    }
    i = ITEM_RE.lastIndex;
  }
  if (items.length === 0) return "want with no items";
  return items;
}

/** Every `// want` comment of a Go file (comments only: a "want" in a string literal is not one). */
export function parseWants(file: string, text: string): { wants: Want[]; problems: WantProblem[] } {
  const wants: Want[] = [];
  const problems: WantProblem[] = [];
  for (const c of parseGo(text).comments) {
    // `// want ...`, or a trailing `// want ...` inside a longer line comment (`// note // want x`).
    const m = /^\/\/\s*want\b(.*)$/s.exec(c.text) ?? /^\/\/.*?\/\/\s*want\b(.*)$/s.exec(c.text);
    if (!m) continue;
    const line = c.loc.start.line;
    const items = parseWantItems(m[1]!);
    if (typeof items === "string") problems.push({ file, line, message: items });
    else wants.push({ file, line, items });
  }
  return { wants, problems };
}

/** Go files below `root` the way `./...` sees them (skipping testdata, vendor, `.x`, `_x`). */
export function listGoFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith(".") || e.name.startsWith("_")) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === "testdata" || e.name === "vendor") continue;
        if (rel !== "" && fs.existsSync(path.join(dir, e.name, "go.mod"))) continue; // nested module
        walk(path.join(dir, e.name), childRel);
      } else if (e.isFile() && e.name.endsWith(".go")) {
        out.push(childRel);
      }
    }
  };
  walk(root, "");
  return out;
}

export function collectWants(root: string): { wants: Want[]; problems: WantProblem[] } {
  const wants: Want[] = [];
  const problems: WantProblem[] = [];
  for (const rel of listGoFiles(root)) {
    const r = parseWants(rel, fs.readFileSync(path.join(root, rel), "utf8"));
    wants.push(...r.wants);
    problems.push(...r.problems);
  }
  return { wants, problems };
}

function matches(item: WantItem, f: Finding): boolean {
  return item.kind === "rule" ? item.rule === f.ruleId : item.re.test(f.message);
}

/** Is `file` inside a fixture package named `clean_*`? */
export function inCleanPackage(file: string): boolean {
  return file.split("/").slice(0, -1).some((seg) => seg.startsWith("clean_"));
}

/**
 * Compares findings with wants. Each want item is used by at most one finding;
 * findings are matched in order, each to the first unused item on its line it
 * satisfies.
 */
export function checkWants(findings: readonly Finding[], wants: readonly Want[]): WantProblem[] {
  const problems: WantProblem[] = [];
  const byLine = new Map<string, { item: WantItem; used: boolean }[]>();
  for (const w of wants) {
    const key = `${w.file}:${w.line}`;
    const list = byLine.get(key) ?? [];
    for (const item of w.items) list.push({ item, used: false });
    byLine.set(key, list);
    if (inCleanPackage(w.file)) {
      problems.push({ file: w.file, line: w.line, message: "a clean_* fixture must not carry a // want" });
    }
  }
  for (const f of findings) {
    const candidates = byLine.get(`${f.file}:${f.line}`) ?? [];
    const slot = candidates.find((c) => !c.used && matches(c.item, f));
    if (slot) {
      slot.used = true;
      continue;
    }
    const onLine = candidates.length > 0 ? ` (wants on this line: ${candidates.map((c) => c.item.text).join(" ")})` : "";
    problems.push({
      file: f.file,
      line: f.line,
      message:
        `unexpected finding${inCleanPackage(f.file) ? " in a clean_* fixture" : ""}: ` +
        `[${f.ruleId}] ${f.message}${onLine}`,
    });
  }
  for (const [key, list] of byLine) {
    for (const c of list) {
      if (c.used) continue;
      const at = key.lastIndexOf(":");
      const got = findings.filter((f) => `${f.file}:${f.line}` === key).map((f) => `[${f.ruleId}] ${f.message}`);
      problems.push({
        file: key.slice(0, at),
        line: Number(key.slice(at + 1)),
        message: `missing finding: want ${c.item.text}; got ${got.length === 0 ? "nothing on this line" : got.join(" | ")}`,
      });
    }
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** One line per problem: `file:line: message`. */
export function formatWantProblems(problems: readonly WantProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n");
}
