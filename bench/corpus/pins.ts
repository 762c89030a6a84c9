/**
 * The pinned corpus (docs/precision/corpus.json): which repositories, at
 * which commit. Both scripts read the pins from here so a re-pin is one edit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./lint.js";

export const PRECISION_DIR = path.join(REPO_ROOT, "docs", "precision");

export interface Pin {
  repo: string;
  commit: string;
  kind: string;
  description: string;
}

export function readPins(file = path.join(PRECISION_DIR, "corpus.json")): Pin[] {
  const pins = (JSON.parse(fs.readFileSync(file, "utf8")) as { repos: Pin[] }).repos;
  for (const p of pins) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(p.repo) || !/^[0-9a-f]{40}$/.test(p.commit)) throw new Error(`${file}: bad pin ${JSON.stringify(p)}`);
  }
  return pins;
}

/** `--repo` accepts owner/name, name, or the mirror's owner+name. */
export function pinMatches(pin: Pin, name: string): boolean {
  return pin.repo === name || pin.repo.split("/")[1] === name || pin.repo.replace("/", "+") === name;
}
