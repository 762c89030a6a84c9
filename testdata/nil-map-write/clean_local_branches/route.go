// Package cleanlocalbranches: the local map is made on every branch before
// the write.
package cleanlocalbranches

// Params returns route parameters, reusing into when it is given.
func Params(into map[string]string, names, values []string) map[string]string {
	var params map[string]string
	if into != nil {
		params = into
	} else {
		params = make(map[string]string, len(names))
	}
	for i, n := range names {
		params[n] = values[i]
	}
	return params
}
