#!/usr/bin/env python3
"""A second writer is turned away, and corrupts nothing.

While one `communique index` runs (an in-place update, then a --rebuild),
a second one into the same index must exit 4 with "index ... is locked by
pid N (communique)" naming the first; the first must finish normally with
every statement whole; once it is done, the second may run.

usage: second_writer_test.py COMMUNIQUE_BINARY
"""

import os
import sys
import time

from faultlib import Binary, Workdir, check_complete, check_tidy, fail, stderr_of, write_corpus

BASE = list(range(2000))
UPDATE = list(range(1000, 3000))


def lock_holder(db):
    try:
        with open(os.path.join(db, "LOCK")) as f:
            return f.read().strip()
    except OSError:
        return ""


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        base_file = write_corpus(w("base.jsonl"), BASE, 1)
        update_file = write_corpus(w("update.jsonl"), UPDATE, 2)
        other_file = write_corpus(w("other.jsonl"), range(5000, 5010), 3)
        b = Binary(exe, w("db"))
        b.run("index", base_file)

        for first_args, state in (
                (["index", "--threads", "1", "--memory", "16", update_file],
                 {**{i: 1 for i in BASE}, **{i: 2 for i in UPDATE}}),
                (["index", "--rebuild", "--threads", "2", base_file], {i: 1 for i in BASE})):
            first = b.start(*first_args)
            holder = "pid %d (communique)" % first.pid
            deadline = time.monotonic() + 60
            while lock_holder(b.db) != holder:
                if first.poll() is not None or time.monotonic() > deadline:
                    fail("the first writer never took the lock (LOCK holds %r)" % lock_holder(b.db))
                time.sleep(0.005)
            tries = 0
            for second_args in (["index", other_file], ["index", "--rebuild", other_file]):
                if first.poll() is not None:
                    break
                p = b.run(*second_args, check=False)
                tries += 1
                if p.returncode != 4:
                    fail("second writer (%s) exited %d, not 4: %s" % (" ".join(second_args), p.returncode, p.stderr))
                expected = "is locked by " + holder
                if expected not in p.stderr or "wait for it to finish" not in p.stderr:
                    fail("second writer's message does not say who holds the lock: %r" % p.stderr)
            if first.wait(timeout=600) != 0:
                fail("the first writer failed after the second was turned away: %s" % stderr_of(first))
            if tries == 0:
                fail("the first writer finished before a second one could be tried; use a larger corpus")
            check_complete(b, state)
            check_tidy(b.db)
            if lock_holder(b.db):
                fail("LOCK still names %r after its writer finished" % lock_holder(b.db))
            print("second writer during %s: exit 4, \"index %s is locked by %s\"; first finished, %d statements whole"
                  % ("a --rebuild" if "--rebuild" in first_args else "an update", b.db, holder, len(state)))

        # Once the first is done, the second runs.
        b.run("index", other_file)
        found = check_complete(b)
        if len(found) != len(BASE) + 10:
            fail("after the second writer ran: %d statements, expected %d" % (len(found), len(BASE) + 10))

        # LOCK deleted by hand while a writer runs: the lock is the
        # directory's, so a second writer is still turned away (and named
        # from the kernel's lock table), and cannot remove the first
        # one's build directory.
        for first_args, state in (
                (["index", "--rebuild", "--threads", "2", base_file], {i: 1 for i in BASE}),
                (["index", "--threads", "1", "--memory", "16", update_file],
                 {**{i: 1 for i in BASE}, **{i: 2 for i in UPDATE}})):
            first = b.start(*first_args)
            holder = "pid %d (communique)" % first.pid
            deadline = time.monotonic() + 60
            while lock_holder(b.db) != holder:
                if first.poll() is not None or time.monotonic() > deadline:
                    fail("the first writer never took the lock (LOCK holds %r)" % lock_holder(b.db))
                time.sleep(0.005)
            os.remove(os.path.join(b.db, "LOCK"))
            p = b.run("index", "--rebuild", other_file, check=False)
            if p.returncode != 4 and first.poll() is not None:
                fail("the first writer finished before a second one could be tried; use a larger corpus")
            if p.returncode != 4 or "is locked by " + holder not in p.stderr:
                fail("with LOCK deleted, a second writer exited %d: %s" % (p.returncode, p.stderr.strip()))
            if first.wait(timeout=600) != 0:
                fail("with LOCK deleted, the first writer failed: %s" % stderr_of(first))
            check_complete(b, state)
            check_tidy(b.db)
            print("LOCK deleted during %s: a second writer exits 4, \"is locked by %s\"; the first finished whole"
                  % ("a --rebuild" if "--rebuild" in first_args else "an update", holder))
    print("second writer: all checks passed")


if __name__ == "__main__":
    main()
