"""What the fast paths of ingest, source records and event selection must keep: the results of the plain
definitions they replace, and an ingest that reads again exactly the articles whose record could change.

The tagger's choice of patterns at a place is checked against trying them all.

The plain definitions are written out here (`spec_*`): the expressions the code used before it was made
fast. Random texts and the seeds go through both.
"""
from __future__ import annotations

import json
import os
import re
import time
import string
import sys
from dataclasses import asdict
from functools import lru_cache

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builder import extract, ingest, sentences, sources
from builder.cli import main as timeline
from builder.sources import FIELDS, load_sources

FAST = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# --------------------------------------------------------------------------------------------------
# Ingest: an unchanged article is not read again; a changed one, a hand-corrected record or another
# ingest version is.

@pytest.fixture()
def ingested(tmp_path, monkeypatch):
    """The seeds ingested by the CLI (in this process, from the project folder), and a counter of the
    articles the next ingest reads."""
    from projects import fresh_project

    project = fresh_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert timeline(["ingest", "--no-progress"]) == 0
    reads = []
    real = ingest.read_article
    monkeypatch.setattr(ingest, "read_article", lambda path, root: reads.append(path.name) or real(path, root))
    return project, reads


def _files(project):
    return {p.name: p.read_bytes() for p in sorted((project / "content" / "sources").iterdir())}


def test_no_change_ingest_reads_no_article_and_changes_no_byte(ingested, capsys):
    project, reads = ingested
    before = {p.name: p.stat().st_mtime_ns for p in (project / "content" / "sources").iterdir()}
    files = _files(project)
    assert timeline(["ingest", "--no-progress"]) == 0
    assert reads == []
    assert _files(project) == files
    assert {p.name: p.stat().st_mtime_ns for p in (project / "content" / "sources").iterdir()} == before
    assert "0 record(s) written, 5 unchanged" in capsys.readouterr().out


def test_a_changed_article_is_read_again_and_a_hand_correction_kept(ingested, capsys):
    project, reads = ingested
    records = load_sources(project / "content" / "sources")
    corrected = next(s for s in records.values() if s.input.endswith(("002_ecd01cb15038ab9f.txt")))
    path = project / "content" / "sources" / f"{corrected.id}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"title: {corrected.title}", "title: Stoltenberg to step down", 1),
                    encoding="utf-8")
    article = project / "seeds" / "003_31dab40551ac45d2.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe visit ended with a joint statement.\n", encoding="utf-8")
    capsys.readouterr()
    assert timeline(["ingest", "--no-progress"]) == 0
    assert sorted(reads) == ["002_ecd01cb15038ab9f.txt", "003_31dab40551ac45d2.txt"]
    after = load_sources(project / "content" / "sources")
    assert after[corrected.id].title == "Stoltenberg to step down"
    assert "joint statement" in next(s.text for s in after.values() if s.input.endswith("003_31dab40551ac45d2.txt"))
    assert "hand edits kept in 1 record(s)" in capsys.readouterr().out
    # the corrected record keeps its correction, so it is read on every run; the others are not
    reads.clear()
    assert timeline(["ingest", "--no-progress"]) == 0
    assert reads == ["002_ecd01cb15038ab9f.txt"]
    assert load_sources(project / "content" / "sources")[corrected.id].title == "Stoltenberg to step down"


def test_a_file_seen_settled_is_not_read_again_until_its_size_or_mtime_changes(ingested):
    """As git's index does: size and mtime vouch for bytes already hashed; saving a file gives it a new mtime."""
    project, reads = ingested
    hour_ago = time.time_ns() - 3600 * 10**9  # an archive's files, written well before this run
    for folder in ("seeds", "content/sources"):
        for path in (project / folder).iterdir():
            os.utime(path, ns=(hour_ago, hour_ago))
    assert timeline(["ingest", "--no-progress"]) == 0  # hashes them all, and remembers what it saw
    assert reads == []
    stats = json.loads((project / ".cache" / "timeline" / "ingest-stat.json").read_text())
    assert len(stats) == 5 and "seeds/003_31dab40551ac45d2.txt" in stats
    article = project / "seeds" / "003_31dab40551ac45d2.txt"
    changed = article.read_bytes().replace("Mark Rutte".encode(), "Mark Rutta".encode())
    article.write_bytes(changed)  # the same size...
    os.utime(article, ns=(hour_ago, hour_ago))  # ...and the old mtime: trusted unread, as by git and make
    assert timeline(["ingest", "--no-progress"]) == 0
    assert reads == []
    os.utime(article)  # the mtime a save gives it
    assert timeline(["ingest", "--no-progress"]) == 0
    assert reads == ["003_31dab40551ac45d2.txt"]
    assert "Mark Rutta" in next(s.text for s in load_sources(project / "content" / "sources").values()
                                if s.input.endswith("003_31dab40551ac45d2.txt"))
    # a file changed as its stat is taken (here: stamped ahead of the clock) is not vouched for by its mtime
    ahead = time.time_ns() + 10 * 10**9
    os.utime(article, ns=(ahead, ahead))
    assert timeline(["ingest", "--no-progress"]) == 0
    assert "seeds/003_31dab40551ac45d2.txt" not in json.loads((project / ".cache" / "timeline" / "ingest-stat.json").read_text())


def test_another_ingest_version_reads_every_article_again(ingested, monkeypatch):
    project, reads = ingested
    files = _files(project)
    state_path = project / "content" / "sources" / ".ingest-state.json"
    assert json.loads(state_path.read_text())["ingested_with"] == ingest.ingest_version()
    monkeypatch.setattr(ingest, "ingest_version", lambda: "another")  # as after a change to code or data
    assert timeline(["ingest", "--no-progress"]) == 0
    assert len(reads) == 5
    state = json.loads(state_path.read_text())
    assert state["ingested_with"] == "another"
    assert {k: v for k, v in _files(project).items() if k != state_path.name} == \
           {k: v for k, v in files.items() if k != state_path.name}


def test_a_run_on_some_articles_under_another_version_leaves_the_rest_to_be_read(ingested, monkeypatch):
    project, reads = ingested
    monkeypatch.setattr(ingest, "ingest_version", lambda: "another")
    assert timeline(["ingest", "--no-progress", "seeds/000_332c2d77ffbe845f.txt"]) == 0
    assert reads == ["000_332c2d77ffbe845f.txt"]
    reads.clear()
    assert timeline(["ingest", "--no-progress"]) == 0  # the other four were made by the old version
    assert sorted(reads) == sorted(p.name for p in (project / "seeds").iterdir() if p.name != "000_332c2d77ffbe845f.txt")


def test_a_deleted_record_is_written_again(ingested):
    project, reads = ingested
    files = _files(project)
    victim = sorted((project / "content" / "sources").glob("*.md"))[0]
    victim.unlink()
    assert timeline(["ingest", "--no-progress"]) == 0
    assert len(reads) == 1
    assert _files(project) == files


def test_ingest_version_covers_what_a_record_depends_on():
    assert {"ingest", "sources", "sentences", "model", "timex", "fileio"} <= set(ingest._imported_modules("ingest"))
    assert re.fullmatch(r"[0-9a-f]{16}", ingest.ingest_version())


# --------------------------------------------------------------------------------------------------
# Dates: the fast reader says what dateparser says, or leaves the date to it.

MONTHS = ["January", "Feb", "march", "APR", "May", "jun.", "July", "Aug", "Sept", "Sep.", "october", "Nov.", "DEC"]


@settings(max_examples=300, **FAST)
@given(st.sampled_from(MONTHS), st.integers(0, 40), st.sampled_from(["", "st", "nd", "rd", "th", "TH"]),
       st.sampled_from(["", ","]), st.sampled_from([999, 1000, 1899, 2000, 2024, 2025, 2999, 3000]),
       st.booleans(), st.sampled_from(["-", "/", ".", "name"]))
def test_fast_dates_are_dateparsers(month, day, suffix, comma, year, day_first, shape):
    if shape == "name":
        text = f"{day}{suffix} {month}{comma} {year}" if day_first else f"{month} {day}{suffix}{comma} {year}"
    elif shape == "-":
        text = f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}"
    else:
        text = f"{day}{shape}{MONTHS.index(month) + 1}{shape}{year}" if day_first else f"{MONTHS.index(month) + 1}{shape}{day}{shape}{year}"
    ingest.parse_date.cache_clear()
    result = ingest.parse_date(text)
    numeric = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})", text)
    if numeric and numeric[2] == "/" and not (int(numeric[1]) > 12 >= int(numeric[3]) or int(numeric[3]) > 12 >= int(numeric[1])
                                               or numeric[1] == numeric[3]):
        assert result is None  # either order possible: never guessed
        return
    order = "DMY" if numeric and (numeric[2] == "." or int(numeric[1]) > 12) else "MDY" if numeric else \
        "YMD" if shape == "-" else None
    assert result == ingest._dateparser_date(text, order)


# --------------------------------------------------------------------------------------------------
# Source records: front matter written and read as PyYAML writes and reads it.

_ATOMS = ["a", "Z", "0", " ", "'", '"', ":", ": ", "#", " #", "- ", "?", "[", "{", "&", "*", "!", "|", ">", "%", "@",
          "---", "null", "~", "yes", "No", "1.5", "2024-11-04", "12:30", "é", "“", "\u00a0", "\u2028", "\x85", "\ufeff",
          "\t", "\n", "\x1f", "😀", "\\", "https://x.de/a?b=1#c"]
_strings = st.lists(st.sampled_from(_ATOMS), max_size=6).map("".join)
_values = st.none() | _strings | st.lists(_strings, max_size=3)


@settings(max_examples=2000, **FAST)
@given(st.dictionaries(st.sampled_from(FIELDS), _values, min_size=1))
def test_front_matter_written_and_read_as_pyyaml_does(meta):
    dumped = sources._dump(meta)
    written = sources._write_front_matter(meta)
    assert written is None or written == dumped
    read = sources._read_front_matter(dumped[:-1])
    assert read is None or read == yaml.safe_load(dumped) == meta


@settings(max_examples=1000, **FAST)
@given(st.lists(st.sampled_from(_ATOMS + ["title: ", "\nurl: ", "\ncaptions:\n- ", "\n- ", "\nlanguage: en", "''"]),
                max_size=12).map("".join))
def test_front_matter_read_fast_only_where_pyyaml_agrees(front):
    read = sources._read_front_matter(front)
    if read is not None:
        assert read == yaml.safe_load(front)


def test_every_seed_record_written_and_read_fast(ingested):
    project, _ = ingested
    for path in sorted((project / "content" / "sources").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text[4:text.find("\n---\n", 4)]
        assert sources._read_front_matter(front) == yaml.safe_load(front)
        source = sources.read_source(path)
        assert sources.render_source(source) == text


# --------------------------------------------------------------------------------------------------
# Sentences and event selection: the plain definitions.

_SPEC_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_SPEC_NEXT = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")


def spec_split_sentences(text):
    def ends(start, boundary):
        if not _SPEC_NEXT.match(text, boundary.end()):
            return False
        if text[boundary.start()] != ".":
            return True
        word = re.search(r"(\S+)$", text[start:boundary.start()])
        if not word:
            return True
        token = word.group(1).lstrip("\"'“‘([").lower()
        if token not in sentences._abbreviations() and not re.fullmatch(r"[a-z](\.[a-z])*", token):
            return True
        # "at 7 a.m. The bridge": an abbreviation that can close a sentence does before a word that opens one
        following = re.match(r"\s+[\"'“‘(\[]?([A-Za-z]+)", text[boundary.end():])
        return token in sentences._CLOSING and following is not None and following[1].lower() in sentences._OPENERS

    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        while start < para.end() and text[start].isspace():
            start += 1
        if mark := re.match(r"(?:\d{1,3}[.)]|[-*•·›»]|[QA]:)[ \t]+", text[start:para.end()]):  # a list item's mark
            start += mark.end()
        for boundary in _SPEC_BOUNDARY.finditer(text, start, para.end()):
            if boundary.start() >= start and ends(start, boundary):
                spans.append((start, boundary.end()))
                start = boundary.end()
                while start < para.end() and text[start].isspace():
                    start += 1
        end = para.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=1)
def _specs():
    """The plain expressions, compiled from entities.yml as the code compiled them before."""
    from importlib import resources

    data = yaml.safe_load(resources.files("builder").joinpath("data/entities.yml").read_text())
    places = sorted(set(data["places"] + data["organizations"]) | data["aliases"].keys(), key=len, reverse=True)
    return {
        "places": re.compile(r"\b(%s)(?!\w)" % "|".join(re.escape(p) for p in places)),
        "aliases": data["aliases"],
        "kinds": {kind: re.compile(r"\b(?:%s)" % "|".join(re.escape(w) for w in words), re.I)
                  for kind, words in data["event_kinds"].items()},
        "event_words": re.compile(r"\b(?:%s)" % "|".join(
            [re.escape(w) for w in data["event_words"]]
            + [rf"{w}(?:s|es|e?d|ing|{w[-1]}ed|{w[-1]}ing)?\b" + (rf"|{w[:-1]}ing\b" if w.endswith("e") else "")
               for w in data["event_words_whole"]]), re.I),
    }


def spec_places_in(sentence):
    aliases = _specs()["aliases"]
    return sorted({aliases.get(p, p) for p in _specs()["places"].findall(sentence)}
                  | {place for _, place in extract.dateline_places(sentence)}
                  | {name for _, name in extract.organizations_in(sentence)})


def spec_kinds_in(sentence):
    return [kind for kind, pattern in _specs()["kinds"].items() if pattern.search(sentence)]


def spec_has_event_word(sentence):
    return bool(_specs()["event_words"].search(sentence))


def spec_actors_in(sentence, people):
    """Each person named in full, as words, and the first of the people bearing a surname where it stands alone;
    not where a relative of theirs follows ("Pruitt's wife")."""
    def word(name, text):
        return re.search(rf"\b{re.escape(name)}\b(?!{extract._RELATIVE_OF})", text)

    in_full = [p for p in people if word(p, sentence)]

    def alone(surname):
        rest = sentence
        for other in in_full:
            if other.split()[-1] == surname:
                rest = rest.replace(other, " ")
        return word(surname, rest)

    first = {}
    for p in people:
        first.setdefault(p.split()[-1], p)
    return [p for p in people if p in in_full or (first[p.split()[-1]] == p and alone(p.split()[-1]))]


_WORDS = (["Berlin", "Great Britain", "Britain", "The Hague", "Hague", "U.S.", "US", "U.S.A.", "New York", "Tel Aviv", "Kyiv", "XBerlin", "Berlin_",
           "Mark Rutte", "Rutte", "rutte", "Olaf Scholz's", "van der", "O'Brien", "Smith-Jones", "met", "MEETING", "Signed",
           "step down", "stepped  down", "won the", "ſigned", "İstanbul", "ınvest", "Kelvin", "budget", "summit", "attack",
           "Mr", "Dr", "U.S", "e.g", "J", "jan", "No", "a.m", "Inc", "The", "It", "Monday", "2024", "percent", "%", "on", "in", "last", "the", "and", "1", "12", "•", "*", "A", "Q"]
          + [".", "!", "?", "...", '"', "'", "”", "’", "“", "(", ")", "[", "]", ",", ";", ":", "—", "-", "\n", "\n\n", "\t",
             "\u00a0", " ", " ", " ", "  "])
_texts = st.lists(st.sampled_from(_WORDS), max_size=60).map("".join)


@settings(max_examples=3000, **FAST)
@given(_texts)
@example("1. The council met. It left.\n- 2. Then")  # a list item's mark with a period of its own
def test_sentences_split_as_the_plain_definition_does(text):
    assert sentences.split_sentences(text) == spec_split_sentences(text)


@settings(max_examples=2000, **FAST)
@given(_texts)
def test_places_kinds_event_words_and_actors_as_the_plain_expressions_find_them(text):
    assert extract.places_in(text) == spec_places_in(text)
    assert extract.kinds_in(text) == spec_kinds_in(text)
    assert extract._has_event_word(extract._fold(text), text, 0, len(text)) == spec_has_event_word(text)
    people = ["Mark Rutte", "Anna Rutte", "Jo Smith-Jones", "Al Smith", "Olaf Scholz"]
    assert extract.actors_in(text, people) == spec_actors_in(text, people)


def test_case_folding_is_what_ignorecase_does_for_ascii_letters():
    letters = re.compile("[a-z]", re.I)
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = extract._fold(char)
        assert len(folded) == 1
        assert bool(word.match(folded)) == bool(word.match(char))
        if letters.fullmatch(char):
            assert folded in string.ascii_lowercase and re.fullmatch(folded, char, re.I)
        else:
            assert folded not in string.ascii_lowercase


def test_mentions_of_the_seeds_are_whole_sentences_with_their_people(ingested):
    project, _ = ingested
    for source in load_sources(project / "content" / "sources").values():
        spans = dict(sentences.split_sentences(source.text))
        people = extract.find_people(source.text)
        for mention in extract.extract_source(source):
            assert spans[mention.start] == mention.start + len(mention.quote)
            named = spec_actors_in(mention.quote, people)
            if extract._PRONOUN_SUBJECT.match(mention.quote):  # "he" or "she": the person named before, first
                named = [mention.actors[0], *(a for a in named if a != mention.actors[0])]
            assert mention.actors == named
            assert mention.places == spec_places_in(mention.quote)
            assert mention.kinds == spec_kinds_in(mention.quote)
            assert mention.to_dict() == asdict(mention)


# --------------------------------------------------------------------------------------------------
# The tagger tries, at each place, only the patterns that can begin with the first word there: no pattern
# that matches at a place may be left out.

def _tagger_texts() -> list[str]:
    """The seeds and every sentence of the tagger's tests, lower-cased as the tagger reads them."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").iterdir(), key=lambda p: p.name)]
    return [t.lower() for t in texts + [(root / "tests" / "test_timex.py").read_text(encoding="utf-8")]]


def test_the_patterns_tried_at_a_place_include_every_pattern_that_matches_there():
    from builder.timex import _KEY, _begins, grammar

    g = grammar()
    matched = 0
    for text in _tagger_texts():
        for place in (m.start() for m in re.finditer(r"(?<![a-z])[a-z\d]|['’\"(]", text)):
            key = _KEY.match(text, place).group()
            for pattern, lead in zip(g.patterns, g.leads):
                if pattern.match(text, place):
                    matched += 1
                    assert _begins(lead, key), (g.handler[pattern.pattern], key, text[place:place + 40])
    assert matched > 1000
