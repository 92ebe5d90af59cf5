#!/usr/bin/env bash
# Rewrites deploy/grafana/metrics.txt from a running stack: every metric family (name and type) the five services
# serve on /metrics, read with the operator's token. The dashboard test checks each query against this list and
# the list against the instrument names in the code.
#   deploy/grafana/update-metric-list.sh [TOKEN_FILE]     (default deploy/secrets/tokens/operator; ports 6081-6085 on 127.0.0.1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
token_file="${1:-$root/deploy/secrets/tokens/operator}"
out="$root/deploy/grafana/metrics.txt"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for port in 6081 6082 6083 6084 6085; do
  curl -sf --max-time 5 -H "Authorization: Bearer $(cat "$token_file")" "http://127.0.0.1:$port/metrics" \
    | awk '$1 == "#" && $2 == "TYPE" { print $3, $4 }' >>"$tmp" || echo "update-metric-list: port $port did not answer" >&2
done
{
  echo "# Metric families the releat services export (name type), from a running stack by update-metric-list.sh."
  echo "# Runtime, ASP.NET Core and resource families (dotnet_*, http_*, target_info) are left out: the dashboard does not chart them."
  grep -v -E '^(dotnet|process|system|http|kestrel|aspnetcore)_|^target_info ' "$tmp" | sort -u
} >"$out"
echo "update-metric-list: $(grep -vc '^#' "$out") families in $out"
