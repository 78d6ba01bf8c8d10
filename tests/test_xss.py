"""Text from articles and timelines is untrusted: a project whose every text field is an injection payload is
built with the real CLI, every output file is read in its own format, and every page runs in headless Chromium.

Nothing may run (window.__xss stays undefined, no dialog opens) and nothing may be injected: no element, no
event-handler attribute, no javascript: link, no extra feed entry or calendar event. Every payload is shown as text.
"""
from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
import yaml

from builder.model import EdtfDate, Source
from builder.sources import write_source
from projects import REPO, run_cli

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

PAYLOADS = {
    "img": '<img src=x onerror="window.__xss=1">',
    "script": "<script>window.__xss=2</script>",
    "attribute": '"><svg onload="window.__xss=3">',
    "single-quote": "'><iframe srcdoc=\"<script>parent.__xss=4</script>\"></iframe>",
    "closing-tags": "</textarea></title></script><script>window.__xss=5</script>",
    "markdown": "[click](javascript:window.__xss=6) ![x](x\" onerror=\"window.__xss=7)",
    "xml": "]]></content><script>window.__xss=8</script><content>",
    "calendar": "ok\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\nX-INJECTED:1\rX-INJECTED:2",
}
# The payloads' markup, which must never reach a file unescaped (in JSON: in any decoded string, since
# TimelineJS and Material's search show those strings as HTML).
MARKUP = re.compile(r"<img src=x|<script>window|<svg onload|<iframe srcdoc|</textarea>|<content>", re.I)
HOSTILE_ID = 'x"><svg onload=window.__xss=10>'  # a record's file name is text from the project too


def quote(kind: str) -> str:
    return f"He said {PAYLOADS[kind]} twice."


def write_hostile_project(root: Path) -> dict:
    """Sources and a timeline with a payload in every text field; returns the timeline as written."""
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
    sources = root / "content" / "sources"
    text = "\n\n".join(f"Paragraph {kind}: {quote(kind)}" for kind in PAYLOADS)
    write_source(Source(id="hostile-article", title="Title " + PAYLOADS["img"], text=text, url="javascript:window.__xss=9",
                        publisher=PAYLOADS["attribute"], published="2024-11-04", captions=[PAYLOADS["script"]]), sources)
    write_source(Source(id=HOSTILE_ID, title=PAYLOADS["markdown"], text=text, publisher=PAYLOADS["closing-tags"],
                        url="https://example.org/a?b=<script>window.__xss=11</script>&c=\"'", published="2024-11-05"),
                 sources)
    timeline = {
        "title": "Timeline " + PAYLOADS["script"],
        "description": PAYLOADS["img"] + " " + PAYLOADS["markdown"],
        "match": {"actors": [PAYLOADS["attribute"]]},
        "events": [
            {"id": "event-one", "date": "2024-11-04", "title": PAYLOADS["img"],
             "summary": PAYLOADS["script"] + PAYLOADS["attribute"], "actors": [PAYLOADS["attribute"], "Mark Rutte"],
             "tags": [PAYLOADS["img"], PAYLOADS["closing-tags"]], "provenance": "extracted",
             "citations": [{"source": "hostile-article", "quote": quote("img")}],
             "disputed": [{"date": "2024-11-05", "note": PAYLOADS["xml"],
                           "citations": [{"source": HOSTILE_ID, "quote": quote("single-quote")}]}]},
            {"id": "event-two", "date": "2024-11-05", "title": PAYLOADS["calendar"],
             "summary": PAYLOADS["calendar"] + PAYLOADS["xml"], "actors": [PAYLOADS["script"]],
             "tags": [PAYLOADS["markdown"]], "provenance": "reviewed",
             "citations": [{"source": "hostile-article", "quote": quote("script")},
                           {"source": HOSTILE_ID, "quote": quote("xml")}]},
            {"id": "event-three", "date": "2024-11", "title": PAYLOADS["closing-tags"], "summary": PAYLOADS["single-quote"],
             "actors": [PAYLOADS["markdown"]], "provenance": "manual",
             "citations": [{"source": HOSTILE_ID, "quote": quote("closing-tags")},
                           {"source": HOSTILE_ID, "quote": quote("calendar")}]},
        ],
    }
    (root / "timelines").mkdir()
    (root / "timelines" / "hostile.yml").write_text(yaml.safe_dump(timeline, allow_unicode=True, sort_keys=False))
    return timeline


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict]:
    project = tmp_path_factory.mktemp("xss") / "project"
    timeline = write_hostile_project(project)
    run_cli(project, "build", "--no-ingest", "--no-extract")
    return project / "site", timeline


def output_files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes and "assets" not in p.parts)


# ---------------------------------------------------------------------------------------------- static scan

def test_html_pages_hold_payloads_as_text_only(hostile):
    site, _ = hostile
    pages = output_files(site, ".html")
    assert len(pages) >= 10, [str(p.relative_to(site)) for p in pages]
    shown = ""
    for path in pages:
        body = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        assert not MARKUP.search(body), f"{where}: unescaped markup {MARKUP.search(body).group(0)!r}"
        tree = lxml.html.fromstring(body)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ("iframe", "svg") or "__xss" not in lxml.html.tostring(element, encoding=str), where
            assert not [a for a in element.attrib if a.lower().startswith("on")], f"{where}: handler on <{element.tag}>"
            assert "srcdoc" not in element.attrib, where
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"\s", "", element.get(name) or "").lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{where}: {name}={value!r}"
            if element.tag == "script":
                assert "__xss" not in (element.text or ""), f"{where}: payload inside a <script>"
        shown += " ".join(tree.text_content().split()) + "\n"
    # the payloads are not dropped: readers see them, as text
    for kind in ("img", "script", "attribute", "single-quote", "closing-tags", "markdown", "xml"):
        assert " ".join(PAYLOADS[kind].split()) in shown, kind


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_json_files_hold_no_markup_even_once_decoded(hostile):
    site, _ = hostile
    files = output_files(site, ".json")
    assert {p.name for p in files} >= {"search_index.json", "timeline.json"}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for text in _strings(data):
            assert not MARKUP.search(text), f"{path.relative_to(site)}: {text[:120]!r}"


def test_feeds_stay_well_formed_with_one_entry_per_event(hostile):
    site, timeline = hostile
    atom = "{http://www.w3.org/2005/Atom}"
    for path in output_files(site, ".xml"):
        root = ElementTree.fromstring(path.read_bytes())  # an injected ']]>' or '</content>' would break this
        for element in root.iter():
            assert element.tag.startswith(("{http://www.w3.org/2005/Atom}", "{http://www.sitemaps.org/")), element.tag
            if element.get("type") == "html":  # shown as HTML by feed readers: must hold escaped markup only
                assert not MARKUP.search(element.text or ""), f"{path.relative_to(site)}: {element.text[:120]!r}"
        if root.tag == f"{atom}feed":
            assert len(root.findall(f"{atom}entry")) == len(timeline["events"])


def test_calendar_has_no_injected_lines_or_events(hostile):
    site, timeline = hostile
    days = [e for e in timeline["events"] if EdtfDate.parse(e["date"]).precision == "day"]
    (path,) = output_files(site, ".ics")
    data = path.read_bytes().decode("utf-8")
    assert not re.search(r"\r(?!\n)|(?<!\r)\n", data), "a bare CR or LF splits a line"
    lines = data.replace("\r\n ", "").split("\r\n")[:-1]  # unfolded (RFC 5545 3.1)
    names = [re.match(r"[A-Z-]+", line).group(0) for line in lines]
    assert set(names) <= {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "UID", "DTSTAMP",
                          "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"}, set(names)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(days)
    assert [line for line in lines if line.startswith("UID:")] == [f"UID:{e['id']}@news-timeline" for e in days]


# ---------------------------------------------------------------------------------------------- in the browser

class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


INJECTED = """() => ({
    flag: typeof window.__xss + typeof parent.__xss,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('__xss')).length,
    elements: document.querySelectorAll('iframe, [srcdoc], img[src="x"]').length,
    links: [...document.querySelectorAll('[href], [src], [action], [formaction]')].filter(e =>
        ['href', 'src', 'action', 'formaction'].some(n => /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute(n) || ''))).length,
})"""
CLEAN = {"flag": "undefinedundefined", "handlers": 0, "scripts": 0, "elements": 0, "links": 0}


def test_no_payload_runs_in_chromium(hostile):
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api")
    site, _ = hostile
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}/"
    dialogs: list[str] = []
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in output_files(site, ".html"):
                url = server + "/".join(path.relative_to(site).parts).removesuffix("index.html")
                page.goto(url.replace('"', "%22").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20"))
                page.wait_for_load_state("load")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                for link in page.locator("a[data-filter]").all():
                    link.click()
                assert page.evaluate(INJECTED) == CLEAN, path.relative_to(site)
            page.goto(server)
            search = page.locator("input.md-search__input")
            for words in ("onerror", "svg onload", "javascript"):
                search.click()
                search.fill("")
                search.press_sequentially(words, delay=10)
                page.locator(".md-search-result__item").first.wait_for(timeout=15000)
                assert page.evaluate(INJECTED) == CLEAN, f"search for {words!r}"
                page.keyboard.press("Escape")
            # a result opens its page with the words highlighted (search.highlight rewrites the text there)
            search.click()
            search.fill("")
            search.press_sequentially("onerror", delay=10)
            page.locator(".md-search-result__item a").first.click()
            page.wait_for_load_state("load")
            assert "h=onerror" in page.url
            page.locator("mark[data-md-highlight]").first.wait_for(timeout=15000)
            assert page.evaluate(INJECTED) == CLEAN, page.url
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert dialogs == []
