// Package writeaftersend: several providers each build a fresh batch per update
// and send it to the manager, which ranges over every batch it receives; but a
// provider clears its batch after the send, while the manager may be reading
// it. The receive is ordered after the send, not after what follows it.
package writeaftersend

// Provider sends its updates, one fresh batch each.
func Provider(id int, updates int, out chan<- []string) {
	for u := 0; u < updates; u++ {
		batch := make([]string, 8)
		for i := range batch {
			batch[i] = string(rune('a' + (id+u+i)%26))
		}
		out <- batch
		for i := range batch {
			batch[i] = "" // want slice-race
		}
	}
}

// Collect runs the providers and counts the targets they send.
func Collect(providers, updates int) int {
	ch := make(chan []string)
	for p := 0; p < providers; p++ {
		go Provider(p, updates, ch)
	}
	n := 0
	for i := 0; i < providers*updates; i++ {
		batch := <-ch
		for _, t := range batch {
			n += len(t)
		}
	}
	return n
}
