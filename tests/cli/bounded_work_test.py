#!/usr/bin/env python3
"""Absurd queries and absurd records are refused or bounded, never a stall,
a crash or an out-of-memory kill.

Queries: 10,000 terms, a 1 MB line, deep parentheses, a date range of ten
thousand years, the largest phrase and OR-list the limits allow. Numeric
options: out of their range (negative, absurd, not whole numbers) refused,
the largest allowed answered. Records: a 50 MB statement (indexed), a
100 MB JSONL line, 100 MB without a line break and an 80 MB CSV field
(reported and skipped), and a file of hostile records (over-long names and
words, deep JSON nesting, NUL bytes, invalid UTF-8). Every command must end
within a generous hang guard and, outside
sanitizer builds, within an address-space limit; peak memory is printed,
never asserted.

usage: bounded_work_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from faultlib import Binary, Workdir, fail, write_corpus

HANG_GUARD = 600        # seconds; a stall, not a performance bound
ADDRESS_SPACE = 4 << 30  # bytes, outside sanitizer builds
MB = 1 << 20


def run(cmd, sanitized, stdin=None):
    """Runs `cmd` with the guards; returns (exit code, stdout, stderr,
    seconds, peak RSS in MiB)."""
    def limits():
        if not sanitized:  # ASan reserves terabytes of address space
            resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    start = time.monotonic()
    with open(stdin or os.devnull) as inp, tempfile.TemporaryFile("w+") as out, \
            tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdin=inp, stdout=out, stderr=err, text=True, preexec_fn=limits)
        while True:  # os.wait4 rather than wait(), for the child's own peak RSS
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > HANG_GUARD:
                proc.kill()
                fail("%s did not finish within %d s" % (" ".join(cmd)[:200], HANG_GUARD))
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    seconds = time.monotonic() - start
    if proc.returncode < 0:
        fail("%s was killed by signal %d: %s" % (" ".join(cmd)[:200], -proc.returncode, stderr[-1000:]))
    return proc.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024


def check_queries(b, w, sanitized):
    too_long = "x" * (1 * MB)
    cases = [
        # (name, query, expected error fragment or None when it must answer)
        ("10,000 terms", " ".join("w%d" % i for i in range(10000)), "bytes long"),
        ("1,000 terms within the size limit", " ".join("peace" if i % 2 else "talks" for i in range(1000)),
         "words and filters"),
        ("a 1 MB query line", too_long, "bytes long"),
        ("5,000 nested parentheses", "(" * 5000 + "peace" + ")" * 5000, "more than 16 deep"),
        ("a date range of ten thousand years", "date:0001..9999", None),
        ("a date range beyond the calendar", "date:0000..99999", "not a date"),
        ("a 250-word phrase", '"' + " ".join(["the", "peace", "of", "talks"] * 62) + '"', None),
        ("250 alternatives", " OR ".join(["peace", "talks", "trade", "the", "of"] * 50), None),
        ("250 exclusions", " ".join("-w%d" % i for i in range(250)) + " peace", None),
        ("250 filters", " ".join(["country:CHN", "country:KAZ"] * 125), None),
        ("a name 2,000 times", "China " * 2000, "words and filters"),
    ]
    batch = w("queries.txt")
    with open(batch, "w") as f:
        for _, q, _ in cases:
            f.write(q + "\n")
    code, out, err, seconds, rss = run(b.cmd("search", "--json", "--batch", batch), sanitized)
    if code != 0:
        fail("--batch of absurd queries exited %d: %s" % (code, err[-1000:]))
    results = [json.loads(line) for line in out.splitlines()]
    if len(results) != len(cases):
        fail("--batch answered %d of %d queries" % (len(results), len(cases)))
    total = b.count()
    for (name, q, expected), r in zip(cases, results):
        if expected is None:
            if "error" in r:
                fail("%s: refused (%s), but is within the limits" % (name, r["error"]))
            if name.startswith("a date range of") and r["total"] != total:
                fail("%s: %d statements of %d" % (name, r["total"], total))
            outcome = "answered (%d statements)" % r["total"]
        else:
            if expected not in r.get("error", ""):
                fail("%s: expected an error saying %r, got %s" % (name, expected, json.dumps(r)[:300]))
            outcome = "refused: " + r["error"]
        print("  %s: %s" % (name, outcome))
    print("  all %d in one --batch: %.1f s, peak RSS %.0f MiB" % (len(cases), seconds, rss))

    # The same through the command line: exit 5, or an answer.
    code, out, err, _, _ = run(b.cmd("search", "(" * 60 + "peace" + ")" * 60), sanitized)
    if code != 5 or "more than 16 deep" not in err:
        fail("deep parentheses on the command line: exit %d, %s" % (code, err))
    code, out, err, _, _ = run(b.cmd("search", " ".join("w%d" % i for i in range(10000))), sanitized)
    if code != 5 or "bytes long" not in err:
        fail("10,000 terms on the command line: exit %d, %s" % (code, err))
    print("  on the command line: exit 5 with the reason")
    check_numeric_options(b, w, sanitized)


def check_numeric_options(b, w, sanitized):
    """Every numeric option has a range: a value outside it (negative,
    absurd, not a whole number) is refused at once with exit 2 and a
    message naming the option and its range; nothing is searched, and an
    index run creates nothing. The largest values allowed are answered,
    bounded by the size of the index."""
    refused = [
        ("search", "--limit", "-1"), ("search", "--limit", "99999999999"), ("search", "--limit", "1e3"),
        ("search", "--limit", "2.5"), ("search", "--limit", ""), ("search", "--offset", "-1"),
        ("search", "--offset", "18446744073709551615"), ("search", "--passages", "4000000000"),
        ("search", "--passages", "-3"), ("search", "--facets", "-5"), ("search", "--facets", "1000001"),
        ("index", "--threads", "100000"), ("index", "--threads", "5000"), ("index", "--threads", "0"),
        ("index", "--threads", "-1"), ("index", "--memory", "-1"), ("index", "--memory", "99999999999999"),
        ("index", "--memory", "1"), ("index", "--shards", "0"), ("index", "--shards", "257"),
        ("index", "--rebuild", "--min-statements", "-1"),
    ]
    corpus = write_corpus(w("two.jsonl"), range(2), 1)
    for command, *args in refused:
        option, value = args[-2], args[-1]
        target = w("refused.db")
        cmd = [b.path, "--db", target if command == "index" else b.db, command] + args
        cmd += [corpus] if command == "index" else ["peace"]
        code, out, err, seconds, _ = run(cmd, sanitized)
        expected = '%s: "%s" is not a whole number from ' % (option, value)
        if code != 2 or expected not in err or out:
            fail("%s %s: exit %d, stderr %r, stdout %r; expected exit 2 and %r"
                 % (command, " ".join(args), code, err[-300:], out[:200], expected))
        if os.path.exists(target):
            fail("%s %s was refused but created %s" % (command, " ".join(args), target))
    print("  %d out-of-range numeric options refused with exit 2, naming the option and its range"
          % len(refused))
    total = b.count()
    for args in (["--limit", "100000", "--offset", "1000000"], ["--limit", "100000", "--passages", "1000"],
                 ["--facets", "100000", "--passages", "0"], ["--limit", "0"]):
        code, out, err, seconds, rss = run(b.cmd("search", "--json", *args, "peace"), sanitized)
        if code != 0:
            fail("search %s exited %d: %s" % (" ".join(args), code, err))
        r = json.loads(out)
        if len(r["hits"]) > total or r["total"] > total:
            fail("search %s: %d hits of %d statements" % (" ".join(args), len(r["hits"]), total))
    code, out, err, seconds, rss = run(b.cmd("search", "--json", "--limit", "100000", "*"), sanitized)
    if code != 0 or len(json.loads(out)["hits"]) != total:
        fail("* --limit 100000: exit %d, %s" % (code, (out or err)[:300]))
    print("  the largest values allowed answered, bounded by the index (%d statements)" % total)
    code, out, err, seconds, rss = run([b.path, "--db", w("threads.db"), "index", "--threads", "256", corpus],
                                       sanitized)
    if code != 0:
        fail("index --threads 256 exited %d: %s" % (code, err[-1000:]))
    print("  index --threads 256 of 2 statements: %.1f s, peak RSS %.0f MiB" % (seconds, rss))


def big_statement(path, size, last_word):
    """A JSONL file of one statement of about `size` bytes of prose."""
    words = "peace talks minister cooperation trade corridor security region bilateral agreement".split()
    para = " ".join(words[i % len(words)] for i in range(97)) + "."
    paras = []
    n = 0
    while n < size:
        paras.append(para)
        n += len(para) + 2
    paras.append("the end " + last_word)
    with open(path, "w") as f:
        f.write(json.dumps({"id": "big", "title": "Big", "body": "\n\n".join(paras), "language": "en"}) + "\n")
    return path


def check_records(exe, w, sanitized):
    # A 50 MB statement: indexed, found by its last word, passages right.
    b = Binary(exe, w("big.db"))
    path = big_statement(w("big.jsonl"), 50 * MB, "zqfinalword")
    code, out, err, seconds, rss = run(b.cmd("index", path), sanitized)
    if code != 0:
        fail("a 50 MB statement: index exited %d: %s" % (code, err[-1000:]))
    r = json.loads(b.run("search", "--json", "zqfinalword").stdout)
    if r["total"] != 1 or not r["hits"][0]["passages"] or "zqfinalword" not in r["hits"][0]["passages"][0]["text"]:
        fail("a 50 MB statement: its last word does not find it in the right passage: %s" % json.dumps(r)[:500])
    print("  a %d MB statement: indexed in %.0f s, peak RSS %.0f MiB; found by its last word"
          % (os.path.getsize(path) // MB, seconds, rss))
    os.remove(path)

    # A 100 MB line between two good records, and 100 MB without a line
    # break: reported and skipped, the good records indexed.
    path = w("huge.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps({"id": "before", "body": "peace talks before"}) + "\n")
        f.write(json.dumps({"id": "huge", "body": "peace " * (100 * MB // 6)}) + "\n")
        f.write(json.dumps({"id": "after", "body": "peace talks after"}) + "\n")
    with open(w("endless.jsonl"), "w") as f:
        chunk = "x" * MB
        for _ in range(100):
            f.write(chunk)
    b = Binary(exe, w("huge.db"))
    code, out, err, seconds, rss = run(b.cmd("index", "--report", w("report.json"), path, w("endless.jsonl")),
                                       sanitized)
    if code != 0:
        fail("a 100 MB line: index exited %d: %s" % (code, err[-1000:]))
    report = json.load(open(w("report.json")))
    problems = [(os.path.basename(p["file"]), p.get("line"), p["kind"]) for p in report["problems"]]
    if sorted(problems) != [("endless.jsonl", 1, "too-large"), ("huge.jsonl", 2, "too-large")]:
        fail("a 100 MB line: report lists %s" % problems)
    if b.count() != 2:
        fail("a 100 MB line: %d statements indexed, expected the 2 around it" % b.count())
    print("  a 100 MB JSONL line and 100 MB without a line break: reported as too-large and skipped "
          "(%.0f s, peak RSS %.0f MiB); the records around them indexed" % (seconds, rss))
    os.remove(path)
    os.remove(w("endless.jsonl"))

    # An 80 MB field in a CSV row between two good rows: reported and
    # skipped without being held (the row is scanned, not kept), the rows
    # around it indexed.
    path = w("huge.csv")
    with open(path, "w") as f:
        f.write("id,text\nbefore,Peace talks before.\nhuge,\"")
        chunk = ("peace talks " * (MB // 12 + 1))[:MB]
        for _ in range(80):
            f.write(chunk)
        f.write("\"\nafter,Peace talks after.\n")
    b = Binary(exe, w("huge-csv.db"))
    code, out, err, seconds, rss = run(b.cmd("index", "--report", w("csv-report.json"), path), sanitized)
    if code != 0:
        fail("an 80 MB CSV field: index exited %d: %s" % (code, err[-1000:]))
    report = json.load(open(w("csv-report.json")))
    problems = [(p.get("line"), p["kind"]) for p in report["problems"]]
    if problems != [(3, "too-large")] or b.count() != 2:
        fail("an 80 MB CSV field: report lists %s, %d statements indexed (expected the 2 around it)"
             % (problems, b.count()))
    print("  an 80 MB CSV field: reported as too-large and skipped (%.1f s, peak RSS %.0f MiB); "
          "the rows around it indexed" % (seconds, rss))
    os.remove(path)

    # Hostile records: each indexed or reported; the run goes on.
    path = w("hostile.jsonl")
    lines = [
        json.dumps({"id": "long-word", "body": "peace " + "a" * 300 + " " + "\ufdfa" * 40 + " talks"}),
        json.dumps({"id": "long-minister", "body": "peace talks", "ministers": ["B" * 300]}),
        json.dumps({"id": "long-source", "body": "peace talks", "source": "S" * 300, "role": "R" * 300}),
        json.dumps({"id": "long-language", "body": "peace talks", "language": "x" * 300}),
        json.dumps({"id": "many-ministers", "body": "peace talks", "ministers": ["M%d" % i for i in range(20000)]}),
        json.dumps({"id": "nul", "body": "peace\u0000talks", "title": "\u0000"}),
        json.dumps({"id": "i" * 300, "body": "peace talks"}),
        json.dumps({"id": "number", "body": "peace talks", "date": 1e308, "country": 12}),
        "[" * 100000 + "]" * 100000,
        '{"id": "deep", "body": "peace", "x": ' + "[" * 100000 + "]" * 100000 + "}",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(path, "ab") as f:
        f.write(b'{"id": "bad-utf8", "body": "peace \xff\xfe talks \xc3"}\n')
    b = Binary(exe, w("hostile.db"))
    code, out, err, seconds, rss = run(b.cmd("index", "--report", w("hostile.json"), path), sanitized)
    if code != 0:
        fail("hostile records: index exited %d: %s" % (code, err[-1000:]))
    report = json.load(open(w("hostile.json")))
    malformed = sum(p["kind"] == "malformed-record" for p in report["problems"])
    # A malformed line is a record read and skipped, like any other problem.
    if (report["read"] != len(lines) + 1 or malformed != 1
            or report["indexed"] + report["skipped"] != report["read"]):
        fail("hostile records: %d lines, %d read, %d malformed, %d indexed, %d skipped"
             % (len(lines) + 1, report["read"], malformed, report["indexed"], report["skipped"]))
    searches = {"source:" + "S" * 300: "long-source", "minister:" + "B" * 300: "long-minister",
                "\ufdfa" * 40: "long-word", "minister:M19999": "many-ministers"}
    for q, hid in searches.items():
        r = json.loads(b.run("search", "--json", q).stdout)
        if [h["id"] for h in r["hits"]] != [hid]:
            fail("hostile records: %r finds %s, not %s" % (q[:30], [h["id"] for h in r["hits"]], hid))
    kinds = sorted(set(p["kind"] for p in report["problems"]))
    print("  %d hostile records: %d indexed, problems reported: %s; over-long values still searchable"
          % (len(lines) + 1, report["indexed"], ", ".join(kinds)))


def main():
    exe = sys.argv[1]
    sanitized = "--sanitized" in sys.argv[2:]
    with Workdir() as w:
        b = Binary(exe, w("db"))
        b.run("index", write_corpus(w("corpus.jsonl"), range(300), 1))
        print("absurd queries:")
        check_queries(b, w, sanitized)
        print("absurd records:")
        check_records(exe, w, sanitized)
    print("bounded work: all checks passed")


if __name__ == "__main__":
    main()
