// Package localgroup groups files by owner into a map declared with var and
// never made.
package localgroup

// File is a file and its owner.
type File struct {
	Name, Owner string
}

// GroupByOwner returns the names of files per owner.
func GroupByOwner(files []File) map[string][]string {
	var byOwner map[string][]string
	for _, f := range files {
		if f.Owner == "" {
			continue
		}
		byOwner[f.Owner] = append(byOwner[f.Owner], f.Name) // want "Write to nil map byOwner panics"
	}
	return byOwner
}
