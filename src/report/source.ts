/**
 * Reading the source files findings point into (code frames, line hashes).
 * One cache per formatter call: files are read at most once, unreadable files
 * are remembered as such and never fail the report.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface SourceCache {
  /** The whole file text, or undefined when it cannot be read. */
  text(file: string): string | undefined;
  /** The file's lines (CRLF, CR and LF all end a line), or undefined. */
  lines(file: string): string[] | undefined;
}

export function createSourceCache(cwd: string): SourceCache {
  const texts = new Map<string, string | undefined>();
  const lines = new Map<string, string[] | undefined>();
  const text = (file: string): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    let t: string | undefined;
    try {
      t = fs.readFileSync(path.resolve(cwd, file), "utf8");
    } catch {
      t = undefined;
    }
    texts.set(file, t);
    return t;
  };
  return {
    text,
    lines(file) {
      if (lines.has(file)) return lines.get(file);
      const t = text(file);
      const l = t === undefined ? undefined : t.split(/\r\n|\r|\n/);
      lines.set(file, l);
      return l;
    },
  };
}

/** Replace `[text](id)` links to related locations in a message by `render(text, related)`. */
export function replaceMessageLinks(
  message: string,
  related: ReadonlyArray<{ id: number }>,
  render: (text: string, id: number) => string,
): string {
  const ids = new Set(related.map((r) => r.id));
  return message.replace(/\[((?:\\.|[^\]\\])*)\]\((\d+)\)/g, (m, text: string, id: string) =>
    ids.has(Number(id)) ? render(text.replace(/\\([[\]\\])/g, "$1"), Number(id)) : m,
  );
}

/** The ids of related locations the message links to. */
export function linkedIds(message: string): Set<number> {
  const out = new Set<number>();
  for (const m of message.matchAll(/\[(?:\\.|[^\]\\])*\]\((\d+)\)/g)) out.add(Number(m[1]));
  return out;
}
