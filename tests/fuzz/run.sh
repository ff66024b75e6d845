#!/usr/bin/env bash
# Fuzzes each target for a bounded time from a scratch copy of the committed
# seed corpus, and fails on any crash, leak, timeout or out-of-memory.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# BUILD_DIR was configured with CC=clang CXX=clang++ -DFLIPDNS_FUZZ=ON and has
# bin/fuzz_query, bin/fuzz_zone_file and bin/fuzz_master_record built. New
# corpus entries stay in BUILD_DIR/fuzz-work/TARGET/corpus (never in the
# committed corpus); a crashing input is saved under BUILD_DIR/fuzz-work/TARGET/
# and its path printed.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(fuzz_query fuzz_zone_file fuzz_master_record); fi
here=$(cd "$(dirname "$0")" && pwd)

failed=0
for t in "${targets[@]}"; do
  bin="$build/bin/$t"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin not built" >&2
    exit 2
  fi
  name=${t#fuzz_}
  work="$build/fuzz-work/$t"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp "$here/corpus/$name/"* "$work/corpus/"
  log="$work/log.txt"
  echo "fuzz: $t for ${seconds}s ($(ls "$work/corpus" | wc -l) seeds)"
  set +e
  # lsan.supp names the one leak inside ldns that fuzz inputs reach.
  (cd "$work" && LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0" \
      "$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
      -max_len=4096 -print_final_stats=1 -dict="$here/$name.dict" \
      -artifact_prefix="$work/" corpus </dev/null >"$log" 2>&1)
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  cov=$(grep -oE '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)
  size=$(ls "$work/corpus" | wc -l)
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz: $t FAILED (exit $rc); last lines of $log:" >&2
    tail -n 60 "$log" >&2
    for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*; do
      [ -e "$a" ] || continue
      echo "fuzz: input saved as $a ($(stat -c %s "$a") octets):" >&2
      od -A d -t x1 "$a" | head -n 20 >&2
    done
  else
    echo "fuzz: $t ok: ${runs:-?} runs, ${rate:-?} exec/s, ${cov:-no coverage line}, corpus $size"
  fi
done
exit $failed
