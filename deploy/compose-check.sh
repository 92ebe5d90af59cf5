#!/usr/bin/env bash
# End-to-end check of the compose stack on this machine (podman + docker-compose 1.29, see ../shared/CONTAINERS.md):
# images, secrets, up, health, ticks, signals, orders, a crashed service coming back while the rest keeps working,
# and teardown. Prints PASS/FAIL per step and exits non-zero when any step failed. Run as root; takes ~5-15 minutes
# (most of it building images). Uses its own project name, secrets and run folder, and removes them at the end.
#
#   deploy/compose-check.sh [--no-build] [--keep]     --keep leaves the stack up for a look (then: docker-compose -p releat-check down -v)
set -uo pipefail

# Everything runs inside main, which bash reads whole before running: editing this file during a run cannot
# change the run.
main() {

  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$root"
  build=1 keep=0
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=0 ;;
      --keep) keep=1 ;;
      *) echo "usage: $0 [--no-build] [--keep]" >&2; exit 2 ;;
    esac
  done
  [[ "$(id -u)" -eq 0 ]] || { echo "compose-check: run as root (rootful podman)" >&2; exit 2; }

  export DOCKER_HOST="${DOCKER_HOST:-unix:///run/podman/podman.sock}"
  export COMPOSE_PROJECT_NAME=releat-check
  work="$(mktemp -d /tmp/releat-compose-check.XXXXXX)"
  export RELEAT_KEYS_DIR="$work/secrets" RELEAT_RUNS_DIR="$work/runs"
  # Build and run from a snapshot of the tree taken now: other work may edit the checkout meanwhile, and a source
  # change between two image builds would cost the shared build stage's cache (and mix two versions in one stack).
  tree="$work/tree"
  mkdir -p "$tree"
  tar -C "$root" --exclude='*/bin' --exclude='*/obj' --exclude='*/node_modules' --exclude='deploy/secrets' -cf - \
    Dockerfile .dockerignore docker-compose.yml docker-compose.mt5.yml global.json Directory.Build.props \
    Directory.Packages.props protos agents src services deploy | tar -C "$tree" -xf -
  compose() { docker-compose -f "$tree/docker-compose.yml" "$@"; }
  container() { echo "${COMPOSE_PROJECT_NAME}_$1_1"; }

  failures=0 t0=$SECONDS
  pass() { printf '[%4ss] PASS  %s\n' "$((SECONDS - t0))" "$*"; }
  fail() { printf '[%4ss] FAIL  %s\n' "$((SECONDS - t0))" "$*"; failures=$((failures + 1)); }
  note() { printf '[%4ss]       %s\n' "$((SECONDS - t0))" "$*"; }

  teardown() {
    if [[ $keep -eq 1 ]]; then
      note "--keep: stack left up (project $COMPOSE_PROJECT_NAME, secrets in $work)"
      return
    fi
    if compose down -v --remove-orphans >"$work/down.log" 2>&1; then pass "docker-compose down -v"; else fail "docker-compose down -v (see $work/down.log)"; cat "$work/down.log"; fi
    rm -rf "$work"
  }

  # metric SERVICE-PORT NAME: the sum of every sample of NAME (a counter's _total, a gauge) from /metrics, read with
  # the operator's token (read role); empty when the endpoint does not answer.
  metric() {
    curl -sf --max-time 5 -H "Authorization: Bearer $(cat "$RELEAT_KEYS_DIR/tokens/operator")" "http://127.0.0.1:$1/metrics" \
      | awk -v name="$2" '$1 == name || index($1, name "{") == 1 { sum += $NF; seen = 1 } END { if (seen) printf "%.0f\n", sum }'
  }
  # signals AGENT: length of the agent's signal stream, asked inside the redis container as the operator ACL user
  # (its password read from the mounted secret there, never on a command line).
  signals() {
    compose exec -T redis sh -c 'REDISCLI_AUTH="$(cat /run/secrets/redis-operator-password)" redis-cli --user operator XLEN "$0"' \
      "releat:agent:$1:signals" 2>/dev/null | tr -dc '0-9'
  }
  # as_user USER COMMAND...: a Redis command as one of the services' ACL users, inside the redis container.
  as_user() {
    compose exec -T redis sh -c 'REDISCLI_AUTH="$(cat)" redis-cli --user "$0" "$@"' "$@" <"$RELEAT_KEYS_DIR/redis/$1" 2>&1
  }
  health() { podman inspect --format '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$(container "$1")" 2>/dev/null; }
  # wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every 2 s until it succeeds or time runs out.
  wait_for() {
    local limit=$1 what=$2; shift 2
    local deadline=$((SECONDS + limit))
    until "$@"; do
      if ((SECONDS >= deadline)); then fail "$what (gave up after ${limit}s)"; return 1; fi
      sleep 2
    done
    pass "$what"
  }

  services=(mt5-gateway feature-builder trainer signal trader)
  declare -A http_port=([mt5-gateway]=6081 [feature-builder]=6082 [trainer]=6083 [signal]=6084 [trader]=6085)

  # 1. Secrets (compose reads the env files even to build)
  mkdir -p "$RELEAT_RUNS_DIR" && chown 1654:1654 "$RELEAT_RUNS_DIR"
  if "$tree/deploy/generate-secrets.sh" "$RELEAT_KEYS_DIR" >/dev/null; then pass "secrets generated in $RELEAT_KEYS_DIR (not in the repository)"
  else fail "generate-secrets.sh"; fi

  # 2. Images
  if "$root/../shared/tools/local-images.sh" >"$work/local-images.log" 2>&1; then pass "local-images.sh (podman, docker-compose, base images, API service)"
  else fail "local-images.sh (see $work/local-images.log)"; tail -5 "$work/local-images.log"; exit 1; fi
  if "$tree/deploy/local-prometheus-image.sh" >"$work/prometheus-image.log" 2>&1; then pass "prometheus stand-in image"
  else fail "prometheus stand-in image (see $work/prometheus-image.log)"; fi
  if [[ $build -eq 1 ]]; then
    if compose build >"$work/build.log" 2>&1; then pass "docker-compose build (six images from one Dockerfile)"
    else fail "docker-compose build"; tail -30 "$work/build.log"; teardown; exit 1; fi
  fi
  for image in mt5-gateway feature-builder trainer signal trader cli; do
    size=$(podman image inspect --format '{{.Size}}' "releat/$image:dev" 2>/dev/null | awk '{printf "%d MB", $1 / 1e6}')
    user=$(podman image inspect --format '{{.Config.User}}' "releat/$image:dev" 2>/dev/null)
    if [[ -n "$user" && "$user" != root && "$user" != 0 ]]; then pass "image releat/$image:dev runs as user $user ($size)"
    else fail "image releat/$image:dev runs as root or is missing"; fi
  done

  # 3. Up: bootstrap first (ticks + demo training), everything else after it completed
  if compose up -d >"$work/up.log" 2>&1; then pass "docker-compose up -d"
  else fail "docker-compose up -d"; tail -20 "$work/up.log"; teardown; exit 1; fi
  code=$(podman inspect --format '{{.State.ExitCode}}' "$(container bootstrap)" 2>/dev/null)
  if [[ "$code" == 0 ]]; then pass "bootstrap completed before the services started: $(podman logs "$(container bootstrap)" 2>&1 | grep -m1 'completed at' | cut -c1-100)"
  else fail "bootstrap exit code '$code'"; podman logs "$(container bootstrap)" 2>&1 | tail -10; fi
  started_before=1
  bootstrap_end=$(podman inspect --format '{{.State.FinishedAt.Unix}}' "$(container bootstrap)" 2>/dev/null)
  for s in "${services[@]}"; do
    started=$(podman inspect --format '{{.State.StartedAt.Unix}}' "$(container "$s")" 2>/dev/null)
    [[ -n "$started" && -n "$bootstrap_end" && "$started" -ge "$bootstrap_end" ]] || started_before=0
  done
  if [[ $started_before -eq 1 ]]; then pass "the five services started after bootstrap finished (service_completed_successfully)"
  else note "could not confirm start order from container times"; fi

  # 4. Health of everything
  all_healthy() { local s; for s in redis prometheus "${services[@]}"; do [[ "$(health "$s")" == healthy ]] || return 1; done; }
  wait_for 180 "all seven containers healthy (redis, prometheus, five services)" all_healthy \
    || for s in redis prometheus "${services[@]}"; do note "$s: $(health "$s")"; done
  targets_up() {
    curl -sf --max-time 5 http://127.0.0.1:9090/api/v1/targets \
      | /usr/bin/python3 -c 'import json,sys; t=[x for x in json.load(sys.stdin)["data"]["activeTargets"] if x["labels"]["job"]=="releat"]; sys.exit(0 if len(t)==5 and all(x["health"]=="up" for x in t) else 1)'
  }
  wait_for 60 "prometheus scrapes all five /metrics with its bearer token" targets_up
  unauthorized=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:6085/metrics)
  if [[ "$unauthorized" == 401 ]]; then pass "/metrics without a token is refused (401)"; else fail "/metrics without a token answered $unauthorized"; fi

  # 5. Ticks flow through the gateway
  ticks_rising() {
    local a b; a=$(metric 6081 releat_gateway_ticks_total); sleep 3; b=$(metric 6081 releat_gateway_ticks_total)
    [[ -n "$a" && -n "$b" && "$b" -gt "$a" ]] && note "gateway ticks: $a -> $b in 3 s"
  }
  wait_for 60 "ticks flow (releat_gateway_ticks_total rising)" ticks_rising

  # 6. Signals appear on the bus (the simulated clock reaches the agent's 07:00 session ~80 s after start)
  signals_appear() { local n; n=$(signals demo); [[ -n "$n" && "$n" -gt 0 ]] && note "releat:agent:demo:signals holds $n signals"; }
  wait_for 300 "signals appear (XLEN releat:agent:demo:signals > 0, signal and trader on their own ACL users)" signals_appear
  # The services' users are held to their rights in the running stack too.
  if as_user trader CONFIG GET maxmemory | grep -q NOPERM && as_user signal FLUSHALL | grep -q NOPERM \
    && as_user signal GET releat:agent:other:latest | grep -q NOPERM; then
    pass "service ACL users refused CONFIG, FLUSHALL and another agent's keys"
  else
    fail "a service ACL user ran CONFIG, FLUSHALL or read another agent's key"
  fi

  # 7. The simulated broker receives orders
  orders_arrive() {
    local g t; g=$(metric 6081 releat_gateway_orders_total); t=$(metric 6085 releat_trader_orders_total)
    [[ -n "$g" && "$g" -gt 0 ]] && note "gateway answered $g orders; trader sent ${t:-?}"
  }
  wait_for 300 "the simulated broker receives orders (releat_gateway_orders_total > 0)" orders_arrive

  # 8. A crash: kill the trader's process (SIGKILL from the host, as an OOM kill would) and watch it come back
  victim=trader
  pid=$(podman inspect --format '{{.State.Pid}}' "$(container $victim)")
  restarts=$(podman inspect --format '{{.RestartCount}}' "$(container $victim)")
  ticks_before=$(metric 6081 releat_gateway_ticks_total); signals_before=$(signals demo)
  if kill -9 "$pid"; then pass "killed $victim (pid $pid, SIGKILL)"; else fail "could not kill $victim"; fi
  sleep 4
  ticks_after=$(metric 6081 releat_gateway_ticks_total); signals_after=$(signals demo)
  if [[ -n "$ticks_after" && "$ticks_after" -gt "${ticks_before:-0}" ]]; then pass "gateway kept streaming while $victim was down ($ticks_before -> $ticks_after ticks)"
  else fail "gateway ticks did not rise while $victim was down ($ticks_before -> $ticks_after)"; fi
  signals_rising() { local n; n=$(signals demo); [[ -n "$n" && "$n" -gt "${signals_before:-0}" ]] && note "signals $signals_before -> $n"; }
  wait_for 60 "signal service kept publishing while $victim was down" signals_rising
  came_back() {
    local pid_now count; pid_now=$(podman inspect --format '{{.State.Pid}}' "$(container $victim)"); count=$(podman inspect --format '{{.RestartCount}}' "$(container $victim)")
    # The new process itself must answer /healthz (podman's health status may still show the old process's).
    [[ "$pid_now" != 0 && "$pid_now" != "$pid" && "$count" -gt "$restarts" ]] \
      && [[ "$(curl -sf --max-time 3 "http://127.0.0.1:${http_port[$victim]}/healthz")" == Healthy ]] \
      && note "$victim restarted (restart count $count, pid $pid_now) and answers /healthz"
  }
  wait_for 120 "$victim came back by itself (restart: unless-stopped) and is healthy" came_back
  orders_before=$(metric 6081 releat_gateway_orders_total)
  trader_resumed() { local n; n=$(metric 6085 releat_trader_signals_total); [[ -n "$n" && "$n" -gt 0 ]] && note "restarted trader took $n signals"; }
  wait_for 180 "the restarted trader takes signals again (releat_trader_signals_total > 0)" trader_resumed

  # 9. Nothing secret in the logs
  leaked=0
  for s in bootstrap redis prometheus "${services[@]}"; do
    podman logs "$(container "$s")" >"$work/$s.log" 2>&1
    for secret in "$RELEAT_KEYS_DIR"/tokens/* "$RELEAT_KEYS_DIR/mt5-bridge-secret"; do
      grep -qF "$(cat "$secret")" "$work/$s.log" && { fail "$s's log holds the secret $(basename "$secret")"; leaked=1; }
    done
    for secret in "$RELEAT_KEYS_DIR"/redis/{signal,trader,feature-builder,operator}; do
      grep -qF "$(cat "$secret")" "$work/$s.log" && { fail "$s's log holds the redis password of $(basename "$secret")"; leaked=1; }
    done
  done
  [[ $leaked -eq 0 ]] && pass "no token, bridge secret or redis password in any container's log"

  # 10. Nor in the environment of the five services (docker inspect shows it): their secrets are mounted files
  exposed=0
  for s in "${services[@]}"; do
    podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$(container "$s")" >"$work/$s.env" 2>&1
    for secret in "$RELEAT_KEYS_DIR"/tokens/* "$RELEAT_KEYS_DIR"/redis/{signal,trader,feature-builder,operator}; do
      grep -qF "$(cat "$secret")" "$work/$s.env" && { fail "$s's environment holds the secret $(basename "$secret")"; exposed=1; }
    done
  done
  [[ $exposed -eq 0 ]] && pass "no token or redis password in any service's environment (they read mounted files)"
  note "orders answered by the gateway at the end: ${orders_before:-?} -> $(metric 6081 releat_gateway_orders_total)"

  # 11. Teardown
  teardown
  if [[ $failures -eq 0 ]]; then echo "compose-check: PASS (all steps)"; else echo "compose-check: FAIL ($failures step(s) failed)"; fi
  exit $((failures > 0))
}

main "$@"
