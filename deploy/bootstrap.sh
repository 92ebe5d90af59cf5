#!/usr/bin/env bash
# First-start job of the compose stack (the CLI image runs it): when the data volume holds no trained demo agent yet,
# generate the demo's synthetic ticks and train it, so the signal service has a checkpoint to trade with.
# Idempotent: a marker file records each finished stage, and an interrupted training resumes from its checkpoint.
#
# Environment: RELEAT_HOME (/data), BOOTSTRAP_AGENT (demo), BOOTSTRAP_STEPS (training steps), BOOTSTRAP_SEED (1),
#              BOOTSTRAP_TICKS_FROM / BOOTSTRAP_TICKS_TO (the agent's data range plus one day of lookback before it).
set -euo pipefail

home="${RELEAT_HOME:-/data}"
agent="${BOOTSTRAP_AGENT:-demo}"
steps="${BOOTSTRAP_STEPS:-200000}"
seed="${BOOTSTRAP_SEED:-1}"
from="${BOOTSTRAP_TICKS_FROM:-2024-01-07}"
to="${BOOTSTRAP_TICKS_TO:-2024-01-27}"
momentum="${BOOTSTRAP_MOMENTUM:-0.05}"
state="$home/bootstrap/$agent"
releat() { dotnet /app/releat.dll "$@"; }
say() { printf '[bootstrap] %s\n' "$*"; }

mkdir -p "$state"
if [[ -f "$state/trained" ]]; then
  say "agent '$agent' already trained ($(cat "$state/trained")); nothing to do"
  exit 0
fi

if [[ ! -f "$state/ticks" ]]; then
  say "generating EURUSD ticks $from..$to (seed $seed, momentum $momentum) into $home"
  releat generate-ticks --symbol EURUSD --from "$from" --to "$to" --seed "$seed" --momentum "$momentum"
  date -u +%FT%TZ >"$state/ticks"
fi

say "training '$agent' for $steps steps (resumes its latest checkpoint if an earlier start was cut short)"
releat train "$agent" --steps "$steps" --seed "$seed"
date -u +"%FT%TZ $steps steps" >"$state/trained"
say "done: checkpoints under $home/agents/$agent/runs/main/checkpoints"
