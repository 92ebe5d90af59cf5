#!/usr/bin/env bash
# Runs every test of the solution but those tagged [Trait("Category", "Slow")] (long training runs: scripts/slow-tests.sh
# runs them). Installs what a fresh machine lacks first, then builds and tests in Release. Arguments go to dotnet test;
# a --filter given there replaces the default one. Prints a closing line "N passed, N failed, N skipped" summed over
# every test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

scripts/install-prerequisites.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
filter=(--filter "Category!=Slow")
for a in "$@"; do
  [[ "$a" == --filter || "$a" == --filter=* ]] && filter=()
done
# A test that hangs is killed after 20 minutes and named in the output (no dump), instead of hanging the run.
dotnet test releat.slnx -c Release --nologo --blame-hang-timeout 20m --blame-hang-dump-type none "${filter[@]}" "$@" 2>&1 | tee "$log" || status=$?

# VSTest prints one summary per test assembly, e.g. "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" | sed -E \
  's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
