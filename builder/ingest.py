"""Ingest: raw articles (.txt, .md, .html) become source records under content/sources/, hand edits kept.

Each input is read by the reader for its format (trafilatura for HTML, Python-Markdown for Markdown,
the lines as they are for plain text); all three hand their lines to one analysis that drops page
furniture, sets captions apart and finds the headline, URL, publisher and publication date. What the
analysis knows about news pages is data: `data/ingest.yml` (furniture lines, caption and date words)
and `data/publishers.yml` (domain → publisher).

Every input is read and checked before anything is written, and all records plus the state file are
written in one step. The state file `<sources>/.ingest-state.json` remembers, per input, its record id
and the values ingest extracted last time; a record field that no longer holds that value was
corrected by hand, and the correction is kept on every later run.
"""
from __future__ import annotations

import calendar
import copy
import hashlib
import json
import os
import re
import stat
import sys
import time
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml
from tqdm import tqdm

from .errors import InputError, InputErrors
from .fileio import ProjectFiles, read_text, under, write_all, write_cache
from .model import EdtfDate, Source
from .sentences import LIST_MARK, split_sentences
from .sources import FIELDS, read_source, render_source

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
STATE_FILE = ".ingest-state.json"
STATE_VERSION = 1
STAT_CACHE = "ingest-stat.json"  # in the cache folder: machine-specific, never committed
# how much older than the moment its stat is taken a file must be for its mtime to vouch for its bytes: a
# change within the same tick of the file system's clock could keep the mtime (git's "racy" files); a
# clock of whole seconds (FAT, some network file systems) has ticks of up to two
SETTLED_NS, SETTLED_COARSE_NS = 100_000_000, 2_000_000_000
MAX_ID = 60
GONE_SHOWN = 10  # articles gone from their folder named one by one; the rest are counted
TITLE_MAX = 120  # a title taken from the first sentence is cut back to a clause boundary below this


# --------------------------------------------------------------------------------------------------
# Vocabulary: compiled once from the data tables.

@dataclass(frozen=True)
class _Vocabulary:
    boilerplate: frozenset[str]
    boilerplate_re: re.Pattern
    footer_re: re.Pattern
    footer_headings: frozenset[str]
    source_re: re.Pattern
    sign_off_re: re.Pattern
    credit_re: re.Pattern
    dateline_re: re.Pattern
    text_date_re: re.Pattern
    date_re: re.Pattern  # a whole date anywhere in a text
    tracking: frozenset[str]
    publishers: dict[str, str]
    news_services: dict[str, str]  # a dateline's name of a news service, lower case → its name
    month_numbers: dict[str, int]  # every month name and short form, lower case → 1..12
    language_codes: dict[str, str]  # jusText's name of a language → its ISO 639-1 code


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data_dir = resources.files("builder").joinpath("data")
    data = yaml.safe_load(data_dir.joinpath("ingest.yml").read_text(encoding="utf-8"))
    publishers = yaml.safe_load(data_dir.joinpath("publishers.yml").read_text(encoding="utf-8")) or {}
    months = _alternation([name for full, short in data["months"].items() for name in (full, *short)])
    weekday = rf"(?:(?:{_alternation(data['weekdays'])})\.?,?\s+)?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    # The date itself is captured as <date>; a weekday before it and a time after it are let through.
    one_date = (rf"(?P<date>(?:{months})\.?\s+{day},?\s+\d{{4}}"
                rf"|{day}\.?\s+(?:{months})\.?,?\s+\d{{4}}"
                rf"|\d{{4}}-\d{{2}}-\d{{2}}"
                rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
                rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})")
    # the zone as letters ("EST", "ET", "GMT+1") or words ("Eastern Standard Time")
    clock = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?|(?:\s+[a-z]+){1,3}\s+time)?"
    time = rf"(?:(?:,|\s+at|\s*[-–|])?\s*{clock})?"
    # the time may come first, as a byline writes it: "Updated 4:12 PM EST, Tue January 10, 2023"
    prefix = rf"(?:(?:{_alternation(data['date_prefixes'])})(?:\s+on)?\s*:?\s*)?(?:{clock},?\s+)?"
    return _Vocabulary(
        boilerplate=frozenset(line.casefold() for line in data["boilerplate_lines"]),
        boilerplate_re=re.compile("|".join(f"(?:{p})" for p in data["boilerplate_patterns"]), re.I),
        footer_re=re.compile(f"(?:{_alternation(data['footer_starts'])})", re.I),
        footer_headings=frozenset(data["footer_headings"]),
        source_re=re.compile(data["source_line"], re.I),
        sign_off_re=re.compile(data["sign_off"]),
        credit_re=re.compile(rf"(?P<credit>(?:{_alternation(data['credit_words'])})\s*:\s*\S.{{0,120}})$", re.I),
        dateline_re=re.compile(rf"{prefix}{weekday}{one_date}{time}\.?", re.I),
        text_date_re=re.compile(rf"\b(?:{_alternation(data['publication_words'])})\s+(?:on\s+)?(?:at\s+)?{weekday}{one_date}", re.I),
        date_re=re.compile(rf"\b{one_date}\b", re.I),
        tracking=frozenset(data["tracking_parameters"]),
        publishers={str(k).casefold(): str(v) for k, v in publishers.items()},
        news_services=data["news_services"],
        month_numbers={name: number for number, (full, short) in enumerate(data["months"].items(), start=1)
                       for name in (full, *short)},
        language_codes=data["language_codes"],
    )


# --------------------------------------------------------------------------------------------------
# Dates: a regular expression finds the candidate, dateparser reads it with strict settings.

@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """The EDTF day a stated date names ('November 4, 2024' → '2024-11-04'), or None.

    Only complete dates (day, month and year) count. A numeric date is read day-first or month-first
    only when its numbers allow one reading: '12/12/2025' and '25/11/2024' are dates, '03/04/2025'
    is not (it could be either), and a date is never guessed.
    """
    text = re.sub(r"\s+", " ", text.strip())
    order = None
    numeric = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})", text)
    if numeric:
        first, sep, second = int(numeric[1]), numeric[2], int(numeric[3])
        if sep == ".":
            order = "DMY"  # dotted dates are day-first wherever they are written
        elif first > 12 >= second:
            order = "DMY"
        elif second > 12 >= first or first == second:
            order = "MDY"
        else:
            return None
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        order = "YMD"
    day = _read_date(text, order)
    return day if day is not None else _dateparser_date(text, order)


def _no_such_day(text: str) -> str | None:
    """Why a date written out in full names no day ('2025-02-30': 'February 2025 has no day 30'), or None:
    such a date is a mistake to fix, not a date to guess."""
    text = re.sub(r"\s+", " ", text.strip())
    if numeric := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        year, month, day = (int(part) for part in numeric.groups())
    elif named := _NAMED_DATE.fullmatch(text):
        month = _vocabulary().month_numbers.get((named["month"] or named["month2"]).lower())
        if month is None:
            return None
        year, day = int(named["year"]), int(named["day"] or named["day2"])
    else:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year >= 1 and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{calendar.month_name[month]} {year} has no day {day}"
    return None


def _dateparser_date(text: str, order: str | None) -> str | None:
    """dateparser's reading of a whole date, with strict settings, in the given order of its numbers."""
    import dateparser

    # no relative-time parser: "yesterday" or "2 hours ago" would be read against this machine's clock
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"],
                "PREFER_LOCALE_DATE_ORDER": False, "RETURN_AS_TIMEZONE_AWARE": False}
    if order:
        settings["DATE_ORDER"] = order
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


# The shapes of date the date expressions above capture, as dateparser reads them (it took half of
# ingest's time): a real day in them is read here, anything else (an impossible day, another shape,
# other digits, a far year) by dateparser. tests/test_speed_invariants.py holds the two to each other.
_NAMED_DATE = re.compile(r"(?:(?P<month>[a-z]+)\.? (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,?"
                         r"|(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)?\.? (?P<month2>[a-z]+)\.?,?) (?P<year>[0-9]{4})", re.I | re.A)
_NUMERIC_DATE = re.compile(r"([0-9]{1,2})([/.])([0-9]{1,2})\2([0-9]{4})|([0-9]{4})-([0-9]{2})-([0-9]{2})")
FAST_YEARS = range(1000, 3000)


def _read_date(text: str, order: str | None) -> str | None:
    """The EDTF day of a date in one of the captured shapes (white space already single spaces) when it
    names a real day, as dateparser would read it under `order`; None: dateparser decides."""
    if order is None:
        match = _NAMED_DATE.fullmatch(text)
        if match is None:
            return None
        month = _vocabulary().month_numbers.get((match["month"] or match["month2"]).lower())
        day, year = int(match["day"] or match["day2"]), int(match["year"])
        if month is None:
            return None
    else:
        match = _NUMERIC_DATE.fullmatch(text)
        if match is None:
            return None
        if order == "YMD":
            year, month, day = int(match[5]), int(match[6]), int(match[7])
        else:
            first, second, year = int(match[1]), int(match[3]), int(match[4])
            day, month = (first, second) if order == "DMY" else (second, first)
    if year not in FAST_YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# URLs and publishers.

_EMBEDDED_URL = re.compile(r"^https?://[^/]+/+(?:web/\d+[a-z_]*/+)?(?P<scheme>https?)(?::/+|/+)"
                           r"(?P<rest>[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#].*)?)$", re.I)
_URL_LINE = re.compile(r"<?(?P<url>https?://[^\s<>]+)>?")


def canonical_url(url: str) -> str:
    """The article's own address: unwrapped from proxies and archives, without tracking parameters.

    'https://s.gtool.pro:443/https/p.dw.com/p/4mYYo' → 'https://p.dw.com/p/4mYYo'.
    """
    url = url.strip()
    while match := _EMBEDDED_URL.match(url):
        url = f"{match['scheme'].lower()}://{match['rest']}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host += f":{parts.port}"
    tracking = _vocabulary().tracking
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in tracking])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


# a date in an article's address: /2024/03/05/, /2024-03-05/, /2023/jun/14/, and in eight figures /20240305/ or
# -20240305.html; taken only when it makes a real day from 1990 to 2099 (other figures are ids)
_URL_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})(?P<sep>[/_-])(?P<month>\d{1,2}|[a-z]{3,9})(?P=sep)(?P<day>\d{1,2})(?!\d)"
                       r"|(?<=[/_-])(?P<year8>\d{4})(?P<month8>\d\d)(?P<day8>\d\d)(?=[/._?#-]|$)", re.I)


def _url_date(url: str) -> str | None:
    """The EDTF day the address of an article gives, or None."""
    path = urlsplit(url).path
    for match in _URL_DATE.finditer(path):
        month = match["month"] or match["month8"]
        month = int(month) if month.isdigit() else _vocabulary().month_numbers.get(month.lower())
        year, day = int(match["year"] or match["year8"]), int(match["day"] or match["day8"])
        try:
            if month and 1990 <= year <= 2099:
                return date(year, month, day).isoformat()
        except ValueError:
            continue  # no such day: not a date
    return None


def publisher_for(url: str | None) -> str | None:
    """The publisher's name from the publishers table, for the URL's domain or a parent domain."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    table = _vocabulary().publishers
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = table.get(".".join(labels[start:]))
        if name:
            return name
    return None


def _bare_domain(url: str | None) -> str | None:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") or None if url else None


# --------------------------------------------------------------------------------------------------
# Readers: one per input format, each handing its lines and what it already knows to the analysis.

@dataclass
class _Page:
    lines: list[str]
    title: str | None = None
    url: str | None = None
    publisher: str | None = None  # stated by the input itself (front matter)
    sitename: str | None = None  # the HTML page's own site name: after the publishers table
    published: str | None = None
    published_from: str = "unknown"
    captions: list[str] = field(default_factory=list)
    language: str = "en"
    find_headline: bool = True  # plain text: the headline is one of the lines
    may_wrap: bool = True  # plain text may be hard-wrapped; readers of structured formats give whole blocks


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)---[ \t]*(?:\n|\Z)", re.S)
# a plain header of "Key: value" lines and a blank line, as archive and mail exports write one
_HEADER_BLOCK = re.compile(r"\A(?:[ \t]*(?:title|headline|published|date|publisher|source|site|url|link|language|lang|author|byline)"
                           r"[ \t]*:[^\n]*\n)+[ \t]*(?:\n|\Z)", re.I)
_HEADER_DATE = re.compile(r"\A[ \t]*(?:date|published)[ \t]*:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without its timestamps: PyYAML's constructor raises on an impossible day ('date: 2025-02-30'), and
    a date is ingest's to judge, by the same rules whether it is quoted or not."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """(metadata, rest of the text, number of lines the front matter took)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if header := _HEADER_BLOCK.match(text):
            lines = [line.split(":", 1) for line in header.group().splitlines() if line.strip()]
            return {key.strip().casefold(): value.strip() for key, value in lines}, text[header.end():], header.group().count("\n")
        return {}, text, 0
    try:
        meta = yaml.load(match["yaml"], Loader=_FrontMatterLoader) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a value tagged explicitly ('!!timestamp 2025-02-30')
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                         "fix the YAML between the '---' lines", line=mark.line + 2 if mark else None) from None
    if not isinstance(meta, dict):
        raise InputError(path, "front matter is not a mapping of keys to values", "write 'key: value' lines", line=2)
    return {str(k).casefold(): v for k, v in meta.items()}, text[match.end():], match["yaml"].count("\n") + 2


def _apply_front_matter(path: Path, page: _Page, meta: dict, text: str) -> None:
    """The metadata into the page; `text` is the whole input, for the line of a bad value."""
    def first(*keys):
        for key in keys:
            value = meta.get(key)
            if value not in (None, ""):
                return value
        return None

    if title := first("title", "headline"):
        page.title = _one_line(str(title))
    if url := first("url", "canonical", "canonical_url", "link", "source_url"):
        page.url = str(url)
    if publisher := first("publisher", "source", "site", "sitename"):
        page.publisher = _one_line(str(publisher))
    if language := first("language", "lang"):
        page.language = str(language)
    key = next((k for k in ("published", "date") if meta.get(k) not in (None, "")), None)
    if key is not None:
        stated = meta[key]
        written = stated.isoformat() if isinstance(stated, date) else str(stated).strip()
        written_day = _day_of(written)
        day = parse_date(written_day)
        if day is None:
            line = _line_of_key(text, key)
            if no_day := _no_such_day(written_day):
                raise InputError(path, f"front matter date '{stated}' is not a real date: {no_day}",
                                 "write the day the article was published, as YYYY-MM-DD, or remove it", line=line)
            raise InputError(path, f"front matter date '{stated}' is not a complete date",
                             "write it as YYYY-MM-DD, or remove it", line=line)
        page.published, page.published_from = day, "header"


_TIMESTAMP_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[Tt ]|$)")


def _day_of(value: str) -> str:
    """A timestamp's date ('2025-03-03T10:00:00Z', '2025-03-03 10:00' → '2025-03-03'), else the value as it is."""
    timestamp = _TIMESTAMP_DAY.match(value)
    return timestamp[1] if timestamp else value


def _line_of_key(text: str, key: str) -> int | None:
    """The 1-based line of the input that sets `key` ('date: ...'), to name in an error."""
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.M | re.I)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_plain(path: Path, whole: str) -> _Page:
    meta, text, skipped = _front_matter(path, whole)
    page = _Page(lines=[""] * skipped + text.split("\n"))
    _apply_front_matter(path, page, meta, whole)
    header = _HEADER_DATE.match(text)
    if header and page.published is None:
        day = parse_date(header["date"])
        if day:
            page.published, page.published_from = day, "header"
            page.lines[skipped] = text.split("\n", 1)[0][header.end():]
    return page


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption", "td", "th"}


def _read_markdown(path: Path, text: str) -> _Page:
    import lxml.html
    import markdown

    meta, body, _ = _front_matter(path, text)
    page = _Page(lines=[], find_headline=False, may_wrap=False)
    _apply_front_matter(path, page, meta, text)
    # control characters (a few pass the binary test) are no text, and lxml refuses them
    html = _NOT_XML.sub("", markdown.markdown(body, extensions=["extra", "sane_lists"]))
    if not html.strip():
        return page
    # as a whole document: fragment_fromstring asserts (a traceback) when raw HTML in the Markdown hides the body
    document = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    root = document.find("body") if document.find("body") is not None else document
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for image in root.xpath("//img"):
        caption = _one_line(image.get("title") or image.get("alt") or "")
        if caption:
            page.captions.append(caption)
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        if any(ancestor.tag in _BLOCKS for ancestor in element.iterancestors()) and element.tag != "li":
            continue  # the enclosing block already holds this text
        if element.tag == "li" and element.xpath("./ul|./ol"):
            element = copy.deepcopy(element)  # the item's own words; its sub-items come as lines of their own
            for sublist in element.xpath("./ul|./ol"):
                sublist.drop_tree()
        line = _one_line(element.text_content())
        if not line:
            continue
        if element.tag == "h1" and page.title is None:
            page.title = line
            continue
        page.lines += ["- " + line if element.tag == "li" else line, ""]  # an item keeps its mark, as an HTML page's
    return page


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?(?P<name>[\w.-]+)""", re.I)


# a script's code or a style sheet is no text; data blocks (JSON-LD) are the page's metadata, read as such
_NOT_TEXT = "//script[not(contains(@type, 'json'))]|//style"


def _read_html(path: Path, text: str) -> _Page:
    import trafilatura

    # trafilatura drops scripts from the body but not from the headline it reads as the title ("... stadium
    # alert(2) referendum"): they go before it, or any of our own readings of the page, sees them
    tree = trafilatura.load_html(text)
    if tree is not None:
        for element in tree.xpath(_NOT_TEXT):
            element.drop_tree()
    document = trafilatura.bare_extraction(
        tree if tree is not None else text, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params={"extensive_search": False, "original_date": True})
    body = (document.text or "").strip() if document else ""
    if not body:
        raise InputError(path, "has no article text (only navigation, menus or captions were found)",
                         "save the article's own page, or paste its text into a .txt file")
    page = _Page(lines=[], find_headline=False, may_wrap=False)
    page.title = _one_line(document.title or "") or None
    page.url = document.url or None
    page.sitename = _one_line(document.sitename or "") or None
    if page.sitename and page.sitename.lower() == _bare_domain(page.url):
        page.sitename = None  # trafilatura's stand-in for a name the page does not give
    if document.language:
        page.language = document.language
    if tree is not None:
        page.captions = [c for c in (_one_line(f.text_content()) for f in tree.xpath("//figcaption")) if c]
    if page.sitename is None and tree is not None:
        page.sitename = _title_site_name(tree.findtext(".//title") or "")
    day = _published_in_metadata(tree) if tree is not None else None
    if day is None and document.date and (found := parse_date(document.date[:10])) and _states_day(text, found):
        day = found
    if day:
        page.published, page.published_from = day, "html-meta"
    elif tree is not None and (dateline := _find_date(lines := _under_headline(tree), [True] * len(lines), len(lines))):
        page.published, page.published_from = dateline[1], "dateline"
    for line in body.split("\n"):
        page.lines += [line, ""]
    return page


def _under_headline(tree, limit: int = 12) -> list[str]:
    """The short lines after the page's first <h1>, up to its first paragraph of text: its byline and date line
    ("Updated 4:12 PM EST, Tue January 10, 2023"), which trafilatura leaves out of the text it gives."""
    heading = next(tree.iter("h1"), None)
    lines = []
    for element in heading.xpath(f"following::*[position() <= {limit}]") if heading is not None else []:
        line = _one_line(element.text_content())
        if element.tag == "p" and _is_prose(line):
            break
        if line and len(line) <= 80:
            lines.append(line)
    return lines


# Where a page states when it was published (Open Graph, schema.org, HTML5), read here rather than by htmldate,
# which mends a date it cannot read into a day: '2025-02-30T10:00:00Z' became '2025-02-01', and a month its 1st.
_PUBLISHED_PLACES = ("//meta[@property='article:published_time' or @name='article:published_time' or "
                     "@property='og:article:published_time' or @property='og:published_time']/@content"
                     "|//*[@itemprop='datePublished']/@content|//*[@itemprop='datePublished']/@datetime"
                     "|//time[@pubdate]/@datetime")


def _published_in_metadata(tree) -> str | None:
    """The first real day the page's metadata gives as its publication date (its JSON-LD last); a value that
    names no real day is passed over, never mended."""
    values = [str(value) for value in tree.xpath(_PUBLISHED_PLACES)]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            values += _json_values(json.loads(script), "datePublished")
        except (ValueError, RecursionError):
            continue  # not JSON, or nested past what Python can read
    for value in values:
        if (value := value.strip()[:60]) and (day := parse_date(_day_of(value))):
            return day
    return None


_TITLE_SEPARATOR = re.compile(r"\s+[|–—·-]\s+")


def _title_site_name(title: str) -> str | None:
    """The site's name a page's <title> ends with, as a paper's name is written: 'Bridge closes for repairs -
    Riverside Herald', '... | The Evening Ledger'."""
    parts = _TITLE_SEPARATOR.split(_one_line(title))
    return parts[-1] if len(parts) > 1 and _MASTHEAD.fullmatch(parts[-1]) else None


def _json_values(data, key: str) -> list[str]:
    """Every string value of `key` in a JSON document, at any depth (JSON-LD nests its objects in @graph)."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == key and isinstance(v, str)] + [
            found for v in data.values() for found in _json_values(v, key)]
    if isinstance(data, list):
        return [found for v in data for found in _json_values(v, key)]
    return []


def _states_day(html: str, day: str) -> bool:
    """Whether the page writes this day somewhere, in figures or in words, but for its addresses: htmldate's date
    is taken only then, as it also makes days no one wrote (a copyright year's January 1st), and a date it read
    in the page's URL is the URL's (`published_from: url`), which the page's own metadata wins over."""
    if day in html and re.search(rf"(?<![\w/.-]){day}(?![\d/-])", html):
        return True
    return any(parse_date(match["date"]) == day for match in _vocabulary().date_re.finditer(html))


READERS = {"text": _read_plain, "markdown": _read_markdown, "html": _read_html}


# --------------------------------------------------------------------------------------------------
# The analysis shared by all formats.

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_GLUED = re.compile(r"[a-z]{3,}[A-Z]")
_BYLINE = re.compile(r"^by\s+\S+(?:\s+\S+){0,5}$", re.I)
# a dateline with its news service: "NEW YORK (CNN) —", "BRUSSELS, March 3 (Reuters) -", and a press release's
# wire: "NEW YORK, March 3, 2025 /PRNewswire/ --", "... (GLOBE NEWSWIRE) --", "SAN FRANCISCO--(BUSINESS WIRE)--"
_AGENCY_DATELINE = re.compile(r"[A-Z][A-Z .'’,-]{1,40}?(?:,[^\n(]{1,30})?\s*(?:\((?P<agency>[A-Z][A-Za-z.&' ]{1,30})\)"
                              r"|/(?P<wire>[A-Z][A-Za-z.&' -]{1,30})/)\s*(?:--|[—–-]\s)")
# a wiki's reference and edit marks, glued to the word or the period before them: "... in 2017.[2]", "office[a][3]",
# "History[edit]"
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\[])\[(?:\d{1,3}|[a-z]|edit|(?:note|nb) \d{1,3}|citation needed|clarification needed|"
                            r"dubious(?: – discuss)?|when\?|who\?|which\?|according to whom\?)\]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# a paper's name on a line of its own: up to four capitalised words ("Columbus Dispatch"); an author's line
# names a role ("Pippa Crerar Political editor", "Staff Writer")
_MASTHEAD = re.compile(r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'’.-]*){0,3}")
_ROLE = re.compile(r"\b(?:writer|reporter|correspondent|editor|staff|contributor)s?\b", re.I)


_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]| {2}")  # what _SPACES changes
_NOT_WORD = re.compile(r"[\W_]+")
_CLAUSE_END = re.compile(r"[.,;:]$")


def _one_line(text: str) -> str:
    if not text:
        return text
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\n", " ")
    # (most lines have nothing for _SPACES to change, and finding that out is faster than substituting)
    return (_SPACES.sub(" ", text) if _ODD_SPACES.search(text) else text).strip()


def _fold(line: str) -> str:
    """A line's words only, for telling repeats apart from text: case, quotes and punctuation ignored."""
    return _NOT_WORD.sub("", line.casefold())


def _words(line: str) -> int:
    return len(line.split())


def _is_prose(line: str) -> bool:
    """A paragraph of running text, as opposed to a headline, heading or menu line."""
    if not _SENTENCE_END.search(line):
        return False
    return _words(line) >= 12 or len(split_sentences(line)) > 1


def _is_heading(line: str) -> bool:
    return 0 < _words(line) <= 20 and len(line) <= 200 and not _is_prose(line) and not _CLAUSE_END.search(line)


def _is_boilerplate(line: str) -> bool:
    if len(line) > 160:
        return False
    vocabulary = _vocabulary()
    bare = (line[mark.end():] if (mark := LIST_MARK.match(line)) else line).strip()
    return (bare.casefold() in vocabulary.boilerplate or line.casefold() in vocabulary.boilerplate
            or vocabulary.boilerplate_re.fullmatch(bare) is not None)


def _split_credit(line: str) -> str | None:
    """A photo caption with its credit ('…at NATOImage: E. Noroozi/AP Photo/picture alliance'), or None.

    The credit must look like one: glued to the caption text, or naming its sources with a slash.
    """
    if ":" not in line:
        return None
    match = _vocabulary().credit_re.search(line, max(0, line.find(":") - 12))
    if not match:
        return None
    text, credit = line[:match.start()].strip(), match["credit"].strip()
    glued = match.start("credit") > 0 and line[match.start("credit") - 1].isalnum()
    if "/" not in credit and not (glued and not _SENTENCE_END.search(credit)):
        return None
    return f"{text} ({credit})" if text else credit


def _first_sentence_title(text: str) -> str:
    # the first sentence with words in it: a stray "." or "2." left by a list is no title
    sentences = [text[a:b] for a, b in split_sentences(text)] or [text]
    first = next((s for s in sentences if re.search(r"[^\W\d_]{2}", s)), sentences[0])
    first = re.sub(r"[.!]$", "", first.strip()) or "Untitled article"
    if len(first) <= TITLE_MAX:
        return first
    cuts = [m.start() for m in re.finditer(r",\s|;\s|\s[–—-]\s|:\s", first) if 40 <= m.start() <= TITLE_MAX]
    if cuts:
        return first[:cuts[-1]].rstrip()
    return first[:first.rfind(" ", 0, TITLE_MAX - 1)].rstrip(" ,;:") + "…"


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped plain text: short lines whose sentences run on into the next line."""
    filled = [line for line in lines if line.strip()]
    if not filled or max(len(line) for line in filled) > 100:
        return False
    runs_on = sum(1 for a, b in zip(lines, lines[1:])
                  if a.strip() and b.strip() and not _SENTENCE_END.search(a) and b.lstrip()[:1].islower())
    return runs_on >= 3


_BYLINE_SEPARATOR = re.compile(r"\s+[|·•—–]\s+")


def _find_date(lines: list[str], kept: list[bool], limit: int) -> tuple[int, str] | None:
    """The first line before `limit` that says nothing but a date, alone or as one part of a byline
    ("By Dana Reyes | June 30, 2021 7:12 AM", "September 8, 2021 · Springfield Gazette"): (index, EDTF day)."""
    regex = _vocabulary().dateline_re
    for i in range(limit):
        if kept[i] and lines[i] and len(lines[i]) <= 80:
            for part in _BYLINE_SEPARATOR.split(lines[i]):
                if (match := regex.fullmatch(part)) and (day := parse_date(match["date"])):
                    return i, day
    return None


def analyze(page: _Page) -> Source:
    """The article the lines hold: title, clean text, captions, URL, publisher and publication date.

    Returns a Source with an empty id; ingest names it.
    """
    vocabulary = _vocabulary()
    lines = [_one_line(line) for line in page.lines]
    lines = [_FOOTNOTE_MARK.sub("", line) if "[" in line else line for line in lines]
    n = len(lines)
    captions = list(page.captions)
    known = {_fold(c) for c in captions}
    kept = [bool(line) and not _is_boilerplate(line) and not (known and _fold(line) in known) for line in lines]
    url = page.url
    publisher = page.publisher

    # The footer: a "Source:" line near the end, or a line that opens an author box or a link list.
    content = [i for i in range(n) if kept[i]]
    for position, i in enumerate(content):
        source = vocabulary.source_re.fullmatch(lines[i])
        if ((source and len(content) - position <= 6) or vocabulary.footer_re.match(lines[i])
                or lines[i].rstrip(":").casefold() in vocabulary.footer_headings):
            if source and publisher is None:
                publisher = source["name"].strip()
            for j in range(i, n):
                kept[j] = False
            break

    # The first line that is only a URL is the article's address; lines right under it, when it
    # stands inside the article, are the photo's captions (what a copied page makes of a figure).
    seen_prose = False
    for i in range(n):
        if not kept[i]:
            continue
        if (match := _URL_LINE.fullmatch(lines[i])) is not None:
            kept[i] = False
            if url is None:
                url = match["url"]
                j = i + 1
                while seen_prose and j < n and lines[j] and j - i <= 3:
                    if kept[j]:
                        captions.append(_split_credit(lines[j]) or lines[j])
                        kept[j] = False
                    j += 1
            continue
        if credit := _split_credit(lines[i]):
            captions.append(credit)
            kept[i] = False
            continue
        seen_prose = seen_prose or _is_prose(lines[i])

    first_prose = next((i for i in range(n) if kept[i] and _is_prose(lines[i])), n)

    # The headline and the dateline under it; what stands above the headline is the page header.
    published, published_from = page.published, page.published_from
    headline = masthead = None
    dateline = _find_date(lines, kept, first_prose)  # in any format: a Markdown or HTML body may open with one
    if dateline:
        kept[dateline[0]] = False
        if published is None:
            published, published_from = dateline[1], "dateline"
    if page.find_headline:
        if dateline:
            d = dateline[0]
            above = [i for i in range(d) if kept[i] and not _BYLINE.match(lines[i])]
            # the headline is the heading nearest above the date but for an author's line and a paper's name
            # (the publisher): "What to know about early voting / By Priya Natarajan / Columbus Dispatch /
            # Oct. 10, 2024"; a long line under a shorter heading is the standfirst, not the headline
            names = [i for i in above if _MASTHEAD.fullmatch(lines[i]) or _words(lines[i]) <= 6 and _ROLE.search(lines[i])]
            rest = [i for i in above if i not in names] or above
            if rest and _is_heading(lines[rest[-1]]):
                headline = rest[-1]
                if (len(rest) > 1 and _words(lines[headline]) > 10 and _is_heading(lines[rest[-2]])
                        and 3 <= _words(lines[rest[-2]]) < _words(lines[headline]) and not _GLUED.search(lines[rest[-2]])):
                    headline = rest[-2]
                masthead = next((lines[i] for i in names if i > headline and not _ROLE.search(lines[i])), None)
            for i in range(d):
                kept[i] = False
            # or on the line right under the date: "By Carla Nguyen, Staff Writer | September 9, 2024 / Bellmont
            # Gazette"; a line in capitals is a place's dateline ("BELLMONT"), not a paper's name
            below = next((i for i in range(d + 1, first_prose) if kept[i]), None)
            if (below is not None and _MASTHEAD.fullmatch(lines[below]) and not _ROLE.search(lines[below])
                    and not lines[below].isupper()):
                masthead = masthead or lines[below]
                kept[below] = False
        if headline is None:
            start = dateline[0] + 1 if dateline else 0
            candidates = [i for i in range(start, first_prose) if kept[i]]
            for i in reversed(candidates):
                if _is_heading(lines[i]) and _words(lines[i]) >= 3 and not _GLUED.search(lines[i]) and not _BYLINE.match(lines[i]):
                    headline = i
                    break
            if headline is not None:
                for i in candidates:
                    if i <= headline or _BYLINE.match(lines[i]):
                        kept[i] = False
            else:
                for i in candidates:
                    if _words(lines[i]) <= 2 or _GLUED.search(lines[i]):
                        kept[i] = False  # a menu or section line such as "News" or "PoliticsEurope"
    for i in range(first_prose):
        if kept[i] and _BYLINE.match(lines[i]):
            kept[i] = False
    title = page.title or (lines[headline] if headline is not None else None)
    if title:
        folded = _fold(title)
        for i in range(n):
            if kept[i] and len(lines[i]) < 2 * len(title) + 10 and _fold(lines[i]) == folded:
                kept[i] = False  # the headline repeated (page title, share box, table of contents)

    # The end: an agency sign-off, and teaser headings that no paragraph follows.
    for i in reversed(range(n)):
        if not kept[i]:
            continue
        if vocabulary.sign_off_re.fullmatch(lines[i]) or _is_heading(lines[i]):
            kept[i] = False
            continue
        break

    # Paragraphs: one per line, or per block of lines when the text is hard-wrapped.
    if page.may_wrap and _is_wrapped(lines):
        paragraphs, current = [], []
        for i in range(n + 1):
            if i == n or not lines[i]:
                if current:
                    paragraphs.append(" ".join(current))
                current = []
            elif kept[i]:
                current.append(lines[i])
    else:
        paragraphs = [lines[i] for i in range(n) if kept[i]]
    text = "\n\n".join(paragraphs)

    # the news service's dateline may date the report: "AUSTIN, Texas, March 3, 2025 (Reuters) -"
    agency = _AGENCY_DATELINE.match(text)
    if published is None and agency and (match := _NAMED_DATE.search(agency.group())):
        if day := parse_date(match.group()):
            published, published_from = day, "dateline"
    if published is None and (match := vocabulary.text_date_re.search(text)):
        if day := parse_date(match["date"]):
            published, published_from = day, "text"
    if url:
        url = canonical_url(url)
        if published is None and (day := _url_date(url)):
            published, published_from = day, "url"
    # the site that published the page; else the news service that filed the report ("NEW YORK (CNN) —")
    service = agency and (agency["agency"] or agency["wire"])
    service = service and vocabulary.news_services.get(service.casefold(), service)
    publisher = publisher or publisher_for(url) or page.sitename or service or masthead or _bare_domain(url)
    if text and not title:
        title = _first_sentence_title(text)
    captions = list(dict.fromkeys(c for c in captions if c))
    return Source(id="", title=title or "", text=text, url=url, publisher=publisher, published=published,
                  published_from=published_from if published else "unknown", captions=captions,
                  language=_language(text, page.language))


# --------------------------------------------------------------------------------------------------
# Reading one input file.

_LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _stop_words(language: str) -> frozenset[str]:
    """jusText's stop words of a language (trafilatura reads with them): the words any text of it has."""
    import justext

    return frozenset(justext.get_stoplist(language))


def _language(text: str, stated: str) -> str:
    """The article's language: English when a quarter of its first 300 words are English stop words (English
    text has twice that); else the one of jusText's 100 languages whose stop words it has most of; the stated
    one (front matter, the page's own) when the text is too short to tell. The tagger reads English only."""
    import justext

    words = _LETTER_RUN.findall(text, 0, 3000)[:300]
    if len(words) < 20:
        return stated
    words = [w.lower() for w in words]
    def share(language: str) -> int:
        stop = _stop_words(language)
        return sum(w in stop for w in words)
    best = "English" if share("English") >= len(words) / 4 else max(justext.get_stoplists(), key=share)
    if best in ("English", "Simple_English"):
        return stated if stated.lower().startswith("en") else "en"
    return _vocabulary().language_codes.get(best, "und")


def _decode(path: Path, kind: str, root: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    if size == 0:
        raise InputError(path, "is empty", "paste the article into it, or remove it")
    try:
        text = read_text(path, root)
    except InputError as error:
        if kind != "html" or "UTF-8" not in error.message:
            raise
        # A web page may say which encoding it was saved in; then that one is the right reading.
        data = path.read_bytes()
        declared = _CHARSET.search(data[:4096])
        try:
            text = data.decode(declared["name"].decode("ascii")) if declared else None
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is None:
            raise
    if not text.strip():
        raise InputError(path, "holds only white space", "paste the article into it, or remove it")
    if len(_CONTROLS.findall(text, 0, 8192)) > 8:
        raise InputError(path, "is a binary file, not text", "save the article as .txt, .md or .html")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path, root: Path) -> Source:
    """The article in one input file, with an empty id: the whole per-file step, free of side effects."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(path, f"is a '{path.suffix or 'suffix-less'}' file; ingest reads .txt, .md and .html",
                         "save the article in one of these formats")
    text = _decode(path, kind, root)
    source = analyze(READERS[kind](path, text))
    if not source.text.strip():
        raise InputError(path, "has no article text (only navigation, menus or captions were found)",
                         "save the article's own page, or paste its text into a .txt file")
    return source


# --------------------------------------------------------------------------------------------------
# Ids, state, hand edits and versions.

def slug(title: str, published: str | None) -> str:
    """A readable id: '2024-11-04-olaf-scholz-meets-nato-chief-rutte-in-berlin', at most 60 characters."""
    words = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"['’]", "", words)
    words = re.sub(r"[^a-z0-9]+", "-", words).strip("-") or "article"
    text = f"{published or 'undated'}-{words}"
    if len(text) > MAX_ID:
        text = text[:MAX_ID + 1]
        text = text[:text.rfind("-")] if "-" in text[11:] else text[:MAX_ID]
    return text.strip("-")


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[:MAX_ID - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(candidate)
    return candidate


def _digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


MERGED = [name for name in FIELDS if name != "version_of"] + ["text"]


def _extracted(source: Source) -> dict:
    """What the state file remembers of what ingest extracted: every field, the text by its hash."""
    values = {name: getattr(source, name) for name in FIELDS}
    values["text"] = "sha256:" + _digest(source.text)
    return values


def _value(source: Source, name: str):
    return "sha256:" + _digest(source.text) if name == "text" else getattr(source, name)


def _load_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"version": STATE_VERSION, "inputs": {}}
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, f"is not valid JSON ({exc})",
                         "restore it from version control; deleting it makes ingest treat hand edits as new text") from None
    if not isinstance(state, dict) or not isinstance(state.get("inputs"), dict):
        raise InputError(path, "is not an ingest state file", "restore it from version control, or delete it")
    return state


def _render_state(state: dict) -> str:
    return json.dumps(state, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


_INPUT_LINE = re.compile(r"^input: (.+)$", re.M)


def _records_by_input(directory: Path) -> dict[str, str]:
    """Records whose `input:` names a file, by that file: to find an id again when the state was lost."""
    found = {}
    for path in sorted(directory.glob("*.md"), key=lambda p: p.name):
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        if match := _INPUT_LINE.search(head.split("\n---\n", 1)[0]):
            found.setdefault(yaml.safe_load(match[1]), path.stem)
    return found


@dataclass
class IngestReport:
    """What one ingest run did."""

    sources: dict[str, str] = field(default_factory=dict)  # input path → record id
    written: list[str] = field(default_factory=list)  # ids whose record was created or changed
    unchanged: list[str] = field(default_factory=list)  # ids whose record already held exactly this
    versions: list[list[str]] = field(default_factory=list)  # ids of one article's versions, the main one first
    kept_edits: dict[str, list[str]] = field(default_factory=dict)  # id → fields whose hand correction was kept
    gone: dict[str, str] = field(default_factory=dict)  # input that no longer exists → its record, still published

    def summary(self) -> str:
        text = (f"ingest: {len(self.sources)} article(s): {len(self.written)} record(s) written, "
                f"{len(self.unchanged)} unchanged")
        if self.versions:
            text += f"; the project holds {len(self.versions)} article(s) in several versions"
        if self.kept_edits:
            text += f"; hand edits kept in {len(self.kept_edits)} record(s)"
        shown = GONE_SHOWN if len(self.gone) > GONE_SHOWN + 1 else len(self.gone)
        for key, record in sorted(self.gone.items())[:shown]:
            text += f"\ningest: {key} is gone; its record {record} is kept (delete it to withdraw its events)"
        if len(self.gone) > shown:
            text += f"\ningest: and {len(self.gone) - shown} more article(s) gone whose records are kept"
        return text


def _infer(sources: list[Source]) -> None:
    """Fill `published_inferred` for articles that state no date."""
    from .timex import infer_creation_date  # here: a run with nothing new to read never loads the tagger

    for source in sources:
        if source.published is None:
            value, evidence = infer_creation_date(source.text)
            source.published_inferred = EdtfDate.parse(value).text if value else None
            source.inferred_evidence = [str(item) for item in evidence or []] if value else []


def _input_key(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(root)), root.resolve()):
        if absolute.is_relative_to(base):
            return absolute.relative_to(base).as_posix()
    raise InputError(path, "is outside the project", f"copy it into seeds/ and run `timeline ingest seeds/{path.name}`")


class _Project:
    """inside() and _input_key() for many inputs, each folder resolved once (see ProjectFiles)."""

    def __init__(self, root: Path):
        self.root = root
        self.files = ProjectFiles(root)
        self.base = os.path.abspath(root)

    def key(self, path: Path) -> str:
        """The input's path relative to the project; InputError, as inside() and _input_key() say it."""
        absolute = os.path.abspath(path)
        within = under(absolute, self.base)
        if not within and not os.path.islink(path):
            _input_key(path, self.root)  # refused, with what to do, unless the project's own path is a link
        self.files.check(path)
        if within:
            return absolute[len(self.base.rstrip("/")) + 1:]  # what Path.relative_to gives for normalized paths
        return _input_key(path, self.root)


def _expand(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        item = item if isinstance(item, Path) else Path(item)
        try:
            mode = os.lstat(item).st_mode  # one system call for what is_dir, is_symlink and exists ask
        except OSError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode) or mode is None and item.is_dir() and not item.is_symlink():
            # sorted as paths sort (by their parts), with the parts as key: comparing Path objects costs more
            files += sorted((p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS
                             and not any(part.startswith(".") for part in p.relative_to(item).parts)), key=lambda p: p.parts)
        elif mode is not None or item.exists() or item.is_symlink():
            files.append(item)
        else:
            raise InputError(item, "does not exist", "give an article file or a folder of articles")
    return files


_RELATIVE_IMPORT = re.compile(r"^[ \t]*from \.(\w*) import \(?([\w, ]+)", re.M)


def _imported_modules(name: str) -> dict[str, bytes]:
    """The source of a builder module and of every builder module it imports, directly or not."""
    package = resources.files("builder")
    modules: dict[str, bytes] = {}
    todo = [name]
    while todo:
        name = todo.pop()
        if name in modules:
            continue
        try:
            modules[name] = package.joinpath(f"{name}.py").read_bytes()
        except OSError:
            modules[name] = b""  # a package or no module: nothing of ours to hash
            continue
        for module, names in _RELATIVE_IMPORT.findall(modules[name].decode("utf-8", "replace")):
            todo += [module] if module else [n.strip() for n in names.split(",") if n.strip()]
    return modules


@lru_cache(maxsize=1)
def _runtime_distributions() -> list[str]:
    """'name==version' of every distribution news-timeline needs to run (its requirements, theirs, and so on),
    not of whatever else the environment holds: a test or docs extra does not change what ingest writes."""
    from importlib import metadata

    from packaging.requirements import Requirement  # a requirement of MkDocs, so always installed with us

    found: dict[str, str] = {}
    todo = ["news-timeline"]
    while todo:
        name = todo.pop()
        try:
            requires = metadata.requires(name) or []
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # a run from the source folder, not installed
        found[name.lower()] = version
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue  # an extra, or for another Python or platform
            if requirement.name.lower() not in found and requirement.name not in todo:
                todo.append(requirement.name)
    return sorted(f"{name}=={version}" for name, version in found.items())


def ingest_version() -> str:
    """A hash of all an input's record depends on besides the input's bytes: this module and the builder
    modules it imports (the tagger infers undated articles' dates), the data tables, the versions of the
    packages it runs on (trafilatura, Markdown, dateparser, PyYAML, ...) and of Python. An input whose bytes
    and ingest_version are what the state recorded reads as it did then, and is not read again."""
    package = resources.files("builder")
    modules = _imported_modules("ingest")
    digest = hashlib.sha256("{}.{}".format(*sys.version_info[:2]).encode())
    for name in sorted(modules):
        digest.update(b"\0" + name.encode() + b"\0" + modules[name])
    for item in sorted(package.joinpath("data").iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(b"\1" + item.name.encode() + b"\0" + item.read_bytes())
    digest.update(b"\2" + "\n".join(_runtime_distributions()).encode())
    return digest.hexdigest()[:16]


def _unchanged_input(path: Path, entry: dict, directory: Path, stats: dict, key: str) -> bool:
    """Whether ingest would make the same record of this input as last time and find it as it left it:
    the input's bytes as recorded (by this ingest_version, which the caller checked), the record's
    bytes as ingest wrote them, and no hand edit kept in it. Any doubt (an unreadable file): False.

    `stats` holds, for an input and its record last seen with those bytes, their size and mtime, as git's
    index does: files with the same size and mtime are not read again (saving is a new mtime). What this
    run saw is left in `stats[key]` for the next run."""
    if not entry.get("input_sha256") or entry.get("kept") != [] or not isinstance(entry.get("extracted"), dict):
        return False
    record = os.path.join(directory, entry["id"] + ".md")
    try:
        seen = _size_mtime(path) + _size_mtime(record) + [entry["input_sha256"], entry.get("record_sha256")]
        if stats.get(key) == seen:
            return True
        stats.pop(key, None)
        with open(path, "rb") as handle:
            if _digest(handle.read()) != entry["input_sha256"]:
                return False
        with open(record, "rb") as handle:
            if _digest(handle.read()) != entry.get("record_sha256"):
                return False
    except (OSError, TypeError):
        return False
    _remember(stats, key, seen)
    return True


def _size_mtime(path) -> list[int]:
    """[size, mtime in ns]: what `stats` remembers of a file."""
    seen = os.stat(path)
    return [seen.st_size, seen.st_mtime_ns]


def _remember(stats: dict, key: str, seen: list) -> None:
    """Keep what was seen of a file pair, unless either was changed too recently (`SETTLED_NS`): such a
    pair is hashed again next time."""
    coarse = seen[1] % 1_000_000_000 == 0 and seen[3] % 1_000_000_000 == 0
    if max(seen[1], seen[3]) < time.time_ns() - (SETTLED_COARSE_NS if coarse else SETTLED_NS):
        stats[key] = seen


def _load_stats(cache_dir: Path | None) -> dict:
    try:
        stats = json.loads((cache_dir / STAT_CACHE).read_text(encoding="utf-8")) if cache_dir else {}
    except (OSError, ValueError):
        return {}
    return stats if isinstance(stats, dict) else {}


def ingest(inputs: list[Path], sources_dir: Path, *, progress: bool = False, root: Path | None = None,
           cache_dir: Path | None = None) -> IngestReport:
    """Read raw articles into source records under `sources_dir`; hand edits to records survive.

    `inputs` are files or folders (searched for .txt, .md, .html); input paths are recorded relative
    to `root` (the project folder, by default the current one), and none may lead outside it. Every
    input is read and checked first: on any bad input nothing is written and InputError (one bad
    input) or InputErrors (several) names them.

    An input is not read again when the state says it would give the same record as last time and the
    record is as ingest left it (`_unchanged_input`): its bytes and `ingest_version` are as recorded,
    the record's bytes too, and it keeps no hand edit. The state's `ingested_with` names the version
    that made every entry holding an `input_sha256`. With a `cache_dir`, files whose size and mtime are
    those it last saw them with are not even read (`_unchanged_input`).
    """
    root = Path(root or Path.cwd())
    directory = Path(sources_dir)
    report = IngestReport()
    state_path = directory / STATE_FILE
    try:
        state, state_error = _load_state(state_path), None
    except InputError as error:  # reported after the inputs' own problems, as when it was read later
        state, state_error = {"version": STATE_VERSION, "inputs": {}}, error
    entries: dict[str, dict] = state["inputs"]
    version = ingest_version()
    same_version = state_error is None and state.get("ingested_with") == version

    # 1. Read and check every input; nothing is written unless all are good.
    drafts: dict[str, Source] = {}
    hashes: dict[str, str] = {}

    stats = _load_stats(cache_dir)
    stats_before = dict(stats)
    read_at: dict[str, list[int]] = {}  # each input read: its size and mtime before it was read

    def read(key: str, path: Path) -> None:
        stats.pop(key, None)
        try:
            read_at[key] = _size_mtime(path)
        except OSError:
            pass  # read_article names the problem
        drafts[key] = replace(read_article(path, None), input=key)  # (the project check is done)
        hashes[key] = _digest(path.read_bytes())

    unchanged: set[str] = set()  # inputs not read again: their record stands as ingest wrote it
    errors: list[InputError] = []
    where: dict[str, Path] = {}  # each unchanged input's file
    project = _Project(root)
    found = _expand(inputs)
    for path in tqdm(found, desc="ingest", unit="article", file=sys.stderr, disable=not progress or not found):
        try:
            key = project.key(path)
            if key in drafts or key in unchanged:
                continue
            if same_version and key in entries and _unchanged_input(path, entries[key], directory, stats, key):
                unchanged.add(key)
                where[key] = path
                continue
            read(key, path)
        except InputError as error:
            errors.append(error)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    _infer(list(drafts.values()))
    if state_error is not None:
        raise state_error

    # 2. Ids: an input keeps the id it was given first, whatever its title becomes.
    taken = None
    lost = None
    for key in sorted(drafts):
        if key in entries:
            continue
        if taken is None:
            taken = {p.stem for p in directory.glob("*.md")} | {e["id"] for e in entries.values()}
        if lost is None:
            lost = _records_by_input(directory) if directory.is_dir() else {}
        if key in lost and lost[key] not in {e["id"] for e in entries.values()}:
            entries[key] = {"id": lost[key]}  # state lost: the record found again, its values kept
        else:
            draft = drafts[key]
            entries[key] = {"id": _unique(slug(draft.title, draft.published), taken)}

    # 3. Each record as it stands now: missing, untouched since ingest wrote it, or read back.
    status: dict[str, str] = dict.fromkeys(unchanged, "untouched")
    current: dict[str, Source] = {}
    for key, entry in entries.items():
        if key in unchanged:
            continue
        path = directory / f"{entry['id']}.md"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            status[key] = "missing"
            continue
        if _digest(data) == entry.get("record_sha256") and not entry.get("kept"):
            status[key] = "untouched"  # holds exactly what ingest extracted last time
        else:
            status[key] = "read"
            current[key] = read_source(path, root)

    # 4. Field by field, a value that differs from what ingest extracted last was corrected by hand.
    merged: dict[str, Source] = {}
    kept: dict[str, list[str]] = {}

    def merge(key: str) -> None:
        draft, entry, record = drafts[key], entries[key], current.get(key)
        last = entry.get("extracted")
        values, kept[key] = {"id": entry["id"]}, []
        for name in MERGED:
            new = getattr(draft, name)
            if record is not None and (last is None or _value(record, name) != last.get(name)) and getattr(record, name) != new:
                values[name] = getattr(record, name)
                kept[key].append(name)
            else:
                values[name] = new
        merged[key] = Source(**values)

    for key in drafts:
        merge(key)

    # 5. Versions: records with the same canonical URL (or the very same text) are one article; the
    # main version is the latest, then the longest; the others point to it with `version_of`.
    members: dict[str, tuple] = {}  # key → (id, group, published, length of text)
    for key, entry in entries.items():
        source = merged.get(key) or current.get(key)
        if source is not None:
            members[key] = (source.id, source.url or _value(source, "text"), source.published, len(source.text))
        elif status.get(key) == "untouched":
            last = entry["extracted"]
            members[key] = (entry["id"], last.get("url") or last["text"], last.get("published"), entry.get("chars", 0))
    groups: dict[str, list[str]] = {}
    for key in sorted(members, key=lambda k: members[k][0]):
        groups.setdefault(members[key][1], []).append(key)
    proposed: dict[str, str | None] = dict.fromkeys(members)
    for keys in groups.values():
        if len(keys) > 1:
            ordered = sorted(keys, key=lambda k: (members[k][2] or "", members[k][3]), reverse=True)
            for key in ordered[1:]:
                proposed[key] = members[ordered[0]][0]
            report.versions.append([members[k][0] for k in ordered])
    report.versions.sort()

    # An input not read again whose version link changes is read after all, so that its record is
    # rendered from the article as any other input's (its place in the groups above is the same).
    relinked = sorted(k for k in unchanged if proposed[k] != entries[k]["extracted"].get("version_of"))
    if relinked:
        for key in relinked:
            unchanged.discard(key)
            read(key, where[key])
        _infer([drafts[key] for key in relinked])
        for key in relinked:
            merge(key)

    # 6. Render every input's record, and other records whose version link changes.
    files: dict[Path, str] = {}
    for key in sorted(members):
        entry, record, new = entries[key], current.get(key), proposed[key]
        last = entry.get("extracted") or {}
        if record is not None and (not last or record.version_of != last.get("version_of")) and record.version_of != new:
            final, kept_link = record.version_of, True  # the editor set or cleared the link
        else:
            final, kept_link = new, False
        if key in drafts:
            source = replace(merged[key], version_of=final)
            fields_kept = kept[key] + (["version_of"] if kept_link else [])
            entry.update(extracted=_extracted(drafts[key]), input_sha256=hashes[key], chars=len(drafts[key].text))
        else:
            before = record.version_of if record is not None else last.get("version_of")
            fields_kept = [f for f in entry.get("kept", []) if f != "version_of"] + (["version_of"] if kept_link else [])
            entry["extracted"] = dict(last)
            if final == before:
                entry["extracted"]["version_of"] = new
                entry["kept"] = sorted(fields_kept)
                continue
            source = replace(record or read_source(directory / f"{entry['id']}.md", root), version_of=final)
        entry["extracted"]["version_of"] = new
        rendered = render_source(source)
        files[directory / f"{entry['id']}.md"] = rendered
        entry.update(record_sha256=_digest(rendered), kept=sorted(fields_kept))
        if fields_kept:
            report.kept_edits[source.id] = sorted(fields_kept)
    if not same_version:
        # entries this run did not read were made by another version: they are read when next given
        for key, entry in entries.items():
            if key not in drafts:
                entry.pop("input_sha256", None)
        state["ingested_with"] = version
    # With every input unchanged, the state is too (each step above leaves such an entry as it was):
    # rendering 10,000 entries only to find the same bytes would take longer than all the rest.
    if not same_version or unchanged != set(entries) or state.get("version") != STATE_VERSION:
        state["version"] = STATE_VERSION
        files[state_path] = _render_state(state)

    changed = {p.stem for p in write_all(files) if p.suffix == ".md"}
    if cache_dir is not None:
        for key, before in read_at.items():
            try:
                _remember(stats, key, before + _size_mtime(directory / f"{entries[key]['id']}.md")
                          + [entries[key].get("input_sha256"), entries[key].get("record_sha256")])
            except OSError:
                pass
        if stats != stats_before:
            try:
                write_cache(cache_dir / STAT_CACHE, json.dumps(stats, sort_keys=True))
            except OSError:
                pass  # a read-only cache only costs speed
    for key in sorted(drafts.keys() | unchanged):
        record_id = entries[key]["id"]
        report.sources[key] = record_id
        (report.written if record_id in changed else report.unchanged).append(record_id)
    report.written += sorted(stem for stem in changed if stem not in report.written)
    report.gone = _gone(entries, drafts.keys() | unchanged, root, directory)
    return report


def _gone(entries: dict[str, dict], seen: set[str], root: Path, directory: Path) -> dict[str, str]:
    """Inputs no longer on disk whose record still is, by input: deleting an article publishes nothing new, so
    its record, and the events citing it, stay until an editor deletes the record; ingest says so."""
    gone = {}
    for key, entry in entries.items():
        record = directory / f"{entry['id']}.md"
        if key not in seen and not os.path.lexists(root / key) and record.exists():
            gone[key] = os.path.relpath(record, root)
    return gone
