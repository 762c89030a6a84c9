/**
 * The rule kit: `createRule` makes a go-hazard rule from its metadata, the
 * analyzers it reads (`requires`) and a `create` that only reports. Like
 * typescript-eslint's `RuleCreator`, it fills in the docs URL from the rule's
 * name; unlike a bare ESLint rule, it hands `create` a typed, lazy view of the
 * declared analyzers' results, and nothing else of the package's analysis.
 *
 * An analyzer that failed was reported once, by the driver, for the whole
 * package; a rule that needs it stays silent (the failure surfaces from
 * `results.x` as AnalyzerFailed, which the kit swallows in every visitor).
 */
import { AnalyzerFailed, type Analyzer, type AnyAnalyzer } from "../analysis/framework.js";
import { ruleDocsUrl } from "../report/rule-info.js";
import type { GoRule, GoRuleContext, GoRuleDocs, GoRuleMeta, GoRuleVisitor } from "./rule.js";
import type { GoParserServices } from "./services.js";

export type Requirements = Readonly<Record<string, AnyAnalyzer>>;

/** The results of the declared analyzers, each computed when first read. */
export type ResultsOf<Req extends Requirements> = { readonly [K in keyof Req]: Req[K] extends Analyzer<infer R> ? R : never };

export interface RuleSpec<Req extends Requirements> {
  /** The rule id (`map-race`): config, suppressions and the docs page (`docs/rules/<name>.md`) use it. */
  name: string;
  meta: Omit<GoRuleMeta, "docs" | "requires" | "languages"> & { docs: Omit<GoRuleDocs, "url"> & { url?: string } };
  requires: Req;
  create(context: GoRuleContext, results: ResultsOf<Req>, services: RuleServices): GoRuleVisitor;
}

/** What a rule may use of the package besides analyzer results: the IR of the package and of this file. */
export type RuleServices = Pick<GoParserServices, "ir" | "file">;

export function createRule<Req extends Requirements>(spec: RuleSpec<Req>): GoRule {
  const analyzers = Object.values(spec.requires);
  return {
    name: spec.name,
    meta: {
      ...spec.meta,
      docs: { ...spec.meta.docs, url: spec.meta.docs.url ?? ruleDocsUrl(spec.name) },
      requires: analyzers.map((a) => a.name),
      languages: ["go-hazard/go"],
    },
    create(context) {
      const services = context.sourceCode.parserServices as GoParserServices | undefined;
      if (!services?.driver) return {};
      const results = {} as Record<string, unknown>;
      for (const [key, analyzer] of Object.entries(spec.requires)) {
        Object.defineProperty(results, key, { enumerable: true, get: () => services.driver.result(analyzer) });
      }
      let visitor: GoRuleVisitor;
      try {
        visitor = spec.create(context, results as ResultsOf<Req>, { ir: services.ir, file: services.file });
      } catch (err) {
        if (err instanceof AnalyzerFailed) return {};
        throw err;
      }
      const guarded: GoRuleVisitor = {};
      for (const [selector, handler] of Object.entries(visitor)) {
        guarded[selector] = (node) => {
          try {
            handler(node);
          } catch (err) {
            if (!(err instanceof AnalyzerFailed)) throw err;
          }
        };
      }
      return guarded;
    },
  };
}
