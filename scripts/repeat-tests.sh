#!/usr/bin/env bash
# Flake finder: runs the test suite (or the part a filter selects) N times and prints every test that ever failed,
# with how often. --stress runs two busy loops beside it the whole time, as a busy 2-core CI machine would.
#
#   scripts/repeat-tests.sh [--stress] N [filter]
#   scripts/repeat-tests.sh 5 --stress
#   scripts/repeat-tests.sh 20 "FullyQualifiedName~SignalBus"
#
# The filter is a dotnet test --filter expression; without one, the CI selection (Category!=Slow) runs. Builds once,
# then runs with --no-build. Each run's log and TRX files stay under the printed folder. Exits 1 if any test failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

stress=false
args=()
for a in "$@"; do
  case "$a" in
    --stress) stress=true ;;
    *) args+=("$a") ;;
  esac
done
if [[ ${#args[@]} -lt 1 || ! "${args[0]}" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [--stress] N [filter]" >&2
  exit 2
fi
runs="${args[0]}"
filter="${args[1]:-Category!=Slow}"

out="$(mktemp -d "${TMPDIR:-/tmp}/releat-repeat.XXXXXX")"
hogs=()
cleanup() {
  for pid in "${hogs[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

scripts/install-prerequisites.sh
# The container engine and images, as CI sets them up.
source scripts/container-engine.sh
releat_container_engine
dotnet build releat.slnx -c Release --nologo -v q >"$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; exit 1; }

if $stress; then
  for _ in 1 2; do
    ( while :; do :; done ) &
    hogs+=("$!")
  done
  echo "stress: two busy loops running (pids ${hogs[*]})"
fi

echo "$runs runs of: dotnet test --filter \"$filter\"; logs in $out"
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s)
  status=0
  dotnet test releat.slnx -c Release --no-build --nologo --filter "$filter" --blame-hang-timeout 20m --blame-hang-dump-type none \
    --logger "trx;LogFilePrefix=run$i" --results-directory "$out/run$i" >"$out/run$i.log" 2>&1 || status=$?
  # VSTest prints one summary line per test assembly; sum them.
  summary=$(grep -E '^(Passed|Failed)! +- Failed: ' "$out/run$i.log" | sed -E \
    's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
    awk '{p+=$1; f+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
  # Failed test names from the TRX files (outcome="Failed"), one per line.
  grep -ho 'testName="[^"]*"[^>]*outcome="Failed"' "$out/run$i"/*.trx 2>/dev/null |
    sed -E 's/testName="([^"]*)".*/\1/' >"$out/run$i.failed" || true
  if [[ $status -ne 0 && ! -s "$out/run$i.failed" ]]; then
    echo "run $i: dotnet test exited $status without a failed test (crash or hang?): see $out/run$i.log" | tee -a "$out/run$i.failed"
  fi
  echo "run $i: $summary in $(( $(date +%s) - start )) s"
done

echo
if cat "$out"/run*.failed 2>/dev/null | grep -q .; then
  echo "tests that failed at least once (times, name):"
  cat "$out"/run*.failed | sort | uniq -c | sort -rn
  exit 1
fi
echo "no test failed in $runs runs"
