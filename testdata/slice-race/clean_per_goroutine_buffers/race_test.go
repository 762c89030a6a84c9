package cleanpergoroutinebuffers

import "testing"

func TestRenderRows(t *testing.T) {
	rows := make([][]int, 200)
	for i := range rows {
		rows[i] = []int{i, i * 2, i * 3}
	}
	out := RenderRows(rows)
	if string(out[:6]) != "0,0,0\n" {
		t.Fatalf("got %q", out[:6])
	}
}
