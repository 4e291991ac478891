#!/usr/bin/python3
"""The search page in a real browser: headless Chromium (Debian's chromium
and chromium-driver, through python3-selenium) against `communique serve`
on a loopback port. Searches, clicks a facet, clicks a timeline bar, opens
a statement, clicks a person's name in Chinese among the facets, and
asserts on the DOM at each step; checks that hostile statements run
nothing, that the page works without JavaScript, on a phone-width screen,
by keyboard, and in three more scripts. Screenshots go to SCREENSHOT_DIR.

usage: browser_test.py COMMUNIQUE_BINARY SCREENSHOT_DIR
"""

import os
import re
import shutil
import sys
import tempfile
import urllib.parse

from serverlib import HOSTILE, SCRIPT, Server, fail, index, skip, write_corpus

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip("python3-selenium is not installed (tools/check installs it: see COMMUNIQUE_PACKAGES)")

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def check(condition, message):
    if not condition:
        fail(message)


def browser(profile, javascript=True, width=1280, height=1000):
    options = Options()
    options.binary_location = CHROMIUM
    # As root on a machine without a network: no sandbox, no GPU, and none
    # of Chromium's own connections to the outside.
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=%d,%d" % (width, height)):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def navigated(driver, action, timeout=30):
    """Does `action` (a click, a submit) and waits until the next page has
    loaded: its URL differs and the document is complete."""
    before = driver.current_url
    old_body = driver.find_element(By.TAG_NAME, "body")
    action()
    WebDriverWait(driver, timeout).until(
        lambda d: d.current_url != before and d.execute_script("return document.readyState") == "complete")
    # The old document is gone (a click can change the URL's fragment only).
    WebDriverWait(driver, timeout).until(lambda d: _stale(old_body))


def _stale(element):
    try:
        element.tag_name
        return False
    except Exception:  # noqa: BLE001 - StaleElementReferenceException and kin
        return True


def query_of(driver):
    return urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query).get("q", [""])[0]


def no_script_ran(driver, where):
    try:
        alert = driver.switch_to.alert
        fail("%s: an alert opened: %r" % (where, alert.text))
    except NoAlertPresentException:
        pass
    fired = driver.execute_script("return window.xssFired === undefined ? null : window.xssFired")
    check(fired is None, "%s: text from a statement ran as script (xssFired=%r)" % (where, fired))


def journey(driver, srv, shots):
    """Search, click a facet, click a timeline bar, open a statement."""
    driver.get(srv.url("/"))
    check("Search" in driver.find_element(By.TAG_NAME, "h1").text, "no home page")
    box = driver.find_element(By.ID, "q")
    navigated(driver, lambda: box.send_keys("transport corridors", Keys.ENTER))
    check(query_of(driver) == "transport corridors", "the URL does not say the query: " + driver.current_url)
    hits = driver.find_elements(By.CSS_SELECTOR, ".hit")
    check(len(hits) >= 3, "%d hits for transport corridors" % len(hits))
    marks = driver.find_elements(By.CSS_SELECTOR, ".hit .passage mark")
    check(marks and all(m.text.lower().startswith(("transport", "corridor")) for m in marks),
          "marked words: %s" % [m.text for m in marks][:10])
    summary = driver.find_element(By.CSS_SELECTOR, ".summary p").text
    total = int(re.match(r"([\d,]+) statement", summary).group(1).replace(",", ""))
    driver.save_screenshot(os.path.join(shots, "search.png"))

    # A country facet: the filter joins the query, and every hit is of it.
    link = driver.find_element(By.CSS_SELECTOR, ".facet a[href*='country%3A']")
    value = link.find_element(By.CSS_SELECTOR, ".value").text
    code = re.search(r"\(([A-Z]{3})\)", value).group(1)
    count = int(link.find_element(By.CSS_SELECTOR, ".count").text.replace(",", ""))
    navigated(driver, link.click)
    check(query_of(driver) == "transport corridors country:" + code, "facet click gave " + query_of(driver))
    summary = driver.find_element(By.CSS_SELECTOR, ".summary p").text
    check(summary.startswith("%d statement" % count), "facet said %d, page says %r" % (count, summary))
    check(count <= total, "a facet widened the search: %d > %d" % (count, total))
    for meta in driver.find_elements(By.CSS_SELECTOR, ".hit .meta"):
        check("(%s)" % code in meta.text, "a hit not of %s: %r" % (code, meta.text))
    chips = [c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chips a")]
    check(any("country:" + code in c for c in chips), "the filter is not shown as active: %s" % chips)
    driver.save_screenshot(os.path.join(shots, "facet.png"))

    # Back to all countries, then a timeline bar: a date: filter of its year.
    driver.get(srv.url("/?" + urllib.parse.urlencode({"q": "corridors"})))
    bars = driver.find_elements(By.CSS_SELECTOR, ".timeline a.bar")
    check(len(bars) >= 2, "%d timeline bars" % len(bars))
    tallest = max(bars, key=lambda b: float(b.find_element(By.CSS_SELECTOR, ".fill").get_attribute("height")))
    year = tallest.get_attribute("data-year")
    label = tallest.get_attribute("aria-label")
    matches = int(re.match(r"\d{4}: ([\d,]+) of", label).group(1).replace(",", ""))
    navigated(driver, tallest.click)
    check(query_of(driver) == "corridors date:" + year, "bar click gave " + query_of(driver))
    summary = driver.find_element(By.CSS_SELECTOR, ".summary p").text
    check(summary.startswith("%d statement" % matches), "bar said %d, page says %r" % (matches, summary))
    for t in driver.find_elements(By.CSS_SELECTOR, ".hit .meta time"):
        check(t.text.startswith(year), "a hit of %s after clicking %s" % (t.text, year))
    driver.save_screenshot(os.path.join(shots, "timeline.png"))

    # Open the first statement: its whole text, metadata, marked passages.
    first = driver.find_element(By.CSS_SELECTOR, ".hit h2 a")
    title = first.text
    navigated(driver, first.click)
    check("/statement/" in driver.current_url, "not a statement page: " + driver.current_url)
    check(driver.find_element(By.TAG_NAME, "h1").text == title, "statement title differs from the hit's")
    fields = driver.find_element(By.CSS_SELECTOR, "dl.fields").text
    check("Date" in fields and year in fields, "metadata: %r" % fields)
    check(driver.find_elements(By.CSS_SELECTOR, ".body p.best mark"), "no marked best passage")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".body p")) >= 1, "no text")
    driver.save_screenshot(os.path.join(shots, "statement.png"))
    back = driver.find_element(By.CSS_SELECTOR, ".back a")
    navigated(driver, back.click)
    check(query_of(driver) == "corridors date:" + year, "back link lost the query")


def hostile(driver, srv, shots):
    driver.get(srv.url("/?" + urllib.parse.urlencode({"q": "corridors"})))
    no_script_ran(driver, "results with hostile statements")
    titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, ".hit h2")]
    check(any(SCRIPT in t for t in titles), "the hostile title is not shown as text: %s" % titles)
    for h in HOSTILE:
        driver.get(srv.url("/statement/" + urllib.parse.quote(h["id"], safe="") + "?q=corridors"))
        no_script_ran(driver, "statement " + h["id"])
        check(driver.find_element(By.TAG_NAME, "h1").text == h["title"], "hostile title altered")
        body = driver.find_element(By.CSS_SELECTOR, ".body").text
        check(SCRIPT in body, "the body's script is not shown as text")
        check(not driver.find_elements(By.CSS_SELECTOR, "main img, main script, .body a"),
              "markup from the statement made it into the DOM")
        for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            check(not a.get_attribute("href").lower().startswith("javascript:"), "a javascript: link")
    driver.save_screenshot(os.path.join(shots, "hostile.png"))
    # Clicking the address of the first hostile statement runs nothing.
    driver.get(srv.url("/statement/" + urllib.parse.quote(HOSTILE[0]["id"], safe="")))
    check(driver.find_elements(By.CSS_SELECTOR, "span.url"), "the javascript: address is not plain text")
    driver.find_element(By.CSS_SELECTOR, "span.url").click()
    no_script_ran(driver, "clicking a javascript: address")
    # A hostile query in the box.
    driver.get(srv.url("/?" + urllib.parse.urlencode({"q": 'corridors "><img src=x onerror=window.xssFired=9>'})))
    no_script_ran(driver, "a hostile query")
    check(driver.find_element(By.ID, "q").get_attribute("value").endswith("onerror=window.xssFired=9>"),
          "the query box does not hold the query as typed")


def scripts(driver, srv):
    for q, word, direction in (("ممرات", "ممرات", "rtl"), ("коридоры", "коридоры", "ltr"),
                               ("country:CHN 运输走廊", "运输走廊", "ltr")):
        driver.get(srv.url("/?" + urllib.parse.urlencode({"q": q})))
        passages = driver.find_elements(By.CSS_SELECTOR, ".hit .passage")
        check(passages, "nothing found for %r" % q)
        check(any(word.lower() in p.text.lower() for p in passages), "%r is not displayed as written" % word)
        d = driver.execute_script("return getComputedStyle(arguments[0]).direction", passages[0])
        check(d == direction, "%r laid out %s, expected %s" % (q, d, direction))


def facets(driver, srv, shots):
    """Every facet of the schema, in its order; a person's value in their
    script with the Latin after it, which a click turns into a filter that
    finds them."""
    driver.get(srv.url("/?" + urllib.parse.urlencode({"q": "运输走廊"})))
    heads = [h.get_attribute("id") for h in driver.find_elements(By.CSS_SELECTOR, ".facet h2")]
    check(heads == ["facet-" + f for f in ("country", "minister", "year", "mentions", "role", "language")],
          "facets shown: %s" % heads)
    shown = {h: [v.text for v in driver.find_elements(By.CSS_SELECTOR, "#%s + ul .value" % h)] for h in heads}
    check(shown["facet-country"] == ["China (CHN)"], "country facet: %s" % shown["facet-country"])
    check("Kazakhstan (KAZ)" in shown["facet-mentions"], "mentions facet: %s" % shown["facet-mentions"])
    person = "汪文斌 (Wang Wenbin)"
    check(person in shown["facet-minister"], "minister facet: %s" % shown["facet-minister"])
    link = driver.find_elements(By.CSS_SELECTOR, "#facet-minister + ul a")[shown["facet-minister"].index(person)]
    count = int(link.find_element(By.CSS_SELECTOR, ".count").text)
    navigated(driver, link.click)
    check(query_of(driver) == '运输走廊 minister:"%s"' % person, "person click gave " + query_of(driver))
    summary = driver.find_element(By.CSS_SELECTOR, ".summary p").text
    check(count == 1 and summary.startswith("1 statement matches"),
          "the facet said %d, the page says %r" % (count, summary))
    check(driver.find_element(By.CSS_SELECTOR, ".hit h2").text == "关于运输走廊的声明", "not their statement")
    chips = [c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chips a")]
    check(any(person in c for c in chips), "the person's filter is not shown as active: %s" % chips)
    on = driver.find_elements(By.CSS_SELECTOR, "#facet-minister + ul a.on")
    check(len(on) == 1 and person in on[0].text, "the person's facet value is not marked as on")
    driver.save_screenshot(os.path.join(shots, "person.png"))
    navigated(driver, on[0].click)
    check(query_of(driver) == "运输走廊", "clicking the active person kept " + query_of(driver))


def keyboard(driver, srv):
    driver.get(srv.url("/?q=corridors"))
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    focused = driver.switch_to.active_element
    first = driver.find_element(By.CSS_SELECTOR, ".hit h2 a")
    check(focused == first, "j does not focus the first result")
    focused.send_keys("/")
    check(driver.switch_to.active_element == driver.find_element(By.ID, "q"), "/ does not focus the box")
    # Tab order reaches the facets and the timeline's bars.
    driver.get(srv.url("/?q=corridors"))
    reached = set()
    for _ in range(80):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        cls = driver.switch_to.active_element.get_attribute("class") or ""
        href = driver.switch_to.active_element.get_attribute("href") or ""
        if "bar" in cls.split():
            reached.add("bar")
        if "country%3A" in href:
            reached.add("facet")
    check(reached == {"bar", "facet"}, "Tab reaches only %s" % reached)


def phone(driver, srv, shots):
    driver.get(srv.url("/?q=corridors"))
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    check(wide <= inner + 1, "the page scrolls sideways on a phone: %d > %d" % (wide, inner))
    driver.save_screenshot(os.path.join(shots, "phone.png"))


def without_javascript(driver, srv):
    driver.get(srv.url("/"))
    box = driver.find_element(By.ID, "q")
    navigated(driver, lambda: box.send_keys("corridors", Keys.ENTER))
    check(driver.find_elements(By.CSS_SELECTOR, ".hit"), "no results without JavaScript")
    navigated(driver, driver.find_element(By.CSS_SELECTOR, ".facet a[href*='country%3A']").click)
    check("country:" in query_of(driver), "facet link without JavaScript")
    navigated(driver, driver.find_element(By.CSS_SELECTOR, ".hit h2 a").click)
    check(driver.find_elements(By.CSS_SELECTOR, ".body p"), "statement without JavaScript")


def main():
    binary, shots = sys.argv[1], sys.argv[2]
    for path in (CHROMIUM, DRIVER):
        if not os.access(path, os.X_OK):
            skip("%s is missing (tools/check installs chromium and chromium-driver)" % path)
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="communique-browser-")
    drivers = []
    try:
        corpus, _ = write_corpus(os.path.join(work, "corpus"))
        db = os.path.join(work, "db")
        index(binary, db, corpus)
        with Server(binary, db, "--threads", "2") as srv:
            d = browser(os.path.join(work, "profile"))
            drivers.append(d)
            journey(d, srv, shots)
            hostile(d, srv, shots)
            scripts(d, srv)
            facets(d, srv, shots)
            keyboard(d, srv)
            d.set_window_size(390, 844)
            phone(d, srv, shots)
            d.quit()
            drivers.remove(d)
            d = browser(os.path.join(work, "profile-nojs"), javascript=False)
            drivers.append(d)
            without_javascript(d, srv)
            check(srv.stop() == 0, "serve did not stop cleanly")
        print("browser: all checks passed; screenshots in " + shots)
    finally:
        for d in drivers:
            d.quit()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
