/**
 * map-race, as a reporter of the races analyzer: the analyzer's facts (a
 * conflict on each racy line) and the rule's reports agree.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mapRace } from "../../rules/map-race.js";
import { racesAnalyzer } from "../../src/analysis/races.js";
import { ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const racy = `package p

func Count(keys []string) map[string]int {
	m := map[string]int{}
	for _, k := range keys {
		go func() {
			m[k]++ // fact races:"write m\\[k\\]"
		}()
	}
	return m
}
`;

const locked = `package p

import "sync"

func Count(keys []string) map[string]int {
	var mu sync.Mutex
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			m[k]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return m
}
`;

ruleTester(mapRace, {
  valid: [{ name: "every write under one mutex, read after Wait", code: locked }],
  invalid: [{ name: "goroutines started in a loop write one map", code: racy, errors: [{ line: 7, messageId: "race", message: /^Map m is written here while another goroutine writes it at the same line/ }] }],
});

test("races facts: the conflicting write is a fact on its line", () => {
  assert.deepEqual(unmetFacts(racy, [racesAnalyzer]), []);
  assert.match(unmetFacts(locked.replace("m[k]++", 'm[k]++ // fact races:"write m\\\\[k\\\\]"'), [racesAnalyzer])[0] ?? "", /no races fact matches/, "an access only: no conflict string with write on a locked line? (accesses are facts too)");
});
