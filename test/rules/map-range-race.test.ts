/**
 * map-range-race: a range over a map while another goroutine writes it; the
 * report is on the loop, the write is the related access.
 */
import { mapRangeRace } from "../../rules/map-range-race.js";
import { ruleTester } from "../harness/rule-tester.js";

const code = (beforeRange: string) => `package p

import "sync"

func Snapshot() int {
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			m[i] = i
		}
	}()
${beforeRange}	n := 0
	for k := range m {
		n += k
	}
	return n
}
`;

ruleTester(mapRangeRace, {
  valid: [{ name: "the range comes after Wait", code: code("\twg.Wait()\n") }],
  invalid: [{ name: "the range runs while the goroutine writes", code: code(""), errors: [{ line: 16, messageId: "race", message: /^Ranging over map m while another goroutine may write it \(writes at a\.go:12\)/ }] }],
});
