"""The render stage as readers get it: build a project with `mkdocs build --strict`, then read the files it wrote."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from datetime import date
from xml.etree import ElementTree

import lxml.html
import pytest

from builder.model import MONTH_NAMES, EdtfDate
from builder.render import (CARD_CITATIONS, CITATION_LIMIT, FILTER_LIMIT, PAGE_LIMIT, clickable_url, icalendar,
                            marked_paragraphs, quote_anchor, slugify, split_list)
from builder.sources import load_sources
from builder.timelines import load_timelines
from conftest import FIXTURE_SITE, copy_project, mkdocs_build

ORIGIN = "http://site.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PAYLOADS = ("<script>alert", "<script>window", "<img src=x", "<svg onload", "<a href=\"javascript:")


# --- reading the built site ---------------------------------------------------------------------------------

def timelines_of(project: Path):
    return load_timelines(project / "timelines")


def sources_of(project: Path):
    return load_sources(project / "content" / "sources")


def published(timeline):
    return sorted((e for e in timeline.events if e.status == "active"), key=lambda e: (e.edtf.sort_key(), e.id))


def file_of(site: Path, url: str) -> Path:
    """The file a site URL (absolute, under ORIGIN) is served from."""
    path = unquote(urlsplit(url).path)[len(urlsplit(ORIGIN).path):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def page(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


def content(tree):
    return tree.cssselect("article.md-content__inner")[0]


def text(element) -> str:
    return " ".join(element.text_content().split())


# --- pages ----------------------------------------------------------------------------------------------------

def test_timeline_pages_show_published_events_in_date_order_at_their_precision(site_project, built_site):
    for timeline in timelines_of(site_project):
        tree = content(page(built_site, f"timelines/{slugify(timeline.name)}/index.html"))
        assert text(tree.cssselect("h1")[0]) == " ".join(timeline.title.split())
        cards = tree.cssselect("li.tl-event")
        expected = published(timeline)
        assert [c.cssselect("h3")[0].get("id") for c in cards] == [e.id for e in expected]
        for card, event in zip(cards, expected):
            assert text(card.cssselect(".tl-event__when")[0]) == event.edtf.label()
            assert text(card.cssselect("h3")[0]).removesuffix("¶").strip() == " ".join(event.title.split())
            assert event.provenance in text(card.cssselect(".tl-marks")[0])
            assert bool(card.cssselect(".tl-disputed")) == bool(event.disputed)
        years = [int(h.text_content()) for h in tree.cssselect("h2.tl-year__label")]
        assert years == sorted(set(years)), "one heading per year, in order"


def test_fixture_has_every_kind_of_date_mark_and_provenance(site_project, built_site):
    if site_project.name != FIXTURE_SITE.name:
        pytest.skip("checks what the fixture project is made to cover")
    shown = " ".join(text(content(page(built_site, f"timelines/{t.name}/index.html"))) for t in timelines_of(site_project))
    for label in ("4 November 2024", "November 2024", "Autumn 2024", "2014", "2010 – 2024", "2023 (uncertain)",
                  "October 2014 – 1 October 2024"):
        assert label in shown
    for mark in ("extracted", "edited", "manual", "reviewed", "disputed"):
        assert mark in shown
    assert "5 November 2024" in shown and "The wire report dates the talks to Tuesday." in shown


def test_rejected_events_are_not_published(site_project, built_site):
    active = {e.id for t in timelines_of(site_project) for e in t.events if e.status == "active"}
    rejected = [e for t in timelines_of(site_project) for e in t.events if e.status == "rejected" and e.id not in active]
    if site_project.name == FIXTURE_SITE.name:
        assert rejected, "the fixture has a rejected event"
    files = [p for p in built_site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".ics")]
    for event in rejected:
        for path in files:
            body = path.read_text(encoding="utf-8", errors="replace")
            assert event.id not in body and event.title not in body, f"rejected '{event.id}' appears in {path}"


def test_payloads_reach_readers_as_text(site_project, built_site):
    for path in sorted(p for p in built_site.rglob("*") if p.is_file() and p.suffix != ".gz"):
        body = path.read_text(encoding="utf-8", errors="replace")
        for payload in PAYLOADS:
            assert payload not in body, f"{path.relative_to(built_site)} holds {payload!r} unescaped"
        if path.suffix != ".html":
            continue
        tree = lxml.html.fromstring(path.read_bytes())
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert not [a for a in element.attrib if a.lower().startswith("on")], f"event handler in {path}"
            for attribute in ("href", "src", "action", "formaction"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{attribute}={value!r} in {path}"
            if element.tag == "script":
                assert "__xss" not in (element.text or "") and "alert(" not in (element.text or "")
    if site_project.name == FIXTURE_SITE.name:
        shown = text(content(page(built_site, "timelines/nato-leadership/index.html")))
        assert '<img src=x onerror="window.__xss=1">' in shown  # the payload is shown, as text
        assert "<script>window.__xss=2</script>" in shown


def test_citation_links_land_on_their_quote_marked_in_the_source(site_project, built_site):
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        url = ORIGIN + str(path.relative_to(built_site)).removesuffix("index.html")
        for link in lxml.html.fromstring(path.read_bytes()).cssselect("a.tl-citation__source"):
            target = urljoin(url, link.get("href"))
            fragment = urlsplit(target).fragment
            assert fragment == quote_anchor(link.get("title")), link.get("href")
            source = lxml.html.fromstring(file_of(built_site, target).read_bytes())
            marks = source.cssselect(f'mark[data-quote="{fragment}"]')
            assert [m.get("id") for m in marks].count(fragment) == 1 and marks[0].get("id") == fragment
            pieces = "".join(m.text_content() for m in marks if not m.xpath("ancestor::mark[@data-quote='%s']" % fragment))
            assert " ".join(pieces.split()) == " ".join(link.get("title").split())
            checked += 1
    assert checked, "the site has citations"


def test_source_pages_show_their_metadata_and_the_events_citing_them(site_project, built_site):
    cited = {c.source for t in timelines_of(site_project) for e in published(t) for c in e.citations}
    for source_id, source in sources_of(site_project).items():
        tree = content(page(built_site, f"sources/{source_id}/index.html"))
        assert text(tree.cssselect("h1")[0]) == " ".join(source.title.split())
        meta = text(tree.cssselect("dl.src-meta")[0])
        assert (source.publisher or "unknown") in meta
        if source.published:
            assert EdtfDate.parse(source.published).label() in meta
        else:
            assert "unknown" in meta
        links = [a.get("href") for a in tree.cssselect("dl.src-meta a")]
        assert (source.url in links) == bool(clickable_url(source.url))
        citing = tree.xpath("//h2[.='Events citing this article']/following-sibling::ul[1]//a")
        assert bool(citing) == (source_id in cited)
    index = text(content(page(built_site, "sources/index.html")))
    assert all(" ".join(s.title.split()) in index for s in sources_of(site_project).values())


def test_fixture_source_with_no_date_shows_the_inferred_one_and_no_javascript_link(site_project, built_site):
    if site_project.name != FIXTURE_SITE.name:
        pytest.skip("checks the fixture's undated article")
    meta = text(content(page(built_site, "sources/undated-defence-spending-analysis/index.html")).cssselect("dl")[0])
    assert "unknown; inferred from the text: 2024 (uncertain)" in meta and "agreed in 2014" in meta
    assert "javascript:window.__xss=1 (not a web address, so not linked)" in meta


def test_actor_and_tag_pages_list_their_events(site_project, built_site):
    events = {e.id: e for t in timelines_of(site_project) for e in published(t)}
    for kind, names in (("actors", lambda e: e.actors), ("tags", lambda e: e.tags)):
        index = content(page(built_site, f"{kind}/index.html"))
        for link in index.cssselect("ul.tl-names a"):
            name = link.text_content()
            listed = content(page(built_site, f"{kind}/{link.get('href').strip('/')}/index.html"))
            assert text(listed.cssselect("h1")[0]) == " ".join(name.split())
            ids = [h.get("id") for h in listed.cssselect("h3.tl-event__title")]
            assert sorted(ids) == sorted(i for i, e in events.items() if name in names(e))
            assert ids == [e.id for e in sorted((events[i] for i in ids), key=lambda e: (e.edtf.sort_key(), e.id))]


def test_search_index_holds_event_titles_escaped(site_project, built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for timeline in timelines_of(site_project):
        for event in published(timeline):
            doc = by_location[f"timelines/{slugify(timeline.name)}/#{event.id}"]
            assert " ".join(doc["title"].split()).removesuffix("¶").strip() == \
                " ".join(event.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert not re.search(r"<(script|img|svg|iframe|a)\b", doc[field], re.I), doc["location"]


# --- exports --------------------------------------------------------------------------------------------------

def test_timelinejs_export_follows_the_format(site_project, built_site):
    for timeline in timelines_of(site_project):
        data = json.loads((built_site / f"timelines/{slugify(timeline.name)}/timeline.json").read_text())
        assert set(data) == {"title", "events"} and data["title"]["text"]["headline"]
        assert [e["unique_id"] for e in data["events"]] == [e.id for e in published(timeline)]
        for slide in data["events"]:
            for key in ("start_date", "end_date"):
                if key in slide:
                    point = slide[key]
                    assert isinstance(point["year"], int) and set(point) <= {"year", "month", "day"}
                    assert 1 <= point.get("month", 1) <= 12 and 1 <= point.get("day", 1) <= 31
            assert slide["text"]["headline"] and "<" not in slide["text"]["headline"]
            for element in lxml.html.fragment_fromstring(slide["text"]["text"], create_parent="div").iter():
                assert element.tag != "script" and not [a for a in element.attrib if a.startswith("on")]
                assert not (element.get("href") or "").lower().startswith("javascript:")


def test_atom_feed_is_valid_atom(site_project, built_site):
    for timeline in timelines_of(site_project):
        feed = ElementTree.parse(built_site / f"timelines/{slugify(timeline.name)}/feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        for element in [feed] + feed.findall(f"{ATOM}entry"):
            assert element.findtext(f"{ATOM}id") and element.findtext(f"{ATOM}title") is not None
            assert RFC3339.match(element.findtext(f"{ATOM}updated"))
            assert element.find(f"{ATOM}link[@rel='alternate']") is not None
        assert feed.find(f"{ATOM}author/{ATOM}name").text
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == [e.title for e in published(timeline)]
        assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def test_icalendar_export_holds_day_events_folded_and_escaped(site_project, built_site):
    for timeline in timelines_of(site_project):
        raw = (built_site / f"timelines/{slugify(timeline.name)}/calendar.ics").read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        lines = unfold(raw.decode("utf-8"))
        assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
        assert any(line.startswith("PRODID:") for line in lines)
        days = [e for e in published(timeline) if e.edtf.start and e.edtf.end and e.edtf.start.day and e.edtf.end.day]
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(days)
        uids = [line for line in lines if line.startswith("UID:")]
        assert [u.removeprefix("UID:").removesuffix("@news-timeline") for u in uids] == [e.id for e in days]
        for line in lines:
            name, _, value = line.partition(":")
            if name in ("SUMMARY", "DESCRIPTION", "X-WR-CALNAME"):
                assert not re.search(r"(?<!\\)[,;]", value) and "<" not in value, line
        for event in days:
            assert f"DTSTART;VALUE=DATE:{event.edtf.lower:%Y%m%d}" in lines


def test_icalendar_folds_long_lines_between_characters():
    from builder.model import Event
    from builder.render import build_site
    from builder.timelines import Timeline

    title = "Ünïcödé " * 30 + "; with, specials\\"
    timeline = Timeline("t", Path("t.yml"), "T", events=[Event("e", "2024-11-04", title)])
    raw = icalendar(build_site("S", [timeline], {}), timeline).encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    summary = next(line for line in unfold(raw.decode("utf-8")) if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:" + title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


# --- the build as a whole -------------------------------------------------------------------------------------

def test_second_build_is_byte_identical(site_project, built_site):
    again = site_project.parent / "built-again"
    result = mkdocs_build(site_project, again)
    assert result.returncode == 0, result.stderr
    first = {str(p.relative_to(built_site)): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {str(p.relative_to(again)): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    shutil.rmtree(again)


def test_bad_timeline_stops_the_build_with_a_one_line_error(tmp_path):
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    path = project / "timelines" / "nato-leadership.yml"
    path.write_text(path.read_text().replace("date: '2024-10-01'", "date: '2024-13-01'"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"timelines/nato-leadership\.yml:\d+: date: '2024-13-01' has month 13", result.stderr), result.stderr


def test_bad_source_record_stops_the_build_with_a_one_line_error(tmp_path):
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    path = project / "content" / "sources" / "2024-11-05-rutte-visit-wire-report.md"
    path.write_text(path.read_text().replace("publisher: Example Wire", "publsher: Example Wire"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "unknown key 'publsher' in front matter (did you mean 'publisher'?)" in result.stderr


def test_citing_a_missing_source_fails_the_strict_build(tmp_path):
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    (project / "content" / "sources" / "2024-11-05-rutte-visit-wire-report.md").unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "event '2024-11-04-rutte-meets-scholz-in-berlin' cites a missing source '2024-11-05-rutte-visit-wire-report'" \
        in result.stderr


# --- quotes marked in a source's text ---------------------------------------------------------------------------

def html_of(paragraphs) -> list[str]:
    """The tokens as the template writes them, to read the nesting at a glance."""
    out = []
    for paragraph in paragraphs:
        parts = []
        for kind, value, first in paragraph:
            parts.append(value if kind == "text" else f"[{value[:4]}{'#' if first else ''}" if kind == "open" else "]")
        out.append("".join(parts))
    return out


def test_quote_anchor_is_sha1_of_the_quote():
    assert quote_anchor("He said so.") == "q-" + __import__("hashlib").sha1(b"He said so.").hexdigest()[:12]
    assert re.fullmatch(r"q-[0-9a-f]{12}", quote_anchor("Ünïcödé"))


def test_nested_quotes_nest_and_crossing_quotes_split():
    text = "One two three. Four five six."
    outer, inner, crossing = "One two three.", "two", "three. Four"
    a, b, c = (quote_anchor(q)[:4] for q in (outer, inner, crossing))
    assert html_of(marked_paragraphs(text, [outer, inner])) == [f"[{a}#One [{b}#two] three.] Four five six."]
    assert html_of(marked_paragraphs(text, [outer, crossing])) == [f"[{a}#One two [{c}#three.]][{c} Four] five six."]


def test_quote_across_a_paragraph_break_is_marked_in_each_paragraph():
    text = "First ends here.\n\nSecond starts here."
    quote = "here.\n\nSecond"
    q = quote_anchor(quote)[:4]
    assert html_of(marked_paragraphs(text, [quote, "missing quote"])) == [f"First ends [{q}#here.]", f"[{q}Second] starts here."]


def test_only_web_addresses_are_clickable():
    assert clickable_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//example.org", "http:/x", "", None):
        assert clickable_url(url) is None


# --- long lists: an overview, a page per year, per month, numbered pages ------------------------------------------

LONG_MONTHS = {2018: {}, 2020: {m: 5 for m in range(1, 13)},
               2022: {**{m: 5 for m in range(1, 13)}, 3: PAGE_LIMIT + 10}, 2023: {6: 5}}


def _long_events() -> list[dict]:
    """A few hundred events: short years (one page each), a year longer than a page (a page per month) with a month
    longer than a page (numbered pages), and dates at every precision filed under the month they begin in."""
    events = [{"id": f"2018-year-event-{n}", "date": "2018", "title": f"Year event {n} of 2018"} for n in range(3)]
    for year, months in LONG_MONTHS.items():
        for month, count in months.items():
            events += [{"id": f"{year}-{month:02d}-event-{n}", "date": f"{year}-{month:02d}-{1 + n % 28:02d}",
                        "title": f"Event {n} of {MONTH_NAMES[month]} {year}"} for n in range(count)]
    events += [{"id": "2022-whole-year", "date": "2022", "title": "Something in 2022"},
               {"id": "2022-autumn", "date": "2022-23", "title": "Something in autumn 2022"},
               {"id": "2022-summer-range", "date": "2022-05/2022-07", "title": "Something from May to July 2022"},
               {"id": "2022-03-uncertain", "date": "2022-03?", "title": "Something in March 2022, perhaps"}]
    for n, event in enumerate(events):
        # Actor NN: 60 names, so a page has more than FILTER_LIMIT; the first ones on more events than the last.
        event["actors"] = ["Main Actor", f"Actor {min(n % 75, 59):02d}"]
        event["tags"] = ["even"] if n % 2 == 0 else []
        event["provenance"] = "extracted"
        event["citations"] = [{"source": f"src-{n:03d}", "quote": f"Quoted sentence number {n}."}]
    many = next(e for e in events if e["id"] == "2022-whole-year")  # reported by more articles than a listing shows
    many["citations"] += [{"source": f"src-{n:03d}", "quote": f"Quoted sentence number {n}."}
                          for n in range(CITATION_LIMIT + 3)]
    wide = events[3]  # reported by more articles than its card on the timeline shows
    wide["citations"] = [{"source": f"src-{n:03d}", "quote": f"Quoted sentence number {n}."} for n in range(CARD_CITATIONS + 7)]
    return events


def write_long_project(folder: Path) -> Path:
    """A project whose long timeline, actor and source lists split into parts, beside a short timeline."""
    import yaml

    folder.mkdir(parents=True)
    config = (FIXTURE_SITE / "mkdocs.yml").read_text().replace("site_name: Fixture timelines",
                                                              f"site_name: Long timelines\nsite_url: {ORIGIN}")
    (folder / "mkdocs.yml").write_text(config)
    (folder / "timelines").mkdir()
    events = _long_events()
    for name, title, members in (("long", "A long timeline", events), ("short", "A short timeline", events[::40])):
        document = {"title": title, "description": f"{len(members)} events.", "events": members}
        (folder / "timelines" / f"{name}.yml").write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    sources = folder / "content" / "sources"
    sources.mkdir(parents=True)
    for n, event in enumerate(events):
        published = None if n % 15 == 0 else EdtfDate.parse(event["date"]).lower.isoformat()
        meta = {"title": f"Article {n}", "publisher": "Example", "published": published}
        (sources / f"src-{n:03d}.md").write_text(f"---\n{yaml.safe_dump(meta)}---\nIntro. Quoted sentence number {n}. End.\n")
    return folder


@pytest.fixture(scope="session")
def long_site(tmp_path_factory) -> Path:
    project = write_long_project(tmp_path_factory.mktemp("long") / "project")
    site = project.parent / "built"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site


def url_of(site: Path, path: Path) -> str:
    return ORIGIN + str(path.relative_to(site)).removesuffix("index.html")


def pages_under(site: Path, folder: str) -> dict[str, lxml.html.HtmlElement]:
    """The article of every page under a folder of the site, by URL."""
    return {url_of(site, p): content(lxml.html.fromstring(p.read_bytes())) for p in sorted((site / folder).rglob("index.html"))}


def card_ids(tree) -> list[str]:
    return [h.get("id") for h in tree.cssselect("h3.tl-event__title")]


def overview_links(tree, url: str) -> list[tuple[str, str, int, bool]]:
    """The pages an overview lists, each (label, URL, count shown, whether it is listed under another)."""
    found = []
    for item in tree.cssselect("nav.tl-overview li"):
        link = item.cssselect("a")[0]
        count = re.search(r"\(([\d,]+) (event|article)s?\)", text(item.cssselect("span.tl-overview__count")[0]))
        nested = bool(item.xpath("ancestor::li"))
        found.append((text(link), urljoin(url, link.get("href")), int(count[1].replace(",", "")), nested))
    return found


def leaf_order(pages: dict, start: str, rel: str) -> list[str]:
    """The pages reached from `start` by following rel=next (or prev) until there is none."""
    order = [start]
    while links := pages[order[-1]].cssselect(f"nav.tl-pages a[rel={rel}]"):
        order.append(urljoin(order[-1], links[0].get("href")))
        assert order.count(order[-1]) == 1, f"{rel} links loop at {order[-1]}"
    return order


def test_split_list_keeps_short_lists_whole_and_splits_long_ones_by_year_month_and_page():
    days = [date(2020, 1, 1)] * 3 + [date(2021, 5, d) for d in range(1, 8)] + [date(2021, 6, 1)] * 2 + [None] * 4
    assert split_list(days, lambda day: day, limit=20).parts == []
    root = split_list(days, lambda day: day, limit=3)
    assert [(p.path, p.label, len(p.items)) for p in root.parts] == [
        ("2020/", "2020", 3), ("2021/", "2021", 9), ("undated/", "Date unknown, page 1 of 2", 3),
        ("undated/2/", "Date unknown, page 2 of 2", 1)]
    assert [(p.path, p.label, len(p.items)) for p in root.parts[1].parts] == [
        ("2021/05/", "May 2021, page 1 of 3", 3), ("2021/05/2/", "May 2021, page 2 of 3", 3),
        ("2021/05/3/", "May 2021, page 3 of 3", 1), ("2021/06/", "June 2021", 2)]
    assert [day for leaf in root.leaves() for day in leaf.items] == days
    assert all(len(leaf.items) <= 3 for leaf in root.leaves())


def test_long_lists_split_into_pages_that_each_hold_at_most_the_limit(long_site):
    for path in long_site.rglob("index.html"):
        tree = content(lxml.html.fromstring(path.read_bytes()))
        assert len(tree.cssselect("li.tl-event")) <= PAGE_LIMIT, path
        assert len(tree.cssselect("li.src-list__item")) <= PAGE_LIMIT, path
    for folder in ("timelines/long", "actors/main-actor"):
        assert (long_site / folder / "2022" / "03" / "2" / "index.html").exists(), folder
    assert (long_site / "sources" / "2022" / "03" / "index.html").exists()
    short = content(page(long_site, "timelines/short/index.html"))
    assert not short.cssselect("nav.tl-overview, nav.tl-pages") and len(card_ids(short)) == len(_long_events()[::40])


def test_every_event_card_is_on_exactly_one_page_of_each_list(long_site):
    events = _long_events()
    for folder, expected in (("timelines/long", events), ("timelines/short", events[::40]),
                             ("actors/main-actor", events), ("tags/even", events[::2])):
        ids = [i for tree in pages_under(long_site, folder).values() for i in card_ids(tree)]
        assert sorted(ids) == sorted(e["id"] for e in expected), folder
    listed = [urljoin(url, a.get("href")) for url, tree in pages_under(long_site, "sources").items()
              for a in tree.cssselect("li.src-list__item h2 a")]
    assert sorted(listed) == [f"{ORIGIN}sources/src-{n:03d}/" for n in range(len(events))]


def test_overviews_link_every_part_with_its_count(long_site):
    for folder, cards in (("timelines/long", "li.tl-event"), ("actors/main-actor", "li.tl-event"),
                          ("sources", "li.src-list__item")):
        pages = pages_under(long_site, folder)

        def held(url: str) -> int:
            tree = pages[url]
            if not tree.cssselect("nav.tl-overview"):
                return len(tree.cssselect(cards))
            return sum(held(part) for _, part, _, nested in overview_links(tree, url) if not nested)

        for url, tree in pages.items():
            for label, part, count, _ in overview_links(tree, url):
                assert held(part) == count, (url, label)
        assert held(f"{ORIGIN}{folder}/") == len(_long_events())
    root = overview_links(content(page(long_site, "timelines/long/index.html")), ORIGIN + "timelines/long/")
    assert [label for label, _, _, nested in root if not nested] == ["2018", "2020", "2022", "2023"]
    assert [label for label, _, _, nested in root if nested][:4] == [
        "January 2022", "February 2022", "March 2022, page 1 of 2", "March 2022, page 2 of 2"]
    assert text(content(page(long_site, "timelines/long/index.html")).cssselect(".tl-facts")[0]).startswith(
        f"{len(_long_events())} events, 2018 – 2023.")
    sources = overview_links(content(page(long_site, "sources/index.html")), ORIGIN + "sources/")
    assert sources[-1][:2] == ("Date unknown", ORIGIN + "sources/undated/")


def test_prev_and_next_links_read_every_part_in_order_and_up_leads_to_the_overview(long_site):
    events = {e.id: e for e in published(next(t for t in load_timelines(long_site.parent / "project" / "timelines")
                                              if t.name == "long"))}
    pages = pages_under(long_site, "timelines/long")
    first = ORIGIN + "timelines/long/2018/"
    forward = leaf_order(pages, first, "next")
    ids = [i for url in forward for i in card_ids(pages[url])]
    assert ids == list(events), "following 'next' from the first page reads every event once, in date order"
    assert leaf_order(pages, forward[-1], "prev") == forward[::-1]
    assert ORIGIN + "timelines/long/2022/03/2/" in forward and ORIGIN + "timelines/long/2022/" not in forward
    up = pages[ORIGIN + "timelines/long/2022/03/2/"].cssselect("nav.tl-pages li.tl-pages__up a")[0]
    assert urljoin(ORIGIN + "timelines/long/2022/03/2/", up.get("href")) == ORIGIN + "timelines/long/2022/"
    year = pages[ORIGIN + "timelines/long/2022/"]
    assert [text(a) for a in year.cssselect("nav.tl-pages a")][:3] == ["← 2020", "↑ All of A long timeline", "2023 →"]


def test_part_pages_have_their_own_table_of_contents_and_title(long_site):
    def toc(path: str) -> list[str]:
        toc = page(long_site, path).cssselect("nav.md-nav--secondary")[-1]  # the sidebar's (the menu repeats it)
        return [text(a) for a in toc.cssselect("a.md-nav__link")]

    assert toc("timelines/long/index.html") == ["2018", "2020", "2022", "2023"]
    assert toc("timelines/long/2022/index.html")[:3] == ["January 2022", "February 2022", "March 2022, page 1 of 2"]
    assert toc("timelines/long/2020/index.html") == ["2020"]
    assert toc("timelines/long/2022/03/2/index.html") == ["2022"]
    assert page(long_site, "timelines/long/2022/03/2/index.html").findtext(".//title").startswith(
        "A long timeline: March 2022, page 2 of 2")


def test_filters_offer_the_most_frequent_names_of_the_page(long_site):
    tree = content(page(long_site, "timelines/long/2020/index.html"))
    offered = [a.text_content() for a in tree.cssselect(".tl-filters a[data-filter^='actor:']")]
    assert len(offered) == FILTER_LIMIT and "Main Actor" in offered
    counts = {}
    for card in tree.cssselect("li.tl-event"):
        for chip in card.cssselect(".tl-chip--actors"):
            counts[chip.text_content()] = counts.get(chip.text_content(), 0) + 1
    assert min(counts[name] for name in offered) >= max(c for name, c in counts.items() if name not in offered)
    assert "the 40 with the most events on this page" in text(tree.cssselect(".tl-filters")[0])


def test_every_link_to_an_event_lands_on_the_page_holding_its_card(long_site):
    holders: dict[str, set[str]] = {}  # event id -> URLs of the timeline pages showing its card
    for path in (long_site / "timelines").rglob("index.html"):
        for event_id in card_ids(content(lxml.html.fromstring(path.read_bytes()))):
            holders.setdefault(event_id, set()).add(url_of(long_site, path))
    targets = []
    for path in long_site.rglob("index.html"):
        for link in content(lxml.html.fromstring(path.read_bytes())).xpath("//a[contains(@href, '#')]"):
            target = urljoin(url_of(long_site, path), link.get("href"))
            if urlsplit(target).fragment in holders and "headerlink" not in (link.get("class") or ""):
                targets.append(target)
    for timeline in ("long", "short"):
        feed = ElementTree.parse(long_site / f"timelines/{timeline}/feed.xml").getroot()
        targets += [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in feed.findall(f"{ATOM}entry")]
        targets += [line.removeprefix("URL:") for line in unfold((long_site / f"timelines/{timeline}/calendar.ics")
                                                                 .read_text()) if line.startswith("URL:")]
    index = json.loads((long_site / "search" / "search_index.json").read_text())
    targets += [ORIGIN + doc["location"] for doc in index["docs"] if urlsplit(doc["location"]).fragment in holders]
    assert len(targets) > 4 * len(holders), "citing lists, listings, feeds, calendars and search all link events"
    for target in targets:
        url, _, event_id = target.partition("#")
        assert url in holders[event_id], f"{target} does not hold the card (it is on {sorted(holders[event_id])})"


def test_actor_pages_show_the_first_citations_and_link_to_the_rest_on_the_timeline(long_site):
    count = len(next(e for e in _long_events() if e["id"] == "2022-whole-year")["citations"])
    timeline = content(page(long_site, "timelines/long/2022/01/index.html"))
    listing = content(page(long_site, "actors/main-actor/2022/01/index.html"))
    card = lambda tree: tree.get_element_by_id("2022-whole-year").xpath("ancestor::li[1]")[0]  # noqa: E731
    assert len(card(timeline).cssselect("a.tl-citation__source")) == count
    assert len(card(listing).cssselect("a.tl-citation__source")) == CITATION_LIMIT
    more = card(listing).cssselect("li.tl-citation--more a")[0]
    assert text(more) == f"{count - CITATION_LIMIT} more sources, on the timeline"
    assert urljoin(ORIGIN + "actors/main-actor/2022/01/", more.get("href")) == \
        ORIGIN + "timelines/long/2022/01/#2022-whole-year"


def test_a_search_index_over_its_limit_fails_the_strict_build(tmp_path):
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      sources_dir: sources", "      sources_dir: sources\n      search_index_limit: 0.001"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(r"the search index is 0\.\d MB, over the timeline plugin's search_index_limit of 0\.001 MB",
                     result.stderr), result.stderr


def test_search_indexes_titles_and_names_not_article_texts_or_quotes(site_project, built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    quotes = {c.quote for t in timelines_of(site_project) for e in published(t) for c in e.citations}
    for doc in docs:
        assert not any(q in doc["text"] for q in quotes), doc["location"]
    for source_id, source in sources_of(site_project).items():
        doc = next(d for d in docs if d["location"] == f"sources/{source_id}/")
        assert source.text[:40] not in doc["text"] and (source.publisher or "unknown").split()[-1] in doc["text"]
    assert not [d for d in docs if d["location"].startswith(("actors/", "tags/")) and "#" in d["location"]], \
        "actor and tag pages are found by their names; their events are found on the timelines"


def test_an_event_reported_by_more_articles_than_a_card_shows_gets_a_page_of_all_its_sources(long_site):
    wide = _long_events()[3]
    count = len(wide["citations"])
    holder = next(path for path in (long_site / "timelines" / "long").rglob("index.html")
                  if wide["id"] in card_ids(content(lxml.html.fromstring(path.read_bytes()))))
    card = content(lxml.html.fromstring(holder.read_bytes())).get_element_by_id(wide["id"]).xpath("ancestor::li[1]")[0]
    assert len(card.cssselect("a.tl-citation__source")) == CARD_CITATIONS
    more = card.cssselect("li.tl-citation--more a")[0]
    assert text(more) == f"{count - CARD_CITATIONS} more sources"
    whole = urljoin(url_of(long_site, holder), more.get("href"))
    assert whole == f"{ORIGIN}events/{wide['id']}/"
    sources = content(page(long_site, f"events/{wide['id']}/index.html"))
    assert text(sources.cssselect("h1")[0]) == wide["title"]
    cited = [urljoin(whole, a.get("href")) for a in sources.cssselect("a.tl-citation__source")]
    assert cited == [f"{ORIGIN}sources/src-{n:03d}/#{quote_anchor(f'Quoted sentence number {n}.')}" for n in range(count)]
    back = [urljoin(whole, a.get("href")) for a in sources.cssselect("p.tl-facts a")]
    assert back == [f"{url_of(long_site, holder)}#{wide['id']}"]
    # an actor page's card, which shows fewer, sends readers to the same page
    listing = next(path for path in (long_site / "actors" / "main-actor").rglob("index.html")
                   if wide["id"] in card_ids(content(lxml.html.fromstring(path.read_bytes()))))
    card = content(lxml.html.fromstring(listing.read_bytes())).get_element_by_id(wide["id"]).xpath("ancestor::li[1]")[0]
    assert urljoin(url_of(long_site, listing), card.cssselect("li.tl-citation--more a")[0].get("href")) == whole


def test_a_source_record_named_like_a_year_of_the_sources_list_is_one_line_error(tmp_path):
    project = write_long_project(tmp_path / "project")
    (project / "content" / "sources" / "2018.md").write_text("---\ntitle: Named like a year\n---\nSome text.\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "sources/2018.md: its page sources/2018/ clashes with the sources page 'Sources: 2018' (rename the record)" \
        in result.stderr


@pytest.mark.parametrize("make_project", [lambda tmp: copy_project(FIXTURE_SITE, tmp / "fixture"), write_long_project],
                         ids=["fixture", "long"])
def test_the_part_of_a_page_given_to_search_indexes_as_the_whole_page_does(make_project, tmp_path):
    """Search is given an actor's, a tag's or an article's page only up to SEARCH_END: Material's own indexer
    makes the same entries from that part as from the whole page."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from builder import render

    project = make_project(tmp_path / "project")
    site = render.build_site("Test", load_timelines(project / "timelines"), load_sources(project / "content" / "sources"),
                             "", "sources")
    shortened = 0
    for spec in render.pages(site, with_home=True):
        html, indexed = render.render_page(site, spec)
        assert render.SEARCH_END not in html
        toc = get_toc([{"level": 2, "id": a, "name": n, "children": []} for a, n in render.toc(site, spec)])

        def entries(content):
            index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
            index.add_entry_from_context(SimpleNamespace(meta={"title": spec.title}, title=spec.title, content=content,
                                                         toc=toc, url=spec.url))
            return index.entries

        if len(indexed) < len(html):
            shortened += 1
            assert html.startswith(indexed)
            assert entries(indexed) == entries(html), spec.url
    assert shortened >= 10
