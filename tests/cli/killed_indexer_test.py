#!/usr/bin/env python3
"""A killed indexer loses nothing that was committed.

`communique index` is killed with SIGKILL at several points while it
indexes a few thousand generated statements: during a first build
(sharded, switched in only at the end), during a --rebuild of an existing
index, and during an in-place update (committed in batches). After each
kill the index must open, hold exactly the statements of its last commit,
each whole and of one version, and answer a fixed query set as it did;
running the same command again must reach the same state as an
uninterrupted run, leaving no build or stale generation directories.

usage: killed_indexer_test.py COMMUNIQUE_BINARY
"""

import os
import shutil
import sys
import time

from faultlib import (Binary, Workdir, check_complete, check_tidy, fail, index_dirs, kill_at, statement_id,
                      stderr_of, write_corpus)

BASE = list(range(3000))                                   # the index before an update, version 1
UPDATE = list(range(1500, 3000)) + list(range(3000, 4500))  # half replaced (version 2), half new


def timed(binary, *args):
    start = time.monotonic()
    binary.run(*args)
    return time.monotonic() - start


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        base_file = write_corpus(w("base.jsonl"), BASE, 1)
        update_file = write_corpus(w("update.jsonl"), UPDATE, 2)
        base_state = {i: 1 for i in BASE}
        updated_state = {**base_state, **{i: 2 for i in UPDATE}}
        rebuilt_state = {i: 2 for i in UPDATE}

        # Uninterrupted runs: the states and answers every recovery must reach.
        base = Binary(exe, w("base.db"))
        t_build = timed(base, "index", "--threads", "2", base_file)
        check_complete(base, base_state)
        base_answers = base.answers()
        updated = Binary(exe, w("updated.db"))
        shutil.copytree(base.db, updated.db)
        t_update = timed(updated, "index", "--threads", "1", "--memory", "16", update_file)
        check_complete(updated, updated_state)
        updated_answers = updated.answers()
        rebuilt = Binary(exe, w("rebuilt.db"))
        shutil.copytree(base.db, rebuilt.db)
        t_rebuild = timed(rebuilt, "index", "--rebuild", "--threads", "2", update_file)
        check_complete(rebuilt, rebuilt_state)
        rebuilt_answers = rebuilt.answers()
        print("uninterrupted: build %.1fs, update %.1fs, rebuild %.1fs" % (t_build, t_update, t_rebuild))

        def new_generation(db, before):
            return lambda: any(g not in before for g in index_dirs(db)[1]) if os.path.isdir(db) else False

        def converges(b, args, state, answers, what):
            b.run(*args)
            check_complete(b, state)
            if b.answers() != answers:
                fail("%s: after running again, answers differ from an uninterrupted run" % what)
            check_tidy(b.db)

        # 1. The first build of a new index: nothing is committed until the
        #    merged generation is switched in at the very end.
        args = ["index", "--threads", "2", base_file]
        points = [("at %.0f%% of the run" % (f * 100), dict(seconds=f * t_build)) for f in (0.3, 0.7)]
        points.append(("while merging shards", dict(until=None)))
        for n, (what, when) in enumerate(points):
            b = Binary(exe, w("first%d.db" % n))
            if "until" in when:
                when = dict(until=new_generation(b.db, ["gen-000001"]))
            proc = b.start(*args)
            killed = kill_at(proc, **when)
            label = "first build killed %s" % what
            if not killed:
                print("%s: the run finished first" % label)
                check_complete(b, base_state)
                continue
            if not os.path.exists(os.path.join(b.db, "XAPIANDB")):
                # Killed before the empty index existed: there is no index yet.
                p = b.run("stats", check=False)
                if p.returncode != 3:
                    fail("%s before the index existed: stats exited %d, not 3" % (label, p.returncode))
                print("%s: no index yet (stats exits 3)" % label)
            else:
                found = check_complete(b)
                if found not in ({}, base_state):
                    fail("%s: index holds %d statements, neither none nor all" % (label, len(found)))
                print("%s: index opens and holds %d statements (%s left behind)"
                      % (label, len(found), " ".join(sum(index_dirs(b.db), [])) or "nothing"))
            converges(b, args, base_state, base_answers, label)

        # 2. --rebuild of an existing index: the old generation stays live
        #    until the new one is complete.
        args = ["index", "--rebuild", "--threads", "2", update_file]
        for n, f in enumerate((0.5, None)):
            b = Binary(exe, w("rebuild%d.db" % n))
            shutil.copytree(base.db, b.db)
            before = index_dirs(b.db)[1]
            proc = b.start(*args)
            what = "at 50% of the run" if f else "while merging shards"
            label = "--rebuild killed %s" % what
            killed = kill_at(proc, seconds=f * t_rebuild) if f else kill_at(proc, until=new_generation(b.db, before))
            found = check_complete(b)
            if found == base_state:
                if b.answers() != base_answers:
                    fail("%s: the old index answers differently" % label)
            elif found != rebuilt_state:
                fail("%s: index holds %d statements, neither the old nor the new set" % (label, len(found)))
            print("%s: %s; index holds the %s generation" % (label, "killed" if killed else "finished first",
                                                              "old" if found == base_state else "new"))
            converges(b, args, rebuilt_state, rebuilt_answers, label)

        # 3. In-place update, one thread: batches are committed in file order,
        #    so the index must hold the base plus a prefix of the update file.
        args = ["-v", "index", "--threads", "1", "--memory", "16", update_file]

        def prefix_state(k):
            state = dict(base_state)
            state.update({i: 2 for i in UPDATE[:k]})
            return state

        def check_prefix(b, proc, label):
            found = check_complete(b)
            k = 0
            while k < len(UPDATE) and found.get(UPDATE[k]) == 2:
                k += 1
            if found != prefix_state(k):
                fail("%s: index is not the base plus a prefix of the update (first %d applied, then %s)"
                     % (label, k, statement_id(UPDATE[k]) if k < len(UPDATE) else "-"))
            logged = [int(line.rsplit(" ", 2)[-2]) for line in stderr_of(proc).splitlines()
                      if line.startswith("debug: committed:")]
            # A kill between a commit and its log line leaves one more commit.
            if logged and len(found) < logged[-1]:
                fail("%s: index holds %d statements, but %d were committed" % (label, len(found), logged[-1]))
            print("%s: index holds the base plus the first %d updates (%d statements; last logged commit %s)"
                  % (label, k, len(found), logged[-1] if logged else "none"))
            return k

        commits = lambda proc, n: lambda: stderr_of(proc).count("debug: committed:") >= n
        b = Binary(exe, w("update.db"))
        shutil.copytree(base.db, b.db)
        proc = b.start(*args)
        if kill_at(proc, until=commits(proc, 1)):
            check_prefix(b, proc, "update killed after its first commit")
        proc = b.start(*args)
        if kill_at(proc, seconds=0.6 * t_update):
            check_prefix(b, proc, "update run again, killed at 60%")
        converges(b, args, updated_state, updated_answers, "update killed twice")

        # 4. In-place update, two analysis threads: no order, still whole.
        b = Binary(exe, w("update2.db"))
        shutil.copytree(base.db, b.db)
        args = ["index", "--threads", "2", "--memory", "16", update_file]
        proc = b.start(*args)
        if kill_at(proc, seconds=0.5 * t_update):
            found = check_complete(b)
            if any(found.get(i) != 1 for i in BASE[:1500]) or any(found.get(i, 2) != 2 for i in range(3000, 4500)):
                fail("two-thread update killed: statements outside the update changed")
            print("two-thread update killed at 50%%: %d statements, all whole" % len(found))
        converges(b, args, updated_state, updated_answers, "two-thread update killed")
    print("killed indexer: all checks passed")


if __name__ == "__main__":
    main()
