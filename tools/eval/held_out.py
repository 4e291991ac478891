#!/usr/bin/python3
"""Make a held-out known-item query set the way ../shared/eval/README.md
describes the development set, from statements the development set does not
use, so that ranking changes tuned on one can be checked on the other.

usage: tools/eval/held_out.py STATEMENTS.jsonl SEED N > held_out.jsonl
  STATEMENTS.jsonl: the peers' flattening of the corpus
  (../shared/peers/to_jsonl.py ../shared/corpus); Debian's python3 with
  python3-xapian (for the English stemmer of the `morph` kind).
Score a run with ../shared/eval/score.py held_out.jsonl RESULTS.jsonl.
"""
import json, os, random, re, sys
from collections import Counter, defaultdict
import xapian

WORD = re.compile(r"\w+", re.U)
if len(sys.argv) != 4:
    sys.exit(__doc__)
src, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
dev = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/eval/dev_known_item.jsonl")
exclude = set(json.loads(l)["id"] for l in open(dev)) if os.path.exists(dev) else set()
docs = [json.loads(l) for l in open(src)]
df = Counter()
for d in docs:
    df.update(set(w.lower() for w in WORD.findall(d["body"])))
stem = xapian.Stem("en")
by_stem = defaultdict(set)
for w in df:
    if w.isalpha():
        by_stem[stem(w)].add(w)

rng = random.Random(seed)
ungdc = [d for d in docs if d["source"] == "ungdc" and d["id"] not in exclude]
other = [d for d in docs if d["source"] != "ungdc" and d["id"] not in exclude]
kinds = ["exact", "morph", "filter", "short", "phrase"]
out = []
SENT = re.compile(r"(?<=[.!?])\s+")


def passage_of(body):
    lines = [l.strip() for l in body.split("\n")]
    long_lines = [l for l in lines if len(WORD.findall(l)) >= 40]
    if long_lines:
        return rng.choice(long_lines)
    text = " ".join(l for l in lines if l)
    sents = [s for s in SENT.split(text) if s.strip()]
    if len(sents) < 3:
        return text if len(WORD.findall(text)) >= 20 else None
    i = rng.randrange(len(sents) - 2)
    return " ".join(sents[i:i + 3])


k = 0
tries = 0
while len(out) < n and tries < n * 20:
    tries += 1
    d = rng.choice(ungdc) if rng.random() < 0.8 else rng.choice(other)
    p = passage_of(d["body"])
    if not p:
        continue
    words = [w.lower() for w in WORD.findall(p)]
    distinct = sorted(set(words))
    kind = kinds[k % 5]
    q = None
    rare = sorted([w for w in distinct if df[w] >= 3 and w.isalpha() and len(w) > 2], key=lambda w: df[w])
    if kind in ("exact", "morph", "filter"):
        pool = rare[:max(6, len(rare) // 3)]
        if len(pool) < 4:
            continue
        chosen = rng.sample(pool, rng.randint(4, min(6, len(pool))))
        if kind == "morph":
            swaps = 0
            for i, w in enumerate(chosen):
                alts = sorted(by_stem[stem(w)] - {w})
                alts = [a for a in alts if df[a] >= 3]
                if alts and swaps < 2:
                    chosen[i] = rng.choice(alts)
                    swaps += 1
            if swaps == 0:
                continue
        rng.shuffle(chosen)
        q = " ".join(chosen)
        if kind == "filter":
            if not d.get("country"):
                continue
            q = "country:%s %s" % (d["country"], q)
    elif kind == "short":
        mids = [w for w in distinct if 30 <= df[w] <= 3000 and w.isalpha() and len(w) > 2]
        if len(mids) < 2:
            continue
        chosen = set(rng.sample(mids, rng.randint(2, min(3, len(mids)))))
        seen, ordered = set(), []
        for w in words:
            if w in chosen and w not in seen:
                ordered.append(w)
                seen.add(w)
        q = " ".join(ordered)
    else:
        toks = WORD.findall(p)
        found = False
        for _ in range(20):
            ln = rng.randint(3, 5)
            if len(toks) <= ln:
                break
            i = rng.randrange(len(toks) - ln)
            run = [t.lower() for t in toks[i:i + ln]]
            if min(df[w] for w in run) <= 300 and all(w.isalpha() for w in run):
                q = '"%s"' % " ".join(run)
                found = True
                break
        if not found:
            continue
    out.append({"qid": "h%04d" % len(out), "kind": kind, "q": q, "id": d["id"], "source": d["source"],
                "target_words": distinct})
    k += 1
for e in out:
    print(json.dumps(e))
