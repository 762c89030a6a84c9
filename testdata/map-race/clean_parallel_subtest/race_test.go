package cleanparallelsubtest

import "testing"

// TestRenderAll: the parallel subtests only read the expected map, filled
// before t.Run; each subtest writes a map of its own. Safe.
func TestRenderAll(t *testing.T) {
	expected := map[string]string{
		"home":  "<h1>HOME</h1>",
		"about": "<h1>ABOUT</h1>",
		"login": "<h1>LOGIN</h1>",
	}
	for _, name := range []string{"home", "about", "login"} {
		name := name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rendered := map[string]string{}
			for i := 0; i < 500; i++ {
				rendered[name] = Render(name)
			}
			if rendered[name] != expected[name] {
				t.Errorf("Render(%q) = %q", name, rendered[name])
			}
		})
	}
}
