#!/usr/bin/env bash
# The refactoring safety net: lint (and facts) JSON of the Go standard library
# and of Debian's Go library sources, written to OUT_DIR, so that two builds can
# be compared byte for byte (`cmp -s a/std.lint.json b/std.lint.json`).
#   bench/safety-net.sh OUT_DIR [--facts]
# Needs `go` (for GOROOT) and /usr/share/gocode/src (docs/precision.md lists
# the -dev packages). Nothing is built or run from those trees.
set -euo pipefail
out=${1:?usage: bench/safety-net.sh OUT_DIR [--facts]}
facts=${2:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$out"
std=$(go env GOROOT)/src
gocode=/usr/share/gocode/src
for corpus in std gocode; do
  dir=$std; [ "$corpus" = gocode ] && dir=$gocode
  start=$(date +%s.%N)
  node "$here/bin/go-hazard.js" lint ./... --cwd "$dir" --format json --no-cache -q --output "$out/$corpus.lint.json" || [ $? -eq 1 ]
  end=$(date +%s.%N)
  printf '%s lint: %.1f s, %s findings\n' "$corpus" "$(echo "$end - $start" | bc)" "$(node -e 'console.log(require(process.argv[1]).findings.length)' "$out/$corpus.lint.json")"
  if [ "$facts" = --facts ]; then
    node "$here/bin/go-hazard.js" facts ./... --cwd "$dir" > "$out/$corpus.facts.json" 2>/dev/null || true
    printf '%s facts: %s bytes\n' "$corpus" "$(wc -c < "$out/$corpus.facts.json")"
  fi
done
