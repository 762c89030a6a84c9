// Package cleanconfinement: the registry's map is owned by the loop goroutine.
// Clients never touch it; Set and Get send commands over a channel and the
// owner answers on a reply channel. Safe.
package cleanconfinement

type command struct {
	key, value string
	set        bool
	reply      chan string
}

// Registry is a key/value registry confined to one goroutine.
type Registry struct {
	cmds  chan command
	items map[string]string
}

// NewRegistry starts the owner goroutine.
func NewRegistry() *Registry {
	r := &Registry{cmds: make(chan command)}
	go r.loop()
	return r
}

func (r *Registry) loop() {
	r.items = make(map[string]string)
	for c := range r.cmds {
		if c.set {
			r.items[c.key] = c.value
		}
		c.reply <- r.items[c.key]
	}
}

// Set stores value under key.
func (r *Registry) Set(key, value string) {
	reply := make(chan string)
	r.cmds <- command{key: key, value: value, set: true, reply: reply}
	<-reply
}

// Get returns the value stored under key.
func (r *Registry) Get(key string) string {
	reply := make(chan string)
	r.cmds <- command{key: key, reply: reply}
	return <-reply
}

// Close stops the owner goroutine.
func (r *Registry) Close() { close(r.cmds) }
