// Package cleanfieldview points a long-lived helper's field at the scratch
// buffer on every iteration: the field is one slot, always meant to show the
// current contents, so nothing accumulates stale aliases.
package cleanfieldview

import "sort"

type byRank struct {
	ids  []int
	rank []int
}

func (s byRank) Len() int           { return len(s.ids) }
func (s byRank) Less(i, j int) bool { return s.rank[s.ids[i]] < s.rank[s.ids[j]] }
func (s byRank) Swap(i, j int)      { s.ids[i], s.ids[j] = s.ids[j], s.ids[i] }

// SortGroups sorts each group of ids by a rank recomputed per group.
func SortGroups(groups [][]int, n int, rankOf func(group, id int) int) {
	rank := make([]int, n)
	var sorter byRank
	for g, ids := range groups {
		for _, id := range ids {
			rank[id] = rankOf(g, id)
		}
		sorter.ids = ids
		sorter.rank = rank
		sort.Sort(sorter)
	}
}
