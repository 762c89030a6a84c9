package joinedincallee

import "testing"

func TestAcquire(t *testing.T) {
	if len(Acquire()) != 16 {
		t.Fatal("no grants")
	}
}
