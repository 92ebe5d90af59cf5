#!/usr/bin/env bash
# Generates the compose stack's secrets into a git-ignored folder (default deploy/secrets; or $RELEAT_KEYS_DIR, or
# the first argument). Idempotent: a secret that exists is kept, so tokens do not change under running services;
# delete a file and rerun to rotate it (then restart the services that read it).
#
#   tokens/operator, tokens/prometheus, tokens/trader, tokens/signal   one random bearer token per caller
#   redis.env      REDIS_PASSWORD (the services' default user), REDIS_ADMIN_USER / _PASSWORD (operator ACL user)
#   redis-password the same REDIS_PASSWORD alone, mounted as a file for the services on the signal bus
#   mt5-bridge-secret   shared secret of the MT5 bridge handshake (MT5 mode only)
# The trader and the signal service present tokens/trader and tokens/signal at the gateway, also as mounted files:
# no client secret travels in an environment variable (which `docker inspect` shows).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-${RELEAT_KEYS_DIR:-$root/deploy/secrets}}"
umask 077
mkdir -p "$dir/tokens"
chmod 700 "$dir" "$dir/tokens"

random_hex() {  # 32 random bytes as 64 hex characters
  if command -v openssl >/dev/null 2>&1; then openssl rand -hex 32; else od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; echo; fi
}

# The containers run as uid 1654 (the image's "app" user); a mounted secret file must be readable by it. The folder
# stays 0700 (root only on the host); inside a container only the bound file is visible.
readable() { chmod 0644 "$1"; }

made=()
for caller in operator prometheus trader signal; do
  file="$dir/tokens/$caller"
  if [[ ! -s "$file" ]]; then random_hex >"$file"; made+=("tokens/$caller"); fi
  readable "$file"
done

if [[ ! -s "$dir/mt5-bridge-secret" ]]; then random_hex >"$dir/mt5-bridge-secret"; made+=(mt5-bridge-secret); fi
readable "$dir/mt5-bridge-secret"

if [[ ! -s "$dir/redis.env" ]]; then
  password="$(random_hex)"
  {
    echo "REDIS_PASSWORD=$password"
    echo "REDISCLI_AUTH=$password"
    echo "REDIS_ADMIN_USER=releat-admin"
    echo "REDIS_ADMIN_PASSWORD=$(random_hex)"
  } >"$dir/redis.env"
  made+=(redis.env)
fi
redis_password="$(sed -n 's/^REDIS_PASSWORD=//p' "$dir/redis.env")"

if [[ ! -f "$dir/redis-password" || "$(cat "$dir/redis-password")" != "$redis_password" ]]; then
  printf '%s\n' "$redis_password" >"$dir/redis-password"
  made+=(redis-password)
fi
readable "$dir/redis-password"

# Earlier versions passed the client secrets as env files; nothing reads them now, so they do not stay around.
for stale in bus.env trader.env signal.env; do
  if [[ -f "$dir/$stale" ]]; then rm -f "$dir/$stale"; echo "generate-secrets: removed $stale (client secrets are mounted files now)"; fi
done

if [[ ${#made[@]} -gt 0 ]]; then
  echo "generate-secrets: wrote ${made[*]} in $dir"
else
  echo "generate-secrets: all secrets present in $dir"
fi
