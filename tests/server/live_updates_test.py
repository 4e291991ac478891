#!/usr/bin/env python3
"""Clients search a running `communique serve` while the batch scripts
change its index underneath: tools/update (in-place commits), tools/reindex
(a new generation switched in) and tools/compact. No request may fail, no
answer may mix versions of a statement, and each change is seen without a
restart.

The statements come from tests/cli/faultlib.py: every paragraph carries
its statement's token and its version's token, so a passage tells which
version of which statement it was read from.

usage: live_updates_test.py COMMUNIQUE_BINARY
"""

import json
import os
import re
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from faultlib import Binary, Workdir, id_token, statement_id, version_of, version_token, write_corpus  # noqa: E402
from serverlib import SOURCE, Server, fail  # noqa: E402
import subprocess  # noqa: E402

NUMBERS = list(range(1500))
CLIENTS = 4


def run_tool(name, *args, binary):
    env = dict(os.environ, COMMUNIQUE_BIN=binary)
    p = subprocess.run([os.path.join(SOURCE, "tools", name)] + list(args), capture_output=True,
                       text=True, env=env, timeout=600)
    if p.returncode != 0:
        fail("tools/%s exited %d: %s" % (name, p.returncode, p.stderr[-2000:]))
    return p


def main():
    binary = sys.argv[1]
    with Workdir() as w:
        db = w("db")
        b = Binary(binary, db)
        b.run("index", write_corpus(w("v1"), NUMBERS, 1))
        sources = {v: write_corpus(w("v%d" % v), NUMBERS, v) for v in (2, 3)}
        queries = ["peace talks", "corridor OR railway", '"supply chain"', "country:KAZ grain",
                   id_token(7), id_token(1234)] + [version_token(v) for v in (1, 2, 3)]

        stop = threading.Event()
        errors, counts = [], {"search": 0, "statement": 0}
        lock = threading.Lock()

        with Server(binary, db, "--threads", "2") as srv:
            def client(k):
                n = k
                while not stop.is_set() and not errors:
                    query = queries[n % len(queries)]
                    number = (n * 37) % len(NUMBERS)
                    n += CLIENTS
                    try:
                        status, _, body = srv.get("/api/search?" + urllib.parse.urlencode(
                            {"q": query, "limit": 10, "passages": 20}))
                        if status != 200:
                            raise RuntimeError("search %r: status %d: %s" % (query, status, body[:300]))
                        r = json.loads(body)
                        for hit in r["hits"]:
                            version = version_of(hit, int(hit["id"].split("-")[1]), whole=False)
                            if query.startswith("vmark") and version_token(version) != query:
                                raise RuntimeError("%r found %s at version %d" % (query, hit["id"], version))
                        sid = statement_id(number)
                        status, _, body = srv.get("/api/statement/" + sid)
                        if status != 200:
                            raise RuntimeError("statement %s: status %d: %s" % (sid, status, body[:300]))
                        st = json.loads(body)
                        marks = set(re.findall(r"vmark[a-z]+", st["body"]))
                        if len(marks) != 1:
                            raise RuntimeError("%s mixes versions %s" % (sid, sorted(marks)))
                        with lock:
                            counts["search"] += 1
                            counts["statement"] += 1
                    except SystemExit:
                        errors.append("a passage of mixed versions (see above)")
                    except Exception as e:  # noqa: BLE001 - any failure fails the test
                        errors.append(str(e))

            threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
            for t in threads:
                t.start()
            try:
                time.sleep(1)
                steps = []
                run_tool("update", sources[2], "--db", db, binary=binary)
                steps.append(("update", 2))
                run_tool("reindex", sources[3], "--db", db, binary=binary)
                steps.append(("reindex", 3))
                run_tool("compact", "--db", db, binary=binary)
                steps.append(("compact", 3))
                time.sleep(1)
            finally:
                stop.set()
                for t in threads:
                    t.join()
            if errors:
                fail("%d failed requests while the index changed; first: %s" % (len(errors), errors[0]))
            if counts["search"] < 50:
                fail("only %d searches ran while the index changed: the test proved little" % counts["search"])
            # The last change is seen without a restart.
            r = srv.json("/api/search?" + urllib.parse.urlencode({"q": version_token(3), "limit": 1}))
            if r["total"] != len(NUMBERS):
                fail("after the rebuild, %d statements are at version 3, not %d" % (r["total"], len(NUMBERS)))
            r = srv.json("/api/search?" + urllib.parse.urlencode({"q": version_token(2), "limit": 1}))
            if r["total"] != 0:
                fail("after the rebuild, %d statements are still at version 2" % r["total"])
            failed = [l for l in srv.log_text().splitlines() if re.search(r" [45]\d\d [\d.]+ ms$", l)]
            if failed:
                fail("the server logged failures: %s" % failed[:3])
        print("live updates: %d searches and %d statement reads during %s, none failed"
              % (counts["search"], counts["statement"], ", ".join(s for s, _ in steps)))


if __name__ == "__main__":
    main()
