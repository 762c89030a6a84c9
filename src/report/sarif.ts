/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any other SARIF
 * viewer). What GitHub reads and its limits are summarised in
 * docs/output-formats.md and docs/github-code-scanning.md.
 *
 * The output is a pure function of the ReportInput and the files it points
 * to: no clock, no environment, fixed key order.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as zlib from "node:zlib";
import type * as Sarif from "sarif";
import { CHECKLIST, checklistCwes, checklistItem, cweName, cweUrl } from "./checklist.js";
import type { Finding, Notification, Severity, SourceSpan } from "./finding.js";
import { computeLineHashes, lineHashAt } from "./line-hash.js";
import type { ReportInput } from "./report-input.js";
import { ruleHelp } from "./rule-help.js";
import { pascalCase, ruleDocsUrl, type RuleInfo } from "./rule-info.js";
import { createSourceCache, linkedIds } from "./source.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_INFORMATION_URI = "https://github.com/go-hazard/go-hazard";
export const SRCROOT = "%SRCROOT%";

/** Our checklist as a SARIF taxonomy (fixed, made-up v4 GUID). */
export const CHECKLIST_TAXONOMY = { name: "go-hazard-checklist", guid: "d3b0f6a2-5c1e-4f8a-b7d9-2e64c0a91f35" } as const;
/** MITRE's CWE taxonomy, with the GUID MITRE's SARIF CWE taxonomy uses. */
export const CWE_TAXONOMY = { name: "CWE", guid: "FFC64C90-42B6-44CE-8BEB-F6B7DAE649E5" } as const;
const CHECKLIST_TAXONOMY_INDEX = 0;
const CWE_TAXONOMY_INDEX = 1;

/** GitHub's limits (docs.github.com, "SARIF support for code scanning"). */
export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  tagsPerRule: 20,
  descriptionChars: 1024,
  locationsPerResult: 1_000,
  threadFlowLocationsPerResult: 10_000,
  /** The upload limit is 10 MB gzipped; stay a little under it. */
  gzippedBytes: 10_000_000,
} as const;

export interface SarifOptions {
  /** Override the gzipped size limit (tests). */
  maxGzippedBytes?: number;
}

export function formatSarif(input: ReportInput, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(input, options), null, 2) + "\n";
}

/**
 * Build the SARIF log. When the serialized log would exceed the gzipped size
 * limit, code flows are dropped first, then results from the end; each step
 * is recorded as a tool execution notification.
 */
export function buildSarif(input: ReportInput, options: SarifOptions = {}): Sarif.Log {
  const limit = options.maxGzippedBytes ?? SARIF_LIMITS.gzippedBytes;
  const ctx = new Context(input);
  const notes: Notification[] = [];
  let findings = input.findings;
  if (findings.length > SARIF_LIMITS.resultsPerRun) {
    notes.push({
      level: "warning",
      kind: "results-truncated",
      message:
        `go-hazard reported ${findings.length} findings; only the first ${SARIF_LIMITS.resultsPerRun} are in this ` +
        `SARIF file (GitHub's limit per run), ${findings.length - SARIF_LIMITS.resultsPerRun} were left out.`,
    });
    findings = findings.slice(0, SARIF_LIMITS.resultsPerRun);
  }

  let log = ctx.log(findings, notes, true);
  if (gzippedSize(log) <= limit) return log;

  const withoutFlows = (n: Notification[]): Notification[] => [
    ...n,
    {
      level: "warning",
      kind: "code-flows-dropped",
      message: `The SARIF file would exceed ${limit} bytes gzipped; code flows (paths) were left out of all results.`,
    },
  ];
  log = ctx.log(findings, withoutFlows(notes), false);
  let size = gzippedSize(log);
  if (size <= limit) return log;

  // Drop results from the end until it fits: estimate, then shrink by 10%.
  let keep = Math.floor(findings.length * (limit / size) * 0.95);
  for (;;) {
    keep = Math.max(0, keep);
    const dropped = findings.length - keep;
    const n = withoutFlows(notes);
    n.push({
      level: "warning",
      kind: "results-truncated",
      message:
        `The SARIF file would exceed ${limit} bytes gzipped; the last ${dropped} of ${findings.length} results ` +
        `were left out.`,
    });
    log = ctx.log(findings.slice(0, keep), n, false);
    size = gzippedSize(log);
    if (size <= limit || keep === 0) return log;
    keep = Math.floor(keep * 0.9);
  }
}

function gzippedSize(log: Sarif.Log): number {
  return zlib.gzipSync(JSON.stringify(log, null, 2) + "\n").length;
}

/** Everything that does not depend on which findings are kept. */
class Context {
  readonly rules: RuleInfo[];
  readonly ruleIndex = new Map<string, number>();
  readonly cwes: number[];
  readonly cweIndex = new Map<number, number>();
  readonly checklistIndex = new Map<string, number>();
  readonly sources;
  readonly lineHashes = new Map<string, string[] | undefined>();
  private driverRules: Sarif.ReportingDescriptor[] | undefined;

  constructor(readonly input: ReportInput) {
    this.sources = createSourceCache(input.cwd);
    this.rules = [];
    for (const r of input.rules) this.addRule(r);
    // Findings of rules the run did not describe still need a rule entry.
    const unknown = [...new Set(input.findings.map((f) => f.ruleId).filter((id) => !this.ruleIndex.has(id)))].sort();
    for (const id of unknown) this.addRule(placeholderRule(id));
    this.cwes = [...new Set([...checklistCwes(), ...this.rules.flatMap((r) => r.cwe)])].sort((a, b) => a - b);
    this.cwes.forEach((c, i) => this.cweIndex.set(c, i));
    CHECKLIST.forEach((item, i) => this.checklistIndex.set(item.id, i));
  }

  private addRule(r: RuleInfo): void {
    if (this.ruleIndex.has(r.id)) return;
    this.ruleIndex.set(r.id, this.rules.length);
    this.rules.push(r);
  }

  lineHash(file: string, line: number): string | undefined {
    if (!this.lineHashes.has(file)) {
      const text = this.sources.text(file);
      this.lineHashes.set(file, text === undefined ? undefined : computeLineHashes(text));
    }
    const hashes = this.lineHashes.get(file);
    return hashes ? lineHashAt(hashes, line) : undefined;
  }

  log(findings: readonly Finding[], extraNotes: readonly Notification[], withFlows: boolean): Sarif.Log {
    const input = this.input;
    const artifacts = new Artifacts(input.sarifRoot?.runRootPrefix ?? "");
    // Register every file first so that indices follow the sorted order.
    for (const f of findings) {
      artifacts.add(f.file);
      for (const r of f.related) artifacts.add(r.file);
      if (withFlows) for (const t of f.flows) for (const s of t.steps) artifacts.add(s.file);
    }
    const notifications = [...input.notifications, ...extraNotes];
    for (const n of notifications) if (n.file) artifacts.add(n.file);
    artifacts.freeze();

    const run: Sarif.Run = {
      tool: { driver: this.driver() },
      invocations: [this.invocation(notifications, artifacts)],
      originalUriBaseIds: {
        [SRCROOT]: input.sarifRoot
          ? { uri: directoryUri(input.sarifRoot.dir), description: { text: "The repository root (git top level or --sarif-root)." } }
          : { uri: directoryUri(input.cwd), description: { text: "The directory go-hazard was run in." } },
      },
      artifacts: artifacts.list(),
      results: findings.map((f) => this.result(f, artifacts, withFlows)),
      automationDetails: { id: automationId(input.category) },
      columnKind: "utf16CodeUnits",
      taxonomies: this.taxonomies(),
    };
    return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
  }

  private driver(): Sarif.ToolComponent {
    this.driverRules ??= this.rules.map((r) => this.rule(r));
    return {
      name: "go-hazard",
      semanticVersion: this.input.toolVersion,
      version: this.input.toolVersion,
      informationUri: TOOL_INFORMATION_URI,
      rules: this.driverRules,
      supportedTaxonomies: [
        { name: CHECKLIST_TAXONOMY.name, index: CHECKLIST_TAXONOMY_INDEX, guid: CHECKLIST_TAXONOMY.guid },
        { name: CWE_TAXONOMY.name, index: CWE_TAXONOMY_INDEX, guid: CWE_TAXONOMY.guid },
      ],
    };
  }

  private rule(r: RuleInfo): Sarif.ReportingDescriptor {
    const help = ruleHelp(r);
    const checklist = r.checklist
      .map((id) => checklistItem(id))
      .filter((i) => i !== undefined)
      .map((i) => `${i.id} ${i.title}`);
    const full = checklist.length > 0 ? `${r.description} Checklist: ${checklist.join("; ")}.` : r.description;
    const properties: Sarif.PropertyBag = {
      tags: ruleTags(r),
      precision: r.precision,
      "problem.severity": problemSeverity(r.defaultSeverity),
    };
    const sev = securitySeverity(r.securitySeverity);
    if (sev !== undefined) properties["security-severity"] = sev;
    return {
      id: r.id,
      name: r.name,
      shortDescription: { text: truncate(r.description, SARIF_LIMITS.descriptionChars) },
      fullDescription: { text: truncate(full, SARIF_LIMITS.descriptionChars) },
      help: { text: help.text, markdown: help.markdown },
      helpUri: r.url,
      defaultConfiguration: { level: r.defaultSeverity },
      relationships: [
        ...r.checklist.filter((id) => this.checklistIndex.has(id)).map((id) => this.checklistRelationship(id)),
        ...r.cwe.map((c) => this.cweRelationship(c)),
      ],
      properties,
    };
  }

  private checklistRef(id: string): Sarif.ReportingDescriptorReference {
    return {
      id,
      index: this.checklistIndex.get(id)!,
      toolComponent: { name: CHECKLIST_TAXONOMY.name, index: CHECKLIST_TAXONOMY_INDEX, guid: CHECKLIST_TAXONOMY.guid },
    };
  }

  private cweRef(cwe: number): Sarif.ReportingDescriptorReference {
    return {
      id: String(cwe),
      index: this.cweIndex.get(cwe)!,
      toolComponent: { name: CWE_TAXONOMY.name, index: CWE_TAXONOMY_INDEX, guid: CWE_TAXONOMY.guid },
    };
  }

  private checklistRelationship(id: string): Sarif.ReportingDescriptorRelationship {
    return { target: this.checklistRef(id), kinds: ["relevant"] };
  }

  private cweRelationship(cwe: number): Sarif.ReportingDescriptorRelationship {
    return { target: this.cweRef(cwe), kinds: ["relevant"] };
  }

  private taxonomies(): Sarif.ToolComponent[] {
    return [
      {
        name: CHECKLIST_TAXONOMY.name,
        guid: CHECKLIST_TAXONOMY.guid,
        version: this.input.toolVersion,
        organization: "go-hazard",
        informationUri: "https://github.com/go-hazard/go-hazard/blob/main/docs/checklist.md",
        shortDescription: {
          text: "The go-hazard defensive-programming checklist for maps and byte buffers shared by goroutines.",
        },
        isComprehensive: true,
        taxa: CHECKLIST.map((item) => ({
          id: item.id,
          shortDescription: { text: item.title },
          fullDescription: { text: item.description },
          ...(item.cwe.length > 0
            ? { relationships: item.cwe.map((c) => ({ target: this.cweRef(c), kinds: ["relevant"] })) }
            : {}),
        })),
      },
      {
        name: CWE_TAXONOMY.name,
        guid: CWE_TAXONOMY.guid,
        organization: "MITRE",
        informationUri: "https://cwe.mitre.org/",
        shortDescription: { text: "The MITRE Common Weakness Enumeration" },
        taxa: this.cwes.map((c) => ({
          id: String(c),
          name: cweName(c) ?? `CWE-${c}`,
          shortDescription: { text: `CWE-${c}: ${cweName(c) ?? "see the CWE entry"}` },
          helpUri: cweUrl(c),
        })),
      },
    ];
  }

  private result(f: Finding, artifacts: Artifacts, withFlows: boolean): Sarif.Result {
    const rule = this.rules[this.ruleIndex.get(f.ruleId)!]!;
    const related = f.related.slice(0, SARIF_LIMITS.locationsPerResult);
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: this.ruleIndex.get(f.ruleId)!,
      level: f.severity,
      message: { text: messageWithLinks(f.message, related) },
      locations: [{ physicalLocation: physicalLocation(f, artifacts) }],
    };
    if (related.length > 0) {
      result.relatedLocations = related.map((r) => ({
        id: r.id,
        physicalLocation: physicalLocation(r, artifacts),
        message: { text: r.message },
      }));
    }
    if (withFlows && f.flows.length > 0) {
      let budget: number = SARIF_LIMITS.threadFlowLocationsPerResult;
      const threadFlows: Sarif.ThreadFlow[] = [];
      for (const t of f.flows) {
        if (budget <= 0) break;
        const steps = t.steps.slice(0, budget);
        budget -= steps.length;
        if (steps.length === 0) continue;
        threadFlows.push({
          message: { text: t.thread },
          locations: steps.map((s) => ({
            location: { physicalLocation: physicalLocation(s, artifacts), message: { text: s.message } },
            kinds: FLOW_KINDS[s.kind] ?? [s.kind],
          })),
        });
      }
      if (threadFlows.length > 0) result.codeFlows = [{ threadFlows }];
    }
    const taxa = [
      ...rule.checklist.filter((id) => this.checklistIndex.has(id)).map((id) => this.checklistRef(id)),
      ...rule.cwe.map((c) => this.cweRef(c)),
    ];
    if (taxa.length > 0) result.taxa = taxa;
    const fingerprints: Record<string, string> = {};
    const hash = this.lineHash(f.file, f.line);
    if (hash !== undefined) fingerprints.primaryLocationLineHash = hash;
    fingerprints["goHazardFingerprint/v1"] = f.fingerprint;
    result.partialFingerprints = fingerprints;
    if (f.function !== undefined || f.object !== undefined) {
      result.properties = {
        ...(f.function !== undefined ? { function: f.function } : {}),
        ...(f.object !== undefined ? { object: f.object } : {}),
      };
    }
    return result;
  }

  private invocation(notifications: readonly Notification[], artifacts: Artifacts): Sarif.Invocation {
    const input = this.input;
    const inv: Sarif.Invocation = { executionSuccessful: input.executionSuccessful };
    if (input.commandLine !== undefined) inv.commandLine = input.commandLine;
    if (input.startTime !== undefined) inv.startTimeUtc = input.startTime;
    if (input.endTime !== undefined) inv.endTimeUtc = input.endTime;
    inv.workingDirectory = { uri: directoryUri(input.cwd) };
    inv.toolExecutionNotifications = notifications.map((n) => {
      const out: Sarif.Notification = {
        level: n.level,
        message: { text: n.message },
        descriptor: { id: n.kind },
      };
      if (n.file) {
        const loc: Sarif.PhysicalLocation = { artifactLocation: artifacts.location(n.file) };
        if (n.line !== undefined && n.line >= 1) {
          loc.region = { startLine: Math.floor(n.line) };
          if (n.column !== undefined && n.column >= 1) loc.region.startColumn = Math.floor(n.column);
        }
        out.locations = [{ physicalLocation: loc }];
      }
      return out;
    });
    return inv;
  }
}

/** SARIF threadFlowLocation kinds for our flow step kinds. */
const FLOW_KINDS: Record<string, string[]> = {
  create: ["acquire", "memory"],
  reach: ["value"],
  spawn: ["call", "function"],
  access: ["memory", "danger"],
};

class Artifacts {
  private readonly files = new Set<string>();
  private readonly index = new Map<string, number>();
  private sorted: string[] = [];

  /** `prefix`: the run root's path below %SRCROOT% ("" when they are the same). */
  constructor(private readonly prefix: string) {}

  private uri(file: string): { uri: string; uriBaseId?: string } {
    return fileUri(this.prefix === "" ? file : rootedPath(this.prefix, file));
  }

  add(file: string): void {
    this.files.add(file);
  }

  freeze(): void {
    this.sorted = [...this.files].sort((a, b) => {
      const ua = this.uri(a).uri;
      const ub = this.uri(b).uri;
      return ua < ub ? -1 : ua > ub ? 1 : 0;
    });
    this.sorted.forEach((f, i) => this.index.set(f, i));
  }

  location(file: string): Sarif.ArtifactLocation {
    const loc: Sarif.ArtifactLocation = { ...this.uri(file) };
    const i = this.index.get(file);
    if (i !== undefined) loc.index = i;
    return loc;
  }

  list(): Sarif.Artifact[] {
    return this.sorted.map((f) => {
      const a: Sarif.Artifact = { location: this.uri(f) };
      if (f.endsWith(".go")) a.sourceLanguage = "go";
      return a;
    });
  }
}

/** A run-relative path below the SARIF root; absolute paths stay as they are. */
function rootedPath(prefix: string, file: string): string {
  const f = file.replace(/\\/g, "/");
  if (path.isAbsolute(file) || /^[A-Za-z]:\//.test(f)) return file;
  return path.posix.normalize(`${prefix}/${f}`);
}

function physicalLocation(s: SourceSpan, artifacts: Artifacts): Sarif.PhysicalLocation {
  return { artifactLocation: artifacts.location(s.file), region: region(s) };
}

/** A valid SARIF region: 1-based, start ≤ end, columns ≥ 1. */
export function region(s: SourceSpan): Sarif.Region {
  const startLine = positive(s.line, 1);
  const startColumn = positive(s.column, 1);
  const r: Sarif.Region = { startLine, startColumn };
  if (Number.isFinite(s.endLine) && s.endLine >= 1) {
    const endLine = Math.max(Math.floor(s.endLine), startLine);
    let endColumn = positive(s.endColumn, startColumn);
    if (endLine === startLine) endColumn = Math.max(endColumn, startColumn);
    r.endLine = endLine;
    r.endColumn = endColumn;
  }
  return r;
}

function positive(n: number, fallback: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

/**
 * A file path relative to the run root as a relative URI with
 * `uriBaseId: %SRCROOT%` (forward slashes, each segment percent-encoded).
 * An absolute path outside the root becomes a `file:` URI without base.
 */
export function fileUri(file: string): { uri: string; uriBaseId?: string } {
  let f = file.replace(/\\/g, "/");
  if (path.isAbsolute(file) || /^[A-Za-z]:\//.test(f)) return { uri: pathToFileURL(file).href };
  while (f.startsWith("./")) f = f.slice(2);
  const uri = f
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()))
    .join("/");
  return { uri, uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith("/") ? href : href + "/";
}

/** `automationDetails.id`: the category (default `go-hazard`) ending in `/`. */
export function automationId(category: string | undefined): string {
  const c = category === undefined || category.trim() === "" ? "go-hazard" : category.trim();
  return c.endsWith("/") ? c : c + "/";
}

/**
 * GitHub shows related locations only when the message links to them. Links the
 * finding's message does not already have are appended as a last sentence.
 */
export function messageWithLinks(message: string, related: ReadonlyArray<{ id: number; message: string }>): string {
  const linked = linkedIds(message);
  const missing = related.filter((r) => !linked.has(r.id));
  if (missing.length === 0) return message;
  const links = missing.map((r) => `[${escapeLinkText(r.message || `location ${r.id}`)}](${r.id})`);
  const sep = /[.!?]\s*$/.test(message) ? " " : ". ";
  return `${message.replace(/\s+$/, "")}${sep}See also: ${links.join(", ")}.`;
}

function escapeLinkText(s: string): string {
  return s.replace(/[\\[\]]/g, (c) => "\\" + c).replace(/\s+/g, " ");
}

function ruleTags(r: RuleInfo): string[] {
  const tags = [
    r.category,
    ...(securitySeverity(r.securitySeverity) !== undefined ? ["security"] : []),
    ...r.cwe.map((c) => `external/cwe/cwe-${c}`),
    ...r.checklist.map((id) => `checklist/${id}`),
  ];
  return [...new Set(tags)].slice(0, SARIF_LIMITS.tagsPerRule);
}

function problemSeverity(s: Severity): "error" | "warning" | "recommendation" {
  return s === "note" ? "recommendation" : s;
}

/** Normalise to GitHub's "0.1".."10.0" with at most one decimal; undefined when absent or not a number. */
export function securitySeverity(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  const clamped = Math.min(10, Math.max(0.1, Math.round(n * 10) / 10));
  return clamped.toFixed(1);
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, max - 1).replace(/[\ud800-\udbff]$/, "") + "…";
}

function placeholderRule(id: string): RuleInfo {
  return {
    id,
    name: pascalCase(id) || id,
    description: `Findings reported by the go-hazard rule ${id}.`,
    checklist: [],
    cwe: [],
    category: "robustness",
    defaultSeverity: "warning",
    precision: "medium",
    recommended: false,
    url: ruleDocsUrl(id),
  };
}
