#!/usr/bin/env bash
# A long chaos run of the live path (see tests/Releat.Trader.Core.Tests/LivePathChaosTests.cs): redis-server, the
# gateway, the trader and the signal service killed with SIGKILL at seeded random moments and started again, then
# every decision, signal and order accounted for. The test prints kill counts per process and outcome counts. The
# suite runs the same test with 20 kills.
#   scripts/chaos.sh [kills, default 100] [seed, default 15]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kills="${1:-100}"
seed="${2:-15}"
cd "$root"
dotnet build tests/Releat.Trader.Core.Tests -c Release --nologo -v q
start=$(date +%s)
RELEAT_CHAOS_KILLS="$kills" RELEAT_CHAOS_SEED="$seed" dotnet test tests/Releat.Trader.Core.Tests -c Release --no-build \
  --filter "Category=Chaos" --logger "console;verbosity=detailed"
echo "chaos: $kills kills, seed $seed, wall time $(( $(date +%s) - start )) s"
