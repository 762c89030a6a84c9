/**
 * `primaryLocationLineHash`: the fingerprint GitHub code scanning uses to follow
 * an alert across commits. It is computed per line of the file: a 64-bit
 * wrapping polynomial hash (multiplier 37) over the next 100 significant
 * UTF-16 code units starting at the line's first one. Spaces and tabs are not
 * significant; CR and CRLF both count as a single LF; the end of the file
 * counts as one code unit 0xFFFF. Each hash is written in lower-case hex
 * (no padding) and suffixed with `:N`, where N counts how many times that
 * same hash value has been given to a line so far (from the top of the file).
 *
 * This must produce exactly the values GitHub's upload-sarif computes itself
 * (see test/line-hash.test.ts), otherwise alerts get a warning and may be
 * duplicated when their lines move.
 */

const WINDOW = 100;
const MULTIPLIER = 37n;
const MASK = (1n << 64n) - 1n;
const END_OF_FILE = 0xffff;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** 37^WINDOW mod 2^64: the weight of the code unit leaving the window. */
const OUTGOING_WEIGHT = (() => {
  let w = 1n;
  for (let i = 0; i < WINDOW; i++) w = (w * MULTIPLIER) & MASK;
  return w;
})();

/**
 * One hash per line of `text`, in line order. A text ending in a newline has
 * a final (empty) line after it, and the empty text has one line.
 */
export function computeLineHashes(text: string): string[] {
  // The significant code units, and for each position in the ring buffer the
  // line (0-based) that starts there, or -1.
  const ring = new Array<number>(WINDOW).fill(0);
  const lineAt = new Array<number>(WINDOW).fill(-1);
  const hashes: string[] = [];
  const seen = new Map<string, number>();
  let hash = 0n;
  let pos = 0;
  let lines = 0;
  let atLineStart = true;
  let afterCR = false;

  const emit = (): void => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    hashes[lineAt[pos]!] = `${hex}:${n}`;
    lineAt[pos] = -1;
  };

  const push = (unit: number): void => {
    const leaving = ring[pos]!;
    ring[pos] = unit;
    hash = (hash * MULTIPLIER + BigInt(unit) - OUTGOING_WEIGHT * BigInt(leaving)) & MASK;
    pos = (pos + 1) % WINDOW;
  };

  const feed = (unit: number): void => {
    if (unit === SPACE || unit === TAB || (afterCR && unit === LF)) {
      afterCR = false;
      return;
    }
    afterCR = unit === CR;
    if (unit === CR) unit = LF;
    // The window that started at this slot WINDOW units ago is complete.
    if (lineAt[pos] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      lineAt[pos] = lines++;
    }
    if (unit === LF) atLineStart = true;
    push(unit);
  };

  for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i));
  feed(END_OF_FILE);
  // Lines that started within the last WINDOW units: pad with zeros.
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[pos] !== -1) emit();
    push(0);
  }
  return hashes;
}

/** The hash of a 1-based line, or undefined when the text has no such line. */
export function lineHashAt(hashes: readonly string[], line: number): string | undefined {
  return line >= 1 && line <= hashes.length ? hashes[line - 1] : undefined;
}
