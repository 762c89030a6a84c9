/**
 * Build constraint expressions (`//go:build` and legacy `// +build` lines).
 *
 * Parsing, and two questions about a parsed constraint: can it never hold
 * because it hinges on the `ignore` tag, and what minimum Go version does it
 * require (`go1.22`; loop-variable semantics depend on it)? Which files a
 * build selects (platforms, release tags, --tags) is build-select.ts.
 */

export type ConstraintExpr =
  | { kind: "tag"; name: string }
  | { kind: "not"; x: ConstraintExpr }
  | { kind: "and"; x: ConstraintExpr; y: ConstraintExpr }
  | { kind: "or"; x: ConstraintExpr; y: ConstraintExpr };

/** Parses the text after `//go:build`. Null when it is not a valid expression (the go tool rejects those). */
export function parseGoBuildExpr(src: string): ConstraintExpr | null {
  const tokens = src.match(/&&|\|\||[()!]|[A-Za-z0-9_.]+|\S/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];

  function parseOr(): ConstraintExpr | null {
    let left = parseAnd();
    while (left !== null && peek() === "||") {
      pos++;
      const right = parseAnd();
      left = right === null ? null : { kind: "or", x: left, y: right };
    }
    return left;
  }
  function parseAnd(): ConstraintExpr | null {
    let left = parseNot();
    while (left !== null && peek() === "&&") {
      pos++;
      const right = parseNot();
      left = right === null ? null : { kind: "and", x: left, y: right };
    }
    return left;
  }
  function parseNot(): ConstraintExpr | null {
    const t = peek();
    if (t === "!") {
      pos++;
      const x = parseNot();
      return x === null ? null : { kind: "not", x };
    }
    if (t === "(") {
      pos++;
      const x = parseOr();
      if (peek() !== ")") return null;
      pos++;
      return x;
    }
    if (t !== undefined && /^[A-Za-z0-9_.]+$/.test(t)) {
      pos++;
      return { kind: "tag", name: t };
    }
    return null;
  }

  const expr = parseOr();
  return expr !== null && pos === tokens.length ? expr : null;
}

/**
 * Legacy `// +build` lines: within a line, space-separated options are OR-ed and
 * comma-separated terms AND-ed; separate lines are AND-ed. Only consulted when
 * the file has no `//go:build` line (as the go tool does).
 */
export function parsePlusBuildLines(lines: string[]): ConstraintExpr | null {
  let result: ConstraintExpr | null = null;
  for (const line of lines) {
    let lineExpr: ConstraintExpr | null = null;
    for (const option of line.split(/\s+/).filter((s) => s !== "")) {
      let optExpr: ConstraintExpr | null = null;
      for (const term of option.split(",")) {
        const negated = term.startsWith("!");
        const name = negated ? term.slice(1) : term;
        if (!/^[A-Za-z0-9_.]+$/.test(name)) return null;
        const t: ConstraintExpr = negated ? { kind: "not", x: { kind: "tag", name } } : { kind: "tag", name };
        optExpr = optExpr === null ? t : { kind: "and", x: optExpr, y: t };
      }
      if (optExpr === null) continue;
      lineExpr = lineExpr === null ? optExpr : { kind: "or", x: lineExpr, y: optExpr };
    }
    if (lineExpr === null) continue;
    result = result === null ? lineExpr : { kind: "and", x: result, y: lineExpr };
  }
  return result;
}

type Tri = "true" | "false" | "unknown";

/**
 * Three-valued evaluation with `ignore` false and every other tag unknown: the
 * file is excluded only when no choice of platform tags could ever build it.
 * So `ignore` and `ignore && linux` exclude; `!ignore` and `ignore || linux` don't.
 */
function evalWithIgnoreFalse(e: ConstraintExpr): Tri {
  switch (e.kind) {
    case "tag":
      return e.name === "ignore" ? "false" : "unknown";
    case "not": {
      const v = evalWithIgnoreFalse(e.x);
      return v === "unknown" ? v : v === "true" ? "false" : "true";
    }
    case "and": {
      const a = evalWithIgnoreFalse(e.x);
      const b = evalWithIgnoreFalse(e.y);
      if (a === "false" || b === "false") return "false";
      return a === "true" && b === "true" ? "true" : "unknown";
    }
    case "or": {
      const a = evalWithIgnoreFalse(e.x);
      const b = evalWithIgnoreFalse(e.y);
      if (a === "true" || b === "true") return "true";
      return a === "false" && b === "false" ? "false" : "unknown";
    }
  }
}

export function isIgnoredByConstraint(e: ConstraintExpr): boolean {
  return evalWithIgnoreFalse(e) === "false";
}

/**
 * Minor version N such that the expression can only hold with Go >= 1.N, or
 * null. `go1.21 && linux` → 21; `go1.21 || go1.22` → 21; `go1.21 || linux` →
 * null (linux alone satisfies it); negations give no lower bound.
 */
function minMinor(e: ConstraintExpr): number | null {
  switch (e.kind) {
    case "tag": {
      const m = /^go1\.(\d+)$/.exec(e.name);
      return m ? Number(m[1]) : null;
    }
    case "not":
      return null;
    case "and": {
      const a = minMinor(e.x);
      const b = minMinor(e.y);
      if (a === null) return b;
      if (b === null) return a;
      return Math.max(a, b);
    }
    case "or": {
      const a = minMinor(e.x);
      const b = minMinor(e.y);
      return a === null || b === null ? null : Math.min(a, b);
    }
  }
}

/** "1.N" or null. */
export function minGoVersion(e: ConstraintExpr): string | null {
  const n = minMinor(e);
  return n === null ? null : `1.${n}`;
}

/** Whether a constraint holds when exactly the tags `holds` says are set. */
export function evaluateConstraint(e: ConstraintExpr, holds: (tag: string) => boolean): boolean {
  switch (e.kind) {
    case "tag":
      return holds(e.name);
    case "not":
      return !evaluateConstraint(e.x, holds);
    case "and":
      return evaluateConstraint(e.x, holds) && evaluateConstraint(e.y, holds);
    case "or":
      return evaluateConstraint(e.x, holds) || evaluateConstraint(e.y, holds);
  }
}
