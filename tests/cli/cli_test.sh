#!/usr/bin/env bash
# End-to-end test of the communique command on the shipped sample corpus.
# usage: cli_test.sh COMMUNIQUE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/db
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" --db "$db" index "$src/corpus/sample" --report "$work/report.json" 2>"$work/index.log" ||
  fail "index exited $? ($(cat "$work/index.log"))"
grep -q "indexed" "$work/index.log" || fail "no summary on stderr"
n=$(grep -c . "$src/corpus/sample/statements.jsonl")
python3 - "$work/report.json" "$n" <<'PY' || fail "report does not account for every record"
import json, sys
r = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert r["read"] == n and r["indexed"] + r["skipped"] == n, r
PY

# Human output: a ranked hit, a passage, a facet summary; results on stdout only.
"$bin" --db "$db" search 'transport corridors' >"$work/human.txt" 2>"$work/search.log"
grep -q "statements match" "$work/human.txt" || fail "no total in human output"
grep -q "Statements by" "$work/human.txt" || fail "no facet summary"
[ ! -s "$work/search.log" ] || fail "search wrote to stderr: $(cat "$work/search.log")"

# JSON: the documented shape, offsets into the body.
"$bin" --db "$db" search --json --passages 2 'transport corridors' >"$work/one.json"
python3 - "$work/one.json" "$src/corpus/sample/statements.jsonl" <<'PY' || fail "JSON output is wrong"
import json, sys
r = json.loads(open(sys.argv[1]).read())
bodies = {json.loads(l)["id"]: json.loads(l)["body"] for l in open(sys.argv[2]) if l.strip()}
assert set(r) == {"query", "total", "hits", "facets"}, r.keys()
assert r["total"] >= len(r["hits"]) > 0
for h in r["hits"]:
    assert {"id", "score", "title", "date", "country", "ministers", "passages"} <= set(h)
    assert 0 < len(h["passages"]) <= 2
    body = bodies[h["id"]].encode()
    for p in h["passages"]:
        assert body[p["start"]:p["end"]].decode() == p["text"]
        for s, e in p["highlights"]:
            assert 0 <= s < e <= len(p["text"].encode())
assert set(r["facets"]) == {"country", "minister", "year"}
assert all(isinstance(f["value"], str) for f in r["facets"]["year"])
PY

# Batch: one line per query, in order; a bad query yields an error object.
printf 'sanctions\ncountry:Atlantis\n"belt and road"\n' | "$bin" --db "$db" search --batch - --json >"$work/batch.json"
python3 - "$work/batch.json" <<'PY' || fail "batch output is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["query"] for l in lines] == ["sanctions", "country:Atlantis", '"belt and road"'], lines
assert "error" in lines[1] and "hits" in lines[0] and "hits" in lines[2]
# Each answer says how long it took inside the process (for benchmarks).
for l in (lines[0], lines[2]):
    assert isinstance(l["took_ms"], (int, float)) and 0 <= l["took_ms"] < 60000, l.get("took_ms")
assert "took_ms" not in lines[1]
PY

# Exit codes: missing index 3, bad query 5, usage 2.
set +e
"$bin" --db "$work/missing" search peace 2>"$work/err.txt"; code=$?
[ $code -eq 3 ] || fail "missing index exited $code"
grep -q "no index at" "$work/err.txt" || fail "missing index message: $(cat "$work/err.txt")"
"$bin" --db "$db" search '(peace' 2>"$work/err.txt"; code=$?
[ $code -eq 5 ] || fail "bad query exited $code"
grep -q "never closed" "$work/err.txt" || fail "bad query message: $(cat "$work/err.txt")"
"$bin" --db "$db" search --limit notanumber x 2>/dev/null; code=$?
[ $code -eq 2 ] || fail "bad usage exited $code"
set -e

# Stats agree with the sample.
"$bin" --db "$db" stats --json >"$work/stats.json"
python3 - "$work/stats.json" "$n" <<'PY' || fail "stats disagree with the corpus"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["statements"] == int(sys.argv[2]), s["statements"]
assert sum(f["count"] for f in s["facets"]["country"]) == s["statements"]
PY

# COMMUNIQUE_DB is the default database.
COMMUNIQUE_DB=$db "$bin" search --json peace >/dev/null || fail "COMMUNIQUE_DB not used"
# Formats as ministries publish them: detected by content and layout, every
# record accounted for, files that are not statements listed.
"$bin" --db "$work/ingest.db" index "$src/tests/data/ingest" --report "$work/ingest.json" 2>"$work/ingest.log" ||
  fail "index of the format fixtures exited $? ($(cat "$work/ingest.log"))"
python3 - "$work/ingest.json" <<'PY' || fail "format fixtures report is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["per_format"] == {"ministry-json": 5, "page": 2, "ungdc": 6}, r["per_format"]
assert r["indexed"] + r["skipped"] == r["read"] == 13, r
assert r["files_skipped"] == 3, r["skipped_files"]
for kind in ("no-speaker-row", "speaker-row-without-file", "duplicate-speaker-row", "empty-body", "bad-date"):
    assert r["problem_counts"].get(kind), (kind, r["problem_counts"])
PY
printf 'Date,Title,Speech\n2023-03-01,Address,"Nepal and India, together."\n' >"$work/speeches.csv"
"$bin" --db "$work/csv.db" index --map date=Date --map title=Title --map body=Speech --set country=NPL \
  "$work/speeches.csv" 2>"$work/csv.log" || fail "csv index exited $? ($(cat "$work/csv.log"))"
"$bin" --db "$work/csv.db" search --json 'country:NPL mentions:IND' >"$work/csv.json"
python3 - "$work/csv.json" <<'PY' || fail "csv statement not found by its facets"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["total"] == 1 and r["hits"][0]["date"] == "2023-03-01", r
PY
set +e
"$bin" --db "$work/strict.db" index --strict "$src/tests/data/ingest" 2>"$work/strict.log"; code=$?
set -e
[ $code -eq 2 ] || fail "--strict with problems exited $code"

echo "cli end-to-end: all checks passed"
