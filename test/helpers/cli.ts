/**
 * Shared by the end-to-end tests of everyday use: temp trees, the built CLI
 * spawned like a user would, and Go sources with and without a race.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const bin = path.join(repoRoot, "bin", "go-hazard.js");

const roots: string[] = [];

/** Removes every temp tree made so far (call from `after`). */
export function cleanupTemp(): void {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
}

export function tempDir(prefix = "go-hazard-e2e-"): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  roots.push(root);
  return root;
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const abs = path.join(root, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export function tempTree(files: Record<string, string>): string {
  const root = tempDir();
  writeTree(root, files);
  return root;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `go-hazard args...`. The cache goes to a per-call temp directory
 * unless the caller passes its own `--cache-dir` or `--no-cache`.
 */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["FORCE_COLOR", "NO_COLOR", "GITHUB_STEP_SUMMARY", "GO_HAZARD_DEBUG_STATS", "XDG_CACHE_HOME"]) delete env[k];
  env.XDG_CACHE_HOME = path.join(tempDir("go-hazard-xdg-"), "cache");
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export function hasGit(): boolean {
  return spawnSync("git", ["--version"]).status === 0;
}

export interface JsonFindingLike {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  fingerprint: string;
  function?: string;
}

export interface JsonReportLike {
  findings: JsonFindingLike[];
  notifications: { level: string; kind: string; message: string; file?: string; line?: number }[];
}

export function json(r: Run): JsonReportLike {
  try {
    return JSON.parse(r.stdout) as JsonReportLike;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

export const GO_MOD = "module example.com/app\n\ngo 1.22\n";

/** Goroutines started in a loop write one map: `fatal error: concurrent map writes`. */
export function racy(pkg = "app", fn = "Index"): string {
  return `package ${pkg}

import "sync"

func ${fn}(ids []int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[id] = id * 2
		}()
	}
	wg.Wait()
	return m
}
`;
}

/** The same, with a mutex: clean. */
export function clean(pkg = "app", fn = "Index"): string {
  return `package ${pkg}

import "sync"

func ${fn}(ids []int) map[int]int {
	m := make(map[int]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			m[id] = id * 2
			mu.Unlock()
		}()
	}
	wg.Wait()
	return m
}
`;
}
