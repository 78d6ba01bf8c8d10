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
from markupsafe import Markup, escape

from .model import MONTH_NAMES, SEASON_MONTHS, Citation, EdtfDate, Event, Source
from .timelines import Timeline

TEMPLATES = Path(__file__).parent / "templates"
THEME = TEMPLATES / "theme"  # CSS and script MkDocs copies into the site as theme files
ASSETS = ["assets/timeline/timeline.css", "assets/timeline/timeline.js"]
TEMPLATE = {"home": "home.html", "timeline": "timeline.html", "actor": "listing.html", "tag": "listing.html",
            "actors": "names.html", "tags": "names.html", "sources": "sources.html", "source": "source.html",
            "event": "event_sources.html"}
EXPORTS = {"timelinejs": "timeline.json", "atom": "feed.xml", "ical": "calendar.ics"}
CLICKABLE_SCHEMES = ("http", "https")
# The most events (or articles) one page lists. A longer list gets an overview page and a page per year; a year
# longer than this a page per month; a month longer than this numbered pages. Shorter lists stay on one page.
PAGE_LIMIT = 150
FILTER_LIMIT = 40  # the most actor and tag filters a timeline page offers: the names with the most events there
CITATION_LIMIT = 5  # the most citations an event's card shows on an actor or tag page
# the most an event's card shows on its timeline: an event reported by more articles gets a page of all its sources,
# so that no timeline page grows with the number of articles that report one event
CARD_CITATIONS = 20
# where a template's indexed part ends: all that follows is kept out of the search index (data-search-exclude),
# so the search plugin need not read it (on an actor's, a tag's or an article's page, nearly all of it)
SEARCH_END = "<!--timeline:search-end-->"
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


def filed_date(edtf: EdtfDate) -> date:
    """The day an event or article is filed under on year and month pages: where its (first) stated date begins."""
    return (edtf.start or edtf.end).bounds()[0]


def all_citations(event: Event) -> list[Citation]:
    return event.citations + [Citation(str(c.get("source")), str(c.get("quote")))
                              for d in event.disputed for c in d.get("citations") or []]


@dataclass
class Part:
    """One page of a list of events or articles: the whole list (path ""), a year, a month, or a numbered page.

    `items` are every item at or under it; a part with `parts` is an overview of the pages under it, one without
    shows its items.
    """

    path: str  # under the list's own folder: "", "2024/", "2024/03/", "2024/03/2/", "undated/"
    label: str  # "", "2024", "March 2024", "March 2024, page 2 of 3", "Date unknown"
    items: list
    parts: list[Part] = field(default_factory=list)

    def leaves(self) -> list[Part]:
        """The pages that show items, in order."""
        return [leaf for part in self.parts for leaf in part.leaves()] if self.parts else [self]

    def walk(self) -> list[Part]:
        """This part and every part under it, each overview before the pages it lists."""
        return [self] + [below for part in self.parts for below in part.walk()]

    @property
    def anchor(self) -> str:
        """The id of this part's entry on the overview that lists it: 'p-2024', 'p-2024-03-2', 'p-undated'."""
        return "p-" + self.path.strip("/").replace("/", "-")


@dataclass
class PartLinks:
    """Where a reader goes from one page of a split list: the overview above it, and the pages before and after it
    (for a page that shows items, the neighbouring such pages, so following 'next' reads the whole list in order; for
    an overview, its neighbours on the overview above)."""

    previous: Part | None = None
    up: Part | None = None
    next: Part | None = None


def part_links(root: Part) -> dict[str, PartLinks]:
    """PartLinks for every part of a split list, by its path."""
    found = {root.path: PartLinks()}
    for overview in root.walk():
        for part in overview.parts:
            found[part.path] = PartLinks(up=overview)
        for before, after in zip(overview.parts, overview.parts[1:]):
            if before.parts:
                found[before.path].next = after
            if after.parts:
                found[after.path].previous = before
    leaves = root.leaves() if root.parts else []
    for before, after in zip(leaves, leaves[1:]):
        found[before.path].next, found[after.path].previous = after, before
    return found


def _grouped(items: list, key) -> list[tuple]:
    """Items by key, each group in the list's order, the groups by key with None last."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda pair: (pair[0] is None, pair[0] or 0))


def _numbered(path: str, label: str, items: list, limit: int) -> list[Part]:
    chunks = [items[i:i + limit] for i in range(0, len(items), limit)] or [[]]
    if len(chunks) == 1:
        return [Part(path, label, items)]
    return [Part(path if n == 1 else f"{path}{n}/", f"{label}, page {n} of {len(chunks)}", chunk)
            for n, chunk in enumerate(chunks, start=1)]


def split_list(items: list, filed, limit: int = PAGE_LIMIT) -> Part:
    """A list in display order as pages of at most `limit` items (see PAGE_LIMIT); `filed(item)` is the day it is
    filed under, or None for 'Date unknown' (last). A short list is one page, exactly as it always was."""
    root = Part("", "", items)
    if len(items) <= limit:
        return root
    for year, members in _grouped(items, lambda item: (day := filed(item)) and day.year):
        if year is None:
            root.parts += _numbered("undated/", "Date unknown", members, limit)
        elif len(members) <= limit:
            root.parts.append(Part(f"{year}/", str(year), members))
        else:
            months = [page for month, of_month in _grouped(members, lambda item: filed(item).month)
                      for page in _numbered(f"{year}/{month:02d}/", f"{MONTH_NAMES[month]} {year}", of_month, limit)]
            root.parts.append(Part(f"{year}/", str(year), members, months))
    return root


def _event_filed(event: Event) -> date:
    return filed_date(event.edtf)


def _source_filed(source: Source) -> date | None:
    known = source.published or source.published_inferred
    return filed_date(EdtfDate.parse(known)) if known else None


@dataclass
class Page:
    """One page the render stage writes: `kind` names its template, `key` what it shows, `part` which page of a
    long list (None for pages that are not lists)."""

    src_uri: str
    kind: str  # home, timeline, actors, actor, tags, tag, sources, source
    title: str  # the page's own title: "NATO and Germany" on a timeline's first page, "NATO and Germany: 2024" on its year
    key: str = ""
    part: Part | None = None
    name: str = ""  # the title of the whole list a part belongs to ("NATO and Germany")

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md").removesuffix(".md") + ("/" if self.kind == "source" else "")


@dataclass
class Site:
    """Everything a build publishes, computed once per build from the timelines and source records: the lookups
    every page needs are built here in one pass, so rendering a page never scans the whole site."""

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
    # "actors" or "tags" -> name -> its events, each once (the first timeline's copy), in date order
    named: dict[str, dict[str, list[Event]]] = field(default_factory=dict)
    cited_by: dict[str, list[Event]] = field(default_factory=dict)  # source id -> events citing it, each once
    quoted: dict[str, list[str]] = field(default_factory=dict)  # source id -> the quotes taken from it
    versions_of: dict[str, list[str]] = field(default_factory=dict)  # source id -> records that are versions of it
    splits: dict[tuple[str, str], Part] = field(default_factory=dict)  # (page kind, key) -> the pages of a list
    links: dict[tuple[str, str], dict[str, PartLinks]] = field(default_factory=dict)  # (kind, key) -> part path -> links
    places: dict[tuple[str, str], str] = field(default_factory=dict)  # (timeline, event id) -> page with its card
    extents: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # timeline -> event id -> bar
    widely_cited: dict[str, Event] = field(default_factory=dict)  # event id -> its copy, for events over CARD_CITATIONS

    def all_copies(self) -> list[Event]:
        """Every published event as each timeline has it: copies of one event may differ (other quotes, actors)."""
        return [e for events in self.events.values() for e in events]

    def having(self, kind: str, name: str) -> list[Event]:
        """The events with an actor (kind 'actors') or a tag ('tags'), each once, in date order."""
        return self.named[kind].get(name, [])

    def counts(self, kind: str) -> dict[str, int]:
        return {name: len(events) for name, events in self.named[kind].items()}

    def citing(self, source_id: str) -> list[Event]:
        return self.cited_by.get(source_id, [])

    def quotes(self, source_id: str) -> list[str]:
        return self.quoted.get(source_id, [])

    def versions(self, source_id: str) -> list[str]:
        """Other records of the same article: the one this is a version of, and those that are versions of this."""
        source = self.sources[source_id]
        found = {source.version_of} if source.version_of in self.sources else set()
        found |= set(self.versions_of.get(source_id, ()))
        return sorted(found - {source_id})

    def source_page(self, source_id: str) -> str:
        return f"{self.sources_folder}/{source_id}/"

    def timeline_page(self, timeline: Timeline) -> str:
        return self.list_page("timeline", timeline.name)

    def list_page(self, kind: str, key: str) -> str:
        """The folder of a list's first (or only) page: a timeline, an actor, a tag, or the sources."""
        if kind == "timeline":
            return f"timelines/{self.timeline_slugs[key]}/"
        if kind in ("actor", "tag"):
            return f"{kind}s/{(self.actors if kind == 'actor' else self.tags)[key]}/"
        return f"{self.sources_folder}/"

    def event_page(self, timeline: Timeline, event: Event) -> str:
        """The page of `timeline` that shows the event's card (its year's page when the timeline is split)."""
        return self.places[(timeline.name, event.id)]

    def event_link(self, event: Event) -> str:
        return f"{self.event_page(self.homes[event.id][0], event)}#{event.id}"

    def sources_page(self, event: Event) -> str | None:
        """The page listing every source of an event that more articles report than its card shows."""
        return f"events/{event.id}/" if event.id in self.widely_cited else None


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

    # One pass over every copy: a name or a source lists an event once, as the first copy that has it shows it.
    named: dict[str, dict[str, dict[str, Event]]] = {"actors": {}, "tags": {}}
    citing: dict[str, dict[str, Event]] = {}
    quoted: dict[str, set[str]] = {}
    for event in site.all_copies():
        for kind, names in (("actors", event.actors), ("tags", event.tags)):
            for name in names:
                named[kind].setdefault(name, {}).setdefault(event.id, event)
        citations = all_citations(event)
        for citation in citations:
            citing.setdefault(citation.source, {}).setdefault(event.id, event)
            quoted.setdefault(citation.source, set()).add(citation.quote)
        if len(citations) > CARD_CITATIONS:
            site.widely_cited.setdefault(event.id, event)
    site.named = {kind: {name: sorted(found.values(), key=event_key) for name, found in by_name.items()}
                  for kind, by_name in named.items()}
    site.cited_by = {source_id: sorted(found.values(), key=event_key) for source_id, found in citing.items()}
    site.quoted = {source_id: sorted(quotes) for source_id, quotes in quoted.items()}
    for source in site.sources.values():
        if source.version_of:
            site.versions_of.setdefault(source.version_of, []).append(source.id)

    # Every long list is split the same way; an event's card lives on one page of each timeline that has it.
    lists = [("timeline", t.name, site.events[t.name], _event_filed) for t in site.timelines]
    lists += [(kind[:-1], name, events, _event_filed) for kind in ("actors", "tags") for name, events in site.named[kind].items()]
    lists.append(("sources", "", sources_by_date(site), _source_filed))
    for kind, key, items, filed in lists:
        split = site.splits[(kind, key)] = split_list(items, filed)
        site.links[(kind, key)] = part_links(split)
    for timeline in site.timelines:
        folder = site.timeline_page(timeline)
        for part in site.splits[("timeline", timeline.name)].leaves():
            for event in part.items:
                site.places[(timeline.name, event.id)] = folder + part.path
        site.extents[timeline.name] = extents(site.events[timeline.name])
    return site


def pages(site: Site, with_home: bool = True) -> list[Page]:
    """Every page the plugin adds or takes over, in a fixed order: a long list gives its overview, then its parts."""
    def parts(kind: str, key: str, title: str) -> list[Page]:
        folder = site.list_page(kind, key)
        return [Page(f"{folder}{part.path}index.md", kind, f"{title}: {part.label}" if part.label else title, key, part,
                     title) for part in site.splits[(kind, key)].walk()]

    found = [Page("index.md", "home", site.name)] if with_home else []
    for timeline in site.timelines:
        found += parts("timeline", timeline.name, timeline.title)
    found.append(Page("actors/index.md", "actors", "Actors"))
    for name in site.actors:
        found += parts("actor", name, name)
    found.append(Page("tags/index.md", "tags", "Tags"))
    for name in site.tags:
        found += parts("tag", name, name)
    found += parts("sources", "", "Sources")
    found += [Page(f"{site.sources_folder}/{sid}.md", "source", s.title, sid) for sid, s in site.sources.items()]
    found += [Page(f"{site.sources_page(event)}index.md", "event", event.title, event.id)
              for event in site.widely_cited.values()]
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


def frequent_names(events: list[Event], kind: str, limit: int = FILTER_LIMIT) -> tuple[list[str], bool]:
    """The `limit` actors (kind 'actors') or tags with the most of these events, by name; and whether any were left out."""
    counts = Counter(name for e in events for name in (e.actors if kind == "actors" else e.tags))
    kept = sorted(counts, key=lambda name: (-counts[name], name))[:limit]
    return sorted(kept), len(counts) > limit


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


def counted(number: int, noun: str) -> str:
    """'1 event', '6,082 events'."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


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
                       anchor=quote_anchor, clickable=clickable_url, host=host, html_datetime=html_datetime,
                       counted=counted)
    env.globals.update(EXPORTS=EXPORTS, FILTER_LIMIT=FILTER_LIMIT, CITATION_LIMIT=CITATION_LIMIT,
                       CARD_CITATIONS=CARD_CITATIONS, SEARCH_END=Markup(SEARCH_END))
    return env


def render_page(site: Site, page: Page) -> tuple[str, str]:
    """The HTML of one page, and the part of it search indexes (all of it, or what comes before SEARCH_END in the
    template, where the rest is data-search-exclude); links are relative, so the site works from any folder or host path."""
    base = "../" * page.url.count("/")

    def link(path: str) -> str:
        return base + quote(path, safe="/#-._~")

    context = {"site": site, "page": page, "link": link}
    if page.part is not None:
        whole = site.splits[(page.kind, page.key)]
        context.update(part=page.part, folder=site.list_page(page.kind, page.key), total=len(whole.items),
                       links=site.links[(page.kind, page.key)][page.part.path])
    if page.kind == "home":
        context.update(spans={t.name: span_label(site.events[t.name]) for t in site.timelines})
    elif page.kind == "timeline":
        timeline = next(t for t in site.timelines if t.name == page.key)
        events = page.part.items
        actors, more_actors = frequent_names(events, "actors")
        tags, more_tags = frequent_names(events, "tags")
        context.update(timeline=timeline, events=events, extents=site.extents[timeline.name],
                       years=[] if page.part.parts else year_groups(events),
                       span="" if page.part.path else span_label(events), actors=actors, tags=tags,
                       more_names=more_actors or more_tags)
    elif page.kind in ("actor", "tag"):
        events = page.part.items
        context.update(events=events, years=[] if page.part.parts else year_groups(events))
    elif page.kind == "source":
        paragraphs = marked_paragraphs(site.sources[page.key].text, site.quotes(page.key))
        context.update(source=site.sources[page.key], paragraphs=paragraphs, split=split_anchors(paragraphs),
                       citing=site.citing(page.key), versions=site.versions(page.key))
    elif page.kind in ("actors", "tags"):
        slugs, counts = (site.actors if page.kind == "actors" else site.tags), site.counts(page.kind)
        context.update(folder=page.kind, names=[(name, slug, counts.get(name, 0)) for name, slug in slugs.items()])
    elif page.kind == "event":
        event = site.widely_cited[page.key]
        context.update(event=event, count=len(all_citations(event)))
    elif page.kind == "sources":
        context.update(rows=[(source, [] if page.part.parts else site.citing(source.id)) for source in page.part.items])
    html = environment().get_template(TEMPLATE[page.kind]).render(context)
    head, end, tail = html.partition(SEARCH_END)
    return (head + tail, head) if end else (html, html)


def toc(site: Site, page: Page) -> list[tuple[str, str]]:
    """The table of contents beside a page, as (id, label): a timeline page's years; an overview's pages."""
    if page.part is not None and page.part.parts:
        return [(part.anchor, part.label) for part in page.part.parts]
    if page.kind == "timeline":
        return [(f"y-{year}", str(year)) for year, _ in year_groups(page.part.items)]
    return []


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
        card = address + site.event_page(timeline, event).removeprefix(page)  # its year's page when split
        entries.append({"event": event, "updated": _stamp(when), "link": f"{card}#{event.id}",
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
    data = line.encode("utf-8")
    out, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the cut goes before its character
            cut -= 1
        out.append(data[start:cut].decode("utf-8"))
        start, limit = cut, 74  # a continuation line starts with a space
    out.append(data[start:].decode("utf-8"))
    return "\r\n ".join(out)


def icalendar(site: Site, timeline: Timeline) -> str:
    """An iCalendar (RFC 5545) file of the events dated to the day; DTSTAMP is the event's day, not the build time."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//news-timeline//render//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ical_text(timeline.title)}"]
    address = site.url.rstrip("/") + "/" if site.url else ""
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
        if address:
            lines.append(f"URL:{address}{site.event_page(timeline, event)}#{event.id}")
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
