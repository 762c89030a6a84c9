/**
 * Directory listing and the `dir/...` tree walk.
 *
 * Which directories a `...` pattern covers depends on where it starts:
 *   - inside a module: that module only — a subdirectory with its own go.mod
 *     is another module and is skipped with everything below it (go's rule);
 *   - under an active go.work: directories belonging to any module the
 *     workspace `use`s, nested or not, and nothing else;
 *   - outside any module (say a monorepo root above several modules): every
 *     directory, each belonging to its nearest go.mod (or none). Nested modules
 *     are included too, since there is no "current" module to stay within.
 * Everywhere, `testdata`, `vendor` (unless asked) and names starting with `.`
 * or `_` are skipped below the starting directory.
 *
 * The walk is synchronous and iterative (explicit stack): it only lists
 * directories, which is cheap, and an explicit stack cannot overflow on deep
 * trees. Symlinked directories are followed, but only after every real
 * directory has been walked, so that a directory reachable both directly and
 * through a link is known by its real location; a link that leads back to an
 * ancestor is a loop and is reported once, never followed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { LoadProblem, ModuleInfo } from "./types.js";
import type { ModuleResolver } from "./gomod.js";
import type { Workspace } from "./gowork.js";
import { childPath, isWithin } from "./paths.js";

export interface DirListing {
  /** Names of regular files (or links to them) ending in `.go`, sorted. */
  goFiles: string[];
  /** Subdirectories, sorted; `isLink` when reached through a symlink. */
  subdirs: { name: string; isLink: boolean }[];
  hasGoMod: boolean;
  /**
   * `.go` names that are not regular files (FIFOs, sockets, devices, dangling
   * or looping links, links to any of those), with what each is: reported
   * once by the loader and never opened (a FIFO would block the read, /dev/zero
   * never end it).
   */
  notFiles: { name: string; what: string }[];
}

/** Lists a directory. Throws if it cannot be read. */
export function listDir(dir: string): DirListing {
  const goFiles: string[] = [];
  const subdirs: { name: string; isLink: boolean }[] = [];
  const notFiles: { name: string; what: string }[] = [];
  let hasGoMod = false;
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    let kind: fs.Dirent | fs.Stats = ent;
    const isLink = ent.isSymbolicLink();
    if (isLink) {
      try {
        kind = fs.statSync(childPath(dir, ent.name));
        isDir = kind.isDirectory();
        isFile = kind.isFile();
      } catch (err) {
        // Nothing to load behind it; a `.go` name is still said to be skipped.
        if (ent.name.endsWith(".go")) notFiles.push({ name: ent.name, what: brokenLink(err) });
        continue;
      }
    }
    if (isDir) subdirs.push({ name: ent.name, isLink });
    else if (isFile) {
      if (ent.name === "go.mod") hasGoMod = true;
      else if (ent.name.endsWith(".go")) goFiles.push(ent.name);
    } else if (ent.name.endsWith(".go")) {
      notFiles.push({ name: ent.name, what: `${isLink ? "a symbolic link to " : ""}${specialKind(kind)}` });
    }
  }
  // Plain code-unit order, not locale order: the same on every machine.
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  goFiles.sort(byName);
  subdirs.sort((a, b) => byName(a.name, b.name));
  notFiles.sort((a, b) => byName(a.name, b.name));
  return { goFiles, subdirs, hasGoMod, notFiles };
}

function specialKind(k: fs.Dirent | fs.Stats): string {
  if (k.isFIFO()) return "a FIFO";
  if (k.isSocket()) return "a socket";
  if (k.isCharacterDevice() || k.isBlockDevice()) return "a device";
  return "not a regular file";
}

function brokenLink(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "a dangling symbolic link";
  if (code === "ELOOP") return "a symbolic link loop";
  return `a symbolic link that cannot be followed (${code ?? String(err)})`;
}

/** Directory names the go tool skips during `...` expansion. */
export function skipDirName(name: string, includeVendor: boolean): boolean {
  return name.startsWith(".") || name.startsWith("_") || name === "testdata" || (name === "vendor" && !includeVendor);
}

export interface WalkEnv {
  modules: ModuleResolver;
  workspace: Workspace | null;
  vendor: boolean;
  report(problem: LoadProblem): void;
  rel(abs: string): string;
  /** Links already reported as loops (shared across patterns so each is reported once). */
  loopsReported: Set<string>;
}

export interface VisitedDir {
  abs: string;
  real: string;
  module: ModuleInfo | null;
  listing: DirListing;
}

interface Item {
  abs: string;
  real: string;
  module: ModuleInfo | null;
  parent: Item | null;
}

interface PendingLink {
  abs: string;
  parent: Item;
}

export function walkTree(rootAbs: string, rootReal: string, env: WalkEnv, visit: (dir: VisitedDir) => void): void {
  const ws = env.workspace !== null && isWithin(env.workspace.dir, rootAbs) ? env.workspace : null;
  const rootModule = env.modules.enclosing(rootAbs);
  const mode: "workspace" | "module" | "none" = ws ? "workspace" : rootModule ? "module" : "none";
  const useDirs = ws ? [...ws.useDirs] : [];

  const seen = new Set<string>([rootReal]);
  const stack: Item[] = [{ abs: rootAbs, real: rootReal, module: rootModule, parent: null }];
  const links: PendingLink[] = [];

  for (;;) {
    let item = stack.pop();
    if (item === undefined) {
      const link = links.shift();
      if (link === undefined) break;
      const followed = followLink(link, seen, env);
      if (followed === null) continue;
      item = followed;
    }

    let listing: DirListing;
    try {
      listing = listDir(item.abs);
    } catch (err) {
      env.report({
        level: "warning",
        kind: "unreadable",
        message: `${env.rel(item.abs)}: cannot read directory (${(err as NodeJS.ErrnoException).code ?? String(err)}); skipped`,
        path: env.rel(item.abs),
      });
      continue;
    }

    let module = item.module;
    if (item.parent !== null && listing.hasGoMod) {
      if (mode === "module") continue; // a nested module is not part of this one
      module = env.modules.moduleAt(item.abs);
    }
    if (mode === "workspace") {
      const inUse = module !== null && ws!.useDirs.has(module.dir);
      if (inUse) visit({ abs: item.abs, real: item.real, module, listing });
      // Outside the workspace's modules: go down only if a used module lies below.
      else if (!useDirs.some((u) => isWithin(item!.abs, u))) continue;
    } else {
      visit({ abs: item.abs, real: item.real, module, listing });
    }

    const here: Item = module === item.module ? item : { ...item, module };
    const children: Item[] = [];
    for (const sub of listing.subdirs) {
      if (skipDirName(sub.name, env.vendor)) continue;
      const abs = childPath(item.abs, sub.name);
      if (sub.isLink) {
        links.push({ abs, parent: here });
        continue;
      }
      const real = childPath(item.real, sub.name);
      seen.add(real);
      children.push({ abs, real, module, parent: here });
    }
    // Reversed onto the stack so directories are visited in name order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Resolves a symlinked directory; null when it must not be walked (loop, already seen, dangling). */
function followLink(link: PendingLink, seen: Set<string>, env: WalkEnv): Item | null {
  let real: string;
  try {
    real = fs.realpathSync.native(link.abs);
  } catch {
    return null;
  }
  let loop = isWithin(real, link.parent.real);
  for (let p: Item | null = link.parent; p !== null && !loop; p = p.parent) loop = p.real === real;
  if (loop) {
    const key = childPath(link.parent.real, path.basename(link.abs));
    if (!env.loopsReported.has(key)) {
      env.loopsReported.add(key);
      env.report({
        level: "warning",
        kind: "symlink-loop",
        message: `${env.rel(link.abs)}: symbolic link points back to an enclosing directory (${real}); not followed`,
        path: env.rel(link.abs),
      });
    }
    return null;
  }
  // Reached already by its real path or another link: walking it again would
  // load the same files twice under two names.
  if (seen.has(real)) return null;
  seen.add(real);
  return { abs: link.abs, real, module: link.parent.module, parent: link.parent };
}
