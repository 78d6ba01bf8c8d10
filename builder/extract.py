"""Event selection: the sentences of one article that report a dated event, with their date, actors and title.

`extract_source` is a pure function of the source record, so its result can be cached by content hash
and computed in any process (or on any machine) in any order.

Speed: each vocabulary list is compiled once into one expression (a trie of its words), and an article
is scanned sentence by sentence with positions into the whole text, never with per-call patterns.
Word lists that match regardless of case are matched, case-sensitively, against the text lower-cased
letter for letter (`_fold`), which the regular expression engine scans several times faster.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources

import yaml

from .model import EdtfDate, EdtfError, Source, Timex
from .sentences import LIST_MARK, abbreviated, split_sentences
from .timex import tag, word_trie

LEAD_SENTENCES = 3  # a news lead reports the news of the day: undated lead sentences take the article's date
GENERIC_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
NON_EVENT_SIGNALS = {"until", "till", "through", "by", "since", "before", "after", "ahead of", "prior to"}  # bounds, not the moment of an event
PRECISION_POINTS = {"day": 3, "month": 2, "season": 2, "year": 1, "interval": 1}


@dataclass
class Mention:
    """One sentence of one source that reports an event, with what grouping needs to compare it to others."""

    source: str
    quote: str  # the sentence, an exact substring of the source text
    start: int
    date: str | None  # EDTF; None: the sentence can only support an event another article dates
    title: str
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # places and institutions named: the event's tags
    words: list[str] = field(default_factory=list)  # content-word stems, for similarity
    kinds: list[str] = field(default_factory=list)  # what kind of happening: meeting, departure, ...
    score: float = 0.0

    def to_dict(self) -> dict:
        # what dataclasses.asdict gives for these fields (strings, numbers, lists of strings), without its
        # recursive deep copy, which cost more than the rest of the per-article work
        return {name: list(value) if isinstance(value, list) else value
                for name in _MENTION_FIELDS for value in [getattr(self, name)]}


_MENTION_FIELDS = [f.name for f in fields(Mention)]


# --------------------------------------------------------------------------------------------------
# Word lists as expressions, compiled once.

_ODD_CASES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _fold(text: str) -> str:
    """The text lower-cased letter for letter, as re.IGNORECASE compares it with ASCII words; offsets stay.

    re.IGNORECASE also takes 'İ' and 'ı' for an 'i' and 'ſ' for an 's' (and str.lower would make 'İ' two
    characters); 'K' (the Kelvin sign) already lower-cases to 'k'.
    """
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        text = text.translate(_ODD_CASES)
    return text.lower()


@dataclass(frozen=True)
class _WordStarts:
    """Where a word of a list starts a word of the text, as `\\b(?:w1|w2|...)` with re.IGNORECASE finds it.

    ASCII lists are matched in folded text (see `_fold`); a list with other letters in the text itself.
    """

    first: re.Pattern  # \b + the trie: search() says whether any word stands in a span
    words: tuple[str, ...]
    folded: bool

    @classmethod
    def of(cls, words, whole=()) -> _WordStarts:
        """`words` start words of the text ("nominat": "nominated", "nomination"); `whole` are words only
        with their endings ("ban": "bans", "banned", not "bank")."""
        words = list(dict.fromkeys(words))
        folded = all(w.isascii() for w in [*words, *whole])
        if folded:
            words = list(dict.fromkeys(w.lower() for w in words))
        pattern = word_trie(words, space=" ")
        if whole:
            forms = {f for w in whole for f in (w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + w[-1] + "ed",
                                                w + w[-1] + "ing", w[:-1] + "ing" if w.endswith("e") else w)}
            pattern = r"(?:%s|(?:%s)\b)" % (pattern, word_trie(sorted(forms), space=" "))
        return cls(re.compile(r"\b" + pattern, 0 if folded else re.I), tuple(words), folded)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    data = yaml.safe_load(resources.files("builder").joinpath("data/entities.yml").read_text())
    aliases = data["aliases"]
    places = sorted(set(data["places"] + data["organizations"]) | aliases.keys(), key=len, reverse=True)  # all tag an event
    place_trie = word_trie(places, space=" ")
    kinds = {kind: _WordStarts.of(words) for kind, words in data["event_kinds"].items()}
    # The longest kind word that starts at a place tells every kind there: the other words that match
    # there are its prefixes.
    kind_words = list(dict.fromkeys(w for k in kinds.values() for w in k.words))
    kinds_of_word = {word: frozenset(kind for kind, k in kinds.items() if word.startswith(k.words)) for word in kind_words}
    return {
        "titles": frozenset(data["titles"]),
        "not_names": frozenset(data["not_names"]),
        "name_ends": frozenset(w.lower() for w in data["name_ends"] + data["organization_heads"]),
        "demonyms": frozenset(data["demonyms"]),
        "places": places,
        # what "It" can stand for at the start of a sentence: an institution, not a country or a city
        "not_institutions": frozenset(data["places"]) | (set(aliases.values()) - set(data["organizations"])),
        "event_words": _WordStarts.of(data["event_words"], data["event_words_whole"]),
        "stopwords": frozenset(data["stopwords"]),
        "kinds": kinds,
        # the longest kind word at every place where one starts (zero-width: overlapping words all count)
        "kind_starts": re.compile(r"\b(?=(" + word_trie(kind_words, space=" ") + "))") if all(k.folded for k in kinds.values()) else None,
        "kinds_of_word": kinds_of_word,
        # a place or an organisation inside a run of capitalised words: no part of a name ("White House
        # Press Secretary Karine Jean-Pierre"), though one of its words may be ("Jack White")
        "named_places": re.compile(r"\b(?:%s)(?!\w)" % place_trie),
        # `\b(Place|...)\b` without the leading \b, which would make the engine try every position: the
        # expression then starts with a capital, and the word boundary before it is checked by hand
        "place_re": re.compile(r"(?:%s)(?!\w)" % place_trie),  # (not \b, which "U.S." ends without)
        "places_in_capitals": {p.upper(): aliases.get(p, p) for p in places},
        # the word an institution's name ends with, ending a run of capitalised words (searched for first: it
        # is rare, where a capital starts a word everywhere)
        "organization_head": re.compile(r"(?<=[ \t])(?:%s)\b(?![ \t]+[A-Z])" % word_trie(data["organization_heads"])),
        "aliases": aliases,
        "gerund_past": data["gerund_past"],
        "past_forms": frozenset(data["gerund_past"].values()) | set(_IRREGULAR_PAST.split("|")),
        "not_gerunds": frozenset(data["not_gerunds"]),
    }


# --------------------------------------------------------------------------------------------------
# People, places and kinds of happening.

# the particles of Dutch, German, Arabic... names: "Ursula von der Leyen", "Mohammed bin Salman"
_PARTICLES = frozenset("van von de der den da al bin ibn le la del du dos".split())
# two or more capitalised words on one line, with up to two particles between them (a single word is
# no full name; and a suffix of such a word starts no match either, so the runs found are the same as
# with one or more words). A word is taken whole (possessive '++'): a shorter part of it is followed by
# a letter, never by the blank that goes on to the next word.
# the letters of names written in Latin script: "François Mitterrand", "Recep Tayyip Erdoğan", "Maroš Šefčovič"
# (Latin Extended-A holds both cases of its letters)
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ſȘ-ț", "a-zß-öø-ÿĀ-ſȘ-ț"
_CAPITALIZED = re.compile(r"[%s][%s%s’'-]++(?:[ \t]+(?:(?:%s)[ \t]+){0,2}[%s][%s%s’'-]++)+"
                          % (_UPPER, _LOWER, _UPPER, "|".join(sorted(_PARTICLES)), _UPPER, _LOWER, _UPPER))
# a sentence's (or a list item's) first word in -ing or -ed, but for the names so spelled ("Sterling Brown",
# "Irving Berlin", "Alfred Nobel", "Ahmed Aboul Gheit")
_VERB_START = re.compile(r"(?!(?:Sterling|Channing|Irving|Fleming|Manning|Browning|Keating|Harding|Golding|Alfred|Manfred|Wilfred|"
                         r"Winifred|Mildred|Siegfried|Jared|Jarred|Mohammed|Muhammed|Ahmed|Saeed|Rasheed|Javed|Hamed|Sayed)\s)"
                         r"[A-Z][a-z]{3,}(?:ing|ed)\s")
_NAME_WORD = re.compile(r"(?:Mc|Mac|O’|O'|D’|D'|La|Le|De|Di|Du|Da)?[%s][%s’'-]+(?:-[%s][%s]+)?$"  # "LaRose", "DeSantis"
                        % (_UPPER, _LOWER, _UPPER, _LOWER))
_LOWER_WORD = re.compile(r"\b[%s][%s'’-]+\b" % (_LOWER, _LOWER))
_WORD = re.compile(r"[%s%s][%s%s'’-]+" % (_UPPER, _LOWER, _UPPER, _LOWER))
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_CLOSERS = "\"'”’)"


@lru_cache(maxsize=1 << 16)
def _clean_name(candidate: str) -> str | None:
    """'Chancellor Olaf Scholz' → 'Olaf Scholz'; 'North Korean', 'Great Britain' → None.

    The run of capitalised words is cut at every word that cannot be part of a name (titles,
    nationalities, places, months...); a person is the last piece of two or three name-like words.
    """
    vocab = vocabulary()
    pieces: list[list[str]] = [[]]
    for word in vocab["named_places"].sub(" | ", candidate).split():
        if word in _PARTICLES:  # inside a name only, between two of its words
            if pieces[-1]:
                pieces[-1].append(word)
            continue
        bare = _POSSESSIVE.sub("", word)
        lower = bare.lower()
        # "Acme Robotics Inc.", "Natural Resources Wales": a company or an agency, and no one in it
        if lower.rstrip(".,") in vocab["name_ends"] or word == "|":
            pieces[-1] = []
            pieces.append([])
        elif (lower in vocab["titles"] or lower in vocab["not_names"] or lower in vocab["demonyms"]
                or not _NAME_WORD.match(bare)):
            pieces.append([])
        else:
            pieces[-1].append(bare)
            if bare != word:  # a possessive ends the name, and what follows is its own: "Boris Johnson’s Conservatives"
                break
    for piece in pieces:
        while piece and piece[-1] in _PARTICLES:  # "Tour de" of "Tour de France"
            piece.pop()
    names = [p for p in pieces if 2 <= sum(w not in _PARTICLES for w in p) <= 3]
    return " ".join(names[-1]) if names else None


def find_people(text: str) -> list[str]:
    """Full names of people in a text, in order of first mention.

    Headings are skipped (they capitalise every word), and so is a candidate whose last word the
    article also uses in lower case ('Military Readiness' beside 'military readiness').
    """
    spans = split_sentences(text)
    return _people(text, [(a, b) for a, b in spans if not _is_heading(text[a:b]) or _is_item(text, a)])


def _people(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """find_people over the given (non-heading) sentence spans, in order."""
    common = None  # the text's lower-case words: found only once a surname also stands in lower case
    names: dict[str, None] = {}
    starts = [start for start, _ in spans]
    # a run of capitalised words never crosses a sentence's end ('.', '!', '?' or a line break): one
    # scan of the text finds those of every sentence
    for match in _CAPITALIZED.finditer(text):
        i = bisect_right(starts, match.start()) - 1
        if i < 0 or match.end() > spans[i][1]:
            continue  # in a heading
        candidate = match.group()
        if _VERB_START.match(candidate) and not text[spans[i][0]:match.start()].strip(" \t-–—*•"):
            candidate = candidate.split(None, 1)[1]  # "Joining Acme in 2019, ...", "- Appointed Luis Ferreira": a verb
        name = _clean_name(candidate)
        if name is None and (surnamed := _SURNAME_LIKE_PLACE.fullmatch(candidate)) and _PERSON_AFTER.match(text, match.end()):
            name = surnamed.group()  # "Nina Park, an auditor, testified": Park is her name here, no park's
        if name is None or name in names:
            continue
        if name.split(" ", 1)[0].lower() in _PARTICLES and any(n.lower().endswith(" " + name.lower()) for n in names):
            continue  # "Von der Leyen" opening a sentence: Ursula von der Leyen, named before
        first, last = name.split(" ", 1)[0], name.rsplit(" ", 1)[-1]
        if any(n.startswith(first + " ") and n.endswith(" " + last) for n in names):
            continue  # "Margaret Ellison" after "Margaret Ann Ellison": one person, as first named
        last = last.lower()
        if last in text:
            if common is None:
                common = set(_LOWER_WORD.findall(text))
            if last in common:
                continue
        names[name] = None
    return list(names)


# a first name and a surname that is also a word for a place ("Nina Park", "Amy Lake"), which counts as a name
# where what follows tells of a person: an appositive, an age, "who", or speech
_PLACE_SURNAMES = frozenset("Park Lake Church Hall Hill Banks Fields Woods Rivers Castle Stone Street Bridge Brooks Wells Marsh".split())
_SURNAME_LIKE_PLACE = re.compile(r"(?!(?:Central|North|South|East|West|New|Old|Great|Lower|Upper|Grand)\s)[A-Z][a-z]+\s+(?:%s)"
                                 % "|".join(sorted(_PLACE_SURNAMES)))
_PERSON_AFTER = re.compile(r",\s+(?:an?\s+[a-z]+(?:\s+[a-z]+)?,|\d{1,3},|who\b)|,?\s+(?:said|says|testified|told|added)\b")


# someone close to a person, who is no actor of what the sentence tells: "Pruitt's wife, Sandra, died in 2019"
_RELATIVE_OF = (r"['’]s\s+(?:(?:late|former|estranged|eldest|youngest|elder|younger|adult|two|three)\s+)?(?:wife|husband|widow|"
                r"widower|son|sons|daughter|daughters|children|child|mother|father|parents|brother|sister|family|partner|"
                r"fiancée?|girlfriend|boyfriend|lawyer|lawyers|attorney|attorneys|spokesman|spokeswoman|spokesperson|aide|aides)\b")


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern:
    """The name as a word, but not where what follows names someone close to its bearer (see _RELATIVE_OF)."""
    return re.compile(rf"\b{re.escape(word)}\b(?!{_RELATIVE_OF})")


def _people_patterns(people: list[str]) -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    """(surname, its pattern, the people who bear it in order of first mention) for each surname."""
    bearers: dict[str, list[str]] = {}
    for person in people:
        bearers.setdefault(person.split()[-1], []).append(person)
    return [(surname, _whole_word(surname), tuple(group)) for surname, group in bearers.items()]


def _named(sentence: str, surname: str, pattern: re.Pattern, bearers: tuple[str, ...]) -> list[str]:
    """Who of the people bearing `surname` the sentence names: each one named in full, and the surname alone
    is the first of them named in the article ("Goodwin" is Jane Goodwin; her daughter is "Claire Goodwin")."""
    if len(bearers) == 1:
        return list(bearers) if _alone(sentence, surname, pattern) or _whole_word(bearers[0]).search(sentence) else []
    named = [person for person in bearers if person in sentence and _whole_word(person).search(sentence)]
    rest = sentence
    for person in named:
        rest = rest.replace(person, " ")
    if bearers[0] not in named and _alone(rest, surname, pattern):
        named.insert(0, bearers[0])
    return named


def _alone(sentence: str, surname: str, pattern: re.Pattern) -> bool:
    """Whether the surname stands for its bearer somewhere in the sentence; one that is also a word for a place
    does not where another name comes right before it ("Hyde Park" is no Nina Park; "Ms. Park" is)."""
    for found in pattern.finditer(sentence):
        if surname not in _PLACE_SURNAMES:
            return True
        word = sentence[:found.start()].rsplit(None, 1)[-1:] or [""]
        if not word[0][:1].isupper() or word[0].rstrip(".").lower() in vocabulary()["titles"]:
            return True
    return False


def _actors(sentence: str, patterns: list[tuple[str, re.Pattern, tuple[str, ...]]], people: list[str]) -> list[str]:
    named = [person for surname, pattern, bearers in patterns if surname in sentence
             for person in _named(sentence, surname, pattern, bearers)]
    return sorted(named, key=people.index) if len(named) > 1 else named


def _actors_by_sentence(text: str, spans: list[tuple[int, int, str]], starts: list[int],
                        people: list[str]) -> dict[int, list[str]]:
    """actors_in for each sentence (by its index in `spans`) that names someone: a sentence names a person
    only where it holds the surname, so only the sentences around the surname's occurrences are tested."""
    found: dict[int, list[str]] = {}
    for surname, pattern, bearers in _people_patterns(people):
        tested = -1
        at = text.find(surname)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i > tested and at + len(surname) <= spans[i][1]:
                tested = i
                found.setdefault(i, []).extend(_named(spans[i][2], surname, pattern, bearers))
            at = text.find(surname, at + 1)
    for i, named in found.items():
        if len(named) > 1:
            named.sort(key=people.index)
    return {i: named for i, named in found.items() if named}


def actors_in(sentence: str, people: list[str]) -> list[str]:
    """People of the article named in the sentence, by full name or by surname alone ('Rutte')."""
    return _actors(sentence, _people_patterns(people), people)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w means to the re module


def _place_mentions(text: str, start: int = 0, end: int | None = None) -> tuple[list[int], list[str]]:
    """Where places are named in text[start:end], and which: what `\b(Place|...)\b` finds there."""
    pattern, aliases = vocabulary()["place_re"], vocabulary()["aliases"]
    end = len(text) if end is None else end
    starts, names = [], []
    pos = start
    while (match := pattern.search(text, pos, end)) is not None:
        at = match.start()
        if at == start or not _is_word_char(text[at - 1]):
            starts.append(at)
            names.append(aliases.get(match.group(), match.group()))
            pos = match.end()
        else:
            pos = at + 1  # inside a word: no place starts here, but one may start further on
    return starts, names


# words that open a sentence or a phrase before an institution's name: "On Monday the City Council"
_NOT_IN_A_NAME = frozenset("the a an in on at by for of from with and but or as while when after before monday tuesday "
                           "wednesday thursday friday saturday sunday january february march april may june july august "
                           "september october november december".split())
_NAME_WORD_BEFORE = re.compile(r"(?<![\w&'’.-])(?!(?:The|A|An|On|In|At|By|For|From|With|And|But)\s)[A-Z][\w&'’.-]*[ \t]+$")
_CAPITALIZED_BEFORE = re.compile(r"(?<![\w&'’.-])(?:[A-Z][\w&'’.-]*[ \t]+(?:and[ \t]+(?=[A-Z]))?){1,4}$")  # "Food and Drug"


# "of" or "for" and one or two capitalised words that end a run of them ("the Bank of England Governor Andrew
# Bailey" is left as it is)
_OF_NAME = re.compile(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*)?(?![\w&'’-]|[ \t]+[A-Z])")


def organizations_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(where, name) of each institution that no list holds but its name tells: "the Trump Organization",
    "On Monday the City Council" (the words before the name left out)."""
    found = []
    for head in vocabulary()["organization_head"].finditer(text, start, len(text) if end is None else end):
        if not (before := _CAPITALIZED_BEFORE.search(text, max(start, head.start() - 160), head.start())):
            if of := _OF_NAME.match(text, head.end()):  # "the state Department of Health"
                found.append((head.start(), head.group() + " " + " ".join(of.group().split())))
            continue
        words, at = (before.group() + head.group()).split(), before.start()
        ends = [i for i, word in enumerate(words[:-1]) if word.endswith(".") and not abbreviated(word[:-1])]
        if ends:  # "cancelled on Friday. Glasgow Airport": a sentence ended before the name
            for word in words[:ends[-1] + 1]:
                at = text.index(word, at) + len(word)
            at = text.index(words[ends[-1] + 1], at)
            words = words[ends[-1] + 1:]
        while len(words) > 1 and words[0].lower() in _NOT_IN_A_NAME:
            at = text.index(words[1], at + len(words[0]))
            words.pop(0)
        if "and" in words and (words.index("and") != 1 or _NAME_WORD_BEFORE.search(text, max(0, at - 30), at)):
            cut = words.index("and") + 1  # "Jane Smith and Acme Council": and joins two names, not one's words
            at = text.index(words[cut], at)
            words = words[cut:]
        if of := _OF_NAME.match(text, head.end()):  # "the Maine Department of Transportation", "the Bank of England"
            words += of.group().split()
        if len(words) > 1:
            found.append((at, " ".join(words)))
    return found


# a dateline opens a report with its place in capitals: "BRUSSELS —", "KYIV, Ukraine (AP) —",
# "LONDON, March 3 (Reuters) -"; a press release's "NEW YORK, March 3, 2025 (GLOBE NEWSWIRE) -- ",
# "SAN FRANCISCO--(BUSINESS WIRE)--"
_DATELINE = re.compile(r"(?m)^([A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]*){0,2})(?:,[^\n—–(]{1,40})?[ \t]*(?:-?-?\([^)\n]{1,30}\)[ \t]*)?"
                       r"(?:--[ \t]?|[—–-][ \t])")


def dateline_places(text: str) -> list[tuple[int, str]]:
    """(where, place) of each dateline of a known place that opens a line of the text."""
    capitals = vocabulary()["places_in_capitals"]
    return [(m.start(), capitals[m[1]]) for m in _DATELINE.finditer(text) if m[1] in capitals]


def _named_at(text: str) -> list[tuple[int, str]]:
    """(where, name) of every place and institution the text names: from the lists, in a dateline, or by the
    word an institution's name ends with."""
    return [*zip(*_place_mentions(text)), *dateline_places(text), *organizations_in(text)]


def places_in(sentence: str) -> list[str]:
    return sorted({name for _, name in _named_at(sentence)})


def _kinds(folded: str, text: str, start: int, end: int) -> list[str]:
    """kinds_in(text[start:end]), given the folded text."""
    vocab = vocabulary()
    if vocab["kind_starts"] is None:  # a list with non-ASCII words: case-insensitive expressions on the text
        return [kind for kind, words in vocab["kinds"].items()
                if words.first.search(folded if words.folded else text, start, end)]
    longest = vocab["kind_starts"].findall(folded, start, end)
    return list(_kinds_of(tuple(longest))) if longest else []


@lru_cache(maxsize=4096)
def _kinds_of(longest: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds, in the vocabulary's order, of a sentence whose longest kind words are these."""
    vocab = vocabulary()
    found = set().union(*(vocab["kinds_of_word"][word] for word in longest))
    return tuple(kind for kind in vocab["kinds"] if kind in found)


def kinds_in(sentence: str) -> list[str]:
    return _kinds(_fold(sentence), sentence, 0, len(sentence))


def _has_event_word(folded: str, text: str, start: int, end: int) -> bool:
    words = vocabulary()["event_words"]
    return words.first.search(folded if words.folded else text, start, end) is not None


def _stem(word: str) -> tuple[str, str | None]:
    """(the word without its possessive, its stem), the stem None for a stop word or one under three letters."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in vocabulary()["stopwords"] or len(word) < 3:
        return word, None
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word, word[: -len(suffix)]
    return word, word


_STEMS: dict[str, tuple[str, str | None]] = {}  # _stem of every word seen, as the words of news repeat
_STEMS_KEPT = 1 << 17


def stems(sentence: str, names: list[str] = ()) -> list[str]:
    """Content words, crudely stemmed, for comparing what two sentences say (who and where aside)."""
    named = {w.lower() for n in names for w in n.split()}
    out = set()
    for word in set(_WORD.findall(sentence.lower())):
        known = _STEMS.get(word)
        if known is None:
            if len(_STEMS) >= _STEMS_KEPT:
                _STEMS.clear()
            known = _STEMS[word] = _stem(word)
        if known[1] is not None and known[0] not in named:
            out.add(known[1])
    return sorted(out)


# --------------------------------------------------------------------------------------------------
# Titles, scores and the sentence tests.

_SIGNAL_WORDS = ("on the night of", "on the morning of", "on the evening of", "on the afternoon of",  # before a date phrase
                 "on", "in", "at", "during", "last", "this", "earlier", "later", "from", "for", "between",
                 "as late as", "as early as", "as recently as", "at about", "at around", "shortly after", "shortly before")
_SIGNAL_BEFORE = re.compile(r"(?:\b(?:%s)\s+)?$" % "|".join(_SIGNAL_WORDS), re.I)
_SIGNAL_LONGEST = max(map(len, _SIGNAL_WORDS))
_SPACES = re.compile(r"\s+")
_ODD_SPACES = re.compile(r"[^\S ]| {2}")  # what _SPACES would change: white space other than one blank
_LEADING_PUNCTUATION = re.compile(r"^(?:[,;:]\s*)")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_DAY_COMMA_YEAR = re.compile(r"\d,\s+\d{4}$")
_STATISTIC = re.compile(r"\d\s*(?:%|percent\b|per cent\b)")
_AMOUNT = re.compile(r"[$€£¥]\s?\d")  # a sum of money: two in one sentence compare figures


# a clause that tells an event of its own, which the date in it belongs to: "... the largest swap since the
# invasion began in February 2022, ..." (not a relative clause, whose subject is outside it)
_SUBORDINATE = re.compile(r"\b(?:since|after|before|when|while|because|although|once)\s+(?=\w)", re.I)
# a clause joined to one that holds another date: "... in June 2016, and May triggered article 50 on 29 March 2017"
# or a second verb of the same subject: "The company was founded in 2009 and went public in 2018"
_IRREGULAR_PAST = ("won|held|made|took|gave|sold|bought|built|lost|set|began|struck|wrote|left|led|spent|sent|kept|paid|found|"
                   "brought|fought|sought|caught|taught|stood|fled|drove|broke|chose|threw|grew|knew|drew|swore|stole|"
                   "withdrew|underwent|oversaw|rebuilt|saw")
_VERB = (r"(?:was|were|is|are|has|have|had|will|would|[a-z]{2,}ed|%s|went|became|got|ran|fell|rose|hit|met|flew|came|spoke|"
         r"told|said)\b" % _IRREGULAR_PAST)
_COORDINATE = re.compile(r"(?:[,;]\s+(?:and|but)|;|\s+and(?=\s+(?:then\s+)?%s))\s+(?=\w)" % _VERB)
_SUBJECT = re.compile(r"(?P<subject>[A-Z][^,;:()—–]{0,60}?)\s+(?=%s)" % _VERB)  # the words before a sentence's first verb
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
# a thing and what was done to it, between commas: "said the targets, scrapped by Rishi Sunak's government in
# December 2022, would return"
_PARTICIPLE_WORD = (r"(?:[a-z]+(?:ed|en)|built|made|held|set|sold|bought|won|led|hit|struck|paid|found|begun|cut|put|shut|"
                    r"brought|kept|lost|sent|spent)(?=\s+(?:by|in|on|at|from|during|after)\b)")
_PARTICIPLE_ASIDE = re.compile(r"\b(?P<thing>(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}),\s+"
                               r"(?P<clause>%s[^,;:()—–]*)," % _PARTICIPLE_WORD)
# an aside after a title's subject: a relative clause or a participle ("The bridge, built in 1931, was closed");
# or, after a name, an appositive or an age
_RELATIVE_ASIDE = re.compile(r",\s+(?:(?P<relative>who|whose|whom|which|%s)(?P<clause>\s(?:[^,;:()—–]|,(?=\d\d\d))*)|(?:the|a|an)\s[^,;:()—–]*|"
                             r"\d{1,3}),\s+" % _PARTICIPLE_WORD)
_LAST_WHO = re.compile(r",\s+(?P<relative>who)(?P<clause>\s[^,;:()—–]*?)[.!?]?$")  # "... replaced Daniel Reyes, who stepped down in May."


_COUNTED_BEFORE = re.compile(r"[,\s]*(?:\b(?:just|shortly|soon|only|long|right|moments|hours|days|weeks|months|years)|\b(?:a|an|one|two|"
                             r"three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+(?:minutes?|hours?|days?|weeks?|"
                             r"months?|years?|decades?))\s*$")


def _own_clause(sentence: str, start: int, end: int, after: int | None = None, until: int | None = None) -> tuple[int, int]:
    """The span of the subordinate clause the date at [start, end) stands in, or of the clause joined by "and"
    or "but" after `after` (where an earlier date of the sentence ends) or before `until` (where a later one
    starts), or the whole sentence."""
    opening = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    closing = _CLAUSE_BREAK.search(sentence, end)
    clause_end = closing.start() if closing else len(sentence)
    lead = None
    for lead in _SUBORDINATE.finditer(sentence, opening, start):
        pass
    if lead is None and after is not None:
        joint = None
        for joint in _COORDINATE.finditer(sentence, after, start):
            pass
        if joint is not None:  # "..., and Hipkins succeeded her on 25 January", "... and went public in 2018"
            return joint.end(), clause_end
    if lead is None and until is not None and (joint := _COORDINATE.search(sentence, end, until) or _SUBORDINATE.search(sentence, end, until)):
        # "Ardern announced her resignation on 19 January, and Hipkins succeeded her on 25 January"; "Police
        # arrested him on Friday after he fled on Thursday" (and "two years after ...": "two years" goes too)
        counted = _COUNTED_BEFORE.search(sentence, end, joint.start())
        return 0, counted.start() if counted else joint.start()
    if lead is None or lead.start() == 0 or len(sentence[lead.end():clause_end].split()) < 5:
        return 0, len(sentence)
    return lead.end(), clause_end


def _is_name(subject: str) -> bool:
    """Whether a title's subject is a name ("Judge Juan Merchan", "Weisselberg", "Germany"): capitalized words,
    none that is never part of a name ("On Monday", "In Berlin")."""
    words, never = subject.split(), vocabulary()["not_names"]
    return bool(words) and all(w[0].isupper() and w.lower() not in never for w in words)


# a clause or phrase that leads into the news and says what came before it or around it
_LEAD_CLAUSE = re.compile(r"(?:After|Before|When|While|Because|Although|Once|Following|Despite|Amid|Under)\b[^,;:()—–]{3,80},\s+")
# a phrase that sets the scene of the news, its date taken out: "At the summit in The Hague [next week], allies will"
_LEAD_PHRASE = re.compile(r"(?:(?:At|In|On|During|Within|Under)\s+(?:the|a|an|its|his|her|their)\s[^,;:()—–]{3,50}|Then|Later|Earlier|"
                          r"Speaking(?:\s[^,;:()—–]{0,50})?),\s+"
                          r"(?=\S+\s+\S+\s+\S)")
_NAMED_MONTH = re.compile(r"(?:early\s+|late\s+|mid-?)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?!\w)", re.I)
_PARTICIPLE_LEFT = re.compile(r"(?<=[a-z])\s+[a-z]{3,}ed$")
_PARTICIPLE_COMMA = re.compile(r",\s+[a-z]{3,}ed$")
_VERB_NEXT = re.compile(r"\s+%s" % _VERB)
_COUNTED_ON = re.compile(r"\s+(?:later|earlier|after|before)\b")
_TRAILING_CAPITALS = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*[ \t]+)*[A-Z][\w'’.-]*$")


# a thing and what was done to it, closing the sentence: "... to pass the legislation, which the House approved on
# Feb. 25", "... the bill, which was signed on Friday"
_LAST_WHICH = re.compile(r"\b(?P<thing>(?:the|a|an|its|his|her|their)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?),\s+which\s+"
                         r"(?P<clause>[^,;:()—–]*?)[.!?]?$")
_PASSIVE = re.compile(r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be)\s")
_PAST_VERB = re.compile(r"(?<![\w-])(?:[a-z]{3,}ed|%s)\b" % _IRREGULAR_PAST)
_OF_THING = re.compile(r"(?:against|of|for|with|from|to|on|in|at|by)\s+$")  # "the lawsuit against the company, filed"


def _participle_news(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A date in an aside about a thing titles what was done to it: "the targets, scrapped by Rishi Sunak's
    government in 2022," is "The targets were scrapped by Rishi Sunak's government"; "The lawsuit against the
    company, filed on March 10," is "The lawsuit against the company was filed"; the date's place in that title."""
    for aside in _PARTICIPLE_ASIDE.finditer(sentence):
        if aside.start("clause") <= start and end <= aside.end("clause"):
            first = aside.start()
            if _OF_THING.search(sentence, max(0, first - 10), first):  # the aside is about what the phrase began with
                first = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, first)), default=0)
                thing = sentence[first:aside.end("thing")].strip()
                plural = False
            else:
                thing = aside["thing"]
                plural = thing.endswith("s") and not thing.endswith("ss")
            head = f"{thing} {'were' if plural else 'was'} "
            shift = aside.start("clause") - len(head)
            return head + sentence[aside.start("clause"):aside.end("clause")], start - shift, end - shift
    return None


# a clause of a gerund after a subordinating word: "... after arriving from Berlin on Sunday", "Before leaving
# office in 2019, ..."
_GERUND_CLAUSE = re.compile(r"\b(?:[Aa]fter|[Bb]efore|[Ww]hen|[Ww]hile|[Ss]ince|[Oo]nce|[Uu]pon)\s+(?P<verb>[a-z]{2,}ing)\s+[^,;:()—–]+")
_MAIN_SUBJECT = re.compile(r"(?P<subject>(?:[A-Z]|(?:the|a|an|his|her|its|their)\s|(?:he|she|they)(?=\s))[^,;:()—–]{0,60}?)\s+(?=%s)" % _VERB)
_MODAL = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|to)\b")


def _past_of(gerund: str) -> str:
    """'travelling' is 'travelled', 'carrying' 'carried', 'meeting' 'met' (the table in entities.yml)."""
    if irregular := vocabulary()["gerund_past"].get(gerund):
        return irregular
    stem = gerund[:-3]
    if stem.endswith("ee"):  # "agreeing"
        return stem + "d"
    if stem.endswith("y") and stem[-2:-1] not in ("a", "e", "o", "u", ""):  # "carrying", "dying"
        return stem[:-1] + "ied"
    return stem + "ed"  # "visiting", "closing", "stopping", "travelling"


def _gerund_news(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A date in a gerund clause titles what the sentence's subject did then: "Scholz met Macron on Monday after
    arriving from Berlin on Sunday" is "Scholz arrived from Berlin", "After meeting Macron on Monday, Scholz flew
    to Rome" is "Scholz met Macron", and "Scholz will meet Macron before travelling to Rome on Tuesday" is
    "Scholz will be travelling to Rome"; the date's place in that title. None when the main verb is in another
    tense, or follows a modal ("said he would visit Paris before flying to Rome")."""
    for clause in _GERUND_CLAUSE.finditer(sentence) if "ing " in sentence else ():
        if not (clause.start("verb") < start and end <= clause.end()) or clause["verb"] in vocabulary()["not_gerunds"]:
            continue
        if clause.start() == 0:  # the clause leads: the subject is the main clause's, after its comma
            main = re.compile(r",\s+").match(sentence, clause.end())
            subject = main and _MAIN_SUBJECT.match(sentence, main.end())
            between = ""
        else:
            subject = _SUBJECT.match(sentence)
            subject = subject if subject and subject.end() <= clause.start() else None
            between = subject and sentence[subject.end():clause.start()]
        verb = subject and re.match(r"[a-z]+", sentence[subject.end():])
        if not verb:
            return None
        if verb[0] == "will":
            head = f"{subject['subject']} will be {clause['verb']}"
        elif (verb[0] in ("was", "were", "had") or verb[0].endswith("ed") or verb[0] in vocabulary()["past_forms"]
              or verb[0] in ("has", "have") and clause[0][:5].lower() == "since") and not _MODAL.search(between):
            head = f"{subject['subject']} {_past_of(clause['verb'])}"
        else:
            return None
        shift = clause.end("verb") - len(head)
        return head + sentence[clause.end("verb"):clause.end()], start - shift, end - shift
    return None


# what a subject resolved to do, a date inside it (a tally, "five to two", is no "to"): "The council voted 5-2 on
# Tuesday to close the library at the end of June", "..., in which the council voted five to two to close the
# library on June 30"
_INTENT_CLAUSE = re.compile(r"(?:^|(?:,\s+|\b)(?:in\s+which|which|that|who|and|but)\s+)(?P<subject>(?:[A-Z]|(?:the|a|an|its|his|her|their)\s)"
                            r"[^,;:()—–]{0,60}?)\s+(?:voted|decided|agreed|promised|pledged|vowed|planned|resolved)"
                            r"(?:\s+(?:[a-z]+\s+to\s+[a-z]+(?=\s+to\s)|(?!to\b)[\w'’.-]+)){0,6}?\s+to\s+(?P<clause>(?!be\b)[a-z]+\b[^,;:()—–]*)")


# a sentence that opens with what was done to its subject: "Born in Kettering, Ohio, on March 3, 1937, Ellison moved
# to Northfield in 1949", "Elected in 2019, the mayor ..."
_LEADING_PARTICIPLE = re.compile(r"(?:Born|Raised|Elected|Appointed|Founded|Built|Named|Hired|Promoted|Educated|Ordained)\s")
_COMMA = re.compile(r",\s+")


def _lead_participle_news(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A date in an opening participle phrase titles what was done to the subject ("Ellison was born in Kettering,
    Ohio"); a date after it titles the main clause alone ("Ellison moved to Northfield"); the date's place."""
    if not _LEADING_PARTICIPLE.match(sentence):
        return None
    for comma in _COMMA.finditer(sentence):
        if subject := _MAIN_SUBJECT.match(sentence, comma.end()):
            break
    else:
        return None
    if comma.end() <= start:
        return sentence[comma.end():], start - comma.end(), end - comma.end()
    head = f"{subject['subject']} was {sentence[0].lower()}"
    return head + sentence[1:comma.start()], start + len(head) - 1, end + len(head) - 1


def _intent_news(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A date in what a subject voted, agreed or pledged to do titles that plan as a headline does: "The council
    to close the library [at the end of June]", not the vote, which has a date of its own; the date's place."""
    for intent in _INTENT_CLAUSE.finditer(sentence) if " to " in sentence else ():
        if intent.start("clause") <= start and end <= intent.end("clause"):
            head = f"{intent['subject']} to "
            shift = intent.start("clause") - len(head)
            return head + sentence[intent.start("clause"):intent.end("clause")], start - shift, end - shift
    return None


def _which_news(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A date in a closing "which" clause titles what was done to the thing before it: "the House approved the
    legislation", "the bill was signed"; the date's place in that title."""
    which = _LAST_WHICH.search(text) if ", which " in text else None
    if which is None or start < which.start("clause"):
        return None
    thing, at = which["thing"], which.start("clause")
    clause = text[at:which.end("clause")]
    verb = _PAST_VERB.search(clause, 0, start - at)
    if _PASSIVE.match(clause) or verb is not None and verb.start() == 0:  # "which was signed", "which opened": the thing did
        return f"{thing} {clause}", start - at + len(thing) + 1, end - at + len(thing) + 1
    if verb is None:
        return None
    shift = len(thing) + 1 if start - at >= verb.end() else 0
    return f"{clause[:verb.end()]} {thing}{clause[verb.end():]}", start - at + shift, end - at + shift


def _without_aside(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The text without the aside that follows its subject ("Ray Ortiz, who voted against it, said ..." is
    "Ray Ortiz said ...", "Allen Weisselberg, 75, pleaded ..." is "Allen Weisselberg pleaded ..."), unless the
    date at [start, end) stands in it; the date's new place."""
    if which := _which_news(text, start, end):
        return which
    aside = (_RELATIVE_ASIDE.search(text) or _LAST_WHO.search(text)) if ", " in text else None
    if aside is None:
        return text, start, end
    subject = text[:aside.start()]
    if subject[:2].isupper() and (dateline := _DATELINE.match(subject)):
        subject = subject[dateline.end():]
    if aside.start() < end and start < aside.end():
        # the date stands in the aside: the aside is the news of the person before it ("Maria Lopez, who took
        # over in January, told analysts ..." is "Maria Lopez took over"; "... replaced Daniel Reyes, who
        # stepped down in December" is "Daniel Reyes stepped down")
        person = _TRAILING_CAPITALS.search(subject) if aside["relative"] == "who" and aside.start("relative") < start else None
        if person is None or not _is_name(person.group()):
            return text, start, end
        body = aside.end("relative")
        shift = body - len(person.group())
        return person.group() + text[body:aside.end("clause")], start - shift, end - shift
    if len(subject.split()) > 6 or not aside["relative"] and not _is_name(subject):
        return text, start, end
    shift = aside.end() - aside.start() - 1 if aside.end() <= start else 0
    return text[:aside.start()] + " " + text[aside.end():], start - shift, end - shift


def make_title(sentence: str, timex: Timex | None, offset: int, after: int | None = None, until: int | None = None,
               ahead: bool = False) -> str:
    """A short headline from the sentence: the date phrase and trailing clauses removed; a date that stands in a
    clause of its own ("since the invasion began in February 2022"), or in one joined to another date's clause
    (that date ends at `after`, before this one, or starts at `until`, after it: offsets like the timex's),
    titles that clause; a date `ahead` of the article in what was voted or agreed titles the plan."""
    text = sentence
    if timex is not None:
        start, end = timex.start - offset, timex.end - offset
        if gerund := (_gerund_news(sentence, start, end) or ahead and _intent_news(sentence, start, end)
                      or _lead_participle_news(sentence, start, end)):
            (text, start, end), first = gerund, 0
        else:
            first, last = _own_clause(sentence, start, end, None if after is None else after - offset,
                                      None if until is None else until - offset)
            text, start, end = sentence[first:last], start - first, end - first
            if aside := _participle_news(sentence, start + first, end + first):
                (text, start, end), first = aside, 0
        if first and text[:1].islower() and re.match(_VERB, text) and (subject := _SUBJECT.match(sentence)):
            # "... and went public in 2018": the second verb's subject is the sentence's ("The company went public")
            shift = len(subject["subject"]) + 1
            text, start, end = f"{subject['subject']} {text}", start + shift, end + shift
        text, start, end = _without_aside(text, start, end)
        if (lead := _LEAD_CLAUSE.match(text)) and lead.end() <= start:  # "After a dispute, he resigned in May"
            text, start, end = text[lead.end():], start - lead.end(), end - lead.end()
        before = text[:start]
        # the signal word ends where the white space before the date starts: only the tail can hold it
        signal = _SIGNAL_BEFORE.search(before, max(0, len(before.rstrip()) - _SIGNAL_LONGEST))
        cut_start = signal.start() if signal and signal.group(0) else start
        if before.endswith(" of ") and not (signal and signal.group(0)):
            cut_start = end  # "spent most of the 20th century in ...": the date is the object, no aside to drop
        head, tail = text[:cut_start].rstrip(), text[end:]
        if timex.anchor == "previous-date" and (counted := _COUNTED_ON.match(tail)):
            tail = tail[counted.end():]  # "Two years later, the family sued": "later" goes with the date
        if (participle := _PARTICIPLE_LEFT.search(head)) and _VERB_NEXT.match(tail):
            head = head[:participle.start()]  # "A survey completed in October found ...": "A survey found ..."
        elif tail.startswith(",") and (participle := _PARTICIPLE_COMMA.search(head)):
            head, tail = head[:participle.start()], tail[1:]  # "The letter, dated January 13, was released"
        if head.endswith(",") and tail.startswith(","):  # "Then, in March 2011, the plan came back"
            tail = tail[1:]
        if tail.startswith(("’s ", "'s ")):  # "won in Thursday’s election": "won in the election"
            head, tail = text[:start].rstrip(), " the" + tail[2:]
        elif head and tail.startswith(",") and _DAY_COMMA_YEAR.search(text, start, end):
            tail = tail[1:]  # "born on March 3, 1941, in Dayton": the second comma closes the date's year
        # "On December 11, 2025, NATO ..." loses its comma; "... of Crimea in 2014, Germany ..." keeps it
        text = (head + tail if head else tail.lstrip(" ,:–—-")).strip()
        if lead := _LEAD_PHRASE.match(text):
            text = text[lead.end():]
    else:
        text = _without_aside(text, 0, 0)[0]
    text = text.replace("\xa0", " ")
    if text[:2].isupper() and (dateline := _DATELINE.match(text)):  # "BRUSSELS — ": where, not what
        text = text[dateline.end():]
    if _ODD_SPACES.search(text):  # (a substitution that would change nothing costs more than this test)
        text = _SPACES.sub(" ", text)
    text = _LEADING_PUNCTUATION.sub("", text)
    if _SPACE_BEFORE_PUNCTUATION.search(text):
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    # cut at the first clause break after a few words: the rest elaborates
    words = text.split(" ")
    for i in range(5, len(words) if "," in text or ";" in text or "—" in text or "–" in text else 0):
        word = words[i]
        following = words[i + 1] if i + 1 < len(words) else ""
        # (not at the comma that closes an aside the sentence goes on from: "The mayor of Lyon, Grégory Doucet, opened")
        # (an aside is open when an odd number of commas came before, the last of them a few words back)
        closes_aside = (following[:1].islower() and any(w.endswith(",") for w in words[max(0, i - 6):i])
                        and sum(w.endswith(",") for w in words[:i]) % 2 == 1)
        state = following.endswith(",") and following[:-1] in vocabulary()["not_institutions"]  # "in Toledo, Ohio, opened"
        if (word.endswith(",") and not following[:1].isdigit() and not closes_aside and not state) or word.endswith(";") or word in ("—", "–"):
            words = words[: i + 1]
            break
    if len(words) > 20:
        words = words[:20] + ["…"]
    title = " ".join(words).rstrip(",;:.—– ")
    return title[:1].upper() + title[1:]


@lru_cache(maxsize=4096)
def _precision(date: str) -> str:
    return EdtfDate.parse(date).precision


def _score(date: str | None, actors: list[str], sentence: str, lead: bool) -> float:
    # a date the sentence states outranks the article's date lent to an undated lead
    stated = date and not date.endswith(("~", "?", "%"))
    score = PRECISION_POINTS.get(_precision(date), 0) if stated else 0
    score += min(len(actors), 3) + (1 if lead else 0)
    score -= max(0, len(sentence.split()) - 40) / 10
    return round(score, 3)


def _around(creation_date: str | None) -> str | None:
    """The article's date as the date of its undated news: approximate when it is a stated day."""
    if creation_date and _precision(creation_date) == "day" and not creation_date[-1] in "?~%":
        return creation_date + "~"
    return creation_date


def _ahead(date: str | None, creation_date: str | None) -> bool:
    """Whether a date lies wholly after the article's date: what was planned, not what was done."""
    try:
        return bool(date and creation_date) and EdtfDate.parse(date).lower > EdtfDate.parse(creation_date).upper
    except EdtfError:
        return False


def _is_statistic(sentence: str, dates: list[str | None]) -> bool:
    """'rose from 1.15 percent in 2014 to 1.7 percent in 2023', 'inflation was 3.2% in March', 'net income rose to
    $412 million from $338 million': data points, not events; a percentage on a stated day is news of that day
    ('shares fell 5% on Monday'), and one sum is what an event cost ('a $14 million renovation began')."""
    figures = _STATISTIC.findall(sentence)
    return (len(figures) > 1 or bool(figures) and not any(d and d[-1].isdigit() and _precision(d) == "day" for d in dates)
            or len(_AMOUNT.findall(sentence)) > 1)


def _is_heading(sentence: str) -> bool:
    """No sentence-ending punctuation (before closing quotes or brackets) at the end."""
    if sentence.rstrip(_SENTENCE_CLOSERS).endswith((".", "!", "?")):
        return False
    # as `[.!?]["'”’)]*$` reads it: '$' also stands before a final line break
    return not (sentence.endswith("\n") and sentence[:-1].rstrip(_SENTENCE_CLOSERS).endswith((".", "!", "?")))


def _is_item(text: str, start: int) -> bool:
    """Whether the sentence at `start` is a list item's, after its mark: a sentence even with no period
    ("- All trains in Wales were cancelled on Saturday")."""
    line = text.rfind("\n", 0, start) + 1
    return line < start and LIST_MARK.fullmatch(text, line, start) is not None


def _event_timexes(timexes: list[Timex], text: str) -> list[Timex]:
    """Expressions that can date an event: calendar dates, not durations, sets or 'now'; "from 2017 to 2023"
    and "between March and May" are one, the interval."""
    dates = [t for t in timexes if t.edtf and (t.type in ("DATE", "TIME") or t.anchor == "previous-date")  # "two years later"
             and t.value not in GENERIC_VALUES]
    for i in range(len(dates) - 1, 0, -1):
        first, last = dates[i - 1], dates[i]
        if first.signal.lower() in ("from", "between") and _RANGE_JOIN.fullmatch(text, first.end, last.start):
            interval = f"{first.edtf}/{last.edtf}"
            try:
                if EdtfDate.parse(first.edtf).lower < EdtfDate.parse(last.edtf).lower:
                    EdtfDate.parse(interval)
                    dates[i - 1:i + 1] = [first._replace(end=last.end, text=text[first.start:last.end], edtf=interval)]
            except EdtfError:
                pass
    dates = [t for t in dates if t.signal.lower() not in NON_EVENT_SIGNALS
             and not _COMPARED.search(text, max(0, t.start - 24), t.start) and not _FIGURES_OF.match(text, t.end)
             and not _NAMED_AS_A_DAY.match(text, t.end) and not _SCHEDULED_OTHER.search(text, max(0, t.start - 60), t.start)]
    # a date that only tells which thing is meant ("withdrew the 1998 plan on Tuesday", "this year's deal")
    # dates no event of a sentence that has another date
    attributive = [t for t in dates if _is_attributive(text, t)]
    if attributive and len(attributive) < sum(t.type in ("DATE", "TIME") for t in timexes):
        dates = [t for t in dates if t not in attributive]
    # when someone said it is no news beside the date of what they said: "Whitaker said on Tuesday that the
    # plant will close next month"
    said = [t for t in dates if _SAID_ON.search(text, max(0, t.start - 40), t.start)]
    if said and len(said) < len(dates):
        dates = [t for t in dates if t not in said]
    return dates


_SAID_ON = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?(?:reporters|journalists|lawmakers|parliament|[A-Z]\w+)|added|stated|wrote|"
                      r"(?:^|[.!?]\s+)[Ss]peaking)\s+(?:on\s+|late\s+|early\s+)?$")  # (and "Speaking Thursday, the mayor said")


# a date between an article or a possessive and its noun: "the 1998 plan", "its 2018 level", "the 2024-25 season";
# or, coarser than a day, a possessive itself: "this year's deal" (but "Friday's attack" dates the attack)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|our|whose|\w+['’]s)\s+$", re.I)
_NOUN_AFTER = re.compile(r"[ -](?!(?:and|or|to|in|on|at|of|for|by|from|when|after|before|as|is|was|were|are|has|had|have|will|"
                         r"would|that|which|who)\b)[A-Za-z][a-z]+")
_POSSESSIVE_NOUN_AFTER = re.compile(r"['’]s\s+[a-z]+")


def _is_attributive(text: str, t: Timex) -> bool:
    if _POSSESSIVE_NOUN_AFTER.match(text, t.end):
        return _precision(t.edtf) != "day"
    return bool(_DETERMINER_BEFORE.search(text, max(0, t.start - 30), t.start) and _NOUN_AFTER.match(text, t.end))


_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|and|[-–])\s*")
# a date a figure is compared with, or a forecast or figures are for: "60,000 voted, up from 2020", "than in 2019",
# "raised its forecast for fiscal 2025", "reported record revenue for the fourth quarter", "the year ended December 31"; no event of that date
_COMPARED = re.compile(r"\b(?:(?:up|down|rising|falling|compared)\s+(?:from|with|to)|than(?:\s+in)?|"
                       r"(?:forecasts?|outlook|guidance|targets?|estimates?|projections?|budgets?|results|revenues?|earnings|"
                       r"profits?|sales|loss(?:es)?|income)\s+for|(?:year|quarter|period|months|half|week)\s+end(?:ed|ing))\s+(?:the\s+)?$", re.I)
# the period a figure is of: "a 22% rise in third-quarter profit", "the 2025 budget"
# the date of another happening that bounds this one, or of a schedule given up: "issued an order ... until a
# hearing scheduled for March 24", "postponed the hearing, originally set for March 24"
_SCHEDULED_OTHER = re.compile(r"(?:\b(?:until|till|pending)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}|\b(?:originally|initially|previously)\s+)"
                              r"(?:scheduled|set|slated|planned|due)\s+(?:for|on)\s+$", re.I)
# a day named as one, which is no event: "voted to designate July 11 as an international day of remembrance"
_NAMED_AS_A_DAY = re.compile(r"\s+as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:day|holiday|anniversary|deadline)\b", re.I)
_FIGURES_OF = re.compile(r"[\s-]+(?:net\s+)?(?:profits?|earnings|revenues?|sales|results|income|loss(?:es)?|growth|output|"
                         r"figures|budget|deficit|surplus|forecasts?|levels?)\b", re.I)
# "She retired in 2009.", "In 1987, he testified ...": the sentence is about the person the last sentence
# that named someone was about (its first person named); the lead phrase names no one ("Two years later,")
_PRONOUN_SUBJECT = re.compile(r"(?:[A-Z][^A-Z,.;:!?]{0,60},\s+)?(?P<pronoun>[Hh]e|[Ss]he)\s")
# a pronoun as the object of what someone did: "Governor Paul Tierney appointed her to the circuit court" (then the
# next "She" is the one appointed, no Tierney); "her" before a noun is a possessive ("her parents")
_OBJECT_PRONOUN = re.compile(r"(?<=[a-z] )(?:him|her(?=\s+(?:to|as|in|on|at|for|from|with|after|before|and|that|of|by|over|"
                             r"into|up|back|off)\b|\s*[,.;:!?]))\b")
_PRONOUN_TITLE = re.compile(r"^(?:He|She)\b")


# "It said ...", "It opened a plant ...": what the institution the sentence before opened with did
_IT_SUBJECT = re.compile(r"It\s+(?:also\s+)?(?:said|says|added|announced|reported|posted|opened|closed|cut|hired|bought|"
                         r"acquired|sold|launched|raised|agreed|signed|filed|won|lost|paid|invested|moved|built|plans|expects|will)\b")
# a note on the article itself, whose dates are no news: "Correction: An earlier version of this article misstated
# the date of the vote", "This story was updated on March 14, 2025 to add ..."
_EDITORS_NOTE = re.compile(r"(?:Correction|Clarification|Editor['’]s\s+[Nn]ote|Update)\s*:|An\s+earlier\s+version\s+of\s+this\b|"
                           r"This\s+(?:article|story|report|post)\s+(?:has\s+been|was|is\s+being)\s+(?:updated|corrected|amended|revised)\b")
# the date of a chronology's entry, and what happened (not a count: "Week ending Feb. 8: 4 cases" is a figure)
_ENTRY_DASH = re.compile(r"[ \t]*(?:[–—:]|-(?=[ \t]))[ \t]*(?![\d,.]+(?:[ \t]+[a-z]+)?[ \t]*$)\S", re.M)


def _opens(text: str, start: int, at: int) -> bool:
    """Whether the name at `at` opens the sentence at `start`, perhaps after a dateline and "The"."""
    if dateline := _DATELINE.match(text, start):
        start = dateline.end()
    return at == start or at == start + 4 and text.startswith("The ", start)


def _first_named(sentence: str, actors: list[str]) -> str:
    """The person the sentence names first (the subject, most often)."""
    return min(actors, key=lambda p: sentence.find(p) if p in sentence else sentence.find(p.rsplit(" ", 1)[-1]))


# --------------------------------------------------------------------------------------------------
# One article.

def extract_source(source: Source) -> list[Mention]:
    """Every event mention in one source, dated only as far as the text and the article's date allow."""
    if not source.in_english:
        return []  # the tagger and the word lists read English only (`run_extract` reports what it left out)
    text = source.text
    timexes = tag(text, source.creation_date)
    # the date of a dateline is when the report was filed, no event's: "AUSTIN, Texas, March 3, 2025 (Reuters) -"
    for dateline in _DATELINE.finditer(text):
        timexes = [t for t in timexes if not dateline.start() <= t.start < dateline.end()]
    # where a chronology's entry opens with its date: "March 2004: Seven countries join"
    entries = {t.start for t in timexes if _ENTRY_DASH.match(text, t.end)}
    spans = []  # (start, end, sentence) of every sentence that is not a heading
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if (text[end - 1] in ".!?" or not _is_heading(sentence) or _is_item(text, start)  # (most end in a period)
                or start in entries):
            spans.append((start, end, sentence))
    starts = [start for start, _, _ in spans]
    actors_of = _actors_by_sentence(text, spans, starts, _people(text, [(a, b) for a, b, _ in spans]))
    # each expression in the sentence that holds it whole, in the tagger's order
    within: dict[int, list[Timex]] = {}
    for timex in timexes:
        i = bisect_right(starts, timex.start) - 1
        if i >= 0 and timex.end <= spans[i][1]:
            within.setdefault(i, []).append(timex)
    # places are named in words and spaces, so a place never runs from one sentence into the next: one
    # scan of the text finds those of every sentence
    named_at: dict[int, set[str]] = {}
    opened_by: dict[int, str] = {}  # the institution a sentence opens with
    not_institutions = vocabulary()["not_institutions"]
    for at, place in _named_at(text):
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            named_at.setdefault(i, set()).add(place)
            if place not in not_institutions and _opens(text, spans[i][0], at):
                opened_by[i] = place
    folded = _fold(text)
    mentions: list[Mention] = []
    body_index = 0
    subject = None  # the person the last sentence naming someone is about: whom "he" or "she" stands for
    acted_on = None  # ("he" or "she", the person before it) when that sentence did something to "him" or "her"
    institution = None  # the institution the last sentence opening with one is about: what "It" stands for
    for i, (start, end, sentence) in enumerate(spans):
        if sentence.startswith(("\"", "“")) or _EDITORS_NOTE.match(sentence):  # (a sentence starts with no white space)
            continue
        body_index += 1
        inside = within.get(i, ())
        dated = _event_timexes(inside, text) if inside else ()
        actors = actors_of.get(i) or []
        said = _PRONOUN_SUBJECT.match(sentence) if subject else None
        pronoun = None
        if said:
            pronoun = acted_on[1] if acted_on and acted_on[0] == said["pronoun"].lower() else subject
            subject, acted_on = pronoun, None
            actors = [pronoun, *(a for a in actors if a != pronoun)]
        elif actors:
            named = _first_named(sentence, actors)
            acted_on = None
            if subject and subject != named and (object_pronoun := _OBJECT_PRONOUN.search(sentence)):
                acted_on = ("he" if object_pronoun.group() == "him" else "she", subject)
            subject = named
        if acted_on and acted_on[1] not in actors:  # "appointed her": she is in the news too
            actors = [*actors, acted_on[1]]
        named = named_at.get(i)
        it = institution if institution and _IT_SUBJECT.match(sentence) else None
        if it:
            named = {*(named or ()), it}
        institution = opened_by.get(i, institution)
        places = sorted(named) if named else []
        # news that names no one and no place is an event when it is a chronology's entry ("1802 – An engineer
        # proposes a tunnel"), or tells something happening on a stated date, a day or a month it names ("the board
        # revived the plans in the spring of 2019", "the trial began in January"), not "further meetings were
        # planned for later this month"
        if not (actors or places or dated and (start in entries or any(not t.relative or t.anchor == "previous-date"
                                                                       or _precision(t.edtf) == "day"
                                                                       or _NAMED_MONTH.match(t.text) for t in dated)
                                               and _has_event_word(folded, text, start, end))):
            continue
        # an event word only matters to a sentence without a date of its own
        has_event_word = not dated and _has_event_word(folded, text, start, end)
        if not (has_event_word or dated):
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
        if not choices or _is_statistic(sentence, [date for date, _ in choices]):
            continue
        words = stems(sentence, actors + places)
        kinds = _kinds(folded, text, start, end)
        for date, timex in choices:
            # where the last other date of the sentence before this one ends, and where the next one starts
            after = until = None
            if timex is not None:
                after = max((t.end for t in dated if t.end <= timex.start and t.edtf != date), default=None)
                until = min((t.start for t in dated if t.start >= timex.end and t.edtf != date), default=None)
            title = make_title(sentence, timex, start, after, until, _ahead(date, source.creation_date))
            if pronoun:  # "She retired" is "Jane Goodwin retired" in a timeline of many people
                title = _PRONOUN_TITLE.sub(lambda _: pronoun, title, count=1)
            elif it and title.startswith("It "):
                title = it + title[2:]
            mentions.append(Mention(
                source=source.id,
                quote=sentence,
                start=start,
                date=date,
                title=title,
                actors=actors,
                places=places,
                words=words,
                kinds=list(kinds),
                score=_score(date, actors, sentence, lead),
            ))
    return mentions
