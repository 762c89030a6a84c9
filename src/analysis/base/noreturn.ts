/**
 * The noreturn analyzer: calls that never return. `panic`, the standard
 * library's exits by name (os.Exit, log.Fatal*, log.Panic*, runtime.Goexit,
 * t.FailNow, t.Skip*, ...), and the package's own functions and methods whose
 * body always ends in such a call (`m.fail(...)` that calls t.FailNow), a few
 * calls deep, as the call graph resolves them. The library's exits go by name,
 * not type: a method called Fatal that returns is rare, and taking it for an
 * exit only ends a path early.
 */
import type { FuncIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { defineAnalyzer } from "../framework.js";
import { callGraphAnalyzer } from "./callgraph.js";

/** Called names that end the goroutine or the program. */
export const TERMINATING_NAMES: ReadonlySet<string> = new Set(["Exit", "Goexit", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "FailNow", "SkipNow", "Skip", "Skipf"]);

/** How many package calls deep a body that ends in a call is followed. */
const MAX_DEPTH = 3;

export interface NoReturn {
  /** Does this call never return? */
  isNoReturn(call: GoNode): boolean;
}

export const noReturnAnalyzer = defineAnalyzer<NoReturn>({
  name: "noreturn",
  doc: `Calls that never return: panic, exits by name (os.Exit, log.Fatal, t.FailNow, ...), and package functions that always end in one.`,
  requires: [callGraphAnalyzer],
  run(pass) {
    const calls = pass.resultOf(callGraphAnalyzer);
    const memo = new Map<FuncIR, boolean>();
    const isNoReturn = (call: GoNode, depth: number): boolean => {
      const fn = call.field("function");
      if (!fn) return false;
      if (fn.type === "identifier" && fn.text === "panic") return true;
      const name = fn.type === "selector_expression" ? fn.field("field")?.text : fn.type === "identifier" ? fn.text : undefined;
      if (!name) return false;
      if (TERMINATING_NAMES.has(name)) return true;
      if (depth > MAX_DEPTH) return false;
      const callee = calls.callee(call);
      if (!callee?.body) return false;
      const cached = memo.get(callee);
      if (cached !== undefined) return cached;
      // Recursion through a cycle of such functions counts as returning.
      memo.set(callee, false);
      const result = endsInNoReturn(callee.body, (c) => isNoReturn(c, depth + 1));
      memo.set(callee, result);
      return result;
    };
    return { isNoReturn: (call) => isNoReturn(call, 0) };
  },
});
/** Is the last statement of a body a call that never returns? */
function endsInNoReturn(body: GoNode, isNoReturn: (call: GoNode) => boolean): boolean {
  const list = body.children.find((c) => c.type === "statement_list");
  const last = list?.children[list.children.length - 1];
  const call = last?.type === "expression_statement" ? last.children[0] : undefined;
  return call?.type === "call_expression" && isNoReturn(call);
}
