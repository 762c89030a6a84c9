/**
 * Shared by the race rules: turn the races analyzer's conflicting pairs into reports
 * on the current file, with the other access as a related location and the
 * path (creation → goroutine start → calls → access) of each side as a thread
 * flow for SARIF code flows.
 */
import type { Access, PackageFacts, SharedObject } from "../../src/analysis/facts.js";
import { WRITE_KINDS } from "../../src/analysis/facts.js";
import { racesAnalyzer, type RaceFacts } from "../../src/analysis/races.js";
import { createRule, type RuleSpec } from "../../src/eslint/rule-kit.js";
import type { GoRule } from "../../src/eslint/rule.js";
import { reportWithEvidence } from "../../src/eslint/evidence.js";
import type { Evidence, GoRuleContext } from "../../src/eslint/rule.js";
import type { FlowStep, ThreadFlow } from "../../src/report/finding.js";

export interface RaceSelection {
  /** Which pairs the rule is about. */
  pair(object: SharedObject, a: Access, b: Access): boolean;
  /** Which side of a selected pair is reported (the other becomes the related location). */
  reportOn(a: Access, b: Access): Access[];
}

/**
 * A race rule: its metadata (one message, `race`) and which pairs of the
 * races analyzer it reports, on which side.
 */
export function createRaceRule(spec: Pick<RuleSpec<{ races: typeof racesAnalyzer }>, "name" | "meta"> & { selection: RaceSelection }): GoRule {
  return createRule({
    name: spec.name,
    meta: spec.meta,
    requires: { races: racesAnalyzer },
    create(context, results, { file }) {
      return {
        source_file() {
          reportRaces(context, results.races, file.file.relPath, "race", spec.selection);
        },
      };
    },
  });
}

export function isWriteAccess(a: Access): boolean {
  return WRITE_KINDS.has(a.kind);
}

const VERB: Record<Access["kind"], string> = {
  read: "read",
  write: "written",
  delete: "deleted from",
  clear: "cleared",
  range: "iterated",
  len: "read (len)",
  "elem-read": "read",
  "elem-write": "written",
  append: "appended to",
  copy: "copied into",
  assign: "assigned",
};

export function verb(a: Access): string {
  return VERB[a.kind];
}

const ACTIVE: Record<Access["kind"], string> = {
  read: "reads",
  write: "writes",
  delete: "deletes from",
  clear: "clears",
  range: "ranges over",
  len: "reads (len)",
  "elem-read": "reads",
  "elem-write": "writes",
  append: "appends to",
  copy: "copies into",
  assign: "assigns",
};

/** Present tense, for the other goroutine: "while another goroutine writes it". */
export function activeVerb(a: Access): string {
  return ACTIVE[a.kind];
}

export function where(a: Access): string {
  return `${a.span.file}:${a.span.line}`;
}

export function lockText(a: Access): string {
  if (!a.locks.length) return "no lock";
  return a.locks.map((l) => `${l.name} (${l.mode === "read" ? "read lock" : "lock"})`).join(", ");
}

function step(a: Access, message: string): FlowStep {
  return { ...a.span, message, kind: "access" };
}

/** The path of one side: where its goroutine started, the calls on the way, the access. */
function threadFlow(facts: PackageFacts, a: Access, object: SharedObject, withCreation: boolean): ThreadFlow {
  const t = facts.threads[a.thread]!;
  const steps: FlowStep[] = [];
  if (withCreation && object.created) steps.push({ ...object.created, message: `${object.name} is created here`, kind: "create" });
  for (const site of a.via) {
    steps.push({ ...site.span, message: site.label, kind: site.label.includes("go statement") || site.label.includes("callback") || site.label.includes("handler") || site.label.includes("subtest") ? "spawn" : "reach" });
  }
  steps.push(step(a, `${object.name} ${verb(a)} here (${lockText(a)})`));
  return { thread: t.label, steps };
}

type Pair = RaceFacts["pairs"][number];

/** A selected pair and the side of it reported. */
interface Selected {
  p: Pair;
  object: SharedObject;
  here: Access;
  other: Access;
}

/** By the reported side's file. */
type ByFile = Map<string, Selected[]>;

const selectedByFile = new WeakMap<RaceFacts, Map<RaceSelection, ByFile>>();

/**
 * The package's selected pairs grouped by the file of the side reported, in
 * the analysis' order, made once per package and rule: each file's lint then
 * reads its own, where scanning every pair for every file made a package of
 * N one-function files cost N² (20,000 files: over 10 minutes).
 */
function selectedIn(facts: RaceFacts, selection: RaceSelection, file: string): Selected[] {
  let perSelection = selectedByFile.get(facts);
  if (!perSelection) selectedByFile.set(facts, (perSelection = new Map()));
  let byFile = perSelection.get(selection);
  if (!byFile) {
    byFile = new Map();
    for (const p of facts.pairs) {
      const object = facts.objects[p.object];
      const a = facts.accesses[p.a]!;
      const b = facts.accesses[p.b]!;
      if (!object || !selection.pair(object, a, b)) continue;
      for (const here of selection.reportOn(a, b)) {
        let list = byFile.get(here.span.file);
        if (!list) byFile.set(here.span.file, (list = []));
        list.push({ p, object, here, other: here === a ? b : a });
      }
    }
    perSelection.set(selection, byFile);
  }
  return byFile.get(file) ?? [];
}

/**
 * Reports every selected pair whose reported side lies in this file, once per
 * access site (the first partner in the analysis' order is the one named).
 */
export function reportRaces(context: GoRuleContext, facts: RaceFacts, thisFile: string, messageId: string, selection: RaceSelection, extraData: (o: SharedObject, a: Access, b: Access) => Record<string, string> = () => ({})): void {
  const done = new Set<string>();
  for (const { p, object, here, other } of selectedIn(facts, selection, thisFile)) {
    const key = `${here.node.start}:${here.node.end}`;
    if (done.has(key)) continue;
    done.add(key);
    const hereThread = facts.threads[here.thread]!;
    const otherThread = facts.threads[other.thread]!;
    const sameSite = here.node === other.node || (here.span.line === other.span.line && here.span.file === other.span.file);
    const evidence: Evidence = {
      related: [
        { ...other.span, message: sameSite ? `the same access on another instance of ${otherThread.label}` : `conflicting ${other.kind} of ${object.name} on ${otherThread.label} (${lockText(other)})` },
        ...(object.created ? [{ ...object.created, message: `${object.name} is created here` }] : []),
      ],
      flows: [threadFlow(facts, here, object, true), threadFlow(facts, other, object, false)],
      fingerprintParts: [object.name, here.kind, here.function, other.kind, other.function],
      function: here.function,
      object: object.name,
    };
    reportWithEvidence(
      context,
      { node: here.node, messageId, data: {
        object: object.name,
        type: object.type ?? "map",
        verb: verb(here),
        otherVerb: activeVerb(other),
        otherWhere: sameSite ? "the same line" : where(other),
        thread: hereThread.label,
        otherThread: otherThread.label,
        locks: lockText(here),
        otherLocks: lockText(other),
        reason: p.reason,
        ...extraData(object, here, other),
      } },
      evidence,
    );
  }
}
