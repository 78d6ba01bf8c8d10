"""The built site in headless Chromium, as a reader uses it: timeline, citation links, actor pages, filters,
search, exports, no injected script, accessibility (axe-core), screenshots at phone and desktop widths; and a long
timeline read from its overview through its year and month pages."""
from __future__ import annotations

import contextlib
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

from builder.render import PAGE_LIMIT, slugify
from builder.timelines import load_timelines
from conftest import FIXTURE_SITE
from test_render import long_site  # noqa: F401 (the fixture: a project whose long lists split into parts)

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "site-screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
TARGET_BACKGROUND = "rgb(255, 213, 79)"  # --tl-target in timeline.css

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium chromium-driver")
sync_api = pytest.importorskip("playwright.sync_api")

# TimelineJS 3's JSON format (timeline.knightlab.com/docs/json-format.html), the parts we write.
DATE = {"type": "object", "required": ["year"], "additionalProperties": False, "properties": {
    "year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
    "day": {"type": "integer", "minimum": 1, "maximum": 31}}}
TEXT = {"type": "object", "additionalProperties": False,
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
TIMELINEJS = {"type": "object", "required": ["events"], "properties": {
    "title": {"type": "object", "properties": {"text": TEXT}},
    "events": {"type": "array", "items": {"type": "object", "required": ["start_date", "text"], "properties": {
        "start_date": DATE, "end_date": DATE, "text": TEXT, "unique_id": {"type": "string"},
        "display_date": {"type": "string"}, "group": {"type": "string"}}}}}}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """The folder over HTTP on a free local port: yields its address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(built_site):
    with serving(built_site) as address:
        yield address


@pytest.fixture(scope="module")
def long_server(long_site):
    with serving(long_site) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Reader:
    """One browser tab on the local site; it records console errors and refuses requests to any other host."""

    def __init__(self, browser, server: str, **options):
        self.server = server
        self.context = browser.new_context(**options)
        self.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", lambda response: self.errors.append(f"{response.status} {response.url}")
                     if response.status >= 400 else None)

    def open(self, path: str):
        self.page.goto(self.server + path)
        self.page.wait_for_load_state("load")
        return self.page

    def injected(self) -> dict:
        return self.page.evaluate("""() => ({
            flag: typeof window.__xss,
            elements: document.querySelectorAll('[onerror], [onload], img[src="x"], svg[onload]').length,
            jsLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
        })""")


@pytest.fixture
def reader(browser, server):
    reader = Reader(browser, server, viewport={"width": 1280, "height": 900})
    yield reader
    reader.context.close()


def timelines(project: Path):
    return load_timelines(project / "timelines")


def published(timeline):
    return sorted((e for e in timeline.events if e.status == "active"), key=lambda e: (e.edtf.sort_key(), e.id))


def test_timeline_shows_its_events_in_order(site_project, reader):
    for timeline in timelines(site_project):
        page = reader.open(f"timelines/{slugify(timeline.name)}/")
        titles = page.locator("h3.tl-event__title")
        assert titles.evaluate_all("els => els.map(e => e.id)") == [e.id for e in published(timeline)]
        assert titles.first.is_visible()
        assert page.locator(".tl-event__marker").first.is_visible()
    assert reader.errors == []


def test_citation_link_lands_on_the_quote_highlighted(site_project, reader):
    timeline = timelines(site_project)[0]
    page = reader.open(f"timelines/{slugify(timeline.name)}/")
    link = page.locator("a.tl-citation__source[href*='#q-']").first
    quote = link.get_attribute("title")
    link.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#q-[0-9a-f]{12}$"))
    mark = page.locator("mark:target")
    sync_api.expect(mark).to_have_count(1)
    sync_api.expect(mark).to_be_in_viewport()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == TARGET_BACKGROUND
    assert " ".join(mark.inner_text().split()) in " ".join(quote.split())
    assert reader.errors == []


def test_every_piece_of_a_split_quote_is_highlighted(site_project, reader):
    if site_project.name != FIXTURE_SITE.name:
        pytest.skip("the fixture has a quote that crosses another")
    page = reader.open("timelines/germany-defence/")
    page.locator("a.tl-citation__source[title^='in his first visit']").click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#q-[0-9a-f]{12}$"))
    page.wait_for_load_state("load")
    anchor = page.url.rsplit("#", 1)[1]
    pieces = page.locator(f"mark[data-quote='{anchor}']")
    assert pieces.count() == 2
    assert pieces.evaluate_all("els => els.map(m => getComputedStyle(m).backgroundColor)") == [TARGET_BACKGROUND] * 2


def test_actor_page_lists_that_actors_events(site_project, reader):
    events = {e.id: e for t in timelines(site_project) for e in published(t)}
    actor = sorted({a for e in events.values() for a in e.actors}, key=lambda a: -sum(a in e.actors for e in events.values()))[0]
    timeline = next(t for t in timelines(site_project) if any(actor in e.actors for e in published(t)))
    page = reader.open(f"timelines/{slugify(timeline.name)}/")
    page.locator(".tl-event__body .tl-chip--actors", has_text=actor).first.click()
    page.wait_for_url(re.compile(r"/actors/[^/]+/$"))
    page.wait_for_load_state("load")
    sync_api.expect(page.locator("h1")).to_have_text(actor)
    shown = page.locator("h3.tl-event__title").evaluate_all("els => els.map(e => e.id)")
    assert sorted(shown) == sorted(i for i, e in events.items() if actor in e.actors)
    assert reader.errors == []


def test_filter_in_place_and_show_all_again(site_project, reader):
    timeline = timelines(site_project)[0]
    events = published(timeline)
    page = reader.open(f"timelines/{slugify(timeline.name)}/")
    chip = page.locator(".tl-filters a[data-filter^='actor:']").last
    actor = chip.inner_text()
    chip.click()
    assert page.url.endswith(f"timelines/{slugify(timeline.name)}/"), "the filter stays on the page"
    visible = page.locator("li.tl-event:visible h3").evaluate_all("els => els.map(e => e.id)")
    assert visible == [e.id for e in events if actor in e.actors]
    sync_api.expect(page.locator(".tl-filter-status")).to_contain_text(f"with “{actor}”")
    page.get_by_role("button", name="Show all events").click()
    assert page.locator("li.tl-event:visible").count() == len(events)
    assert reader.errors == []


def test_search_finds_an_event_by_a_word_of_its_title(site_project, reader):
    event = published(timelines(site_project)[0])[-1]
    word = max(re.findall(r"[A-Za-z]{4,}", event.title), key=len)
    page = reader.open("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    result = page.locator(".md-search-result__item", has_text=word).first
    sync_api.expect(result).to_be_visible(timeout=15_000)
    assert page.locator(f".md-search-result__link[href*='#{event.id}']").count() >= 1
    assert reader.errors == []


def test_timelinejs_json_follows_the_format(site_project, reader):
    for timeline in timelines(site_project):
        response = reader.page.request.get(f"{reader.server}timelines/{slugify(timeline.name)}/timeline.json")
        assert response.ok
        data = response.json()
        jsonschema.validate(data, TIMELINEJS)
        assert [e["unique_id"] for e in data["events"]] == [e.id for e in published(timeline)]


def test_no_injected_script_runs_anywhere(site_project, built_site, reader):
    paths = sorted(str(p.relative_to(built_site)).removesuffix("index.html") for p in built_site.rglob("index.html"))
    for path in paths:
        reader.open(path)
        assert reader.injected() == {"flag": "undefined", "elements": 0, "jsLinks": 0}, path
    page = reader.open("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("xss", delay=30)
    page.wait_for_timeout(1500)
    assert reader.injected() == {"flag": "undefined", "elements": 0, "jsLinks": 0}
    assert reader.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(site_project, built_site, browser, server, scheme):
    from axe_playwright_python.sync_playwright import Axe

    reader = Reader(browser, server, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    timeline = slugify(timelines(site_project)[0].name)
    source = sorted(p.name for p in (built_site / "sources").iterdir() if p.is_dir())[0]
    actor = sorted(p.name for p in (built_site / "actors").iterdir() if p.is_dir())[0]
    try:
        for path in ["", f"timelines/{timeline}/", f"sources/{source}/", "sources/", f"actors/{actor}/", "tags/"]:
            reader.open(path)
            violations = Axe().run(reader.page).response["violations"]
            serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                       if v["impact"] in ("serious", "critical")]
            assert serious == [], f"{path} ({scheme}): {serious}"
    finally:
        reader.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_at_phone_and_desktop_widths(site_project, built_site, browser, server, width):
    reader = Reader(browser, server, viewport={"width": width, "height": 844 if width < 600 else 900},
                    device_scale_factor=1, is_mobile=width < 600)
    folder = SCREENSHOTS / site_project.name
    folder.mkdir(parents=True, exist_ok=True)
    timeline = slugify(timelines(site_project)[0].name)
    try:
        page = reader.open(f"timelines/{timeline}/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the timeline is wider than a {width} px screen by {overflow} px"
        page.screenshot(path=str(folder / f"timeline-{width}.png"), full_page=True)
        page.locator("a.tl-citation__source[href*='#q-']").first.click()
        page.wait_for_url(re.compile(r"#q-[0-9a-f]{12}$"))
        page.wait_for_load_state("load")
        page.screenshot(path=str(folder / f"source-{width}.png"))
        reader.open("").screenshot(path=str(folder / f"home-{width}.png"), full_page=True)
        page = reader.open(f"timelines/{timeline}/")
        page.emulate_media(media="print")
        page.screenshot(path=str(folder / f"timeline-print-{width}.png"), full_page=True)
        assert reader.errors == []
    finally:
        reader.context.close()


# --- a long timeline: an overview, a page per year, per month ------------------------------------------------------

def test_long_timeline_from_the_overview_to_a_month_an_event_its_citation_and_back(browser, long_server):
    reader = Reader(browser, long_server, viewport={"width": 1280, "height": 900})
    try:
        page = reader.open("timelines/long/")
        assert page.locator("li.tl-event").count() == 0, "the overview lists pages, not events"
        page.locator("nav.tl-overview").get_by_role("link", name="2022", exact=True).click()
        page.wait_for_url(re.compile(r"/timelines/long/2022/$"))
        sync_api.expect(page.locator("h1")).to_have_text("A long timeline: 2022")
        page.locator("nav.tl-overview").get_by_role("link", name="March 2022, page 2 of 2", exact=True).click()
        page.wait_for_url(re.compile(r"/timelines/long/2022/03/2/$"))
        cards = page.locator("li.tl-event")
        assert 0 < cards.count() <= PAGE_LIMIT
        card = cards.first
        event_id = card.locator("h3").get_attribute("id")
        card.locator("a.headerlink").click()
        page.wait_for_url(re.compile(f"/timelines/long/2022/03/2/#{event_id}$"))
        sync_api.expect(page.locator("h3:target")).to_be_in_viewport()

        card.locator("a.tl-citation__source").first.click()
        page.wait_for_url(re.compile(r"/sources/[^/]+/#q-[0-9a-f]{12}$"))
        sync_api.expect(page.locator("mark:target")).to_be_in_viewport()
        assert page.locator("mark:target").evaluate("m => getComputedStyle(m).backgroundColor") == TARGET_BACKGROUND

        page.locator(".src-citing a").first.click()  # back to the event, on the page that holds its card
        page.wait_for_url(re.compile(f"/timelines/long/2022/03/2/#{event_id}$"))
        sync_api.expect(page.locator("h3:target")).to_be_in_viewport()

        page.locator("nav.tl-pages a[rel=next]").first.click()
        page.wait_for_url(re.compile(r"/timelines/long/2022/04/$"))
        sync_api.expect(page.locator("h1")).to_have_text("A long timeline: April 2022")
        assert reader.errors == []
    finally:
        reader.context.close()


def test_axe_finds_no_serious_violations_on_long_list_pages(browser, long_server):
    from axe_playwright_python.sync_playwright import Axe

    reader = Reader(browser, long_server, viewport={"width": 1280, "height": 900})
    try:
        for path in ["timelines/long/", "timelines/long/2022/03/2/", "sources/2022/03/"]:  # an overview, two parts
            reader.open(path)
            violations = Axe().run(reader.page).response["violations"]
            serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                       if v["impact"] in ("serious", "critical")]
            assert serious == [], f"{path}: {serious}"
    finally:
        reader.context.close()
