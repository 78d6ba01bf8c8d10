"""The shared model every stage passes along: sources, temporal expressions, events, EDTF dates."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import total_ordering
from typing import NamedTuple

SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# Northern-hemisphere meteorological seasons: (first month, last month); winter runs into the next year.
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
MONTH_NAMES = list(calendar.month_name)

_POINT = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qual>[?~%])?$", re.ASCII)


class EdtfError(ValueError):
    """A string that is not an EDTF date of the subset this project writes."""


@dataclass(frozen=True)
class _Point:
    year: int
    month: int | None
    day: int | None
    qualifier: str  # "", "?", "~" or "%"

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is None:
            return "year"
        return "season" if self.month > 12 else "month"

    def bounds(self) -> tuple[date, date]:
        if self.day is not None:
            d = date(self.year, self.month, self.day)
            return d, d
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.month > 12:
            first, last = SEASON_MONTHS[self.month]
            end_year = self.year + 1 if last < first else self.year
            return date(self.year, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
        return date(self.year, self.month, 1), date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def label(self) -> str:
        if self.day is not None:
            text = f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
        elif self.month is None:
            text = str(self.year)
        elif self.month > 12:
            text = f"{SEASONS[self.month]} {self.year}"
        else:
            text = f"{MONTH_NAMES[self.month]} {self.year}"
        if self.qualifier in ("?", "%"):
            text += " (uncertain)"
        if self.qualifier in ("~", "%"):
            text = "about " + text
        return text


def _parse_point(text: str) -> _Point:
    m = _POINT.match(text)
    if not m:
        raise EdtfError(f"'{text}' is not an EDTF date (write YYYY, YYYY-MM, YYYY-MM-DD, YYYY-21..24 for a season)")
    year, month, day = int(m["year"]), m["month"], m["day"]
    month = int(month) if month else None
    day = int(day) if day else None
    if month is not None and not (1 <= month <= 12 or month in SEASONS):
        raise EdtfError(f"'{text}' has month {month:02d}: use 01-12, or 21-24 for spring, summer, autumn, winter")
    if day is not None:
        if month > 12:
            raise EdtfError(f"'{text}' gives a day inside a season")
        try:
            date(year, month, day)
        except ValueError:
            raise EdtfError(f"'{text}' is not a real day ({MONTH_NAMES[month]} {year} has "
                            f"{calendar.monthrange(year, month)[1]} days)") from None
    point = _Point(year, month, day, m["qual"] or "")
    try:
        point.bounds()
    except ValueError:  # year 0000, or a winter that runs into year 10000: Python's calendar has neither
        raise EdtfError(f"'{text}' is outside the years 0001 to 9999") from None
    return point


@total_ordering
@dataclass(frozen=True)
class EdtfDate:
    """A date at its true precision, written as an EDTF string: a day, month, season, year, or an interval.

    Open interval ends are written '..' ("../2024-10-01"). Qualifiers '?' (uncertain), '~' (approximate)
    and '%' (both) follow a point.
    """

    text: str
    start: _Point | None = field(compare=False, repr=False)
    end: _Point | None = field(compare=False, repr=False)

    @classmethod
    def parse(cls, text: object) -> EdtfDate:
        if isinstance(text, date):
            text = text.isoformat()
        if isinstance(text, int):
            text = str(text)
        if not isinstance(text, str) or not text.strip():
            raise EdtfError(f"{text!r} is not an EDTF date string")
        text = text.strip()
        if "/" in text:
            left, _, right = text.partition("/")
            start = None if left in ("", "..") else _parse_point(left)
            end = None if right in ("", "..") else _parse_point(right)
            if start is None and end is None:
                raise EdtfError(f"'{text}' is an interval open at both ends")
            if start and end and start.bounds()[0] > end.bounds()[1]:
                raise EdtfError(f"'{text}' is an interval that ends before it starts")
            return cls(text, start, end)
        point = _parse_point(text)
        return cls(text, point, point)

    @property
    def is_interval(self) -> bool:
        return self.start is not self.end

    @property
    def precision(self) -> str:
        return "interval" if self.is_interval else self.start.precision

    @property
    def uncertain(self) -> bool:
        return any(p and p.qualifier for p in (self.start, self.end))

    @property
    def lower(self) -> date:
        return self.start.bounds()[0] if self.start else date.min

    @property
    def upper(self) -> date:
        return self.end.bounds()[1] if self.end else date.max

    def label(self) -> str:
        """How a reader sees the date: '4 November 2024', 'Autumn 2024', '2010 – 2024'."""
        if not self.is_interval:
            return self.start.label()
        left = self.start.label() if self.start else "…"
        right = self.end.label() if self.end else "…"
        return f"{left} – {right}"

    def overlaps(self, other: EdtfDate) -> bool:
        return self.lower <= other.upper and other.lower <= self.upper

    def contains(self, other: EdtfDate) -> bool:
        return self.lower <= other.lower and other.upper <= self.upper

    def compatible(self, other: EdtfDate) -> bool:
        """Two dates can describe the same moment: one holds the other ('2024-11' and '2024-11-04')."""
        return self.contains(other) or other.contains(self)

    def sort_key(self) -> tuple:
        return (self.lower, self.upper, self.text)

    def __lt__(self, other: EdtfDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.text


class Timex(NamedTuple):  # a tuple: the tagger makes thousands per article
    """A temporal expression found in a text, normalized against the document's creation date.

    `value` is the TIMEX3 value ("2024-11-04", "2024-FA", "P7Y", "PRESENT_REF"); `edtf` is the calendar
    date at its true precision, or None when the expression names no calendar date (durations, sets,
    or a relative expression that cannot be resolved because the creation date is unknown); a duration
    counted from the date before it ("two years later") has the date it reaches.
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    edtf: str | None = None
    relative: bool = False  # resolved against the creation date rather than stated in full
    anchor: str = ""  # how it was resolved: "absolute", "dct", "inferred-dct", "previous-date"
    signal: str = ""  # the preposition that introduces it: "on", "in", "until", "since", "by", ...


@dataclass
class Source:
    """One normalized article: clean body text plus the metadata a citation shows."""

    id: str
    title: str
    text: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # EDTF day (or coarser) the article gives; None when unknown
    published_from: str = "unknown"  # header, html-meta, dateline, text, url, filename, editor, unknown
    published_inferred: str | None = None  # EDTF with '?' when inferred from the text's tenses
    inferred_evidence: list[str] = field(default_factory=list)
    input: str | None = None  # the raw file it was ingested from
    version_of: str | None = None  # another source with the same canonical URL
    captions: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def creation_date(self) -> str | None:
        """The date relative expressions resolve against: stated, else inferred (uncertain), else None."""
        return self.published or self.published_inferred

    @property
    def in_english(self) -> bool:
        """Whether extraction reads it: the tagger and the word lists are English ("en", "en-GB")."""
        return self.language.lower().startswith("en")


@dataclass
class Citation:
    source: str
    quote: str


@dataclass
class Event:
    """An event on a timeline, as stored in timelines/*.yml."""

    id: str
    date: str
    title: str
    citations: list[Citation] = field(default_factory=list)
    summary: str | None = None
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    provenance: str = "extracted"  # extracted, edited, manual, reviewed
    status: str = "active"  # active, rejected
    disputed: list[dict] = field(default_factory=list)  # other versions: {date, note, citations}

    @property
    def edtf(self) -> EdtfDate:
        return EdtfDate.parse(self.date)
