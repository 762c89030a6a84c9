/**
 * reused-buffer-alias: a loop stores an alias of a buffer it keeps rewriting
 * (`buf[:n]`, `&buf`, `sc.Bytes()`) somewhere that outlives the iteration, so
 * every stored entry shares one backing array. The buffer-flow analyzer finds
 * the stores; this rule words the report and the copy to make instead.
 */
import { bufferFlowAnalyzer, type SharedBufferStore } from "../src/analysis/buffer-flow/index.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { GoRuleContext } from "../src/eslint/rule.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { shortText, spanOf } from "../src/ir/syntax.js";
import { typeString } from "../src/ir/type-expr.js";
import type { GoType } from "../src/ir/types.js";

export const reusedBufferAlias = createRule({
  name: "reused-buffer-alias",
  meta: {
    type: "problem",
    docs: {
      description: "A loop stores an alias of a buffer it keeps rewriting (buf[:n], &buf, scanner.Bytes()) into a map, slice, field or channel, so all stored entries share one backing array.",
      checklist: ["DP-5"],
      cwe: [416, 664],
      category: "memory-safety",
      defaultSeverity: "warning",
      precision: "high",
      recommended: true,
    },
    messages: {
      alias: "{{alias}} aliases the buffer {{buffer}}, which this loop reuses, and is {{target}}. {{why}} Store a copy instead: {{fix}}.",
      pointer:
        "&{{buffer}} points at a variable this loop reuses and is {{target}}. The loop rewrites {{buffer}} ({{rewrite}}, line {{line}}), so every stored pointer refers to the same slice and sees only the last iteration's data. Store a pointer to a fresh copy each time: c := {{clone}}; then &c.",
    },
    schema: [],
  },
  requires: { bufferFlow: bufferFlowAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const s of results.bufferFlow.stores) if (s.file === file) report(context, s);
      },
    };
  },
});

function report(context: GoRuleContext, { file, store, alias, rewrite }: SharedBufferStore): void {
  const buf = alias.buf;
  const line = rewrite.node.loc.start.line;
  const origin = shortText(alias.node);
  // `chunk` when chunk is the alias itself; `rec (holding buf[:n])` when it only contains it.
  const aliasText = !alias.carrier ? origin : alias.carrier.whole ? alias.carrier.v.name : `${alias.carrier.v.name} (holding ${origin})`;
  const copyOf = alias.carrier?.whole ? alias.carrier.v.name : origin;
  const related = [{ ...spanOf(rewrite.node, file), message: `${buf.name} is rewritten here on every iteration` }];
  if (alias.carrier) related.push({ ...spanOf(alias.carrier.at, file), message: `${alias.carrier.v.name} takes ${shortText(alias.node)} here` });
  related.push({ ...spanOf(buf.root.decl, file), message: `${buf.root.name} is declared here, outside the loop` });
  const evidence = {
    related,
    fingerprintParts: [buf.name, store.desc, alias.pointer ? "pointer" : "alias"],
    object: buf.name,
  };
  const clone = buf.elem && !isByteType(buf.elem) ? `slices.Clone(${buf.name})` : `bytes.Clone(${buf.name})`;
  if (alias.pointer) {
    reportWithEvidence(context, { node: alias.site, messageId: "pointer", data: { buffer: buf.name, target: store.desc, rewrite: rewrite.text, line, clone } }, evidence);
    return;
  }
  let why: string;
  let fix: string;
  switch (buf.kind) {
    case "scanner":
      why = `Each ${buf.name}.Scan() (line ${line}) may overwrite the bytes Bytes() returned, so every stored entry points into the scanner's single internal buffer.`;
      fix = `bytes.Clone(${copyOf}), or ${buf.name}.Text() for a string`;
      break;
    case "bytes.Buffer":
      why = `${rewrite.text} (line ${line}) lets the next write overwrite the bytes Bytes() returned, so every stored entry points into the same buffer.`;
      fix = `bytes.Clone(${copyOf}), or ${buf.name}.String() for a string`;
      break;
    default: {
      why = `The loop rewrites ${buf.name} (${rewrite.text}, line ${line}), so every stored entry shares one backing array and later iterations overwrite the earlier ones.`;
      const elem = buf.elem;
      fix =
        elem && !isByteType(elem)
          ? `slices.Clone(${copyOf}) or append([]${typeString(elem)}(nil), ${copyOf}...)`
          : `bytes.Clone(${copyOf}) or append([]byte(nil), ${copyOf}...)`;
    }
  }
  reportWithEvidence(context, { node: alias.site, messageId: "alias", data: { alias: aliasText, buffer: buf.name, target: store.desc, why, fix } }, evidence);
}

function isByteType(t: GoType): boolean {
  return t.k === "basic" && (t.name === "uint8" || t.name === "int8");
}
