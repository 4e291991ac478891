#!/usr/bin/env python3
"""Every named character reference the HTML tokenizer decodes
(src/ingest/html/entities.cpp) is one of the HTML standard's, with the
standard's code point, and is read without its ';' exactly when the
standard allows it (Python's html.entities.html5 is the standard's table).

usage: html_entities_test.py SOURCE_DIR
"""

import html.entities
import os
import re
import sys


def main():
    source = os.path.join(sys.argv[1], "src", "ingest", "html", "entities.cpp")
    rows = re.findall(r'\{"([A-Za-z0-9]+)", 0x([0-9A-F]+), (true|false)\}', open(source).read())
    if len(rows) < 250:
        print("FAIL: only %d entities found in %s; has the table's layout changed?" % (len(rows), source))
        return 1
    spec = html.entities.html5
    names = [name for name, _, _ in rows]
    problems = []
    if names != sorted(names):
        problems.append("the table is not sorted by name (it is searched by bisection)")
    for name, code, legacy in rows:
        value = spec.get(name + ";")
        if value is None:
            problems.append("&%s; is not in the HTML standard" % name)
        elif value != chr(int(code, 16)):
            problems.append("&%s; is U+%s here, %s in the standard" % (
                name, code, " ".join("U+%04X" % ord(c) for c in value)))
        if (legacy == "true") != (name in spec):
            problems.append("&%s is %sread without ';' here, the standard says %s" % (
                name, "" if legacy == "true" else "not ", "yes" if name in spec else "no"))
    for p in problems:
        print("FAIL: " + p)
    if problems:
        return 1
    print("%d named references, each the standard's" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
