/**
 * Analyzers in the shape of golang.org/x/tools/go/analysis: each one has a
 * name, a doc, the analyzers whose results it reads (`requires`), and a `run`
 * that computes its result for one package. A `PackageDriver` runs them
 * lazily, each at most once per package, so every fact is computed in one
 * place and shared by every analyzer and rule that asks for it.
 *
 * A failing analyzer does not take the others down: its error is kept and
 * reported once (through `onError`), and whoever needs its result gets an
 * `AnalyzerFailed` instead (the rule kit turns that into silence: unknown
 * stays silent).
 */
import type { PackageIR } from "../ir/types.js";

export interface AnalysisOptions {
  /** Upper bound on the race walker's abstract steps for one package; past it the facts are partial. */
  budget: number;
  /**
   * How the race walk follows calls: `walker` inlines each callee (as deep as MAX_DEPTH, on
   * the package's budget); `summaries` replays each function's summary. An internal switch
   * (GO_HAZARD_CORE) while the summary core is measured against the walker.
   */
  core: "walker" | "summaries";
}

/**
 * The budget every command uses. On the Go standard library the packages that
 * exhaust 600,000 steps exhaust 300,000 too and report the same findings, but
 * spend half the time getting there (docs/performance.md).
 */
export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = Object.freeze({ budget: 300_000, core: process.env.GO_HAZARD_CORE === "summaries" ? "summaries" : "walker" });

export interface Pass {
  readonly ir: PackageIR;
  readonly options: AnalysisOptions;
  /** The result of an analyzer this one declared in `requires`. */
  resultOf<R>(analyzer: Analyzer<R>): R;
}

export interface Analyzer<R> {
  readonly name: string;
  /** First line: what the result is; the rest: how it is computed. */
  readonly doc: string;
  readonly requires: readonly Analyzer<unknown>[];
  run(pass: Pass): R;
  /** The result as plain JSON for `go-hazard facts`; absent for results that are only indexes. */
  toJSON?(result: R, pass: Pass): unknown;
  /** Is the result partial (a budget ran out)? The engine then notes that hazards may be missed. */
  partial?(result: R): boolean;
}

/** Any analyzer, whatever its result type (for lists and registries). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalyzer = Analyzer<any>;

export function defineAnalyzer<R>(a: Analyzer<R>): Analyzer<R> {
  return Object.freeze({ ...a, requires: Object.freeze([...a.requires]) });
}

/** Thrown to whoever asks for the result of an analyzer that failed (or whose requirement failed). */
export class AnalyzerFailed extends Error {
  override name = "AnalyzerFailed";
  constructor(
    readonly analyzer: string,
    override readonly cause: unknown,
  ) {
    super(`analyzer ${analyzer} failed: ${cause instanceof Error ? cause.message.split("\n")[0] || cause.name : String(cause)}`);
  }
}

type Slot = { state: "running" } | { state: "done"; value: unknown } | { state: "failed"; error: AnalyzerFailed };

export interface DriverOptions {
  analysis?: AnalysisOptions;
  /** Called once per failing analyzer (not for those that fail because a requirement did). */
  onError?: (failure: AnalyzerFailed) => void;
}

/** Runs the analyzers of one package on demand, each at most once. */
export class PackageDriver {
  readonly ir: PackageIR;
  readonly options: AnalysisOptions;
  private readonly slots = new Map<AnyAnalyzer, Slot>();
  private readonly onError: ((failure: AnalyzerFailed) => void) | undefined;

  constructor(ir: PackageIR, options: DriverOptions = {}) {
    this.ir = ir;
    this.options = options.analysis ?? DEFAULT_ANALYSIS_OPTIONS;
    this.onError = options.onError;
  }

  /** The analyzer's result, computing it (and what it requires) first if needed. Throws AnalyzerFailed. */
  result<R>(analyzer: Analyzer<R>): R {
    const slot = this.slots.get(analyzer);
    if (slot?.state === "done") return slot.value as R;
    if (slot?.state === "failed") throw slot.error;
    if (slot?.state === "running") throw new Error(`analyzer ${analyzer.name} requires itself`);
    this.slots.set(analyzer, { state: "running" });
    let value: R;
    try {
      for (const req of analyzer.requires) this.result(req);
      value = analyzer.run(this.passFor(analyzer));
    } catch (err) {
      // A failure is reported where it happened, once; dependents fail silently with it.
      const failure = err instanceof AnalyzerFailed ? err : new AnalyzerFailed(analyzer.name, err);
      this.slots.set(analyzer, { state: "failed", error: failure });
      if (failure.analyzer === analyzer.name) this.onError?.(failure);
      throw failure;
    }
    this.slots.set(analyzer, { state: "done", value });
    return value;
  }

  /** The result if it was computed already (undefined otherwise, or after a failure). */
  peek<R>(analyzer: Analyzer<R>): R | undefined {
    const slot = this.slots.get(analyzer);
    return slot?.state === "done" ? (slot.value as R) : undefined;
  }

  /** Did this analyzer (or one it requires) fail? */
  failed(analyzer: AnyAnalyzer): boolean {
    return this.slots.get(analyzer)?.state === "failed";
  }

  /** The result as JSON, as `go-hazard facts` prints it; null when the analyzer has no JSON form. */
  json(analyzer: AnyAnalyzer): unknown {
    if (!analyzer.toJSON) return null;
    return analyzer.toJSON(this.result(analyzer), this.passFor(analyzer));
  }

  private passFor(analyzer: AnyAnalyzer): Pass {
    const declared = new Set(analyzer.requires);
    return {
      ir: this.ir,
      options: this.options,
      resultOf: <T>(req: Analyzer<T>): T => {
        if (!declared.has(req)) throw new Error(`analyzer ${analyzer.name} reads ${req.name} without requiring it`);
        return this.result(req);
      },
    };
  }
}

/** Every analyzer `roots` needs, each once, requirements before what requires them. */
export function inDependencyOrder(roots: readonly AnyAnalyzer[]): AnyAnalyzer[] {
  const out: AnyAnalyzer[] = [];
  const seen = new Set<AnyAnalyzer>();
  const visit = (a: AnyAnalyzer) => {
    if (seen.has(a)) return;
    seen.add(a);
    for (const r of a.requires) visit(r);
    out.push(a);
  };
  for (const r of roots) visit(r);
  return out;
}
