#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing: real servers and independent peers
# (redis-server, Python's grpcio client, protoc, promtool). Pass --bench to also get the reference
# implementations the benchmarks compare with (PyTorch, pandas).
set -euo pipefail

packages=(redis-server python3-grpcio python3-protobuf python3-numpy protobuf-compiler prometheus)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-pandas)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to get: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
