#!/usr/bin/env bash
# End-to-end test of tools/reindex, tools/update and tools/compact on a
# generated corpus: searches running during a rebuild, a killed and an
# interrupted rebuild, refused rebuilds, incremental updates, and the lock
# between runs. Rebuilds read from named pipes, so the test decides when
# they are in progress and when they finish.
# usage: tools_test.sh COMMUNIQUE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
export COMMUNIQUE_BIN=$bin
tools=$src/tools
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  exec 3>&- 4>&- 5>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db=$work/db

# wait_for DESCRIPTION COMMAND...: polls for up to 60 s.
wait_for() {
  local what=$1 i
  shift
  for i in $(seq 600); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  fail "timed out waiting for $what"
}

# corpus FILE FIRST LAST WORD: statements FIRST..LAST, each mentioning WORD.
corpus() {
  python3 - "$@" <<'PY'
import json, sys
path, first, last, word = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
countries = ["CHN", "KAZ", "RUS", "FRA", "UZB"]
with open(path, "w") as out:
    for i in range(first, last + 1):
        body = (f"Statement {i} on {word}. The minister discussed transport corridors and trade "
                f"with partners; talks number {i % 17} covered {'peace' if i % 3 else 'sanctions'}.")
        out.write(json.dumps({"id": f"s-{i:04d}", "body": body, "country": countries[i % 5],
                              "date": f"{2000 + i % 24}-0{1 + i % 9}-1{i % 10}",
                              "ministers": [f"Minister {i % 4}"]}) + "\n")
PY
}

total() { "$bin" --db "$db" search --json --limit 0 "$1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }
statements() { "$bin" --db "$db" -q stats --json | sed -n 's/^{"statements":\([0-9]*\),.*/\1/p'; }
live_stub() { cat "$db/XAPIANDB"; }
building() { compgen -G "$db/build-*" >/dev/null; }

mkdir -p "$work/v1"
corpus "$work/v1/a.jsonl" 1 200 oldword
corpus "$work/v1/b.jsonl" 201 300 oldword

# --- reindex: a first build -------------------------------------------------
"$tools/reindex" "$work/v1" --db "$db" 2>"$work/log" || fail "first reindex: $(cat "$work/log")"
[ "$(statements)" = 300 ] || fail "first reindex holds $(statements) statements"
[ "$(total oldword)" = 300 ] || fail "oldword finds $(total oldword)"

# --- reindex while a searcher keeps answering ----------------------------------
# A long-lived searcher (search --batch reads queries from a pipe) and a
# rebuild that reads its statements from another pipe.
mkfifo "$work/queries" "$work/v2.jsonl"
"$bin" --db "$db" search --batch - --json --facets 0 <"$work/queries" >"$work/answers" 2>"$work/searcher.log" &
searcher=$!
pids+=("$searcher")
exec 3>"$work/queries"
answered() { [ "$(wc -l <"$work/answers")" -ge "$1" ]; }
ask() {  # ask QUERY: the long-lived searcher's total for QUERY
  local n
  n=$(($(wc -l <"$work/answers") + 1))
  echo "$1" >&3
  wait_for "the searcher to answer '$1'" answered "$n"
  sed -n "${n}p" "$work/answers" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}
[ "$(ask oldword)" = 300 ] || fail "searcher before the rebuild"

corpus "$work/v2-all.jsonl" 1 280 newword
"$tools/reindex" "$work/v2.jsonl" --db "$db" --check newword 2>"$work/reindex.log" &
reindex=$!
pids+=("$reindex")
exec 4>"$work/v2.jsonl"
head -n 150 "$work/v2-all.jsonl" >&4
wait_for "the rebuild to start writing" building
before=$(live_stub)
for i in 1 2 3; do  # during the rebuild: old answers, from new and old searchers
  [ "$(ask oldword)" = 300 ] || fail "long-lived searcher during the rebuild (round $i)"
  [ "$(ask newword)" = 0 ] || fail "long-lived searcher saw the unfinished rebuild"
  [ "$(total oldword)" = 300 ] || fail "new searcher during the rebuild"
  [ "$(live_stub)" = "$before" ] || fail "the live index switched before the rebuild finished"
done
tail -n +151 "$work/v2-all.jsonl" >&4
exec 4>&-
wait "$reindex" || fail "reindex failed: $(cat "$work/reindex.log")"
grep -q "switched to the rebuilt index" "$work/reindex.log" || fail "reindex did not say it switched"
[ "$(ask newword)" = 280 ] || fail "the long-lived searcher did not pick up the rebuilt index"
[ "$(ask oldword)" = 0 ] || fail "the long-lived searcher still sees the old index"
[ "$(total newword)" = 280 ] || fail "a new searcher does not see the rebuilt index"
exec 3>&-
wait "$searcher" || fail "the long-lived searcher failed: $(cat "$work/searcher.log")"
! grep -q '"error"' "$work/answers" || fail "a search failed during the rebuild: $(grep error "$work/answers")"

# --- a killed rebuild leaves the live index untouched ------------------------
snapshot() { "$bin" --db "$db" search --json --limit 20 'transport corridors'; }
snapshot >"$work/before.json"
before=$(live_stub)
mkfifo "$work/v3.jsonl"
corpus "$work/v3-all.jsonl" 1 300 thirdword
"$tools/reindex" "$work/v3.jsonl" --db "$db" 2>"$work/killed.log" &
reindex=$!
exec 4>"$work/v3.jsonl"
head -n 100 "$work/v3-all.jsonl" >&4
wait_for "the rebuild to start writing" building
writer=$(sed -n 's/^pid \([0-9]*\).*/\1/p' "$db/LOCK")
[ -n "$writer" ] || fail "the lock file does not name the writer"
kill -KILL "$writer"
set +e
wait "$reindex"
code=$?
set -e
exec 4>&-
[ "$code" -ne 0 ] || fail "a killed rebuild exited 0"
grep -q "killed" "$work/killed.log" || fail "no word of the kill: $(cat "$work/killed.log")"
grep -q "unchanged" "$work/killed.log" || fail "no word that the live index is unchanged: $(cat "$work/killed.log")"
[ "$(live_stub)" = "$before" ] || fail "a killed rebuild switched the index"
snapshot | cmp -s - "$work/before.json" || fail "searches changed after a killed rebuild"
[ "$(total thirdword)" = 0 ] || fail "the killed rebuild is visible"

# --- an interrupted rebuild (TERM to the script) -----------------------------
"$tools/reindex" "$work/v3.jsonl" --db "$db" 2>"$work/term.log" &
reindex=$!
exec 4>"$work/v3.jsonl"
head -n 100 "$work/v3-all.jsonl" >&4
wait_for "the rebuild to start writing" building
kill -TERM "$reindex"
set +e
wait "$reindex"
code=$?
set -e
exec 4>&- 2>/dev/null || true
[ "$code" -ne 0 ] || fail "an interrupted rebuild exited 0"
grep -q "interrupted" "$work/term.log" || fail "no word of the interruption: $(cat "$work/term.log")"
[ "$(live_stub)" = "$before" ] || fail "an interrupted rebuild switched the index"
snapshot | cmp -s - "$work/before.json" || fail "searches changed after an interrupted rebuild"

# --- refused rebuilds --------------------------------------------------------
mkdir "$work/empty"
set +e
"$tools/reindex" "$work/empty" --db "$db" 2>"$work/empty.log"; code=$?
set -e
[ "$code" -eq 2 ] || fail "a rebuild from nothing exited $code"
grep -q "unchanged" "$work/empty.log" || fail "refusal does not say the index is unchanged"
head -n 20 "$work/v3-all.jsonl" >"$work/small.jsonl"
set +e
"$tools/reindex" "$work/small.jsonl" --db "$db" 2>"$work/shrink.log"; code=$?
set -e
[ "$code" -eq 2 ] || fail "a rebuild to 20 of 280 statements exited $code"
grep -q "fewer than" "$work/shrink.log" || fail "shrink refusal: $(cat "$work/shrink.log")"
set +e
"$tools/reindex" "$work/v2-all.jsonl" --db "$db" --check 'nosuchwordanywhere' 2>"$work/check.log"; code=$?
set -e
[ "$code" -eq 2 ] || fail "a rebuild failing its --check exited $code"
[ "$(live_stub)" = "$before" ] || fail "a refused rebuild switched the index"
snapshot | cmp -s - "$work/before.json" || fail "searches changed after refused rebuilds"
"$tools/reindex" "$work/v2-all.jsonl" --db "$db" 2>"$work/log" || fail "reindex after failures: $(cat "$work/log")"
! building || fail "leftovers of the killed rebuild remain"

# --- update: only what changed, and prune -------------------------------------
mkdir "$work/v4"
corpus "$work/v4/a.jsonl" 1 250 newword                 # 1-250 as indexed
sed -i -e 's/Statement 7 on/Statement 7 now on/' -e 's/Statement 8 on/Statement 8 now on/' \
  -e 's/Statement 9 on/Statement 9 now on/' "$work/v4/a.jsonl"  # 3 changed
corpus "$work/v4/c.jsonl" 501 502 newword               # 2 new; 251-280 are gone
"$tools/update" "$work/v4" --db "$db" --prune >"$work/update.out" 2>"$work/log" || fail "update: $(cat "$work/log")"
grep -qx "tools/update: $db: added 2, changed 3, unchanged 247, removed 30, skipped 0" "$work/update.out" ||
  fail "first update reported: $(cat "$work/update.out")"
[ "$(statements)" = 252 ] || fail "after update: $(statements) statements"
[ "$(total '"7 now on"')" = 1 ] || fail "the changed statement is not searchable"
find "$db" -type f ! -name LOCK ! -name flintlock -exec md5sum {} + | sort >"$work/files1"
"$tools/update" "$work/v4" --db "$db" --prune >"$work/update.out" 2>"$work/log" || fail "second update: $(cat "$work/log")"
grep -qx "tools/update: $db: added 0, changed 0, unchanged 252, removed 0, skipped 0" "$work/update.out" ||
  fail "second update reported: $(cat "$work/update.out")"
find "$db" -type f ! -name LOCK ! -name flintlock -exec md5sum {} + | sort >"$work/files2"
cmp -s "$work/files1" "$work/files2" || fail "a second update changed files: $(diff "$work/files1" "$work/files2")"

# --- the lock: a second run says who holds the index ------------------------
mkfifo "$work/slow.jsonl"
"$bin" --db "$db" -q index --update "$work/slow.jsonl" 2>"$work/holder.log" &
holder=$!
pids+=("$holder")
exec 5>"$work/slow.jsonl"
wait_for "the writer to take the lock" grep -q "^pid $holder" "$db/LOCK"
for run in "update $work/v4 --db $db" "reindex $work/v4 --db $db" "compact --db $db"; do
  set +e
  # shellcheck disable=SC2086  # the arguments are simple paths
  "$tools/"$run >/dev/null 2>"$work/locked.log"; code=$?
  set -e
  [ "$code" -eq 4 ] || fail "tools/$run while locked exited $code"
  grep -q "locked by pid $holder" "$work/locked.log" || fail "tools/$run does not name the holder: $(cat "$work/locked.log")"
  grep -q "another run holds" "$work/locked.log" || fail "tools/$run does not say it did nothing"
done
exec 5>&-
wait "$holder" || fail "the lock holder failed: $(cat "$work/holder.log")"

# --- compact -------------------------------------------------------------------
snapshot >"$work/before.json"
generation=$(live_stub)
"$tools/compact" --db "$db" 2>"$work/log" || fail "compact: $(cat "$work/log")"
[ "$(live_stub)" != "$generation" ] || fail "compact did not switch a new generation in"
snapshot | cmp -s - "$work/before.json" || fail "searches changed after compaction"
[ "$(statements)" = 252 ] || fail "after compact: $(statements) statements"

# --- usage -------------------------------------------------------------------
set +e
"$tools/update" "$work/v4" >/dev/null 2>"$work/log"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q -- "--db DIR" "$work/log" || fail "update without --db exited $code: $(cat "$work/log")"
echo "tools end-to-end: all checks passed"
