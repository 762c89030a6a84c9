/**
 * Every rule is a product, not just code: it maps to the checklist, has a page
 * in docs/rules/ (which SARIF's help is generated from), fixtures, and is in
 * the README's rule table.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { rules } from "../rules/index.js";
import { toRuleInfo } from "../src/eslint/rule.js";
import { checklistItem } from "../src/report/checklist.js";
import { ruleHelpMarkdown } from "../src/report/rule-help.js";
import { PARSE_ERROR_RULE } from "../src/report/rule-info.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");

const all = [...Object.entries(rules).map(([id, r]) => toRuleInfo(id, r)), PARSE_ERROR_RULE];

for (const info of all) {
  test(`rule ${info.id}: checklist, CWE, docs, README`, () => {
    assert.ok(info.checklist.length > 0, "maps to at least one checklist item");
    for (const id of info.checklist) assert.ok(checklistItem(id), `${id} is a checklist item`);
    assert.ok(info.description.length > 20 && info.description.length <= 1024, "a one-sentence description within GitHub's limit");
    if (info.securitySeverity !== undefined) {
      const n = Number(info.securitySeverity);
      assert.ok(/^\d+(\.\d)?$/.test(info.securitySeverity) && n >= 0.1 && n <= 10, "security-severity is 0.1..10.0");
    }
    const doc = ruleHelpMarkdown(info.id);
    assert.ok(doc, `docs/rules/${info.id}.md exists (SARIF help is generated from it)`);
    for (const id of info.checklist) assert.ok(doc!.includes(id), `docs/rules/${info.id}.md names ${id}`);
    assert.ok(readme.includes(info.id), `README mentions ${info.id}`);
  });
}
