// Package cleanhandoffseveralsenders: several providers each build a fresh
// batch per update and send it to the manager, which ranges over every batch it
// receives. A batch is written only before its send, and the receive that takes
// it comes after that send, whoever else sends on the channel. Safe.
package cleanhandoffseveralsenders

// Provider sends its updates, one fresh batch each.
func Provider(id int, updates int, out chan<- []string) {
	for u := 0; u < updates; u++ {
		batch := make([]string, 8)
		for i := range batch {
			batch[i] = string(rune('a' + (id+u+i)%26))
		}
		out <- batch
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
			if t != "" {
				n++
			}
		}
	}
	return n
}
