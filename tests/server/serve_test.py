#!/usr/bin/env python3
"""`communique serve` end to end: the real server on a loopback port, over
an index of the fixture statements, the sample corpus and hostile
statements (serverlib.py).

- The API answers what `communique search --json` prints for the same
  queries and options (ids, order, totals, facets: the whole object), and
  errors as JSON with the CLI's messages and a fitting status.
- /api/statement/ID is the body whose byte offsets the passages use.
- Hostile titles, bodies and addresses come back as data in the API and as
  text in the pages (no markup of theirs, no script link).
- /../ paths (encoded or not), over-long queries and limits, other methods
  and bad tokens get their documented status; the token is never logged.
- A missing index is a 503 until it appears; a connection over the bound
  is a 503 at once.

usage: serve_test.py COMMUNIQUE_BINARY
"""

import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time

from serverlib import (BREAK_OUT, HOSTILE, JS_LINK, SCRIPT, Server, cli_search, fail, index, q,
                       write_corpus)

QUERIES = [
    "transport corridors",
    "corridors",
    '"belt and road"',
    "sanctions OR embargo",
    "country:KAZ",
    "minister:Sadykov",
    "date:2019..2021 corridors",
    "санкций",
    "一带一路",
    "WHO vaccines",
    "corridors -caspian",
    "ممرات",
]


def check(condition, message):
    if not condition:
        fail(message)


def api_equals_cli(binary, db, srv):
    cli = cli_search(binary, db, QUERIES)
    for query, expected in zip(QUERIES, cli):
        got = srv.json(q("/api/search", q=query))
        check(got == expected, "/api/search?q=%s differs from search --json:\n%s\n%s"
              % (query, json.dumps(got)[:800], json.dumps(expected)[:800]))
    check(any(a["total"] > 0 for a in cli), "no query found anything: the comparison proves nothing")
    # The options, as the CLI's flags.
    flags = ["--limit", "3", "--offset", "1", "--passages", "1", "--facets", "0"]
    cli = cli_search(binary, db, QUERIES[:4], *flags)
    for query, expected in zip(QUERIES[:4], cli):
        got = srv.json(q("/api/search", q=query, limit=3, offset=1, passages=1, facets=0))
        check(got == expected, "/api/search with options differs for %r" % query)
    # A bad query: the batch's error object, status 400.
    expected = cli_search(binary, db, ["country:Atlantis"])[0]
    got = srv.json(q("/api/search", q="country:Atlantis"), expect=400)
    check(got == expected and "error" in got, "bad query answered %r, the CLI %r" % (got, expected))


def statements_match_passages(srv, records):
    r = srv.json(q("/api/search", q="corridors", limit=20, passages=5))
    check(r["hits"], "nothing found for corridors")
    for hit in r["hits"]:
        st = srv.json("/api/statement/" + q_id(hit["id"]))
        check(st["id"] == hit["id"], "asked for %r, got %r" % (hit["id"], st["id"]))
        check(st["body"] == records[hit["id"]]["body"], "%s: body is not the one indexed" % hit["id"])
        body = st["body"].encode()
        for p in hit["passages"]:
            check(body[p["start"]:p["end"]].decode() == p["text"],
                  "%s: passage %d..%d is not the body's text there" % (hit["id"], p["start"], p["end"]))
        spans = st["passages"]
        check(spans and all(0 <= s["start"] < s["end"] <= len(body) for s in spans),
              "%s: passage spans outside the body" % hit["id"])
    # With a query, the matches of it in the statement, marked.
    st = srv.json(q("/api/statement/" + q_id("t-en-1"), q="transport corridors"))
    check(st["matches"], "no matches of the query in t-en-1")
    m = st["matches"][0]
    text = m["text"].encode()
    marked = {text[a:b].decode().lower() for a, b in m["highlights"]}
    check({"transport", "corridors"} <= marked, "marked words %s" % marked)
    err = srv.json("/api/statement/no-such-statement", expect=404)
    check("no statement has the id" in err["error"], "404 says %r" % err)


def q_id(statement_id):
    from urllib.parse import quote
    return quote(statement_id, safe="")


def hostile_text_stays_text(srv):
    for h in HOSTILE:
        st = srv.json("/api/statement/" + q_id(h["id"]))
        for field in ("title", "body", "url"):
            check(st[field] == h[field], "%s: %s changed in the API: %r" % (h["id"], field, st[field]))
        status, headers, body = srv.get(q("/statement/" + q_id(h["id"]), q="corridors"))
        check(status == 200, "statement page of %r: %d" % (h["id"], status))
        page = body.decode()
        check_page_is_ours(page, "statement page of %r" % h["id"])
        csp = headers.get("content-security-policy", "")
        check("script-src 'self'" in csp and "unsafe-inline" not in csp, "CSP is %r" % csp)
    status, headers, body = srv.get(q("/", q="corridors " + BREAK_OUT))
    check_page_is_ours(body.decode(), "search page of a hostile query")
    status, headers, body = srv.get(q("/", q="corridors"))
    page = body.decode()
    check_page_is_ours(page, "search page")
    check("Hostile title &lt;script&gt;alert(1)&lt;/script&gt;" in page, "hostile title not shown as text")


def check_page_is_ours(page, where):
    check(page.count("<script") == 1 and '<script src="/assets/app.js?v=' in page,
          "%s: a script element not the page's own" % where)
    check("<img" not in page, "%s: an img element from the text" % where)
    check('href="javascript:' not in page.lower(), "%s: a javascript: link" % where)
    check("style=" not in page, "%s: inline style" % where)
    for tag in re.findall(r"<[^>]*>", page):
        bare = re.sub(r'"[^"]*"', '""', tag)
        check(not re.search(r"\son[a-z]+\s*=", bare, re.I), "%s: event handler in %s" % (where, tag))


def bounds_and_paths(srv):
    # /../ in every spelling is a 404, and nothing outside the assets is read.
    for path in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
                 "/assets/../../etc/passwd", "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                 "/assets/..%2Fstyle.css", "/api/statement/..%2F..%2Fetc%2Fpasswd",
                 "/statement/../../../etc/passwd", "/assets/style.css/..", "/..",
                 "/assets/%252e%252e%252fetc%252fpasswd", "/etc/passwd", "/assets/"]:
        status, _, body = srv.get(path)
        check(status == 404, "%s: status %d, expected 404" % (path, status))
        check(b"root:" not in body, "%s: served a file" % path)
    status, headers, body = srv.get("/assets/style.css")
    check(status == 200 and headers["content-type"].startswith("text/css"), "style.css: %d" % status)
    # Over-long queries and limits: 400 naming the bound; a request line
    # over the library's bound: 414.
    err = srv.json(q("/api/search", q="a" * 1025), expect=400)
    check("at most 1024" in err["error"], "long query: %r" % err)
    status, _, body = srv.get(q("/", q="a" * 1025))
    check(status == 400 and b"at most 1024" in body, "long query on the page: %d" % status)
    err = srv.json(q("/api/search", q="x", limit=101), expect=400)
    check("limit=101" in err["error"], "limit: %r" % err)
    err = srv.json(q("/api/search", q="x", offset="abc"), expect=400)
    check("offset=abc" in err["error"], "offset: %r" % err)
    srv.json("/api/search", expect=400)
    status, _, _ = srv.get("/api/search?q=" + "a" * 9000)
    check(status == 414, "a 9 kB request line: %d" % status)
    # Read-only.
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, _ = srv.get("/api/search?q=x", method=method)
        check(status == 405 and headers.get("allow") == "GET, HEAD", "%s: %d" % (method, status))
    status, _, body = srv.get("/api/search?q=corridors", method="HEAD")
    check(status == 200 and body == b"", "HEAD: %d %r" % (status, body[:40]))
    # The rest of the API.
    stats = srv.json("/api/stats")
    check(stats["statements"] > 40 and "facets" in stats, "stats: %r" % stats)
    check(srv.json("/healthz") == {"status": "ok"}, "healthz")
    status, _, body = srv.get(q("/", q="corridors"))
    check(status == 200 and b'class="bar"' in body and b'class="facet"' in body, "search page")


def logs(srv, token=None):
    text = srv.log_text()
    lines = [l for l in text.splitlines() if re.match(r"info: (GET|HEAD|POST|PUT|DELETE|PATCH|-) \S+ \d{3} [\d.]+ ms$", l)]
    check(any(re.match(r"info: GET /api/search 200 [\d.]+ ms$", l) for l in lines), "no request line logged:\n" + text[-2000:])
    if token:
        check(any(" 401 " in l for l in lines), "refusals not logged")
        check(token not in text, "the token is in the log")
    else:
        check(any(" 404 " in l for l in lines) and any(" 414 " in l for l in lines), "failures not logged")
    return len(lines)


def tokens(binary, db, work):
    token = "t0ken-" + "7f3a" * 8
    with open(os.path.join(work, "token"), "w") as f:
        f.write(token + "\n")
    with Server(binary, db, "--token-file", os.path.join(work, "token")) as srv:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer " + token[:-1]},
                        {"Authorization": "Bearer " + token + "x"}, {"Authorization": "Basic " + token},
                        {"Authorization": token}):
            for path in ("/api/search?q=x", "/", "/assets/style.css", "/healthz", "/../etc/passwd"):
                status, h, body = srv.get(path, headers=headers)
                check(status == 401, "%s with %r: %d" % (path, headers, status))
                check(h.get("www-authenticate") == "Bearer", "no WWW-Authenticate on a 401")
                check("error" in json.loads(body), "401 body %r" % body)
        for scheme in ("Bearer", "bearer"):
            status, _, _ = srv.get("/api/search?q=corridors", headers={"Authorization": scheme + " " + token})
            check(status == 200, "the right token (%s): %d" % (scheme, status))
        status, _, _ = srv.get("/api/search?q=" + "a" * 9000, headers={"Authorization": "Bearer " + token})
        logs(srv, token)


def missing_index(binary, work):
    db = os.path.join(work, "later.db")
    with Server(binary, db) as srv:
        check("answering 503" in srv.log_text(), "no warning about the missing index")
        err = srv.json("/healthz", expect=503)
        check("no index at" in err["error"], "503 says %r" % err)
        err = srv.json(q("/api/search", q="corridors"), expect=503)
        status, headers, body = srv.get(q("/", q="corridors"))
        check(status == 503 and b"no index at" in body and "retry-after" in headers, "page: %d" % status)
        corpus = os.path.join(work, "corpus")
        index(binary, db, corpus)
        check(srv.json("/healthz") == {"status": "ok"}, "the index appeared, healthz still fails")
        check(srv.json(q("/api/search", q="corridors"))["total"] > 0, "the new index finds nothing")


def busy(binary, db):
    # One search thread: 4 + 8 = 12 connection threads; no queue.
    with Server(binary, db, "--threads", "1", "--queue", "0") as srv:
        held = []
        try:
            for _ in range(12):
                s = socket.create_connection(("127.0.0.1", srv.port))
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
                held.append(s)
            time.sleep(0.5)
            status, headers, body = srv.get("/healthz")
            check(status == 503 and b"server busy" in body and headers.get("retry-after") == "1",
                  "13th connection: %d %r" % (status, body))
        finally:
            for s in held:
                s.close()
        deadline = time.monotonic() + 10
        while srv.get("/healthz")[0] != 200:
            check(time.monotonic() < deadline, "the server did not recover from the held connections")
            time.sleep(0.2)


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="communique-serve-")
    try:
        corpus, records = write_corpus(os.path.join(work, "corpus"))
        db = os.path.join(work, "db")
        index(binary, db, corpus)
        with Server(binary, db, "--threads", "2") as srv:
            api_equals_cli(binary, db, srv)
            statements_match_passages(srv, records)
            hostile_text_stays_text(srv)
            bounds_and_paths(srv)
            n = logs(srv)
            check(srv.stop() == 0, "serve exited %s on SIGTERM" % srv.proc.returncode)
            check("stopping" in srv.log_text(), "no word of stopping")
        tokens(binary, db, work)
        missing_index(binary, work)
        busy(binary, db)
        print("serve: all checks passed (%d requests logged)" % n)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
