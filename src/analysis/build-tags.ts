/**
 * Which files of a package can be in one build. go-hazard analyses every file
 * whatever its GOOS/GOARCH (see src/loader/build-constraints.ts), so a path
 * the analysis finds may run through `signal_plan9.go` and a test that is
 * `//go:build unix`: no binary holds both, and a race along that path can't
 * happen. The race rules drop such pairs.
 *
 * A file's condition is its name (`_linux.go`, `_windows_amd64_test.go`, as
 * go/build reads them) and its `//go:build` line (or `// +build` lines), as the
 * loader parsed them.
 * Files can be built together when some GOOS/GOARCH, and some choice of the
 * other tags (`cgo`, `go1.N`, custom tags), satisfies all of their conditions.
 * Unknown or unparsable conditions count as satisfiable: the finding stays.
 */
import { evaluateConstraint, type ConstraintExpr } from "../loader/build-constraints.js";
import type { PackageIR } from "../ir/types.js";
import { defineAnalyzer } from "./framework.js";

const GOOS = [
  "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd",
  "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
];
const GOARCH = [
  "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le",
  "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
];
const GOOS_SET = new Set(GOOS);
const GOARCH_SET = new Set(GOARCH);
/** GOOS values that satisfy the `unix` tag (go/build's list). */
const UNIX = new Set(["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris"]);
/** GOOS values that also satisfy another GOOS's tag and file names. */
const ALSO: Record<string, string> = { android: "linux", illumos: "solaris", ios: "darwin" };

interface FileCondition {
  /** Tags the file name requires (`windows`, `amd64`). */
  nameTags: string[];
  expr: ConstraintExpr | null;
}

/** `conn_windows_amd64_test.go` → [windows, amd64], as go/build matches file names. */
function nameTags(base: string): string[] {
  let name = base.replace(/\.go$/, "");
  if (name.endsWith("_test")) name = name.slice(0, -"_test".length);
  const parts = name.split("_");
  if (parts.length < 2) return [];
  const last = parts[parts.length - 1]!;
  const prev = parts.length >= 3 ? parts[parts.length - 2]! : null;
  if (prev !== null && GOOS_SET.has(prev) && GOARCH_SET.has(last)) return [prev, last];
  if (GOOS_SET.has(last) || GOARCH_SET.has(last)) return [last];
  return [];
}

function conditions(ir: PackageIR): Map<string, FileCondition> {
  const out = new Map<string, FileCondition>();
  for (const f of ir.files) {
    const base = f.file.relPath.split("/").pop() ?? f.file.relPath;
    out.set(f.file.relPath, { nameTags: nameTags(base), expr: f.file.buildConstraint });
  }
  return out;
}

function freeTags(e: ConstraintExpr | null, out: Set<string>): void {
  if (!e) return;
  if (e.kind === "tag") {
    if (!GOOS_SET.has(e.name) && !GOARCH_SET.has(e.name) && e.name !== "unix") out.add(e.name);
  } else if (e.kind === "not") freeTags(e.x, out);
  else {
    freeTags(e.x, out);
    freeTags(e.y, out);
  }
}

/** Most free tags enumerated; with more, the files count as buildable together. */
const MAX_FREE = 8;

/** Answers "can these files of the package be in one build?", remembering each answer. */
export interface BuildTags {
  /** True when the files carry no conditions, or when any is unknown. */
  buildableTogether(files: Iterable<string>): boolean;
}

export const buildTagsAnalyzer = defineAnalyzer<BuildTags>({
  name: "buildtags",
  doc: `Which files of the package can be part of one build.

go-hazard analyses every file whatever its GOOS/GOARCH, so a path may run
through x_plan9.go and a //go:build unix test: no binary holds both. A file's
condition is its name (_linux.go, _windows_amd64_test.go) and its //go:build
(or // +build) lines; files can be built together when some GOOS/GOARCH and
some choice of the other tags satisfies all of their conditions.`,
  requires: [],
  run(pass) {
    const all = conditions(pass.ir);
    const answers = new Map<string, boolean>();
    return {
      buildableTogether(files) {
        const conds: FileCondition[] = [];
        for (const f of new Set(files)) {
          const c = all.get(f);
          if (c && (c.nameTags.length || c.expr)) conds.push(c);
        }
        if (conds.length < 2) return true;
        const key = conds.map((c) => `${c.nameTags.join(",")}|${JSON.stringify(c.expr)}`).sort().join(";");
        let answer = answers.get(key);
        if (answer === undefined) answers.set(key, (answer = satisfiable(conds)));
        return answer;
      },
    };
  },
});

function satisfiable(conds: FileCondition[]): boolean {
  const free = new Set<string>();
  for (const c of conds) freeTags(c.expr, free);
  if (free.size > MAX_FREE) return true;
  const freeList = [...free];
  for (const goos of GOOS) {
    for (const goarch of GOARCH) {
      const platform = (name: string): boolean | null => {
        if (name === goos || name === goarch || ALSO[goos] === name) return true;
        if (name === "unix") return UNIX.has(goos);
        if (GOOS_SET.has(name) || GOARCH_SET.has(name)) return false;
        return null;
      };
      if (!conds.every((c) => c.nameTags.every((t) => platform(t) === true))) continue;
      for (let bits = 0; bits < 1 << freeList.length; bits++) {
        const tag = (name: string): boolean => platform(name) ?? ((bits >> freeList.indexOf(name)) & 1) === 1;
        if (conds.every((c) => !c.expr || evaluateConstraint(c.expr, tag))) return true;
      }
    }
  }
  return false;
}
