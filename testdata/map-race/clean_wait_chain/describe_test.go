package cleanwaitchain

import "testing"

func TestRefresh(t *testing.T) {
	for i := 0; i < 50; i++ {
		Refresh(64)
	}
}
