"""Validation of everything a build publishes: source records, timelines, and every citation's quote."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from .errors import InputError
from .fileio import read_text
from .model import Citation, Source
from .sources import read_source
from .timelines import Timeline, _line_of, collect_timelines, parse_document

SHOWN = 100  # characters of a closest passage shown in an error line
_WORD_START = re.compile(r"(?<!\w)\w")


def _closest(quote: str, text: str) -> str:
    """The passage of the source most like a quote that is not in it, to show the editor what differs: it starts
    at a word, and a long one is shown from shortly before the first difference, which is what the editor needs."""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    start = max(0, block.a - block.b)
    # aligned on the longest common run, the passage may start inside a word when the quote lost or gained words
    # before it: the window opens a little earlier, and the passage is the part of it the quote matches
    window_start = max(0, start - len(quote) // 2)
    window = text[window_start:start + len(quote) + len(quote) // 2]
    local = difflib.SequenceMatcher(None, window, quote, autojunk=False)
    pieces = [b for b in local.get_matching_blocks() if b.size >= 3] or [local.find_longest_match()]
    first, last = pieces[0], pieces[-1]
    begin = window_start + max(0, first.a - first.b)
    end = window_start + last.a + last.size + (len(quote) - last.b - last.size)
    begin, end = _word_start(text, begin), _word_end(text, end)
    passage = text[begin:end]
    differs = next((op[1] for op in difflib.SequenceMatcher(None, passage, quote, autojunk=False).get_opcodes()
                    if op[0] != "equal"), 0)
    cut = 0
    if len(passage) > SHOWN and differs > 30:
        cut = _word_start(passage, differs - 30)
    shown = " ".join(passage[cut:].split())
    if len(shown) > SHOWN:
        shown = shown[:shown.rfind(" ", 0, SHOWN) if " " in shown[:SHOWN] else SHOWN] + "…"
    return ("…" if cut else "") + shown


def _word_start(text: str, at: int) -> int:
    """The start of the word `at` falls in (or `at` itself, between words)."""
    at = max(0, min(at, len(text)))
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    """The end of the word `at` falls in (or `at` itself, between words)."""
    at = max(0, min(at, len(text)))
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at += 1
    return at


def _shown(path: Path, root: Path | None) -> str:
    """A project file's path as an editor names it: from the project folder."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix() if root is not None else str(path)
    except ValueError:
        return str(path)


class _Lines:
    """Where a timeline file's citations are, read with ruamel only when a problem needs a line number."""

    def __init__(self, root: Path | None):
        self.root, self.docs = root, {}

    def of(self, path: Path, where: list) -> int | None:
        if path not in self.docs:
            try:
                self.docs[path] = parse_document(path, read_text(path, self.root))
            except InputError:
                self.docs[path] = None
        return _line_of(self.docs[path], where) if self.docs[path] is not None else None


def _citations(event) -> list[tuple[list, Citation]]:
    """Each citation of an event (its own, then the disputed versions'), with its path in the file's event."""
    found = [(["citations", j], c) for j, c in enumerate(event.citations)]
    for k, entry in enumerate(event.disputed):
        for j, c in enumerate(entry.get("citations") or []):
            found.append((["disputed", k, "citations", j], Citation(str(c.get("source")), str(c.get("quote")))))
    return found


def citation_problems(sources: dict[str, Source], timelines: list[Timeline], root: Path | None = None,
                      skip: frozenset = frozenset(), unreadable: frozenset = frozenset()) -> list[InputError]:
    """Each citation whose source is missing (once per event and source) or whose quote is not in its source,
    at the citation's line. `skip` holds (event id, source, quote) of citations not to check; citations of an
    `unreadable` source are left out, as that source is reported already."""
    problems: list[InputError] = []
    lines = _Lines(root)
    for timeline in timelines:
        for index, event in enumerate(timeline.events):
            missing = set()
            for where, citation in _citations(event):
                if citation.source in unreadable or (event.id, citation.source, citation.quote) in skip:
                    continue
                at = ["events", index, *where]
                source = sources.get(citation.source)
                if source is None:
                    if citation.source in missing:
                        continue  # one line for a source that is gone, however often the event cites it
                    missing.add(citation.source)
                    close = difflib.get_close_matches(citation.source, list(sources), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "ingest the article or fix the source id"
                    problems.append(InputError(timeline.path, f"event '{event.id}' cites a missing source '{citation.source}'",
                                               hint, line=lines.of(timeline.path, at + ["source"])))
                elif citation.quote not in source.text:
                    problems.append(InputError(
                        timeline.path, f"event '{event.id}': quote is not in source '{citation.source}'",
                        f"quote the text exactly; closest passage: \"{_closest(citation.quote, source.text)}\"",
                        line=lines.of(timeline.path, at + ["quote"])))
    return problems


def check_project(sources_dir: Path, timelines_dir: Path, root: Path | None = None,
                  notes: list[str] | None = None) -> list[InputError]:
    """Every problem found, not only the first: CI shows editors the whole list in one run. A timeline with no
    events is no problem (a new project's timelines start so, and its page says there are none yet); it is
    named in `notes`, for the editor who expected events there."""
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
        if notes is not None and not any(e.status == "active" for e in timeline.events):
            notes.append(f"{_shown(timeline.path, root)} has no events yet: its page says so (widen its 'match' "
                         "or add events by hand to fill it)")
        problems += citation_problems(sources, [timeline], root, unreadable=frozenset(unreadable))
    return problems
