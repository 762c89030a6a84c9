/**
 * The buffer-flow analyzer: loops that store an alias of a buffer they keep
 * rewriting.
 *
 * A buffer declared outside a loop, rewritten by the loop (`r.Read(buf)`,
 * `io.ReadFull`, `copy`, `binary.*.Put*`, `buf[i] = x`, `buf = buf[:0]` /
 * `append(buf[:0], ...)`, `sc.Scan()`, `b.Reset()`), whose alias (`buf`,
 * `buf[i:j]`, `&buf`, `sc.Bytes()`, `b.Bytes()`) the same loop stores
 * somewhere that outlives the iteration: a map or slice element, a slice it
 * appends to, a channel, a sync.Map, or a struct made per iteration (its field
 * set to the alias) that is stored in one of those. Every stored entry then
 * shares one backing array and later iterations overwrite the earlier ones.
 *
 * Precision: the buffer and the container must be declared outside the loop
 * (a buffer made inside the loop is fresh each time), the loop must rewrite the
 * buffer itself, a loop that reassigns the buffer to something new (`buf =
 * make(...)`) is silent, a store followed by `return`/`break` is silent, and
 * function literals are analysed on their own. Copies (`bytes.Clone`,
 * `append([]byte(nil), b...)`, `string(b)`, `copy` into a fresh slice) are not
 * aliases. A loop-local variable holding an alias (`chunk := buf[:n]`,
 * `rec := Record{Data: buf[:n]}`) carries it to where it is stored.
 */
import { spanOf } from "../../ir/syntax.js";
import type { FileIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { inspectAnalyzer } from "../base/inspect.js";
import { scopesAnalyzer } from "../base/scopes.js";
import { defineAnalyzer } from "../framework.js";
import { BufferFlow, type Alias, type Rewrite, type Store } from "./flow.js";

export type { Alias, BufferKind, BufferRef, Rewrite, Store } from "./flow.js";

/** A stored alias of a buffer the loop around the store keeps rewriting. */
export interface SharedBufferStore {
  file: FileIR;
  store: Store;
  alias: Alias;
  /** The loop's rewrite of the buffer (the first one in the loop). */
  rewrite: Rewrite;
}

export interface BufferFlows {
  /** In source order of the functions, then of the stores; one per alias site and buffer. */
  stores: readonly SharedBufferStore[];
}

const FUNCTION_TYPES = ["function_declaration", "method_declaration", "func_literal"];

export const bufferFlowAnalyzer = defineAnalyzer<BufferFlows>({
  name: "buffer-flow",
  doc: `Loops that store an alias of a buffer they keep rewriting (buf[:n], &buf, scanner.Bytes()) into a map, slice, field, channel or sync.Map.

Each function body (function literals on their own) is followed through its
locals: which expressions alias a buffer, which loop-local variables and
containers carry an alias on, where a value is stored, and which loop around
the store rewrites the buffer without giving it a fresh value.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const out: SharedBufferStore[] = [];
    for (const file of pass.ir.files) {
      const env = { ir: pass.ir, file, scopes: scopes.of(file) };
      for (const fn of inspect.withinAny(file.parsed.root, FUNCTION_TYPES)) {
        const body = fn.field("body");
        // Cheap exit: no loop in this function (literals excluded), nothing to do.
        if (!body || inspect.within(body, "for_statement", { skipFuncLits: true }).length === 0) continue;
        const flow = new BufferFlow(env, inspect, body);
        const seen = new Set<string>();
        for (const store of flow.stores()) {
          if (store.slotOnly) continue;
          for (const alias of store.aliases) {
            if (alias.buf.root === store.target) continue;
            const key = `${alias.site.start}:${alias.buf.key}`;
            if (seen.has(key)) continue;
            const hit = flow.loopFor(store, alias);
            if (!hit) continue;
            seen.add(key);
            out.push({ file, store, alias, rewrite: hit.rewrite });
          }
        }
      }
    }
    return { stores: out };
  },
  toJSON: (r) => ({
    stores: r.stores.map((s) => `${where(s.file, s.alias.site)} ${s.alias.pointer ? "pointer to" : "alias of"} ${s.alias.buf.name} ${s.store.desc}; rewritten at line ${s.rewrite.node.loc.start.line} (${s.rewrite.text})`),
  }),
});

function where(file: FileIR, node: GoNode): string {
  const s = spanOf(node, file);
  return `${s.file}:${s.line}:${s.column}`;
}
