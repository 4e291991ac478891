#!/usr/bin/python3
"""Make a held-out Chinese known-item query set the way ../shared/eval/README.md
describes zh_dev_known_item.jsonl, from pages the development set does not
use, so that changes tuned on one can be checked on the other.

usage: tools/eval/held_out_zh.py PAGES.jsonl SEED N > held_out_zh.jsonl
  PAGES.jsonl: the oracle's records of the Chinese pages
  (/usr/bin/python3 ../shared/peers/zh_pages.py ../shared/corpus/cn-mfa-zh),
  used to make queries only, never to index. Debian's python3 with
  python3-icu (ICU word breaks, as the development set's words).
Kinds in turn, N/4 of each (lines: qid, kind, q, id, para):
  zh-exact   a run of 10-16 consecutive Han characters of the paragraph,
             found in at most two pages
  zh-words   3 words of the paragraph (ICU words of 2+ characters, each in
             2-40 pages), in text order, separated by spaces
  zh-short   2 words each in 5-150 pages, in text order
  zh-filter  as zh-short, plus date:YYYY-MM of the page
Score a run with ../shared/eval/score_zh.py held_out_zh.jsonl RESULTS.jsonl
(tools/eval/zh_eval.py runs and scores sets made here).
"""
import json, os, random, re, sys
from collections import Counter

import icu

HAN = re.compile(r"[\u4e00-\u9fff]+")
KINDS = ["zh-exact", "zh-words", "zh-short", "zh-filter"]


def icu_words(text, breaker):
    """The words ICU's word breaks find (dictionary words: rule status 400+)."""
    u = icu.UnicodeString(text)
    breaker.setText(u)
    out, start = [], 0
    for end in breaker:
        if breaker.getRuleStatus() >= 400 and HAN.fullmatch(str(u[start:end])):
            out.append(str(u[start:end]))
        start = end
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    dev = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "../../../shared/eval/zh_dev_known_item.jsonl")
    exclude = {json.loads(l)["id"] for l in open(dev, encoding="utf-8")} if os.path.exists(dev) else set()
    pages = [json.loads(l) for l in open(src, encoding="utf-8")]
    breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    words_of = {}
    df = Counter()
    for p in pages:
        words_of[p["id"]] = [icu_words(para, breaker) for para in p["paras"]]
        df.update({w for para in words_of[p["id"]] for w in para})
    bodies = [p["body"] for p in pages]

    def pages_with(run):
        return sum(run in b for b in bodies)

    rng = random.Random(seed)
    pool = [p for p in pages if p["id"] not in exclude]
    out, used, k, tries = [], set(), 0, 0
    while len(out) < n and tries < n * 50:
        tries += 1
        page = rng.choice(pool)
        choices = [i for i, para in enumerate(page["paras"])
                   if len(HAN.findall(para)) and sum(map(len, HAN.findall(para))) >= 40
                   and (page["id"], i) not in used]
        if not choices:
            continue
        i = rng.choice(choices)
        para, words = page["paras"][i], words_of[page["id"]][i]
        kind = KINDS[k % len(KINDS)]
        q = None
        if kind == "zh-exact":
            runs = [r for r in HAN.findall(para) if len(r) >= 10]
            for _ in range(20):
                if not runs:
                    break
                r = rng.choice(runs)
                length = rng.randint(10, min(16, len(r)))
                at = rng.randrange(len(r) - length + 1)
                if pages_with(r[at:at + length]) <= 2:
                    q = r[at:at + length]
                    break
        else:
            lo, hi, count = (2, 40, 3) if kind == "zh-words" else (5, 150, 2)
            fit = sorted({w for w in words if len(w) >= 2 and lo <= df[w] <= hi})
            if len(fit) >= count:
                chosen = set(rng.sample(fit, count))
                ordered = []
                for w in words:
                    if w in chosen and w not in ordered:
                        ordered.append(w)
                q = " ".join(ordered)
                if kind == "zh-filter":
                    q = q + " date:" + page["date"][:7] if page.get("date") else None
        if not q:
            continue
        used.add((page["id"], i))
        out.append({"qid": "hz%04d" % len(out), "kind": kind, "q": q, "id": page["id"], "para": para})
        k += 1
    for e in out:
        print(json.dumps(e, ensure_ascii=False))


if __name__ == "__main__":
    main()
