#!/usr/bin/env bash
# The go-hazard Action's run step (action.yml). Kept in a file, not inline in
# action.yml, so that test/action.test.ts can run it with a fake
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
#
# Inputs come through the environment (never spliced into the script text):
#   GH_PATTERNS GH_FORMAT GH_OUTPUT GH_CATEGORY GH_VERSION GH_FAIL GH_ACTION_PATH
# Outputs: output, exit-code, result (clean | findings | error).
#
# go-hazard's exit codes are 0 clean, 1 findings, 2 usage or internal error.
# Only 1 may be let through (fail-on-findings false); anything else, a failed
# install, or a report file that was not written fails the step, loudly.
set -uo pipefail

fail() {
  echo "::error title=go-hazard::$1"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '### go-hazard failed\n\n%s\n' "$1" >> "$GITHUB_STEP_SUMMARY"; fi
  exit 2
}

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi
}

format="${GH_FORMAT:-sarif}"
out="${GH_OUTPUT:-}"
if [ -z "$out" ] && [ "$format" = "sarif" ]; then out="go-hazard.sarif"; fi
set_output output "$out"

read -r -a patterns <<< "${GH_PATTERNS:-./...}"
if [ "${#patterns[@]}" -eq 0 ]; then patterns=(./...); fi
if [ -n "$out" ]; then spec="$format:$out"; else spec="$format"; fi
args=(lint "${patterns[@]}" --format "$spec")
if [ -n "${GH_CATEGORY:-}" ]; then args+=(--sarif-category "$GH_CATEGORY"); fi

if [ -n "${GH_VERSION:-}" ]; then
  # A version (0.2.0) comes from the registry; anything else (a release
  # tarball URL, a git URL) is handed to npm as it is. Installed into a
  # directory of its own so that an install failure is told apart from
  # go-hazard's own exit codes, which npx would mix up.
  case "$GH_VERSION" in
    [0-9]*) pkg="go-hazard@$GH_VERSION" ;;
    *) pkg="$GH_VERSION" ;;
  esac
  prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/go-hazard-action-$$"
  if ! npm install --no-audit --no-fund --no-save --prefix "$prefix" "$pkg" > "$prefix.log" 2>&1; then
    cat "$prefix.log" >&2
    fail "could not install $pkg (see the log above); go-hazard did not run"
  fi
  cmd=(node "$prefix/node_modules/go-hazard/bin/go-hazard.js")
else
  cmd=(node "$GH_ACTION_PATH/bin/go-hazard.js")
fi
if [ -n "$out" ]; then rm -f -- "$out"; fi

"${cmd[@]}" "${args[@]}"
code=$?
set_output exit-code "$code"

case "$code" in
  0) result=clean ;;
  1) result=findings ;;
  2) set_output result error; fail "go-hazard stopped with a usage or internal error (exit code 2); see its messages above" ;;
  *) set_output result error; fail "go-hazard ended abnormally (exit code $code)" ;;
esac
set_output result "$result"

if [ -n "$out" ] && [ ! -s "$out" ]; then
  fail "go-hazard exited with $code but wrote no report to $out"
fi

if [ "$result" = "findings" ]; then
  if [ "${GH_FAIL:-false}" = "true" ]; then
    echo "::error title=go-hazard::go-hazard reported findings, and fail-on-findings is true"
    exit 1
  fi
  echo "go-hazard reported findings (exit code 1); fail-on-findings is false, so the step succeeds${out:+ and $out is ready for upload}."
fi
exit 0
