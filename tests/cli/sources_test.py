#!/usr/bin/env python3
"""Sources that go wrong under a nightly `tools/update SRC --db DB --prune`
never cost the archive a statement: a NUL byte in one record, a file
re-saved as UTF-16, an unreadable folder, an unmounted share (an empty
folder), linked folders, link loops, dangling links, tables of one name in
two folders. Each case runs the real script twice (the second run changes
nothing), then mends the source and checks that the next run converges.

Unreadable folders need an ordinary user: as root (as in CI), whom mode 000
does not stop, those commands run as the user nobody through setpriv(1)
on an index and sources owned by nobody.

usage: sources_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

from faultlib import Workdir, fail, id_token, statement, write_corpus

HERE = os.path.dirname(os.path.abspath(__file__))
UPDATE = os.path.join(HERE, "..", "..", "tools", "update")
NOBODY = 65534


class Archive:
    """One index, updated with tools/update as cron would; `as_nobody` runs
    every command as the user nobody (when root)."""

    def __init__(self, exe, db, as_nobody=False):
        self.exe = exe
        self.db = db
        self.prefix = []
        if as_nobody and os.geteuid() == 0:
            self.prefix = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups", "--"]

    def own(self, *paths):
        """Hands `paths` (recursively) and the index's folder to nobody."""
        if self.prefix:
            for path in paths:
                subprocess.run(["chown", "-R", "%d:%d" % (NOBODY, NOBODY), path], check=True)
            os.chown(os.path.dirname(self.db), NOBODY, NOBODY)

    def run(self, cmd):
        env = dict(os.environ, COMMUNIQUE_BIN=self.exe)
        return subprocess.run(self.prefix + cmd, capture_output=True, text=True, env=env, timeout=600)

    def update(self, *args, code=0):
        p = self.run([UPDATE] + list(args) + ["--db", self.db])
        if p.returncode != code:
            fail("tools/update %s exited %d, expected %d: %s%s"
                 % (" ".join(args), p.returncode, code, p.stdout, p.stderr[-3000:]))
        return p

    def counts(self, *args):
        """tools/update's summary as a dict: added, changed, unchanged, removed, skipped."""
        p = self.update(*args)
        m = re.search(r"added (\d+), changed (\d+), unchanged (\d+), removed (\d+), skipped (\d+)", p.stdout)
        if not m:
            fail("no summary from tools/update: %s %s" % (p.stdout, p.stderr))
        counts = dict(zip(["added", "changed", "unchanged", "removed", "skipped"], map(int, m.groups())))
        counts["stderr"] = p.stderr
        return counts

    def index(self, *args, code=0):
        p = self.run([self.exe, "--db", self.db, "index"] + list(args))
        if p.returncode != code:
            fail("index %s exited %d, expected %d: %s" % (" ".join(args), p.returncode, code, p.stderr[-3000:]))
        return p

    def count(self):
        return json.loads(self.run([self.exe, "--db", self.db, "stats", "--json"]).stdout)["statements"]

    def files(self):
        """Checksums of the index's files: equal when a run wrote nothing."""
        out = {}
        for root, _, names in os.walk(self.db):
            for n in names:
                if n not in ("LOCK", "flintlock"):
                    path = os.path.join(root, n)
                    with open(path, "rb") as f:
                        out[os.path.relpath(path, self.db)] = hashlib.md5(f.read()).hexdigest()
        return out


def expect(counts, what, **want):
    got = {k: counts[k] for k in want}
    if got != want:
        fail("%s: expected %s, got %s\n%s" % (what, want, got, counts["stderr"][-3000:]))


def check_nul_byte(exe, w):
    """One NUL byte inside one record of a 300-record JSONL file."""
    src = w("nul-src")
    os.makedirs(src)
    path = write_corpus(os.path.join(src, "statements.jsonl"), range(300))
    a = Archive(exe, w("nul.db"))
    expect(a.counts(src, "--prune"), "first update", added=300)
    with open(path, "rb") as f:
        data = f.read()
    at = data.index(id_token(20).encode())  # in statement 20's body, within the first 64 KiB
    if at > 65536:
        fail("statement 20 lies beyond the first 64 KiB of the file")
    damaged = data[:at] + b"\0" + data[at:]
    with open(path, "wb") as f:
        f.write(damaged)
    for run in (1, 2):
        c = a.counts(src, "--prune")
        expect(c, "a NUL byte in one record, run %d" % run, unchanged=299, removed=0, skipped=1, changed=0)
        if "malformed-record" not in c["stderr"] or "kept 1 statement" not in c["stderr"]:
            fail("a NUL byte: the warning does not name the bad record and the kept statement: %s" % c["stderr"])
    if a.count() != 300:
        fail("a NUL byte: the index holds %d statements, not 300" % a.count())
    a.index("--update", "--prune", "--strict", src, code=2)
    print("  a NUL byte in one of 300 records: that record reported (malformed-record), 299 unchanged, "
          "none removed, twice; --strict exits 2")

    # The same file re-saved as UTF-16 (with its mark): read as its UTF-8 twin.
    with open(path, "wb") as f:
        f.write(data.decode("utf-8").encode("utf-16"))
    for run in (1, 2):
        expect(a.counts(src, "--prune"), "the file in UTF-16, run %d" % run,
               unchanged=300, changed=0, removed=0, skipped=0)
    print("  the file re-saved as UTF-16: 300 unchanged, nothing removed")


def check_unreadable_folder(exe, w):
    src = w("perm-src")
    for name, numbers in (("a", range(0, 100)), ("b", range(100, 200)), ("c", range(200, 300))):
        os.makedirs(os.path.join(src, name))
        write_corpus(os.path.join(src, name, "s.jsonl"), numbers)
    a = Archive(exe, w("perm.db"), as_nobody=True)
    a.own(src)
    expect(a.counts(src, "--prune"), "first update", added=300)
    os.chmod(os.path.join(src, "b"), 0)
    for run in (1, 2):
        before = a.files()
        c = a.counts(src, "--prune")
        expect(c, "an unreadable folder, run %d" % run, unchanged=200, removed=0, skipped=1)
        if "unreadable-folder" not in c["stderr"] or os.path.join(src, "b") not in c["stderr"]:
            fail("an unreadable folder is not named in the warnings: %s" % c["stderr"])
    after = a.files()  # the second run wrote nothing (the first removed the build's leftovers)
    if after != before:
        fail("an update with an unreadable folder changed the index's files: %s"
             % sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))
    # What is readable is still pruned: a statement deleted from c/ goes.
    write_corpus(os.path.join(src, "c", "s.jsonl"), range(200, 299))
    expect(a.counts(src, "--prune"), "a deletion beside an unreadable folder", removed=1, unchanged=199)
    # Mended, and a statement deleted from b/ meanwhile: the next run converges.
    os.chmod(os.path.join(src, "b"), 0o755)
    write_corpus(os.path.join(src, "b", "s.jsonl"), range(101, 200))
    expect(a.counts(src, "--prune"), "the folder mended", removed=1, unchanged=298, skipped=0)
    expect(a.counts(src, "--prune"), "the run after", removed=0, unchanged=298, added=0, changed=0)
    who = "as the user nobody (setpriv)" if a.prefix else "as %d" % os.geteuid()
    print("  an unreadable folder (%s): reported, its 100 statements kept, twice with no write; "
          "deletions elsewhere pruned; mended, the next run converges" % who)


def check_missing_share(exe, w):
    src, empty = w("share-src"), w("share-empty")
    os.makedirs(src)
    os.makedirs(empty)
    write_corpus(os.path.join(src, "s.jsonl"), range(300))
    a = Archive(exe, w("share.db"))
    expect(a.counts(src, "--prune"), "first update", added=300)
    a.counts(src, "--prune")  # removes the first build's leftovers
    before = a.files()
    for run in (1, 2):
        p = a.update(empty, "--prune", code=2)
        if "remove 300 of the 300 statements" not in p.stderr or "--allow-shrink" not in p.stderr:
            fail("the refused prune does not give the numbers and the way out: %s" % p.stderr)
    if a.count() != 300 or a.files() != before:
        fail("a refused prune changed the index")
    # Half the statements (a half-synchronised share, elsewhere): the other
    # half goes, as asked.
    write_corpus(os.path.join(empty, "s.jsonl"), range(150))
    expect(a.counts(empty, "--prune"), "half the sources", removed=150, unchanged=150, changed=0)
    shutil.rmtree(empty)
    os.makedirs(empty)
    expect(a.counts(empty, "--prune", "--allow-shrink"), "--allow-shrink", removed=150)
    print("  an empty source folder (an unmounted share): exit 2, 'remove 300 of the 300 statements', "
          "nothing removed, twice; half removed when half is there; --allow-shrink removes the rest")


def check_links(exe, w):
    src, elsewhere = w("links-src"), w("elsewhere")
    os.makedirs(os.path.join(src, "sub"))
    os.makedirs(elsewhere)
    write_corpus(os.path.join(src, "own.jsonl"), [0])
    write_corpus(os.path.join(elsewhere, "linked.jsonl"), range(1, 201))
    os.symlink(elsewhere, os.path.join(src, "corpus"))
    os.symlink(src, os.path.join(src, "sub", "back"))  # a loop
    share = w("mounted-share")
    os.makedirs(share)
    write_corpus(os.path.join(share, "s.jsonl"), range(201, 211))
    os.symlink(share, os.path.join(src, "share"))
    a = Archive(exe, w("links.db"))
    for run in (1, 2):
        c = a.counts(src, "--prune")
        expect(c, "linked folders and a loop, run %d" % run, added=211 if run == 1 else 0,
               unchanged=0 if run == 1 else 211, skipped=0)
    # The share's link dangles (unmounted): reported, its statements kept.
    shutil.rmtree(share)
    for run in (1, 2):
        c = a.counts(src, "--prune")
        expect(c, "a dangling link, run %d" % run, removed=0, unchanged=201, skipped=1)
        if "dangling-link" not in c["stderr"]:
            fail("a dangling link is not reported: %s" % c["stderr"])
    if a.count() != 211:
        fail("a dangling link: the index holds %d statements, not 211" % a.count())
    a.index("--update", "--strict", src, code=2)
    os.remove(os.path.join(src, "share"))  # the link removed on purpose: its statements go
    expect(a.counts(src, "--prune"), "the link removed", removed=10, unchanged=201, skipped=0)
    print("  a linked folder read (201 of 201), a loop not followed, exit 0; a dangling link reported, "
          "its 10 statements kept (--strict exits 2), removed once the link is")


def check_tables(exe, w):
    src = w("tables")
    for year in ("2019", "2020"):
        os.makedirs(os.path.join(src, year))
        with open(os.path.join(src, year, "speeches.csv"), "w") as f:
            f.write("title,text\n")
            for i in range(2):
                f.write("Speech %s-%d,\"%s\"\n" % (year, i, statement(int(year) + i)["body"].replace('"', "'")))
    a = Archive(exe, w("tables.db"))
    expect(a.counts(src, "--prune"), "two tables of one name", added=4, skipped=0)
    expect(a.counts(src, "--prune"), "two tables of one name, again", unchanged=4, changed=0, added=0)
    print("  speeches.csv in two folders: 4 rows indexed (ids 2019/speeches:N, 2020/speeches:N), "
          "the second run changes nothing")


def main():
    exe = os.path.abspath(sys.argv[1])
    with Workdir() as w:
        os.chmod(w.path, 0o755)
        print("sources that go wrong under tools/update --prune:")
        check_nul_byte(exe, w)
        check_unreadable_folder(exe, w)
        check_missing_share(exe, w)
        check_links(exe, w)
        check_tables(exe, w)
    print("sources: all checks passed")


if __name__ == "__main__":
    main()
