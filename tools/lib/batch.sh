# Shared by tools/reindex, tools/update and tools/compact: finding the
# communique command, parsing the common arguments, and turning its exit
# codes into messages fit for a cron mail.
#
# Each script makes exactly one call that writes (communique index or
# communique compact). That call takes the index's lock (an flock on the
# index directory; DB/LOCK names the holder), so two runs never collide:
# the second exits 4 at once, saying who holds it.

SCRIPT=tools/$(basename "$0")
BATCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

fail() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; exit "${FAIL_CODE:-1}"; }
note() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; }
usage_error() { printf '%s: %s\n%s\n' "$SCRIPT" "$1" "$USAGE" >&2; exit 2; }

# The communique command: $COMMUNIQUE_BIN, else one installed beside this
# script's tree, else on PATH, else a build in this checkout.
find_communique() {
  local candidate
  for candidate in "${COMMUNIQUE_BIN:-}" "$BATCH_ROOT/bin/communique" "$(command -v communique || true)" \
                   "$BATCH_ROOT/build/communique" "$BATCH_ROOT/build-release/communique"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      COMMUNIQUE=$candidate
      return 0
    fi
  done
  FAIL_CODE=1 fail "cannot find the communique command; build it (tools/check) or set COMMUNIQUE_BIN"
}

# run_communique WHAT ARGS...: runs the command in the background so that
# a TERM or INT to this script stops it too, and reports how it ended.
# Sets $status to its exit code.
CHILD=
run_communique() {
  local what=$1
  shift
  trap 'interrupted "$what"' TERM INT HUP
  "$COMMUNIQUE" "$@" &
  CHILD=$!
  status=0
  wait "$CHILD" || status=$?
  CHILD=
  trap - TERM INT HUP
}

interrupted() {
  if [ -n "$CHILD" ]; then
    kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  FAIL_CODE=130 fail "interrupted during $1; $INTERRUPT_NOTE"
}

# explain STATUS WHAT: exits with a message for a failed call.
explain() {
  local code=$1 what=$2
  case $code in
    0) return 0 ;;
    2) FAIL_CODE=2 fail "$what failed: bad arguments or refused (see above)" ;;
    3) FAIL_CODE=3 fail "$what failed: no index at $DB" ;;
    4) FAIL_CODE=4 fail "another run holds $DB (see above); this run did nothing" ;;
    6) FAIL_CODE=6 fail "$what failed: I/O error (see above: disk full? permissions?)" ;;
    7) FAIL_CODE=7 fail "$what failed: the index is damaged (see above for the mend: communique repair, or a rebuild)" ;;
    137 | 143) FAIL_CODE=$code fail "$what was killed (signal $((code - 128)))" ;;
    *) FAIL_CODE=$code fail "$what failed (exit $code, see above)" ;;
  esac
}

# A field of the JSON report written by `communique index --report`.
report_field() { sed -n "s/^  \"$1\": \([0-9]*\),\{0,1\}$/\1/p" "$2"; }
