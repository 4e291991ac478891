"""Shared by the end-to-end fault tests: a synthetic corpus generated on the
fly (never stored), running the real `communique` binary, and checks of
what an index holds.

Every statement's text is a pure function of (number, version), so a
check can regenerate what any statement must look like. Each paragraph
carries the statement's own token ("zq" + letters) and its version's
token ("vmark" + letters), so a passage names the statement and version it
came from.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

COUNTRIES = ["CHN", "RUS", "KAZ", "USA", "FRA", "IND", "BRA", "KGZ", "UZB", "DEU", "JPN", "TUR"]
MINISTERS = ["Anna Petrova", "Li Wei", "John Smith", "Marie Dubois", "Aibek Sadykov", "Ravi Kumar"]
VOCAB = """peace talks minister cooperation trade corridor security region bilateral
agreement energy development economic foreign affairs sanctions dialogue partnership summit
delegation visit ministry statement press conference relations investment transport
infrastructure climate water border railway pipeline grain harvest vaccine health education
culture tourism youth science technology digital customs tariff export import treaty council
assembly nations union parliament government president prime leader council embassy consulate
citizens rights humanitarian aid refugees migration stability crisis conflict ceasefire
negotiations framework strategy initiative programme project fund bank loan currency growth
market industry agriculture mining oil gas nuclear power renewable solar wind river sea ocean
port airport highway bridge tunnel logistics supply chain food fertiliser cotton wheat rice
""".split()


def letters(n):
    """A word made of letters only, distinct for each n >= 0."""
    s = ""
    n += 26
    while n:
        n, r = divmod(n, 26)
        s = chr(ord("a") + r) + s
    return s


def id_token(i):
    return "zq" + letters(i)


def version_token(version):
    return "vmark" + letters(version)


def statement_id(i):
    return "synth-%05d" % i


def statement(i, version=1):
    """Statement number i in the given version, as a JSONL record."""
    rnd = random.Random(i * 7919 + version * 104729)
    paragraphs = []
    for _ in range(2 + i % 4):
        words = [rnd.choice(VOCAB) for _ in range(rnd.randint(30, 90))]
        words.insert(rnd.randint(0, len(words)), id_token(i))
        words.insert(rnd.randint(0, len(words)), version_token(version))
        paragraphs.append(" ".join(words) + ".")
    return {
        "id": statement_id(i),
        "title": "Statement %d on %s" % (i, rnd.choice(VOCAB)),
        "body": "\n\n".join(paragraphs),
        "date": "%04d-%02d-%02d" % (2000 + i % 24, 1 + i % 12, 1 + i % 28),
        "country": COUNTRIES[i % len(COUNTRIES)],
        "ministers": [MINISTERS[i % len(MINISTERS)]],
        "source": "synth",
        "language": "en",
    }


def write_corpus(path, numbers, version=1):
    """Writes statements `numbers` (in that order) as JSONL; returns the path."""
    with open(path, "w") as f:
        for i in numbers:
            f.write(json.dumps(statement(i, version)) + "\n")
    return path


# Queries whose results must be identical on two indexes holding the same
# statements, however they were built.
QUERIES = [
    "peace talks",
    "corridor OR pipeline",
    '"supply chain"',
    "sanctions -tariff",
    "railway country:KAZ",
    "country:CHN",
    "date:2005..2010 energy",
    "minister:Petrova harvest",
    id_token(17),
    version_token(2),
]


class Binary:
    """Runs the communique binary against one index directory."""

    def __init__(self, path, db):
        self.path = path
        self.db = db

    def cmd(self, *args):
        return [self.path, "--db", self.db] + list(args)

    def run(self, *args, check=True, timeout=600, **kw):
        p = subprocess.run(self.cmd(*args), capture_output=True, text=True, timeout=timeout, **kw)
        if check and p.returncode != 0:
            fail("%s exited %d: %s" % (" ".join(args), p.returncode, p.stderr[-2000:]))
        return p

    def start(self, *args):
        """Starts a command in the background, its stderr kept in a file."""
        err = tempfile.TemporaryFile(mode="w+")
        proc = subprocess.Popen(self.cmd(*args), stdout=subprocess.DEVNULL, stderr=err, text=True)
        proc.err = err
        return proc

    def count(self):
        return json.loads(self.run("stats", "--json").stdout)["statements"]

    def listing(self):
        """Every synthetic statement in the index: {id: hit}, all passages."""
        r = json.loads(self.run("search", "--json", "--limit", "100000", "--passages", "1000",
                                "source:synth").stdout)
        hits = {h["id"]: h for h in r["hits"]}
        if len(hits) != r["total"] or len(r["hits"]) != r["total"]:
            fail("listing returned %d hits (%d distinct) of %d" % (len(r["hits"]), len(hits), r["total"]))
        return hits

    def answers(self, queries=QUERIES):
        """Canonical results of `queries`: total, facets and (id, score) sorted."""
        p = self.run("search", "--json", "--limit", "5000", "--passages", "1", "--batch", "-",
                     input="\n".join(queries) + "\n")
        out = []
        for line in p.stdout.splitlines():
            r = json.loads(line)
            if "error" in r:
                fail("query %r failed: %s" % (r["query"], r["error"]))
            hits = sorted((-round(h["score"], 9), h["id"]) for h in r["hits"])
            out.append({"query": r["query"], "total": r["total"], "hits": hits, "facets": r["facets"]})
        return out


def version_of(hit, number, whole=True):
    """The version whose text every passage of `hit` comes from; fails when
    the passages are not all of one version, or (`whole`: the hit shows all
    its passages) do not cover the body."""
    texts = [p["text"] for p in hit["passages"]]
    marks = set(re.findall(r"vmark[a-z]+", " ".join(texts)))
    if len(marks) != 1:
        fail("%s: passages carry version marks %s" % (hit["id"], sorted(marks)))
    mark = marks.pop()
    version = next((v for v in range(1, 50) if version_token(v) == mark), None)
    if version is None:
        fail("%s: unknown version mark %s" % (hit["id"], mark))
    body = statement(number, version)["body"].encode()
    covered = bytearray(len(body))
    for p in hit["passages"]:
        if body[p["start"]:p["end"]].decode() != p["text"]:
            fail("%s: passage at %d..%d is not the text of version %d" % (hit["id"], p["start"], p["end"], version))
        covered[p["start"]:p["end"]] = b"\1" * (p["end"] - p["start"])
    missing = [c for c, seen in zip(body, covered) if not seen and chr(c) not in " \n"]
    if whole and missing:
        fail("%s: %d bytes of version %d are in no passage" % (hit["id"], len(missing), version))
    return version


def check_complete(binary, expect=None):
    """Every statement in the index is whole and of one version; returns
    {number: version}. With `expect`, it must be exactly that mapping."""
    hits = binary.listing()
    if binary.count() != len(hits):
        fail("stats counts %d statements, a listing of all shows %d" % (binary.count(), len(hits)))
    found = {}
    for hid, hit in hits.items():
        number = int(hid.split("-")[1])
        found[number] = version_of(hit, number)
    if expect is not None and found != expect:
        extra = sorted(set(found) - set(expect))[:5]
        lost = sorted(set(expect) - set(found))[:5]
        changed = sorted(n for n in set(found) & set(expect) if found[n] != expect[n])[:5]
        fail("index holds %d statements, expected %d (extra %s, missing %s, other version %s)"
             % (len(found), len(expect), extra, lost, changed))
    return found


def index_dirs(db):
    """The build-* and gen-* directories of an index."""
    names = sorted(os.listdir(db))
    return [n for n in names if n.startswith("build-")], [n for n in names if n.startswith("gen-")]


def check_tidy(db):
    """After a run that finished: no build leftovers, at most the live and
    the previous generation."""
    builds, gens = index_dirs(db)
    if builds:
        fail("leftover build directories in %s: %s" % (db, builds))
    if len(gens) > 2:
        fail("more than two generations in %s: %s" % (db, gens))
    with open(os.path.join(db, "XAPIANDB")) as stub:
        live = stub.read().split()[1]
    if live not in gens:
        fail("stub names %s, which does not exist" % live)


def kill_at(proc, seconds=None, until=None, poll=0.005):
    """SIGKILLs `proc` after `seconds`, or as soon as `until()` is true;
    returns False when the process had already finished."""
    deadline = time.monotonic() + (seconds if seconds is not None else 600)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if until is not None and until():
            break
        time.sleep(poll)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def stderr_of(proc):
    proc.err.seek(0)
    return proc.err.read()


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def skip(message):
    """Ends the test as skipped (ctest SKIP_RETURN_CODE 77), saying why."""
    print("SKIP: " + message)
    sys.exit(77)


class Workdir:
    """A temporary directory removed at exit (after unmounting anything the
    test mounted inside it)."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="communique-faults-")
        self.mounts = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for m in reversed(self.mounts):
            subprocess.run(["umount", "-l", m], capture_output=True)
        shutil.rmtree(self.path, ignore_errors=True)

    def __call__(self, name):
        return os.path.join(self.path, name)
