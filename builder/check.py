"""Validation of everything a build publishes: source records, timelines, and every citation's quote."""
from __future__ import annotations

import difflib
from pathlib import Path

from .errors import InputError
from .sources import read_source
from .timelines import collect_timelines


def _closest(quote: str, text: str) -> str:
    """The passage of the source most like a quote that is not in it, to show the editor what differs."""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    start = max(0, block.a - block.b)
    passage = " ".join(text[start:start + len(quote)].split())
    return passage[:80] + ("…" if len(passage) > 80 else "")


def _quote_line(path: Path, event_id: str, quote: str) -> int | None:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    needle = quote[:40]
    seen_event = False
    for number, line in enumerate(lines, start=1):
        if f"id: {event_id}" in line:
            seen_event = True
        if seen_event and needle in line:
            return number
    return None


def check_project(sources_dir: Path, timelines_dir: Path, root: Path | None = None) -> list[InputError]:
    """Every problem found, not only the first: CI shows editors the whole list in one run."""
    problems: list[InputError] = []
    sources, unreadable = {}, set()
    for path in sorted(Path(sources_dir).glob("*.md"), key=lambda p: p.name):
        try:
            sources[path.stem] = read_source(path, root)
        except InputError as exc:
            problems.append(exc)
            unreadable.add(path.stem)  # its citations are not also reported missing: one problem, one line
    timelines, unloadable = collect_timelines(timelines_dir, root)
    problems.extend(unloadable)
    if not timelines and not problems:
        problems.append(InputError(timelines_dir, "holds no timeline (*.yml)", "add one; see timelines/README.md"))
    for timeline in timelines:
        if not any(e.status == "active" for e in timeline.events):
            problems.append(InputError(timeline.path, "has no events to publish",
                                       "run `timeline extract`, widen its 'match', add events by hand, or delete the file"))
        for event in timeline.events:
            for citation in event.citations + [c for d in event.disputed for c in _disputed_citations(d)]:
                if citation.source in unreadable:
                    continue
                source = sources.get(citation.source)
                if source is None:
                    close = difflib.get_close_matches(citation.source, list(sources), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "ingest the article or fix the source id"
                    problems.append(InputError(timeline.path, f"event '{event.id}' cites a missing source '{citation.source}'",
                                               hint, line=_quote_line(timeline.path, event.id, citation.source)))
                elif citation.quote not in source.text:
                    problems.append(InputError(
                        timeline.path, f"event '{event.id}': quote is not in source '{citation.source}'",
                        f"quote the text exactly; closest passage: \"{_closest(citation.quote, source.text)}\"",
                        line=_quote_line(timeline.path, event.id, citation.quote)))
    return problems


def _disputed_citations(entry: dict):
    from .model import Citation

    return [Citation(str(c.get("source")), str(c.get("quote"))) for c in entry.get("citations") or []]
