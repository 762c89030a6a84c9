// Package nestedloops uses the variables of two nested loops in a goroutine.
package nestedloops

import "sync"

// Fill computes every cell of an n×m matrix concurrently.
func Fill(n, m int, cell func(int, int) float64) [][]float64 {
	out := make([][]float64, n)
	var wg sync.WaitGroup
	for r := 0; r < n; r++ {
		out[r] = make([]float64, m)
		for c := 0; c < m; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[r][c] = cell(r, c) // want "loop variable r" "loop variable c"
			}()
		}
	}
	wg.Wait()
	return out
}
