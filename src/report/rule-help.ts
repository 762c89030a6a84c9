/**
 * Rule help for SARIF (`help.text` / `help.markdown`) and other outputs, read
 * from `docs/rules/<id>.md` in the installed package.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { RuleInfo } from "./rule-info.js";

/** The package root: this file is compiled to dist/src/report/rule-help.js. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

let rulesDocsDir = path.join(PACKAGE_ROOT, "docs", "rules");
const cache = new Map<string, string | undefined>();

/** Point rule-help at another docs directory (tests); clears the cache. */
export function setRuleDocsDir(dir: string): void {
  rulesDocsDir = dir;
  cache.clear();
}

export function ruleDocsDir(): string {
  return rulesDocsDir;
}

/** The markdown of `docs/rules/<id>.md` (front matter removed), or undefined when there is none. */
export function ruleHelpMarkdown(ruleId: string): string | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  let md: string | undefined;
  if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(ruleId)) {
    try {
      md = stripFrontMatter(fs.readFileSync(path.join(rulesDocsDir, `${ruleId}.md`), "utf8"))
        .replace(/\r\n?/g, "\n")
        .trim();
      if (md === "") md = undefined;
    } catch {
      md = undefined;
    }
  }
  cache.set(ruleId, md);
  return md;
}

function stripFrontMatter(md: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(md);
  return m ? md.slice(m[0].length) : md;
}

export interface RuleHelp {
  text: string;
  markdown: string;
}

/**
 * Help for a rule in both forms. The markdown always ends with a link to the
 * rule's online page (GitHub ignores helpUri, so the link must be in the text);
 * without a docs file, the help is the description and the link.
 */
export function ruleHelp(rule: RuleInfo): RuleHelp {
  const doc = ruleHelpMarkdown(rule.id);
  if (doc === undefined) {
    return {
      text: `${rule.description}\n\nDocumentation: ${rule.url}`,
      markdown: `${rule.description}\n\n[Documentation for ${rule.id}](${rule.url})`,
    };
  }
  const absolute = absolutizeLinks(doc, rule.url);
  const markdown = absolute.includes(rule.url) ? absolute : `${absolute}\n\n[Documentation for ${rule.id}](${rule.url})`;
  const text = ruleHelpText(absolute);
  return {
    text: absolute.includes(rule.url) ? text : `${text}\n\nDocumentation: ${rule.url}`,
    markdown,
  };
}

/**
 * Relative links in a rule doc (`../checklist.md`, `other-rule.md`) mean nothing
 * inside a SARIF viewer: resolve them against the rule's online page.
 */
export function absolutizeLinks(markdown: string, baseUrl: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const f = /^\s*(```+|~~~+)/.exec(line);
      if (f) {
        if (fence === undefined) fence = f[1]![0];
        else if (f[1]![0] === fence) fence = undefined;
        return line;
      }
      if (fence !== undefined) return line;
      // Leave code spans alone: Go code such as `fns[i](x)` looks like a link.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part) => (part.startsWith("`") ? part : absolutizeInline(part, baseUrl)))
        .join("");
    })
    .join("\n");
}

function absolutizeInline(s: string, baseUrl: string): string {
  return s.replace(/(!?\[[^\]]*\]\()([^)\s]+)/g, (m, head: string, target: string) => {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) || target.startsWith("#")) return m;
    try {
      return head + new URL(target, baseUrl).href;
    } catch {
      return m;
    }
  });
}

/** A plain-text rendering of markdown: syntax removed, code blocks indented, links as `text (url)`. */
export function ruleHelpText(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMatch = /^\s*(```+|~~~+)/.exec(raw);
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0]!;
      else if (fenceMatch[1]![0] === fence) fence = undefined;
      else out.push(`    ${raw}`);
      continue;
    }
    if (fence !== undefined) {
      out.push(raw === "" ? "" : `    ${raw}`);
      continue;
    }
    let line = raw;
    // Table separator rows vanish; other table rows lose their outer pipes.
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line) && line.includes("-") && line.includes("|")) continue;
    if (/^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
        .join("  |  ");
    }
    line = line
      .replace(/^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/, "$1") // headings
      .replace(/^\s{0,3}>\s?/, "") // block quotes
      .replace(/^\s{0,3}([-*_])(\s*\1){2,}\s*$/, "") // horizontal rules
      .replace(/^(\s*)[*+]\s+/, "$1- "); // bullets
    out.push(inlineText(line));
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function inlineText(s: string): string {
  // Protect code spans from the other replacements.
  const spans: string[] = [];
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _t, code: string) => {
    spans.push(code.trim());
    return `\u0000${spans.length - 1}\u0000`;
  });
  const escaped: string[] = [];
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_m, c: string) => {
    escaped.push(c);
    return `\u0001${escaped.length - 1}\u0001`;
  });
  s = s
    .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, "$1") // images
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, text: string, url: string) =>
      text === url || url.startsWith("#") ? text : `${text} (${url})`,
    )
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // reference links
    .replace(/<(https?:\/\/[^>]+)>/g, "$1") // autolinks
    .replace(/<\/?[A-Za-z][^>]*>/g, "") // html tags
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2") // strong
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2") // emphasis *x*
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2") // emphasis _x_
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1"); // strikethrough
  return s
    .replace(/\u0001(\d+)\u0001/g, (_m, i: string) => escaped[Number(i)]!)
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => spans[Number(i)]!);
}
