#!/usr/bin/env python3
"""Searching while another process indexes never fails, and never mixes
versions of a statement.

A writer process replaces every statement again and again (in-place
updates committing small batches, and a --rebuild switching generations),
each time with a new version whose every paragraph carries the version's
token. Meanwhile searches run in a loop, as new processes and as one
long-lived --batch process (which meets Xapian's DatabaseModifiedError and
must reopen and retry). Every search must succeed, and every hit's
passages must all be the text of one version of that statement; a search
for a version's token must find only statements of that version.

usage: reader_during_writes_test.py COMMUNIQUE_BINARY
"""

import json
import subprocess
import sys
import threading

from faultlib import Binary, Workdir, check_complete, fail, id_token, version_of, version_token, write_corpus

NUMBERS = list(range(2500))
VERSIONS = [2, 3, 4, 5]
REBUILD_AT = 4  # the version written by --rebuild rather than in place


def check_result(r, where):
    if "error" in r:
        fail("%s: query %r failed: %s" % (where, r["query"], r["error"]))
    for hit in r["hits"]:
        version = version_of(hit, int(hit["id"].split("-")[1]), whole=False)
        q = r["query"]
        if q.startswith("vmark") and version_token(version) != q:
            fail("%s: %r found %s, whose passages are version %d" % (where, q, hit["id"], version))


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        b = Binary(exe, w("db"))
        b.run("index", write_corpus(w("v1.jsonl"), NUMBERS, 1))
        files = {v: write_corpus(w("v%d.jsonl" % v), NUMBERS, v) for v in VERSIONS}
        queries = ["peace talks", "corridor OR railway", '"supply chain"', "country:KAZ grain",
                   id_token(7), id_token(1234)] + [version_token(v) for v in [1] + VERSIONS]

        done = threading.Event()
        writer_error = []

        def writer():
            try:
                for v in VERSIONS:
                    args = ["index", "--threads", "2", "--memory", "16", files[v]]
                    if v == REBUILD_AT:
                        args.insert(1, "--rebuild")
                    b.run(*args)
            except SystemExit:
                writer_error.append("writer failed")
            finally:
                done.set()

        batch = subprocess.Popen(b.cmd("search", "--json", "--passages", "50", "--limit", "20", "--batch", "-"),
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        thread = threading.Thread(target=writer)
        thread.start()
        searches = batch_searches = 0
        n = 0
        while not done.is_set():
            q = queries[n % len(queries)]
            n += 1
            p = b.run("search", "--json", "--passages", "50", "--limit", "20", q, check=False)
            if p.returncode != 0:
                fail("search %r exited %d while the index was written: %s" % (q, p.returncode, p.stderr))
            check_result(json.loads(p.stdout), "search process")
            searches += 1
            batch.stdin.write(q + "\n")
            line = batch.stdout.readline()
            if not line:
                fail("the --batch search process died: exit %s" % batch.poll())
            check_result(json.loads(line), "--batch search")
            batch_searches += 1
        thread.join()
        batch.stdin.close()
        if batch.wait(timeout=60) != 0:
            fail("the --batch search process exited %d" % batch.returncode)
        if writer_error:
            fail(writer_error[0])
        check_complete(b, {i: VERSIONS[-1] for i in NUMBERS})
        if searches < 10:
            fail("only %d searches ran during the writes; the test proves little" % searches)
        print("%d search processes and %d --batch searches ran during %d indexing runs; all consistent"
              % (searches, batch_searches, len(VERSIONS)))
    print("reader during writes: all checks passed")


if __name__ == "__main__":
    main()
