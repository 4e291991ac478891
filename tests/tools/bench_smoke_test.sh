#!/usr/bin/env bash
# Smoke test of the benchmark (tools/bench/run): on the shipped sample
# corpus, without the Release build or the peers, it prints its table and
# writes its JSON with sane figures, the scale run included. Not the
# benchmark itself: that takes minutes on the shared corpus.
# usage: bench_smoke_test.sh COMMUNIQUE_BINARY REPLICATE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
replicate=$2
src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

COMMUNIQUE_BIN=$bin COMMUNIQUE_REPLICATE=$replicate \
  "$src/tools/bench/run" --smoke --corpus "$src/corpus/sample" --scale 2 --clients 2 \
  --work "$work/run" --out "$work/results.json" >"$work/table.md" 2>"$work/run.log" ||
  fail "tools/bench/run exited $?: $(tail -20 "$work/run.log")"

grep -q '^| system | index s | MB/s | peak RSS MB |' "$work/table.md" || fail "no table: $(cat "$work/table.md")"
grep -q '^| Communique |' "$work/table.md" || fail "no Communique row"
grep -q '^| 2x ÷ 1x |' "$work/table.md" || fail "no scale row"
grep -q '^| serve under load | 2 |' "$work/table.md" || fail "no load run row"
[ ! -e "$work/run/db" ] || fail "databases left behind without --keep"

python3 - "$work/results.json" "$src/corpus/sample/statements.jsonl" <<'PY' || fail "results JSON is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
n = sum(1 for l in open(sys.argv[2]) if l.strip())
assert r["statements"] == n and r["text_mb"] > 0, r
assert r["queries"] > 0, r
c = r["systems"]["communique"]
i, q = c["index"], c["query"]
assert 0 < i["wall_s"] < 120 and i["mb_per_s"] > 0, i
assert 1 < i["max_rss_mb"] < 2048 and 0 < i["size_mb"] < 100, i
ip = q["in_process"]
assert ip["n"] == r["queries"] * r["rounds"], ip
assert 0 < ip["p50_ms"] <= ip["p95_ms"] <= ip["p99_ms"] <= ip["max_ms"] < 10000, ip
assert 0 < ip["mean_ms"] <= ip["max_ms"], ip
# Inside the process a query takes no longer than the whole batch (whose
# wall time /usr/bin/time gives to 10 ms: a small batch may read 0.00).
assert ip["mean_ms"] * r["queries"] <= q["batch_wall_s"] * 1000 + 10, (ip, q)
s = r["scale"]
assert s["n"] == 2, s
one, two = s["runs"]["scale-1x"], s["runs"]["scale-2x"]
assert two["index"]["size_mb"] > one["index"]["size_mb"] > 0, s
assert s["growth"]["mb_per_s"] > 0 and s["growth"]["p95"] > 0, s["growth"]
assert any(t["target"].startswith("p95") for t in r["targets"]), r["targets"]
# The load run: the server answered every request of its clients.
sv = r["serve"]
l, b = sv["load"], sv["batch"]
assert l["clients"] == 2 and l["requests"] > 10 and l["failed"] == 0, l
assert 0 < l["p50_ms"] <= l["p95_ms"] <= l["p99_ms"] <= l["max_ms"] < 10000, l
assert l["qps"] > 0 and b["qps"] > 0 and sv["ratios"]["qps"] > 0, sv
assert l["cpu_ms_per_query"] > 0 and b["cpu_ms_per_query"] > 0 and l["cores_used"] > 0, sv
assert any(t["target"].startswith("serve: no failed") and t["met"] for t in r["targets"]), r["targets"]
# The views: trend and a whole kwic --csv, its first line read as it came.
v = r["views"]
assert v["trend"]["wall_s"] >= 0 and v["kwic_csv"]["max_rss_mb"] > 1, v
assert v["kwic_csv"]["lines"] == v["kwic_csv_stream"]["lines"] > 0, v
assert 0 < v["kwic_csv_stream"]["first_line_s"] <= v["kwic_csv_stream"]["whole_s"], v
assert v["similar"]["wall_s"] >= 0 and v["similar"]["max_rss_mb"] > 1, v
PY
grep -q '^| `kwic --csv peace` |' "$work/table.md" || fail "no kwic row: $(cat "$work/table.md")"
echo "bench smoke: all checks passed"
