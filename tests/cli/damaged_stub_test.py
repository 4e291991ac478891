#!/usr/bin/env python3
"""A stub that is missing, empty or damaged never makes a writer start a new
index over the old one, nor a reader answer from part of an archive.

For a single index (stub deleted, emptied, garbled) and for a sharded
archive (one shard's stub deleted, then the archive's own): every writer
and every search exits 7 naming the directory, what is wrong and the mend,
and nothing on disk changes; `communique repair` points the stub at the
newest complete generation (each shard's, and the archive's at its
shards), after which every statement is there and updates work again; and
`communique index --rebuild` still mends a damaged stub from the sources.

usage: damaged_stub_test.py COMMUNIQUE_BINARY
"""

import os
import shutil
import sys

from faultlib import Binary, Workdir, check_complete, fail, write_corpus

BASE = list(range(300))
NEW = [300, 301]


def snapshot(db):
    """Every file under `db` but the lock's, with its size and mtime."""
    out = {}
    for root, _, files in os.walk(db):
        for f in files:
            path = os.path.join(root, f)
            if f != "LOCK":
                st = os.stat(path)
                out[os.path.relpath(path, db)] = (st.st_size, st.st_mtime_ns)
    return out


def expect_refusal(b, words, what):
    """Writers and readers of `b` exit 7 saying `words`; nothing changes."""
    before = snapshot(b.db)
    for args in (["index", NEW_FILE], ["index", "--update", NEW_FILE], ["search", "peace"], ["stats"],
                 ["compact"]):
        p = b.run(*args, check=False)
        if p.returncode != 7:
            fail("%s: %s exited %d, not 7: %s" % (what, " ".join(args[:2]), p.returncode, p.stderr.strip()[-600:]))
        for w in words:
            if w not in p.stderr:
                fail("%s: %s does not say %r: %s" % (what, args[0], w, p.stderr.strip()[-600:]))
    if snapshot(b.db) != before:
        fail("%s: the refused commands changed files in %s" % (what, b.db))
    print("%s: writers and readers exit 7: %s" % (what, p.stderr.strip().splitlines()[-1][:300]))


def repair(b, words, what):
    p = b.run("repair")
    for w in words:
        if w not in p.stderr:
            fail("%s: repair does not say %r: %s" % (what, w, p.stderr.strip()))
    print("%s: %s" % (what, " / ".join(line.strip() for line in p.stderr.strip().splitlines())))


def main():
    global NEW_FILE
    exe = sys.argv[1]
    with Workdir() as w:
        base_file = write_corpus(w("base.jsonl"), BASE, 1)
        NEW_FILE = write_corpus(w("new.jsonl"), NEW, 1)
        base_state = {i: 1 for i in BASE}
        after_update = {i: 1 for i in BASE + NEW}
        ref = Binary(exe, w("ref.db"))
        ref.run("index", base_file)
        with open(os.path.join(ref.db, "XAPIANDB")) as f:
            live = f.read().split()[1]

        # A single index.
        damages = {
            "stub deleted": (None, "is missing"),
            "stub emptied": ("", "is empty"),
            "stub garbled": ("auto %s junk\n" % live, "line 1 \"auto %s junk\"" % live),
        }
        for what, (text, says) in damages.items():
            b = Binary(exe, w(what.replace(" ", "-")))
            shutil.copytree(ref.db, b.db)
            stub = os.path.join(b.db, "XAPIANDB")
            if text is None:
                os.remove(stub)
            else:
                with open(stub, "w") as f:
                    f.write(text)
            expect_refusal(b, ["index %s:" % b.db, says, "communique repair --db %s" % b.db, "--rebuild"], what)
            repair(b, ["now names %s (%d statements)" % (live, len(BASE))], what)
            check_complete(b, base_state)
            b.run("index", NEW_FILE)
            check_complete(b, after_update)

        # --rebuild mends a garbled stub from the sources, as it did before.
        b = Binary(exe, w("rebuilt"))
        shutil.copytree(ref.db, b.db)
        with open(os.path.join(b.db, "XAPIANDB"), "w") as f:
            f.write("auto %s junk\n" % live)
        b.run("index", "--rebuild", base_file)
        check_complete(b, base_state)
        print("stub garbled: index --rebuild mends it from the sources")

        # A sharded archive: one shard's stub, then the archive's own.
        a = Binary(exe, w("archive"))
        a.run("index", "--shards", "4", base_file)
        shard = os.path.join(a.db, "shard-02")
        os.remove(os.path.join(shard, "XAPIANDB"))
        expect_refusal(a, ["index %s:" % shard, "is missing", "communique repair --db %s`" % a.db],
                       "a shard's stub deleted")
        repair(a, ["shard-02: the stub now names", "shard-00: sound"], "a shard's stub deleted")
        check_complete(a, base_state)
        os.remove(os.path.join(a.db, "XAPIANDB"))
        expect_refusal(a, ["index %s:" % a.db, "is missing", "shard-00", "communique repair --db %s`" % a.db],
                       "the archive's stub deleted")
        repair(a, ["the stub now lists shard-00 to shard-03"], "the archive's stub deleted")
        check_complete(a, base_state)
        a.run("index", NEW_FILE)
        check_complete(a, after_update)

        # What repair cannot mend, it says, and leaves alone.
        shutil.rmtree(os.path.join(a.db, "shard-01"))
        before = snapshot(a.db)
        p = a.run("repair", check=False)
        if p.returncode != 7 or "shard-01" not in p.stderr or "--rebuild" not in p.stderr:
            fail("repair of an archive without a shard exited %d: %s" % (p.returncode, p.stderr.strip()))
        if snapshot(a.db) != before:
            fail("a refused repair changed files")
        print("a shard directory deleted: repair exits 7: %s" % p.stderr.strip().splitlines()[-1][:300])
    print("damaged stubs: all checks passed")


if __name__ == "__main__":
    main()
