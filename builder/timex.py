"""Temporal tagging: find the dates, times, durations and sets of English news text and normalize them.

The vocabulary (month names, relative words, anchors, patterns) is data in `data/timex_en.yml`; this module
compiles it once into one regular expression, and resolves what it finds against the article's creation
date, reading the tense around an expression to tell "met on Monday" from "will meet on Monday".
"""
from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable
from functools import lru_cache, partial
from importlib import resources
from re import _constants as op  # the standard parser's codes: what a pattern can begin with

import yaml

from .model import EdtfDate, EdtfError, Timex
from .sentences import abbreviated

SEASON_EDTF = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# how far from the creation date a tense cue may place a year-less day ("Jan. 14") or month ("in July"):
# beyond that the nearest one wins, since a cue read from a long sentence is often not the governing verb
TENSE_REACH_DAYS = 200
TENSE_REACH_MONTH_DAYS = 250


# ---------------------------------------------------------------------------------------------------
# The grammar: vocabulary lists become alternations, pattern templates become one big expression.

def _alternation(words) -> str:
    """A regex for any of the words; a space matches any run of white space."""
    return word_trie({w.lower() for w in words})


def word_trie(words, space: str = r"\s+") -> str:
    """An alternation factored by common prefixes, so the regex engine tries one branch per letter, not per
    word; a longer word wins over its prefix ("the past" over "the"). A space in a word matches `space`."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(space if char == " " else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _vocabulary_words(data: dict) -> tuple[set[str], set[str]]:
    """(the words, the phrases) an expression can begin with; the grammar is only tried where one stands.

    A word of a multi-word entry counts only within its phrase ("election" in "election day"), unless it is an
    entry of its own."""
    tables = ("months", "weekdays", "seasons", "parts_of_day")
    entries = [w for t in tables for ws in data[t].values() for w in ws]
    for key in ("numbers", "ordinals", "units", "plurals", "anchors", "positions", "approximators", "deictic",
                "references", "sets", "holidays", "floating_holidays", "easter_holidays", "lunar_holidays", "undated_holidays", "clock_words",
                "decade_words"):
        entries += list(data[key])
    entries += data["vague_numbers"] + data["duration_openers"] + data["start_words"]
    entries += [u + "s" for u in data["units"]] + [w + "s" for t in ("weekdays", "seasons") for ws in data[t].values() for w in ws]
    entries = [" ".join(w.lower().split()) for w in entries]
    words = {part for w in entries if " " not in w for part in re.split(r"[.-]", w)}
    phrases = {w.rstrip(".") for w in entries if " " in w}
    return words - {""}, phrases


def _word_number_regex(numbers: dict) -> str:
    tens = [w for w, n in numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, n in numbers.items() if isinstance(n, int) and 1 <= n <= 9 and w not in ("a", "an")]
    compound = rf"(?:{_alternation(tens)})[\s-](?:{_alternation(ones)})"
    # "2,000 years" is one number: its "000" no number of its own
    return rf"\d{{1,3}}(?:,\d{{3}})+(?![\d,])|(?<!\d,)\d{{1,3}}(?:\.\d+|\s+1/2)?|{compound}|{_alternation(numbers)}"


def _spelled_year_regex(numbers: dict) -> str:
    """'nineteen ninety-six', 'eighteen twelve', 'two thousand and one': years as broadcast transcripts write them."""
    tens = [w for w, n in numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, n in numbers.items() if isinstance(n, int) and 1 <= n <= 9 and w not in ("a", "an")]
    teens = [w for w, n in numbers.items() if isinstance(n, int) and 10 <= n <= 19]
    rest = rf"(?:{_alternation(tens)})(?:[\s-](?:{_alternation(ones)}))?|{_alternation(teens)}|oh[\s-](?:{_alternation(ones)})"
    return (rf"(?P<century>eighteen|nineteen)[\s-]+(?P<yy>{rest})(?![\s-]+(?:{_alternation(numbers)}|thousand|million)\b)"
            rf"|(?P<millennium>two\s+thousand)(?:\s+(?:and\s+)?(?P<yy2>{_alternation(ones + teens)}))?")


def _day_words(ordinals: dict) -> dict[str, int]:
    """The days of a month in words: 'first' to 'thirty-first' ('twenty first' too)."""
    words = {w: n for w, n in ordinals.items() if w.isalpha() and 1 <= n <= 19} | {"twentieth": 20, "thirtieth": 30}
    ones = {w: n for w, n in words.items() if n <= 9}
    for tens, n in (("twenty", 20), ("thirty", 30)):
        for w, k in ones.items():
            if n + k <= 31:
                words[f"{tens}-{w}"] = words[f"{tens} {w}"] = n + k
    return words


_LETTERS, _DIGITS, _SPACES = frozenset("abcdefghijklmnopqrstuvwxyz"), "0123456789", " \t\n\r\f\v"
_OPEN, _WORD, _ANY = 0, 1, 2  # a first word still being read, read to its end, or able to go on with anything
_KEY = re.compile(r"[a-z]+|.", re.DOTALL)  # the first word at a place: a run of letters, or one other character


def _class_chars(arg) -> set[str] | None:
    """The characters a parsed character class matches, or None when it is too wide to list."""
    if any(kind is op.NEGATE for kind, _ in arg):  # only "[^\S\n]" (a space but no line break) is listed
        return set(_SPACES) if (op.CATEGORY, op.CATEGORY_NOT_SPACE) in arg else None
    chars: set[str] = set()
    for kind, value in arg:
        if kind is op.LITERAL:
            chars.add(chr(value))
        elif kind is op.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        elif kind is op.CATEGORY and value in (op.CATEGORY_DIGIT, op.CATEGORY_SPACE):
            chars.update(_DIGITS if value is op.CATEGORY_DIGIT else _SPACES)
        else:
            return None
    return chars


def _read(states: set, chars: set[str] | None) -> set:
    """The first-word states after one more character out of `chars` (None: any character)."""
    out = set()
    for word, _ in states:
        if chars is None:
            out.add((word, _ANY))
            continue
        for c in chars:
            out.add((word + c, _OPEN) if c in _LETTERS else (word or c, _WORD))
    return out


def _first_words(items, states: set) -> set:
    """The first words a parsed pattern can begin with, as (word, state) pairs, read on from `states`.

    An over-estimate where the pattern is too wide to follow (a class of letters, a long repeat): the word
    then stands for every word it begins."""
    for code, arg in items:
        reading = {s for s in states if s[1] == _OPEN}
        if not reading:
            break
        if code is op.LITERAL:
            after = _read(reading, {chr(arg)})
        elif code is op.IN:
            after = _read(reading, _class_chars(arg))
        elif code in (op.ASSERT, op.ASSERT_NOT) and arg[0] < 0:  # a lookbehind: no word goes on through it
            after = {(word, _WORD if word else _OPEN) for word, _ in reading}
        elif code in (op.AT, op.ASSERT, op.ASSERT_NOT):
            after = reading
        elif code is op.SUBPATTERN:
            after = _first_words(arg[3], reading)
        elif code is op.ATOMIC_GROUP:
            after = _first_words(arg, reading)
        elif code is op.BRANCH:
            after = set().union(*(_first_words(branch, reading) for branch in arg[1]))
        elif code is op.GROUPREF_EXISTS:
            after = _first_words(arg[1], reading) | (_first_words(arg[2], reading) if arg[2] else reading)
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            least, most, body = arg
            after, current = (set(reading) if least == 0 else set()), reading
            for count in range(1, 4):
                current = _first_words(body, {s for s in current if s[1] == _OPEN})
                if count >= least:
                    after |= current
                if count == most or all(s[1] != _OPEN for s in current):
                    break
            else:
                after |= {(word, _ANY) for word, state in current if state == _OPEN}
        else:
            after = {(word, _ANY) for word, _ in reading}
        states = (states - reading) | after
        if len(states) > 400:
            states = {(word, _ANY if state == _OPEN else state) for word, state in states}
    return states


def _begins(lead: frozenset, key: str) -> bool:
    """Whether a pattern whose first words are `lead` can begin where the first word is `key`."""
    return any(key == word if state == _WORD else key.startswith(word) for word, state in lead)


@dataclass
class _Grammar:
    scanner: re.Pattern  # where an expression can begin: right after the character it matches
    at_start: re.Pattern  # the same test at the start of the text
    patterns: list[re.Pattern]  # the alternatives, in their order
    leads: list[frozenset]  # the first words each can begin with (see _first_words)
    by_key: dict[str, tuple[re.Pattern, ...]]  # first word -> the alternatives that can begin with it, filled as met
    handler: dict[str, str]  # alternative (its text) -> the name of its handler
    data: dict
    lookup: dict[str, dict[str, object]]  # field -> {lower-case word: meaning}
    tense_cue: re.Pattern  # a "future" or "past" cue, in lower-cased text
    after: dict[str, frozenset[str]]  # table -> its words, lower-cased, one space between words
    capitalized: frozenset[str]  # words that are a date only when capitalized ("May")
    results_cue: re.Pattern  # a word of a results report, in lower-cased text
    month_range: tuple[re.Pattern, re.Pattern]  # a month and a range word before an expression, and after it


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    data = yaml.safe_load(resources.files("builder").joinpath("data/timex_en.yml").read_text(encoding="utf-8"))
    lookup: dict[str, dict[str, object]] = {
        "month": {w: int(n) for n, ws in data["months"].items() for w in ws},
        "weekday": {w: int(n) for n, ws in data["weekdays"].items() for w in ws},
        "season": {w: code for code, ws in data["seasons"].items() for w in ws},
        "part": {w: code for code, ws in data["parts_of_day"].items() for w in ws},
        "anchor": data["anchors"],
        "pos": data["positions"],
        "approx": data["approximators"],
        "deictic": data["deictic"],
        "reference": data["references"],
        "set": data["sets"],
        "holiday": data["holidays"],
        "floating": data["floating_holidays"],
        "easter": data["easter_holidays"],
        "lunar": data["lunar_holidays"],
        "undated": data["undated_holidays"],
        "clockword": data["clock_words"],
        "numword": data["numbers"],
        "ordinal": data["ordinals"],
        "day_word": _day_words(data["ordinals"]),
    }
    # an abbreviation is written with its dot, or without it right before a day number ("Jan 5")
    def names(table: dict) -> str:
        words = list(table)
        bare = [w[:-1] for w in words if w.endswith(".")]
        return _alternation(words) + ("|(?:%s)(?=\\s+\\d)" % _alternation(bare) if bare else "")

    units = list(data["units"]) + [u + "s" for u in data["units"]] + list(data["plurals"])
    sep = r"(?:(?<=-)|-(?=[a-z\d])(?!(?:night|morning|afternoon|evening)\b)|\s+)"  # "mid-March", "late-November", "early March"
    pieces = {
        "MONTH": rf"(?P<month>{names(lookup['month'])})",
        # the first and last months of a calendar quarter: "april-june"
        "MONTH_PAIR": "(?P<month_pair>%s)" % "|".join(
            rf"(?:{_alternation(data['months'][n])})\s*[-–]\s*(?:{_alternation(data['months'][n + 2])})" for n in (1, 4, 7, 10)),
        "WEEKDAY": rf"(?P<weekday>{names(lookup['weekday'])})",
        "SEASON": rf"(?P<season>{_alternation(lookup['season'])})",
        "PART": rf"(?P<part>{_alternation(lookup['part'])})",
        "DAY": r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%,.]\d|\d|%)",
        # the second day of a range is no count of something ("on May 3 and 4 others")
        "DAY2": r"(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%,.]\d|\d|%|\s+(?:others?|people|percent|per\s+cent|more|times"
                r"|of\s+(?:the|them|those|these)|hundred|thousand|[mb]illion)\b)",
        "YEAR": r"(?P<year>1[7-9]\d\d|20\d\d)(?![\d%]|[,.]\d|s\b)",
        "NUM": rf"(?P<num>{_word_number_regex(data['numbers'])})",
        "SPELLED_YEAR": _spelled_year_regex(data["numbers"]),
        "DECADE_WORD": rf"(?P<decade_word>{_alternation(data['decade_words'])})",
        "VAGUE": rf"(?P<vague>{_alternation(data['vague_numbers'])})",
        "UNIT": rf"(?P<unit>{_alternation(units)})",
        "UNIT1": rf"(?P<unit>{_alternation(data['units'])})",
        "UNITS": rf"(?P<unit>{_alternation([u + 's' for u in data['units']] + list(data['plurals']))})",
        "ORD": rf"(?P<ordinal>{_alternation(data['ordinals'])})",
        "DAY_WORD": rf"(?P<day_word>{_alternation(lookup['day_word'])})",
        "ORD2": rf"(?P<n2>\d{{1,2}}(?:st|nd|rd|th)|{_alternation(data['ordinals'])})",
        "ANCHOR_": rf"(?P<anchor>{_alternation(data['anchors'])})\s+",
        "POS_": rf"(?P<pos>{_alternation(data['positions'])}){sep}",
        "APPROX_": rf"(?P<approx>{_alternation(data['approximators'])})\s+",
        "OPENER_": rf"(?P<opener>{_alternation(data['duration_openers'])})\s+",
        "ADJ": rf"(?:{_alternation(data['duration_adjectives'])})",
        "DEICTIC": rf"(?P<deictic>{_alternation(data['deictic'])})",
        "REFERENCE": rf"(?P<reference>{_alternation(data['references'])})",
        "SET": rf"(?P<set>{_alternation(data['sets'])})",
        "HOLIDAY": rf"(?P<holiday>{_alternation(data['holidays'])})",
        "FLOATING": rf"(?P<floating>{_alternation(data['floating_holidays'])})",
        "EASTER": rf"(?P<easter>{_alternation(data['easter_holidays'])})",
        "LUNAR": rf"(?P<lunar>{_alternation(data['lunar_holidays'])})",
        "UNDATED": rf"(?P<undated>{_alternation(data['undated_holidays'])})",
        "AMPM": r"(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)",
        "ZONE": rf"(?P<zone>{'|'.join(re.escape(z.lower()) for z in data['zone_names'])})\b",
        "REL_DAY": r"(?P<rel_day>today|tomorrow|yesterday|tonight)(?!['’]s)",
        "CLOCKWORD": rf"(?P<clockword>{_alternation(data['clock_words'])})",
    }
    alternatives, handlers = [], []
    for item in data["patterns"]:
        for name, template in item.items():
            alternatives.append(re.sub(r"\{(\w+)\}", lambda m: pieces[m[1]], template))
            handlers.append(name)
    # where an expression can begin: a telling word or a digit, or a common word ("the", "a", "last") with
    # a telling word or digit among the next few; the engine skips every other position cheaply
    words, phrases = _vocabulary_words(data)
    glue = set(data["glue_words"])
    weak = set(data["weak_start_words"]) & (words | {part for p in phrases for part in re.split(r"[\s.-]", p)})
    # a number starts an expression only as a year, a clock time or a slashed date, or before a unit, a month
    # word or "times" ("8,000 people", "2%", "31 members" and "the two leaders" are skipped without trying the
    # patterns); a spelled year ("nineteen ninety", "two thousand") is a start of its own
    before_word = word_trie({w.rstrip(".") for w in list(data["units"]) + units + [w for ws in data["months"].values() for w in ws]}
                            | {"times"})
    counted = (r"(?:\s*(?:or|to|-)\s*(?:\d+(?::\d\d)?|[a-z]+)|\s*(?:–|and|through)\s*\d+(?::\d\d|st|nd|rd|th)?)?"
               r"(?:\s+%s)?[\s-]*(?:and\s+a\s+half\s+)?(?:of\s+)?(?:%s|[ap]\.?\s?m\b|(?:o['’]clock\s+)?(?:in\s+the|at\s+night))"
               % (pieces["ADJ"], before_word))
    zones = "|".join(re.escape(z.lower()) for z in data["zone_names"])
    number = (rf"(?:1[7-9]|20)\d\d(?!\d)|\d\d?\.\d\d?\.(?:1[7-9]|20)\d\d|[0-2]?\d\.?[0-5]\d\s+(?:{zones})\b|\d*[:/]\d|"
              rf"(?:\d{{1,3}}(?:,\d\d\d)+|\d[\d.]*)(?:st|nd|rd|th)?(?:\s+1/2)?{counted}")
    number_words = {w for w in data["numbers"] if " " not in w} - weak - {"eighteen", "nineteen"}
    count_word = rf"(?:{word_trie(number_words)})(?:(?:[\s-]+(?:{word_trie(number_words)}))?{counted}|\s+thousand\b)"
    telling = words - weak - glue - number_words
    # a phrase that begins with a common word ("the latest", "at the moment") begins an expression itself, but
    # tells nothing after another common word ("the government in the coming years")
    common = {p for p in phrases if p.split()[0] in weak}
    starting = {p for p in phrases if p.split()[0] not in glue} - common
    def telling_start(words: set[str]) -> str:
        return r"(?:(?:%s)\b|(?=\d)(?:%s)|%s|['’]\d|pt?\d|fy\d|[qh][1-4]\b|[1-4][qh](?:\s*(?:1[7-9]|20)\d\d|['’]?\d\d)(?!\d)|(?<=the )\d\d?(?:st|nd|rd|th)\b)" % (
            word_trie(words | starting | set(data["start_phrases"])), number, count_word)

    strong, inner = telling_start(telling | common), telling_start(telling)
    starts = r"(?=%s|(?:%s)\b(?:[\s-]+[\w'’.]+){0,3}?[\s-]+%s)" % (strong, word_trie(weak), inner)
    # an expression begins after a character that is no part of a word: the engine skips to the next such
    # character cheaply, and only there looks for a telling word
    scanner = re.compile(r"[^\w'’]" + starts)
    # an expression does not end inside a word or a number ("2011-2012" is two years), nor before "-long"
    # ("the decade-long war" is a duration)
    end = r"(?!\w|['’][a-rt-z]|-(?!(?:1[7-9]|20)\d\d(?!\d))\d|-long\b)"
    # at each place, only the patterns that can begin with its first word are tried, in their order
    # (case-sensitive over lower-cased text): "today" tries 1 of them, "the" 34
    leads = [frozenset(_first_words(re._parser.parse(body), {("", _OPEN)})) for body in alternatives]
    patterns = [re.compile(body + end) for body in alternatives]  # 0.05 s: one big alternation took 0.4
    # keyed by the expression's text, whose hash Python keeps: a compiled pattern hashes its whole code on each lookup
    handler = {pattern.pattern: name for pattern, name in zip(patterns, handlers)}

    tense = data["tense"]
    not_past = "|".join(re.escape(w) for w in tense["not_past"])
    # one pass finds both kinds; at the same place a future cue wins ("will have")
    # "next to the embassy" is a place, not a time ahead
    tense_cue = re.compile(r"\b(?:(?P<future>(?:%s)\s+[a-z]+|(?!next\s+to\b)(?:%s)|(?<!\bdid\s)(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bthe\s)(?<!\ba\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bits\s)"
                           r"(?<!\btheir\s)(?:%s))"
                           r"|(?P<past>(?:%s)\s+[a-z]+ed|%s)|(?P<ed>(?!(?:%s)\b)[a-z]{2,}ed))\b"
                           % (_alternation(tense["future_passive"]), _alternation(tense["future"]), _alternation(tense["future_plural"]),
                              _alternation(tense["past_passive"]), _alternation(tense["past"]), not_past))
    after = {table: frozenset(" ".join(w.lower().split()) for w in data[table])
             for table in ("signals", "season_signals", "day_signals", "clock_signals", "not_year_after", "not_a_noun")}
    for table in ("month", "weekday"):  # "Jan 5" is written without the dot of "Jan."
        lookup[table].update({w[:-1]: n for w, n in list(lookup[table].items()) if w.endswith(".")})
    capitalized = frozenset(data["capitalized"]) | {w.rstrip(".") for w in data["capitalized"]}
    results_cue = re.compile(r"(?:\b(?:%s)\b|%%)" % _alternation(data["results_words"]))
    # the other month of the range is one no name or verb is spelled like ("May", "March"), or it follows "from",
    # "between"; or the range is a span of months ("the year to March")
    month_words = [w.rstrip(".") for ws in data["months"].values() for w in ws]
    # or it is one capitalized and joined by a dash ("March-May"; not "Theresa May and March Madness")
    ambiguous = {w.rstrip(".") for w in data["capitalized"]}
    sure = _alternation(set(month_words) - ambiguous)
    dashed = rf"(?:{sure}|(?-i:{'|'.join(sorted(w.capitalize() for w in ambiguous & set(month_words)))}))"
    to, year = r"(?:to|and|through|until|or|-|–)", r"(?:,?\s+(?:1[7-9]|20)\d\d)?"
    month_range = (re.compile(rf"\b(?:(?:(?:from|between)\s+(?:{_alternation(month_words)})|{sure})\.?{year}|year|months|quarter|week)"
                              rf"\s*{to}\s*$|\b{dashed}\.?\s*[-–]\s*$", re.IGNORECASE),
                   re.compile(rf"\s*(?:{to}\s+(?:{sure})|[-–]\s*{dashed})\b", re.IGNORECASE))
    return _Grammar(scanner, re.compile(starts), patterns, leads, {}, handler, data, lookup, tense_cue, after, capitalized,
                    results_cue, month_range)


# ---------------------------------------------------------------------------------------------------
# Calendar arithmetic on TIMEX3 values.

def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


# the units _shift counts in: the calendar has periods of them ("last week", "the previous decade"), not of a fortnight
_PERIODS = frozenset({"day", "week", "weekend", "month", "quarter", "year", "decade", "century"})


def _same_day(year: int, month: int, day: int) -> date:
    """That day of the month, or the month's last day where it has fewer ('a month ago' from March 31)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _shift(ref: date, unit: str, n: int) -> str:
    """The period of `unit` that lies `n` units from the reference date, at that unit's precision."""
    if unit == "day":
        return (ref + timedelta(days=n)).isoformat()
    if unit in ("week", "weekend"):
        value = _week_value(ref + timedelta(weeks=n))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return "%04d-%02d" % _add_months(ref.year, ref.month, n)
    if unit == "quarter":
        year, month = _add_months(ref.year, ref.month, 3 * n)
        return f"{year}-Q{_quarter(month)}"
    if unit == "year":
        return "%04d" % (ref.year + n)  # "1,500 years ago" is 0513, not the century "513"
    if unit == "decade":
        return str(ref.year // 10 + n)
    if unit == "century":
        return str(ref.year // 100 + n)
    raise ValueError(unit)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own name
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


# Meeus, Astronomical Algorithms ch. 49: the periodic terms of the true new moon, as (coefficient, power of E,
# multiples of M, M', F, Omega); the planetary terms left out move it by under a minute
_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0), (0.01608, 0, 0, 2, 0, 0), (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0), (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0), (0.00056, 1, 1, 2, 0, 0), (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0), (-0.00017, 0, 0, 0, 0, 1), (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0), (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0), (0.00003, 0, -1, 1, 2, 0), (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)


def _new_moon(k: int) -> float:
    """The Julian day (UT, to about a minute) of new moon number `k`, counted from the one of January 6, 2000."""
    t = k / 1236.85
    jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t * t - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4
    e = 1 - 0.002516 * t - 0.0000074 * t * t
    args = [math.radians(a) for a in (
        2.5534 + 29.1053567 * k - 0.0000014 * t * t - 0.00000011 * t ** 3,
        201.5643 + 385.81693528 * k + 0.0107582 * t * t + 0.00001238 * t ** 3 - 0.000000058 * t ** 4,
        160.7108 + 390.67050284 * k - 0.0016118 * t * t - 0.00000227 * t ** 3 + 0.000000011 * t ** 4,
        124.7746 - 1.56375588 * k + 0.0020672 * t * t + 0.00000215 * t ** 3)]
    jde += sum(c * e ** p * math.sin(a * args[0] + b * args[1] + f * args[2] + o * args[3]) for c, p, a, b, f, o in _NEW_MOON_TERMS)
    return jde - 0.0008  # TT to UT (about 70 seconds)


@lru_cache(maxsize=64)
def _lunar_new_year(year: int) -> date:
    """The first day of the Chinese year: the first new moon, by Beijing's clock (UT+8), from January 21 on
    (so it falls between January 21 and February 20)."""
    earliest = date(year, 1, 21)
    k = math.floor((year - 2000) * 12.3685) - 1
    while True:
        day = date.fromordinal(math.floor(_new_moon(k) + 0.5 + 8 / 24) - 1721425)
        if day >= earliest:
            return day
        k += 1


# the Saturday of the weekend a holiday on each weekday belongs to: Labor Day (a Monday) ends its weekend,
# Thanksgiving (a Thursday) begins it; a Wednesday is as far from one as from the other
_WEEKEND_SATURDAY = {1: -2, 2: -3, 4: 2, 5: 1, 6: 0, 7: -1}


def _holiday_weekend(day: date) -> str:
    """'Labor Day weekend', 'Easter weekend': the weekend next to the holiday, or no known week (a Wednesday)."""
    shift = _WEEKEND_SATURDAY.get(day.isoweekday())
    return "XXXX-WXX-WE" if shift is None else _week_value(day + timedelta(days=shift)) + "-WE"


def _pick(candidates: list[date], ref: date, direction: str, inclusive: bool = True) -> date:
    """The candidate on the side of `ref` the tense points to: past, future, or the nearest one."""
    if direction == "past":
        before = [c for c in candidates if c < ref or (inclusive and c == ref)]
        return max(before) if before else min(candidates, key=lambda c: abs(c - ref))
    if direction == "future":
        after = [c for c in candidates if c > ref or (inclusive and c == ref)]
        return min(after) if after else min(candidates, key=lambda c: abs(c - ref))
    return min(candidates, key=lambda c: abs(c - ref))


def _pick_near(candidates: list[date], ref: date, direction: str, reach: int) -> date:
    """The candidate the tense points to when it lies within `reach` days of `ref`, else the nearest one.

    A year-less "Jan. 14" or "in May" in news is nearly always within months of the article; a tense cue read
    from a long sentence should not move it a year away.
    """
    chosen = _pick(candidates, ref, direction) if direction in ("past", "future") else None
    if chosen is not None and abs((chosen - ref).days) <= reach:
        return chosen
    return min(candidates, key=lambda c: abs(c - ref))


def _day_of(value: str | None, unit: str) -> date | None:
    """A day inside a previously found date, when that date is at least as precise as `unit`."""
    if not value:
        return None
    if _QUARTER_VALUE.match(value):  # "1988-Q3": its first day stands for it, to the quarter or the year
        return date(int(value[:4]), 3 * int(value[-1]) - 2, 1) if unit in ("quarter", "year") else None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m or (unit in ("day", "week", "weekend") and not m[3]) or (unit == "month" and not m[2]):
        return None
    return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")  # a value at a day's precision or finer ("2024-03-03T10:00")
_DAY_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")
_SEASON_VALUE = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_PART_VALUE = re.compile(r"(\d{4})-([QH])(\d)")


def edtf_of(value: str) -> str | None:
    """The EDTF date a TIMEX3 value names, at its true precision; None for durations, sets and references."""
    if not value[:1].isdigit():
        return None  # "PRESENT_REF", "P3Y", "XXXX-WXX-1"
    m = _DAY_VALUE.fullmatch(value)
    if m:
        return value[:10] if m[3] else value[:7] if m[2] else value[:4]
    m = _SEASON_VALUE.fullmatch(value)
    if m:
        return f"{m[1]}-{SEASON_EDTF[m[2]]}"
    m = _WEEK_VALUE.fullmatch(value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        first, last = (monday + timedelta(days=5), monday + timedelta(days=6)) if m[3] else (monday, monday + timedelta(days=6))
        return f"{first.isoformat()}/{last.isoformat()}"
    m = _PART_VALUE.fullmatch(value)
    if m:
        size = 3 if m[2] == "Q" else 6
        first = (int(m[3]) - 1) * size + 1
        return f"{m[1]}-{first:02d}/{m[1]}-{first + size - 1:02d}"
    if value.isdigit() and len(value) == 3:
        return f"{value}0/{value}9"
    if value.isdigit() and len(value) == 2:
        return f"{value}00/{value}99"
    return None


# ---------------------------------------------------------------------------------------------------
# Reading a match.

@dataclass
class _Match:
    """One expression found by the grammar, with what resolving it needs."""

    start: int
    end: int
    kind: str  # the handler
    f: dict[str, str]  # field -> matched text, lower-cased
    read_tense: Callable[[], str] | None = None  # reads the tense around it, when a handler first asks for it
    _tense: str | None = None

    def _read(self) -> str:
        """What `_tense` read (read only when a handler first needs it: a date with its year does not)."""
        if self._tense is None:
            self._tense = self.read_tense() if self.read_tense else ""
        return self._tense

    @property
    def tense(self) -> str:
        """"past", "future" or "" as read from the words around it."""
        tense = self._read()
        return _PLAIN_TENSE.get(tense, tense)

    @property
    def firm_future(self) -> bool:
        """Whether the future was read from the words that govern the expression ("will be held", "is set for",
        "postponed until"), not from a cue elsewhere in the sentence: it names the coming day however far."""
        return self._read() == "due"

    @property
    def plain_past(self) -> bool:
        """Whether the past was read from a verb of the tense table ("ran", "was"), not from a word in -ed,
        which may be an adjective ("an unspecified date in January")."""
        return self._read() in ("past", "past-governs")

    @property
    def governed_past(self) -> bool:
        """Whether a past verb right before the expression, in its phrase, governs it ("lost the final in May"):
        it names the last such month or day however far, as `firm_future` names the coming one."""
        return self._read().endswith("-governs")

    @tense.setter
    def tense(self, value: str) -> None:
        self._tense = value


_PLAIN_TENSE = {"ed": "past", "due": "future", "past-governs": "past"}  # what `_tense` reads: see there
# a time the act looks ahead to, not the one it happened in: "was extended to", "was planned for early March" (not
# "was named player of the month for August")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|to|until|till|before|through|(?:plan|schedul|set|slat|book|postpon|mov|push|delay|due|"
                              r"expect|target|earmark)[a-z]*\s+(?:[\w'’-]+\s+){0,3}?for)\s+$")
_INTENT = re.compile(r"(?:voted|decided|agreed|promised|pledged|vowed|planned|resolved|ordered|asked|told|urged|"
                     r"approved\s+a\s+plan)\s+(?:[\w'’-]+\s+){0,6}?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|be\s+held\b)"
                     r"[a-z]+\b[^,;]*$")
_RIGHT_BEFORE = re.compile(r"\s+(?:(?:in|on|during)\s+)?")
_PRESENT_BEFORE = re.compile(r"\b(?:is|are|be|being|to)\s+$")  # "the case is heard in May"
_GOVERNING_REACH = 30  # characters from a past verb to an expression it governs: "lost the final in"


def _two_digit_year(yy: int) -> int:
    """The year a two-digit one names in news: '24 is 2024, '98 is 1998."""
    return yy + (1900 if yy > 30 else 2000)


def _spelled(f: dict) -> str:
    """The year of a spelled-out year's fields: 'nineteen ninety-six' is 1996, 'two thousand and one' 2001."""
    if f.get("millennium"):
        return str(2000 + int(_number(f["yy2"]) if f.get("yy2") else 0))
    return str({"eighteen": 1800, "nineteen": 1900}[f["century"]] + int(_number(f["yy"].replace("oh", "").strip(" -"))))


def _number(text: str) -> float | None:
    words = grammar().lookup["numword"]
    text = text.lower().strip()
    if text in words:
        return float(words[text])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(\s+1/2)?", text.replace(",", ""))
    if m:
        return float(m[1]) + (0.5 if m[2] else 0)
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        return float(words[parts[0]] + words[parts[1]])
    return None


def _unit(word: str) -> str:
    data = grammar().data
    word = word.lower()
    if word in data["plurals"]:
        return data["plurals"][word]
    return word if word in data["units"] else word[:-1]


def _sized(n: float | None, unit: str) -> tuple[float | None, str]:
    """The count in a unit the calendar counts in: a decade is ten years, a fortnight two weeks."""
    size = grammar().data["unit_sizes"].get(unit)
    return ((None if n is None else n * size[0]), size[1]) if size else (n, unit)


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: 'P7Y', 'PT3H', 'P30Y' for three decades, 'PXY' for decades, 'P2Y6M' for two and a half years."""
    n, unit = _sized(n, unit)  # "half a century" is P50Y, "a fortnight" P2W
    letter, granularity = grammar().data["units"][unit]
    t = "T" if granularity == "time" else ""
    if n is None:
        return f"P{t}X{letter}"
    if n == int(n):
        return f"P{t}{int(n)}{letter}"
    # a fraction goes to the next unit down
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)} if not t else {"H": ("M", 60), "M": ("S", 60)}
    if letter not in smaller:
        return f"P{t}{n:g}{letter}"
    letter2, factor = smaller[letter]
    whole, rest = int(n), round((n - int(n)) * factor)
    head = f"{whole}{letter}" if whole else ""
    if letter2 == "H":
        return f"P{head}T{rest}H"
    return f"P{t}{head}{rest}{letter2}"


# a bare plural unit is a duration after one of these ("for years", "over the years", "in the days before")...
_BARE_PLURAL_BEFORE = re.compile(r"\b(?:for|in|over|within|after|lasting|took|during|throughout)\s+"
                                 r"(?:the\s+(?:(?:early|first|last|final|following|intervening|ensuing)\s+)?)?$", re.IGNORECASE)
# ... or before one of these ("hours after the attack", "months ago")
_BARE_PLURAL_AFTER = re.compile(r"\s+(?:after|before|later|earlier|ahead)\b")
_SMALL_HOURS = re.compile(r"\b(?:early|wee|small)\s+$", re.IGNORECASE)


# "the year ended March 31", "in the year to March", "the week through Friday": a span ending then, no calendar year
_PERIOD_ENDING = re.compile(r"\s+(?:end(?:ed|ing)\b|(?:to|through)\s+(?:the\s+end\s+of\s+)?(?:[A-Z][a-z]|\d))")
_QUARTER_ENDED = re.compile(r"\s+end(ed|ing)\s+([a-z]+\.?)\s+(\d\d?)(?:st|th)?\b(?:,\s+((?:19|20)\d\d)\b)?", re.IGNORECASE)
_NEW_YEAR_BEFORE = re.compile(r"\b(in|into|until|till|by|since|after|before|from|early|late|over)\s+$", re.IGNORECASE)


_SOON_AFTER = re.compile(r"-|\s+(?:after|before|afterwards?|thereafter|as|enough|to\s+be|than)\b")
_SOON_BEFORE = re.compile(r"\b(?:as|how|too|so|very)\s+$", re.IGNORECASE)


# a verb comes next: "will one day be", "is expected to last six weeks"
_MODALS = r"will|would|could|may|might|can|should|must"
_ONE_DAY_BEFORE = re.compile(rf"\b(?:{_MODALS}|hopes?\s+to|wants?\s+to)\s+$", re.IGNORECASE)
_VERB_LAST_BEFORE = re.compile(rf"\b(?:{_MODALS}|to)\s+$", re.IGNORECASE)
_ENDED = re.compile(r"\bended\s+$", re.IGNORECASE)
# a capitalized word inside a sentence right before "May" or "March" makes it a name ("Theresa May"); at the
# start of a sentence it is a signal ("In May", "Since March")
_NAME_BEFORE = re.compile(r"[\w,;’'\")][^\S\n]+[A-Z][a-z]*\.?[^\S\n]+$")  # (a new line starts a sentence)
# a future verb just before a year-less day or month governs it, so it names the coming one however far the
# nearest lies: "will be held Nov. 6", "is scheduled for Nov. 6", "is set to open in January" (in March)
_GOVERNING_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:to|set|scheduled|slated|due))(?:\s+[a-z]+){0,3}?"
                               r"\s+(?:(?:on|for|in|by|until|before)\s+)?$")


# a place between a clock time and its day: "at 10 a.m. in Brussels on Thursday", "at noon in New York on Monday"
_PLACE_THEN_DAY = re.compile(r"\s+in\s+(?:[A-Z][\w.'’-]*\s+){1,3}on\s+(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")


class _Resolver:
    """Turns a match into (type, value) given a reference day; `ref=None` leaves the calendar unknown (X)."""

    def __init__(self, g: _Grammar):
        self.g = g
        self.L = g.lookup

    def __call__(self, m: _Match, ref: date | None) -> tuple | None:
        """(type, value, relative), with an EDTF when the value alone does not give it, or None when the match
        is not a temporal expression after all."""
        f = m.f
        if "century" in f or "millennium" in f:  # a spelled-out year: "January nineteen ninety-seven"
            f = dict(f, year=_spelled(f))
        return getattr(self, "_" + m.kind)(m, f, ref)

    # -- absolute dates ----------------------------------------------------------------------------
    def _iso_duration(self, m, f, ref):
        return "DURATION", m.f["_text"].upper(), False

    def _iso(self, m, f, ref):
        y, mo, d = int(f["y"]), int(f["m"]), int(f["d"])
        try:
            day = date(y, mo, d)
        except ValueError:
            return None
        if f.get("hh"):
            return "TIME", f"{day.isoformat()}T{f['hh']}:{f['mm']}" + (f":{f['ss']}" if "ss" in f else ""), False
        return "DATE", day.isoformat(), False

    def _slashed(self, m, f, ref):
        """'3/25/2024' and '25/03/2024' by the day above 12; '05/04/2024' the way the text's other slashed dates
        show, else month first, as American news writes it."""
        a, b, y = int(f["a"]), int(f["b"]), int(f["y"])
        if y < 100:
            y = _two_digit_year(y)
        month, day = (b, a) if a > 12 or b <= 12 and m.f["_order"] == "dmy" else (a, b)
        try:
            return "DATE", date(y, month, day).isoformat(), False
        except ValueError:
            return None

    def _dotted(self, m, f, ref):
        """'24.03.2024' is day first, '2024.03.24' year first; '12.03.2024' is read the way the text's other dotted
        dates show (a day above 12 somewhere), else only its year is sure."""
        if "m" in f:
            month, day = int(f["m"]), int(f["d"])
        else:
            a, b = int(f["a"]), int(f["b"])
            order = "dmy" if a > 12 else "mdy" if b > 12 else m.f["_order"]
            if not order and a != b:
                return "DATE", f["y"], False
            month, day = (b, a) if order != "mdy" else (a, b)
        try:
            return "DATE", date(int(f["y"]), month, day).isoformat(), False
        except ValueError:
            return None

    def _date(self, m, f, ref):
        """'Nov. 4, 2024', '4 November', 'Monday, Nov. 4': a day, with the year from the text or the tense."""
        if "day_word" in f and (f := self._day_in_words(m, f)) is None:
            return None
        month, day = self.L["month"][f["month"]], int(f["day"])
        if "year" in f:
            try:
                return "DATE", date(int(f["year"]), month, day).isoformat(), False
            except ValueError:
                return None
        if ref is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", True
        if year := self._range_year(f, month, day):  # "from Dec. 28 to Jan. 3"
            return ("DATE", date(year, month, day).isoformat(), True) if not _invalid_day(month, day) else None
        candidates = []
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                pass
        if not candidates:
            return None
        if f.get("weekday"):  # "Wednesday, March 6": the year in which that day is a Wednesday, on the tense's side
            named = [c for c in candidates if c.isoweekday() == self.L["weekday"][f["weekday"]]
                     and (m.governed_past or not m.plain_past or c <= ref) and (m.tense != "future" or c >= ref)]
            if len(named) == 1:
                return "DATE", named[0].isoformat(), True
        if _ENDED.search(m.f["_before"]):  # "the year ended March 31": a period already over, however long ago
            return "DATE", _pick(candidates, ref, "past").isoformat(), True
        this_year = [c for c in candidates if c.year == ref.year and c < ref]
        if this_year and m.plain_past:  # "the vote was held on Jan. 14", in November
            return "DATE", this_year[0].isoformat(), True
        if m.firm_future or m.governed_past:
            return "DATE", _pick(candidates, ref, m.tense).isoformat(), True
        return "DATE", _pick_near(candidates, ref, m.tense, TENSE_REACH_DAYS).isoformat(), True

    def _day_in_words(self, m, f) -> dict | None:
        """'March eighth', 'the first of May, nineteen ninety-eight': the day (and year) of a date in words."""
        f = dict(f, day=str(self.L["day_word"][" ".join(f["day_word"].split())]))
        if _invalid_day(self.L["month"][f["month"]], int(f["day"])):
            return None
        if (f["month"] in self.g.data["capitalized"] and not {"weekday", "year", "anchor", "century", "millennium"} & f.keys()
                and m.f["_text"].startswith(f["month"]) and not self._after_word(m, "signals")):
            return None  # "Theresa May first said"
        return f

    def _day_of_month(self, m, f, ref):
        """'on the 15th', 'by the 1st of next month': that day in the month the text spoke of last, else in the
        creation date's month or the one either side, as the tense points."""
        if not self._after_word(m, "day_signals"):
            return None
        day, previous = int(f["day"]), _day_of(m.f["_previous"], "month")
        base = previous or ref
        if base is None:
            return "DATE", f"XXXX-XX-{day:02d}", True
        offsets = [{"this": 0, "next": 1, "last": -1}[f["rel"]]] if f.get("rel") else [0] if previous else (-1, 0, 1)
        candidates = []
        for n in offsets:
            try:
                candidates.append(date(*_add_months(base.year, base.month, n), day))
            except ValueError:  # no 30th in February
                pass
        return ("DATE", _pick(candidates, ref or base, m.tense).isoformat(), True) if candidates else None

    def _week_of(self, m, f, ref):
        """'the week of March 6', 'the weekend of March 9': the week (its weekend) that day falls in."""
        out = self._date(m, f, ref)
        weekend = "-WE" if f.get("weekend") else ""
        if out is None or out[1].startswith("X"):
            return out and ("DATE", "XXXX-WXX" + weekend, True)
        return "DATE", _week_value(date.fromisoformat(out[1])) + weekend, out[2]

    def _week_in_month(self, m, f, ref):
        """'the first week of March', 'the last week of May': the week holding the month's first (last) Thursday,
        ISO 8601's rule for the month a week belongs to."""
        out = self._month(m, dict(f, anchor=f.get("anchor") or "the"), ref)  # "week of May" is the month, not Theresa May
        if out is None or out[1].startswith("X"):
            return out and ("DATE", "XXXX-WXX", True)
        first = date(int(out[1][:4]), int(out[1][5:7]), 1)
        thursdays = [first + timedelta(days=(4 - first.isoweekday()) % 7 + 7 * k) for k in range(5)]
        thursdays = [t for t in thursdays if t.month == first.month]
        n = int(self.L["ordinal"][f["ordinal"]]) if "ordinal" in f else len(thursdays)
        return ("DATE", _week_value(thursdays[n - 1]), out[2]) if n <= len(thursdays) else None

    def _month(self, m, f, ref):
        month = self.L["month"][f["month"]]
        pos = self.L["pos"].get(f.get("pos", ""), "")
        if (f["month"] in self.g.data["capitalized"] and "year" not in f and not pos and not f.get("anchor") and not f.get("rel")
                and (_NAME_BEFORE.search(m.f["_before"])
                     or not self._after_word(m, "season_signals") and not self._in_month_range(m))):
            return None  # "Theresa May", "the March for Life"; "giving Theresa May until Oct. 31", though a range follows
        if "year" in f:
            return "DATE", f"{f['year']}-{month:02d}", False
        anchor = self.L["anchor"].get(f.get("anchor", ""), "the")
        if ref is None:
            return "DATE", f"XXXX-{month:02d}", True
        year = self._year_of(f, ref, m.f["_previous"]) or self._range_year(f, month, 1)
        if year is None:
            firsts = [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
            this_month = date(ref.year, ref.month, 1)
            if anchor == 0:
                year = ref.year
            elif anchor in (-1, 1):
                year = _pick(firsts, this_month, "past" if anchor < 0 else "future", inclusive=False).year
            elif m.plain_past and month < ref.month:  # "the show ran from January to March", in November
                year = ref.year
            elif m.firm_future or m.governed_past:
                year = _pick(firsts, this_month, m.tense).year
            else:
                year = _pick_near(firsts, this_month, m.tense, TENSE_REACH_MONTH_DAYS).year
        return "DATE", f"{year}-{month:02d}", True

    def _in_month_range(self, m) -> bool:
        """Whether a month stands in a range with another one: 'from January to March', 'between March and May'."""
        months = self.g.month_range
        return bool(months[0].search(m.f["_before"]) or months[1].match(m.f["_after"]))

    @staticmethod
    def _range_year(f, month: int, day: int) -> int | None:
        """The year of the end of a range, from the start's: the same, or the next when it comes earlier in the
        year ('from November to February'), so the two ends never fall in years the tense reads apart."""
        first = f.get("_range_from")
        if not first:
            return None
        return int(first[:4]) + ((month, day) < (int(first[5:7]), int(first[8:10] or 1)))

    def _year_of(self, f, ref, previous: str | None = None) -> int | None:
        """'of this year', 'of last year': a year stated relative to the reference; 'of that year', the year of
        the date the text spoke of last."""
        rel = f.get("rel", "")
        if "that" in rel:
            return int(previous[:4]) if previous and previous[:4].isdigit() else None
        for word, n in (("this", 0), ("last", -1), ("next", 1), ("the", 0)):
            if re.search(rf"\b{word}\b", rel):
                return ref.year + n
        return None

    def _season(self, m, f, ref):
        code = self.L["season"][f["season"]]
        position = self.L["pos"].get(f.get("pos", ""))
        if "year" in f:
            return "DATE", f"{f['year']}-{code}", False
        anchor_word = f.get("anchor", "")
        if anchor_word in ("", "the") and not position and not self._after_word(m, "season_signals"):
            if not anchor_word or f["season"] == "fall":
                return None  # "prices fall", "summer camp", "the fall of the Wall"
        if ref is None:
            return "DATE", f"XXXX-{code}", True
        year = self._year_of(f, ref)
        if year is None:
            anchor = self.L["anchor"].get(anchor_word, "the")
            starts = [date(y, SEASON_START[code], 1) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
            ends = [(s.replace(day=28) + timedelta(days=70)).replace(day=1) for s in starts]  # first day after it
            if anchor == 0:
                # "this winter" in January is the winter that began in December
                year = ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year
            elif anchor == -1:
                year = max(s for s, e in zip(starts, ends) if e <= ref).year
            elif anchor == 1:
                year = min(s for s in starts if s > ref).year
            elif m.tense == "past":
                year = max(s for s in starts if s <= ref).year
            elif m.tense == "future":
                year = min(s for s, e in zip(starts, ends) if e > ref).year
            else:
                year = ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year
        return "DATE", f"{year}-{code}", True

    def _quarter(self, m, f, ref):
        letter = "Q" if f["qh"].startswith("q") else "H"  # "quarter", "Q3"; "half", "H1"
        n = int(f["n"]) if "n" in f else int(self.L["ordinal"][f["ordinal"]]) if "ordinal" in f else 4 if letter == "Q" else 2
        if n > (4 if letter == "Q" else 2):
            return None
        if "y2" in f:  # "Q4'23", "1H24"
            f = dict(f, year=str(_two_digit_year(int(f["y2"]))))
        if "year" in f:
            return "DATE", f"{f['year']}-{letter}{n}", False
        if (letter == "H" or "n" in f) and not f.get("rel") and not self.g.results_cue.search(m.f["_sentence"]):
            return None  # "a goal in the second half", "Q3 poultry farms": not a part of a year
        if ref is None:
            return "DATE", f"XXXX-{letter}{n}", True
        year = self._year_of(f, ref)
        if year is None:
            anchor = self.L["anchor"].get(f.get("anchor", ""), "the")
            current = _quarter(ref.month) if letter == "Q" else (ref.month - 1) // 6 + 1
            if anchor == -1:
                year = ref.year - 1 if n >= current else ref.year
            elif anchor == 1:
                year = ref.year + 1 if n <= current else ref.year
            elif m.tense == "future" and (n > current or not self._reports_figures(m)):
                year = ref.year if n >= current else ref.year + 1  # "will ship in the fourth quarter": the coming one
            else:  # results are reported, or expected, for the latest such quarter that has begun
                year = ref.year if n <= current else ref.year - 1
        return "DATE", f"{year}-{letter}{n}", True

    def _reports_figures(self, m) -> bool:
        """Whether the sentence of a quarter tells its figures ("will report a charge for the third quarter"), which
        are reported once it is over, not of something done in it."""
        sentence = m.f["_sentence"]
        return "report" in sentence or "charge" in sentence or bool({c.group() for c in self.g.results_cue.finditer(sentence)} - {"quarter"})

    def _latest_period(self, m, f, ref):
        """'sales in the latest period': in a results report, the latest quarter that has ended, as 'the quarter' is."""
        if not self.g.results_cue.search(m.f["_sentence"]):
            return None
        return ("DATE", _shift(ref, "quarter", -1), True) if ref else ("DATE", "XXXX-QX", True)

    def _month_quarter(self, m, f, ref):
        """'the April-June quarter': the calendar quarter of those months; the year as for 'the second quarter'."""
        first = self.L["month"][re.match(r"[a-z]+\.?", f["month_pair"])[0]]
        year = f.get("year") or f.get("year2")
        return self._quarter(m, {"qh": "quarter", "n": str(first // 3 + 1), "rel": "the", **({"year": year} if year else {})}, ref)

    def _year_period(self, m, f, ref):
        """'the 1988 quarter', 'the 1989 period': in a results report, the reported quarter of that year."""
        if ref is None:
            return "DATE", f"{f['year']}-QX", True
        year, month = _add_months(ref.year, ref.month, -3)  # the latest quarter that has ended
        return "DATE", f"{f['year']}-Q{_quarter(month)}", True

    def _decade(self, m, f, ref):
        if f.get("c"):
            if f["d"] == "0" and f["c"] != "20":
                return "DATE", f["c"], False  # "the 1800s" is the nineteenth century
            return "DATE", f"{f['c']}{f['d']}", False
        if f.get("decade_word"):
            return "DATE", f"19{self.g.data['decade_words'][f['decade_word']]}", False
        return "DATE", f"19{f['sd']}", False

    def _century(self, m, f, ref):
        n = int(re.match(r"\d+", f["n"])[0]) if f["n"][0].isdigit() else int(self.L["ordinal"].get(f["n"], 0))
        return ("DATE", f"{n - 1:02d}", False) if 1 <= n <= 21 else None

    def _year(self, m, f, ref):
        if "y2" in f:  # "FY24"
            return "DATE", str(_two_digit_year(int(f["y2"]))), False
        if m.f["_text"] == f["year"] and (self._after_word(m, "not_year_after")
                                          or re.match(r"\s*(?:percent|per\s+cent)", m.f["_after"])):
            return None  # "about 2000 people", "$1999"
        if re.search(r"\d[-–.]$|\(\d+\)\s*$", m.f["_before"]):
            earlier = re.search(r"(?<![\d-])((?:1[7-9]|20)\d\d)[-–]$", m.f["_before"])
            if not earlier or not 0 < int(f["year"]) - int(earlier[1]) <= 30:
                return None  # a phone number: "555-2024", "(202) 1990"; but "2011-2012" is a range of years
        if f.get("yy"):  # "the 1998-99 season", "fiscal 2019/20": one span over both years, named by the first
            last = int(f["year"][:2] + f["yy"])
            last += 100 if last <= int(f["year"]) else 0
            if last - int(f["year"]) > 10:
                return None
            return "DATE", f["year"], False, f"{f['year']}/{last}"
        return "DATE", f["year"], False

    def _spelled_year(self, m, f, ref):
        if f.get("millennium"):
            if not m.f["_text"].startswith("the year") and (not re.search(r"\b(?:in|since|until|by)\s+$", m.f["_before"], re.I)
                                                           or re.match(r"\s+[a-z]", m.f["_after"])):
                return None  # "two thousand people"; "the year two thousand has" is a year
        return "DATE", _spelled(f), False

    def _holiday(self, m, f, ref):
        week = False
        if "holiday" in f:
            month, day = self.L["holiday"][f["holiday"]]
            def on(y):
                return date(y, month, day)
        elif "undated" in f:
            return ("DATE", f["year"], False) if "year" in f else ("DATE", self.L["undated"][f["undated"]], True)
        elif "lunar" in f:
            offset = self.L["lunar"][f["lunar"]]
            def on(y):
                return _lunar_new_year(y) + timedelta(days=offset)
        elif "easter" in f:
            offset = self.L["easter"][f["easter"]]
            week = offset == "week"
            def on(y):
                return _easter(y) + timedelta(days=-2 if week else offset)
        else:
            month, weekday, nth, *later = self.L["floating"][f["floating"]]
            def on(y):
                first = date(y, month, 1)
                if nth > 0:
                    day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
                else:
                    last = date(y + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
                    day = last - timedelta(days=(last.isoweekday() - weekday) % 7)
                return day + timedelta(days=sum(later))
        if (f.get("eve") or f.get("eve2")) and not week:  # "the eve of Christmas", "Thanksgiving eve": the day before
            day_of = on
            def on(y):
                return day_of(y) - timedelta(days=1)
        value = _week_value if week else date.isoformat
        if (f.get("weekend") or f.get("weekend2")) and not week:
            value = _holiday_weekend
        if "year" in f:
            return "DATE", value(on(int(f["year"]))), False
        if ref is None:
            if f.get("weekend") or f.get("weekend2"):
                return "DATE", "XXXX-WXX-WE", True
            return "DATE", f"XXXX-{on(2000).month:02d}-{on(2000).day:02d}" if "holiday" in f else "XXXX-XX-XX", True
        anchor = self.L["anchor"].get(f.get("anchor", ""), "the")
        candidates = [on(y) for y in (ref.year - 1, ref.year, ref.year + 1)]
        direction = {-1: "past", 1: "future"}.get(anchor, m.tense)
        if week:  # a week has begun (past) once its Monday has come, and is still ahead until its Sunday
            mondays = [c - timedelta(days=c.isoweekday() - 1) for c in candidates]
            inside = [d for d in mondays if d <= ref <= d + timedelta(days=6)]
            if inside and anchor not in (-1, 1):
                return "DATE", value(inside[0]), True
            return "DATE", value(_pick(mondays, ref, direction, inclusive=False)), True
        return "DATE", value(_pick(candidates, ref, direction, inclusive=anchor not in (-1, 1))), True

    # -- relative to the creation date ------------------------------------------------------------
    def _weekday_day(self, m, f, ref) -> date | str:
        weekday = self.L["weekday"][f["weekday"]]
        if ref is None:
            return f"XXXX-WXX-{weekday}"
        anchor = self.L["anchor"].get(f.get("anchor", ""), "the")
        ahead = (weekday - ref.isoweekday()) % 7  # the days within a week either side that are that weekday
        candidates = [ref + timedelta(days=d) for d in ((-7, 0, 7) if ahead == 0 else (ahead - 7, ahead))]
        if anchor in (-1, 1):
            return _pick(candidates, ref, "past" if anchor < 0 else "future", inclusive=False)
        return _pick(candidates, ref, m.tense or "past")

    def _weekly(self, f):
        """A weekday that recurs, with its part of the day: XXXX-WXX-7, XXXX-WXX-5TNI."""
        part = f"T{self.L['part'][f['part']]}" if f.get("part") else ""
        return "SET", f"XXXX-WXX-{self.L['weekday'][f['weekday']]}{part}", False

    def _weekday(self, m, f, ref):
        if f.get("plural") or f.get("plural2"):  # "on Sundays", "on Friday nights"
            return self._weekly(f)
        day = self._weekday_day(m, f, ref)
        value = day if isinstance(day, str) else day.isoformat()
        if f.get("part"):
            return "TIME", f"{value}T{self.L['part'][f['part']]}", True
        return "DATE", value, True

    def _deictic(self, m, f, ref):
        kind, offset, *part = self.L["deictic"][f["deictic"]] if "deictic" in f else ("TIME", 0)
        if f.get("part"):
            kind, part = "TIME", [self.L["part"][f["part"]]]
        if ref is None:
            return kind, "PRESENT_REF" if offset == 0 and not part else "XXXX-XX-XX" + (f"T{part[0]}" if part else ""), True
        value = (ref + timedelta(days=offset)).isoformat()
        return kind, value + (f"T{part[0]}" if part else ""), True

    def _clock(self, m, f, ref):
        if f.get("clockword"):
            hour, minute = int(self.L["clockword"][f["clockword"]]), 0
        else:
            hour, minute = int(f["h"]), int(f.get("mi") or 0)
            if f.get("ampm", "")[:2] in ("in", "at") and not self._after_word(m, "signals"):
                return None  # "at 4 in the morning", not "there were 12 in the morning session"
            if not (f.get("ampm") or f.get("zone")) and not self._after_word(m, "clock_signals"):
                return None  # "at 09:15", not "a 3:1 ratio" or "won the mile in 4:05"
            if f.get("ampm"):  # "3 p.m."; without it a 24-hour clock, "20:30 GMT", "1800 GMT"
                if hour > 12:
                    return None
                hour = hour % 12 + (12 if f["ampm"].startswith("p") or f["ampm"].endswith(("afternoon", "evening", "night")) else 0)
            elif ":" not in m.f["_text"] and m.f["_before"].endswith("("):
                return None  # "at 10:35 a.m. (0735 GMT)": the same moment again, in another zone
        clock = f"T{hour:02d}:{minute:02d}"
        if f.get("rel_day"):  # "noon tomorrow", "9 p.m. yesterday"
            if f["rel_day"] == "tonight" and not f.get("ampm") and not f.get("clockword") and 1 <= hour < 12:
                clock = f"T{hour + 12:02d}:{minute:02d}"  # "at 7:30 tonight" is in the evening
            day = ref + timedelta(days=self.L["deictic"][f["rel_day"]][1]) if ref else None
            return "TIME", (day.isoformat() if day else "XXXX-XX-XX") + clock, True
        if f.get("month") and f.get("day"):  # "6:30 p.m. on Oct. 3, 2019", "10 a.m. Monday, March 4"
            kind, value, _ = self._date(m, f, ref) or ("", "", False)
            return ("TIME", value + clock, True) if value else None
        if f.get("weekday"):
            day = self._weekday_day(m, f, ref)
            return "TIME", (day if isinstance(day, str) else day.isoformat()) + clock, True
        if later := _PLACE_THEN_DAY.match(m.f["_after"]):  # "at 10 a.m. in Brussels on Thursday": that Thursday's
            day = self._weekday_day(m, dict(f, weekday=later["weekday"].lower()), ref)
            return "TIME", (day if isinstance(day, str) else day.isoformat()) + clock, True
        # a bare "at 10 p.m." is on the day the text spoke of last, else on the creation date
        previous = m.f["_previous"]
        day = previous[:10] if previous and re.match(r"\d{4}-\d\d-\d\d", previous) else ref.isoformat() if ref else "XXXX-XX-XX"
        return "TIME", day + clock, True

    def _anaphoric(self, m, f, ref):
        """'that year', 'the next day', 'the following week', 'that night', 'the following Monday': from the
        date the text spoke of last."""
        ana = " ".join(f["ana"].split())
        n = 1 if ana in ("the next", "the following") else -1 if ana in ("the previous", "the prior", "the preceding") else 0
        if f.get("weekday") or f.get("part"):
            base = _day_of(m.f["_previous"], "day") or ref
            if f.get("part"):
                day = (base + timedelta(days=n)).isoformat() if base else "XXXX-XX-XX"
                return "TIME", f"{day}T{self.L['part'][f['part']]}", True
            weekday = self.L["weekday"][f["weekday"]]
            if base is None:
                return "DATE", f"XXXX-WXX-{weekday}", True
            steps = range(1, 8) if n == 1 else range(-1, -8, -1) if n == -1 else (0, -1, 1, -2, 2, -3, 3)
            return "DATE", next(base + timedelta(days=d) for d in steps
                                if (base + timedelta(days=d)).isoweekday() == weekday).isoformat(), True
        if f.get("month"):  # "that November", "the following March": the month of, after or before that date
            month, previous = self.L["month"][f["month"]], m.f["_previous"]
            base = _day_of(previous, "year") or ref
            if base is None:
                return "DATE", f"XXXX-{month:02d}", True
            told = int(previous[5:7]) if previous and _MONTH_VALUE.fullmatch(previous) else base.month
            year = base.year + (n == 1 and month <= told) - (n == -1 and month >= told)
            return "DATE", f"{year:04d}-{month:02d}", True
        if f.get("season"):  # "that summer", "the following spring": the season of, after or before that date
            code = self.L["season"][f["season"]]
            base = _day_of(m.f["_previous"], "year") or ref
            if base is None:
                return "DATE", f"XXXX-{code}", True
            month = SEASON_START.get(m.f["_previous"][5:7], base.month) if m.f["_previous"] else base.month
            year = base.year + (n == 1 and SEASON_START[code] <= month) - (n == -1 and SEASON_START[code] >= month)
            return "DATE", f"{year:04d}-{code}", True
        unit = _unit(f["unit"])
        if unit not in _PERIODS:
            return None
        previous = _day_of(m.f["_previous"], unit)
        base = previous or ref
        if base is None:
            return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX"}.get(
                unit, "XXXX-XX-XX"), True
        return "DATE", _shift(base, unit, n), True

    def _unit_before(self, m, f, ref):
        """'the day before', 'the year after': one unit from the date the text spoke of last."""
        unit = _unit(f["unit"])
        if f.get("two"):  # "the week before last": two back from the creation date, "the year after next" two ahead
            if unit not in ("day", "week", "weekend", "month", "year") or (f["dir"] == "before") != (f["two"] == "last"):
                return None
            if ref is None:
                return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX-XX-XX"), True
            return "DATE", _shift(ref, unit, -2 if f["two"] == "last" else 2), True
        if unit not in ("day", "week", "month", "year"):
            return None
        base = _day_of(m.f["_previous"], unit) or ref
        if base is None:
            return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"), True
        return "DATE", _shift(base, unit, -1 if f["dir"] == "before" else 1), True

    def _every_n(self, m, f, ref):
        n = _number(f["num"])
        return "SET", _duration(n, _unit(f["unit"])), False

    def _relative(self, m, f, ref):
        """'last year', 'this week', 'earlier this month', 'the coming year', 'the year'."""
        unit = _unit(f["unit"])
        anchor = self.L["anchor"][f["anchor"]]
        if unit in ("second", "minute", "hour"):
            return None
        if unit not in _PERIODS or (unit in ("decade", "century") and anchor == -1):
            return "DURATION", _duration(1, unit), False  # "the past decade" is the last ten years, "the next fortnight" two weeks
        if anchor in ("the", "latest") and _PERIOD_ENDING.match(m.f["_after"]):
            if unit == "quarter" and ref is not None and (quarter := self._quarter_ended(m, ref)):
                return "DATE", quarter, True
            return "DURATION", _duration(1, unit), False  # "the year ended March 31", "the year to March"
        if anchor in ("the", "latest"):
            if unit in ("day", "week", "month") and not f.get("pos") or unit == "day" and f.get("pos", "").endswith(" in"):
                return None  # "the day" alone, or "later in the day", refers back to a date we do not track
            # "the quarter" of a results report is the latest one that has ended
            anchor = -1 if unit == "quarter" else 0
        if ref is None:
            return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX",
                            "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX"), True
        if unit == "weekend" and anchor == 0:
            # "over the weekend" on a Monday is the one just past, "this weekend" on a Friday the coming one
            saturdays = [ref + timedelta(days=d) for d in range(-8, 9) if (ref + timedelta(days=d)).isoweekday() == 6]
            if m.tense == "past":
                saturday = max(d for d in saturdays if d <= ref)
            elif m.tense == "future":
                saturday = min(d for d in saturdays if d + timedelta(days=1) >= ref)
            else:
                saturday = min(saturdays, key=lambda d: min(abs((d - ref).days), abs((d + timedelta(days=1) - ref).days)))
            return "DATE", _week_value(saturday) + "-WE", True
        return "DATE", _shift(ref, unit, int(anchor)), True

    def _new_year(self, m, f, ref):
        """'in the new year', 'since the new year': the year about to begin in the last quarter of one, the year
        just begun in its first two months; in between it is no period the text makes clear."""
        before = _NEW_YEAR_BEFORE.search(m.f["_before"])
        if not before:
            return None  # "the new year brings", "a happy new year": a greeting or a subject, no time of an event
        if ref is None:
            return "DATE", "XXXX", True
        if before[1] == "since" or ref.month <= 2:
            return "DATE", str(ref.year), True
        return ("DATE", str(ref.year + 1), True) if ref.month >= 10 else None

    def _midweek(self, m, f, ref):
        """'by midweek': the middle of the week the text is in; of the next one when it is ahead from a Friday
        or later, of the last one when it is over on a Monday or Tuesday."""
        if ref is None:
            return "DATE", "XXXX-WXX", True
        n = 1 if m.tense == "future" and ref.isoweekday() >= 5 else -1 if m.tense == "past" and ref.isoweekday() <= 2 else 0
        return "DATE", _shift(ref, "week", n), True

    def _quarter_ended(self, m, ref) -> str | None:
        """'the quarter ended Sept. 30': the calendar quarter that ends that day (the latest one, or the one of the
        year given); None for a fiscal quarter ending inside a calendar one ('ended Oct. 31')."""
        end = _QUARTER_ENDED.match(m.f["_after"])
        month = end and self.L["month"].get(end[2].lower().rstrip("."))
        if not month or month % 3 or int(end[3]) != (date(2001, month % 12 + 1, 1) - timedelta(days=1)).day:
            return None
        if end[4]:
            return f"{end[4]}-Q{month // 3}"
        days = [date(y, month, int(end[3])) for y in (ref.year - 1, ref.year, ref.year + 1)]
        day = _pick(days, ref, "past") if end[1] == "ed" else min(days, key=lambda d: abs(d - ref))
        return f"{day.year}-Q{month // 3}"

    def _year_end(self, m, f, ref):
        """'by year-end', 'since year-end': the end of this year, or of the last one when counted from."""
        if ref is None:
            return "DATE", "XXXX", True
        return "DATE", str(ref.year - bool(re.search(r"\bsince\s+$", m.f["_before"], re.I))), True

    def _year_ago(self, m, f, ref):
        """'the year-ago quarter', 'year-earlier': the same period of a results report, one year back."""
        quarterly = f.get("period") in ("quarter", "period") or "quarter" in m.f["_sentence"]
        if ref is None:
            return "DATE", "XXXX-QX" if quarterly else "XXXX", True
        if quarterly:
            year, month = _add_months(ref.year, ref.month, -3 - 12)
            return "DATE", f"{year}-Q{_quarter(month)}", True
        return "DATE", str(ref.year - 1), True

    def _ago(self, m, f, ref):
        """'two years ago', 'a week earlier', 'three days from now'."""
        unit = _unit(f["unit"])
        n = _number(f["num"]) if f.get("num") else None
        back = f["dir"].split()[0] in ("ago", "earlier", "before", "previously", "back")
        if f["dir"] == "later" or (f["dir"] == "earlier" and unit != "year"):
            # "three days later", "a day earlier": TimeML marks the duration, "later" is its signal (tag() trims
            # it); "a year earlier" in a results report names the year-ago period
            return "DURATION", _duration(n, unit), False
        n, unit = _sized(n, unit)  # "a decade ago" is ten years back
        if n is None or n != int(n) or unit in ("second", "minute", "hour"):
            return ("DATE", "PAST_REF" if back else "FUTURE_REF", True) if unit not in ("second", "minute", "hour") else None
        if ref is None:
            return "DATE", "PAST_REF" if back else "FUTURE_REF", True
        shift = unit if unit != "weekend" else "week"
        if unit in ("year", "decade", "century") and not 0 < ref.year + (-n if back else n) * {"year": 1, "decade": 10, "century": 100}[unit] <= 9999:
            return "DATE", "PAST_REF" if back else "FUTURE_REF", True  # "10,000 years ago": before the calendar's years
        if f["dir"].endswith("today") and unit == "week":
            shift, n = "day", 7 * n  # "a week from today" is a day
        if at := f.get("ago_at"):  # "a year ago today", "four years ago this month": that day (week, month) back
            if unit in ("day", "week", "weekend"):
                day = ref - timedelta(days=int(n) * (1 if unit == "day" else 7))
            else:
                day = _same_day(*_add_months(ref.year, ref.month, -int(n) * {"month": 1, "quarter": 3}.get(unit, 12)), ref.day)
            if at == "tonight":  # "35 years ago tonight": that night
                return "TIME", day.isoformat() + "TNI", True
            # at the anchor's precision, or the unit's where that is finer ("two days ago this week": a day)
            precision = min(("today", "week", "month").index(at.split()[-1]), {"day": 0, "week": 1, "weekend": 1}.get(unit, 2))
            return "DATE", (day.isoformat(), _week_value(day), day.isoformat()[:7])[precision], True
        if unit == "year" and n == 1 and "quarter" in m.f["_sentence"]:
            shift, n = "quarter", 5  # "up from $10 million a year ago": the latest ended quarter, a year back
        return "DATE", _shift(ref, shift, -int(n) if back else int(n)), True

    def _duration(self, m, f, ref):
        unit = _unit(f["unit"])
        if f.get("times"):
            return self._times(m, f, ref)
        n = _number(f["num"]) if f.get("num") else None
        if f.get("half") or f.get("half2"):
            n = (n or 0) + 0.5
        if f.get("num2"):
            n = None  # "12 to 18 months"
        text = m.f["_text"]
        if f.get("num", "") in ("a", "an") and not f.get("opener") and not f.get("approx"):
            before = m.f["_before"]
            if re.search(r"(?:\d|\bonce|\btwice|\btimes|\bdollars?|\bcents?|percent|%|\b(?!(?:as|is|was|has|this|its|his|us|thus|less)\b)\w+s|\b(?:hundred|thousand|[mbtr]illion)|\d(?:\s+[a-z]+){1,2})\s*$",
                         before):  # "$1 billion a day", "twice a week": a rate
                return "SET", _duration(1, unit), False
        if text.endswith("-" + f["unit"]) and m.f["_after"].startswith(("-old", " old")):
            return None
        if m.f["_after"].startswith((" old", "-old")):
            return None
        if text == "one day" and _ONE_DAY_BEFORE.search(m.f["_before"]):
            return "DATE", "FUTURE_REF", False  # "Islam will one day be the second religion"
        if f.get("opener") == "last" and _VERB_LAST_BEFORE.search(m.f["_before"]):
            return None  # "is expected to last six weeks": the verb; the duration is found from "six"
        if unit == "second" and f.get("num") in ("a", "an", "one"):
            return None  # "a second term"
        if unit == "quarter" and (re.match(r"\s+of\b", m.f["_after"]) or "-" in text):
            return None  # "a quarter of the vote", "three-quarters"
        return "DURATION", _duration(n, unit), False

    def _long_duration(self, m, f, ref):
        """'a year-long inquiry', 'the decades-long conflict', 'a three-day-long summit'."""
        unit = _unit(f["unit"])
        n = _number(f["num"]) if f.get("num") else None if f["unit"].endswith("s") else 1
        return "DURATION", _duration(n, unit), False

    def _vague_duration(self, m, f, ref):
        if f.get("times"):
            return self._times(m, f, ref)
        if f["vague"] == "many" and re.search(r"\bas\s+$", m.f["_before"], re.IGNORECASE):
            return None  # "the second in as many weeks" counts, it does not last
        if f.get("opener") == "last" and _VERB_LAST_BEFORE.search(m.f["_before"]):
            return None  # "the talks could last several months": the verb; the duration starts at "several"
        return "DURATION", _duration(None, _unit(f["unit"])), False

    def _bare_plural(self, m, f, ref):
        """'for years', 'in the weeks before the vote', 'hours after the attack', 'months ago': an unstated
        number of units."""
        if not f["unit"].endswith("s"):
            return None
        if f.get("ago"):
            return "DATE", "PAST_REF", False
        if not _BARE_PLURAL_AFTER.match(m.f["_after"]) and not _BARE_PLURAL_BEFORE.search(m.f["_before"]):
            return None
        if f["unit"] == "hours" and _SMALL_HOURS.search(m.f["_before"]):
            return None  # "in the early hours of Saturday": the night, not a stretch of hours
        return "DURATION", _duration(None, _unit(f["unit"])), False

    def _set(self, m, f, ref):
        if f["set"] in self.g.data["adjective_sets"]:
            word = re.match(r"\s+([a-z]+)", m.f["_after"])
            if word and word[1] not in self.g.after["signals"] and word[1] not in ("and", "or", "but", "than"):
                return None  # "its quarterly dividend": an adjective before its noun
        return "SET", self.L["set"][f["set"]], False

    def _times(self, m, f, ref):
        """'twice a year', 'three times a week': a SET of the unit (TIMEX3 would put the count in freq)."""
        return "SET", _duration(1, _unit(f["unit"])), False

    def _every(self, m, f, ref):
        if f.get("weekday"):  # "every Sunday", "every Saturday morning"
            return self._weekly(f)
        if f.get("month"):
            return "SET", f"XXXX-{self.L['month'][f['month']]:02d}", False
        return "SET", f"XXXX-{self.L['season'][f['season']]}", False

    def _at_the_time(self, m, f, ref):
        """'at the time': a time before now that the text spoke of (TimeML: PAST_REF); not 'at the time of'."""
        opening = re.search(r"(?:^|[.!?;:\"“”(]\s*|\n\s*)at\s+$", m.f["_before"], re.IGNORECASE)
        if not re.search(r"\bat\s+$", m.f["_before"], re.IGNORECASE) or m.tense == "future":
            return None
        if opening and not re.match(r"\s*[,;:.!?)]", m.f["_after"]):
            return None  # "At the time Howes was captured, ...": a conjunction, not an adverb
        return "DATE", "PAST_REF", False

    def _soon(self, m, f, ref):
        """'will soon', 'expects sales to soon grow', 'as soon as possible': an unstated time ahead. Not 'soon after
        the attack' (which counts from an event), 'as soon as Tuesday', nor a past 'was soon released'."""
        if m.f["_text"] != "as soon as possible":
            if _SOON_AFTER.match(m.f["_after"]) or _SOON_BEFORE.search(m.f["_before"]) or m.tense == "past":
                return None
        return "DATE", "FUTURE_REF", False

    def _reference(self, m, f, ref):
        value = self.L["reference"][f["reference"]]
        return "DATE" if value.endswith("_REF") else "DURATION", value, False

    def _after_word(self, m, table: str) -> bool:
        """Whether the expression follows one of the words of a vocabulary table."""
        return _ends_with_word(m.f["_before"], self.g.after[table])


# ---------------------------------------------------------------------------------------------------
# Tense and signals around an expression.

_CLAUSE_END = re.compile(r"[.!?;:\n]\s|[\n\"“”]")
# a relative clause or an aside closed before the expression has its own verb, not the one that governs it:
# "Smith, who has been mayor since 2019, is seeking a third term in November" (a verb after its comma shows
# it closed: not "Taylor, who stepped down as chairman, president and chief executive in March")
_ASIDE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,()]*,(?=\s*(?:[a-z]+ly\s+)?(?:is|are|am|was|were|has|have|had|will|would|can|"
                    r"could|may|might|must|should|does|did|[a-z]+(?:s|ed))\b)|\([^()]*\)|[—–]\s[^—–]*\s[—–]|--[^-]*--")


# a present-tense "is" right before the expression states a schedule: "the vote is at 10 a.m. on Thursday",
# "the deadline is midnight Sunday" (a past one would say "was")
_SCHEDULED = re.compile(r"\b(?:is|are)\s+(?:(?:on|at|for|until|by)\s+)?$")
# a deadline put off or granted "until" a time names one after the act, in news one still ahead: "postponed
# until Tuesday morning", "extended its deadline until 9 a.m. Tuesday", "has given them until Friday"
_DEFERRED = re.compile(r"\b(?:postpon|delay|defer|extend|adjourn|put\s+off|giv|gave|grant|deadline)[a-z]*\b[^.;:!?]{0,60}?"
                       r"\b(?:until|till)\s+(?:[\w.:]+\s+){0,3}$")


# what follows a verb of consequence is the outcome, not the tense of the thing dated: "the defeat on Saturday
# means the club will stay down"
_CONSEQUENCE = re.compile(r"\s(?:means|meant|ensures|ensured|leaves)\s")


def _tense(lowered: str, start: int, end: int, g: _Grammar) -> str:
    """'future' or 'past' from the nearest cue before the expression in its sentence, else the nearest after;
    'ed' when the past is read from a word in -ed alone, which may be an adjective ("an unspecified date"),
    'due' when the future is read from the words that govern it (see `_Match.firm_future`).

    `lowered` is the text in lower case (see `_lower`).
    """
    left = lowered[max(0, start - 160):start]
    if _SCHEDULED.search(left) or _GOVERNING_FUTURE.search(left) or ("until" in left or "till" in left) and _DEFERRED.search(left):
        return "due"
    cuts = _clause_ends(left)
    if cuts:
        left = left[cuts[-1].end():]
    left = _ASIDE.sub(" ", left)
    last = None
    for last in g.tense_cue.finditer(left):
        pass
    if last and _INTENT.search(left):
        return "due"  # "voted on Tuesday to close the library at the end of June": what was decided lies ahead
    if last:
        # a past verb a few words before, in the same phrase, governs the expression: "lost the final in May"; a
        # word in -ed only right before its preposition ("reopened in June", not "an unspecified date in January");
        # not a deadline ("extended to Nov. 20") nor a present passive ("is heard in May")
        if (last.lastgroup == "past" and len(left) - last.end() <= _GOVERNING_REACH and "," not in left[last.end():]
                or last.lastgroup == "ed" and _RIGHT_BEFORE.fullmatch(left, last.end())) \
                and not _DEADLINE_BEFORE.search(left) and not _PRESENT_BEFORE.search(left, 0, last.start()) \
                and "deadline" not in lowered[end:end + 25]:
            return "past-governs"
        return last.lastgroup
    right = _ASIDE.sub(" ", lowered[end:end + 120])
    stop = next(iter(_clause_ends(right)), None)
    stop = _CONSEQUENCE.search(right, 0, stop.start() if stop else len(right)) or stop
    first = g.tense_cue.search(right, 0, stop.start() if stop else len(right))
    return first.lastgroup if first else ""


def _clause_ends(text: str) -> list[re.Match]:
    """Where clauses end in `text`; not at the period of an abbreviation ("at 10 a.m. on Thursday", "Nov. 5")."""
    ends = []
    for end in _CLAUSE_END.finditer(text):
        if text[end.start()] == ".":
            if abbreviated(text[text.rfind(" ", 0, end.start()) + 1:end.start()]):
                continue
        ends.append(end)
    return ends


_OPENING_PUNCTUATION = "([{\"'`“‘«-"


def _ends_with_word(before: str, words: frozenset[str]) -> str:
    """The word (or two words) of `words` that the text before an expression ends with, else ''."""
    tokens = before.split()[-2:]
    if not tokens:
        return ""
    last = tokens[-1].lower()
    if last in words or last.lstrip(_OPENING_PUNCTUATION) in words:
        return last.lstrip(_OPENING_PUNCTUATION) if last not in words else last
    if len(tokens) == 2:
        pair = tokens[0].lower().lstrip(_OPENING_PUNCTUATION) + " " + last
        if pair in words:
            return pair
    return ""


_HEDGE = re.compile(r"\s(?:at\s+(?:the\s+)?(?:least|most|earliest|latest)|as\s+(?:early|late|soon)\s+as)\s+$", re.I)


def _signal(before: str, g: _Grammar) -> str:
    """The preposition right before an expression, with a space between: "on Monday", not "Mon" + "day";
    a hedge between them is passed over ("until at least October")."""
    if not before[-1:].isspace():
        return ""
    if hedge := _HEDGE.search(before):
        before = before[:hedge.start() + 1]
    return _ends_with_word(before, g.after["signals"])


# ---------------------------------------------------------------------------------------------------
# The creation date as a reference: a day, an uncertain interval, or nothing.

@dataclass(frozen=True)
class _Reference:
    low: date | None
    high: date | None
    uncertain: bool

    @classmethod
    @lru_cache(maxsize=256)  # a corpus has few distinct creation dates; parsing one costs as much as tagging a paragraph
    def parse(cls, creation_date: str | None) -> _Reference:
        if not creation_date:
            return cls(None, None, False)
        try:
            edtf = EdtfDate.parse(creation_date.strip()[:10] if "T" in creation_date else creation_date)
        except EdtfError:
            return cls(None, None, False)
        if edtf.start is None or edtf.end is None:
            return cls(None, None, False)
        if not (10 <= edtf.lower.year and edtf.upper.year <= 9990):
            return cls(None, None, False)  # no calendar room around it to count "next week" or "last fall"
        exact = not edtf.uncertain and edtf.precision == "day"
        return cls(edtf.lower, edtf.upper, not exact)


# a hyphenated expression before its noun ("the 14-day waiting period", "the year-ago results")
_ATTRIBUTIVE = re.compile(r"the\s+\S(?:.*\S)?-(?:second|minute|hour|day|week|month|quarter|year|decade|century|ago|earlier)$",
                          re.IGNORECASE | re.DOTALL)
# "the spring meeting": a season before its noun, whose "the" belongs to the noun, as with "the Jan. 14 deadline";
# a function word or a verb next shows the season heads its own phrase ("the summer of 2023", "the spring was wet")
_THE_SEASON = re.compile(r"the\s+[a-z]+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z][\w-]*)")
_LOOSE_SPACE = re.compile(r"\s\s|[^\S ]")
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]$")
_NEEDS_TENSE = {"midweek", "soon", "at_the_time", "date", "day_of_month", "week_of", "week_in_month", "month", "season", "quarter", "month_quarter", "holiday", "weekday", "clock"}


def tag(text: str, creation_date: str | None) -> list[Timex]:
    """Every temporal expression in `text`, normalized against `creation_date` (EDTF; '?' when inferred)."""
    g = grammar()
    resolve = _Resolver(g)
    reference = _Reference.parse(creation_date)
    capitalized = g.capitalized
    found: list[Timex] = []
    previous = None  # the last calendar date found: what "the next day" counts from
    orders = {}  # how the text writes its dotted and its slashed dates, read when it has one
    last_kind = None  # the handler of the last expression found: a month or day may begin a range
    pos = 0
    lowered = _lower(text)
    while True:
        hit = _next(g, lowered, pos)
        if hit is None:
            break
        start, end = hit.span()
        # a field's words as the tables write them: "Christmas\nDay" (a wrapped line) is "christmas day"
        f = {name: value if not _LOOSE_SPACE.search(value) else " ".join(value.split())
             for name, value in hit.groupdict().items() if value is not None}
        # ambiguous words ("May", "March", "Sun.") count only when capitalized
        if ((f.get("month") in capitalized and not text[hit.start("month")].isupper())
                or (f.get("weekday") in capitalized and not text[hit.start("weekday")].isupper())):
            pos = start + 1
            continue
        kind = g.handler[hit.re.pattern]
        second = None  # where the second day (century, hour) of a range begins
        if "cut" in f:
            cut, second = hit.start("cut"), hit.start("second")
            if "day2" not in f:
                if not _ordered_range(f, g):  # "between 11 and 1 p.m.": only the second, which says which hour it is
                    pos = second
                    continue
            elif not int(f["day"]) < int(f["day2"]) or _invalid_day(g.lookup["month"][f["month"]], int(f["day2"])):
                # not a range ("May 3 and 1"): the month's own day is a date, the bare number is skipped
                if hit.start("month") > cut:
                    pos = second  # "3 and 1 March": on from "1 March"
                    continue
                end, second = cut, None
                f.pop("year", None)
        before = text[max(0, start - 40):start]
        f["_before"], f["_after"], f["_text"] = before, text[end:end + 30], lowered[start:end]
        f["_previous"] = previous
        if kind in ("month", "date") and last_kind in ("month", "date"):
            f["_range_from"] = _range_start(text, found[-1], start)
        if kind in _NUMERIC_DATES:
            if kind not in orders:
                orders[kind] = _written_order(lowered, kind)
            f["_order"] = orders[kind]
        f["_sentence"] = lowered[max(0, start - 150):end + 100] if kind in ("ago", "year_ago", "quarter", "latest_period", "month_quarter") else ""
        possessive = text[end - 2:end] in ("'s", "’s") and kind != "decade"  # "the 1970's" is a plural
        if possessive:
            end -= 2  # TimeML leaves the possessive out: "Friday's meeting"
        m = _Match(start, end, kind, f)
        if kind in _NEEDS_TENSE or (kind == "relative" and f["unit"].startswith("weekend")):
            # "Wednesday's ruling" names an event already reported
            if possessive and kind == "weekday":
                m.tense = "past"
            else:
                m.read_tense = partial(_tense, lowered, start, end, g)
        result = _resolve(resolve, m, reference)
        if result is None:
            pos = start + 1
            continue
        kind_type, value, edtf, relative, anchor = result
        if kind == "ago" and kind_type == "DURATION":  # "three days later": the duration without "later"
            end = hit.start("dir")
            while text[end - 1].isspace():
                end -= 1
            if reached := _counted_from(previous, f):  # and, as its EDTF, the date it reaches from the last one
                sure = next((t.edtf for t in reversed(found) if t.value == previous), None) or ""
                previous, edtf, anchor = reached, edtf_of(reached) + ("?" if sure.endswith("?") else ""), "previous-date"
        if _ATTRIBUTIVE.match(text, start, end):
            start = text.index(" ", start, end) + 1  # "the 14-day waiting period": "the" belongs to the noun
            while text[start].isspace():
                start += 1
        elif kind == "season" and _THE_SEASON.fullmatch(text, start, end) and _modifies_noun(text, end, g):
            start += 3  # "The spring meeting": "spring", as TimeML leaves the article to the noun phrase
            while text[start].isspace():
                start += 1
        if kind in ("anaphoric", "unit_before") and _day_of(previous, "year"):
            anchor = "previous-date"
        if kind_type in ("DATE", "TIME") and value[:4].isdigit() and not _told_in_passing(text, start):
            previous = value
        signal = _signal(text[max(0, start - 30):start], g)
        if second is not None and "day2" in f:  # "March 20-21": "March 20" and "21", the second day in the month of the first
            day2 = "%02d" % int(f["day2"])
            found.append(Timex(start, cut, text[start:cut], kind_type, value, edtf, relative, anchor, signal))
            start, value, edtf, signal = second, value[:8] + day2 + value[10:], edtf and edtf[:8] + day2 + edtf[10:], ""
            previous = value
        elif second is not None:  # "the 19th and 20th centuries", "between 7 and 8 p.m.": the second resolved on its own
            f2 = {k: v for k, v in f.items() if k not in _SECOND_OF} | {k[:-1]: v for k, v in f.items() if k in _SECOND}
            other = _resolve(resolve, _Match(second, end, kind, f2, _tense=m.tense), reference)
            if other is not None:
                found.append(Timex(start, cut, text[start:cut], kind_type, value, edtf, relative, anchor, signal))
                start, signal = second, ""
                kind_type, value, edtf, relative, anchor = other
                previous = value if value[:4].isdigit() else previous
        if kind in ("month", "date") and "year" in f and last_kind in ("month", "date") and (earlier := _year_shared(text, found[-1], start, value)):
            found[-1] = earlier  # "from March to May 2022": March 2022 too
        found.append(Timex(start, end, text[start:end], kind_type, value, edtf, relative, anchor, signal))
        last_kind = kind
        pos = hit.end()
    return found


_YEARLESS_OR_MONTH = re.compile(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?")  # (an undated article's "March" is XXXX-03)


def _year_shared(text: str, first: Timex, start: int, value: str) -> Timex | None:
    """The year-less month or day that begins a range or a pair whose second part, at `start`, states the year
    (`value`): "from March to May 2022", "March 3 and 5, 2022" (a range from November to February 2023 begins in
    2022); None when `first` is no such month or day."""
    if not (first.relative and _YEARLESS_OR_MONTH.fullmatch(first.value) and _RANGE_LINK.fullmatch(text, first.end, start)):
        return None
    year = int(value[:4]) - (first.value[5:] > value[5:len(first.value)])
    shared = f"{year:04d}{first.value[4:]}"
    return Timex(first.start, first.end, first.text, first.type, shared, edtf_of(shared), False, "absolute", first.signal)


# a date that tells when a thing came to be, no step of the story that "two years later" counts on from: "the
# bridge, built in 1931,", "the barn built by his grandfather in 1911"
_DESCRIBES = re.compile(r"(?:,\s+(?:built|made|founded|[a-z]+ed)|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)\b"
                        r"(?:built|made|founded|[a-z]+ed)\s+by\s+[^,.;:]{1,50}?)\s+in\s+$")


def _told_in_passing(text: str, start: int) -> bool:
    """Whether the date at `start` tells when a thing came to be (see _DESCRIBES); the search runs only where its
    words can be ("in" right before, and a comma or "by" before that), as most dates have none."""
    if not text[max(0, start - 4):start].rstrip().endswith("in"):
        return False
    if "," not in text[max(0, start - 30):start] and "by" not in text[max(0, start - 80):start]:
        return False
    return _DESCRIBES.search(text, max(0, start - 80), start) is not None


_RANGE_LINK = re.compile(r"\s*(?:to|through|until|till|and|-|–)\s*", re.IGNORECASE)
_MONTH_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _range_start(text: str, first: Timex, start: int) -> str | None:
    """The month or day a range begins with, when the expression at `start` ends it: 'from January to March',
    'between March and May', 'March-May'; None for a list ('in January and March')."""
    link = _RANGE_LINK.fullmatch(text, first.end, start)
    if not link or not _MONTH_VALUE.fullmatch(first.value):
        return None
    if link.group().strip().lower() == "and" and not _BETWEEN.search(text, max(0, first.start - 10), first.start):
        return None
    return first.value


def _modifies_noun(text: str, end: int, g: _Grammar) -> bool:
    """Whether the word after an expression is a noun it modifies: no function word and no verb ("the spring
    meeting", not "the spring of 2023" or "the summer saw")."""
    word = _NEXT_WORD.match(text, end)
    return bool(word) and word[1].lower() not in g.after["not_a_noun"] and not g.tense_cue.fullmatch(word[1].lower())


_NUMERIC_DATES = {"dotted": re.compile(r"(?<![\d.])(\d\d?)\.(\d\d?)\.(?:1[7-9]|20)\d\d(?!\.?\d)"),
                  "slashed": re.compile(r"(?<![\d/])(\d\d?)/(\d\d?)/(?:\d\d){1,2}(?!/?\d)")}


def _written_order(text: str, kind: str) -> str:
    """How the text writes its dotted (or slashed) dates: "dmy" when one has a day above 12 first, "mdy"
    second, else ''."""
    orders = {"dmy" if int(a) > 12 else "mdy" for a, b in _NUMERIC_DATES[kind].findall(text) if max(int(a), int(b)) > 12}
    return orders.pop() if len(orders) == 1 else ""


# the fields of the second part of a range: "the 19th and 20th centuries", "between 7 and 8:30 p.m."
_SECOND = frozenset({"n2", "h2", "mi2"})
_SECOND_OF = frozenset(k[:-1] for k in _SECOND)


def _ordered_range(f: dict, g: _Grammar) -> bool:
    """Whether the first of a range of centuries or hours comes before the second ("the 19th and 20th
    centuries", "from 9 to 11 a.m."); an hour shares the second's a.m. or p.m., so not across noon (12 p.m.)."""
    if "n2" in f:
        ordinal = g.lookup["ordinal"]
        first, last = (int(re.match(r"\d+", n)[0]) if n[0].isdigit() else ordinal.get(n, 0) for n in (f["n"], f["n2"]))
        return 0 < first < last
    return int(f["h"]) * 60 + int(f.get("mi") or 0) < int(f["h2"]) * 60 + int(f.get("mi2") or 0) and int(f["h2"]) < 12


def _next(g: _Grammar, lowered: str, pos: int) -> re.Match | None:
    """The first expression that begins at or after `pos` (and not inside a word)."""

    def at(place: int) -> re.Match | None:
        key = _KEY.match(lowered, place)
        if key is None:
            return None
        key = key.group()
        if (chosen := g.by_key.get(key)) is None:  # only the alternatives that can begin with this word
            chosen = g.by_key[key] = tuple(p for p, lead in zip(g.patterns, g.leads) if _begins(lead, key))
        for pattern in chosen:
            if hit := pattern.match(lowered, place):
                return hit
        return None

    if pos == 0 and g.at_start.match(lowered) and (hit := at(0)):
        return hit
    place = max(pos - 1, 0)  # the character before `pos` may be the one an expression follows
    while found := g.scanner.search(lowered, place):
        place = found.end()
        if hit := at(place):
            return hit
    return None


def _counted_from(previous: str | None, f: dict) -> str | None:
    """The day, month or year that "two years later" or "three days earlier" reaches from `previous`, the date
    the text spoke of last; None when that date is coarser than the unit counted ("two days after 2019")."""
    unit, n = _unit(f["unit"]), _number(f["num"]) if f.get("num") else None
    if unit not in ("day", "week", "month", "year") or n is None or n != int(n) or (day := _day_of(previous, unit)) is None:
        return None
    return _shift(day, unit, -int(n) if f["dir"].startswith("earlier") else int(n))


def _invalid_day(month: int, day: int) -> bool:
    """Whether no year has that day in that month (February 29 exists in leap years)."""
    try:
        date(2000, month, day)
    except ValueError:
        return True
    return False


def _lower(text: str) -> str:
    """The text in lower case, character for character, so that offsets stay the same ("İ" stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _edtf(out: tuple) -> str | None:
    """The EDTF of a handler's (type, value, relative[, edtf]): its own when it gives one ("1998-99" is 1998/1999)."""
    return out[3] if len(out) > 3 else edtf_of(out[1])


def _resolve(resolve: _Resolver, m: _Match, ref: _Reference):
    """(type, value, edtf, relative, anchor) against a stated, an inferred, or no creation date."""
    if ref.low is None:
        out = resolve(m, None)
        if out is None:
            return None
        kind, value, relative = out[:3]
        return kind, value, (None if relative else _edtf(out)), relative, "" if relative else "absolute"
    if not ref.uncertain:
        out = resolve(m, ref.low)
        if out is None:
            return None
        kind, value, relative = out[:3]
        edtf = _edtf(out) if kind in ("DATE", "TIME") else None
        return kind, value, edtf, relative, "dct" if relative else "absolute"
    # inferred creation date: resolve at both ends of its interval and keep what they agree on
    low, high = resolve(m, ref.low), resolve(m, ref.high)
    if low is None or high is None:
        return None
    kind, value, relative = low[:3]
    if not relative:
        return kind, value, _edtf(low) if kind in ("DATE", "TIME") else None, False, "absolute"
    whole_year = (ref.low.month, ref.low.day, ref.high.month, ref.high.day) == (1, 1, 12, 31)
    if low[1] != high[1] and m.kind in ("month", "season", "quarter") and whole_year and ref.low.year == ref.high.year:
        # a year-less month or season in an article of a known year (but not month): that year
        m.tense = "neutral"
        low, high = resolve(m, ref.low), resolve(m, ref.high)
    # both ends agree: that date, uncertain; but never a day, which only a stated date gives ("the trial began
    # on March 3" in an article of some time in 2024 may be March 3 of 2023 or 2024)
    if low[1] == high[1] and kind in ("DATE", "TIME") and not _ISO_DAY.match(low[1]):
        edtf = edtf_of(low[1])
        if edtf and "/" not in edtf:
            edtf += "?"
        elif edtf:
            edtf = "/".join(p + "?" for p in edtf.split("/"))
        return kind, low[1], edtf, True, "inferred-dct"
    unresolved = resolve(m, None)
    return (unresolved or low)[0], (unresolved or low)[1], None, True, "inferred-dct"


# ---------------------------------------------------------------------------------------------------
# Inferring when an undated article was written.

_MONTH_OR_SEASON = re.compile(r"XXXX-(\d{2}|SP|SU|FA|WI)(?:-(\d{2}))?$")
_ENDS_OF_STATE = ("until", "till", "til", "through")
_STATISTIC = re.compile(r"\d\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)


def infer_creation_date(text: str) -> tuple[str | None, list[str]]:
    """The interval an undated article must have been written in, read from its own tensed references.

    A date in past-tense context is a lower bound (it had happened), in future-tense context an upper bound.
    A year given as a statistic ("1.7 percent in 2023") is a year already over. An end of a state ("was
    extended until October 1, 2024") bounds the article from above when nothing firmer does. With no upper
    bound the article is placed in the year of its latest past reference, unless that is one "since" a date
    (then it is open-ended, at the precision stated: "2015?/..", "2015-03?/.."). Year-less future months and seasons ("will take place in July")
    bound the position inside a single year. Returns an uncertain EDTF
    ("2024?", "2024-01?/2024-05?") and the sentences used, or (None, []) when no absolute date supports an
    inference. Never a day.
    """
    from .sentences import split_sentences

    g = grammar()
    timexes = tag(text, None)
    if not any(t.edtf for t in timexes):
        return None, []
    sentences = split_sentences(text)
    lowered = _lower(text)

    def sentence_of(t: Timex) -> str:
        for start, end in sentences:
            if start <= t.start < end:
                return text[start:end]
        return t.text

    low: tuple[date, str] | None = None
    since = ""  # the precision of the latest past reference when it is one "since" a date
    high: tuple[date, str] | None = None
    state_ends: list[tuple[date, str]] = []
    year_less: list[tuple[Timex, str]] = []
    for t in timexes:
        if t.type != "DATE":
            continue
        tense = _tense(lowered, t.start, t.end, g)
        tense = _PLAIN_TENSE.get(tense, tense)
        if t.edtf is None:
            if tense == "future" and _MONTH_OR_SEASON.match(t.value):
                year_less.append((t, sentence_of(t)))
            continue
        span = EdtfDate.parse(t.edtf)
        sentence = sentence_of(t)
        if t.signal in _ENDS_OF_STATE:
            state_ends.append((span.upper, sentence))
            continue
        if t.signal == "since":
            tense = "past"
        if tense == "past":
            bound = span.lower
            if span.precision == "year" and _STATISTIC.search(sentence):
                bound = date(span.lower.year + 1, 1, 1)  # a year's figures are known once it is over
            if low is None or bound > low[0]:
                low, since = (bound, sentence), span.precision if t.signal == "since" else ""
        elif tense == "future":
            if high is None or span.upper < high[0]:
                high = (span.upper, sentence)
    if low is None and high is None:
        return None, []
    if low is None:
        return f"../{high[0].year:04d}-{high[0].month:02d}?", [high[1]]
    if high is None:
        later = [end for end in state_ends if end[0] >= low[0]]
        high = min(later) if later else None
    evidence = [bound[1] for bound in (low, high) if bound]
    if high is None and since:  # "has tripled since 2015": some time after it, maybe years
        return (f"{low[0].year:04d}?/.." if since == "year" else f"{low[0].year:04d}-{low[0].month:02d}?/.."), evidence
    high_day = high[0] if high else date(low[0].year, 12, 31)  # else the year of its latest past reference
    if high_day < low[0]:
        return None, []
    for t, sentence in year_less if high_day.year == low[0].year else ():
        month_end = _year_less_end(t.value, low[0].year)
        if month_end and low[0] <= month_end < high_day:
            high_day = month_end
            evidence.append(sentence)
    evidence = list(dict.fromkeys(evidence))
    first, last = low[0], high_day
    if first.year == last.year and first.month == 1 and last.month == 12:
        return f"{first.year}?", evidence
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}?", evidence
    return f"{first.year:04d}-{first.month:02d}?/{last.year:04d}-{last.month:02d}?", evidence


def _year_less_end(value: str, year: int) -> date | None:
    """The last day of a year-less month or season ("XXXX-07", "XXXX-FA") in the given year."""
    m = _MONTH_OR_SEASON.match(value)
    if not m:
        return None
    code = m[1]
    if code in SEASON_START:
        if code == "WI":
            return None  # winter straddles two years
        first = SEASON_START[code]
        return date(year, first + 3, 1) - timedelta(days=1)
    month = int(code)
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)

