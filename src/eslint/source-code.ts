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
import { rules as registeredRules } from "../../rules/index.js";
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
  /** Rule ids (without prefix) that `//nolint:go-hazard` expands to; default: every registered rule. */
  knownRules?: ReadonlySet<string>;
}

// Line breaks as the parser's LineIndex counts them, so that the base class's
// getLocFromIndex/getIndexFromLoc agree with node locations.
const LINE_ENDING = /\r\n|[\r\n]/u;

let defaultKnownRules: ReadonlySet<string> | undefined;
function registryRuleIds(): ReadonlySet<string> {
  return (defaultKnownRules ??= new Set(Object.keys(registeredRules)));
}

export class GoSourceCode extends TextSourceCodeBase<Options> {
  override ast: GoNode;
  readonly comments: GoNode[];
  readonly parsed: ParsedFile;
  readonly parserServices: GoParserServices;
  private readonly knownRules: ReadonlySet<string>;
  private collected: CollectedDirectives | undefined;
  private steps: VisitNodeStep[] | undefined;

  constructor(init: GoSourceCodeInit) {
    super({ text: init.text, ast: init.parsed.root, lineEndingPattern: LINE_ENDING });
    this.ast = init.parsed.root;
    this.comments = init.parsed.comments;
    this.parsed = init.parsed;
    this.parserServices = init.services;
    this.knownRules = init.knownRules ?? registryRuleIds();
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

  /** Pre-order over `children`: enter, children, exit. Iterative: generated code nests deep. */
  override traverse(): Iterable<TraversalStep> {
    if (this.steps) return this.steps;
    const steps: VisitNodeStep[] = [];
    const stack: { node: GoNode; next: number }[] = [{ node: this.ast, next: 0 }];
    steps.push(new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, null] }));
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const { node } = top;
      if (top.next < node.children.length) {
        const child = node.children[top.next++]!;
        steps.push(new VisitNodeStep({ target: child, phase: 1, args: [child, node] }));
        stack.push({ node: child, next: 0 });
      } else {
        stack.pop();
        steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] }));
      }
    }
    this.steps = steps;
    return steps;
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
