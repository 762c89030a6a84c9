/**
 * The line-oriented syntax shared by go.mod and go.work: `verb args...` lines,
 * `verb ( ... )` blocks, `//` comments, "interpreted" and `raw` quoted strings.
 *
 * We only need a few directives (module, go, use), so this is a tolerant
 * tokenizer rather than a validating parser: a malformed file yields whatever
 * directives could be read, never an exception. The go tool is the place to
 * learn that a go.mod is broken; we only want its module path and go version.
 */

export interface Directive {
  verb: string;
  /** Arguments, unquoted. A block entry becomes its own directive with the block's verb. */
  args: string[];
}

/** Splits one line into tokens, dropping a trailing `//` comment. */
function tokenizeLine(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && line[i + 1] === "/") break;
    if (c === "(" || c === ")") {
      tokens.push(c);
      i++;
      continue;
    }
    if (c === '"') {
      // Interpreted string: Go escapes are a superset of what paths use; we only
      // need to undo `\"` and `\\`, anything else is kept as written.
      let j = i + 1;
      let out = "";
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\" && j + 1 < line.length) {
          out += line[j + 1];
          j += 2;
        } else {
          out += line[j];
          j++;
        }
      }
      tokens.push(out);
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const end = line.indexOf("`", i + 1);
      const stop = end < 0 ? line.length : end;
      tokens.push(line.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !" \t\r()".includes(line[j]!) && !(line[j] === "/" && line[j + 1] === "/")) j++;
    tokens.push(line.slice(i, j));
    i = j;
  }
  return tokens;
}

export function parseModfile(text: string): Directive[] {
  const out: Directive[] = [];
  let blockVerb: string | null = null;
  for (const line of text.split("\n")) {
    let tokens = tokenizeLine(line);
    if (tokens.length === 0) continue;
    if (blockVerb === null) {
      const verb = tokens[0]!;
      if (tokens[1] === "(") {
        // `verb (` opens a block; tolerate entries and even the `)` on the same line.
        tokens = tokens.slice(2);
        blockVerb = verb;
      } else {
        out.push({ verb, args: tokens.slice(1) });
        continue;
      }
    }
    const close = tokens.indexOf(")");
    const entry = close < 0 ? tokens : tokens.slice(0, close);
    if (entry.length > 0) out.push({ verb: blockVerb, args: entry });
    if (close >= 0) blockVerb = null;
  }
  return out;
}
