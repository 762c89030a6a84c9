/**
 * Everything a formatter gets: the findings of a run (already sorted,
 * deduplicated and with suppressions applied), notifications about the run,
 * the metadata of every rule that was enabled, and where the run happened.
 */
import type { Finding, Notification } from "./finding.js";
import type { RuleInfo } from "./rule-info.js";

export interface ReportInput {
  findings: Finding[];
  notifications: Notification[];
  /** Every rule that was enabled for the run (including `parse-error`), sorted by id. */
  rules: RuleInfo[];
  /** Absolute run root; Finding.file is relative to it. */
  cwd: string;
  toolVersion: string;
  /**
   * SARIF and GitLab Code Quality: where the run root lies inside the repository (`internal` for
   * `-C internal`, "" at the top) and the repository's absolute path. SARIF
   * URIs are relative to that root, because code scanning resolves them
   * against the repository, not against the directory go-hazard ran in.
   * Undefined: the run root is the SARIF root.
   */
  sarifRoot?: { dir: string; runRootPrefix: string };
  /** SARIF `automationDetails.id` category (`--sarif-category`); undefined → "go-hazard/". */
  category?: string;
  /** False when an internal error stopped part of the work. */
  executionSuccessful: boolean;
  /** The command line as the user typed it (for SARIF invocations). */
  commandLine?: string;
  /** Start and end of the run, ISO 8601 (SARIF invocation times). */
  startTime?: string;
  endTime?: string;
}

/** A formatter turns a run into the text written to stdout or --output. */
export type Formatter = (input: ReportInput) => string;
