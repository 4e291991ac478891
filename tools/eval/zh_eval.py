#!/usr/bin/python3
"""Score Communique on the Chinese known-item sets, on oracle-cut text.

The statements are the Chinese pages of ../shared/corpus/cn-mfa-zh as the
oracle ../shared/peers/zh_pages.py cuts them out of their HTML (the text
the peers index), mapped to our record ({id, title, date, body, language
"zh", country "CHN"}); they are indexed with `communique index`, each query
set is run through `communique search --batch --json`, and scored with
../shared/eval/score_zh.py. Figures made this way are on oracle-cut text,
not on the raw pages the importer reads.

usage: tools/eval/zh_eval.py [--bin COMMUNIQUE] [--work DIR] [--reindex] [EVAL.jsonl...]
  EVAL.jsonl  query sets (default ../shared/eval/zh_dev_known_item.jsonl);
              tools/eval/held_out_zh.py makes others
  --bin       the communique binary (default build-release/communique)
  --work      where records, index and results go (default build-release/zh-eval)
  --reindex   index again even when WORK/zh.db exists
Needs Debian's python3 with python3-bs4 (for the oracle).
"""
import argparse, json, os, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
SHARED = os.path.abspath(os.path.join(ROOT, "../shared"))


def records(path):
    """The oracle's pages as canonical records, written once to `path`."""
    if os.path.exists(path):
        return
    oracle = os.path.join(SHARED, "peers/zh_pages.py")
    pages = subprocess.run(["/usr/bin/python3", oracle, os.path.join(SHARED, "corpus/cn-mfa-zh")],
                           check=True, capture_output=True, text=True).stdout
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        for line in pages.splitlines():
            p = json.loads(line)
            r = {"id": p["id"], "title": p["title"], "body": p["body"], "language": "zh",
                 "country": "CHN"}
            if p["date"]:
                r["date"] = p["date"]
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=[os.path.join(SHARED, "eval/zh_dev_known_item.jsonl")])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build-release/communique"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build-release/zh-eval"))
    ap.add_argument("--reindex", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"zh_eval: {SHARED} is missing; the Chinese pages and query sets live there")
    os.makedirs(args.work, exist_ok=True)
    recs = os.path.join(args.work, "zh_records.jsonl")
    records(recs)
    db = os.path.join(args.work, "zh.db")
    if args.reindex or not os.path.exists(db):
        subprocess.run(["rm", "-rf", db], check=True)
        start = time.monotonic()
        subprocess.run([args.bin, "--db", db, "index", recs], check=True, stderr=subprocess.DEVNULL)
        size = subprocess.run(["du", "-sm", db], capture_output=True, text=True).stdout.split()[0]
        print(f"indexed {recs} in {time.monotonic() - start:.1f} s, index {size} MB")
    for s in args.sets:
        name = os.path.splitext(os.path.basename(s))[0]
        queries = os.path.join(args.work, name + ".q.txt")
        results = os.path.join(args.work, name + ".results.jsonl")
        with open(queries, "w", encoding="utf-8") as out:
            for line in open(s, encoding="utf-8"):
                out.write(json.loads(line)["q"] + "\n")
        with open(results, "w", encoding="utf-8") as out:
            subprocess.run([args.bin, "--db", db, "search", "--batch", queries, "--json"], check=True,
                           stdout=out)
        print(f"== {s}")
        sys.stdout.flush()
        subprocess.run(["/usr/bin/python3", os.path.join(SHARED, "eval/score_zh.py"), s, results],
                       check=True)


if __name__ == "__main__":
    main()
