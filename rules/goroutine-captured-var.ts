/**
 * goroutine-captured-var: a closure run on another goroutine (`go func(){...}()`,
 * `g.Go(func() error {...})`, `time.AfterFunc(d, func(){...})`, a subtest
 * that calls `t.Parallel()`) uses a variable its starter keeps changing: a
 * loop variable all iterations share (Go below 1.22), or `err` / a named
 * result of the starter assigned again after the spawn. The captured-vars
 * analyzer finds them; this rule words the report.
 */
import { capturedVarsAnalyzer, type Capture } from "../src/analysis/captured-vars.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { GoRuleContext } from "../src/eslint/rule.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { spanOf } from "../src/ir/syntax.js";
import type { FileIR, GoType } from "../src/ir/types.js";

export const goroutineCapturedVar = createRule({
  name: "goroutine-captured-var",
  meta: {
    type: "problem",
    docs: {
      description: "A goroutine closure uses a variable its starter keeps changing: a loop variable before Go 1.22, or err / a named result assigned again after the go statement.",
      checklist: ["DP-11"],
      cwe: [362],
      category: "concurrency",
      defaultSeverity: "warning",
      precision: "high",
      recommended: true,
    },
    messages: {
      loopVar:
        "The {{what}} started at line {{line}} uses loop variable {{name}}, which all iterations share under Go {{version}} ({{source}}). Before Go 1.22 the loop declares {{name}} once and updates it in place, so the {{what}} sees whichever value {{name}} holds when it runs — usually the last one — and its read races with the loop's write. Pass it as an argument ({{fix}}), copy it in the loop body ({{name}} := {{name}}), or move the module to go 1.22 or later.",
      reassigned:
        "The {{what}} started at line {{line}} uses {{kind}} {{name}}, which {{func}} assigns again at line {{writeLine}} after starting it. Nothing orders the two: the {{what}} and {{func}} read and write the same variable concurrently (a data race), and {{name}} ends up holding whichever write came last. Give the {{what}} its own variable and hand the result back over a channel, or wait for it before assigning {{name}} again.",
    },
    schema: [],
  },
  requires: { capturedVars: capturedVarsAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const c of results.capturedVars.captures) {
          if (c.spawn.file !== file) continue;
          if (c.kind === "loop") reportLoopVar(context, file, c);
          else reportReassigned(context, file, c);
        }
      },
    };
  },
});

function reportLoopVar(context: GoRuleContext, file: FileIR, c: Capture & { kind: "loop" }): void {
  const { spawn, v } = c;
  reportWithEvidence(
    context,
    {
      node: c.use,
      messageId: "loopVar",
      data: {
        what: spawn.what,
        line: spawn.site.loc.start.line,
        name: v.name,
        version: file.goVersion ?? "?",
        source: file.file.buildGoVersion ? `//go:build go${file.file.buildGoVersion}` : "go.mod",
        fix: spawn.what === "goroutine" ? `go func(${v.name} ${paramType(v.type)}) { ... }(${v.name})` : `${v.name} := ${v.name} before the call`,
      },
    },
    {
      related: [
        { ...spanOf(v.decl, file), message: `${v.name} is declared once for the whole loop here` },
        { ...spanOf(spawn.site, file), message: `the ${spawn.what} is started here, on every iteration` },
      ],
      object: v.name,
      fingerprintParts: [v.name, spawn.what, "loop"],
    },
  );
}

function reportReassigned(context: GoRuleContext, file: FileIR, c: Capture & { kind: "reassigned" }): void {
  const { spawn, v, write, starter } = c;
  const fname = starter.type === "func_literal" ? "the enclosing function literal" : starter.field("name")?.text ?? "the starter";
  reportWithEvidence(
    context,
    {
      node: c.use,
      messageId: "reassigned",
      data: {
        what: spawn.what,
        line: spawn.site.loc.start.line,
        kind: v.kind === "result" ? "named result" : "variable",
        name: v.name,
        func: fname,
        writeLine: write.loc.start.line,
      },
    },
    {
      related: [
        { ...spanOf(write, file), message: `${fname} assigns ${v.name} here while the ${spawn.what} may still use it` },
        { ...spanOf(spawn.site, file), message: `the ${spawn.what} is started here` },
      ],
      object: v.name,
      fingerprintParts: [v.name, spawn.what, "reassigned"],
    },
  );
}

/** The variable's type as a parameter declaration would spell it, or T. */
function paramType(t: GoType): string {
  switch (t.k) {
    case "basic":
      return t.name === "uint8" ? "byte" : t.name === "int32" ? "rune" : t.name;
    case "named":
      return t.pkg ? `${t.pkg.split("/").pop()}.${t.name}` : t.name;
    case "ptr":
      return t.elem.k === "named" ? `*${t.elem.pkg ? `${t.elem.pkg.split("/").pop()}.` : ""}${t.elem.name}` : "T";
    default:
      return "T";
  }
}
