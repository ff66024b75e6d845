#!/usr/bin/env bash
# The one command that sets up and passes every test on a fresh Debian machine:
#
#   1. install      deploy/install-deps.sh
#   2. build        build/        RelWithDebInfo, Ninja, -Werror
#   3. test         ctest in build/: unit (in parallel), then system and conformance
#   4. asan-build   build-asan/   -DFLIPDNS_SANITIZE=ON (AddressSanitizer + UBSan), -O0,
#                                 assertions on
#   5. asan-test    ctest -L unit in build-asan/
#   6. fuzz-build   build-fuzz/   clang, -DFLIPDNS_FUZZ=ON, the fuzz targets only, -O2,
#                                 assertions on
#   7. fuzz         tests/fuzz/run.sh, FUZZ_SECONDS (default 60) per target
#
# Stops at the first failing stage with a non-zero exit. The last line is always
# "N passed, N failed", counting tests (ctest's totals plus one per fuzz target).
# Environment: FUZZ_SECONDS, JOBS (default: nproc), SKIP_INSTALL=1 to skip stage 1,
# STAGES="asan-build asan-test" to run only the named stages (developers; CI runs all).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-$(nproc)}
fuzz_seconds=${FUZZ_SECONDS:-60}
# Sanitizer builds keep assertions (no -DNDEBUG): they are there to find bugs.
# -O0 with line tables compiles fastest and still gives sanitizer reports file:line.
debug_flags="-O0 -g1"

stage_log=()
run_start=$SECONDS
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Stages run in subshells (so that `set -e` holds inside them); they add
# "PASSED FAILED" lines here and the summary sums them.
counts=$scratch/counts
: >"$counts"

count() { echo "$1 $2" >>"$counts"; }

summary() {
  local passed failed
  passed=$(awk '{p += $1} END {print p + 0}' "$counts")
  failed=$(awk '{f += $2} END {print f + 0}' "$counts")
  echo
  echo "==== summary ($((SECONDS - run_start)) s)"
  for line in "${stage_log[@]}"; do echo "  $line"; done
  echo "$passed passed, $failed failed"
}

# stage NAME COMMAND...: runs one stage with a header and its elapsed time.
stage() {
  local name=$1
  shift
  if [ -n "${STAGES:-}" ] && [[ " ${STAGES//,/ } " != *" $name "* ]]; then
    return 0
  fi
  echo
  echo "==== [$name] $*"
  local start=$SECONDS
  local rc=0
  set +e
  (set -e; "$@")
  rc=$?
  set -e
  local took=$((SECONDS - start))
  if [ $rc -ne 0 ]; then
    stage_log+=("$name: FAILED after ${took} s (exit $rc)")
    echo "==== [$name] FAILED after ${took} s"
    # A stage that failed before any test ran still counts as one failure.
    if [ "$(awk '{f += $2} END {print f + 0}' "$counts")" -eq 0 ]; then count 0 1; fi
    summary
    exit 1
  fi
  stage_log+=("$name: ok, ${took} s")
  echo "==== [$name] ok, ${took} s"
}

# ctest_run DIR ARGS...: runs ctest in DIR and counts its totals.
ctest_run() {
  local dir=$1
  shift
  local rc=0
  ctest --test-dir "$dir" --output-on-failure --no-tests=error "$@" 2>&1 |
    tee "$scratch/ctest.out" || rc=$?
  local line total bad
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$scratch/ctest.out" |
    tail -1 || true)
  if [ -n "$line" ]; then
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    bad=$(sed -E 's/.*tests passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    count $((total - bad)) "$bad"
  elif [ $rc -ne 0 ]; then
    count 0 1
  fi
  return $rc
}

configure() {  # configure DIR [cmake args...]
  local dir=$1
  shift
  cmake -S "$root" -B "$root/$dir" -G Ninja "$@"
}

install_deps() {
  if [ "${SKIP_INSTALL:-0}" = 1 ]; then
    echo "SKIP_INSTALL=1: not installing"
  else
    bash "$root/deploy/install-deps.sh"
  fi
}

build_main() {
  # The default build type's -O2, without debug info: a good part of the compile
  # time here, and nothing the tests need.
  configure build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLIPDNS_WERROR=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG"
  cmake --build build -j "$jobs"
}

test_main() {
  ctest_run build -L unit -j "$jobs"
  # System and conformance tests start real servers on loopback: one at a time.
  ctest_run build -LE unit
}

build_asan() {
  # GCC 12's -Wstringop-overflow misfires on sanitizer-instrumented code; the
  # -Werror gate is the plain build's job.
  configure build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLIPDNS_WERROR=OFF \
    -DFLIPDNS_SANITIZE=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$debug_flags" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$debug_flags"
  cmake --build build-asan -j "$jobs" --target unit_tests
}

test_asan() {
  ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest_run build-asan -L unit -j "$jobs"
}

build_fuzz() {
  # Warnings are the -Werror gcc build's job; clang only has to build the fuzzers.
  CC=clang CXX=clang++ configure build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFLIPDNS_WERROR=OFF -DFLIPDNS_FUZZ=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g"
  cmake --build build-fuzz -j "$jobs" --target fuzz_query fuzz_zone_file fuzz_master_record
}

fuzz() {
  local t rc=0
  for t in fuzz_query fuzz_zone_file fuzz_master_record; do
    if bash "$root/tests/fuzz/run.sh" build-fuzz "$fuzz_seconds" "$t"; then
      count 1 0
    else
      count 0 1
      rc=1
    fi
  done
  return $rc
}

stage install install_deps
stage build build_main
stage test test_main
stage asan-build build_asan
stage asan-test test_asan
stage fuzz-build build_fuzz
stage fuzz fuzz
summary
