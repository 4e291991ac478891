"""Shared by the server's end-to-end tests: running the real `communique
serve` on a loopback port, requests to it, and the corpus the tests index
(the fixture statements, the sample corpus, and hostile statements written
here, never stored)."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

SCRIPT = "<script>alert(1)</script>"
BREAK_OUT = '"><img src=x onerror=window.xssFired=1>'
JS_LINK = "javascript:window.xssFired=2"

# Statements whose every text field tries to run script in a page.
HOSTILE = [
    {
        "id": "hostile/1?<b>&x=\"'%2F",
        "title": "Hostile title " + SCRIPT,
        "body": "Corridors of script: " + SCRIPT + " in a paragraph.\n\n"
        "An attribute break-out " + BREAK_OUT + " and a link "
        '<a href="' + JS_LINK + '">click</a> near the corridors.',
        "date": "2020-05-01",
        "country": "KAZ",
        "ministers": ["Minister " + BREAK_OUT],
        "source": BREAK_OUT,
        "role": "spokesperson " + BREAK_OUT,
        "url": JS_LINK,
        "language": "en",
    },
    {
        "id": "hostile-2",
        "title": BREAK_OUT,
        "body": "More corridors " + SCRIPT + " and </blockquote><script>window.xssFired=3</script>.",
        "date": "2021-02-03",
        "country": "UZB",
        "ministers": [SCRIPT],
        "url": "https://example.org/?a=1&b=\"><script>window.xssFired=4</script>",
        "language": "en",
    },
]

# Text in three more scripts and both directions.
SCRIPTS = [
    {"id": "script-ar", "title": "بيان وزارة الخارجية", "body": "ممرات النقل عبر بحر قزوين تربط آسيا بأوروبا.",
     "date": "2022-01-10", "country": "SAU", "language": "ar"},
    {"id": "script-ru", "title": "Заявление о транспортных коридорах",
     "body": "Транспортные коридоры через Каспийское море соединяют Азию и Европу.",
     "date": "2022-02-11", "country": "RUS", "language": "ru"},
    # The spokesperson under their name in Chinese, the mentioned country by
    # its Chinese name: shown as 汪文斌 (Wang Wenbin) and Kazakhstan (KAZ).
    {"id": "script-zh", "title": "关于运输走廊的声明", "body": "跨里海运输走廊连接亚洲和欧洲。",
     "date": "2022-03-12", "country": "CHN", "language": "zh", "ministers": ["汪文斌"],
     "mentions": ["哈萨克斯坦"], "role": "spokesperson"},
]


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def skip(message):
    print("SKIP: " + message)
    sys.exit(77)


def write_corpus(directory):
    """The test corpus as JSONL files in `directory`; returns the path and
    {id: record} of every statement."""
    os.makedirs(directory, exist_ok=True)
    records = {}
    for name in ("tests/data/statements.jsonl", "corpus/sample/statements.jsonl"):
        with open(os.path.join(SOURCE, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    records[r["id"]] = r
    extra = HOSTILE + SCRIPTS
    with open(os.path.join(directory, "made.jsonl"), "w", encoding="utf-8") as f:
        for r in extra:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            records[r["id"]] = r
    for name in ("tests/data/statements.jsonl", "corpus/sample/statements.jsonl"):
        with open(os.path.join(SOURCE, name), encoding="utf-8") as src, \
                open(os.path.join(directory, os.path.basename(os.path.dirname(name)) + ".jsonl"), "w",
                     encoding="utf-8") as dst:
            dst.write(src.read())
    return directory, records


def index(binary, db, corpus):
    p = subprocess.run([binary, "-q", "--db", db, "index", corpus], capture_output=True, text=True)
    if p.returncode != 0:
        fail("indexing %s exited %d: %s" % (corpus, p.returncode, p.stderr))


class Server:
    """`communique serve` on a free loopback port, its log in a file."""

    def __init__(self, binary, db, *args, env=None):
        self.log = tempfile.NamedTemporaryFile(mode="w+", prefix="serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([binary, "--db", db, "serve", "--port", "0"] + list(args),
                                     stdout=subprocess.DEVNULL, stderr=self.log, text=True, env=env)
        self.port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            m = re.search(r"at http://[^:]+:(\d+)/", self.log_text())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                fail("serve exited %d: %s" % (self.proc.returncode, self.log_text()))
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            fail("serve did not say where it listens: " + self.log_text())

    def log_text(self):
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def get(self, path, headers=None, method="GET", timeout=60):
        """(status, headers, body bytes) of one request on a new connection;
        `path` is sent exactly as given."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.endheaders()
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def json(self, path, expect=200, **kw):
        status, headers, body = self.get(path, **kw)
        if status != expect:
            fail("GET %s: status %d, expected %d: %s" % (path, status, expect, body[:500]))
        if not headers.get("content-type", "").startswith("application/json"):
            fail("GET %s: content type %s" % (path, headers.get("content-type")))
        return json.loads(body)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                fail("serve did not stop on SIGTERM within 30 s")
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        os.unlink(self.log.name)


def q(path, **params):
    """PATH?k=v... with the values URL-encoded."""
    return path + ("?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote) if params else "")


def cli_search(binary, db, queries, *flags):
    """`communique search --json --batch` answers, without took_ms."""
    p = subprocess.run([binary, "--db", db, "search", "--json", "--batch", "-"] + list(flags),
                       input="".join(x + "\n" for x in queries), capture_output=True, text=True)
    if p.returncode != 0:
        fail("search --batch exited %d: %s" % (p.returncode, p.stderr))
    out = []
    for line in p.stdout.splitlines():
        a = json.loads(line)
        a.pop("took_ms", None)
        out.append(a)
    return out
