"""Sentence spans in article text: quotes are whole sentences, so splitting decides what can be cited."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    text = resources.files("builder").joinpath("data/abbreviations.txt").read_text()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# A boundary: terminal punctuation, optional closing quotes/brackets, then white space and what can open
# the next sentence (a capital or a digit, perhaps after an opening quote or bracket). One scan of the
# whole text finds them all; the look-ahead may cross a line break, as the next sentence may start there.
# ("[.!?][.!?]*" rather than "[.!?]+": an expression that starts with a plain character class lets the
# engine skip to the next candidate character, which halves the scan.)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"[^\n]+")
# a list item's mark, or an interview's question or answer mark, which is no part of its sentence: "- 1802 – Engineer
# Albert Mathieu-Favier proposes a tunnel", "A: The first questionnaires go out in January."
LIST_MARK = re.compile(r"(?:\d{1,3}[.)]|[-*•·›»]|[QA]:)[ \t]+")
_INITIALS = re.compile(r"[a-z](\.[a-z])*")
# An abbreviation that can also close a sentence ("cut the ribbon at 7 a.m. The bridge opened"; "sold in the
# U.S. It"): it does when the next word is one that opens sentences, not a name or a date ("at 7 a.m. Monday",
# "the U.S. Senate", "Acme Inc. Chief").
_CLOSING = frozenset("a.m p.m etc inc corp co ltd jr sr u.s u.k u.n e.u d.c".split())
_OPENERS = frozenset("the a an he she it they we i his her its their this that these those there in on at by for "
                     "but and so yet after before when while as if what some many most no".split())
_NEXT_WORD = re.compile(r"[\"'”’)\]]*\s+[\"'“‘(\[]?([A-Za-z]+)")


def _ends_sentence(text: str, start: int, stop: int) -> bool:
    """Whether the boundary at `stop` (a '.' there) ends the sentence that began at `start`."""
    if stop == start or text[stop - 1].isspace():
        return True  # no word before the period
    word = text[max(start, text.rfind(" ", start, stop) + 1):stop]  # after the last blank...
    if word.split() != [word]:  # ...or after other white space
        first = stop - 1
        while first > start and not text[first - 1].isspace():
            first -= 1
        word = text[first:stop]
    if not abbreviated(word):
        return True
    if word.lstrip("\"'“‘([").lower() not in _CLOSING:
        return False
    following = _NEXT_WORD.match(text, stop + 1)
    return following is not None and following[1].lower() in _OPENERS


def abbreviated(word: str) -> bool:
    """Whether a period after `word` marks an abbreviation ("Nov.", "a.m."), initials ("J.") or a dotted
    acronym ("U.S."), not the end of a sentence or clause."""
    token = word.lstrip("\"'“‘([").lower()
    return token in _abbreviations() or _INITIALS.fullmatch(token) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; a line break always ends one (headings, list items), and a list
    item's sentence starts after its mark."""
    spans = []
    boundaries = [m.span() for m in _BOUNDARY.finditer(text)]
    count, k = len(boundaries), 0
    for para in _PARAGRAPH.finditer(text):
        start, para_end = para.span()
        while start < para_end and text[start].isspace():
            start += 1
        if mark := LIST_MARK.match(text, start, para_end):
            start = mark.end()
        while k < count and boundaries[k][0] < para_end:
            stop, after = boundaries[k]
            k += 1
            # a boundary at the very end of the line is the line's own end, not a sentence's inside it (nor
            # is the period of a list item's mark, "1. ", one)
            if start <= stop and after < para_end and (text[stop] != "." or _ends_sentence(text, start, stop)):
                spans.append((start, after))
                start = after
                while start < para_end and text[start].isspace():
                    start += 1
        end = para_end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
