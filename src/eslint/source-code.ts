/**
 * ESLint's view of one Go file: the shared GoNode tree (built once by
 * `parseGo`, also used by the IR), its comments, traversal, inline
 * directives, and the parser services that give rules the package IR and the
 * analysis facts.
 */
import { TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { FileProblem, SourceRange, TraversalStep } from "@eslint/core";
import type { Directive } from "@eslint/plugin-kit";
import type { GoNode, SourceLocation } from "../parse/node.js";
import type { ParsedFile } from "../parse/parser.js";
import { collectDirectives, parseInlineConfigs, type CollectedDirectives, type DirectiveNode } from "./directives.js";
import type { GoParserServices } from "./services.js";

export interface GoLanguageOptions {
  /** Go language version for files whose module says nothing (`"1.22"`). */
  goVersion?: string;
  [key: string]: unknown;
}

type Options = {
  LangOptions: GoLanguageOptions;
  RootNode: GoNode;
  SyntaxElementWithLoc: DirectiveNode;
  ConfigNode: GoNode;
};

export interface GoSourceCodeInit {
  text: string;
  parsed: ParsedFile;
  services: GoParserServices;
  /** Rule ids (without prefix) of the rule set: what `//nolint:go-hazard` expands to. */
  knownRules: ReadonlySet<string>;
}

// Line breaks as the parser's LineIndex counts them, so that the base class's
// getLocFromIndex/getIndexFromLoc agree with node locations.
const LINE_ENDING = /\r\n|[\r\n]/u;


export class GoSourceCode extends TextSourceCodeBase<Options> {
  override ast: GoNode;
  readonly comments: GoNode[];
  readonly parsed: ParsedFile;
  readonly parserServices: GoParserServices;
  private readonly knownRules: ReadonlySet<string>;
  private collected: CollectedDirectives | undefined;
  private allSteps: VisitNodeStep[] | undefined;

  constructor(init: GoSourceCodeInit) {
    super({ text: init.text, ast: init.parsed.root, lineEndingPattern: LINE_ENDING });
    this.ast = init.parsed.root;
    this.comments = init.parsed.comments;
    this.parsed = init.parsed;
    this.parserServices = init.services;
    this.knownRules = init.knownRules;
  }

  override getLoc(node: DirectiveNode): SourceLocation {
    return node.loc;
  }

  override getRange(node: DirectiveNode): SourceRange {
    return node.range;
  }

  override getParent(node: DirectiveNode): GoNode | undefined {
    return "parent" in node ? (node.parent ?? undefined) : undefined;
  }

  /**
   * Listener keys of the rules running on this file, when the engine's plugin
   * (`selectiveTraversalPlugin`) records them; undefined under plain ESLint.
   */
  private listened: string[] | undefined;

  /** Called from each rule's `create` by the engine's plugin wrapper. */
  noteListeners(keys: readonly string[]): void {
    (this.listened ??= []).push(...keys);
  }

  /**
   * Pre-order over `children`: enter, children, exit. Iterative: generated code nests deep.
   *
   * ESLint walks only what this yields, and it costs ~13 µs per line when it
   * is every node. Most rules listen to a handful of node types, so when the
   * listener keys are known and all of them are plain node types (`go_statement`,
   * `go_statement:exit`), only the nodes of those types are yielded, in the
   * same order, with their enter and exit steps. A selector ESLint must match
   * against ancestors or attributes (`for_statement go_statement`, `*`,
   * `[fields...]`) falls back to every node. ESLint calls `traverse()` before
   * the rules' `create()` and iterates the result after, so the result is lazy.
   */
  override traverse(): Iterable<TraversalStep> {
    return { [Symbol.iterator]: () => this.steps()[Symbol.iterator]() };
  }

  private steps(): VisitNodeStep[] {
    const wanted = this.listened === undefined ? null : plainTypes(this.listened);
    if (wanted === null) return (this.allSteps ??= collectSteps(this.ast, null));
    return collectSteps(this.ast, wanted);
  }

  private directives(): CollectedDirectives {
    return (this.collected ??= collectDirectives(this.comments, this.ast, this.text, { knownRules: this.knownRules }));
  }

  getInlineConfigNodes(): GoNode[] {
    return this.directives().inlineConfigNodes;
  }

  getDisableDirectives(): { directives: Directive[]; problems: FileProblem[] } {
    const d = this.directives();
    return { directives: d.directives, problems: d.problems };
  }

  applyInlineConfig(): ReturnType<typeof parseInlineConfigs> {
    return parseInlineConfigs(this.directives().configComments);
  }
}

const PLAIN_TYPE = /^([A-Za-z_][A-Za-z0-9_]*)(?::exit)?$/;

/** The node types named by listener keys, or null when a key is more than a plain type (with or without `:exit`). */
export function plainTypes(keys: readonly string[]): Set<string> | null {
  const types = new Set<string>();
  for (const key of keys) {
    const m = PLAIN_TYPE.exec(key);
    if (!m) return null;
    types.add(m[1]!);
  }
  return types;
}

/** Enter and exit steps, pre-order, for every node (wanted null) or the nodes of the wanted types. */
function collectSteps(root: GoNode, wanted: ReadonlySet<string> | null): VisitNodeStep[] {
  const steps: VisitNodeStep[] = [];
  if (wanted !== null && wanted.size === 0) return steps;
  const emits = (node: GoNode): boolean => wanted === null || wanted.has(node.type);
  // Open nodes and the index of the next child to visit; leaves never go on the stack.
  const open: GoNode[] = [root];
  const next: number[] = [0];
  if (emits(root)) steps.push(new VisitNodeStep({ target: root, phase: 1, args: [root, null] }));
  while (open.length > 0) {
    const top = open.length - 1;
    const node = open[top]!;
    const i = next[top]!;
    if (i < node.children.length) {
      next[top] = i + 1;
      const child = node.children[i]!;
      const emit = emits(child);
      if (emit) steps.push(new VisitNodeStep({ target: child, phase: 1, args: [child, node] }));
      if (child.children.length > 0) {
        open.push(child);
        next.push(0);
      } else if (emit) {
        steps.push(new VisitNodeStep({ target: child, phase: 2, args: [child, node] }));
      }
    } else {
      open.pop();
      next.pop();
      if (emits(node)) steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] }));
    }
  }
  return steps;
}
