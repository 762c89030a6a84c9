/**
 * Which files a build could select: `//go:build` constraints, GOOS/GOARCH
 * file-name suffixes and `go1.N` release tags.
 *
 * By default go-hazard analyses every platform together (a race in
 * `conn_windows.go` is as real when CI runs on Linux, and a report must not
 * depend on the machine it was made on), so GOOS, GOARCH and custom tags are
 * free: a file is left out only when no platform and no choice of tags could
 * build it. Release tags are only partly free: go.mod's `go` line is the
 * oldest toolchain that can build the module, so `go1.N` up to it holds and
 * `//go:build !go1.9` in a `go 1.20` module is never analysed next to the
 * file that replaced it, while `go1.23` stays possible (a newer toolchain).
 * --go-version fixes the toolchain exactly: newer release tags are false. `goos`,
 * `goarch` and `tags` narrow that to exactly what the go tool would build for
 * that platform. `ignore` never holds (the go convention for "not part of the
 * package").
 */
import { evaluateConstraint, type ConstraintExpr } from "./build-constraints.js";

/** go/build's known GOOS values (syslist.go). */
export const KNOWN_OS = [
  "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
  "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
] as const;
/** The GOOS values for which the `unix` tag holds. */
const UNIX_OS = new Set(["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris"]);
/** go/build's known GOARCH values. */
export const KNOWN_ARCH = [
  "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64",
  "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x",
  "sparc", "sparc64", "wasm",
] as const;
const OS_SET = new Set<string>(KNOWN_OS);
const ARCH_SET = new Set<string>(KNOWN_ARCH);

export interface BuildContext {
  /** A fixed GOOS, or undefined: any. */
  goos?: string;
  /** A fixed GOARCH, or undefined: any. */
  goarch?: string;
  /** The custom tags that hold (every other one is false), or undefined: any. */
  tags?: readonly string[];
}

export function isKnownOS(s: string): boolean {
  return OS_SET.has(s);
}

export function isKnownArch(s: string): boolean {
  return ARCH_SET.has(s);
}

/**
 * The constraint a file name carries, as go/build reads it: after the first
 * `_`, a trailing `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` (before `_test`). So
 * `linux.go` has none and `x_linux_amd64_test.go` has both.
 */
export function fileNameConstraint(name: string): { goos?: string; goarch?: string } {
  let base = name.replace(/\.go$/, "");
  const us = base.indexOf("_");
  if (us < 0) return {};
  base = base.slice(us);
  let parts = base.split("_");
  if (parts[parts.length - 1] === "test") parts = parts.slice(0, -1);
  const n = parts.length;
  if (n >= 2 && OS_SET.has(parts[n - 2]!) && ARCH_SET.has(parts[n - 1]!)) return { goos: parts[n - 2]!, goarch: parts[n - 1]! };
  if (n >= 1 && OS_SET.has(parts[n - 1]!)) return { goos: parts[n - 1]! };
  if (n >= 1 && ARCH_SET.has(parts[n - 1]!)) return { goarch: parts[n - 1]! };
  return {};
}

/** Does tag `name` hold for this GOOS (android counts as linux, illumos as solaris, ios as darwin)? */
function osTag(name: string, goos: string): boolean {
  if (name === goos) return true;
  if (name === "linux" && goos === "android") return true;
  if (name === "solaris" && goos === "illumos") return true;
  if (name === "darwin" && goos === "ios") return true;
  return name === "unix" && UNIX_OS.has(goos);
}

function tagsOf(e: ConstraintExpr, out: Set<string>): Set<string> {
  if (e.kind === "tag") out.add(e.name);
  else if (e.kind === "not") tagsOf(e.x, out);
  else {
    tagsOf(e.x, out);
    tagsOf(e.y, out);
  }
  return out;
}

/** Minor version of a `go1.N` tag, or null. */
function releaseMinor(tag: string): number | null {
  const m = /^go1\.(\d+)$/.exec(tag);
  return m ? Number(m[1]) : null;
}

/** Above this many free custom tags in one constraint, enumeration stops and the file is kept. */
const MAX_FREE_TAGS = 10;

/** The Go version a build uses: at least `version` (go.mod), or exactly it (--go-version). */
export interface GoRelease {
  version: string;
  exact: boolean;
}

/**
 * Could some build select this file? `release` null (no go.mod) leaves the
 * release tags free. Exhaustive over the
 * known platforms and the free tags of the constraint, which is small: real
 * constraints name a handful of tags.
 */
export function buildable(fileName: string, constraint: ConstraintExpr | null, release: GoRelease | null, ctx: BuildContext): boolean {
  const byName = fileNameConstraint(fileName);
  if (constraint === null && byName.goos === undefined && byName.goarch === undefined && ctx.goos === undefined && ctx.goarch === undefined) return true;
  const minor = release === null ? null : releaseMinor(`go${release.version.split(".").slice(0, 2).join(".")}`);
  /** Is this release tag decided (true or false) rather than free? */
  const decided = (r: number): boolean => minor !== null && (r <= minor || release!.exact);
  const fixedTags = ctx.tags === undefined ? null : new Set(ctx.tags);
  const free: string[] = [];
  if (constraint !== null) {
    for (const t of tagsOf(constraint, new Set())) {
      if (t === "ignore" || OS_SET.has(t) || ARCH_SET.has(t) || t === "unix") continue;
      const r = releaseMinor(t);
      if (r !== null && decided(r)) continue;
      if (fixedTags !== null && r === null) continue;
      free.push(t);
    }
  }
  if (free.length > MAX_FREE_TAGS) return true;
  const oses = ctx.goos !== undefined ? [ctx.goos] : KNOWN_OS;
  const arches = ctx.goarch !== undefined ? [ctx.goarch] : KNOWN_ARCH;
  for (const goos of oses) {
    if (byName.goos !== undefined && !osTag(byName.goos, goos)) continue;
    for (const goarch of arches) {
      if (byName.goarch !== undefined && byName.goarch !== goarch) continue;
      if (constraint === null) return true;
      for (let mask = 0; mask < 1 << free.length; mask++) {
        const holds = (tag: string): boolean => {
          const i = free.indexOf(tag);
          if (i >= 0) return (mask & (1 << i)) !== 0;
          if (tag === "ignore") return false;
          if (OS_SET.has(tag) || tag === "unix") return osTag(tag, goos);
          if (ARCH_SET.has(tag)) return tag === goarch;
          const r = releaseMinor(tag);
          if (r !== null && minor !== null) return r <= minor;
          // Not reached for release tags that are free (they are in `free`).
          return fixedTags !== null && fixedTags.has(tag);
        };
        if (evaluateConstraint(constraint, holds)) return true;
      }
    }
  }
  return false;
}
