// Package cleaninternalkeys: the keys are ones the code itself stored a
// moment earlier, so the lookups cannot miss; nothing comes from a caller.
package cleaninternalkeys

// Node is a graph node.
type Node struct {
	Name  string
	Edges []string
	depth int
}

// Depths computes the depth of every node reachable from the roots.
func Depths(nodes []Node, roots []string) map[string]int {
	byName := make(map[string]*Node, len(nodes))
	order := make([]string, 0, len(nodes))
	for i := range nodes {
		byName[nodes[i].Name] = &nodes[i]
		order = append(order, nodes[i].Name)
	}
	out := make(map[string]int)
	for _, name := range order {
		n := byName[name]
		out[name] = n.depth
	}
	return out
}
