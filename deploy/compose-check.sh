#!/usr/bin/env bash
# End-to-end check of the compose stack on this machine (podman + docker-compose 1.29, see ../shared/CONTAINERS.md),
# from a fresh clone of the committed HEAD with nothing prepared: images, up (the secrets job first), health, ticks,
# signals, orders, a second up keeping the secrets, a crashed service coming back while the rest keeps working, no
# secret in a log or an environment, and a teardown that leaves no container, volume or network. Prints PASS/FAIL per
# step and exits non-zero when any step failed. Run as root; takes ~5-15 minutes (most of it building images). Uses
# its own project name (and RELEAT_TAG, default dev, for the images) and removes what it made at the end.
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
  export COMPOSE_PROJECT_NAME=releat-check RELEAT_TAG="${RELEAT_TAG:-dev}"
  work="$(mktemp -d /tmp/releat-compose-check.XXXXXX)"
  # Build and run from a fresh clone, as a new user would: nothing generated, no folder prepared. Other work may
  # edit the checkout meanwhile; the clone does not move.
  tree="$work/tree"
  git clone --quiet "$root" "$tree" || { echo "compose-check: cannot clone $root" >&2; exit 1; }
  compose() { (cd "$tree" && docker-compose "$@"); }
  container() { echo "${COMPOSE_PROJECT_NAME}_$1_1"; }
  # The host address:port compose published for a service's container port (RELEAT_PORT_<port> may move it).
  published() { compose port "$1" "$2" 2>/dev/null | tail -1; }

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
    local label="label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" left
    left="$(podman ps -aq --filter "$label") $(podman volume ls -q --filter "$label") $(podman network ls -q --filter "$label")"
    if [[ -z "${left// /}" ]]; then pass "nothing of project $COMPOSE_PROJECT_NAME left (containers, volumes, networks)"
    else fail "left after down -v: $left"; fi
    rm -rf "$work"
  }

  # metric SERVICE PORT NAME: the sum of every sample of NAME (a counter's _total, a gauge) from /metrics, read with
  # the operator's token (read role); empty when the endpoint does not answer.
  metric() {
    curl -sf --max-time 5 -H "Authorization: Bearer $(cat "$keys/tokens/operator")" "http://$(published "$1" "$2")/metrics" \
      | awk -v name="$3" '$1 == name || index($1, name "{") == 1 { sum += $NF; seen = 1 } END { if (seen) printf "%.0f\n", sum }'
  }
  # signals AGENT: length of the agent's signal stream, asked inside the redis container as the operator ACL user
  # (its password read from the mounted secret there, never on a command line).
  signals() {
    compose exec -T redis sh -c 'REDISCLI_AUTH="$(cat /run/secrets/redis-operator-password)" redis-cli --user operator XLEN "$0"' \
      "releat:agent:$1:signals" 2>/dev/null | tr -dc '0-9'
  }
  # as_user USER COMMAND...: a Redis command as one of the services' ACL users, inside the redis container.
  as_user() {
    compose exec -T redis sh -c 'REDISCLI_AUTH="$(cat)" redis-cli --user "$0" "$@"' "$@" <"$keys/redis/$1" 2>&1
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

  # 1. A fresh clone holds no secret
  if [[ -z "$(cd "$tree" && git status --porcelain --ignored)" && ! -e "$tree/deploy/secrets" ]]; then pass "fresh clone of $(git -C "$tree" rev-parse --short HEAD): nothing generated, nothing ignored"
  else fail "the clone is not clean"; fi

  # 2. Images
  if "$root/../shared/tools/local-images.sh" >"$work/local-images.log" 2>&1; then pass "local-images.sh (podman, docker-compose, base images, API service)"
  else fail "local-images.sh (see $work/local-images.log)"; tail -5 "$work/local-images.log"; exit 1; fi
  if "$tree/deploy/local-prometheus-image.sh" >"$work/prometheus-image.log" 2>&1; then pass "prometheus stand-in image"
  else fail "prometheus stand-in image (see $work/prometheus-image.log)"; fi
  if [[ $build -eq 1 ]]; then
    if compose build >"$work/build.log" 2>&1; then pass "docker-compose build (six images from one Dockerfile, tag $RELEAT_TAG)"
    else fail "docker-compose build"; tail -30 "$work/build.log"; teardown; exit 1; fi
  fi
  for image in mt5-gateway feature-builder trainer signal trader cli; do
    size=$(podman image inspect --format '{{.Size}}' "releat/$image:$RELEAT_TAG" 2>/dev/null | awk '{printf "%d MB", $1 / 1e6}')
    user=$(podman image inspect --format '{{.Config.User}}' "releat/$image:$RELEAT_TAG" 2>/dev/null)
    if [[ -n "$user" && "$user" != root && "$user" != 0 ]]; then pass "image releat/$image:$RELEAT_TAG runs as user $user ($size)"
    else fail "image releat/$image:$RELEAT_TAG runs as root or is missing"; fi
  done

  # 3. Up: the secrets job, then bootstrap (ticks + demo training), everything else after they completed
  if compose up -d >"$work/up.log" 2>&1; then pass "docker-compose up -d"
  else fail "docker-compose up -d"; tail -20 "$work/up.log"; teardown; exit 1; fi
  code=$(podman inspect --format '{{.State.ExitCode}}' "$(container secrets)" 2>/dev/null)
  if [[ "$code" == 0 ]]; then pass "the secrets job made the secrets: $(podman logs "$(container secrets)" 2>&1 | tail -1)"
  else fail "secrets job exit code '$code'"; podman logs "$(container secrets)" 2>&1 | tail -10; fi
  keys=$(podman volume inspect --format '{{.Mountpoint}}' "${COMPOSE_PROJECT_NAME}_secrets" 2>/dev/null)
  [[ -s "$keys/tokens/operator" ]] || { fail "no operator token in the secrets volume"; teardown; exit 1; }
  # Each reader sees only its own files, 0400, owned by the user it runs as.
  declare -A expected=([mt5-gateway]="1654 mt5-bridge-secret operator-token prometheus-token signal-token trader-token"
    [feature-builder]="1654 operator-token prometheus-token" [trainer]="1654 operator-token prometheus-token"
    [signal]="1654 operator-token prometheus-token redis-signal-password signal-token"
    [trader]="1654 operator-token prometheus-token redis-trader-password trader-token"
    [redis]="0 redis-operator-password redis-users-acl" [prometheus]="65534 prometheus-token")
  own=0
  for s in "${!expected[@]}"; do
    want=${expected[$s]} uid=${want%% *} names=${want#* }
    got=$(compose exec -T "$s" sh -c 'cd /run/secrets && for f in *; do echo "$f"; done' 2>/dev/null | tr -d '\r' | sort | tr '\n' ' ' | sed 's/ $//')
    modes=$(compose exec -T "$s" sh -c 'stat -c "%u %a" /run/secrets/*' 2>/dev/null | tr -d '\r' | sort -u | tr '\n' ' ' | sed 's/ $//')
    if [[ "$got" == "$names" && "$modes" == "$uid 400" ]]; then :; else fail "$s sees /run/secrets: '$got' as '$modes' (wanted '$names' as '$uid 400')"; own=1; fi
  done
  [[ $own -eq 0 ]] && pass "each service sees only its own secrets at /run/secrets, 0400, owned by the user it runs as"
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
  prometheus_at=$(published prometheus 9090)
  wait_for 180 "all seven containers healthy (redis, prometheus, five services)" all_healthy \
    || for s in redis prometheus "${services[@]}"; do note "$s: $(health "$s")"; done
  targets_up() {
    curl -sf --max-time 5 "http://$prometheus_at/api/v1/targets" \
      | /usr/bin/python3 -c 'import json,sys; t=[x for x in json.load(sys.stdin)["data"]["activeTargets"] if x["labels"]["job"]=="releat"]; sys.exit(0 if len(t)==5 and all(x["health"]=="up" for x in t) else 1)'
  }
  wait_for 60 "prometheus scrapes all five /metrics with its bearer token" targets_up
  unauthorized=$(curl -s -o /dev/null -w '%{http_code}' "http://$(published trader 6085)/metrics")
  if [[ "$unauthorized" == 401 ]]; then pass "/metrics without a token is refused (401)"; else fail "/metrics without a token answered $unauthorized"; fi

  # 5. Ticks flow through the gateway
  ticks_rising() {
    local a b; a=$(metric mt5-gateway 6081 releat_gateway_ticks_total); sleep 3; b=$(metric mt5-gateway 6081 releat_gateway_ticks_total)
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
    local g t; g=$(metric mt5-gateway 6081 releat_gateway_orders_total); t=$(metric trader 6085 releat_trader_orders_total)
    [[ -n "$g" && "$g" -gt 0 ]] && note "gateway answered $g orders; trader sent ${t:-?}"
  }
  wait_for 300 "the simulated broker receives orders (releat_gateway_orders_total > 0)" orders_arrive

  # 7b. A second `up` keeps the secrets (the job runs again and finds them) and recreates nothing
  token_before=$(sha256sum <"$keys/tokens/operator") acl_before=$(sha256sum <"$keys/redis/users.acl")
  trader_id=$(podman inspect --format '{{.Id}}' "$(container trader)")
  if compose up -d >"$work/up2.log" 2>&1 && [[ "$(sha256sum <"$keys/tokens/operator")" == "$token_before" ]] \
    && [[ "$(sha256sum <"$keys/redis/users.acl")" == "$acl_before" ]] && [[ "$(podman inspect --format '{{.Id}}' "$(container trader)")" == "$trader_id" ]]; then
    pass "a second docker-compose up -d kept every secret and the running services"
  else
    fail "a second up changed a secret or recreated the trader (see $work/up2.log)"
  fi

  # 8. A crash: kill the trader's process (SIGKILL from the host, as an OOM kill would) and watch it come back
  victim=trader
  pid=$(podman inspect --format '{{.State.Pid}}' "$(container $victim)")
  restarts=$(podman inspect --format '{{.RestartCount}}' "$(container $victim)")
  ticks_before=$(metric mt5-gateway 6081 releat_gateway_ticks_total); signals_before=$(signals demo)
  if kill -9 "$pid"; then pass "killed $victim (pid $pid, SIGKILL)"; else fail "could not kill $victim"; fi
  sleep 4
  ticks_after=$(metric mt5-gateway 6081 releat_gateway_ticks_total); signals_after=$(signals demo)
  if [[ -n "$ticks_after" && "$ticks_after" -gt "${ticks_before:-0}" ]]; then pass "gateway kept streaming while $victim was down ($ticks_before -> $ticks_after ticks)"
  else fail "gateway ticks did not rise while $victim was down ($ticks_before -> $ticks_after)"; fi
  signals_rising() { local n; n=$(signals demo); [[ -n "$n" && "$n" -gt "${signals_before:-0}" ]] && note "signals $signals_before -> $n"; }
  wait_for 60 "signal service kept publishing while $victim was down" signals_rising
  came_back() {
    local pid_now count; pid_now=$(podman inspect --format '{{.State.Pid}}' "$(container $victim)"); count=$(podman inspect --format '{{.RestartCount}}' "$(container $victim)")
    # The new process itself must answer /healthz (podman's health status may still show the old process's).
    [[ "$pid_now" != 0 && "$pid_now" != "$pid" && "$count" -gt "$restarts" ]] \
      && [[ "$(curl -sf --max-time 3 "http://$(published $victim "${http_port[$victim]}")/healthz")" == Healthy ]] \
      && note "$victim restarted (restart count $count, pid $pid_now) and answers /healthz"
  }
  wait_for 120 "$victim came back by itself (restart: unless-stopped) and is healthy" came_back
  orders_before=$(metric mt5-gateway 6081 releat_gateway_orders_total)
  trader_resumed() { local n; n=$(metric trader 6085 releat_trader_signals_total); [[ -n "$n" && "$n" -gt 0 ]] && note "restarted trader took $n signals"; }
  wait_for 180 "the restarted trader takes signals again (releat_trader_signals_total > 0)" trader_resumed

  # 9. Nothing secret in the logs
  leaked=0
  for s in secrets bootstrap redis prometheus "${services[@]}"; do
    podman logs "$(container "$s")" >"$work/$s.log" 2>&1
    for secret in "$keys"/tokens/* "$keys/mt5-bridge-secret"; do
      grep -qF "$(cat "$secret")" "$work/$s.log" && { fail "$s's log holds the secret $(basename "$secret")"; leaked=1; }
    done
    for secret in "$keys"/redis/{signal,trader,feature-builder,operator}; do
      grep -qF "$(cat "$secret")" "$work/$s.log" && { fail "$s's log holds the redis password of $(basename "$secret")"; leaked=1; }
    done
  done
  [[ $leaked -eq 0 ]] && pass "no token, bridge secret or redis password in any container's log"

  # 10. Nor in the environment of any container (docker inspect shows it): secrets are mounted files
  exposed=0
  for s in secrets bootstrap redis prometheus "${services[@]}"; do
    podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}{{range .Config.Cmd}}{{println .}}{{end}}' "$(container "$s")" >"$work/$s.env" 2>&1
    for secret in "$keys"/tokens/* "$keys"/redis/{signal,trader,feature-builder,operator}; do
      grep -qF "$(cat "$secret")" "$work/$s.env" && { fail "$s's environment holds the secret $(basename "$secret")"; exposed=1; }
    done
  done
  [[ $exposed -eq 0 ]] && pass "no token or redis password in any container's environment or command (they read mounted files)"
  note "orders answered by the gateway at the end: ${orders_before:-?} -> $(metric mt5-gateway 6081 releat_gateway_orders_total)"

  # 11. Teardown
  teardown
  if [[ $failures -eq 0 ]]; then echo "compose-check: PASS (all steps)"; else echo "compose-check: FAIL ($failures step(s) failed)"; fi
  exit $((failures > 0))
}

main "$@"
