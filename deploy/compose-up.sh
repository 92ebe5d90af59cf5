#!/usr/bin/env bash
# Starts the compose stack: secrets generated when missing (deploy/secrets, git-ignored), the TensorBoard/checkpoint
# folder created for the containers' user, then docker-compose up. Extra arguments go to docker-compose, e.g.
#   deploy/compose-up.sh                                  paper trading on the simulated broker
#   deploy/compose-up.sh -f docker-compose.mt5.yml        MT5 mode (the compose file list is completed for you)
# On this podman machine run ../shared/tools/local-images.sh and deploy/local-prometheus-image.sh first (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/deploy/generate-secrets.sh"
runs="${RELEAT_RUNS_DIR:-$root/data/agents}"
mkdir -p "$runs"
# The services run as uid 1654 (the images' "app" user) and write checkpoints and TensorBoard files here.
chown 1654:1654 "$runs" 2>/dev/null || echo "compose-up: cannot chown $runs to uid 1654; make it writable for that uid" >&2

files=(-f docker-compose.yml)
if [[ "${1:-}" == "-f" ]]; then files+=(-f "$2"); shift 2; fi
docker-compose "${files[@]}" up -d --build "$@"
docker-compose "${files[@]}" ps
