// Package cleaninternalsizes allocates from values of unknown origin:
// parameters and results of the package's own functions. The rule only
// speaks when it has seen the input being read.
package cleaninternalsizes

import (
	"encoding/json"
	"os"
)

type config struct {
	Workers int `json:"workers"`
}

// Alloc allocates what its caller asks for; the caller is responsible.
func Alloc(n int) []byte {
	return make([]byte, n)
}

func computeSize(parts int) int {
	return parts * 64
}

// Build sizes a buffer from a computed value.
func Build(parts int) []byte {
	return make([]byte, computeSize(parts))
}

// LoadPool reads the operator's configuration file: not attacker input.
func LoadPool(path string) ([]chan int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg config
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, err
	}
	return make([]chan int, cfg.Workers), nil
}
