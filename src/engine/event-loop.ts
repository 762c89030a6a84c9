/**
 * A turn of the event loop, for the tree-sitter binding's sake. The binding
 * (the fallback parser, src/parse/binding-reader.ts) frees a parse tree from
 * a finalizer that Node runs only there; a package's trees would otherwise
 * all stay in native memory until the package is done, and parsing in the
 * bloated heap is markedly slower (bench/: stdlib parse CPU 4.5 s vs 2.8 s).
 * The native reader frees each tree before it returns; the turns cost it
 * nothing worth keeping two code paths for.
 */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Files parsed between turns. */
export const FILES_PER_TURN = 8;
