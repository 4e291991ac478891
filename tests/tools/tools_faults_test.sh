#!/usr/bin/env bash
# The batch scripts never report what they do not know: tools/update fails
# rather than print figures from a report communique did not write (a
# full disk where the report goes, or any other reason), and
# tools/reindex refuses to rebuild when it cannot read the live index's
# size (which its shrink guard needs), unless there is no index at all or
# --allow-shrink says the size does not matter.
# usage: tools_faults_test.sh COMMUNIQUE_BINARY SOURCE_DIR [--sanitized]
set -euo pipefail
bin=$1
src=$2
sanitized=${3:-}
tools=$src/tools
work=$(mktemp -d)
mounted=
cleanup() {
  [ -z "$mounted" ] || umount -l "$mounted" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db=$work/db

corpus() {  # corpus FILE FIRST LAST
  python3 - "$@" <<'PY'
import json, sys
path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as out:
    for i in range(first, last + 1):
        out.write(json.dumps({"id": f"s-{i:04d}", "body": f"Statement {i} on transport corridors and trade.",
                              "country": "KAZ", "date": "2020-01-01"}) + "\n")
PY
}
statements() { "$bin" --db "$db" -q stats --json | sed -n 's/^{"statements":\([0-9]*\),.*/\1/p'; }
corpus "$work/all.jsonl" 1 200
corpus "$work/new.jsonl" 201 202
head -n 20 "$work/all.jsonl" >"$work/few.jsonl"
COMMUNIQUE_BIN=$bin "$tools/reindex" "$work/all.jsonl" --db "$db" 2>"$work/log" || fail "first reindex: $(cat "$work/log")"

# --- tools/update: no report, no figures ------------------------------------
# A communique that indexes but writes no report, or half of one.
cat >"$work/no-report" <<SH
#!/usr/bin/env bash
# Runs the real index command with the report sent nowhere, leaves the report empty.
args=() report=
while [ \$# -gt 0 ]; do
  if [ "\$1" = --report ]; then report=\$2; args+=(--report /dev/null); shift 2; else args+=("\$1"); shift; fi
done
"$bin" "\${args[@]}" || exit
[ -z "\$report" ] || : >"\$report"
SH
cat >"$work/half-report" <<SH
#!/usr/bin/env bash
args=() report=
while [ \$# -gt 0 ]; do
  if [ "\$1" = --report ]; then report=\$2; shift 2; else args+=("\$1"); shift; fi
done
"$bin" "\${args[@]}" --report "\$report" || exit
head -c 40 "\$report" >"\$report.cut" && mv "\$report.cut" "\$report"
SH
chmod +x "$work/no-report" "$work/half-report"
for fake in no-report half-report; do
  set +e
  COMMUNIQUE_BIN=$work/$fake "$tools/update" "$work/new.jsonl" --db "$db" >"$work/out" 2>"$work/log"
  code=$?
  set -e
  [ "$code" -ne 0 ] || fail "tools/update with a $fake communique exited 0 and printed: $(cat "$work/out")"
  [ ! -s "$work/out" ] || fail "tools/update with a $fake communique printed figures: $(cat "$work/out")"
  grep -q "what the update did is unknown" "$work/log" || fail "tools/update ($fake) does not say why: $(cat "$work/log")"
  echo "tools/update, $fake: exit $code, $(tail -n 1 "$work/log")"
done
[ "$(statements)" = 202 ] || fail "the updates through the fakes did not run: $(statements) statements"

# The real thing: the report's directory (TMPDIR) on a full disk, as root.
if [ "$(id -u)" -eq 0 ] && [ -z "${COMMUNIQUE_TEST_NO_MOUNT:-}" ] && mkdir "$work/full" &&
   mount -t tmpfs -o size=64k tmpfs "$work/full" 2>/dev/null; then
  mounted=$work/full
  dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null || true
  corpus "$work/new2.jsonl" 203 204
  set +e
  TMPDIR=$work/full COMMUNIQUE_BIN=$bin "$tools/update" "$work/new2.jsonl" --db "$db" >"$work/out" 2>"$work/log"
  code=$?
  set -e
  [ "$code" -eq 6 ] || fail "tools/update with its report on a full disk exited $code: $(cat "$work/log") $(cat "$work/out")"
  [ ! -s "$work/out" ] || fail "tools/update with its report on a full disk printed figures: $(cat "$work/out")"
  grep -q "cannot write the report" "$work/log" || fail "no word of the report: $(cat "$work/log")"
  echo "tools/update, report on a full disk: exit 6, $(grep 'cannot write' "$work/log" | head -c 200)"
else
  echo "SKIPPED (loudly): tools/update with its report on a full tmpfs needs root to mount one; the fakes stood in"
fi

# --- tools/reindex: an unreadable live index is not an empty one -------------
before=$(statements)
stub=$(cat "$db/XAPIANDB")
# A communique whose stats fails as it does out of descriptors.
cat >"$work/no-stats" <<SH
#!/usr/bin/env bash
for a in "\$@"; do
  if [ "\$a" = stats ]; then echo "error: opening index: Too many open files" >&2; exit 6; fi
done
exec "$bin" "\$@"
SH
chmod +x "$work/no-stats"
set +e
COMMUNIQUE_BIN=$work/no-stats "$tools/reindex" "$work/few.jsonl" --db "$db" 2>"$work/log"
code=$?
set -e
[ "$code" -eq 6 ] || fail "tools/reindex that cannot read the live size exited $code: $(cat "$work/log")"
grep -q "cannot read the size of the live index" "$work/log" || fail "no word of the size: $(cat "$work/log")"
[ "$(cat "$db/XAPIANDB")" = "$stub" ] && [ "$(statements)" = "$before" ] ||
  fail "tools/reindex switched in 20 statements over $before it could not count"
echo "tools/reindex, live size unreadable: exit 6, $(tail -n 1 "$work/log" | head -c 200)"
COMMUNIQUE_BIN=$work/no-stats "$tools/reindex" "$work/few.jsonl" --db "$db" --allow-shrink 2>"$work/log" ||
  fail "tools/reindex --allow-shrink without the live size: $(cat "$work/log")"
[ "$(statements)" = 20 ] || fail "tools/reindex --allow-shrink did not rebuild"

# Really out of descriptors, over an archive of 8 shards. (Not under the
# sanitizers: UBSan's own checks need descriptors, see io_faults_test.py.)
if [ "$sanitized" = --sanitized ]; then
  echo "SKIPPED (loudly): tools/reindex out of descriptors under the sanitizers; the fake stood in"
else
  COMMUNIQUE_BIN=$bin "$tools/reindex" "$work/all.jsonl" --db "$work/archive" --shards 8 2>"$work/log" ||
    fail "reindex into an archive: $(cat "$work/log")"
  set +e
  (ulimit -n 20 && COMMUNIQUE_BIN=$bin "$tools/reindex" "$work/few.jsonl" --db "$work/archive") 2>"$work/log"
  code=$?
  set -e
  [ "$code" -eq 6 ] && grep -q "Too many open files" "$work/log" && grep -q "cannot read the size" "$work/log" ||
    fail "tools/reindex with ulimit -n 20 exited $code: $(cat "$work/log")"
  echo "tools/reindex, ulimit -n 20 over 8 shards: exit 6"
fi

# A damaged stub: refused (exit 7) unless --allow-shrink, which rebuilds and mends it.
rm "$db/XAPIANDB"
set +e
COMMUNIQUE_BIN=$bin "$tools/reindex" "$work/all.jsonl" --db "$db" 2>"$work/log"
code=$?
set -e
[ "$code" -eq 7 ] && grep -q "communique repair" "$work/log" || fail "tools/reindex over a damaged stub exited $code: $(cat "$work/log")"
COMMUNIQUE_BIN=$bin "$tools/reindex" "$work/all.jsonl" --db "$db" --allow-shrink 2>"$work/log" ||
  fail "tools/reindex --allow-shrink over a damaged stub: $(cat "$work/log")"
[ "$(statements)" = 200 ] || fail "after the mending rebuild: $(statements) statements"
echo "tools faults: all checks passed"
