"""Cross-article grouping: mentions of the same event in several articles become one event citing them all."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from .extract import Mention
from .model import Citation, EdtfDate, Event

APPROXIMATE_DAYS = timedelta(days=3)
DISPUTE_WINDOW_DAYS = 31  # same story, dates this close but different: the sources disagree


@dataclass
class _Group:
    members: list[Mention] = field(default_factory=list)
    undated: list[Mention] = field(default_factory=list)  # support from articles that cannot date it

    @property
    def date(self) -> EdtfDate:
        """The most precise member date that fits all the others ('2024-11-04' over '2024')."""
        dates = [EdtfDate.parse(m.date) for m in self.members]
        fitting = [d for d in dates if all(compatible(d, o) for o in dates)] or dates
        return min(fitting, key=lambda d: (d.upper - d.lower, d.uncertain, d.text))


def _overlap(a: list[str], b: list[str]) -> float:
    """Overlap coefficient: long and short sentences about one thing still score high."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def same_event(a: Mention, b: Mention, strict: bool = False) -> bool:
    """Whether two sentences tell the same event: the same kind of happening with the same people or
    place — not merely a shared date."""
    actors = len(set(a.actors) & set(b.actors))
    places = len(set(a.places) & set(b.places))
    kinds = set(a.kinds) & set(b.kinds)
    if strict:
        return bool(kinds) and actors >= 1 and places >= 1
    if a.source == b.source:
        return bool(kinds) or (actors >= 1 and a.date == b.date)  # an article telling its own news again
    if kinds:
        return actors >= 1 or places >= 1
    return actors >= 1 and places >= 1 and _overlap(a.words, b.words) >= 0.3


def compatible(a: EdtfDate, b: EdtfDate) -> bool:
    """Dates that can name the same moment; an approximate day ('2025-12-12~', an article's date used
    for its undated news) reaches back a few days."""
    def widened(d: EdtfDate) -> EdtfDate | tuple:
        if d.precision == "day" and d.text.endswith(("~", "%")):
            return (d.lower - APPROXIMATE_DAYS, d.upper)
        return (d.lower, d.upper)
    (a_lo, a_hi), (b_lo, b_hi) = widened(a), widened(b)
    return (a_lo <= b_lo and b_hi <= a_hi) or (b_lo <= a_lo and a_hi <= b_hi) or (
        a.text.endswith("~") and a_lo <= b_lo <= a_hi) or (b.text.endswith("~") and b_lo <= a_lo <= b_hi)


def _fits(group: _Group, mention: Mention) -> bool:
    date = EdtfDate.parse(mention.date)
    if not all(compatible(date, EdtfDate.parse(m.date)) for m in group.members):
        return False
    return any(same_event(mention, m) for m in group.members)


def _slug(text: str, words: int = 6) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", text)[:words])


def _close(a: EdtfDate, b: EdtfDate) -> bool:
    gap = max(a.lower, b.lower) - min(a.upper, b.upper)
    return gap.days <= DISPUTE_WINDOW_DAYS


def _citations(mentions: list[Mention], order: dict[str, int]) -> list[Citation]:
    """One citation per source: its best sentence for this event."""
    best: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: (-m.score, m.start)):
        best.setdefault(m.source, m)
    return [Citation(m.source, m.quote) for m in sorted(best.values(), key=lambda m: (order.get(m.source, 0), m.source))]


def group_mentions(mentions: list[Mention], source_order: dict[str, int] | None = None) -> list[Event]:
    """Events proposed from all mentions, in date order, with stable ids and one citation per source."""
    order = source_order or {}
    dated = sorted((m for m in mentions if m.date), key=lambda m: (-m.score, m.source, m.start))
    groups: list[_Group] = []
    for mention in dated:
        for group in groups:
            if _fits(group, mention):
                group.members.append(mention)
                break
        else:
            groups.append(_Group([mention]))

    # the same story told with different dates, close together: one event marked as disputed
    disputes: dict[int, list[_Group]] = {}
    absorbed: set[int] = set()
    for i, g in enumerate(groups):
        for j in range(i + 1, len(groups)):
            h = groups[j]
            if j in absorbed or i in absorbed:
                continue
            if {m.source for m in g.members} & {m.source for m in h.members}:
                continue
            if not compatible(g.date, h.date) and _close(g.date, h.date) and any(
                    same_event(a, b, strict=True) for a in g.members for b in h.members):
                disputes.setdefault(i, []).append(h)
                absorbed.add(j)

    # sentences from articles that cannot date them support the event they tell, if any clearly
    for mention in sorted((m for m in mentions if not m.date), key=lambda m: (m.source, m.start)):
        candidates = [(sum(same_event(mention, m) for m in g.members), -i, g)
                      for i, g in enumerate(groups) if i not in absorbed]
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
        date = group.date.text
        base = f"{_slug(date.replace('/', '-to-'), 8)}-{_slug(best.title)}".strip("-")
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
            date=date,
            title=best.title,
            citations=_citations(group.members + group.undated, order),
            actors=sorted(actor_count, key=lambda a: (-actor_count[a], a)),
            tags=sorted(place_count, key=lambda p: (-place_count[p], p)),
            disputed=disputed,
        ))
    return sorted(events, key=lambda e: (e.edtf.sort_key(), e.id))
