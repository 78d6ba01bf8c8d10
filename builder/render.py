"""The render stage: timelines and source records as page contents (escaped HTML) and export files."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from .model import SEASON_MONTHS, Citation, EdtfDate, Event, Source
from .timelines import Timeline

TEMPLATES = Path(__file__).parent / "templates"
THEME = TEMPLATES / "theme"  # CSS and script MkDocs copies into the site as theme files
ASSETS = ["assets/timeline/timeline.css", "assets/timeline/timeline.js"]
TEMPLATE = {"home": "home.html", "timeline": "timeline.html", "actor": "listing.html", "tag": "listing.html",
            "actors": "names.html", "tags": "names.html", "sources": "sources.html", "source": "source.html"}
EXPORTS = {"timelinejs": "timeline.json", "atom": "feed.xml", "ical": "calendar.ics"}
CLICKABLE_SCHEMES = ("http", "https")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def quote_anchor(quote: str) -> str:
    """The id of a quote's <mark> on its source page: 'q-' and the first 12 hex digits of the SHA-1 of its UTF-8 bytes.

    Computed from the quote alone, so a citation link `sources/<id>/#q-...` can be built without the source text.
    """
    return "q-" + hashlib.sha1(quote.encode("utf-8")).hexdigest()[:12]


def clickable_url(url: str | None) -> str | None:
    """The URL when a reader may follow it (http or https with a host); None for javascript:, data: and the like."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in CLICKABLE_SCHEMES and parts.netloc else None


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def unique_slugs(names) -> dict[str, str]:
    """A URL slug per name; names that slug alike (or to nothing) get a short hash so no two pages collide."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        slug = slugify(name)
        if not slug or slug in taken:
            slug = f"{slug or 'name'}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def event_key(event: Event) -> tuple:
    return (event.edtf.sort_key(), event.id)


def published_events(timeline: Timeline) -> list[Event]:
    """What readers see of a timeline: active events in date order (rejected ones stay in the YAML only)."""
    return sorted((e for e in timeline.events if e.status == "active"), key=event_key)


def event_year(event: Event) -> int:
    edtf = event.edtf
    return (edtf.start or edtf.end).year


def all_citations(event: Event) -> list[Citation]:
    return event.citations + [Citation(str(c.get("source")), str(c.get("quote")))
                              for d in event.disputed for c in d.get("citations") or []]


@dataclass
class Page:
    """One page the render stage writes: `kind` names its template, `key` what it shows."""

    src_uri: str
    kind: str  # home, timeline, actors, actor, tags, tag, sources, source
    title: str
    key: str = ""

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md").removesuffix(".md") + ("/" if self.kind == "source" else "")


@dataclass
class Site:
    """Everything a build publishes, computed once per build from the timelines and source records."""

    name: str
    timelines: list[Timeline]
    sources: dict[str, Source]
    url: str = ""  # the site's public address when configured (absolute links in feeds)
    sources_folder: str = "sources"  # where the source records sit under the docs folder
    events: dict[str, list[Event]] = field(default_factory=dict)  # timeline name -> published events in order
    homes: dict[str, list[Timeline]] = field(default_factory=dict)  # event id -> the timelines that show it
    actors: dict[str, str] = field(default_factory=dict)  # name -> slug
    tags: dict[str, str] = field(default_factory=dict)
    timeline_slugs: dict[str, str] = field(default_factory=dict)

    def all_copies(self) -> list[Event]:
        """Every published event as each timeline has it: copies of one event may differ (other quotes, actors)."""
        return [e for events in self.events.values() for e in events]

    def _once(self, wanted) -> list[Event]:
        found: dict[str, Event] = {}
        for event in self.all_copies():
            if wanted(event):
                found.setdefault(event.id, event)
        return sorted(found.values(), key=event_key)

    def having(self, kind: str, name: str) -> list[Event]:
        """The events with an actor (kind 'actors') or a tag ('tags'), each once, in date order."""
        return self._once(lambda e: name in (e.actors if kind == "actors" else e.tags))

    def counts(self, kind: str) -> dict[str, int]:
        pairs = {(e.id, name) for e in self.all_copies() for name in (e.actors if kind == "actors" else e.tags)}
        return dict(Counter(name for _, name in pairs))

    def citing(self, source_id: str) -> list[Event]:
        return self._once(lambda e: any(c.source == source_id for c in all_citations(e)))

    def quotes(self, source_id: str) -> list[str]:
        return sorted({c.quote for e in self.all_copies() for c in all_citations(e) if c.source == source_id})

    def versions(self, source_id: str) -> list[str]:
        """Other records of the same article: the one this is a version of, and those that are versions of this."""
        source = self.sources[source_id]
        found = {source.version_of} if source.version_of in self.sources else set()
        found |= {sid for sid, s in self.sources.items() if s.version_of == source_id}
        return sorted(found - {source_id})

    def source_page(self, source_id: str) -> str:
        return f"{self.sources_folder}/{source_id}/"

    def timeline_page(self, timeline: Timeline) -> str:
        return f"timelines/{self.timeline_slugs[timeline.name]}/"

    def event_link(self, event: Event) -> str:
        return f"{self.timeline_page(self.homes[event.id][0])}#{event.id}"


def build_site(name: str, timelines: list[Timeline], sources: dict[str, Source], url: str = "",
               sources_folder: str = "sources") -> Site:
    site = Site(name=name, timelines=sorted(timelines, key=lambda t: t.name), sources=dict(sorted(sources.items())),
                url=url or "", sources_folder=sources_folder.strip("/"))
    site.timeline_slugs = unique_slugs(t.name for t in site.timelines)
    for timeline in site.timelines:
        site.events[timeline.name] = published_events(timeline)
        for event in site.events[timeline.name]:
            site.homes.setdefault(event.id, []).append(timeline)
    site.actors = unique_slugs(a for events in site.events.values() for e in events for a in e.actors)
    site.tags = unique_slugs(t for events in site.events.values() for e in events for t in e.tags)
    return site


def pages(site: Site, with_home: bool = True) -> list[Page]:
    """Every page the plugin adds or takes over, in a fixed order."""
    found = [Page("index.md", "home", site.name)] if with_home else []
    found += [Page(f"{site.timeline_page(t)}index.md", "timeline", t.title, t.name) for t in site.timelines]
    found.append(Page("actors/index.md", "actors", "Actors"))
    found += [Page(f"actors/{slug}/index.md", "actor", name, name) for name, slug in site.actors.items()]
    found.append(Page("tags/index.md", "tags", "Tags"))
    found += [Page(f"tags/{slug}/index.md", "tag", name, name) for name, slug in site.tags.items()]
    found.append(Page(f"{site.sources_folder}/index.md", "sources", "Sources"))
    found += [Page(f"{site.sources_folder}/{sid}.md", "source", s.title, sid) for sid, s in site.sources.items()]
    return found


# --- what the templates need, computed here so they only lay it out ---------------------------------------------

def year_groups(events: list[Event]) -> list[tuple[int, list[Event]]]:
    groups: dict[int, list[Event]] = {}
    for event in events:
        groups.setdefault(event_year(event), []).append(event)
    return list(groups.items())


def extents(events: list[Event]) -> dict[str, tuple[str, str]]:
    """Where each event lies on its timeline's whole span, as CSS percentages (left, width): ranges draw as bars."""
    if not events:
        return {}
    lowers = [e.edtf.lower for e in events if e.edtf.lower != date.min] or [min(e.edtf.upper for e in events)]
    uppers = [e.edtf.upper for e in events if e.edtf.upper != date.max] or [max(e.edtf.lower for e in events)]
    first, last = min(lowers).toordinal(), max(uppers).toordinal()
    total = max(1, last - first + 1)
    found = {}
    for event in events:
        low = max(first, event.edtf.lower.toordinal()) if event.edtf.lower != date.min else first
        high = min(last, event.edtf.upper.toordinal()) if event.edtf.upper != date.max else last
        left = (low - first) / total * 100
        width = max(0.8, (high - low + 1) / total * 100)
        found[event.id] = (f"{min(left, 99.2):.2f}%", f"{min(width, 100 - min(left, 99.2)):.2f}%")
    return found


def span_label(events: list[Event]) -> str:
    if not events:
        return ""
    first = min(event_year(e) for e in events)
    last = max((e.edtf.end or e.edtf.start).year for e in events)
    return str(first) if first == last else f"{first} – {last}"


def marked_paragraphs(text: str, quotes: list[str]) -> list[list[tuple[str, str, bool]]]:
    """The text as paragraphs of tokens: ('text', s, _), ('open', anchor, has_id), ('close', '', _).

    Each quote becomes a <mark> whose first piece carries id=quote_anchor(quote). Quotes that hold one another nest;
    a quote that crosses another's end, or a paragraph break, is closed and reopened as a piece without the id.
    """
    spans = {}
    for q in quotes:
        start = text.find(q) if q else -1
        if start >= 0:
            spans.setdefault(quote_anchor(q), (start, start + len(q)))
    order = sorted(spans.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    cuts = sorted({0, len(text)} | {p for _, s in order for p in s} | {p for b in breaks for p in b})
    paragraphs: list[list[tuple[str, str, bool]]] = [[]]
    stack: list[str] = []
    opened: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        current = paragraphs[-1]
        if any(start <= a and b <= end for start, end in breaks):
            current.extend(("close", "", False) for _ in stack)
            stack = []
            paragraphs.append([])
            continue
        wanted = [anchor for anchor, (start, end) in order if start <= a and b <= end]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        current.extend(("close", "", False) for _ in stack[keep:])
        for anchor in wanted[keep:]:
            current.append(("open", anchor, anchor not in opened))
            opened.add(anchor)
        stack = wanted
        current.append(("text", text[a:b], False))
    paragraphs[-1].extend(("close", "", False) for _ in stack)
    return [p for p in paragraphs if p]


def split_anchors(paragraphs) -> list[str]:
    """Anchors of quotes drawn in several pieces: the page's CSS highlights every piece when the first is targeted."""
    pieces: dict[str, int] = {}
    for paragraph in paragraphs:
        for kind, anchor, _ in paragraph:
            if kind == "open":
                pieces[anchor] = pieces.get(anchor, 0) + 1
    return sorted(a for a, n in pieces.items() if n > 1)


def date_label(value: str | None) -> str:
    return EdtfDate.parse(value).label() if value else "unknown"


def html_datetime(value) -> str | None:
    """The value of a <time datetime> for dates HTML can express (a plain day, month or year); None otherwise."""
    edtf = EdtfDate.parse(value)
    return edtf.text if edtf.precision in ("day", "month", "year") and not edtf.uncertain else None


def host(url: str) -> str:
    return urlsplit(url).hostname or url


def sources_by_date(site: Site) -> list[Source]:
    """Oldest first; articles with no known date last."""
    def key(source: Source):
        known = source.published or source.published_inferred
        return (0, EdtfDate.parse(known).sort_key(), source.id) if known else (1, (), source.id)
    return sorted(site.sources.values(), key=key)


# --- HTML -------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(label=lambda value: EdtfDate.parse(value).label(), date_label=date_label,
                       anchor=quote_anchor, clickable=clickable_url, host=host, html_datetime=html_datetime)
    env.globals.update(EXPORTS=EXPORTS)
    return env


def render_page(site: Site, page: Page) -> str:
    """The HTML of one page; links are relative, so the site works from any folder or host path."""
    base = "../" * page.url.count("/")

    def link(path: str) -> str:
        return base + quote(path, safe="/#-._~")

    context = {"site": site, "page": page, "link": link}
    if page.kind == "home":
        context.update(spans={t.name: span_label(site.events[t.name]) for t in site.timelines})
    elif page.kind == "timeline":
        timeline = next(t for t in site.timelines if t.name == page.key)
        events = site.events[timeline.name]
        context.update(timeline=timeline, events=events, years=year_groups(events), extents=extents(events),
                       span=span_label(events), actors=sorted({a for e in events for a in e.actors}),
                       tags=sorted({t for e in events for t in e.tags}))
    elif page.kind in ("actor", "tag"):
        events = site.having(page.kind + "s", page.key)
        context.update(events=events, years=year_groups(events))
    elif page.kind == "source":
        paragraphs = marked_paragraphs(site.sources[page.key].text, site.quotes(page.key))
        context.update(source=site.sources[page.key], paragraphs=paragraphs, split=split_anchors(paragraphs),
                       citing=site.citing(page.key), versions=site.versions(page.key))
    elif page.kind in ("actors", "tags"):
        slugs, counts = (site.actors if page.kind == "actors" else site.tags), site.counts(page.kind)
        context.update(folder=page.kind, names=[(name, slug, counts.get(name, 0)) for name, slug in slugs.items()])
    elif page.kind == "sources":
        context.update(rows=[(source, site.citing(source.id)) for source in sources_by_date(site)])
    return environment().get_template(TEMPLATE[page.kind]).render(context)


def toc_years(site: Site, page: Page) -> list[int]:
    """Years of a timeline page, for the table of contents beside it."""
    return [year for year, _ in year_groups(site.events[page.key])] if page.kind == "timeline" else []


# --- exports ----------------------------------------------------------------------------------------------------

def event_text_html(site: Site, event: Event, base: str) -> str:
    """An event's summary and citations as an escaped HTML fragment, for TimelineJS slides and Atom entries."""
    def link(path: str) -> str:
        return base + quote(path, safe="/#-._~")

    return environment().get_template("event_text.html").render(site=site, event=event, link=link).strip()


def _tjs_point(point, end_side: bool) -> dict:
    if point.day is not None:
        return {"year": point.year, "month": point.month, "day": point.day}
    if point.month is None:
        return {"year": point.year}
    if point.month > 12:  # a season: TimelineJS knows months only
        first, last = SEASON_MONTHS[point.month]
        if end_side:
            return {"year": point.year + 1 if last < first else point.year, "month": last}
        return {"year": point.year, "month": first}
    return {"year": point.year, "month": point.month}


def timelinejs(site: Site, timeline: Timeline) -> dict:
    """TimelineJS 3 JSON: one slide per published event; every text is HTML-escaped, since TimelineJS shows HTML."""
    base = "../../"  # the JSON sits in the timeline's folder; links are resolved from the page that loads it
    slides = []
    for event in site.events[timeline.name]:
        edtf = event.edtf
        slide = {"start_date": _tjs_point(edtf.start or edtf.end, end_side=False), "unique_id": event.id,
                 "display_date": edtf.label(),
                 "text": {"headline": str(escape(event.title)),
                          "text": event_text_html(site, event, base)}}
        end = edtf.end if edtf.is_interval else (edtf.start if edtf.precision == "season" else None)
        if end is not None:
            slide["end_date"] = _tjs_point(end, end_side=True)
        if event.tags:
            slide["group"] = str(escape(event.tags[0]))
        slides.append(slide)
    return {"title": {"text": {"headline": str(escape(timeline.title)), "text": str(escape(timeline.description))}},
            "events": slides}


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(site: Site, timeline: Timeline) -> str:
    """An Atom 1.0 feed of a timeline's events. `updated` is each event's own (earliest) date, not the build time,
    so two builds of the same timelines give the same bytes."""
    events = site.events[timeline.name]
    page = site.timeline_page(timeline)
    address = (site.url.rstrip("/") + "/" + page) if site.url else "./"
    entries = []
    for event in events:
        when = event.edtf.lower if event.edtf.lower != date.min else event.edtf.upper
        entries.append({"event": event, "updated": _stamp(when), "link": f"{address}#{event.id}",
                        "id": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"news-timeline:event:{event.id}")),
                        "content": event_text_html(site, event, site.url.rstrip("/") + "/" if site.url else "../../")})
    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
    return environment().get_template("feed.xml").render(
        site=site, timeline=timeline, entries=entries, updated=updated, address=address,
        self_link=f"{address}{EXPORTS['atom']}" if site.url else EXPORTS["atom"],
        id="urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"news-timeline:timeline:{timeline.name}")))


def _ical_text(text: str) -> str:
    # Some calendar programs show DESCRIPTION as HTML: angle brackets become look-alike quotes so no tag survives.
    text = text.replace("<", "‹").replace(">", "›")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space, never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def icalendar(site: Site, timeline: Timeline) -> str:
    """An iCalendar (RFC 5545) file of the events dated to the day; DTSTAMP is the event's day, not the build time."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//news-timeline//render//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ical_text(timeline.title)}"]
    page = (site.url.rstrip("/") + "/" + site.timeline_page(timeline)) if site.url else ""
    for event in site.events[timeline.name]:
        edtf = event.edtf
        if not (edtf.start and edtf.end and edtf.start.day is not None and edtf.end.day is not None):
            continue
        sources = [site.sources[c.source] for c in event.citations if c.source in site.sources]
        description = "\n".join(filter(None, [event.summary] + [
            f"{s.publisher or 'unknown publisher'}: {s.title}" + (f" {clickable_url(s.url)}" if clickable_url(s.url) else "")
            for s in sources]))
        title = event.title + (" (uncertain)" if edtf.uncertain else "")
        lines += ["BEGIN:VEVENT", f"UID:{event.id}@news-timeline", f"DTSTAMP:{edtf.lower:%Y%m%d}T000000Z",
                  f"DTSTART;VALUE=DATE:{edtf.lower:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{date.fromordinal(edtf.upper.toordinal() + 1):%Y%m%d}",
                  f"SUMMARY:{_ical_text(title)}"]
        if description:
            lines.append(f"DESCRIPTION:{_ical_text(description)}")
        if page:
            lines.append(f"URL:{page}#{event.id}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def exports(site: Site) -> dict[str, str]:
    """Files written beside the pages, by path under the site folder."""
    found = {}
    for timeline in site.timelines:
        folder = site.timeline_page(timeline)
        found[folder + EXPORTS["timelinejs"]] = json.dumps(timelinejs(site, timeline), indent=2, ensure_ascii=False,
                                                           sort_keys=True) + "\n"
        found[folder + EXPORTS["atom"]] = atom_feed(site, timeline)
        found[folder + EXPORTS["ical"]] = icalendar(site, timeline)
    return found
