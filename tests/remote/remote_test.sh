#!/usr/bin/env bash
# Search across machines: a corpus indexed as a two-shard archive, each
# shard served by its own xapian-tcpsrv on 127.0.0.1, searched through a
# Xapian stub file of "remote" lines, must answer exactly as the same
# corpus in one local database: same ids in the same order, same scores,
# passages and facet counts. Then the archive is updated and rebuilt with
# tools/update and tools/reindex while served, and the remote search
# follows. Exits 77 (reported as skipped) when xapian-tcpsrv is missing.
# usage: remote_test.sh COMMUNIQUE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
export COMMUNIQUE_BIN=$bin
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv is not installed (apt-get install xapian-tools); remote search not tested"
  exit 77
fi
work=$(mktemp -d)
servers=()
cleanup() {
  # Each server leads its own process group (its connection handlers too).
  for p in "${servers[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  for p in "${servers[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - "$work/corpus.jsonl" <<'PY'
import json, sys
countries = ["CHN", "KAZ", "RUS", "FRA", "UZB", "KGZ"]
ministers = ["Wang Yi", "Sergey Lavrov", "Aibek Zhanuzakov", "Catherine Colonna"]
with open(sys.argv[1], "w") as out:
    for i in range(1, 401):
        body = (f"Statement {i}: the minister discussed transport corridors, grain exports and "
                f"{'sanctions' if i % 4 == 0 else 'peace talks'} with partners from Central Asia. "
                f"Round {i % 13} of consultations on the Belt and Road followed.\n\n"
                f"A second paragraph on {'water security' if i % 5 else 'energy'} and trade, "
                f"number {i % 7}.")
        if i % 25 == 0:
            body = "An identical short statement on grain exports."  # equal scores: ties
        out.write(json.dumps({"id": f"st-{i:04d}", "title": f"Statement {i % 30}", "body": body,
                              "country": countries[i % 6], "date": f"{2010 + i % 12}" if i % 3 else
                              f"{2010 + i % 12}-0{1 + i % 9}-1{i % 10}",
                              "ministers": [ministers[i % 4]] + ([ministers[(i + 1) % 4]] if i % 6 == 0 else []),
                              "mentions": [countries[(i + 2) % 6]]}) + "\n")
PY
cat "$src/tests/data/statements.jsonl" >>"$work/corpus.jsonl"  # other languages and scripts

"$bin" --db "$work/single" -q index "$work/corpus.jsonl" || fail "indexing the single database"
"$bin" --db "$work/archive" -q index --shards 2 "$work/corpus.jsonl" || fail "indexing the two-shard archive"
for shard in shard-00 shard-01; do
  n=$("$bin" --db "$work/archive/$shard" -q stats --json | sed -n 's/^{"statements":\([0-9]*\),.*/\1/p')
  [ "$n" -gt 50 ] || fail "$shard holds $n statements; the hash does not split the corpus"
done

# Two servers, one shard each, on free ports of 127.0.0.1.
ports=$(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
read -r port0 port1 <<<"$ports"
serve() {  # serve PORT SHARD_DIR
  # In a session of its own: on TERM, xapian-tcpsrv signals its whole
  # process group, which must not be this script's (or ctest's).
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$1" "$2" >"$work/server-$1.log" 2>&1 &
  servers+=("$!")
}
serve "$port0" "$work/archive/shard-00"
serve "$port1" "$work/archive/shard-01"
for port in "$port0" "$port1"; do
  for i in $(seq 100); do
    grep -q "Listening" "$work/server-$port.log" && break
    sleep 0.1
  done
  grep -q "Listening" "$work/server-$port.log" || fail "xapian-tcpsrv on $port did not start: $(cat "$work/server-$port.log")"
done
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port0" "$port1" >"$work/remote.stub"

queries=(
  'transport corridors' 'grain exports' '"belt and road"' 'sanctions -peace' 'peace OR energy'
  'water security country:KAZ' 'country:China' 'minister:Lavrov' 'minister:"Wang Yi" grain'
  'mentions:UZB trade' 'date:2015' 'date:2012..2016 corridors' 'country:FRA date:2019..'
  'санкций' '一带一路' 'negociations' 'WHO vaccines' 'statement'
)
compare() {  # compare DB: every query answers exactly as the single database does
  local q
  for q in "${queries[@]}"; do
    "$bin" --db "$work/single" search --json --limit 40 --facets 0 "$q" >"$work/a.json" || fail "single: $q"
    "$bin" --db "$1" search --json --limit 40 --facets 0 "$q" >"$work/b.json" || fail "$1: $q"
    cmp -s "$work/a.json" "$work/b.json" || fail "'$q' differs through $1:
$(diff <(tr '{' '\n' <"$work/a.json") <(tr '{' '\n' <"$work/b.json") | head -20)"
  done
}
compare "$work/archive"        # the archive's own stub: both shards, locally
compare "$work/remote.stub"    # through the servers
# similar (relevance feedback over the shards' term lists) likewise.
for id in st-0001 st-0025 st-0124 st-0360; do
  "$bin" --db "$work/single" similar --json --limit 20 "$id" >"$work/a.json" || fail "single: similar $id"
  grep -q '"hits":\[{' "$work/a.json" || fail "similar $id finds nothing: $(cat "$work/a.json")"
  for db in "$work/archive" "$work/remote.stub"; do
    "$bin" --db "$db" similar --json --limit 20 "$id" >"$work/b.json" || fail "$db: similar $id"
    cmp -s "$work/a.json" "$work/b.json" || fail "similar $id differs through $db:
$(diff <(tr '{' '\n' <"$work/a.json") <(tr '{' '\n' <"$work/b.json") | head -20)"
  done
done
python3 - "$work/single" "$work/remote.stub" "$bin" <<'PY' || fail "the checks are not checking"
import json, subprocess, sys
single, stub, bin = sys.argv[1:]
# (Apart: the corpus is generated, and many of its statements near-identical.)
r = json.loads(subprocess.check_output([bin, "--db", stub, "search", "--json", "--no-collapse", "--limit", "40", "grain exports"]))
ids = [h["id"] for h in r["hits"]]
assert r["total"] > 40 and len(ids) == 40, r["total"]
scores = [h["score"] for h in r["hits"]]
assert len(set(scores)) < len(scores), "no ties: the test would not see tie order"
assert all(h["passages"] and h["passages"][0]["highlights"] for h in r["hits"][:10])
assert sum(f["count"] for f in r["facets"]["country"]) == r["total"]
PY
s1=$("$bin" --db "$work/single" stats --json | sed 's/"generation":"[^"]*",//')
s2=$("$bin" --db "$work/remote.stub" stats --json | sed 's/"generation":"[^"]*",//')
[ "$s1" = "$s2" ] || fail "stats differ through the servers"

# Updating the served archive with the scripts: new connections see it.
sed -i 's/Statement 17: the minister/Statement 17: the foreign minister of Narnia/' "$work/corpus.jsonl"
"$src/tools/update" "$work/corpus.jsonl" --db "$work/archive" >"$work/update.out" 2>"$work/log" ||
  fail "tools/update on the archive: $(cat "$work/log")"
grep -q "added 0, changed 1, unchanged" "$work/update.out" || fail "update of the archive: $(cat "$work/update.out")"
"$bin" --db "$work/remote.stub" search --json narnia | grep -q '"id":"st-0017"' || fail "remote search misses the update"
"$src/tools/reindex" "$work/corpus.jsonl" --db "$work/archive" 2>"$work/log" || fail "tools/reindex on the archive: $(cat "$work/log")"
"$bin" --db "$work/single" -q index --update "$work/corpus.jsonl"
compare "$work/remote.stub"    # the servers now serve the rebuilt generations
echo "remote end-to-end: two xapian-tcpsrv shards answer exactly as one database (${#queries[@]} queries)"
