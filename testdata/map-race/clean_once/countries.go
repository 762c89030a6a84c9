// Package cleanonce: the country table is built lazily inside sync.Once.Do and
// only read afterwards. Once.Do orders the writes before every read. Safe.
package cleanonce

import "sync"

var (
	countriesOnce sync.Once
	countries     map[string]string
)

func loadCountries() {
	countries = make(map[string]string)
	countries["FR"] = "France"
	countries["DE"] = "Germany"
	countries["JP"] = "Japan"
}

// CountryName returns the name for an ISO code.
func CountryName(code string) string {
	countriesOnce.Do(loadCountries)
	return countries[code]
}

// Names resolves codes concurrently.
func Names(codes []string) []string {
	names := make([]string, len(codes))
	var wg sync.WaitGroup
	for i, c := range codes {
		wg.Add(1)
		go func(i int, c string) {
			defer wg.Done()
			names[i] = CountryName(c)
		}(i, c)
	}
	wg.Wait()
	return names
}
