#!/usr/bin/env python3
"""Writes and reads that fail are I/O errors (exit 6) that say what to do,
never success and never "no index".

- `--report FILE` that cannot be written (/dev/full; as root also a full
  tmpfs): exit 6 naming the file and the cause, though the index itself
  was written.
- Out of file descriptors (RLIMIT_NOFILE 20, `ulimit -n 20`) over an
  archive of 8 shards: searching, stats, an update and a rebuild exit 6
  with "Too many open files" and the limit to raise, and the archive is
  left as it was; with the usual limit everything works again.

usage: io_faults_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import os
import resource
import subprocess
import sys

from faultlib import Binary, Workdir, check_complete, fail, index_dirs, write_corpus

BASE = list(range(400))
MORE = list(range(400, 450))
FD_LIMIT = 20


def expect(p, code, words, what):
    if p.returncode != code:
        fail("%s: exit %d, expected %d: %s" % (what, p.returncode, code, p.stderr.strip()[-800:]))
    for w in words:
        # Xapian words the reason in either case ("Too many open files",
        # "...: too many open files"); the words matter, not their case.
        if w.lower() not in p.stderr.lower():
            fail("%s: the message does not say %r: %s" % (what, w, p.stderr.strip()[-800:]))
    print("%s: exit %d, %s" % (what, code, p.stderr.strip().splitlines()[-1][:300]))


def report_faults(exe, w, base_file, more_file):
    b = Binary(exe, w("report.db"))
    b.run("index", base_file)
    p = b.run("index", "--report", "/dev/full", more_file, check=False)
    expect(p, 6, ["cannot write the report /dev/full", "No space left on device", "the index itself was written"],
           "--report /dev/full")
    check_complete(b, {i: 1 for i in BASE + MORE})  # the index was written all the same

    if os.geteuid() != 0 or os.environ.get("COMMUNIQUE_TEST_NO_MOUNT"):
        print("SKIPPED (loudly): --report on a full tmpfs needs root to mount one; /dev/full stood in")
        return
    full = w("full")
    os.mkdir(full)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full], capture_output=True).returncode:
        print("SKIPPED (loudly): tmpfs cannot be mounted here; /dev/full stood in")
        return
    w.mounts.append(full)
    with open(os.path.join(full, "filler"), "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    report = os.path.join(full, "report.json")
    p = b.run("index", "--report", report, more_file, check=False)
    expect(p, 6, ["cannot write the report " + report, "No space left on device"], "--report on a full tmpfs")


def fd_faults(exe, w, base_file, more_file, sanitized):
    if sanitized:
        # UBSan checks the dynamic type of objects by probing memory through
        # a pipe; with no descriptor left that probe fails, and it reports
        # "invalid vptr" for sound objects (at random places, ios_base,
        # ICU's BreakIterator) and exits 1.
        print("SKIPPED (loudly): out of descriptors under the sanitizers, whose own checks then need "
              "descriptors; this part runs in the plain build")
        return
    a = Binary(exe, w("archive"))
    a.run("index", "--shards", "8", base_file)
    base_state = {i: 1 for i in BASE}
    answers = a.answers()
    stubs = {}
    for root, _, files in os.walk(a.db):
        if "XAPIANDB" in files:
            with open(os.path.join(root, "XAPIANDB")) as f:
                stubs[root] = f.read()

    def limited():
        resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, FD_LIMIT))

    words = ["Too many open files", "ulimit -n", "(%d now)" % FD_LIMIT]
    for args in (["search", "peace"], ["stats"], ["index", more_file], ["index", "--rebuild", base_file]):
        p = a.run(*args, check=False, preexec_fn=limited)
        expect(p, 6, words, "%s over 8 shards with ulimit -n %d" % (" ".join(args[:2]), FD_LIMIT))
        for root, stub in stubs.items():
            with open(os.path.join(root, "XAPIANDB")) as f:
                if f.read() != stub:
                    fail("%s: the stub of %s changed" % (" ".join(args), root))
            if root != a.db and index_dirs(root)[0]:
                fail("%s left build directories in %s" % (" ".join(args), root))
    check_complete(a, base_state)
    if a.answers() != answers:
        fail("the archive answers differently after the runs that ran out of descriptors")
    print("  with the usual limit the archive answers as before")


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        base_file = write_corpus(w("base.jsonl"), BASE, 1)
        more_file = write_corpus(w("more.jsonl"), MORE, 1)
        report_faults(exe, w, base_file, more_file)
        fd_faults(exe, w, base_file, more_file, "--sanitized" in sys.argv[2:])
    print("I/O faults: all checks passed")


if __name__ == "__main__":
    main()
