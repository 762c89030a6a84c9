/**
 * The glob patterns of `include` / `exclude` in the config file, matched
 * against slash-separated paths relative to the config file's directory.
 *
 *   *        any run of characters except `/`
 *   ?        one character except `/`
 *   **       any number of whole path segments (`a/**` / `**` / `a/**\/b`)
 *   [abc] [a-z] [!a]   one character from (or not from) a set
 *   {a,b}    either alternative (alternatives may hold other syntax)
 *   \x       a literal x
 *
 * As in .gitignore: a pattern without a slash (other than a trailing one)
 * matches a name at any depth (`*_gen.go`, `testdata`); a leading `/` or
 * `./` anchors it to the config file's directory instead (`/cmd`). A pattern
 * that matches a directory matches everything below it (`internal/legacy`).
 */

/** Thrown for a pattern that cannot be compiled (unbalanced `[` or `{`). */
export class GlobError extends Error {
  override name = "GlobError";
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Translates one glob (already stripped of anchoring) into a regular-expression source. */
function translate(glob: string): string {
  let out = "";
  let i = 0;
  const n = glob.length;
  while (i < n) {
    const c = glob[i]!;
    if (c === "\\") {
      if (i + 1 < n) out += escapeRegExp(glob[i + 1]!);
      i += 2;
      continue;
    }
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // `**` as a whole segment: any number of segments.
        const atStart = i === 0 || glob[i - 1] === "/";
        let j = i;
        while (glob[j] === "*") j++;
        const atEnd = j === n || glob[j] === "/";
        if (atStart && atEnd) {
          if (j === n) out += ".*";
          else {
            out += "(?:[^/]*/)*"; // `**/` : zero or more directories
            j++; // consume the slash
          }
          i = j;
          continue;
        }
        // `a**b` inside a segment is just `*`.
        out += "[^/]*";
        i = j;
        continue;
      }
      out += "[^/]*";
      i++;
      continue;
    }
    if (c === "?") {
      out += "[^/]";
      i++;
      continue;
    }
    if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) throw new GlobError(`unclosed "[" in "${glob}"`);
      let body = glob.slice(i + 1, close);
      let negate = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        negate = true;
        body = body.slice(1);
      }
      const cls = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += negate ? `(?!/)[^${cls}]` : `[${cls}]`;
      i = close + 1;
      continue;
    }
    if (c === "{") {
      // Find the matching brace, splitting on top-level commas.
      let depth = 0;
      let j = i;
      const parts: string[] = [];
      let start = i + 1;
      for (; j < n; j++) {
        const d = glob[j]!;
        if (d === "\\") {
          j++;
          continue;
        }
        if (d === "{") depth++;
        else if (d === "}") {
          depth--;
          if (depth === 0) {
            parts.push(glob.slice(start, j));
            break;
          }
        } else if (d === "," && depth === 1) {
          parts.push(glob.slice(start, j));
          start = j + 1;
        }
      }
      if (j >= n) throw new GlobError(`unclosed "{" in "${glob}"`);
      out += `(?:${parts.map(translate).join("|")})`;
      i = j + 1;
      continue;
    }
    out += escapeRegExp(c);
    i++;
  }
  return out;
}

export interface CompiledGlob {
  source: string;
  /** Does the pattern match this relative path (or one of its parent directories)? */
  matches(relPath: string): boolean;
}

export function compileGlob(pattern: string): CompiledGlob {
  let p = pattern.trim();
  let anchored = false;
  if (p.startsWith("./")) {
    p = p.slice(2);
    anchored = true;
  } else if (p.startsWith("/")) {
    p = p.replace(/^\/+/, "");
    anchored = true;
  }
  p = p.replace(/\/+$/, "");
  if (p === "" || p === ".") return { source: pattern, matches: () => true };
  if (!anchored && !p.includes("/")) p = `**/${p}`;
  const re = new RegExp(`^${translate(p)}$`);
  return {
    source: pattern,
    matches(relPath: string): boolean {
      const path = relPath.replace(/^\.\//, "");
      if (re.test(path)) return true;
      // A pattern that matches a directory matches everything below it.
      for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
        if (re.test(path.slice(0, i))) return true;
      }
      return false;
    },
  };
}

/** `include` / `exclude` as one predicate over relative paths. */
export function pathFilter(include: readonly string[] | undefined, exclude: readonly string[] | undefined): (relPath: string) => boolean {
  const inc = (include ?? []).map(compileGlob);
  const exc = (exclude ?? []).map(compileGlob);
  return (relPath) => (inc.length === 0 || inc.some((g) => g.matches(relPath))) && !exc.some((g) => g.matches(relPath));
}
