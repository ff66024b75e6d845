#!/usr/bin/env bash
# The flipdns demo, on one machine, on loopback:
#
#   deploy/demo.sh
#
# 1. installs the build dependencies (deploy/install-deps.sh; SKIP_INSTALL=1 skips it),
# 2. builds flipdns-auth, flipdns-controller and flipctl into build/ (reused if there),
# 3. starts two small HTTP backends standing for the primary stack (127.0.0.10)
#    and the standby stack (127.0.0.20), one flipdns-auth (DNS on 127.0.0.1:5300)
#    and one flipdns-controller (API on 127.0.0.1:8080), serving the zone in
#    deploy/demo/zones/ with fresh tokens in a temporary directory,
# 4. waits until they answer, prints what to try, and runs until Ctrl-C, which
#    stops everything it started.
#
# Environment: SKIP_INSTALL=1, BUILD_DIR (default build/), JOBS (build jobs,
# default nproc), DNS_PORT (5300),
# CONTROL_PORT (auth control API, 8053), API_PORT (controller API, 8080).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
demo=$root/deploy/demo
build=${BUILD_DIR:-$root/build}
bin=$build/bin
dns_port=${DNS_PORT:-5300}
control_port=${CONTROL_PORT:-8053}
api_port=${API_PORT:-8080}
primary=127.0.0.10
standby=127.0.0.20
backend_port=18080  # the check port of deploy/demo/zones/example.com.yaml

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# ---- 1, 2: dependencies and build -----------------------------------------
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  say "installing dependencies (deploy/install-deps.sh)"
  bash "$root/deploy/install-deps.sh"
fi
say "building into $build"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" \
  --target flipdns-auth flipdns-controller flipctl

# ---- 3: start everything, remembering each PID ------------------------------
work=$(mktemp -d /tmp/flipdns-demo.XXXXXX)
pids=()
names=()

stop_all() {
  trap - INT TERM EXIT
  echo
  say "stopping"
  # Newest first: the controller before the auth server before the backends.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped; logs kept in $work"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() {  # start NAME COMMAND...: runs it in the background, output to $work/NAME.log
  local name=$1
  shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

new_token() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }
operator_token=$(new_token)
read_token=$(new_token)
new_token >"$work/auth.token"  # between the controller and flipdns-auth
# ROLE TOKEN NAME: the name is the actor the audit log records.
printf 'operator %s demo-operator\nread %s demo-reader\n' "$operator_token" "$read_token" \
  >"$work/tokens"
chmod 600 "$work/auth.token" "$work/tokens"
mkdir -p "$work/auth-state" "$work/controller-state"

say "starting the backends, flipdns-auth and flipdns-controller (logs in $work)"
start primary /usr/bin/python3 "$demo/backend.py" --listen "$primary:$backend_port" --name primary
start standby /usr/bin/python3 "$demo/backend.py" --listen "$standby:$backend_port" --name standby
start flipdns-auth "$bin/flipdns-auth" --listen "127.0.0.1:$dns_port" --zones "$demo/zones" \
  --state-dir "$work/auth-state" --threads 1 \
  --control "127.0.0.1:$control_port" --control-token-file "$work/auth.token"
start flipdns-controller "$bin/flipdns-controller" --zones "$demo/zones" \
  --state-dir "$work/controller-state" --api "127.0.0.1:$api_port" --tokens-file "$work/tokens" \
  --auth-server "http://127.0.0.1:$control_port" --auth-token-file "$work/auth.token"

# ---- 4: wait until each answers ---------------------------------------------
all_alive() {
  local i
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} exited; the end of $work/${names[$i]}.log:" >&2
      tail -n 20 "$work/${names[$i]}.log" >&2
      return 1
    fi
  done
}

wait_for() {  # wait_for WHAT COMMAND...: polls COMMAND for up to 20 s
  local what=$1
  shift
  local deadline=$((SECONDS + 20))
  until "$@" >/dev/null 2>&1; do
    all_alive || exit 1
    if [ $SECONDS -ge $deadline ]; then
      echo "demo: $what not ready after 20 s (logs in $work)" >&2
      exit 1
    fi
    sleep 0.2
  done
}

wait_for "the primary backend" curl -sf "http://$primary:$backend_port/healthz"
wait_for "the standby backend" curl -sf "http://$standby:$backend_port/healthz"
wait_for "flipdns-auth" dig @127.0.0.1 -p "$dns_port" +norec +time=1 +tries=1 example.com SOA
wait_for "flipdns-controller" curl -sf "http://127.0.0.1:$api_port/healthz"

primary_pid=${pids[0]}
cat <<EOF2

flipdns demo is running. Everything is on loopback; logs and tokens are in $work.

  The app's address (the primary stack is $primary, the standby $standby):
    dig @127.0.0.1 -p $dns_port app.example.com +short

  What the controller sees:
    export FLIPDNS_CONTROLLER=http://127.0.0.1:$api_port FLIPDNS_TOKEN=$operator_token
    $bin/flipctl status
    $bin/flipctl status app.example.com      # members, checks, the reason in words

  Break the primary stack and watch app.example.com move to $standby within ~3 s:
    kill -USR1 $primary_pid          # the primary's /healthz now answers 503 (kill -USR2 $primary_pid heals it)
    kill $primary_pid                # or stop the primary backend altogether
    watch -n 0.5 dig @127.0.0.1 -p $dns_port app.example.com +short

  What happened, who did it and why:
    $bin/flipctl history

  Flip back by hand (app fails back manually; api returns by itself after 10 s):
    $bin/flipctl flip app.example.com primary --reason "primary repaired"

  A read-only token (may look, may not flip): $read_token

Ctrl-C stops everything.
EOF2

wait "${pids[@]}" || true
