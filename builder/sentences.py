"""Sentence spans in article text: quotes are whole sentences, so splitting decides what can be cited."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    text = resources.files("builder").joinpath("data/abbreviations.txt").read_text()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then white space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"[^\n]+")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")


def _ends_sentence(text: str, start: int, boundary: re.Match) -> bool:
    if not _NEXT_STARTS_SENTENCE.match(text, boundary.end()):
        return False
    if text[boundary.start()] != ".":
        return True
    word = re.search(r"(\S+)$", text[start:boundary.start()])
    if not word:
        return True
    token = word.group(1).lstrip("\"'“‘([").lower()
    if token in _abbreviations():
        return False
    # initials ("J. Smith") and dotted acronyms ("U.S.") do not end a sentence before a capital
    return not re.fullmatch(r"[a-z](\.[a-z])*", token)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; a line break always ends one (headings, list items)."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        start = para.start()
        while start < para.end() and text[start].isspace():
            start += 1
        for boundary in _BOUNDARY.finditer(text, start, para.end()):
            if boundary.start() >= start and _ends_sentence(text, start, boundary):
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
