#!/usr/bin/env bash
# Makes the stack's secrets on first start, where they are missing, for compose or Kubernetes (the CLI image ships
# this script). deploy/generate-secrets.sh does the making: random tokens and Redis passwords only where missing, so
# a later start keeps them; the Redis ACL file rewritten from the passwords (hashes only) and RELEAT_REDIS_AGENTS.
# Prints names only, never a value: its log is kept like any container's.
#
#   first-start-secrets.sh compose
#       compose's one-shot `secrets` service, as root: generates into the volume at /secrets, then gives each reader
#       only the files it needs in its own volume (/out/<reader>, mounted read-only at /run/secrets there), owned by
#       the user that reader runs as, mode 0400; and hands the data folders (/data, /data/agents) to uid 1654 when a
#       fresh volume or a bind-mounted host folder came up owned by root.
#   first-start-secrets.sh kubernetes EXISTING OUT NAMESPACE
#       the init container of deploy/k8s/secrets-job.yaml: EXISTING is the Secret releat-credentials mounted when it
#       exists (optional), OUT a file for `kubectl apply --server-side` that holds its keys plus every missing one.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"

# Each secret's name (a compose file under /run/secrets, a key of the Kubernetes Secret) and its path in the layout
# generate-secrets.sh writes.
declare -A source=(
  [prometheus-token]=tokens/prometheus [operator-token]=tokens/operator [trader-token]=tokens/trader
  [signal-token]=tokens/signal [mt5-bridge-secret]=mt5-bridge-secret [redis-users-acl]=redis/users.acl
  [redis-operator-password]=redis/operator [redis-signal-password]=redis/signal [redis-trader-password]=redis/trader
  [redis-feature-builder-password]=redis/feature-builder
)

app=1654          # the images' "app" user (the five services)
nobody=65534      # prometheus runs as nobody
root=0            # redis: its entrypoint is redis-server itself, as root

# hand READER UID NAME...: /out/READER holds NAME... (copies, replaced only when changed, atomically).
hand() {
  local reader=$1 uid=$2 dir="/out/$1" name changed=()
  shift 2
  [[ -d "$dir" ]] || { echo "first-start-secrets: /out/$reader is not mounted" >&2; exit 1; }
  for name in "$@"; do
    if ! cmp -s "/secrets/${source[$name]}" "$dir/$name"; then
      install -o "$uid" -g "$uid" -m 0400 "/secrets/${source[$name]}" "$dir/.$name.new"
      mv -f "$dir/.$name.new" "$dir/$name"
      changed+=("$name")
    fi
    chown "$uid:$uid" "$dir/$name" && chmod 0400 "$dir/$name"
  done
  chown "$uid:$uid" "$dir" && chmod 0500 "$dir"
  if [[ ${#changed[@]} -gt 0 ]]; then echo "first-start-secrets: $reader: wrote ${changed[*]}"; fi
}

compose() {
  bash "$here/generate-secrets.sh" /secrets
  hand mt5-gateway "$app" prometheus-token operator-token trader-token signal-token mt5-bridge-secret
  hand feature-builder "$app" prometheus-token operator-token
  hand trainer "$app" prometheus-token operator-token
  hand signal "$app" prometheus-token operator-token signal-token redis-signal-password
  hand trader "$app" prometheus-token operator-token trader-token redis-trader-password
  hand redis "$root" redis-users-acl redis-operator-password
  hand prometheus "$nobody" prometheus-token
  local folder
  for folder in /data /data/agents; do
    if [[ -d "$folder" && "$(stat -c %u "$folder")" == 0 ]]; then
      chown "$app:$app" "$folder"
      echo "first-start-secrets: $folder handed to uid $app"
    fi
  done
  echo "first-start-secrets: every reader has its secrets"
}

kubernetes() {
  local existing=$1 out=$2 namespace=$3 name kept=()
  local layout
  layout="$(dirname "$out")/layout"
  for name in "${!source[@]}"; do
    if [[ -s "$existing/$name" ]]; then
      mkdir -p "$layout/$(dirname "${source[$name]}")"
      cp "$existing/$name" "$layout/${source[$name]}"
      kept+=("$name")
    fi
  done
  [[ ${#kept[@]} -eq 0 ]] || echo "first-start-secrets: releat-credentials exists; keeping ${#kept[@]} of its keys"
  bash "$here/generate-secrets.sh" "$layout"
  {
    echo "apiVersion: v1"
    echo "kind: Secret"
    echo "metadata:"
    echo "  name: releat-credentials"
    echo "  namespace: $namespace"
    echo "  labels: { app.kubernetes.io/part-of: releat, app.kubernetes.io/managed-by: releat-secrets }"
    echo "type: Opaque"
    echo "data:"
    for name in $(printf '%s\n' "${!source[@]}" | sort); do
      echo "  $name: $(base64 -w0 <"$layout/${source[$name]}")"
    done
  } >"$out"
  rm -rf "$layout"
  echo "first-start-secrets: $out holds the ${#source[@]} keys of releat-credentials"
}

case "${1:-}" in
  compose) compose ;;
  kubernetes)
    [[ $# -eq 4 ]] || { echo "usage: $0 kubernetes EXISTING OUT NAMESPACE" >&2; exit 2; }
    kubernetes "$2" "$3" "$4" ;;
  *) echo "usage: $0 compose | kubernetes EXISTING OUT NAMESPACE" >&2; exit 2 ;;
esac
