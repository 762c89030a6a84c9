// Package cleanunsafeprefix: an exported Unsafe... method touches the members map
// bare, by the convention that its callers hold the lock (etcd's
// UnsafeRange, UnsafeLoad); every other access holds it.
package cleanunsafeprefix

import "sync"

// Cluster tracks its members.
type Cluster struct {
	mu      sync.Mutex
	members map[string]string
	removed map[string]bool
}

// UnsafeLoad adds the given members (Unsafe: by the convention of the name, not this comment).
func (c *Cluster) UnsafeLoad(members map[string]string) {
	for id, addr := range members {
		c.members[id] = addr
	}
}

// NewCluster returns a cluster with no members.
func NewCluster() *Cluster {
	return &Cluster{members: map[string]string{}, removed: map[string]bool{}}
}

// Recover loads the members under the lock.
func (c *Cluster) Recover(members map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.UnsafeLoad(members)
}

// Add adds a member.
func (c *Cluster) Add(id, addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.members[id] = addr
}

// Remove removes a member.
func (c *Cluster) Remove(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.members, id)
	c.removed[id] = true
}

// Member returns a member's address.
func (c *Cluster) Member(id string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.members[id]
}

// Watch reports the member count every tick, on a goroutine of its own.
func (c *Cluster) Watch(ticks <-chan struct{}, out chan<- int) {
	go func() {
		for range ticks {
			c.mu.Lock()
			out <- len(c.members)
			c.mu.Unlock()
		}
	}()
}
