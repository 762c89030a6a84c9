/**
 * `JSON.stringify(value, null, indent)`, as a sequence of pieces instead of one string:
 * the facts of a package like minio's `cmd` (250k accesses) are larger than the longest
 * string V8 makes, so `go-hazard facts` writes them piece by piece. The pieces joined are
 * exactly what JSON.stringify gives, for the plain data (objects, arrays, strings,
 * numbers, booleans, null) the facts are made of. The nesting is the data's, a few levels.
 */
export function* jsonChunks(value: unknown, indent = 2, depth = 0): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    const inner = " ".repeat((depth + 1) * indent);
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? inner : `,\n${inner}`;
      const v = value[i];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") yield "null";
      else yield* jsonChunks(v, indent, depth + 1);
    }
    yield `\n${" ".repeat(depth * indent)}]`;
    return;
  }
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol");
    if (entries.length === 0) {
      yield "{}";
      return;
    }
    const inner = " ".repeat((depth + 1) * indent);
    yield "{\n";
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      yield `${i === 0 ? inner : `,\n${inner}`}${JSON.stringify(k)}: `;
      yield* jsonChunks(v, indent, depth + 1);
    }
    yield `\n${" ".repeat(depth * indent)}}`;
    return;
  }
  yield JSON.stringify(value, null, indent) ?? "null";
}
