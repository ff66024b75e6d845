#!/usr/bin/env bash
# Benchmark flipdns-auth against NSD, Knot DNS and gdnsd (issue #5). Not part of
# deploy/test.sh. See README.md beside this script.
#
#   tests/bench/run.sh [--all-cores] [--rounds N] [--seconds S] [--names N] ...
#   tests/bench/run.sh --scale [--names N] [--rounds N]   1,000,000-name zone (scale.py)
#   tests/bench/run.sh --churn [--rate Q] [--seconds S]   reloads and flips under load (churn.py)
#
# Environment: FLIPDNS_AUTH=path uses that binary instead of building one;
# BUILD_DIR (default build/) is where flipdns-auth is built, RelWithDebInfo as it
# ships; SKIP_INSTALL=1 skips deploy/install-deps.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  bash "$root/deploy/install-deps.sh"
fi
if [ -z "${FLIPDNS_AUTH:-}" ]; then
  build=${BUILD_DIR:-$root/build}
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  targets=(flipdns-auth)
  # --scale also reports flip_bench's in-process flip time (it looks beside flipdns-auth).
  case " $* " in *" --scale "*) targets+=(flip_bench) ;; esac
  cmake --build "$build" --target "${targets[@]}" -j "$(nproc)"
  FLIPDNS_AUTH=$build/bin/flipdns-auth
fi
exec /usr/bin/python3 "$here/bench.py" --flipdns "$FLIPDNS_AUTH" "$@"
