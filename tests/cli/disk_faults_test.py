#!/usr/bin/env python3
"""A full disk, a read-only index and a missing index give a clear message
and a non-zero exit, and leave the committed index intact.

Disk full: the index lives on a small tmpfs (as root, where mounting is
permitted); otherwise a file size limit (RLIMIT_FSIZE, `ulimit -f`) stands
in for it, which communique reports like a full disk. Read-only: a
read-only bind mount (as root), else a non-root user and a directory
without write permission. Where neither can be arranged, that part is
skipped with a message saying why. COMMUNIQUE_TEST_NO_MOUNT=1 forces the
fallbacks.

usage: disk_faults_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import os
import resource
import shutil
import subprocess
import sys

from faultlib import Binary, Workdir, check_complete, check_tidy, fail, index_dirs, write_corpus

BASE = list(range(1200))
MORE = list(range(1200, 4800))  # several times the base: cannot fit
REBUILD_ATTEMPTS = 5


def full_disk_env(w, sanitized):
    """The environment of the runs that fill the disk. Xapian 1.4 leaks a
    few KB when a commit fails for want of space (an object it allocates
    inside WritableDatabase::commit_transaction() and never frees, even
    once the database is closed and destroyed). Under the sanitizers those
    runs tell LeakSanitizer to pass over leaks allocated inside libxapian;
    every other run, and every leak of ours, stays fatal."""
    if not sanitized:
        return None
    suppressions = w("lsan-xapian-enospc.supp")
    with open(suppressions, "w") as f:
        f.write("leak:libxapian.so\n")
    return dict(os.environ, LSAN_OPTIONS="suppressions=%s:print_suppressions=0" % suppressions)


def may_mount():
    # COMMUNIQUE_TEST_NO_MOUNT=1 tries the fallbacks even where root may mount.
    return os.geteuid() == 0 and not os.environ.get("COMMUNIQUE_TEST_NO_MOUNT")


def try_run(*cmd):
    return subprocess.run(list(cmd), capture_output=True).returncode == 0


def live_generation(db):
    with open(os.path.join(db, "XAPIANDB")) as f:
        return f.read().split()[1]


def expect_failure(p, code, words, what):
    if p.returncode != code:
        fail("%s: exit %d, expected %d (%s)" % (what, p.returncode, code, p.stderr.strip()[-500:]))
    for w in words:
        if w not in p.stderr:
            fail("%s: message does not say %r: %s" % (what, w, p.stderr.strip()[-500:]))
    print("%s: exit %d, %s" % (what, code, p.stderr.strip().splitlines()[-1]))


def disk_full(exe, w, base_file, more_file, base_state, base_answers, sanitized):
    """Writes that fail for want of space: an in-place update, a --rebuild,
    a first build. Returns how the fault was made."""
    small = w("small")
    os.mkdir(small)
    limit = None
    base_bytes = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(w("base.db")) for f in fs)
    size_mb = base_bytes // (1 << 20) + 12
    if may_mount() and try_run("mount", "-t", "tmpfs", "-o", "size=%dm" % size_mb, "tmpfs", small):
        w.mounts.append(small)
        how = "a %d MiB tmpfs" % size_mb
        words = ["No space left on device", "the disk is full"]
    else:
        # Every file the writer grows is capped a little above the base's
        # largest; communique ignores SIGXFSZ, so writes fail with EFBIG.
        largest = max(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(w("base.db")) for f in fs)
        limit = largest + (3 << 20)
        how = "a file size limit of %d bytes (tmpfs cannot be mounted here)" % limit
        words = ["File too large", "file size limit"]

    def limited():
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    b = Binary(exe, os.path.join(small, "db"))
    shutil.copytree(w("base.db"), b.db)
    live = live_generation(b.db)

    # In-place update: fails at some batch; the index keeps its last commit.
    env = full_disk_env(w, sanitized)
    p = b.run("index", "--threads", "1", "--memory", "16", more_file, check=False, preexec_fn=limited, env=env)
    expect_failure(p, 6, words, "update on a full disk (%s)" % how)
    found = check_complete(b)
    if any(found.get(i) != 1 for i in BASE) or any(n not in base_state and n not in MORE for n in found):
        fail("update on a full disk: the statements indexed before are not all intact")
    k = 0
    while k < len(MORE) and MORE[k] in found:
        k += 1
    if len(found) != len(BASE) + k:
        fail("update on a full disk: the index holds %d statements, not the base plus a prefix of the update"
             % len(found))
    if live_generation(b.db) != live or not os.path.exists(os.path.join(b.db, "LOCK")):
        fail("update on a full disk: the stub or LOCK changed")
    print("  the index keeps the base plus the first %d statements committed before the disk filled" % k)

    # --rebuild: fails before the switch; the old generation stays, whole.
    # Its two shard threads fill the disk together, and where each is when
    # the space runs out varies from run to run: the process once died of
    # Xapian's abort when one shard's rollback found no room left by the
    # other (1 run in 5). Several attempts make such an interleaving show.
    b2 = Binary(exe, os.path.join(small, "db2"))
    shutil.rmtree(b.db)
    shutil.copytree(w("base.db"), b2.db)
    for attempt in range(REBUILD_ATTEMPTS):
        p = b2.run("index", "--rebuild", "--threads", "2", more_file, check=False, preexec_fn=limited, env=env)
        expect_failure(p, 6, words, "--rebuild on a full disk (attempt %d)" % (attempt + 1))
        check_complete(b2, base_state)
        if b2.answers() != base_answers:
            fail("--rebuild on a full disk: the old generation answers differently")
        builds, gens = index_dirs(b2.db)
        if builds or gens != [live]:
            fail("--rebuild on a full disk left %s behind (live: %s)" % (builds + gens, live))
    print("  the old generation is live and answers as before; nothing left behind")

    # Once there is room again, the same command succeeds.
    if limit is None:
        subprocess.run(["mount", "-o", "remount,size=%dm" % (size_mb * 8), small], check=True)
    b2.run("index", "--rebuild", "--threads", "2", more_file)
    check_complete(b2, {i: 1 for i in MORE})
    check_tidy(b2.db)
    print("  with room again, the same --rebuild completes")
    return how


def bytes_free(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def bytes_on_disk(path):
    return sum(os.lstat(os.path.join(r, f)).st_blocks * 512 for r, _, fs in os.walk(path) for f in fs)


def space_given_back(exe, w, more_file, base_state, sanitized):
    """After an update that failed for want of space, the space its batch
    took is free again: a one-statement update and `compact` work without
    adding any. Compaction needs free room for a copy of the live
    generation (counting the previous generation, which it removes first):
    refused below that with a message saying how much, done above it."""
    if not may_mount():
        return "skipped: it needs a tmpfs, which only root may mount"
    # Room for the base grown by an update, a compacted copy and some; far
    # less than the update below needs.
    size_mb = 3 * bytes_on_disk(w("base.db")) // (1 << 20) + 6
    disk = w("space")
    os.mkdir(disk)
    if not try_run("mount", "-t", "tmpfs", "-o", "size=%dm" % size_mb, "tmpfs", disk):
        return "skipped: tmpfs cannot be mounted here"
    w.mounts.append(disk)
    b = Binary(exe, os.path.join(disk, "db"))
    shutil.copytree(w("base.db"), b.db)
    free_before = bytes_free(disk)

    # One batch for the whole update (a large --memory): it fails as a
    # whole, and the index keeps exactly the base.
    p = b.run("index", "--threads", "1", "--memory", "1024", more_file, check=False, env=full_disk_env(w, sanitized))
    expect_failure(p, 6, ["No space left on device", "MB are free there now", "the live generation of",
                          "needs about that much free"], "an update that fills a %d MiB tmpfs" % size_mb)
    check_complete(b, base_state)
    given_back = bytes_free(disk)
    if given_back < free_before - (256 << 10):
        fail("after the failed update %d bytes are free, %d before it: the failed batch kept its space"
             % (given_back, free_before))
    print("  the failed batch's space is free again (%.1f MB free, %.1f MB before the run)"
          % (given_back / 1e6, free_before / 1e6))

    # Without adding space: a one-statement update (whose clean-up leaves
    # the live generation alone on the disk), then compactions.
    write_corpus(w("one.jsonl"), [99999], 1)
    b.run("index", w("one.jsonl"))
    state = {**base_state, 99999: 1}
    check_complete(b, state)
    _, gens = index_dirs(b.db)
    live = live_generation(b.db)
    if gens != [live]:
        fail("after the one-statement update the index holds %s, not just %s" % (gens, live))
    print("  a one-statement update then works without adding space")

    # The headroom compact needs: the live generation's size. Refused with
    # half of it free, saying how much is missing; done with just that.
    need = bytes_on_disk(os.path.join(b.db, live))
    filler = os.path.join(disk, "filler")

    def leave_free(n):
        if os.path.exists(filler):
            os.remove(filler)
        with open(filler, "wb") as f:
            f.write(b"\0" * (bytes_free(disk) - n))

    leave_free(need // 2)
    p = b.run("compact", check=False, env=full_disk_env(w, sanitized))
    expect_failure(p, 6, ["No space left on device", "compacted copy of the live generation", "free at least",
                          "the live index is unchanged"], "compact with half the live generation's size free")
    if index_dirs(b.db) != ([], [live]):
        fail("a compaction refused for want of space left %s behind" % (index_dirs(b.db),))
    leave_free(need + (256 << 10))
    b.run("compact")
    if live_generation(b.db) == live:
        fail("compact with the live generation's size free did not switch a new generation in")
    check_complete(b, state)
    os.remove(filler)
    print("  compact needs the live generation's size free (%.1f MB): refused with half, done with that much"
          % (need / 1e6))
    return "a %d MiB tmpfs" % size_mb


def read_only(exe, w, base_file, base_answers):
    """An index that cannot be written: indexing fails clearly, searching works."""
    ro = w("ro")
    os.mkdir(ro)
    user = []
    how = None
    if may_mount() and try_run("mount", "--bind", w("base.db"), ro):
        w.mounts.append(ro)
        if try_run("mount", "-o", "remount,bind,ro", ro):
            how = "a read-only bind mount"
        else:
            subprocess.run(["umount", ro], check=True)
            w.mounts.remove(ro)
    if how is None:
        # Root ignores permissions: run as nobody, if that can be arranged.
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                return "nothing (skipped: neither a read-only bind mount nor setpriv is available)"
            user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            os.chmod(w.path, 0o755)
        shutil.copytree(w("base.db"), ro, dirs_exist_ok=True)
        for r, _, fs in os.walk(ro):
            os.chmod(r, 0o555)
            for f in fs:
                os.chmod(os.path.join(r, f), 0o444)
        how = "a directory without write permission" + (" (as user nobody)" if user else "")

    class As(Binary):
        def cmd(self, *args):
            return user + super().cmd(*args)

    b = As(exe, ro)
    p = b.run("index", base_file, check=False)
    expect_failure(p, 6, ["cannot open lock file", "writable"], "index into %s" % how)
    if b.answers() != base_answers:
        fail("searching %s: answers differ from the writable index" % how)
    print("  searching %s works and answers as before" % how)
    return how


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        base_file = write_corpus(w("base.jsonl"), BASE, 1)
        more_file = write_corpus(w("more.jsonl"), MORE, 1)
        base = Binary(exe, w("base.db"))
        base.run("index", "--threads", "2", base_file)
        base_state = {i: 1 for i in BASE}
        base_answers = base.answers()

        # Missing things: exit 3, and nothing created.
        missing = Binary(exe, w("missing.db"))
        expect_failure(missing.run("search", "peace", check=False), 3, ["no index at"], "search a missing index")
        expect_failure(missing.run("stats", check=False), 3, ["no index at"], "stats of a missing index")
        os.mkdir(w("empty"))
        expect_failure(Binary(exe, w("empty")).run("search", "peace", check=False), 3, ["not an index"],
                       "search a directory that is not an index")
        expect_failure(missing.run("index", w("no-such.jsonl"), check=False), 3, ["no such file"],
                       "index a missing file")
        if os.path.exists(missing.db):
            fail("indexing a missing file created the index directory")
        expect_failure(Binary(exe, os.path.join(base_file, "db")).run("index", base_file, check=False), 6,
                       ["cannot create index directory"], "index below a regular file")

        # A stub naming a generation that is gone: corrupt, and --rebuild mends it.
        broken = Binary(exe, w("broken.db"))
        shutil.copytree(base.db, broken.db)
        with open(os.path.join(broken.db, "XAPIANDB"), "w") as f:
            f.write("auto gen-000099\n")
        expect_failure(broken.run("search", "peace", check=False), 7, ["gen-000099", "--rebuild"],
                       "search an index whose generation is missing")
        expect_failure(broken.run("index", base_file, check=False), 7, ["gen-000099"],
                       "update an index whose generation is missing")
        if sorted(index_dirs(broken.db)[1]) != sorted(index_dirs(base.db)[1]):
            fail("updating an index whose generation is missing removed generations")
        broken.run("index", "--rebuild", base_file)
        check_complete(broken, base_state)

        sanitized = "--sanitized" in sys.argv[2:]
        full = disk_full(exe, w, base_file, more_file, base_state, base_answers, sanitized)
        space = space_given_back(exe, w, more_file, base_state, sanitized)
        ro = read_only(exe, w, base_file, base_answers)
        print("disk full via %s; space given back: %s; read-only via %s" % (full, space, ro))
    print("disk faults: all checks passed")


if __name__ == "__main__":
    main()
