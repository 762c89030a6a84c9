package cleanchannelmerge

import "testing"

func TestTotals(t *testing.T) {
	warehouses := make([][]string, 20)
	for i := range warehouses {
		warehouses[i] = []string{"apple", "pear", "plum"}
	}
	if got := Totals(warehouses)["pear"]; got != 20 {
		t.Fatalf("pear = %d, want 20", got)
	}
}
