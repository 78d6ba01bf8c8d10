"""The render stage as readers get it: build a project with `mkdocs build --strict`, then read the files it wrote."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import lxml.html
import pytest

from builder.model import EdtfDate
from builder.render import clickable_url, icalendar, marked_paragraphs, quote_anchor, slugify
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
