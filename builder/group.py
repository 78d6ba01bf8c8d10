"""Cross-article grouping: mentions of the same event in several articles become one event citing them all."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from .extract import Mention, kinds_in, stems
from .model import Citation, EdtfDate, Event

APPROXIMATE_DAYS = timedelta(days=3)
DISPUTE_WINDOW_DAYS = 31  # same story, dates this close but different: the sources disagree
WIDE_MONTHS = 36  # a date spanning more months than this is looked up with every group, not by month
REPEATED_WORDS = 4  # a sentence of this many content words, repeated with its date, is a reprint of one report


@dataclass(frozen=True)
class _Span:
    """A date as compatibility reads it: an approximate day ('2025-12-12~') reaches back a few days."""

    lo: date
    hi: date
    approximate: bool  # '~': a point near the stated one also fits


def _span(d: EdtfDate) -> _Span:
    lo = d.lower
    if d.precision == "day" and d.text.endswith(("~", "%")):
        lo = lo - APPROXIMATE_DAYS
    return _Span(lo, d.upper, d.text.endswith("~"))


def _spans_compatible(a: _Span, b: _Span) -> bool:
    return (a.lo <= b.lo and b.hi <= a.hi) or (b.lo <= a.lo and a.hi <= b.hi) or (
        a.approximate and a.lo <= b.lo <= a.hi) or (b.approximate and b.lo <= a.lo <= b.hi)


def compatible(a: EdtfDate, b: EdtfDate) -> bool:
    """Dates that can name the same moment; an approximate day ('2025-12-12~', an article's date used
    for its undated news) reaches back a few days."""
    return _spans_compatible(_span(a), _span(b))


class _Facts:
    """What comparing a mention needs, computed once per mention rather than once per comparison."""

    __slots__ = ("mention", "date", "span", "actors", "places", "kinds", "words", "keys", "day", "repeat", "lookup")

    def __init__(self, mention: Mention, dates: dict[str, tuple[EdtfDate, _Span]] | None = None):
        self.mention = mention
        self.date, self.span = None, None
        if mention.date:
            if dates is None or mention.date not in dates:
                parsed = EdtfDate.parse(mention.date)
                found = (parsed, _span(parsed))
                if dates is not None:
                    dates[mention.date] = found
            else:
                found = dates[mention.date]
            self.date, self.span = found
        self.actors = frozenset(mention.actors)
        self.places = frozenset(mention.places)
        self.kinds = frozenset(mention.kinds)
        self.words = frozenset(mention.words)
        # same_event needs one of these in common: the same article, a person or a place
        self.keys = (("source", mention.source), *(("actor", a) for a in self.actors), *(("place", p) for p in self.places))
        self.day = _day(self)  # a day the sentence states itself
        # a wire story reprinted: the same words and the same date of the sentence's own, at any precision
        self.repeat = ((mention.date, self.words) if not _borrowed(mention.date) and len(self.words) >= REPEATED_WORDS
                       else None)
        # what a group is looked up by: those, the day (the same story in two papers' words) and the reprint
        self.lookup = (*self.keys, *((("day", mention.date),) if self.day else ()),
                       *((("repeat", *self.repeat),) if self.repeat else ()))


def _overlap(a: list[str] | frozenset, b: list[str] | frozenset) -> float:
    """Overlap coefficient: long and short sentences about one thing still score high."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def _same(a: _Facts, b: _Facts, strict: bool = False) -> bool:
    actors = bool(a.actors & b.actors)
    places = bool(a.places & b.places)
    kinds = bool(a.kinds & b.kinds)
    if strict:
        return kinds and actors and places
    if a.mention.source == b.mention.source:  # an article telling its own news again
        same_date = a.mention.date == b.mention.date
        return kinds and (actors or places or same_date or _borrowed(a.mention.date) or _borrowed(b.mention.date)) or (
            actors and same_date and not _other_kinds(a.kinds, b.kinds))
    if a.repeat is not None and a.repeat == b.repeat:  # a reprint: "before the summer" is no day, yet the same news
        return True
    if kinds:  # (or the same stated day, where neither names a person or a place: "a fire broke out", "the blaze")
        return actors or places or (_same_day(a, b) and not (a.actors or b.actors or a.places or b.places))
    return (actors and (places or _same_day(a, b)) and _overlap(a.words, b.words) >= 0.3) or (
        _same_day(a, b) and _retold(a.words, b.words))


def _other_kinds(a: frozenset, b: frozenset) -> bool:
    """Whether two sentences tell different kinds of happening ("was charged in September", "pleaded not guilty
    in September"): one person on one date is then two events."""
    return bool(a) and bool(b) and a.isdisjoint(b)


def _retold(a: frozenset, b: frozenset) -> bool:
    """Much the same words: a wire story printed by two papers, or one rewritten ("The council voted 7-2 on Tuesday to
    close the library" in each)."""
    shared = len(a & b)
    return shared >= 4 and shared >= 0.6 * min(len(a), len(b))


def _same_day(a: _Facts, b: _Facts) -> bool:
    """Both sentences state the same day ("apologized on Friday", "apologized on March 7")."""
    return a.mention.date == b.mention.date and a.day


def _day(facts: _Facts) -> bool:
    return facts.date is not None and facts.date.precision == "day" and not _borrowed(facts.mention.date)


def _borrowed(date: str | None) -> bool:
    """A sentence with no date of its own: undated, or lent its article's ('2024-11-04~', see extract._around)."""
    return date is None or date.endswith("~")


def same_event(a: Mention, b: Mention, strict: bool = False) -> bool:
    """Whether two sentences tell the same event: the same kind of happening with the same people or
    place — not merely a shared date."""
    return _same(_Facts(a), _Facts(b), strict)


def _event_facts(event: dict) -> list[_Facts]:
    """An event's sentences, each with the event's date, people and places (as an editor may have corrected them)."""
    names = [*event["actors"], *event["tags"]]
    return [_Facts(Mention(source=c["source"], quote=c["quote"], start=0, date=event["date"], title=event["title"],
                           actors=list(event["actors"]), places=list(event["tags"]), words=stems(c["quote"], names),
                           kinds=kinds_in(c["quote"])))
            for c in event["citations"]]


class EventIndex:
    """Events (plain values: date, title, actors, tags, citations) that a new event may tell again, compared by the
    rules sentences are grouped by. Merge keeps the events an editor corrected here (a person added, the date
    fixed): grouping compared sentences with the pipeline's values only. Looked up by what `_same` needs in
    common (an article, a person, a place, a stated day, a reprinted sentence)."""

    def __init__(self, events: dict[str, dict]):
        self.events = {event_id: (EdtfDate.parse(event["date"]), _event_facts(event)) for event_id, event in events.items()}
        self.by_key: dict[tuple, list[str]] = {}
        for event_id, (_, facts) in self.events.items():
            for key in {key for f in facts for key in f.lookup}:
                self.by_key.setdefault(key, []).append(event_id)

    def same_as(self, event: dict) -> str | None:
        """The first event (in the order given) that tells the same event, or None."""
        date, facts = EdtfDate.parse(event["date"]), _event_facts(event)
        order = {event_id: i for i, event_id in enumerate(self.events)}
        found = {event_id for f in facts for key in f.lookup for event_id in self.by_key.get(key, ())}
        for event_id in sorted(found, key=order.get):
            other_date, others = self.events[event_id]
            if compatible(date, other_date) and any(_same(x, y) for x in facts for y in others):
                return event_id
        return None


@dataclass
class _Group:
    members: list[Mention] = field(default_factory=list)
    undated: list[Mention] = field(default_factory=list)  # support from articles that cannot date it
    facts: list[_Facts] = field(default_factory=list)
    spans: dict[str, tuple[EdtfDate, _Span]] = field(default_factory=dict)  # distinct member dates, first seen first
    keys: set = field(default_factory=set)
    lo: date = date.min  # every member's span holds a day in [lo, hi]: a mention that fits overlaps it
    hi: date = date.max
    # what the members tell, indexed so that "does any member tell the same event" is a few set lookups
    kind_keys: set = field(default_factory=set)  # (kind, actor or place)
    source_kinds: set = field(default_factory=set)  # (source, kind)
    source_kind_dates: set = field(default_factory=set)  # (source, kind, date)
    borrowed_kinds: set = field(default_factory=set)  # (source, kind) of members with no date of their own
    source_actor_dates: dict = field(default_factory=dict)  # (source, actor, date) -> the kinds of each such member
    kind_days: dict = field(default_factory=dict)  # (kind, day) -> members that state the day
    actor_places: dict = field(default_factory=dict)  # (actor, place) -> members
    actor_days: dict = field(default_factory=dict)  # (actor, day) -> members that state the day
    days: dict = field(default_factory=dict)  # day -> members that state it
    triples: set = field(default_factory=set)  # (kind, actor, place): what a strict same_event shares
    repeats: dict = field(default_factory=dict)  # (date, words) -> the sources that print that sentence
    _date: EdtfDate | None = None

    def add(self, facts: _Facts) -> None:
        mention = facts.mention
        self.members.append(mention)
        self.facts.append(facts)
        self.spans.setdefault(mention.date, (facts.date, facts.span))
        self.lo, self.hi = max(self.lo, facts.span.lo), min(self.hi, facts.span.hi)
        self._date = None
        named = facts.keys[1:]
        for kind in facts.kinds:
            self.source_kinds.add((mention.source, kind))
            self.source_kind_dates.add((mention.source, kind, mention.date))
            if _borrowed(mention.date):
                self.borrowed_kinds.add((mention.source, kind))
            self.kind_keys.update((kind, key) for key in named)
            self.triples.update((kind, actor, place) for actor in facts.actors for place in facts.places)
        if facts.day:
            self.days.setdefault(mention.date, []).append(facts)
            for kind in facts.kinds:
                self.kind_days.setdefault((kind, mention.date), []).append(facts)
        if facts.repeat is not None:
            self.repeats.setdefault(facts.repeat, set()).add(mention.source)
        for actor in facts.actors:
            self.source_actor_dates.setdefault((mention.source, actor, mention.date), []).append(facts.kinds)
            if facts.day:
                self.actor_days.setdefault((actor, mention.date), []).append(facts)
            for place in facts.places:
                self.actor_places.setdefault((actor, place), []).append(facts)

    def tells_same(self, facts: _Facts) -> bool:
        """any(_same(facts, member) for member in the group), by lookups: a member of another article
        needs a kind and a person or place in common, or (no kind in common) a person, similar words and a
        place or the same stated day, or the same stated day in much the same words, or the same words and date (a
        reprint); a member of the same article a kind and a person, a place or the date (or one of the two
        has no date of its own), or a person on the same date."""
        source, day = facts.mention.source, facts.mention.date
        named = facts.keys[1:]
        same_article = self.source_kinds if _borrowed(day) else self.borrowed_kinds
        for kind in facts.kinds:
            if ((source, kind) in same_article or (source, kind, day) in self.source_kind_dates
                    or any((kind, key) in self.kind_keys for key in named)):
                return True
        if any(not _other_kinds(facts.kinds, kinds) for actor in facts.actors
               for kinds in self.source_actor_dates.get((source, actor, facts.mention.date), ())):
            return True
        if facts.day and not (facts.actors or facts.places) and any(
                other.mention.source != source and not (other.actors or other.places)
                for kind in facts.kinds for other in self.kind_days.get((kind, day), ())):
            return True
        if facts.repeat is not None and self.repeats.get(facts.repeat, {source}) - {source}:
            return True
        for actor in facts.actors:
            # a shared kind would have matched above, so these are _same's last rule
            near = [*(other for place in facts.places for other in self.actor_places.get((actor, place), ())),
                    *(self.actor_days.get((actor, day), ()) if facts.day else ())]
            if any(other.mention.source != source and _overlap(facts.words, other.words) >= 0.3 for other in near):
                return True
        return facts.day and any(other.mention.source != source and _retold(facts.words, other.words)
                                 for other in self.days.get(day, ()))

    def fits(self, facts: _Facts) -> bool:
        if not all(_spans_compatible(facts.span, span) for _, span in self.spans.values()):
            return False
        return self.tells_same(facts)

    @property
    def date(self) -> EdtfDate:
        """The most precise member date that fits all the others ('2024-11-04' over '2024')."""
        if self._date is None:
            dates = [(d, s) for d, s in self.spans.values()]
            fitting = [d for d, s in dates if all(_spans_compatible(s, o) for _, o in dates)] or [d for d, _ in dates]
            self._date = min(fitting, key=lambda d: (d.upper - d.lower, d.uncertain, d.text))
        return self._date


def _months(lo: date, hi: date) -> range | None:
    """Month numbers from lo to hi, or None when the span is too wide to index by month."""
    first, last = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
    return range(first, last + 1) if last - first <= WIDE_MONTHS else None


class _Index:
    """Groups by key (article, person, place) and month, so a mention is compared only with groups it
    could join; 'wide' holds groups whose dates span too many months to list."""

    def __init__(self):
        self.by_month: dict[tuple, list[int]] = {}
        self.wide: dict[tuple, list[int]] = {}
        self.every: dict[tuple, list[int]] = {}

    def add(self, number: int, key: tuple, months: range | None) -> None:
        self.every.setdefault(key, []).append(number)
        if months is None:
            self.wide.setdefault(key, []).append(number)
        else:
            for month in months:
                self.by_month.setdefault((key, month), []).append(number)

    def candidates(self, keys, months: range | None) -> list[int]:
        found: set[int] = set()
        for key in keys:
            if months is None:
                found.update(self.every.get(key, ()))
                continue
            found.update(self.wide.get(key, ()))
            for month in months:
                found.update(self.by_month.get((key, month), ()))
        return sorted(found)


def _slug(text: str, words: int = 6) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", text)[:words])


def _close(a: EdtfDate, b: EdtfDate) -> bool:
    gap = max(a.lower, b.lower) - min(a.upper, b.upper)
    return gap.days <= DISPUTE_WINDOW_DAYS


def _citations(mentions: list[Mention], order: dict[str, int], titled: Mention | None = None) -> list[Citation]:
    """One citation per source: its best sentence for this event; for the source of the title, the sentence
    the title is made from, so that the title is always read from a quote the event shows."""
    best: dict[str, Mention] = {titled.source: titled} if titled else {}
    for m in sorted(mentions, key=lambda m: (-m.score, m.start)):
        best.setdefault(m.source, m)
    return [Citation(m.source, m.quote) for m in sorted(best.values(), key=lambda m: (order.get(m.source, 0), m.source))]


def group_mentions(mentions: list[Mention], source_order: dict[str, int] | None = None) -> list[Event]:
    """Events proposed from all mentions, in date order, with stable ids and one citation per source.

    Each dated mention joins the first group (in order of creation) whose dates it fits and one of
    whose mentions tells the same event; groups are indexed by article, person, place and month, so
    a mention is compared only with groups it could join.
    """
    order = source_order or {}
    dates: dict[str, tuple[EdtfDate, _Span]] = {}
    dated = sorted((m for m in mentions if m.date), key=lambda m: (-m.score, m.source, m.start))
    groups: list[_Group] = []
    index = _Index()
    for mention in dated:
        facts = _Facts(mention, dates)
        span = facts.span
        for number in index.candidates(facts.lookup, _months(span.lo, span.hi)):
            group = groups[number]
            if span.hi >= group.lo and span.lo <= group.hi and group.fits(facts):
                break
        else:
            group, number = _Group(), len(groups)
            groups.append(group)
        group.add(facts)
        months = _months(group.lo, group.hi)  # the group only narrows: its older entries stay true
        for key in facts.lookup:
            if key not in group.keys:
                group.keys.add(key)
                index.add(number, key, months)

    # the same story told with different dates, close together: one event marked as disputed
    disputes: dict[int, list[_Group]] = {}
    absorbed: set[int] = set()
    sources = [{m.source for m in g.members} for g in groups]
    near = _Index()  # by person and month, each group's date widened by the dispute window
    window = timedelta(days=DISPUTE_WINDOW_DAYS)
    for number, group in enumerate(groups):
        d = group.date
        try:
            months = _months(d.lower - window, d.upper + window)
        except OverflowError:
            months = None
        for key in group.keys:
            if key[0] == "actor":  # a strict same_event needs a person in common
                near.add(number, key, months)
    for i, g in enumerate(groups):
        if i in absorbed:
            continue
        actors = [key for key in g.keys if key[0] == "actor"]
        for j in near.candidates(actors, _months(g.date.lower, g.date.upper)):
            if j <= i or j in absorbed:
                continue
            h = groups[j]
            if sources[i] & sources[j]:
                continue
            # a strict same_event between a member of each: a kind, a person and a place in common
            if not compatible(g.date, h.date) and _close(g.date, h.date) and not g.triples.isdisjoint(h.triples):
                disputes.setdefault(i, []).append(h)
                absorbed.add(j)

    # sentences from articles that cannot date them support the event they tell, if any clearly
    # (an undated sentence tells the same event as a member only through a kind and a person or place,
    # a kind told by its own article, or a person and a place in common: groups are indexed by these)
    supported: dict[tuple, set[int]] = {}
    for number, group in enumerate(groups):
        if number not in absorbed:
            for key in (*group.kind_keys, *(("article",) + k for k in group.source_kinds), *group.actor_places):
                supported.setdefault(key, set()).add(number)
    for mention in sorted((m for m in mentions if not m.date), key=lambda m: (m.source, m.start)):
        facts = _Facts(mention)
        named = facts.keys[1:]
        keys = [(kind, key) for kind in facts.kinds for key in named]
        keys += [("article", mention.source, kind) for kind in facts.kinds]
        keys += [(actor, place) for actor in facts.actors for place in facts.places]
        numbers = sorted(set().union(*(supported.get(key, ()) for key in keys)))
        candidates = [(sum(_same(facts, other) for other in groups[i].facts), -i, groups[i]) for i in numbers]
        candidates = [c for c in candidates if c[0] > 0]
        if candidates:
            max(candidates, key=lambda c: (c[0], c[1]))[2].undated.append(mention)

    events: list[Event] = []
    used_ids: Counter = Counter()
    for i, group in enumerate(groups):
        if i in absorbed:
            continue
        best = max(group.members, key=lambda m: (m.date == group.date.text, m.score, -m.start, m.source))
        actor_count = Counter(a for m in group.members + group.undated for a in m.actors)
        place_count = Counter(p for m in group.members + group.undated for p in m.places)
        date_text = group.date.text
        base = f"{_slug(date_text.replace('/', '-to-'), 8)}-{_slug(best.title)}".strip("-")
        used_ids[base] += 1
        event_id = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
        disputed = []
        for other in disputes.get(i, []):
            disputed.append({
                "date": other.date.text,
                "note": f"{len({m.source for m in other.members})} source(s) give {other.date.label()}",
                "citations": [{"source": c.source, "quote": c.quote} for c in _citations(other.members, order)],
            })
        events.append(Event(
            id=event_id,
            date=date_text,
            title=best.title,
            citations=_citations(group.members + group.undated, order, best),
            actors=sorted(actor_count, key=lambda a: (-actor_count[a], a)),
            tags=sorted(place_count, key=lambda p: (-place_count[p], p)),
            disputed=disputed,
        ))
    return sorted(events, key=lambda e: (e.edtf.sort_key(), e.id))
