/**
 * slice-race: goroutines appending to one slice; a mutex around the append,
 * or a slot per goroutine, is fine.
 */
import { sliceRace } from "../../rules/slice-race.js";
import { ruleTester } from "../harness/rule-tester.js";

const collect = (body: string) => `package p

import "sync"

func Collect(items []int) []int {
	var mu sync.Mutex
	var out []int
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
${body}
		}()
	}
	wg.Wait()
	_ = &mu
	return out
}
`;

ruleTester(sliceRace, {
  valid: [
    { name: "the append holds the mutex", code: collect("\t\t\tmu.Lock()\n\t\t\tout = append(out, it)\n\t\t\tmu.Unlock()") },
    {
      name: "each goroutine writes its own index",
      code: `package p

import "sync"

func Square(items []int) []int {
	out := make([]int, len(items))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func(i, it int) {
			defer wg.Done()
			out[i] = it * it
		}(i, it)
	}
	wg.Wait()
	return out
}
`,
    },
  ],
  invalid: [{ name: "goroutines append without a lock", code: collect("\t\t\tout = append(out, it)"), errors: [{ line: 13, messageId: "race", message: /^Slice out is appended to here while another goroutine appends to it/ }] }],
});
