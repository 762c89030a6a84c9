package cleanrwmutex

import (
	"strconv"
	"testing"
)

func TestWarmUp(t *testing.T) {
	keys := make([]string, 500)
	for i := range keys {
		keys[i] = "Key" + strconv.Itoa(i%50)
	}
	NewCache().WarmUp(keys)
}
