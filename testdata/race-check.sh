#!/usr/bin/env bash
# Confirms the race-rule fixtures with Go's own race detector.
#
# For every package of the fixture modules testdata/map-race, testdata/map-range-race
# and testdata/slice-race it runs `go test -race -count=1 ./<pkg>/` and checks:
#   - a package not named clean_* must fail with "WARNING: DATA RACE" or
#     "concurrent map ..." in its output, and carry at least one `// want`;
#   - a clean_* package must pass and carry no `// want`.
# It also runs the bundled examples with `go run -race .`: examples/incident must
# race, examples/incident-fixed must not.
#
# go-hazard itself never needs Go; this script is for fixture authors. Without `go`
# on PATH it says so and exits 0. Exit status 1 means at least one mismatch.
#
# Usage: testdata/race-check.sh [module-or-package-filter]
#   e.g. testdata/race-check.sh slice-race      (one module)
#        testdata/race-check.sh rlock           (packages whose path contains "rlock")
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
filter=${1:-}

if ! command -v go >/dev/null 2>&1; then
  echo "race-check: go is not on PATH; skipping (install Go >= 1.19 to confirm the fixtures with -race)"
  exit 0
fi

# -parallel 4: parallel subtests must overlap even on a one-CPU machine, where the
# default (GOMAXPROCS) would run them one after the other.
go_test_flags=(-race -count=1 -parallel 4)
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 300)

raced() { grep -qE 'WARNING: DATA RACE|fatal error: concurrent map' <<<"$1"; }

rows=()
mismatches=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# check <label> <expect: race|clean> <want-count> <exit-status> <output>
check() {
  local label=$1 expect=$2 wants=$3 status=$4 out=$5 got verdict=ok note=""
  if raced "$out"; then
    got=race
  elif [ "$status" -eq 0 ]; then
    got=clean
  else
    got="fail (no race)"
  fi
  if [ "$got" != "$expect" ]; then
    verdict=MISMATCH
  fi
  if [ "$wants" != "-" ]; then
    if [ "$expect" = race ] && [ "$wants" -eq 0 ]; then
      verdict=MISMATCH note="no // want"
    elif [ "$expect" = clean ] && [ "$wants" -ne 0 ]; then
      verdict=MISMATCH note="has // want"
    fi
  fi
  if [ "$verdict" != ok ]; then
    mismatches=$((mismatches + 1))
    { echo "=== $label: expected $expect, got $got${note:+, $note}"; echo "$out" | head -40; } >>"$log"
  fi
  rows+=("$(printf '%-48s %-6s %-15s %-5s %s' "$label" "$expect" "$got" "$wants" "$verdict${note:+ ($note)}")")
}

for module in map-race map-range-race slice-race; do
  mdir="$here/$module"
  [ -f "$mdir/go.mod" ] || { echo "race-check: missing $mdir/go.mod" >&2; exit 1; }
  for pdir in "$mdir"/*/; do
    pkg=$(basename "$pdir")
    ls "$pdir"*.go >/dev/null 2>&1 || continue
    label="$module/$pkg"
    [ -n "$filter" ] && [[ "$label" != *"$filter"* ]] && continue
    expect=race
    [[ "$pkg" == clean_* ]] && expect=clean
    wants=$(cat "$pdir"*.go | grep -cE '//[[:space:]]*want[[:space:]]')
    out=$(cd "$mdir" && ${limit[@]+"${limit[@]}"} go test "${go_test_flags[@]}" "./$pkg/" 2>&1)
    check "$label" "$expect" "$wants" $? "$out"
  done
done

for ex in incident incident-fixed; do
  edir="$root/examples/$ex"
  label="examples/$ex (go run -race)"
  [ -n "$filter" ] && [[ "$label" != *"$filter"* ]] && continue
  [ -f "$edir/go.mod" ] || continue
  expect=race
  [ "$ex" = incident-fixed ] && expect=clean
  out=$(cd "$edir" && ${limit[@]+"${limit[@]}"} go run -race . 2>&1)
  check "$label" "$expect" - $? "$out"
done

printf '%-48s %-6s %-15s %-5s %s\n' PACKAGE EXPECT GOT WANTS VERDICT
printf '%s\n' "${rows[@]}"
echo
if [ "$mismatches" -gt 0 ]; then
  echo "race-check: $mismatches mismatch(es):"
  cat "$log"
  exit 1
fi
echo "race-check: all ${#rows[@]} packages behave as named ($(go version | awk '{print $3}'))"
