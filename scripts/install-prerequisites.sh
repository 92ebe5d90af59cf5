#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing: real servers and independent peers
# (redis-server, Python's grpcio client, protoc, promtool, numpy and scipy as references), and the deployment checks' tools (docker-compose to
# validate the compose file, kubectl's kustomize, the offline Kubernetes schema under deploy/k8s/validate), and
# Node's @grpc/grpc-js for the gRPC interop tests (tests/Releat.Grpc.Tests/Interop/node).
# Pass --bench to also get the reference implementations the benchmarks compare with (PyTorch, pandas).
set -euo pipefail

packages=(redis-server python3-grpcio python3-protobuf python3-numpy python3-scipy protobuf-compiler prometheus docker-compose)
# kubectl ships with the machine image; Debian's older kubernetes-client stands in where it does not.
command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-pandas)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

install_node_packages() {
  # The Kubernetes schema check's node packages (kubernetes-models, yaml), pinned by deploy/k8s/validate/package-lock.json.
  validate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/k8s/validate"
  if [[ -f "$validate/package-lock.json" && ! -d "$validate/node_modules/kubernetes-models" ]] && command -v npm >/dev/null 2>&1; then
    echo "Installing the Kubernetes schema check's node packages in $validate" >&2
    (cd "$validate" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  # The gRPC interop tests' second independent client (@grpc/grpc-js), pinned by its package-lock.json.
  interop="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/Releat.Grpc.Tests/Interop/node"
  if [[ -f "$interop/package-lock.json" && ! -d "$interop/node_modules/@grpc/grpc-js" ]] && command -v npm >/dev/null 2>&1; then
    echo "Installing the gRPC interop client's node packages in $interop" >&2
    (cd "$interop" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

if [[ ${#missing[@]} -eq 0 ]]; then
  install_node_packages
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to get: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_node_packages
