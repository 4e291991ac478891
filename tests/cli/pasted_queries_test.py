#!/usr/bin/env python3
"""Queries as users paste them: every one is answered, or refused with
exit 5 and a message saying why; none crashes, none fails otherwise.

Text copied from a page, a mail or a terminal opens brackets and quotes it
never closes, holds smileys, paths, code, markup, emoji, scripts of every
kind and control characters. A pasted sentence is answered (an unbalanced
bracket or quote is read as closed at the end, or skipped, and a warning
says so, on stderr and in the JSON answer); a query with nothing to search
for is refused rather than matched to every statement.

The list is our own. Each query runs alone through the command line (JSON
and human output) and all of them together in one --batch.

usage: pasted_queries_test.py COMMUNIQUE_BINARY [--sanitized]
"""

import json
import subprocess
import sys

from faultlib import Binary, Workdir, fail, write_corpus

ANSWER, WARN, REFUSE, EITHER = "answered", "answered with a warning", "refused", "answered or refused"

QUERIES = [
    # Sentences that open a bracket or a quote and never close it.
    ("grain exports (see the annex", WARN),
    ("the minister said :) and left the talks", WARN),
    ("security council resolution 2231 (2015", WARN),
    ("what about trade? (asked twice))", WARN),
    ("talks with the region)", WARN),
    ("((peace talks)", WARN),
    ("peace talks))", WARN),
    (")( peace", WARN),
    ("transport corridor ) (", WARN),
    ('"bilateral agreement', WARN),
    ("\u201cbilateral agreement", WARN),
    ('he said "no comment on the sanctions', WARN),
    ('a 12" pipeline', WARN),
    ('"peace" "talks', WARN),
    ('peace"talks', WARN),
    ("Date: 17 July 2020, Minister: Li Wei", WARN),
    ("Country: China", WARN),
    ("minister: Petrova", WARN),
    ("country: peace", WARN),
    ('minister:"Li Wei', WARN),
    # Balanced, odd, but plain text.
    ("bilateral agreement\u201d", WARN),
    ("'single quotes' and \u2018curly\u2019 ones", ANSWER),
    ("COVID-19: response (WHO)", ANSWER),
    ("U.S.-China trade", ANSWER),
    ("e.g. trade, i.e. exports, etc.", ANSWER),
    ("peace AND", ANSWER),
    ("AND peace", ANSWER),
    ("OR peace", ANSWER),
    ("peace OR", ANSWER),
    ("peace OR OR talks", ANSWER),
    ("NOT peace", ANSWER),
    ("- peace", ANSWER),
    ("peace -", ANSWER),
    ("--peace", ANSWER),
    ("+peace +talks", ANSWER),
    ("peace && talks || trade", ANSWER),
    ("peace | talks", ANSWER),
    ("a:b:c trade", ANSWER),
    ("http://mfa.example.org/eng/zxxx/202007/t20200717_peace.html", ANSWER),
    ("/var/log/peace/talks.log", ANSWER),
    ("C:\\Users\\minister\\talks.docx", ANSWER),
    ("minister@example.org", ANSWER),
    ("#peace @minister $100 50% 3.5 1,000,000", ANSWER),
    ("2020-07-17", ANSWER),
    ("date:2020-07-17..2020-07-18", ANSWER),
    ("date:..", ANSWER),
    ("date:..2010 trade", ANSWER),
    ("country:CHN country:KAZ", ANSWER),
    ("*", ANSWER),
    ("* *", ANSWER),
    ("* -peace", ANSWER),
    ("peace*", ANSWER),
    ("*peace", ANSWER),
    ("pea*ce", ANSWER),
    ("peace \U0001F54A\uFE0F", ANSWER),
    ("O'Brien d'Estaing l'Union trade", ANSWER),
    ("na\u00efve caf\u00e9 \u00dcr\u00fcmqi", ANSWER),
    ("SELECT * FROM statements; DROP TABLE x;--", ANSWER),
    ("<script>alert(1)</script> trade", ANSWER),
    ('{"json": [1, 2], "peace": true}', ANSWER),
    ("%s %n %x %% trade", ANSWER),
    ("${HOME} $(rm -rf /) `id` trade", ANSWER),
    ('\\\\ \\ \\" trade', WARN),
    ("peace~2 talks^3", ANSWER),
    ("title:peace", ANSWER),
    ("peace NEAR talks", ANSWER),
    ("NEAR/3 peace", ANSWER),
    ("-(peace talks) trade", ANSWER),
    ('-"peace talks" trade', ANSWER),
    ('"-peace"', ANSWER),
    ("((((((((((((((((peace))))))))))))))))", ANSWER),
    ("peace " + "x" * 300, ANSWER),
    ("\u0627\u0644\u0633\u0644\u0627\u0645 (", EITHER),
    ("\u4e00\u5e26\u4e00\u8def\uff08\u5021\u8bae", EITHER),
    ("\u5e73\u548c \u300c\u4ea4\u6e09", EITHER),
    ("\u0e2a\u0e31\u0e19\u0e15\u0e34\u0e20\u0e32\u0e1e", EITHER),
    ("\u202epeace talks", ANSWER),
    ("\x1b[31mpeace\x1b[0m talks", ANSWER),
    ("peace\ttalks\rtrade", ANSWER),
    # Nothing to search for: refused, not matched to every statement.
    ("\U0001F1FA\U0001F1E6", REFUSE),
    ("\U0001F1FA\U0001F1E6 \U0001F1F7\U0001F1FA", REFUSE),
    ("...", REFUSE),
    ("&&&", REFUSE),
    ("-", REFUSE),
    ("\u2026", REFUSE),
    ("\u2014 \u2013 -", REFUSE),
    ("+-+-+-", REFUSE),
    ('""""', REFUSE),
    ("()", REFUSE),
    (")))))", REFUSE),
    ("", REFUSE),
    ("   ", REFUSE),
    ("a" * 200, REFUSE),
    ("country:CHN \U0001F1FA\U0001F1E6", REFUSE),
    # Bad filters and bounds: refused, saying why.
    ("date:2020..2019", REFUSE),
    ("country:Atlantis", REFUSE),
    ("peace NOT", REFUSE),
    ("-*", REFUSE),
    ("(" * 20 + "peace", REFUSE),
    ("peace " * 300, REFUSE),
]


def check_answer(query, expect, code, out, err, json_mode):
    name = "%r (%s)" % (query[:60], "--json" if json_mode else "human")
    if code not in (0, 5):
        fail("%s: exit %d, expected 0 or 5: %s" % (name, code, err[-500:]))
    if code == 5:
        if expect in (ANSWER, WARN):
            fail("%s: refused, expected an answer: %s" % (name, err.strip()))
        if not err.startswith("error: query: ") or len(err.strip()) < 30 or out:
            fail("%s: refused without a message: stderr %r, stdout %r" % (name, err, out[:200]))
        return REFUSE
    if expect == REFUSE:
        fail("%s: answered, expected a refusal: %s" % (name, out[:300]))
    warned = "warning: query: " in err
    if json_mode:
        r = json.loads(out)
        if r["query"] != query or r["total"] < len(r["hits"]):
            fail("%s: answer is wrong: %s" % (name, out[:300]))
        if bool(r.get("warnings")) != warned:
            fail("%s: JSON warnings %s, stderr %r" % (name, r.get("warnings"), err))
    elif "statement" not in out.splitlines()[0]:
        fail("%s: no total in the human output: %s" % (name, out[:300]))
    if expect == WARN and not warned:
        fail("%s: answered without saying how it was read" % name)
    if expect == ANSWER and warned:
        fail("%s: a warning for a query read as written: %s" % (name, err))
    # Nothing the query holds reaches the terminal raw.
    if not json_mode and any(c in out + err for c in "\x1b\x07\x9b"):
        fail("%s: control characters printed raw" % name)
    return WARN if warned else ANSWER


def main():
    exe = sys.argv[1]
    with Workdir() as w:
        b = Binary(exe, w("db"))
        b.run("index", write_corpus(w("corpus.jsonl"), range(200), 1))
        outcomes = {}
        for query, expect in QUERIES:
            for json_mode in (True, False):
                args = ["search", "--limit", "3"] + (["--json"] if json_mode else []) + ["--", query]
                p = subprocess.run(b.cmd(*args), capture_output=True, text=True, timeout=600)
                outcome = check_answer(query, expect, p.returncode, p.stdout, p.stderr, json_mode)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        print("  %d queries, each alone, JSON and human: %s" % (
            len(QUERIES), ", ".join("%d %s" % (n, k) for k, n in sorted(outcomes.items()))))

        # All at once in one --batch: one answer per line, in order, and
        # the batch goes on past refusals. (Lines cannot hold a line break;
        # a batch line can hold a NUL byte, which argv cannot.)
        batch = [q for q, _ in QUERIES if "\n" not in q and "\r" not in q] + ["peace\x00talks"]
        p = subprocess.run(b.cmd("search", "--json", "--limit", "3", "--batch", "-"), input="\n".join(batch) + "\n",
                           capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            fail("--batch exited %d: %s" % (p.returncode, p.stderr[-1000:]))
        answers = [json.loads(line) for line in p.stdout.splitlines()]
        if [a["query"] for a in answers] != batch:
            fail("--batch answered %d of %d queries, or out of order" % (len(answers), len(batch)))
        expected = dict(QUERIES)
        for a in answers:
            want = expected.get(a["query"], ANSWER)
            if ("error" in a) != (want == REFUSE) and want != EITHER:
                fail("--batch: %r: %s, expected %s" % (a["query"][:60], json.dumps(a)[:300], want))
        print("  all %d in one --batch: answered in order, %d refused with their reason"
              % (len(batch), sum("error" in a for a in answers)))
    print("pasted queries: all checks passed")


if __name__ == "__main__":
    main()
