#!/usr/bin/env python3
"""Web pages as nobody should write them, through the real binary: an 80 MB
page, a page of 16,000 <script> and <style> elements, text after a bare
'<', an unclosed <title>, and a page that holds no statement. Each is
indexed (or reported) within the hang guard and, outside sanitizer builds,
the address-space limit of bounded_work_test.py; time and peak memory are
printed, never asserted.

usage: hostile_pages_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import json
import os
import sys

from bounded_work_test import run
from faultlib import Binary, Workdir, fail

MB = 1 << 20
WORDS = "peace talks minister cooperation trade corridor security region bilateral agreement".split()


def paragraph(k):
    """About a kilobyte of prose, a word in ten a link."""
    words = []
    for i in range(97):
        w = WORDS[(i + k) % len(WORDS)]
        words.append('<a href="/ref/%d" class="ref">%s</a>' % (i, w) if i % 10 == 3 else w)
    return "<p class=\"para\">" + " ".join(words) + ".</p>\n"


def menu():
    return "<nav>" + "".join('<a href="/s%d">Sectionmenu %d</a> ' % (i, i) for i in range(50)) + "</nav>"


def big_page(path, size):
    with open(path, "w") as f:
        f.write("<!DOCTYPE html><html><head><title>A long statement | Ministry</title></head><body>")
        f.write(menu() + "<article><h1>A long statement</h1><p>Updated: July 17, 2020</p>")
        n, k = 0, 0
        while n < size:
            p = paragraph(k)
            f.write(p)
            n += len(p)
            k += 1
        f.write("<p>The end of the statement, zqfinalword.</p></article>"
                "<footer>Copyright 2020 Ministry. All rights reserved.</footer></body></html>")


def scripts_page(path, count):
    with open(path, "w") as f:
        f.write("<!DOCTYPE html><html><head><title>Scripts</title></head><body>" + menu())
        f.write("<p>The ministers met in the capital, and agreed on trade and transport.</p>")
        for i in range(count):
            f.write('<script>var zqscript%d = "a<b";</script><style>.zqstyle%d{}</style>' % (i, i))
        f.write("<p>They will meet again in the autumn, zqlastword.</p></body></html>")


def search(b, query):
    return json.loads(b.run("search", "--json", query).stdout)


def check_pages(exe, w, sanitized):
    # An 80 MB page: its statement indexed and found by its last word.
    b = Binary(exe, w("big.db"))
    path = w("big.html")
    big_page(path, 80 * MB)
    code, out, err, seconds, rss = run(b.cmd("index", "--format", "page", path), sanitized)
    if code != 0:
        fail("an 80 MB page: index exited %d: %s" % (code, err[-1000:]))
    r = search(b, "zqfinalword")
    if r["total"] != 1 or "zqfinalword" not in r["hits"][0]["passages"][0]["text"]:
        fail("an 80 MB page: its last word does not find it: %s" % json.dumps(r)[:500])
    if search(b, "Sectionmenu")["total"] != 0:
        fail("an 80 MB page: its menu was indexed as statement text")
    print("  an %d MB page: indexed in %.1f s, peak RSS %.0f MiB; found by its last word, menu "
          "left out" % (os.path.getsize(path) // MB, seconds, rss))
    os.remove(path)

    # 16,000 <script> and <style> elements: read in one pass, none of them text.
    b = Binary(exe, w("scripts.db"))
    path = w("scripts.html")
    scripts_page(path, 16000)
    code, out, err, seconds, rss = run(b.cmd("index", "--format", "page", path), sanitized)
    if code != 0:
        fail("16,000 scripts: index exited %d: %s" % (code, err[-1000:]))
    if search(b, "zqlastword")["total"] != 1:
        fail("16,000 scripts: the text after them is lost")
    if search(b, "zqscript15999")["total"] or search(b, "zqstyle7")["total"]:
        fail("16,000 scripts: script or style text was indexed")
    print("  16,000 <script> and <style> elements: indexed in %.2f s, peak RSS %.0f MiB; "
          "their text left out, the text after them kept" % (seconds, rss))

    # A bare '<', an unclosed <title>, a page of links.
    pages = w("pages")
    os.mkdir(pages)
    with open(os.path.join(pages, "bare.html"), "w") as f:
        f.write("<html><body><p>If 3 < 5 then the zqcats win, as everyone in the room expected."
                "</p></body></html>")
    with open(os.path.join(pages, "title.html"), "w") as f:
        f.write("<html><head><title>Unclosed title\n<meta charset=utf-8></head><body><p>The "
                "statement after it is kept, with its zqafterword, and indexed.</p></body></html>")
    with open(os.path.join(pages, "links.html"), "w") as f:
        f.write("<html><body><h1>News</h1><ul>" +
                "".join('<li><a href="/n/%d">Minister meets counterpart %d</a></li>' % (i, i)
                        for i in range(30)) + "</ul></body></html>")
    b = Binary(exe, w("pages.db"))
    code, out, err, _, _ = run(b.cmd("index", "--report", w("report.json"), pages), sanitized)
    if code != 0:
        fail("hostile pages: index exited %d: %s" % (code, err[-1000:]))
    for word, what in (("zqcats", "text after a bare '<'"), ("zqafterword", "text after an unclosed <title>")):
        r = search(b, word)
        if r["total"] != 1:
            fail("%s is lost: %s" % (what, json.dumps(r)[:300]))
    r = search(b, "zqafterword")
    if r["hits"][0]["title"] != "Unclosed title":
        fail("an unclosed <title> swallowed the page: title %r" % r["hits"][0]["title"][:200])
    report = json.load(open(w("report.json")))
    skipped = [s for s in report["skipped_files"] if "links.html" in s]
    if report["indexed"] != 2 or len(skipped) != 1 or "no statement in the page" not in skipped[0]:
        fail("a page of links: %d indexed, skipped files %s" % (report["indexed"], report["skipped_files"]))
    print("  text after a bare '<' and after an unclosed <title> indexed; a page of links "
          "reported as a skipped file: %s" % skipped[0].split(": ", 1)[1])


def main():
    exe = sys.argv[1]
    sanitized = "--sanitized" in sys.argv[2:]
    with Workdir() as w:
        print("hostile pages:")
        check_pages(exe, w, sanitized)
    print("hostile pages: all checks passed")


if __name__ == "__main__":
    main()
