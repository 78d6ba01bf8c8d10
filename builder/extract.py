"""Event selection: the sentences of one article that report a dated event, with their date, actors and title.

`extract_source` is a pure function of the source record, so its result can be cached by content hash
and computed in any process (or on any machine) in any order.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .model import EdtfDate, Source, Timex
from .sentences import split_sentences
from .timex import tag

LEAD_SENTENCES = 3  # a news lead reports the news of the day: undated lead sentences take the article's date
GENERIC_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
NON_EVENT_SIGNALS = {"until", "till", "through", "by", "since"}  # bounds of a state, not the moment of an event


@dataclass
class Mention:
    """One sentence of one source that reports an event, with what grouping needs to compare it to others."""

    source: str
    quote: str  # the sentence, an exact substring of the source text
    start: int
    date: str | None  # EDTF; None: the sentence can only support an event another article dates
    title: str
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # content-word stems, for similarity
    kinds: list[str] = field(default_factory=list)  # what kind of happening: meeting, departure, ...
    score: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    data = yaml.safe_load(resources.files("builder").joinpath("data/entities.yml").read_text())
    return {
        "titles": frozenset(data["titles"]),
        "not_names": frozenset(data["not_names"]),
        "demonyms": frozenset(data["demonyms"]),
        "places": sorted(data["places"], key=len, reverse=True),
        "event_words": re.compile(r"\b(?:%s)" % "|".join(re.escape(w) for w in data["event_words"]), re.I),
        "stopwords": frozenset(data["stopwords"]),
        "kinds": {kind: re.compile(r"\b(?:%s)" % "|".join(re.escape(w) for w in words), re.I)
                  for kind, words in data["event_kinds"].items()},
        "place_words": frozenset(w for p in data["places"] for w in p.split()),
        "place_re": re.compile(r"\b(%s)\b" % "|".join(re.escape(p) for p in sorted(data["places"], key=len, reverse=True))),
    }


# capitalised words on one line, with the particles of Dutch, German, Arabic... surnames between them
_CAPITALIZED = re.compile(r"[A-Z][a-zA-Z’'-]+(?:[ \t]+(?:(?:van|von|de|der|den|da|al|bin|le|la|del)[ \t]+)?[A-Z][a-zA-Z’'-]+)*")
_NAME_WORD = re.compile(r"(?:Mc|Mac|O’|O')?[A-Z][a-z’'-]+(?:-[A-Z][a-z]+)?$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _clean_name(candidate: str) -> str | None:
    """'Chancellor Olaf Scholz' → 'Olaf Scholz'; 'North Korean', 'Great Britain' → None.

    The run of capitalised words is cut at every word that cannot be part of a name (titles,
    nationalities, places, months...); a person is the last piece of two or three name-like words.
    """
    vocab = vocabulary()
    pieces: list[list[str]] = [[]]
    for word in candidate.split():
        word = _POSSESSIVE.sub("", word)
        lower = word.lower()
        if (lower in vocab["titles"] or lower in vocab["not_names"] or lower in vocab["demonyms"]
                or word in vocab["place_words"] or not _NAME_WORD.match(word)):
            pieces.append([])
        else:
            pieces[-1].append(word)
    names = [p for p in pieces if 2 <= len(p) <= 3]
    return " ".join(names[-1]) if names else None


def find_people(text: str) -> list[str]:
    """Full names of people in a text, in order of first mention.

    Headings are skipped (they capitalise every word), and so is a candidate whose last word the
    article also uses in lower case ('Military Readiness' beside 'military readiness').
    """
    common = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    names: dict[str, None] = {}
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if _is_heading(sentence):
            continue
        for match in _CAPITALIZED.finditer(sentence):
            name = _clean_name(match.group(0))
            if name and name.split()[-1].lower() not in common:
                names.setdefault(name)
    return list(names)


def actors_in(sentence: str, people: list[str]) -> list[str]:
    """People of the article named in the sentence, by full name or by surname alone ('Rutte')."""
    found = []
    for person in people:
        surname = person.split()[-1]
        if person in sentence or re.search(rf"\b{re.escape(surname)}\b", sentence):
            found.append(person)
    return found


def places_in(sentence: str) -> list[str]:
    return sorted(set(vocabulary()["place_re"].findall(sentence)))


def kinds_in(sentence: str) -> list[str]:
    return [kind for kind, pattern in vocabulary()["kinds"].items() if pattern.search(sentence)]


def stems(sentence: str, names: list[str] = ()) -> list[str]:
    """Content words, crudely stemmed, for comparing what two sentences say (who and where aside)."""
    stop = vocabulary()["stopwords"] | {w.lower() for n in names for w in n.split()}
    out = set()
    for word in _WORD.findall(sentence.lower()):
        word = _POSSESSIVE.sub("", word)
        if word in stop or len(word) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return sorted(out)


def make_title(sentence: str, timex: Timex | None, offset: int) -> str:
    """A short headline from the sentence: the date phrase and trailing clauses removed."""
    text = sentence
    if timex is not None:
        start, end = timex.start - offset, timex.end - offset
        before = text[:start]
        signal = re.search(r"(?:\b(?:on|in|at|during|last|this|earlier|later|from)\s+)?$", before, re.I)
        cut_start = signal.start() if signal and signal.group(0) else start
        head, tail = text[:cut_start].rstrip(), text[end:]
        # "On December 11, 2025, NATO ..." loses its comma; "... of Crimea in 2014, Germany ..." keeps it
        text = (head + tail if head else tail.lstrip(" ,")).strip()
    text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
    text = re.sub(r"^(?:[,;:]\s*)", "", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    # cut at the first clause break after a few words: the rest elaborates
    words = text.split(" ")
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if i >= 5 and ((word.endswith(",") and not following[:1].isdigit()) or word.endswith(";") or word in ("—", "–")):
            words = words[: i + 1]
            break
    if len(words) > 20:
        words = words[:20] + ["…"]
    title = " ".join(words).rstrip(",;:.—– ")
    return title[:1].upper() + title[1:]


def _score(date: str | None, actors: list[str], sentence: str, lead: bool) -> float:
    precision_points = {"day": 3, "month": 2, "season": 2, "year": 1, "interval": 1}
    # a date the sentence states outranks the article's date lent to an undated lead
    stated = date and not date.endswith(("~", "?", "%"))
    score = precision_points.get(EdtfDate.parse(date).precision, 0) if stated else 0
    score += min(len(actors), 3) + (1 if lead else 0)
    score -= max(0, len(sentence.split()) - 40) / 10
    return round(score, 3)


def _around(creation_date: str | None) -> str | None:
    """The article's date as the date of its undated news: approximate when it is a stated day."""
    if creation_date and EdtfDate.parse(creation_date).precision == "day" and not creation_date[-1] in "?~%":
        return creation_date + "~"
    return creation_date


def _is_statistic(sentence: str) -> bool:
    """'rose from 1.15 percent in 2014 to 1.7 percent in 2023': data points, not events."""
    return bool(re.search(r"\d\s*(?:%|percent\b|per cent\b)", sentence))


def _is_heading(sentence: str) -> bool:
    return not re.search(r"[.!?][\"'”’)]*$", sentence)


def _event_timexes(timexes: list[Timex]) -> list[Timex]:
    """Expressions that can date an event: calendar dates, not durations, sets or 'now'."""
    return [t for t in timexes if t.type in ("DATE", "TIME") and t.edtf and t.value not in GENERIC_VALUES
            and t.signal.lower() not in NON_EVENT_SIGNALS]


def extract_source(source: Source) -> list[Mention]:
    """Every event mention in one source, dated only as far as the text and the article's date allow."""
    text = source.text
    timexes = tag(text, source.creation_date)
    people = find_people(text)
    event_words = vocabulary()["event_words"]
    mentions: list[Mention] = []
    body_index = 0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if _is_heading(sentence) or sentence.lstrip().startswith(("\"", "“")):
            continue
        body_index += 1
        inside = [t for t in timexes if start <= t.start and t.end <= end]
        dated = _event_timexes(inside)
        actors = actors_in(sentence, people)
        places = places_in(sentence)
        has_event_word = bool(event_words.search(sentence))
        if not (actors or places) or not (has_event_word or dated):
            continue
        lead = body_index <= LEAD_SENTENCES
        choices: list[tuple[str | None, Timex | None]] = []
        seen_dates = set()
        for timex in dated:
            if timex.edtf not in seen_dates:
                seen_dates.add(timex.edtf)
                choices.append((timex.edtf, timex))
        if not choices and not inside and lead and has_event_word and actors:
            # a lead sentence with no date of its own reports the article's news: it happened by the
            # article's date (stated, or inferred and uncertain) — or, undated, it can only support others
            choices.append((_around(source.creation_date), None))
        words = stems(sentence, actors + places)
        if choices and _is_statistic(sentence):
            continue
        for date, timex in choices:
            mentions.append(Mention(
                source=source.id,
                quote=sentence,
                start=start,
                date=date,
                title=make_title(sentence, timex, start),
                actors=actors,
                places=places,
                words=words,
                kinds=kinds_in(sentence),
                score=_score(date, actors, sentence, lead),
            ))
    return mentions
