#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of flipdns from Debian's packages.
# Idempotent. Runs as root on a fresh machine, through sudo otherwise.
#
# Debian starts the daemons it installs (nsd, knot, gdnsd, ...) on port 53; a
# policy-rc.d denies that during the install so peers only run when tests start them.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang clang-format
  libclang-rt-14-dev
  # libraries
  libldns-dev libuv1-dev libyaml-cpp-dev libssl-dev libcurl4-openssl-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libcpp-httplib-dev
  # clients and peers for system, differential and benchmark tests
  bind9-dnsutils knot-dnsutils ldnsutils nsd knot gdnsd dnsperf
  knot-dnssecutils  # kzonecheck: the test zones must be valid for Knot too
  python3 python3-dnspython python3-pytest python3-requests
  curl iproute2 procps util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"

policy=/usr/sbin/policy-rc.d
had_policy=0
if [ -e "$policy" ]; then had_policy=1; fi
if [ "$had_policy" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
fi
cleanup() {
  if [ "$had_policy" -eq 0 ]; then $SUDO rm -f "$policy"; fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"

# Units that were enabled must not come up on port 53 at the next boot either.
for svc in nsd knot gdnsd; do
  if command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl disable "$svc" >/dev/null 2>&1 || true
  fi
  $SUDO pkill -x "$svc" >/dev/null 2>&1 || true
done
echo "install-deps: done"
