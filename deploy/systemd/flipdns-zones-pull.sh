#!/bin/sh
# Makes a server's zones directory follow its git remote: fast-forward only,
# then asks flipdns-auth to reload when the checked-out commit is not the one
# last reloaded. Run by flipdns-zones-pull.service (see flipdns-zones-pull.timer).
#
# flipdns-auth validates the new configuration itself: a commit that does not
# validate changes nothing it serves, and the error shows in GET /v1/status.
# A reload that fails (server down, bad config) is retried on the next run.
#
# Environment (defaults in brackets):
#   ZONES_DIR    the git checkout flipdns-auth reads with --zones [/etc/flipdns/zones]
#   CONTROL_URL  flipdns-auth's --control listener [http://127.0.0.1:8053]
#   TOKEN_FILE   its --control-token-file [/etc/flipdns/control.token]
#   STATE_DIRECTORY  where the last reloaded commit is kept (set by systemd's
#                StateDirectory=) [/var/lib/flipdns-zones-pull]
set -eu

ZONES_DIR=${ZONES_DIR:-/etc/flipdns/zones}
CONTROL_URL=${CONTROL_URL:-http://127.0.0.1:8053}
TOKEN_FILE=${TOKEN_FILE:-/etc/flipdns/control.token}
STATE=${STATE_DIRECTORY:-/var/lib/flipdns-zones-pull}/reloaded-commit

git -C "$ZONES_DIR" pull --ff-only --quiet
head=$(git -C "$ZONES_DIR" rev-parse HEAD)
last=$(cat "$STATE" 2>/dev/null || true)
if [ "$head" = "$last" ]; then
  exit 0
fi

# The token goes to curl on stdin, not on its command line, where any local
# user could read it in the process list.
token=$(head -n 1 "$TOKEN_FILE")
printf 'Authorization: Bearer %s\n' "$token" |
  curl --fail-with-body --silent --show-error --max-time 30 \
    -X POST -H @- "$CONTROL_URL/v1/reload"
echo
printf '%s\n' "$head" >"$STATE"
echo "flipdns-zones-pull: reloaded at commit $head"
