#!/usr/bin/env python3
"""The page importer on the 500 Chinese-language pages of the Chinese
Ministry of Foreign Affairs (../shared/corpus/cn-mfa-zh), as saved, and on
the same pages rewritten here at run time the way another site would write
them: every <meta> tag removed, the layout elements, headings, paragraphs,
lists and tables renamed to <div> (one twin renames only the semantic
elements), every id and class replaced by a random name. The importer has
never seen this site's markup and must not need it.

Checked on every page, original and twin: a statement read with its date
(the date the page's PubDate gives, read without the importer), a title
without markup or the site's name, a body without the site's menu, footer,
character references or markup; on the twins, the same body, title and
date as the original's.

Against the site-specific oracle (../shared/peers/zh_pages.py, which cuts
the statement out by this site's element id; it needs python3-bs4 under
/usr/bin/python3): the share of the oracle's Han-character bigrams that the
importer's body holds (recall) and of the body's that are the oracle's
(precision), page by page; the median must be at least 0.98 and no page
below 0.90, on the originals and on the twins.

usage: cn_pages_test.py COMMUNIQUE_REPLICATE SOURCE_DIR
Exit 77 (skipped) when the corpus is absent, or, after the checks above
that need no oracle, when bs4 is missing.
"""

import collections
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

SKIP = 77
MEDIAN_FLOOR = 0.98
PAGE_FLOOR = 0.90


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def shared_dir(source):
    corpus = os.environ.get("COMMUNIQUE_SHARED_CORPUS") or os.path.join(source, "..", "shared", "corpus")
    return os.path.normpath(corpus)


# ---------------------------------------------------------------- twins

TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"\']|"[^"]*"|\'[^\']*\')*)>')
ID_OR_CLASS = re.compile(r'\b(id|class)(\s*=\s*)("[^"]*"|\'[^\']*\'|[^\s>]+)', re.I)
RAW = re.compile(r'<(script|style)\b.*?</\1\s*>', re.S | re.I)
SEMANTIC = {"nav", "header", "footer", "aside", "article", "main", "section", "menu"}
SOUP = SEMANTIC | {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                   "table", "tbody", "thead", "tr", "td", "th", "blockquote", "center"}


def rewrite(html, renamed, rnd):
    def tag(m):
        slash, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if name == "meta":
            return ""
        if name in renamed:
            name = "div"
        attrs = ID_OR_CLASS.sub(lambda a: '%s="r%08x"' % (a.group(1), rnd.getrandbits(32)), attrs)
        return "<%s%s%s>" % (slash, name, attrs)
    out, pos = [], 0
    for m in RAW.finditer(html):  # the text of scripts and styles is left alone
        out.append(TAG.sub(tag, html[pos:m.start()]))
        first = m.group(0).index(">") + 1
        out.append(TAG.sub(tag, m.group(0)[:first]) + m.group(0)[first:])
        pos = m.end()
    out.append(TAG.sub(tag, html[pos:]))
    return "".join(out)


def make_twins(pages, root):
    rnd = random.Random(20240403)
    dirs = {"semantic-renamed": (os.path.join(root, "semantic-renamed"), SEMANTIC),
            "div-soup": (os.path.join(root, "div-soup"), SOUP)}
    for d, _ in dirs.values():
        os.makedirs(d)
    for name in os.listdir(pages):
        html = open(os.path.join(pages, name), encoding="utf-8").read()
        for d, renamed in dirs.values():
            twin = rewrite(html, renamed, rnd)
            markup = RAW.sub("", twin)
            if re.search(r"<meta\b", markup, re.I) or 'id="News_Body_Txt_A"' in markup:
                fail("the rewritten page %s still has a <meta> tag or the site's id" % name)
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(twin)
    return {k: d for k, (d, _) in dirs.items()}


# ---------------------------------------------------------------- checks

def read_pages(replicate, folder, out):
    subprocess.run([replicate, "--copies", "1", "--out", out, folder], check=True,
                   stdout=subprocess.DEVNULL)
    records = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        records[os.path.basename(r["id"])] = r
    return records


MENU = re.compile("首页.{0,300}主要职责", re.S)
MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:[a-zA-Z]{2,8}|#[0-9]+|#x[0-9a-fA-F]+);")


def check_records(label, records, pages, pubdate):
    if sorted(records) != sorted(pages):
        fail("%s: %d statements for %d pages" % (label, len(records), len(pages)))
    for name, r in records.items():
        body, title = r.get("body", ""), r.get("title", "")
        if r.get("date") != pubdate[name]:
            fail("%s/%s: date %r, the page's is %s" % (label, name, r.get("date"), pubdate[name]))
        if not title or MARKUP.search(title) or "中华人民共和国外交部" in title.replace("外交部发言人", ""):
            fail("%s/%s: title %r" % (label, name, title))
        if MENU.search(body) or "版权所有" in body or "ICP备" in body or "主要职责" in body:
            fail("%s/%s: the site's menu or footer in the body" % (label, name))
        if MARKUP.search(body):
            fail("%s/%s: markup in the body: %r" % (label, name, MARKUP.search(body).group(0)))
        if r.get("country") != "CHN":
            fail("%s/%s: issued by %r" % (label, name, r.get("country")))


def bigrams(text):
    out = collections.Counter()
    for run in re.findall("[\u4e00-\u9fff]+", text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def agreement(label, records, oracle):
    recall, precision = [], []
    for name, o in oracle.items():
        ours, theirs = bigrams(records[name]["body"]), bigrams(o["body"])
        common = sum((ours & theirs).values())
        recall.append(common / max(1, sum(theirs.values())))
        precision.append(common / max(1, sum(ours.values())))
    titles = sum(records[n].get("title") == o["title"] for n, o in oracle.items())
    print("  %-17s recall median %.4f mean %.4f min %.4f | precision median %.4f mean %.4f min %.4f"
          " | titles equal %d/%d" % (label, statistics.median(recall), statistics.mean(recall),
                                     min(recall), statistics.median(precision),
                                     statistics.mean(precision), min(precision), titles, len(oracle)))
    for what, values in (("recall", recall), ("precision", precision)):
        if statistics.median(values) < MEDIAN_FLOOR or min(values) < PAGE_FLOOR:
            fail("%s: %s median %.4f, min %.4f (floors %.2f, %.2f)" % (
                label, what, statistics.median(values), min(values), MEDIAN_FLOOR, PAGE_FLOOR))


def main():
    replicate, source = sys.argv[1], sys.argv[2]
    shared = shared_dir(source)
    pages = os.path.join(shared, "cn-mfa-zh")
    if not os.path.isdir(pages):
        print("SKIPPED LOUDLY: %s is absent; the Chinese ministry's pages are not checked" % pages)
        sys.exit(SKIP)
    names = sorted(os.listdir(pages))
    pubdate = {}
    for name in names:
        head = open(os.path.join(pages, name), encoding="utf-8", errors="replace").read(8192)
        m = re.search(r'<meta name="PubDate" content="([0-9-]+)"', head)
        if not m:
            fail("%s has no PubDate <meta>; the test's own reading of the page is out of date" % name)
        pubdate[name] = m.group(1)

    with tempfile.TemporaryDirectory() as tmp:
        folders = {"original": pages}
        folders.update(make_twins(pages, tmp))
        records = {}
        for label, folder in folders.items():
            records[label] = read_pages(replicate, folder, os.path.join(tmp, label + ".jsonl"))
            check_records(label, records[label], names, pubdate)
        for label in ("semantic-renamed", "div-soup"):
            for name in names:
                a, b = records["original"][name], records[label][name]
                for field in ("body", "title", "date"):
                    if a.get(field) != b.get(field):
                        fail("%s/%s: %s differs from the original page's" % (label, name, field))
        print("%d pages, original and rewritten twice: each read with its date, title and body, "
              "none with the menu, footer or markup; the twins read the same" % len(names))

        oracle_script = os.path.join(shared, "..", "peers", "zh_pages.py")
        has_bs4 = subprocess.run(["/usr/bin/python3", "-c", "import bs4"],
                                 stderr=subprocess.DEVNULL).returncode == 0
        if not os.path.isfile(oracle_script) or not has_bs4:
            print("SKIPPED LOUDLY: the oracle comparison needs %s and python3-bs4 under "
                  "/usr/bin/python3 (apt-get install python3-bs4)" % oracle_script)
            sys.exit(SKIP)
        out = subprocess.run(["/usr/bin/python3", oracle_script, pages], check=True,
                             capture_output=True, text=True).stdout
        oracle = {r["id"]: r for r in map(json.loads, out.splitlines())}
        if len(oracle) != len(names):
            fail("the oracle read %d of %d pages" % (len(oracle), len(names)))
        print("agreement with the oracle (Han-character bigrams, page by page):")
        for label in folders:
            agreement(label, records[label], oracle)
    print("cn-mfa-zh pages: all checks passed")


if __name__ == "__main__":
    main()
