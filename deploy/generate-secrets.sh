#!/usr/bin/env bash
# Generates the compose stack's secrets into a git-ignored folder (default deploy/secrets; or $RELEAT_KEYS_DIR, or
# the first argument). Idempotent: a secret that exists is kept, so tokens do not change under running services;
# delete a file and rerun to rotate it (then restart the services that read it).
#
#   tokens/operator, tokens/prometheus, tokens/trader, tokens/signal   one random bearer token per caller
#   redis/signal, redis/trader, redis/feature-builder, redis/operator   one Redis ACL user's password each
#   redis/users.acl   Redis's ACL file: those users with the SHA-256 of their passwords (no password in it) and the
#                     least rights each service needs (src/Releat.SignalBus/Redis/RedisAclRules.cs says why, and a
#                     test checks the two agree); the default user is off. Rewritten on every run from the
#                     passwords and RELEAT_REDIS_AGENTS (the agents the signal service and trader run; default demo)
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

# Redis: one ACL user per service, each reaching only its agents' keys (prefix releat:agent:<id>:), and an operator.
mkdir -p "$dir/redis"
chmod 700 "$dir/redis"
for user in signal trader feature-builder operator; do
  file="$dir/redis/$user"
  if [[ ! -s "$file" ]]; then random_hex >"$file"; made+=("redis/$user"); fi
  readable "$file"
done

sha256_of() { printf '%s' "$(tr -d '\n' <"$1")" | sha256sum | cut -d' ' -f1; }
agents="${RELEAT_REDIS_AGENTS:-demo}"
for agent in $agents; do
  if [[ ! "$agent" =~ ^[A-Za-z0-9_.:-]+$ ]]; then echo "generate-secrets: agent id '$agent' cannot be named in a Redis ACL rule" >&2; exit 1; fi
done
connection='-@all +ping +echo +hello +auth +client|setname +client|getname +client|id +quit +multi +exec +discard'
signal_keys='' trader_keys=''
for agent in $agents; do
  a="releat:agent:$agent:"
  signal_keys+=" ~${a}signals ~${a}latest %R~${a}holding &${a}holding:posted"
  trader_keys+=" ~${a}signals ~${a}holding &${a}holding:posted"
done
acl="$dir/redis/users.acl"
{
  # Off, yet with every right: Redis 7.0 checks the transactions it replays from the append-only file against it.
  echo 'user default reset off ~* &* +@all'
  echo "user signal reset on #$(sha256_of "$dir/redis/signal") $connection +xadd +set +get +subscribe +unsubscribe$signal_keys"
  echo "user trader reset on #$(sha256_of "$dir/redis/trader") $connection +xreadgroup +xack +xgroup|create +xpending +xclaim +set +publish$trader_keys"
  echo "user feature-builder reset on #$(sha256_of "$dir/redis/feature-builder") $connection +get +mget +set +mset +exists +publish ~releat:latest:* ~releat:dataset:* &releat:latest:*"
  echo "user operator reset on #$(sha256_of "$dir/redis/operator") ~* &* +@all"
} >"$acl.new"
if ! cmp -s "$acl.new" "$acl"; then mv "$acl.new" "$acl"; made+=(redis/users.acl); else rm -f "$acl.new"; fi
readable "$acl"

# Earlier versions passed the client secrets as env files; nothing reads them now, so they do not stay around.
for stale in bus.env trader.env signal.env redis.env redis-password; do
  if [[ -f "$dir/$stale" ]]; then rm -f "$dir/$stale"; echo "generate-secrets: removed $stale (client secrets are mounted files now, one Redis user per service)"; fi
done

if [[ ${#made[@]} -gt 0 ]]; then
  echo "generate-secrets: wrote ${made[*]} in $dir"
else
  echo "generate-secrets: all secrets present in $dir"
fi
