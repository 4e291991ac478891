#!/usr/bin/env python3
"""Near-identical statements over the shared corpus: copies collapse into
their originals, and different statements never merge.

The English corpus (../shared/peers/to_jsonl.py's records) is indexed with
30 of its statements added again as a repost would bring them: a new id, a
new header line, white space changed, the first paragraph edited. Then:

- for each copy, a known-item query (a run of words from the middle of the
  original) finds the pair as one hit, the other listed in its
  `duplicates`;
- every group the index holds (a listing of every statement, collapsed) is
  a copy and its original, or statements whose texts are near-identical by
  an independent count (the exact Jaccard similarity of their sets of
  five-word runs, by a tokenizer of this script's own);
- `--no-collapse` shows both, and `stats` counts the groups.

usage: near_duplicates_test.py COMMUNIQUE_BINARY SOURCE_DIR
Exit 77 (skipped, said loudly) when the shared corpus is absent.
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile

from faultlib import fail, skip

COPIES = 30
# The independent count's floor for statements the index may group: a
# little under the index's own threshold (0.5, estimated from 64 hashes).
INDEPENDENT_FLOOR = 0.35


def shared_dir(source):
    corpus = os.environ.get("COMMUNIQUE_SHARED_CORPUS") or os.path.join(source, "..", "shared", "corpus")
    return os.path.normpath(corpus)


WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i:i + 5]) for i in range(max(1, len(words) - 4))}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


def paragraphs(body):
    return [p for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def repost(record, rnd):
    """The record as a repost brings it back."""
    paras = paragraphs(record["body"])
    # The first paragraph edited: three words replaced (a date, a title
    # corrected), a sentence added.
    first = paras[0].split(" ")
    for k in (1, 2, 3):
        first[len(first) * k // 4] = "also"
    rewritten = " ".join(first) + " The archive reproduces this text as the ministry first published it."
    body = "\n\n".join([rewritten] + paras[1:])
    body = re.sub(r"(\S) (\S)", lambda m: m.group(1) + ("  " if rnd.random() < 0.2 else " ") + m.group(2), body)
    copy = dict(record)
    copy["id"] = record["id"] + "#repost"
    copy["body"] = "Reposted from the ministry's website\n\n" + body
    return copy


def run(exe, *args):
    p = subprocess.run([exe, *args], capture_output=True, text=True)
    if p.returncode != 0:
        fail("%s %s: exit %d: %s" % (exe, " ".join(args[:4]), p.returncode, p.stderr[-600:]))
    return p.stdout


def query_for(record, df):
    """The eight rarest words of the original after its first paragraph
    (which the copy edited), rarest in the corpus first: a known-item
    query."""
    words = {w.lower() for w in WORD.findall(" ".join(paragraphs(record["body"])[1:])) if not w.isdigit()}
    return " ".join(sorted(words, key=lambda w: (df.get(w, 0), w))[:8])


def main():
    exe, source = sys.argv[1], sys.argv[2]
    corpus = shared_dir(source)
    to_jsonl = os.path.join(corpus, "..", "peers", "to_jsonl.py")
    if not os.path.isdir(corpus) or not os.path.exists(to_jsonl):
        skip("LOUDLY: %s or %s is absent; near-identical statements are not checked "
             "on the shared corpus" % (corpus, to_jsonl))
    out = subprocess.run([sys.executable, "-B", to_jsonl, corpus], capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out.stdout.split("\n") if line.strip()]
    rnd = random.Random(20261205)
    # Statements with a first paragraph to rewrite and more after it.
    eligible = [r for r in records if len(paragraphs(r["body"])) >= 3 and len(WORD.findall(r["body"])) >= 150]
    originals = rnd.sample(eligible, COPIES)
    copies = [repost(r, rnd) for r in originals]
    df = {}
    for r in records:
        for w in {w.lower() for w in WORD.findall(r["body"])}:
            df[w] = df.get(w, 0) + 1
    pair = {}
    for o, c in zip(originals, copies):
        pair[o["id"]] = c["id"]
        pair[c["id"]] = o["id"]
    fields = ("id", "title", "date", "country", "body", "source")
    with tempfile.TemporaryDirectory(prefix="communique-dups-") as work:
        src = os.path.join(work, "all.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for r in records + copies:
                f.write(json.dumps({k: r[k] for k in fields if r.get(k)}, ensure_ascii=False) + "\n")
        db = os.path.join(work, "db")
        run(exe, "--db", db, "index", "-q", src)

        # Copies collapse into their originals for known-item queries.
        for o, c in zip(originals, copies):
            independent = jaccard(o["body"], c["body"])
            q = query_for(o, df)
            r = json.loads(run(exe, "--db", db, "search", "--json", "--facets", "0", "--passages", "1",
                               "--limit", "20", q))
            ids = [h["id"] for h in r["hits"]]
            where = [i for i, h in enumerate(r["hits"]) if h["id"] in (o["id"], c["id"])]
            if len(where) != 1:
                fail("%r (independent similarity %.2f): the original and its copy are %d hits, not one: %s"
                     % (q, independent, len(where), ids))
            hit = r["hits"][where[0]]
            listed = [d["id"] for d in hit.get("duplicates", [])]
            other = pair[hit["id"]]
            if other not in listed:
                fail("%r: %s lists %s as near-identical, not %s" % (q, hit["id"], listed, other))
            both = json.loads(run(exe, "--db", db, "search", "--json", "--no-collapse", "--facets", "0",
                                  "--passages", "0", "--limit", "50", q))
            shown = {h["id"] for h in both["hits"]}
            if not {o["id"], c["id"]} <= shown:
                fail("%r --no-collapse: not both of %s and %s" % (q, o["id"], c["id"]))
        print("%d copies (edited first paragraph, new header, white space) collapse into their "
              "originals for known-item queries" % COPIES)

        # Every group is a copy with its original, or texts near-identical
        # by the independent count.
        body = {r["id"]: r["body"] for r in records + copies}
        listing = json.loads(run(exe, "--db", db, "search", "--json", "--facets", "0", "--passages", "0",
                                 "--limit", "100000", "*"))
        groups = [[h["id"]] + [d["id"] for d in h.get("duplicates", [])]
                  for h in listing["hits"] if h.get("duplicates")]
        natural = 0
        lowest = 1.0
        for g in groups:
            for other in g[1:]:
                if pair.get(g[0]) == other:
                    continue
                s = jaccard(body[g[0]], body[other])
                lowest = min(lowest, s)
                if s < INDEPENDENT_FLOOR:
                    fail("%s and %s are grouped, but their texts share only %.2f of their five-word runs"
                         % (g[0], other, s))
                natural += 1
        grouped = sum(len(g) for g in groups)
        if listing["total"] != len(records) + COPIES:
            fail("the listing counts %d statements, not %d" % (listing["total"], len(records) + COPIES))
        if len(listing["hits"]) != listing["total"] - (grouped - len(groups)):
            fail("the listing shows %d hits for %d statements in %d groups of %d"
                 % (len(listing["hits"]), listing["total"], len(groups), grouped))
        stats = json.loads(run(exe, "--db", db, "stats", "--json"))
        if (stats["duplicate_groups"], stats["grouped_statements"]) != (len(groups), grouped):
            fail("stats counts %d groups of %d statements; the listing shows %d of %d"
                 % (stats["duplicate_groups"], stats["grouped_statements"], len(groups), grouped))
        print("%d groups of %d statements in %d; besides the copies, %d pairs of the corpus's own, "
              "each sharing at least %.2f of its five-word runs (independent count)"
              % (len(groups), grouped, listing["total"], natural, lowest if natural else 1.0))


if __name__ == "__main__":
    main()
