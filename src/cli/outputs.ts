/**
 * `--format NAME[:FILE]`, repeatable: several reports from one run (a log on
 * stdout and a SARIF file for upload, say), so CI needs no second run.
 */
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from "../report/index.js";
import { UsageError } from "../usage-error.js";

export interface OutputSpec {
  format: OutputFormat;
  /** undefined: stdout. */
  file?: string;
}

/**
 * The reports to write. A spec without a file goes to `--output` when given,
 * else to stdout; only one report can go to stdout (two would be interleaved
 * into one unreadable stream), and `--output` can take only one.
 */
export function outputSpecs(formats: readonly string[], output: string | undefined): OutputSpec[] {
  const raw = formats.length > 0 ? formats : ["text"];
  const specs: OutputSpec[] = raw.map((spec) => {
    // Split at the first colon only: `sarif:C:\ci\out.sarif` keeps its drive letter.
    const i = spec.indexOf(":");
    const name = (i < 0 ? spec : spec.slice(0, i)).trim();
    const file = i < 0 ? undefined : spec.slice(i + 1);
    if (!isOutputFormat(name)) throw new UsageError(`bad --format "${spec}": unknown format "${name}" (choose from ${OUTPUT_FORMATS.join(", ")})`);
    if (file !== undefined && file.trim() === "") throw new UsageError(`bad --format "${spec}": no file after the colon`);
    return file === undefined ? { format: name } : { format: name, file };
  });
  const toDefault = specs.filter((s) => s.file === undefined);
  if (toDefault.length > 1) {
    const where = output === undefined ? "stdout" : `--output ${output}`;
    throw new UsageError(
      `--format ${toDefault.map((s) => s.format).join(" and ")}: only one report can go to ${where}; give the others a file (--format NAME:FILE)`,
    );
  }
  if (output !== undefined) {
    if (toDefault.length === 0) throw new UsageError(`--output ${output}: every --format already names its file`);
    toDefault[0]!.file = output;
  }
  const files = specs.filter((s) => s.file !== undefined).map((s) => s.file!);
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw new UsageError(`--format: two reports would be written to ${dup}`);
  return specs;
}

export type FailLevel = "error" | "warning" | "note";
export const FAIL_LEVELS: readonly FailLevel[] = ["error", "warning", "note"];

const RANK: Record<FailLevel, number> = { note: 0, warning: 1, error: 2 };

/** Does a finding of this severity make the run exit 1 under `--fail-level`? */
export function failsAt(severity: FailLevel, level: FailLevel): boolean {
  return RANK[severity] >= RANK[level];
}
