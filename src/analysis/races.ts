/**
 * The races analyzer: shared maps and slices, their accesses with goroutine,
 * locks and program order, the goroutines, and the pairs of accesses that can
 * happen at once. The pairs are final: those no real program can have are
 * pruned here, so `go-hazard facts` lists exactly what the race rules report.
 */
import type { Access, ConflictPair, PackageFacts, SharedObject, Thread } from "./facts.js";
import { analyzePackage } from "./walk/package-walk.js";
import { callGraphAnalyzer, type CallGraph } from "./base/callgraph.js";
import { inspectAnalyzer } from "./base/inspect.js";
import { factsToJson } from "./dump.js";
import { buildTagsAnalyzer, type BuildTags } from "./build-tags.js";
import { signalsCompletion } from "./completion.js";
import { defineAnalyzer } from "./framework.js";
import { noReturnAnalyzer } from "./base/noreturn.js";
import type { PackageIR } from "../ir/types.js";

export interface RaceFacts extends PackageFacts {
  /** Abstract steps the walk took (what is left of the budget is for other walks of the package). */
  steps: number;
  /** Functions walked as entry points because they start goroutines or serve HTTP. */
  concurrentRoots: ReadonlySet<string>;
  /** An object had more accesses than are paired: some of its pairs are missing (reported as partial, the rest kept). */
  pairsTruncated: boolean;
}

export const racesAnalyzer = defineAnalyzer<RaceFacts>({
  name: "races",
  doc: `Shared maps and slices, their accesses, the goroutines, and the conflicting pairs.

Entry points (functions that start goroutines, ServeHTTP methods, and exported
clients of what outliving goroutines touch) are walked with calls inlined; each
access records its goroutine, program order, locks held and loops. Two accesses
conflict when one writes, they share no lock and nothing orders them. Pairs whose
two paths run through files no single build holds, and cross-entry pairs that exist
only because a goroutine outlives a starter that hands its callers a channel the
goroutine closes last, are dropped.`,
  requires: [buildTagsAnalyzer, noReturnAnalyzer, callGraphAnalyzer, inspectAnalyzer],
  run(pass) {
    const { facts, steps, concurrentRoots, pairsTruncated } = analyzePackage(pass.ir, pass.options, {
      noReturn: pass.resultOf(noReturnAnalyzer),
      calls: pass.resultOf(callGraphAnalyzer),
      inspect: pass.resultOf(inspectAnalyzer),
    });
    const tags = pass.resultOf(buildTagsAnalyzer);
    const possible = new FeasiblePairs(pass.ir, facts, tags, pass.resultOf(callGraphAnalyzer));
    return { ...facts, pairs: facts.pairs.filter((p) => possible.test(p)), steps, concurrentRoots, pairsTruncated };
  },
  toJSON: (facts, pass) => factsToJson(pass.ir, facts),
  partial: (facts) => facts.budgetExceeded || facts.pairsTruncated,
});

/**
 * Pairs the walk finds that can't happen in a real program, or whose
 * ordering depends on what callers do with a channel they are given:
 *   - the two sides' paths run through files no single build holds
 *     (`x_plan9.go` and a `//go:build unix` test);
 *   - a cross-entry pair that exists only because a goroutine outlives its
 *     starter, when the starter returns a channel the goroutine closes as its
 *     last act (callers that drain it are ordered after every access).
 */
class FeasiblePairs {
  private readonly completes = new Map<Thread, boolean>();

  constructor(
    private readonly ir: PackageIR,
    private readonly facts: PackageFacts,
    private readonly tags: BuildTags,
    private readonly calls: CallGraph,
  ) {}

  test(p: ConflictPair): boolean {
    const object: SharedObject | undefined = this.facts.objects[p.object];
    const a = this.facts.accesses[p.a]!;
    const b = this.facts.accesses[p.b]!;
    const files = new Set<string>();
    for (const x of [a, b]) {
      files.add(x.span.file);
      for (const site of x.via) files.add(site.span.file);
      for (const t of this.chain(x)) if (t.site) files.add(t.site.span.file);
    }
    if (object?.created) files.add(object.created.file);
    if (!this.tags.buildableTogether(files)) return false;
    if (p.crossRoot) {
      for (const x of [a, b]) {
        if (this.chain(x).some((t) => t.escapes && this.signalsCompletion(t))) return false;
      }
    }
    return true;
  }

  private signalsCompletion(t: Thread): boolean {
    let v = this.completes.get(t);
    if (v === undefined) this.completes.set(t, (v = signalsCompletion(this.ir, this.calls, t)));
    return v;
  }

  /** The access's thread and the threads that started it, innermost first. */
  private chain(a: Access): Thread[] {
    const out: Thread[] = [];
    for (let t: Thread | undefined = this.facts.threads[a.thread]; t && out.length < 64; t = t.parent === null ? undefined : this.facts.threads[t.parent]) out.push(t);
    return out;
  }
}
