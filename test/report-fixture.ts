/** A hand-built run for the report formatter tests: Go sources in a temp dir, a few findings, rules and a notification. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Finding } from "../src/report/finding.js";
import type { ReportInput } from "../src/report/report-input.js";
import { PARSE_ERROR_RULE, type RuleInfo } from "../src/report/rule-info.js";

export const CACHE_GO = `package cache

import "sync"

type Cache struct {
\tmu    sync.Mutex
\titems map[string][]byte
}

func (c *Cache) Put(k string, v []byte) {
\tgo func() {
\t\tc.items[k] = v
\t}()
}

func (c *Cache) Get(k string) []byte {
\treturn c.items[k]
}
`;

export const WORKER_GO = "package cache\r\n\r\nfunc keep(buf []byte, m map[string][]byte) {\r\n\tm[\"k\"] = buf[1:4]\r\n}\r\n";

export const MAP_RACE: RuleInfo = {
  id: "map-race",
  name: "MapRace",
  description: "A map is written by one goroutine while another goroutine reads or writes it without a common lock.",
  checklist: ["DP-1", "DP-3"],
  cwe: [362, 820],
  category: "concurrency",
  defaultSeverity: "error",
  precision: "high",
  securitySeverity: "8.1",
  recommended: true,
  url: "https://github.com/go-hazard/go-hazard/blob/main/docs/rules/map-race.md",
};

export const BUFFER_ALIAS: RuleInfo = {
  id: "buffer-alias",
  name: "BufferAlias",
  description: "A subslice of a reused buffer is stored, so the stored value changes when the buffer is reused.",
  checklist: ["DP-5"],
  cwe: [416, 664],
  category: "memory-safety",
  defaultSeverity: "warning",
  precision: "medium",
  recommended: true,
  url: "https://github.com/go-hazard/go-hazard/blob/main/docs/rules/buffer-alias.md",
};

export function finding(over: Partial<Finding> & Pick<Finding, "ruleId" | "file" | "line">): Finding {
  return {
    severity: "warning",
    message: "Something happens here.",
    column: 1,
    endLine: over.line,
    endColumn: 2,
    related: [],
    flows: [],
    fingerprint: `${over.ruleId}:${over.file}:${over.line}`,
    ...over,
  };
}

export function makeInput(): ReportInput {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-report-"));
  fs.writeFileSync(path.join(cwd, "cache.go"), CACHE_GO);
  fs.mkdirSync(path.join(cwd, "sub dir"));
  fs.writeFileSync(path.join(cwd, "sub dir", "worker.go"), WORKER_GO);
  const findings: Finding[] = [
    finding({
      ruleId: "map-race",
      severity: "error",
      file: "cache.go",
      line: 12,
      column: 3,
      endLine: 12,
      endColumn: 15,
      message: "Map c.items is written in a goroutine while [Get reads it](1) without the lock.",
      function: "(*Cache).Put",
      object: "c.items",
      fingerprint: "map-race|(*Cache).Put|c.items|write",
      related: [
        { id: 1, file: "cache.go", line: 17, column: 9, endLine: 17, endColumn: 19, message: "the concurrent read" },
        { id: 2, file: "cache.go", line: 7, column: 2, endLine: 7, endColumn: 7, message: "the map field" },
      ],
      flows: [
        {
          thread: "goroutine started at cache.go:11",
          steps: [
            { file: "cache.go", line: 11, column: 2, endLine: 11, endColumn: 4, kind: "spawn", message: "goroutine starts" },
            { file: "cache.go", line: 12, column: 3, endLine: 12, endColumn: 15, kind: "access", message: "write" },
          ],
        },
        {
          thread: "caller of Get",
          steps: [{ file: "cache.go", line: 17, column: 9, endLine: 17, endColumn: 19, kind: "access", message: "read" }],
        },
      ],
    }),
    finding({
      ruleId: "buffer-alias",
      severity: "warning",
      file: "sub dir/worker.go",
      line: 4,
      column: 11,
      endLine: 4,
      endColumn: 19,
      message: "buf[1:4] is stored in map m, but buf is reused by the caller: store bytes.Clone(buf[1:4]).",
      function: "keep",
      fingerprint: "buffer-alias|keep|m|store",
    }),
    finding({
      ruleId: "parse-error",
      severity: "warning",
      file: "broken.go",
      line: 3,
      column: 0, // a bad column must be clamped
      endLine: 3,
      endColumn: 0,
      message: "Syntax error: unexpected '}'.",
      fingerprint: "parse-error|broken.go",
    }),
  ];
  return {
    findings,
    notifications: [
      { level: "warning", kind: "parse-error", message: "broken.go: syntax error, analysed partially", file: "broken.go", line: 3 },
    ],
    rules: [BUFFER_ALIAS, MAP_RACE, PARSE_ERROR_RULE],
    cwd,
    toolVersion: "0.1.0",
    executionSuccessful: true,
    commandLine: "go-hazard lint ./... --format sarif",
  };
}
