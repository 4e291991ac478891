#!/usr/bin/python3
"""The table and the JSON of a tools/bench/run, from the files it left in WORK.

Reads WORK/log/NAME.time (/usr/bin/time -v reports), NAME.size (du -sb),
NAME.out (query answers, one JSON line each) and WORK/statements.jsonl (the
text indexed, for MB/s). Prints one markdown table on stdout and writes
every figure to --out as JSON, so that runs can be compared.

Per-query figures: Communique's from the "took_ms" of each answer (wall
time inside the process), pooled over the rounds. The peers print no
per-query times: theirs are the batch wall time over the number of
queries, which includes starting the interpreter and opening the index;
Communique's batch figure is given the same way, and the query ratios use
those batch figures, like for like.
"""
import argparse
import json
import math
import os
import statistics
import sys

LABELS = {
    "communique": "Communique",
    "xapian_py": "Xapian, TermGenerator (Python)",
    "omega": "Xapian scriptindex",
    "fts5": "SQLite FTS5, side-table facets",
}
TARGET_MAX_RSS_MB = 2048
TARGET_P95_MS = 50


def time_report(path):
    """-> {"wall_s", "max_rss_mb", "cpu_percent", "user_s", "sys_s"} from a time -v report."""
    r = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            if key.startswith("Elapsed (wall clock)"):
                s = 0.0
                for part in value.split(":"):
                    s = s * 60 + float(part)
                r["wall_s"] = s
            elif key == "Maximum resident set size (kbytes)":
                r["max_rss_mb"] = int(value) / 1024
            elif key == "Percent of CPU this job got":
                r["cpu_percent"] = float(value.rstrip("%"))
            elif key == "User time (seconds)":
                r["user_s"] = float(value)
            elif key == "System time (seconds)":
                r["sys_s"] = float(value)
    if "wall_s" not in r:
        sys.exit(f"summarize: {path} is not a /usr/bin/time -v report")
    return r


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(v)))
    return v[rank - 1]


def text_bytes(jsonl):
    total = 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                total += len(r.get("body", "").encode()) + len(r.get("title", "").encode())
    return total


def took_ms(answers_file, expected):
    times, errors, lines = [], 0, 0
    with open(answers_file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            lines += 1
            a = json.loads(line)
            if "error" in a:
                errors += 1
            else:
                times.append(a["took_ms"])
    if lines != expected:
        sys.exit(f"summarize: {answers_file} has {lines} answers for {expected} queries")
    return times, errors


def system_figures(log, name, rounds, nq, mb, in_process):
    idx = time_report(f"{log}/{name}.index.time")
    with open(f"{log}/{name}.index.size") as f:
        size = int(f.read().split()[0])
    out = {
        "index": {
            "wall_s": idx["wall_s"],
            "mb_per_s": mb / idx["wall_s"] if idx["wall_s"] > 0 else None,
            "max_rss_mb": idx["max_rss_mb"],
            "cpu_percent": idx.get("cpu_percent"),
            "size_mb": size / 1e6,
        },
        "query": {"rounds": []},
    }
    pooled = []
    for r in range(1, rounds + 1):
        q = time_report(f"{log}/{name}.query{r}.time")
        rnd = {"batch_wall_s": q["wall_s"], "batch_ms_per_query": q["wall_s"] * 1000 / nq,
               "max_rss_mb": q["max_rss_mb"], "cpu_s": q.get("user_s", 0) + q.get("sys_s", 0)}
        if in_process:
            times, errors = took_ms(f"{log}/{name}.query{r}.out", nq)
            rnd["errors"] = errors
            rnd["mean_ms"] = statistics.fmean(times) if times else None
            pooled += times
        out["query"]["rounds"].append(rnd)
    walls = [r["batch_wall_s"] for r in out["query"]["rounds"]]
    out["query"]["batch_wall_s"] = statistics.median(walls)
    out["query"]["batch_ms_per_query"] = statistics.median(walls) * 1000 / nq
    if in_process and pooled:
        out["query"]["in_process"] = {
            "n": len(pooled),
            "mean_ms": statistics.fmean(pooled),
            "p50_ms": percentile(pooled, 50),
            "p95_ms": percentile(pooled, 95),
            "p99_ms": percentile(pooled, 99),
            "max_ms": max(pooled),
        }
    return out


def serve_figures(a, c):
    """The load run (its rounds pooled) beside the batch: {"batch", "load", "ratios"}."""
    runs = []
    for path in a.serve_load:
        with open(path) as f:
            runs.append(json.load(f))
    # Every latency of every round, pooled: {microseconds: count}.
    histogram = {}
    for w in runs:
        for us, n in w["histogram_us"]:
            histogram[us] = histogram.get(us, 0) + n

    def pct(p):
        total = sum(histogram.values())
        rank, seen = max(1, math.ceil(p / 100 * total)), 0
        for us in sorted(histogram):
            seen += histogram[us]
            if seen >= rank:
                return us / 1000
        return None

    def total(key):
        return sum(w[key] for w in runs)

    # The server's CPU time during the rounds (user + system, from /proc).
    cpu_s = 0.0
    for path in a.serve_load:
        with open(path[: -len(".json")] + ".cpu") as f:
            ticks, per_second = f.read().split()
            cpu_s += int(ticks) / int(per_second)

    def errors(kind):
        return sum(w["errors"][kind] for w in runs)

    # load.lua counts every answer that is not 200; wrk, the sockets that failed.
    failed = total("failed_status") + sum(errors(k) for k in ("connect", "read", "write", "timeout"))
    duration = total("duration_s")
    answers = sum(histogram.values())
    load = {
        "clients": a.serve_clients, "threads": a.serve_threads, "rounds": len(runs),
        "duration_s": duration, "requests": total("requests"), "failed": failed,
        "qps": total("answered") / duration if duration else None,
        "mean_ms": sum(us * n for us, n in histogram.items()) / answers / 1000 if answers else None,
        "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
        "max_ms": max(histogram) / 1000 if histogram else None, "max_rss_mb": a.serve_rss_mb,
        "cpu_s": cpu_s, "cpu_ms_per_query": cpu_s * 1000 / answers if answers else None,
        "cores_used": cpu_s / duration if duration else None,
        "first_failure": next((w["first_failure"] for w in runs if w.get("first_failure")), ""),
        "per_round": [{k: w[k] for k in ("requests", "answered", "duration_s", "latency_ms")} for w in runs],
    }
    q = c["query"]
    ip = q.get("in_process", {})
    batch = {
        "requests": a.queries * a.rounds,
        "failed": sum(r.get("errors", 0) for r in q["rounds"]),
        "qps": a.queries / q["batch_wall_s"] if q["batch_wall_s"] else None,
        "p50_ms": ip.get("p50_ms"), "p95_ms": ip.get("p95_ms"), "p99_ms": ip.get("p99_ms"),
        "max_rss_mb": max(r["max_rss_mb"] for r in q["rounds"]),
        "cpu_ms_per_query": statistics.median(r["cpu_s"] * 1000 / a.queries for r in q["rounds"]),
        "cores_used": statistics.median(r["cpu_s"] / r["batch_wall_s"] for r in q["rounds"]
                                        if r["batch_wall_s"] > 0),
    }
    ratios = {
        "cpu_per_query": ratio(load["cpu_ms_per_query"], batch["cpu_ms_per_query"]),
        "qps": ratio(load["qps"], batch["qps"]),
        "p50": ratio(load["p50_ms"], batch["p50_ms"]),
        "p95": ratio(load["p95_ms"], batch["p95_ms"]),
        "p99": ratio(load["p99_ms"], batch["p99_ms"]),
    }
    return {"batch": batch, "load": load, "ratios": ratios}


def fmt(v, digits=1):
    if v is None:
        return "–"
    return f"{v:.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def main():
    ap = argparse.ArgumentParser()
    for flag in ("--work", "--out", "--systems", "--corpus", "--started", "--commit", "--host",
                 "--load", "--load-end"):
        ap.add_argument(flag, required=True)
    ap.add_argument("--rounds", type=int, required=True)
    ap.add_argument("--scale", type=int, required=True)
    ap.add_argument("--queries", type=int, required=True)
    ap.add_argument("--cpus", type=int, required=True)
    ap.add_argument("--memory-gib", type=int, required=True)
    ap.add_argument("--serve-load", nargs="+", help="the load runs' figures (tools/bench/load.lua)")
    ap.add_argument("--serve-clients", type=int)
    ap.add_argument("--serve-threads", type=int)
    ap.add_argument("--serve-rss-mb", type=float)
    a = ap.parse_args()
    log = os.path.join(a.work, "log")
    systems = a.systems.split()
    nbytes = text_bytes(os.path.join(a.work, "statements.jsonl"))
    mb = nbytes / 1e6
    statements = sum(1 for l in open(os.path.join(a.work, "statements.jsonl"), encoding="utf-8") if l.strip())

    res = {
        "started": a.started, "commit": a.commit, "host": a.host, "cpus": a.cpus,
        "memory_gib": a.memory_gib, "load_average_start": a.load, "load_average_end": a.load_end,
        "corpus": a.corpus, "statements": statements, "text_mb": mb, "queries": a.queries,
        "rounds": a.rounds, "systems": {},
    }
    for s in systems:
        res["systems"][s] = system_figures(log, s, a.rounds, a.queries, mb, s == "communique")

    p = print
    p(f"\n## Benchmark {a.started}, commit {a.commit}, {a.host}, {a.cpus} cores, {a.memory_gib} GiB; "
      f"load average {a.load} at the start, {a.load_end} at the end")
    p(f"\n{statements} statements, {mb:.1f} MB of text; {a.queries} queries "
      f"(10 hits, 3 passages each, facets); {a.rounds} query round(s), systems interleaved.\n")
    p("| system | index s | MB/s | peak RSS MB | index MB | q mean ms | q p50 ms | q p95 ms "
      "| q p99 ms | batch s | batch ms/q |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in systems:
        f = res["systems"][s]
        i, q = f["index"], f["query"]
        ip = q.get("in_process", {})
        p(f"| {LABELS.get(s, s)} | {fmt(i['wall_s'])} | {fmt(i['mb_per_s'], 2)} | {fmt(i['max_rss_mb'], 0)} "
          f"| {fmt(i['size_mb'], 0)} | {fmt(ip.get('mean_ms'), 2)} | {fmt(ip.get('p50_ms'), 2)} "
          f"| {fmt(ip.get('p95_ms'), 2)} | {fmt(ip.get('p99_ms'), 2)} | {fmt(q['batch_wall_s'], 2)} "
          f"| {fmt(q['batch_ms_per_query'], 2)} |")
    p("\nq mean/p50/p95/p99: per-query wall time inside the process (Communique's `took_ms`); the "
      "peers print none. batch: the whole `--batch` process (median of the rounds) from "
      "`/usr/bin/time -v`, over the number of queries, start-up and index opening included. "
      "MB/s: MB of statement text (title + body) over index wall seconds.")

    c = res["systems"]["communique"]
    ratios = {}
    if len(systems) > 1:
        p("\n| Communique ÷ peer | index s | MB/s | peak RSS | index size | batch ms/q |")
        p("|---|---:|---:|---:|---:|---:|")
        for s in systems[1:]:
            f = res["systems"][s]
            r = {
                "index_wall": ratio(c["index"]["wall_s"], f["index"]["wall_s"]),
                "mb_per_s": ratio(c["index"]["mb_per_s"], f["index"]["mb_per_s"]),
                "max_rss": ratio(c["index"]["max_rss_mb"], f["index"]["max_rss_mb"]),
                "size": ratio(c["index"]["size_mb"], f["index"]["size_mb"]),
                "batch_ms_per_query": ratio(c["query"]["batch_ms_per_query"], f["query"]["batch_ms_per_query"]),
            }
            ratios[s] = r
            p(f"| ÷ {LABELS.get(s, s)} | {fmt(r['index_wall'], 2)} | {fmt(r['mb_per_s'], 2)} "
              f"| {fmt(r['max_rss'], 2)} | {fmt(r['size'], 2)} | {fmt(r['batch_ms_per_query'], 2)} |")
    res["ratios"] = ratios

    targets = []
    ip = c["query"].get("in_process", {})
    if "omega" in res["systems"]:
        x = ratio(res["systems"]["omega"]["index"]["wall_s"], c["index"]["wall_s"])
        targets.append(("indexing at least 2.5x faster than scriptindex", f"{fmt(x, 2)}x", x is not None and x >= 2.5))
    targets.append(("index peak RSS under 2 GB", f"{fmt(c['index']['max_rss_mb'], 0)} MB",
                    c["index"]["max_rss_mb"] < TARGET_MAX_RSS_MB))
    if "xapian_py" in res["systems"]:
        x = ratio(c["index"]["size_mb"], res["systems"]["xapian_py"]["index"]["size_mb"])
        targets.append(("index size at most 1.5x the Xapian peer's", f"{fmt(x, 2)}x", x is not None and x <= 1.5))
        xq = res["systems"]["xapian_py"]["query"]["batch_ms_per_query"]
        cq = c["query"]["batch_ms_per_query"]
        targets.append(("mean per-query time no higher than the Xapian peer's (batch ms/q)",
                        f"{fmt(cq, 2)} vs {fmt(xq, 2)} ms", cq <= xq))
    if ip:
        targets.append(("p95 query time under 50 ms", f"{fmt(ip['p95_ms'], 2)} ms", ip["p95_ms"] < TARGET_P95_MS))

    if a.serve_load:
        serve = serve_figures(a, c)
        res["serve"] = serve
        b, l, r = serve["batch"], serve["load"], serve["ratios"]
        p(f"\nServing: `communique serve` on the same index ({a.serve_threads} search threads), "
          f"{a.serve_clients} clients over loopback (wrk) sending the same queries for "
          f"{fmt(l['duration_s'], 0)} s in all, after each query round, beside the one-thread "
          f"batch above.\n")
        p("| Communique | clients | requests | failed | q/s | p50 ms | p95 ms | p99 ms | CPU ms/q "
          "| cores used | peak RSS MB |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        p(f"| batch (one process, one thread) | 1 | {b['requests']} | {b['failed']} | {fmt(b['qps'])} "
          f"| {fmt(b['p50_ms'], 2)} | {fmt(b['p95_ms'], 2)} | {fmt(b['p99_ms'], 2)} "
          f"| {fmt(b['cpu_ms_per_query'], 2)} | {fmt(b['cores_used'], 2)} | {fmt(b['max_rss_mb'], 0)} |")
        p(f"| serve under load | {a.serve_clients} | {l['requests']} | {l['failed']} | {fmt(l['qps'])} "
          f"| {fmt(l['p50_ms'], 2)} | {fmt(l['p95_ms'], 2)} | {fmt(l['p99_ms'], 2)} "
          f"| {fmt(l['cpu_ms_per_query'], 2)} | {fmt(l['cores_used'], 2)} | {fmt(a.serve_rss_mb, 0)} |")
        p(f"| serve ÷ batch | | | | {fmt(r['qps'], 2)} | {fmt(r['p50'], 2)} | {fmt(r['p95'], 2)} "
          f"| {fmt(r['p99'], 2)} | {fmt(r['cpu_per_query'], 2)} | | |")
        p("\nbatch q/s: queries over the batch's whole wall time (median round); its percentiles are "
          "`took_ms` inside the process. serve: answers over the load rounds' seconds, and wrk's "
          "latencies (pooled over the rounds) from sending a request to its last byte. CPU ms/q: "
          "the process's user + system time per answer; cores used: that time over the wall time "
          "(below 1 for the batch, below the search threads for the server, when the machine is "
          "shared).")
        targets.append(("serve: no failed request", f"{l['failed']} of {l['requests']}", l["failed"] == 0))
        targets.append(("serve: throughput at least 1.6x the one-thread batch's q/s",
                        f"{fmt(r['qps'], 2)}x", r["qps"] is not None and r["qps"] >= 1.6))
        targets.append(("serve: p95 under load within 3x the batch's p95", f"{fmt(r['p95'], 2)}x",
                        r["p95"] is not None and r["p95"] <= 3))

    if a.scale > 1:
        sc = {}
        # The replicated files hold the statements as the importers read them.
        mb1 = text_bytes(os.path.join(a.work, "scale-1x.jsonl")) / 1e6
        for k in (1, a.scale):
            name = f"scale-{k}x"
            sc[name] = system_figures(log, name, a.rounds, a.queries, mb1 * k, True)
        one, big = sc["scale-1x"], sc[f"scale-{a.scale}x"]
        growth = {
            "index_wall": ratio(big["index"]["wall_s"], one["index"]["wall_s"]),
            "mb_per_s": ratio(big["index"]["mb_per_s"], one["index"]["mb_per_s"]),
            "size": ratio(big["index"]["size_mb"], one["index"]["size_mb"]),
            "max_rss": ratio(big["index"]["max_rss_mb"], one["index"]["max_rss_mb"]),
            "p95": ratio(big["query"]["in_process"]["p95_ms"], one["query"]["in_process"]["p95_ms"]),
            "mean": ratio(big["query"]["in_process"]["mean_ms"], one["query"]["in_process"]["mean_ms"]),
        }
        res["scale"] = {"n": a.scale, "runs": sc, "growth": growth}
        p(f"\nScale: the same statements as canonical JSONL, once and {a.scale} times (ids ID#k).\n")
        p("| Communique | index s | MB/s | peak RSS MB | index MB | q mean ms | q p50 ms | q p95 ms | q p99 ms |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, f in sc.items():
            i, q = f["index"], f["query"]["in_process"]
            p(f"| {name.removeprefix('scale-')} | {fmt(i['wall_s'])} | {fmt(i['mb_per_s'], 2)} | {fmt(i['max_rss_mb'], 0)} "
              f"| {fmt(i['size_mb'], 0)} | {fmt(q['mean_ms'], 2)} | {fmt(q['p50_ms'], 2)} | {fmt(q['p95_ms'], 2)} "
              f"| {fmt(q['p99_ms'], 2)} |")
        p(f"| {a.scale}x ÷ 1x | {fmt(growth['index_wall'], 2)} | {fmt(growth['mb_per_s'], 2)} "
          f"| {fmt(growth['max_rss'], 2)} | {fmt(growth['size'], 2)} | {fmt(growth['mean'], 2)} | "
          f"| {fmt(growth['p95'], 2)} | |")
        targets.append((f"{a.scale}x: MB/s within 25% of 1x", f"{fmt(growth['mb_per_s'], 2)}x",
                        growth["mb_per_s"] is not None and growth["mb_per_s"] >= 0.75))
        targets.append((f"{a.scale}x: p95 under 3x the 1x figure", f"{fmt(growth['p95'], 2)}x",
                        growth["p95"] is not None and growth["p95"] < 3))

    views = {}
    if os.path.exists(os.path.join(log, "communique.kwic.time")):
        views["trend"] = time_report(os.path.join(log, "communique.trend.time"))
        views["kwic_csv"] = time_report(os.path.join(log, "communique.kwic.time"))
        with open(os.path.join(log, "communique.kwic-first.json")) as f:
            views["kwic_csv_stream"] = json.load(f)
        with open(os.path.join(log, "communique.kwic.out"), encoding="utf-8") as f:
            views["kwic_csv"]["lines"] = sum(1 for _ in f) - 1
        similar = os.path.join(log, "communique.similar.time")
        if os.path.exists(similar):
            views["similar"] = time_report(similar)
        res["views"] = views
        t, k, st = views["trend"], views["kwic_csv"], views["kwic_csv_stream"]
        first_ms = None if st["first_line_s"] is None else st["first_line_s"] * 1000
        p("\nViews on Communique's index (one run each, whole processes):\n")
        p("| view | wall s | peak RSS MB | first line ms | lines |")
        p("|---|---:|---:|---:|---:|")
        p(f"| `trend --json peace` | {fmt(t['wall_s'], 2)} | {fmt(t['max_rss_mb'], 0)} | | |")
        p(f"| `kwic --csv peace` | {fmt(k['wall_s'], 2)} | {fmt(k['max_rss_mb'], 0)} "
          f"| {fmt(first_ms, 1)} | {k['lines']} |")
        if "similar" in views:
            sm = views["similar"]
            p(f"| `similar --json` (the top hit of peace) | {fmt(sm['wall_s'], 2)} "
              f"| {fmt(sm['max_rss_mb'], 0)} | | |")

    res["targets"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets]
    p("\n| target | measured | met |")
    p("|---|---:|:---:|")
    for t, m, ok in targets:
        p(f"| {t} | {m} | {'yes' if ok else '**no**'} |")

    with open(a.out, "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
