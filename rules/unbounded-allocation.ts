/**
 * unbounded-allocation: memory is allocated with a size that comes from input
 * and was never checked against a maximum. `make([]byte, n)` with `n` from a
 * length prefix, a request parameter or a decoded field lets one message ask
 * for gigabytes; the process is OOM-killed (or panics on a negative size)
 * before it reads a byte of the payload.
 *
 * Allocations: `make([]T, n)`, `make([]T, 0, n)`, `make(map[K]V, n)`,
 * `make(chan T, n)` (so also `bytes.NewBuffer(make(...))` and
 * `io.ReadFull(r, make([]byte, n))`), `buf.Grow(n)`, `slices.Grow(s, n)`,
 * `strings.Repeat(s, n)`, `bytes.Repeat(b, n)`.
 *
 * Input and bounds: see util/input-size.ts. Unknown origins are silent;
 * `len(x)` of existing data is not input; 8- and 16-bit values are bounded by
 * their type. `_test.go` files are skipped: attackers don't reach tests.
 */
import * as path from "node:path";
import type { GoNode } from "../src/parse/node.js";
import type { GoRule, GoRuleContext, GoRuleVisitor } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { args, envOf, importedCall, isBuiltinCall, shortText, spanOf, unparen, walk, type SyntaxEnv } from "./util/hazard-syntax.js";
import { InputSizes, type SizeTaint } from "./util/input-size.js";

export const unboundedAllocation: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "Memory is allocated with a size that comes from input (a length prefix, a request parameter, a decoded field) without checking it against a maximum first.",
      checklist: ["DP-12"],
      cwe: [789, 770],
      category: "robustness",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "6.5",
      recommended: true,
    },
    messages: {
      unbounded:
        "{{size}} comes from {{origin}} at {{where}} and sizes {{sink}} with no upper bound checked first. An attacker-controlled size can make this allocate gigabytes and get the process OOM-killed. Check it against a maximum before allocating (`if {{leaf}} > maxSize { return errTooLarge }`), or read through io.LimitReader / http.MaxBytesReader instead of sizing the buffer from the input.",
    },
    schema: [],
    languages: ["go-hazard/go"],
  },
  create(context) {
    const env = envOf(context);
    if (!env || env.file.file.isTest) return {} as GoRuleVisitor;
    const visit = (decl: GoNode): void => {
      if (decl.field("body")) checkDecl(env, decl, context);
    };
    return { function_declaration: visit, method_declaration: visit };
  },
};

interface Sink {
  call: GoNode;
  sizes: GoNode[];
  /** How the message names the allocation: `make([]byte, ...)`, `buf.Grow`. */
  name: string;
}

function sinkOf(env: SyntaxEnv, call: GoNode): Sink | null {
  const a = args(call);
  if (isBuiltinCall(env, call, "make")) {
    if (a.length < 2) return null;
    return { call, sizes: a.slice(1), name: `make(${shortText(a[0]!, 30)}, ...)` };
  }
  for (const pkg of ["strings", "bytes"]) {
    if (importedCall(env, call, pkg) === "Repeat" && a.length === 2) return { call, sizes: [a[1]!], name: `${pkg}.Repeat` };
  }
  if (importedCall(env, call, "slices") === "Grow" && a.length === 2) return { call, sizes: [a[1]!], name: "slices.Grow" };
  const fn = unparen(call.field("function"));
  if (fn?.type === "selector_expression" && fn.field("field")?.text === "Grow" && a.length === 1) {
    const op = unparen(fn.field("operand"));
    if (op?.type === "identifier" && !env.scopes.resolve(op) && env.file.imports.has(op.text)) return null;
    return { call, sizes: [a[0]!], name: `${shortText(fn, 40)}` };
  }
  return null;
}

function checkDecl(env: SyntaxEnv, decl: GoNode, context: GoRuleContext): void {
  const sinks: Sink[] = [];
  walk(decl, (n) => {
    if (n.type !== "call_expression") return;
    const s = sinkOf(env, n);
    if (s) sinks.push(s);
  });
  if (!sinks.length) return;
  const sizes = new InputSizes(env, decl);
  for (const s of sinks) {
    for (const size of s.sizes) {
      const t = sizes.sizeTaint(size, s.call);
      if (!t) continue;
      report(env, context, s, size, t);
      break;
    }
  }
}

function report(env: SyntaxEnv, context: GoRuleContext, sink: Sink, size: GoNode, t: SizeTaint): void {
  const sizeText = shortText(size, 50);
  const leafText = shortText(t.leaf, 40);
  const originNode = t.origin.node;
  const where = `${path.basename(env.file.file.relPath)}:${originNode.loc.start.line}`;
  const sizeDesc = sizeText === leafText ? `\`${sizeText}\`` : `\`${sizeText}\` (through \`${leafText}\`)`;
  reportWithEvidence(
    context,
    { node: sink.call, messageId: "unbounded", data: { size: sizeDesc, origin: t.origin.desc, where, sink: sink.name, leaf: leafText } },
    {
      related: [{ ...spanOf(originNode, env.file), message: `${leafText} is read here (${t.origin.desc})` }],
      fingerprintParts: [t.origin.desc, sizeText],
      object: leafText,
    },
  );
}
