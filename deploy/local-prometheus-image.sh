#!/usr/bin/env bash
# Makes a local stand-in for prom/prometheus:v2.42.0 where no registry is reachable (see ../shared/CONTAINERS.md):
# Debian's prometheus 2.42 on the releat-base image that ../shared/tools/local-images.sh creates, laid out like the
# official image (binary as entrypoint, /etc/prometheus, data in /prometheus, user nobody). Run as root, after
# local-images.sh. Skips an existing image unless --rebuild is given.
set -euo pipefail

image="${PROMETHEUS_IMAGE:-docker.io/prom/prometheus:v2.42.0}"
base="${RELEAT_BASE_IMAGE:-localhost/releat-base:bookworm}"
[[ "$(id -u)" -eq 0 ]] || { echo "local-prometheus-image: run as root (rootful podman)" >&2; exit 1; }
if [[ "${1:-}" != "--rebuild" ]] && podman image exists "$image"; then
  echo "local-prometheus-image: exists: $image"
  exit 0
fi
podman image exists "$base" || { echo "local-prometheus-image: $base is missing; run ../shared/tools/local-images.sh first" >&2; exit 1; }

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cat >"$context/Containerfile" <<EOF
FROM $base
LABEL org.releat.local-image=true
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus \\
 && apt-get clean && rm -rf /var/lib/apt/lists/* \\
 && mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
VOLUME /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
EOF
echo "local-prometheus-image: building $image from $base (Debian prometheus)"
podman build --pull=never --network host -t "$image" "$context" >/tmp/local-prometheus-image.log 2>&1 \
  || { tail -20 /tmp/local-prometheus-image.log >&2; exit 1; }
echo "local-prometheus-image: built $image"
