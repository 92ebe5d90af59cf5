#!/usr/bin/env bash
# Runs the tests tagged [Trait("Category", "Slow")], which ./test.sh leaves out of CI: long training runs that check
# a learning result at full size (PPO on CartPole over three seeds at 500k steps, the trading agent against the
# momentum baseline at 600k steps). Expect tens of minutes on 2 cores. Arguments go to dotnet test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-prerequisites.sh
dotnet test releat.slnx -c Release --nologo --filter "Category=Slow" --logger "console;verbosity=normal" "$@"
