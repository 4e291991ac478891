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
assert list(r["facets"]) == ["country", "minister", "year", "mentions", "role", "language"], list(r["facets"])
assert all(isinstance(f["value"], str) for f in r["facets"]["year"])
PY

# similar: the statements most like one, in search --json's shape, never
# the statement itself; a copy of it with a few words changed first.
"$bin" --db "$db" similar --json --limit 5 --passages 2 sample-001 >"$work/similar.json"
python3 - "$work/similar.json" "$src/corpus/sample/statements.jsonl" <<'PY' || fail "similar --json is wrong"
import json, sys
r = json.loads(open(sys.argv[1]).read())
bodies = {json.loads(l)["id"]: json.loads(l)["body"] for l in open(sys.argv[2]) if l.strip()}
assert set(r) == {"query", "total", "hits", "facets"}, r.keys()
assert r["query"] == "sample-001" and r["total"] >= len(r["hits"]) > 0, r
assert "sample-001" not in [h["id"] for h in r["hits"]] and len(r["hits"]) <= 5
for h in r["hits"]:
    assert 0 < len(h["passages"]) <= 2
    body = bodies[h["id"]].encode()
    for p in h["passages"]:
        assert body[p["start"]:p["end"]].decode() == p["text"]
    assert any(p["highlights"] for p in h["passages"]), h
assert list(r["facets"]) == ["country", "minister", "year", "mentions", "role", "language"], list(r["facets"])
PY
python3 - "$src/corpus/sample/statements.jsonl" "$work/copy.jsonl" <<'PY'
import json, sys
s = next(json.loads(l) for l in open(sys.argv[1]) if '"sample-001"' in l)
s["id"], s["date"] = "sample-001-copy", "2017-03-15"
s["body"] = s["body"].replace("steady growth", "constant growth").replace("summer", "autumn")
open(sys.argv[2], "w").write(json.dumps(s) + "\n")
PY
"$bin" --db "$work/copy.db" index -q "$src/corpus/sample" "$work/copy.jsonl"
"$bin" similar sample-001 --db "$work/copy.db" >"$work/similar.txt" ||
  fail "similar --db after the command exited $?"
grep -q "^[1-9][0-9]* statements share words with sample-001; the most alike first$" "$work/similar.txt" ||
  fail "similar: no total: $(head -3 "$work/similar.txt")"
[ "$(grep -m1 '| id ' "$work/similar.txt" | sed 's/.*| id //')" = sample-001-copy ] ||
  fail "similar: the copy does not rank first: $(cat "$work/similar.txt")"
! grep -q '| id sample-001$' "$work/similar.txt" || fail "similar lists the statement itself"
set +e
"$bin" --db "$db" similar no-such-id >"$work/out.txt" 2>"$work/err.txt"; code=$?
set -e
[ $code -eq 3 ] && [ ! -s "$work/out.txt" ] || fail "similar of an unknown id exited $code"
grep -q '^error: no statement has the id "no-such-id" in ' "$work/err.txt" ||
  fail "similar of an unknown id: $(cat "$work/err.txt")"

# Colour: --color always marks matches, titles and facet names (before or
# after the command); never, and auto into a pipe, colour nothing; JSON is
# never coloured; a bad value is refused.
esc=$'\e'
"$bin" --db "$db" --color always search 'transport corridors' >"$work/color.txt"
grep -q "${esc}\[1;31m[A-Za-z]*${esc}\[0m" "$work/color.txt" || fail "--color always: no match coloured"
grep -q "^1\. ${esc}\[1m" "$work/color.txt" || fail "--color always: no title in bold"
grep -q "^  ${esc}\[36mcountry:${esc}\[0m" "$work/color.txt" || fail "--color always: facet names not coloured"
"$bin" --db "$db" stats --color always >"$work/color.txt"
grep -q "${esc}\[36mcountry:" "$work/color.txt" || fail "stats --color always"
"$bin" --db "$db" similar --color=always sample-001 >"$work/color.txt"
grep -q "${esc}\[1;31m" "$work/color.txt" || fail "similar --color=always"
for args in "--color never search transport" "search transport" "--color always search --json transport" \
            "--color always similar --json sample-001" "--color always stats --json"; do
  # shellcheck disable=SC2086 # the command's words
  out=$("$bin" --db "$db" $args)
  ! grep -q "$esc" <<<"$out" || fail "colour in the output of: $args"
done
set +e
"$bin" --db "$db" --color sometimes search peace 2>"$work/err.txt"; code=$?
set -e
[ $code -eq 2 ] || fail "--color sometimes exited $code"
grep -q -- "--color" "$work/err.txt" || fail "--color sometimes: $(cat "$work/err.txt")"
# auto: on a terminal, unless NO_COLOR is set and not empty (no-color.org).
python3 - "$bin" "$db" <<'PY' || fail "--color auto on a terminal"
import os, pty, sys
def on_a_terminal(env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.argv[1], [sys.argv[1], "--db", sys.argv[2], "search", "transport"], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out
env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
assert b"\x1b[1;31m" in on_a_terminal(env), "auto colours nothing on a terminal"
assert b"\x1b" not in on_a_terminal(dict(env, NO_COLOR="1")), "NO_COLOR=1 is not obeyed"
assert b"\x1b[1;31m" in on_a_terminal(dict(env, NO_COLOR="")), "an empty NO_COLOR turns colour off"
assert b"\x1b" not in on_a_terminal(dict(env, TERM="dumb")), "TERM=dumb is coloured"
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
"$bin" --db "$db" search 'country:Atlantis' 2>"$work/err.txt"; code=$?
[ $code -eq 5 ] || fail "bad query exited $code"
grep -q "no country known" "$work/err.txt" || fail "bad query message: $(cat "$work/err.txt")"
"$bin" --db "$db" search --limit notanumber x 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] || fail "bad usage exited $code"
grep -q -- '--limit: "notanumber" is not a whole number from 0 to' "$work/err.txt" ||
  fail "bad number message: $(cat "$work/err.txt")"
"$bin" --db "$db" search --limit -1 peace >"$work/out.txt" 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && [ ! -s "$work/out.txt" ] || fail "--limit -1 exited $code, printed $(wc -l <"$work/out.txt") lines"

# A query with nothing to search for is refused, not matched to everything;
# an empty one says how to list statements; * lists every one.
"$bin" --db "$db" search '🇺🇦' >"$work/out.txt" 2>"$work/err.txt"; code=$?
[ $code -eq 5 ] && [ ! -s "$work/out.txt" ] || fail "'🇺🇦' exited $code: $(cat "$work/out.txt")"
grep -q '"🇺🇦" has no word to search for' "$work/err.txt" || fail "'🇺🇦' message: $(cat "$work/err.txt")"
"$bin" --db "$db" search '' 2>"$work/err.txt"; code=$?
[ $code -eq 5 ] || fail "an empty query exited $code"
grep -q "the query is empty.*filters alone to list statements.*\* to list every statement" "$work/err.txt" ||
  fail "empty query message: $(cat "$work/err.txt")"
set -e
[ "$("$bin" --db "$db" search --json --limit 0 '*' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = "$n" ] ||
  fail "* does not list every statement"

# Pasted text with an unclosed bracket or quote is answered, and told how
# it was read: on stderr, and in the JSON answer.
"$bin" --db "$db" search --json 'transport corridors (across the region' >"$work/paste.json" 2>"$work/paste.log" ||
  fail "a query with an unclosed '(' exited $?: $(cat "$work/paste.log")"
grep -q "^warning: query: the '(' at character 21 is never closed" "$work/paste.log" ||
  fail "no warning on stderr: $(cat "$work/paste.log")"
python3 - "$work/paste.json" <<'PY' || fail "unclosed '(': the JSON answer is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["total"] > 0 and len(r["warnings"]) == 1 and "never closed" in r["warnings"][0], r
PY

# A word no statement holds gets the nearest indexed word, in both outputs.
"$bin" --db "$db" search --json 'transport corirdors' >"$work/spell.json"
python3 - "$work/spell.json" <<'PY' || fail "no spelling suggestion in JSON"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["suggestions"] == [{"word": "corirdors", "suggestion": "corridors"}], r.get("suggestions")
assert r["did_you_mean"] == "transport corridors", r.get("did_you_mean")
PY
"$bin" --db "$db" search 'sanctoins' >"$work/spell.txt"
grep -q '^Did you mean "sanctions"? (no statement has sanctoins)$' "$work/spell.txt" ||
  fail "no spelling suggestion in human output: $(cat "$work/spell.txt")"

# Global options before or after the command, for every command.
"$bin" index --db "$work/after.db" -q "$src/corpus/sample" 2>"$work/after.log" ||
  fail "index --db after the command exited $?: $(cat "$work/after.log")"
[ ! -s "$work/after.log" ] || fail "-q after the command is not quiet: $(cat "$work/after.log")"
"$bin" search --db "$work/after.db" --json peace >"$work/after.json" || fail "search --db after the command"
"$bin" --db "$work/after.db" search --json peace | cmp -s - "$work/after.json" ||
  fail "--db before and after the command answer differently"
"$bin" stats --json --db "$work/after.db" | grep -q "\"statements\":$n," || fail "stats --db after the command"
"$bin" compact --db "$work/after.db" 2>"$work/after.log" || fail "compact --db after the command"
grep -q "compacted $work/after.db" "$work/after.log" || fail "compact --db after the command: $(cat "$work/after.log")"
"$bin" index --update --db "$work/after.db" -v "$src/corpus/sample" 2>"$work/after.log" ||
  fail "index -v after the command exited $?"
grep -q "^debug: committed" "$work/after.log" || fail "-v after the command logs no debugging detail"
[ ! -e communique.db ] || fail "an option after the command was ignored: ./communique.db was used"

# --version: the version, and those of Xapian and ICU.
"$bin" --version >"$work/version.txt" || fail "--version exited $?"
grep -qx "communique [0-9]*\.[0-9]*\.[0-9]*" <(head -1 "$work/version.txt") || fail "--version: $(cat "$work/version.txt")"
if command -v pkg-config >/dev/null && pkg-config --exists xapian-core icu-uc; then
  grep -q "^Xapian $(pkg-config --modversion xapian-core)\b.*, ICU $(pkg-config --modversion icu-uc)\b" "$work/version.txt" ||
    fail "--version does not name Xapian $(pkg-config --modversion xapian-core) and ICU $(pkg-config --modversion icu-uc): $(cat "$work/version.txt")"
fi

# A mistyped command is named, with the nearest command and the list.
set +e
"$bin" serch peace 2>"$work/err.txt"; code=$?
set -e
[ $code -eq 2 ] || fail "an unknown command exited $code"
grep -qx 'error: unknown command "serch"; did you mean search? The commands are index, search, compact, repair, stats, serve, similar, trend and kwic (communique --help).' \
  "$work/err.txt" || fail "unknown command message: $(cat "$work/err.txt")"

# A rebuild's --check with nothing to search for refuses the switch.
gen=$(cat "$db/XAPIANDB")
set +e
"$bin" --db "$db" index --rebuild --check '🇺🇦' "$src/corpus/sample" 2>"$work/check.log"; code=$?
set -e
[ $code -eq 2 ] || fail "--check '🇺🇦' exited $code: $(cat "$work/check.log")"
grep -q -- '--check "🇺🇦": "🇺🇦" has no word to search for.*not switched in' "$work/check.log" ||
  fail "--check message: $(cat "$work/check.log")"
[ "$(cat "$db/XAPIANDB")" = "$gen" ] || fail "a refused --check switched the index"

# Control characters from statements and queries reach the terminal
# escaped (JSON: as \u escapes), never raw.
python3 - "$work/hostile.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "esc\u001b[2J", "title": "Title \u001b]0;owned\u0007 \u009b31m",
                        "body": "Grain \u001b[31mcorridor\u001b[0m talks\u007f resumed.",
                        "ministers": ["Ann \u001b[5mLee"], "language": "en"}) + "\n")
PY
"$bin" --db "$work/hostile.db" index -q "$work/hostile.jsonl"
"$bin" --db "$work/hostile.db" search $'grain \e[1mcorridor' >"$work/hostile.txt" 2>&1
"$bin" --db "$work/hostile.db" search --json $'grain \e[1mcorridor' >"$work/hostile.json"
python3 - "$work/hostile.txt" "$work/hostile.json" <<'PY' || fail "control characters reach the terminal"
import json, re, sys
human, raw = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
for name, out in (("human", human), ("json", raw)):
    bad = re.findall(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", out)
    assert not bad, (name, bad, out)
text = human.decode()
for shown in (r"esc\x1b[2J", r"Title \x1b]0;owned\x07 \u009b31m", r"Ann \x1b[5mLee",
              r"talks\x7f", r'matches "grain \x1b[1mcorridor"'):
    assert shown in text, (shown, text)
r = json.loads(raw)
assert r["hits"][0]["title"] == "Title \u001b]0;owned\u0007 \u009b31m", r["hits"][0]["title"]
PY
# And in colour: the only escapes are the command's own colours.
"$bin" --db "$work/hostile.db" --color always search 'grain corridor' >"$work/hostile-color.txt"
python3 - "$work/hostile-color.txt" <<'PY' || fail "control characters reach the terminal in colour"
import re, sys
out = open(sys.argv[1], "rb").read()
ours = re.compile(rb"\x1b\[(?:1;31|1|36|0)m")
assert ours.search(out), out
bad = re.findall(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", ours.sub(b"", out))
assert not bad, (bad, out)
text = out.decode()
for shown in (r"Title \x1b]0;owned\x07 \u009b31m", r"\x1b[31m", r"Ann \x1b[5mLee"):
    assert shown in text, (shown, text)
PY

# Stats agree with the sample.
"$bin" --db "$db" stats --json >"$work/stats.json"
python3 - "$work/stats.json" "$n" <<'PY' || fail "stats disagree with the corpus"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["statements"] == int(sys.argv[2]), s["statements"]
assert sum(f["count"] for f in s["facets"]["country"]) == s["statements"]
PY

# The README's first search, as the quick start tells it to be run: from
# the checkout, where tools/quickstart left build-release/communique and
# build-release/sample.db (here: this binary, and the sample index).
mkdir -p "$work/checkout/build-release"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/checkout/build-release/communique"
ln -s "$db" "$work/checkout/build-release/sample.db"
awk '/^## Quick start/ {q=1} /^## Using/ {exit} q && /^    (export|communique) / {sub(/^    /, ""); print}' \
  "$src/README.md" >"$work/checkout/quickstart.sh"
grep -q '^communique search' "$work/checkout/quickstart.sh" || fail "no search in the README's quick start"
(cd "$work/checkout" && env -u COMMUNIQUE_DB bash -e quickstart.sh) >"$work/quickstart.txt" 2>&1 ||
  fail "the README's quick start search failed: $(cat "$work/quickstart.txt")"
grep -q "^[1-9][0-9]* statements\? match" "$work/quickstart.txt" ||
  fail "the README's quick start search finds nothing: $(cat "$work/quickstart.txt")"

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

# trend: per year, the counts of search (QUERY date:YEAR) and the index's
# statements then; CSV, JSON and a table with bars fitted to the terminal.
"$bin" --db "$db" trend --csv peace >"$work/trend.csv"
"$bin" --db "$db" trend --json --by month --split country --top 2 peace >"$work/trend.json"
COLUMNS=60 "$bin" --db "$db" trend peace >"$work/trend.txt"
python3 - "$bin" "$db" "$work/trend.csv" "$work/trend.json" "$work/trend.txt" <<'PY' || fail "trend output is wrong"
import csv, json, subprocess, sys
bin, db = sys.argv[1], sys.argv[2]
def total(q):
    out = subprocess.run([bin, "--db", db, "search", "--json", "--limit", "0", q], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["total"]
rows = list(csv.reader(open(sys.argv[3])))
assert rows[0] == ["period", "series", "count", "total", "per_1000"], rows[0]
assert len(rows) > 3 and all(r[1] == "all" for r in rows[1:]), rows
for period, _, count, all_, per in rows[1:]:
    assert int(count) == total("peace date:" + period), (period, count)
    assert int(all_) == total("* date:" + period), (period, all_)
    assert abs(float(per) - 1000 * int(count) / int(all_)) < 0.001
assert sum(int(r[2]) for r in rows[1:]) == total("peace")
t = json.load(open(sys.argv[4]))
assert list(t) == ["query", "by", "split", "total", "series"], list(t)
assert t["by"] == "month" and t["split"] == "country" and t["total"] == total("peace")
assert [s["key"] for s in t["series"]][-1] == "other" and len(t["series"]) == 3, t["series"]
for s in t["series"][:2]:
    for p in s["points"]:
        assert set(p) == {"period", "count", "total", "per_1000"}
        if p["count"]:
            assert p["count"] == total('peace country:%s date:%s' % (s["key"], p["period"])), p
table = open(sys.argv[5], encoding="utf-8").read().splitlines()
assert table[0].startswith('%d statements match "peace", by year' % total("peace")), table[0]
assert any("█" in line for line in table) and all(len(line) <= 60 for line in table[1:]), table
PY

# kwic: every occurrence, the count exact whatever the listing's limit.
"$bin" --db "$db" kwic --csv peace >"$work/kwic.csv" 2>"$work/kwic.log"
"$bin" --db "$db" kwic --json --limit 3 peace >"$work/kwic.json"
"$bin" --db "$db" kwic --limit 2 --width 20 peace >"$work/kwic.txt"
python3 - "$work/kwic.csv" "$work/kwic.json" "$work/kwic.txt" "$work/kwic.log" <<'PY' || fail "kwic output is wrong"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0] == ["id", "date", "country", "left", "match", "right"], rows[0]
k = json.load(open(sys.argv[2]))
assert list(k) == ["query", "lines", "statements", "occurrences", "listed"], list(k)
assert k["listed"] == len(k["lines"]) == 3 and k["occurrences"] == len(rows) - 1 > 3, k
assert {r[4].lower() for r in rows[1:]} >= {"peace", "peaceful"}, {r[4] for r in rows[1:]}
for line in k["lines"]:
    assert set(line) == {"id", "date", "country", "left", "match", "right", "start", "end"}
text = open(sys.argv[3], encoding="utf-8").read().splitlines()
assert len(text) == 4 and text[3].startswith("%d occurrences in %d matching statements" %
                                             (k["occurrences"], k["statements"])), text
assert text[0].index("*") == text[1].index("*"), text  # aligned on the match
assert "%d occurrences" % k["occurrences"] in open(sys.argv[4]).read()
PY
set +e
"$bin" --db "$db" kwic country:CHN >/dev/null 2>"$work/kwic-err.log"; code=$?
"$bin" --db "$db" trend --split title peace >/dev/null 2>&1; code2=$?
set -e
[ $code -eq 5 ] && grep -q "has no word to find" "$work/kwic-err.log" || fail "kwic of filters alone exited $code"
[ $code2 -eq 2 ] || fail "trend --split title exited $code2"

# Hostile text in CSV and JSON: quotes, commas, line breaks, markup,
# control characters and formulas come out as data, one row per line.
python3 - "$work/views.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": 'v,"1"', "date": "2021-02-03", "language": "en",
                        "ministers": ['Ann "Q" <script>alert(1)</script>'],
                        "body": '=HYPERLINK("x") said, "the\r\ntreaty" <script>x</script> \u001b[2J treaty, "end"'}) + "\n")
PY
"$bin" --db "$work/views.db" index -q "$work/views.jsonl"
"$bin" --db "$work/views.db" kwic --csv --width 60 treaty >"$work/views.csv" 2>/dev/null
"$bin" --db "$work/views.db" kwic --json --width 60 treaty >"$work/views.json"
"$bin" --db "$work/views.db" trend --csv --split minister treaty >"$work/views-trend.csv"
"$bin" --db "$work/views.db" trend --json --split minister treaty >"$work/views-trend.json"
"$bin" --db "$work/views.db" search --json treaty >"$work/views-search.json"
python3 - "$work" <<'PY' || fail "hostile text is not escaped in CSV or JSON"
import csv, json, re, sys
w = sys.argv[1]
for name in ("views.csv", "views.json", "views-trend.csv", "views-trend.json"):
    raw = open(w + "/" + name, "rb").read()
    bad = re.findall(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", raw)
    assert not bad, (name, bad, raw)
rows = list(csv.reader(open(w + "/views.csv", encoding="utf-8")))
assert len(rows) == 3 and all(len(r) == 6 for r in rows), rows
assert rows[1][0] == 'v,"1"' and rows[1][3].startswith("'=HYPERLINK(\"x\") said, \"the"), rows[1]
assert rows[1][4] == "treaty" and "<script>x</script> \\x1b[2J treaty" in rows[1][5], rows[1]
k = json.load(open(w + "/views.json"))
assert k["occurrences"] == 2 and k["lines"][0]["id"] == 'v,"1"', k
assert k["lines"][0]["left"] == '=HYPERLINK("x") said, "the ', k["lines"][0]
assert "\u001b[2J" in k["lines"][0]["right"]
# The series is the minister as indexed (names are tidied on the way in:
# the markup stays, as text), as search shows it.
name = json.load(open(w + "/views-search.json"))["hits"][0]["ministers"][0]
assert "<script>" in name, name
t = list(csv.reader(open(w + "/views-trend.csv", encoding="utf-8")))
assert all(len(r) == 5 for r in t) and t[1][1] == name, (t, name)
assert json.load(open(w + "/views-trend.json"))["series"][0]["key"] == name
PY

echo "cli end-to-end: all checks passed"
