package cleanlockloopbreak

import "testing"

func TestFill(t *testing.T) { Fill(5000) }
