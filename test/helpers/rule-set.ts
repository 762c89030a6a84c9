/**
 * The standard rule set, loaded once for the tests that run the engine
 * (runLint, analyzeOnePackage): the engine is given its rules, it imports none.
 */
import { loadRuleSet } from "../../src/engine/rule-set.js";
import { STANDARD_RULES_URL } from "../../src/cli/standard-rules.js";

export const standardRules = await loadRuleSet(STANDARD_RULES_URL);
