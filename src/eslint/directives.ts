/**
 * Inline directives in Go comments, turned into ESLint's four directive kinds
 * (`disable`, `enable`, `disable-line`, `disable-next-line`) so that ESLint's
 * own machinery applies them (and records suppressions with justifications).
 *
 * Understood forms:
 *
 *   ESLint's, in `//` or `/* *\/` comments (unknown rule ids are left to ESLint,
 *   which reports them):
 *     // eslint-disable-next-line go-hazard/map-race -- reason
 *     x() // eslint-disable-line go-hazard/map-race
 *     /* eslint-disable go-hazard/map-race *\/ ... /* eslint-enable go-hazard/map-race *\/
 *     /* eslint go-hazard/map-race: "off" *\/           (inline config, block comments only)
 *
 *   golangci-lint's (what Go users already write):
 *     //nolint                                    every rule
 *     //nolint:go-hazard                          every go-hazard rule (also `all`)
 *     //nolint:go-hazard/map-race,go-hazard/x     those rules
 *     //nolint:errcheck                           another linter: ignored
 *     //nolint:go-hazard // reason                the reason becomes the justification
 *   A trailing `//nolint` covers its own line. One on a line of its own covers
 *   the next line, and when that line starts a statement or declaration that
 *   spans several lines (a `go func() {...}()`, a function), the whole of it,
 *   as golangci-lint does. Unknown go-hazard rule names are ignored.
 *
 *   staticcheck's:
 *     //lint:ignore go-hazard/map-race reason      the next line (or this line when trailing)
 *     //lint:file-ignore go-hazard/map-race reason the whole file
 */
import { ConfigCommentParser, Directive } from "@eslint/plugin-kit";
import type { FileProblem, RulesConfig } from "@eslint/core";
import type { GoNode, SourceLocation } from "../parse/node.js";

export const PLUGIN_PREFIX = "go-hazard/";

/** A position-only stand-in for a comment, for directives that need a location no comment has. */
export interface DirectiveAnchor {
  type: "directive-anchor";
  loc: SourceLocation;
  range: [number, number];
}

export type DirectiveNode = GoNode | DirectiveAnchor;

export interface DirectiveOptions {
  /** Rule ids of the go-hazard plugin, without prefix (`map-race`). */
  knownRules: ReadonlySet<string>;
}

export interface CollectedDirectives {
  directives: Directive[];
  problems: FileProblem[];
  /** Comments that carry a directive or inline config (what `noInlineConfig` warns about). */
  inlineConfigNodes: GoNode[];
  /** `/* eslint ... *\/` comments: inline rule configuration. */
  configComments: { node: GoNode; value: string }[];
}

const parser = new ConfigCommentParser();

/** The text inside a comment: after `//`, or between `/*` and `*\/`. */
export function commentValue(comment: GoNode): { value: string; block: boolean } {
  const t = comment.text;
  if (t.startsWith("/*")) return { value: t.slice(2, t.endsWith("*/") && t.length >= 4 ? -2 : undefined), block: true };
  return { value: t.slice(2), block: false };
}

/** Is there code (not just indentation) before the comment on its first line? */
function isTrailing(comment: GoNode, text: string): boolean {
  let i = comment.range[0] - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
    if (c !== 32 && c !== 9) return true;
    i--;
  }
  return false;
}

export interface GoDirective {
  /** `nolint`, `lint:ignore`, `lint:file-ignore`. */
  kind: "nolint" | "lint:ignore" | "lint:file-ignore";
  /** Full rule ids (`go-hazard/map-race`); empty with `all` true means every rule. */
  rules: string[];
  all: boolean;
  justification: string;
}

/**
 * Parses a `//nolint...` or `//lint:ignore ...` comment value (the text after
 * `//`). Returns null when the comment is no such directive, or names no rule
 * of ours (another linter's directive).
 */
export function parseGoDirective(value: string, knownRules: ReadonlySet<string>): GoDirective | null {
  const body = value.replace(/^[ \t]+/, "");
  if (body.startsWith("nolint")) {
    const rest = body.slice("nolint".length);
    if (rest === "" || /^\s/.test(rest)) {
      return { kind: "nolint", rules: [], all: true, justification: justificationAfter(rest) };
    }
    if (!rest.startsWith(":")) return null;
    const m = /^:([^\s,]*(?:[ \t]*,[ \t]*[^\s,]+)*)/.exec(rest);
    const list = m ? m[1]! : "";
    const names = list.split(",").map((s) => s.trim()).filter(Boolean);
    const resolved = resolveNames(names, knownRules, true);
    if (resolved === null) return null;
    return { kind: "nolint", ...resolved, justification: justificationAfter(rest.slice(m ? m[0].length : 1)) };
  }
  const lint = /^lint:(ignore|file-ignore)[ \t]+(\S+)(?:[ \t]+(.*))?$/s.exec(body);
  if (lint) {
    const names = lint[2]!.split(",").map((s) => s.trim()).filter(Boolean);
    const resolved = resolveNames(names, knownRules, false);
    if (resolved === null) return null;
    return {
      kind: lint[1] === "ignore" ? "lint:ignore" : "lint:file-ignore",
      ...resolved,
      justification: (lint[3] ?? "").trim(),
    };
  }
  return null;
}

function justificationAfter(rest: string): string {
  return rest.trim().replace(/^\/\/\s*/, "").trim();
}

/** Linter names → our rule ids. Null when nothing in the list is ours. */
function resolveNames(
  names: string[],
  knownRules: ReadonlySet<string>,
  allowAll: boolean,
): { rules: string[]; all: boolean } | null {
  const out = new Set<string>();
  let mentioned = false;
  for (const raw of names) {
    const name = raw.toLowerCase();
    if (name === "go-hazard" || (allowAll && name === "all")) {
      mentioned = true;
      for (const id of knownRules) out.add(PLUGIN_PREFIX + id);
    } else if (name.startsWith(PLUGIN_PREFIX)) {
      mentioned = true;
      const id = name.slice(PLUGIN_PREFIX.length);
      // An unknown go-hazard rule (a typo, a rule from a newer version) is ignored
      // rather than failing the run: the directive simply suppresses nothing.
      if (knownRules.has(id)) out.add(name);
    }
  }
  if (!mentioned) return null;
  return { rules: [...out].sort(), all: false };
}

/**
 * The outermost statement or declaration that starts the line after `comment`
 * (at its first non-blank character), or null when that line is blank, holds
 * only a comment or starts in the middle of something else.
 */
function nodeStartingNextLine(comment: GoNode, root: GoNode, text: string): GoNode | null {
  let i = comment.range[1];
  // Skip to the start of the next line.
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (i >= text.length) return null;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
  i++;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= text.length || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return null;
  let node: GoNode = root;
  for (;;) {
    let next: GoNode | undefined;
    for (const c of node.children) {
      if (c.range[0] <= i && i < c.range[1]) {
        next = c;
        break;
      }
      if (c.range[0] > i) break;
    }
    if (!next) return null;
    if (next.range[0] === i) return next;
    node = next;
  }
}

function endAnchor(node: GoNode): DirectiveAnchor {
  const end = node.loc.end;
  return { type: "directive-anchor", loc: { start: end, end }, range: [node.range[1], node.range[1]] };
}

/**
 * Reads every directive in a file's comments.
 */
export function collectDirectives(
  comments: readonly GoNode[],
  root: GoNode,
  text: string,
  options: DirectiveOptions,
): CollectedDirectives {
  const directives: Directive[] = [];
  const problems: FileProblem[] = [];
  const inlineConfigNodes: GoNode[] = [];
  const configComments: { node: GoNode; value: string }[] = [];

  for (const comment of comments) {
    const { value, block } = commentValue(comment);
    const trimmed = value.trim();
    if (trimmed.startsWith("eslint")) {
      const parsed = parser.parseDirective(value);
      if (!parsed) continue;
      switch (parsed.label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line": {
          inlineConfigNodes.push(comment);
          if (parsed.label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) {
            problems.push({
              ruleId: null,
              message: `${parsed.label} comment should not span multiple lines.`,
              loc: comment.loc,
            });
            break;
          }
          directives.push(
            new Directive({
              type: parsed.label.slice("eslint-".length) as Directive["type"],
              node: comment,
              value: parsed.value,
              justification: parsed.justification,
            }),
          );
          break;
        }
        case "eslint":
          if (block) {
            inlineConfigNodes.push(comment);
            configComments.push({ node: comment, value: parsed.value });
          }
          break;
        default:
          break;
      }
      continue;
    }
    if (block) continue;
    const go = parseGoDirective(value, options.knownRules);
    if (!go) continue;
    if (!go.all && go.rules.length === 0) continue; // only unknown go-hazard rules named
    inlineConfigNodes.push(comment);
    const ruleValue = go.all ? "" : go.rules.join(",");
    const justification = go.justification;

    if (go.kind === "lint:file-ignore") {
      const start = { line: 1, column: 0 };
      directives.push(
        new Directive({
          type: "disable",
          node: { type: "directive-anchor", loc: { start, end: start }, range: [0, 0] } satisfies DirectiveAnchor,
          value: ruleValue,
          justification,
        }),
      );
      continue;
    }
    if (isTrailing(comment, text)) {
      directives.push(new Directive({ type: "disable-line", node: comment, value: ruleValue, justification }));
      continue;
    }
    const target = go.kind === "nolint" ? nodeStartingNextLine(comment, root, text) : null;
    if (target && target.loc.end.line > target.loc.start.line) {
      directives.push(new Directive({ type: "disable", node: comment, value: ruleValue, justification }));
      directives.push(new Directive({ type: "enable", node: endAnchor(target), value: ruleValue, justification: "" }));
    } else {
      directives.push(new Directive({ type: "disable-next-line", node: comment, value: ruleValue, justification }));
    }
  }
  return { directives, problems, inlineConfigNodes, configComments };
}

/** `/* eslint rule: severity *\/` comments → ESLint inline configs. */
export function parseInlineConfigs(configComments: CollectedDirectives["configComments"]): {
  configs: { loc: SourceLocation; config: { rules: RulesConfig } }[];
  problems: FileProblem[];
} {
  const configs: { loc: SourceLocation; config: { rules: RulesConfig } }[] = [];
  const problems: FileProblem[] = [];
  for (const { node, value } of configComments) {
    const result = parser.parseJSONLikeConfig(value);
    if (result.ok) configs.push({ loc: node.loc, config: { rules: result.config } });
    else problems.push({ ruleId: null, message: result.error.message, loc: node.loc });
  }
  return { configs, problems };
}
