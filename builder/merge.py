"""Merge proposed events into timelines/*.yml so that nothing an editor wrote is ever lost.

The machine proposes, the editor decides. `timelines/.proposed.json` remembers what the pipeline last
proposed for each event and where it placed it; a field whose value in the YAML differs from that
proposal was edited by hand and is kept, a field that still holds the proposal takes the new one.
An event removed from a timeline, or marked `status: rejected`, is never proposed there again.
"""
from __future__ import annotations

import bisect
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import InputError, InputErrors
from .fileio import read_text, write_all
from .model import EdtfDate, Event
from .timelines import TimelineFile, commented, put_trailing_comment, remember, take_trailing_comment

STATE_FILE = ".proposed.json"
FIELDS = ("date", "title", "summary", "actors", "tags", "status", "disputed")
DEFAULTS = {"summary": None, "actors": [], "tags": [], "status": "active", "disputed": []}
KEY_ORDER = ("id", "date", "title", "summary", "actors", "tags", "provenance", "status", "citations", "disputed")
INNER_KEY_ORDER = ("date", "note", "source", "quote", "citations")  # a citation's, a disputed version's
EDITOR_PROVENANCE = ("manual", "reviewed")


@dataclass
class MergeReport:
    added: dict[str, list[str]] = field(default_factory=dict)  # timeline → new event ids
    updated: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # proposed, but no timeline's match takes them
    not_english: list[str] = field(default_factory=list)  # inputs of the articles left out, with their language
    written: list[Path] = field(default_factory=list)


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def proposal_fields(event: Event) -> dict:
    """An event as plain values, the form kept in the state file and compared with the YAML."""
    return {
        "date": event.date,
        "title": event.title,
        "summary": event.summary,
        "actors": list(event.actors),
        "tags": list(event.tags),
        "status": event.status,
        "disputed": _plain(event.disputed),
        "citations": [{"source": c.source, "quote": c.quote} for c in event.citations],
    }


def _yaml_value(item: dict, key: str):
    value = _plain(item.get(key, DEFAULTS.get(key)))
    return DEFAULTS.get(key) if value is None and key in DEFAULTS else value


def matches(rule: dict, values: dict) -> bool:
    """Whether an event belongs in a timeline: one of its actors, and one of its keywords, if listed."""
    actors = rule.get("actors") or []
    keywords = [k.lower() for k in rule.get("keywords") or []]
    if actors and not set(actors) & set(values.get("actors") or []):
        return False
    if keywords:
        haystack = " ".join([values.get("title") or "", values.get("summary") or ""]
                            + [c["quote"] for c in values.get("citations") or []]).lower()
        if not any(k in haystack for k in keywords):
            return False
    return True


def _written(before: dict | None) -> dict | None:
    """What the last run wrote into the YAML for an event: its proposal, with the edits it kept."""
    if before is None:
        return None
    return {**{k: v for k, v in before.items() if k != "kept"}, **before.get("kept", {})}


def _remember(proposal: dict, final: dict) -> dict:
    kept = {k: final[k] for k in FIELDS + ("citations",) if final[k] != proposal[k]}
    return {**proposal, "kept": kept} if kept else proposal


def _load_state(path: Path) -> dict:
    if not path.exists():
        return {"events": {}, "placements": {}}
    try:
        state = json.loads(read_text(path))
        if not isinstance(state.get("events"), dict) or not isinstance(state.get("placements"), dict):
            raise ValueError("missing 'events' or 'placements'")
        return state
    except (ValueError, AttributeError) as exc:
        raise InputError(path, f"is damaged ({exc})", "restore it from version control; without it hand edits cannot be told apart") from None


def _in_order(value):
    """A citation or a disputed version with its keys in the order the format shows them (the state file sorts them)."""
    if isinstance(value, list):
        return [_in_order(v) for v in value]
    if isinstance(value, dict):
        rank = {key: i for i, key in enumerate(INNER_KEY_ORDER)}
        return {k: _in_order(value[k]) for k in sorted(value, key=lambda k: (rank.get(k, len(rank)), k))}
    return value


def _new_item(event_id: str, values: dict, provenance: str) -> dict:
    """A new event as plain values in the canonical key order; empty and default fields are left out."""
    item = {**values, "id": event_id, "provenance": provenance}
    return {key: _in_order(item[key]) for key in KEY_ORDER
            if key in ("id", "provenance") or not _left_out(key, item.get(key))}


def _left_out(key: str, value) -> bool:
    """An empty or default field is not written (citations always are)."""
    return key != "citations" and (value is None or value == DEFAULTS.get(key))


def _differs(item: dict, key: str, value) -> bool:
    """Whether writing `value` into an event (plain or ruamel) would change it."""
    if _left_out(key, value):
        return key in item and _yaml_value(item, key) != value
    return key not in item or _plain(item[key]) != value


def _set(item: CommentedMap, key: str, value) -> bool:
    """Write one field into an event map in place (its comments and position stay); False if unchanged."""
    if not _differs(item, key, value):
        return False
    after = take_trailing_comment(item)  # an editor's lines under the event stay under it, whatever field is last
    if _left_out(key, value):
        del item[key]
    elif key in item and isinstance(item[key], CommentedSeq) and not item[key].fa.flow_style() and isinstance(value, list):
        _edit_list(item[key], key, value)
    elif key in item:
        item[key] = commented(key, _in_order(value))
    else:
        # keep the canonical key order for keys the editor had not written
        later = [k for k in KEY_ORDER[KEY_ORDER.index(key) + 1:] if k in item]
        position = list(item).index(later[0]) if later else len(item)
        item.insert(position, key, commented(key, value))
    put_trailing_comment(item, after)
    return True


def _edit_list(seq: CommentedSeq, key: str, wanted: list) -> None:
    """Make a block list (citations, disputed versions) hold `wanted` by deleting and inserting entries, so that
    the entries that stay keep their lines, key order and the editor's comments byte for byte."""
    have = [json.dumps(_plain(v), sort_keys=True) for v in seq]
    want = [json.dumps(v, sort_keys=True) for v in wanted]
    for tag, i1, i2, j1, j2 in reversed(difflib.SequenceMatcher(None, have, want, autojunk=False).get_opcodes()):
        if tag == "equal":
            continue
        for index in reversed(range(i1, i2)):
            del seq[index]
        for offset, value in enumerate(wanted[j1:j2]):
            seq.insert(i1 + offset, commented(key, _in_order(value)))


def _date_key(item) -> tuple | None:
    """Where an event's date sorts; None when it is not a date (an editor's typo keeps its place)."""
    try:
        return EdtfDate.parse(_plain(item.get("date"))).sort_key()
    except Exception:
        return None


class _DateOrder:
    """Where new events go in one timeline: its events' `_date_key`s, parsed once per run and kept in step with the
    events, and whether the dated ones are in date order (the usual case, searched by bisection)."""

    def __init__(self, events: list[dict]):
        self.keys = [_date_key(item) for item in events]
        dated = [k for k in self.keys if k is not None]
        self.in_order = all(a <= b for a, b in zip(dated, dated[1:]))

    def insert(self, timeline: TimelineFile, item: dict) -> None:
        """Place a new event among the events around its date, so an editor's order stays as it is."""
        key = EdtfDate.parse(item["date"]).sort_key()
        position = bisect.bisect_right(_Dated(self.keys), key) if self.in_order else self._fewest_misplaced(key)
        timeline.insert(position, item)
        self.keys.insert(position, key)

    def _fewest_misplaced(self, key: tuple) -> int:
        """Where the new event leaves the fewest events on the wrong side of it (later ones before, earlier ones
        after); of those places, the one beside the nearest date. An event the editor moved out of date order
        ('background, kept last') is one event out of place, not a boundary that every new event lands after."""
        keys = self.keys
        misplaced = sum(1 for k in keys if k is not None and k < key)  # with the new event first
        costs = [misplaced]
        for k in keys:
            if k is not None:
                misplaced += (k > key) - (k < key)
            costs.append(misplaced)
        fewest = min(costs)

        def distance(position: int) -> int:
            near = [k for k in (keys[position - 1] if position else None, keys[position] if position < len(keys) else None)
                    if k is not None]
            return min((abs((k[0] - key[0]).days) for k in near), default=0)
        return min((p for p, cost in enumerate(costs) if cost == fewest), key=lambda p: (distance(p), -p))


class _Dated:
    """A list of date keys as bisect reads it: an undated event (an editor's typo, rare) sorts with the next dated one."""

    def __init__(self, keys: list[tuple | None]):
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index: int):
        keys = self.keys
        while index < len(keys) and keys[index] is None:
            index += 1
        return keys[index] if index < len(keys) else _LAST


class _Last:
    """Sorts after every date key: the undated events at the end of a list."""

    def __lt__(self, other) -> bool:
        return False

    def __gt__(self, other) -> bool:
        return True


_LAST = _Last()


def merge_timelines(proposals: list[Event], directory: Path, root: Path | None = None) -> MergeReport:
    """Merge proposals into every timeline file of `directory`; validates all files before writing any."""
    directory = Path(directory)
    report = MergeReport()
    state_path = directory / STATE_FILE
    state = _load_state(state_path)
    last: dict[str, dict] = state["events"]
    placements: dict[str, list[str]] = {k: list(v) for k, v in state["placements"].items()}

    docs: dict[str, TimelineFile] = {}
    problems: list[InputError] = []
    for path in sorted(directory.glob("*.yml")):
        try:
            docs[path.stem] = TimelineFile(path, root)
        except InputErrors as exc:
            problems.extend(exc.errors)
        except InputError as exc:
            problems.append(exc)
    if problems:
        raise InputErrors(problems)

    copies: dict[str, list[dict]] = {}
    for timeline in docs.values():
        for item in timeline.events:
            copies.setdefault(str(item["id"]), []).append(item)

    # an event keeps its id when a better sentence renames it: find it again by a citation it shares
    def citation_keys(values) -> set:
        return {(c["source"], c["quote"]) for c in values or []}

    known_citations: dict[tuple, str] = {}
    for event_id in sorted(set(copies) | set(last)):
        for item in copies.get(event_id, []):
            for key in citation_keys(_plain(item.get("citations"))):
                known_citations.setdefault(key, event_id)
        for key in citation_keys(last.get(event_id, {}).get("citations")):
            known_citations.setdefault(key, event_id)
    proposed: dict[str, dict] = {}
    for event in proposals:
        values = proposal_fields(event)
        event_id = event.id
        if event_id not in copies and event_id not in last:
            for key in sorted(citation_keys(values["citations"])):
                if key in known_citations and known_citations[key] not in proposed:
                    event_id = known_citations[key]
                    break
        if event_id in proposed:
            continue
        proposed[event_id] = values

    # what each event is now. A copy that differs from what was last written holds a fresh hand edit;
    # a value written earlier that differs from the proposal holds an older one; otherwise the proposal.
    final: dict[str, dict] = {}
    provenance: dict[str, str] = {}
    for event_id, new in proposed.items():
        before = last.get(event_id)
        written = _written(before)
        items = copies.get(event_id, [])
        if not items:
            final[event_id], provenance[event_id] = new, "extracted"
            continue
        merged = {}
        for key in FIELDS + ("citations",):
            values = [_plain(item.get("citations")) or [] if key == "citations" else _yaml_value(item, key)
                      for item in items]
            fresh = [v for v in values if written is None or v != written.get(key, DEFAULTS.get(key))]
            current = fresh[0] if fresh else written.get(key, DEFAULTS.get(key))
            if key == "citations":
                seen = before["citations"] if before else []
                if current == seen:
                    current = new["citations"]
                else:  # new evidence joins the editor's list; what the editor removed stays removed
                    current = current + [c for c in new["citations"] if c not in current and c not in seen]
            elif before is not None and current == before.get(key, DEFAULTS.get(key)):
                current = new[key]
            merged[key] = current
        # a copy that holds the proposal is the pipeline's, even where the state does not know it yet (a run
        # killed between writing the timelines and the state file); any other copy holds an editor's values
        edited = merged != new  # the same keys: FIELDS and citations
        given = [str(item.get("provenance")) for item in items if item.get("provenance") in EDITOR_PROVENANCE]
        provenance[event_id] = given[0] if given else ("edited" if edited else "extracted")
        final[event_id] = merged
        if provenance[event_id] != "extracted":
            report.kept_edits.append(event_id)

    # events the pipeline proposed before but no longer does: withdrawn, unless an editor touched them
    retract = set()
    for event_id, before in last.items():
        if event_id in proposed:
            continue
        written = _written(before)
        untouched = all(
            all(_yaml_value(item, key) == written.get(key, DEFAULTS.get(key)) for key in FIELDS)
            and _plain(item.get("citations")) == written["citations"]
            and str(item.get("provenance", "extracted")) == "extracted"
            for item in copies.get(event_id, []))
        if untouched:
            retract.add(event_id)
            report.retracted.append(event_id)

    placed_anywhere = set()
    for name, timeline in docs.items():
        rule = _plain(timeline.doc.get("match") or {})
        events = timeline.events
        present = {str(item["id"]) for item in events}
        withdrawn = set()  # by the pipeline, here: proposed again later, such an event comes back
        for index in reversed(range(len(events))):
            item = events[index]
            event_id = str(item["id"])
            if event_id in retract:
                timeline.delete(index)
                withdrawn.add(event_id)
                continue
            if event_id in final:
                wanted = {**final[event_id], "provenance": provenance[event_id]}
                if any(_differs(item, key, value) for key, value in wanted.items()):
                    edited = timeline.edit(index)
                    for key in FIELDS + ("citations", "provenance"):
                        _set(edited, key, wanted[key])
                    if event_id not in report.updated:
                        report.updated.append(event_id)
            elif event_id not in last and "provenance" not in item:
                _set(timeline.edit(index), "provenance", "manual")  # written by hand: say so on the site
        history = set(placements.get(name, [])) - withdrawn
        order = None  # parsed on the first insertion into this timeline
        for event_id, values in final.items():
            if event_id in present:
                placed_anywhere.add(event_id)
                continue
            if event_id in history or not matches(rule, values):
                if event_id in history:
                    placed_anywhere.add(event_id)  # removed here by an editor: stays removed
                continue
            if order is None:
                order = _DateOrder(events)
            order.insert(timeline, _new_item(event_id, values, provenance[event_id]))
            report.added.setdefault(name, []).append(event_id)
            placed_anywhere.add(event_id)
        placements[name] = sorted(history | {str(item["id"]) for item in events if str(item["id"]) in final})
    report.unplaced = sorted(set(final) - placed_anywhere)

    new_state = {
        "comment": "Written by `timeline extract`: what the pipeline last proposed. Do not edit; keep it under version control.",
        "events": {event_id: _remember(proposed[event_id], final[event_id]) for event_id in sorted(proposed)},
        "placements": {name: ids for name, ids in sorted(placements.items())},
    }
    rendered = {timeline.path: timeline.render() for timeline in docs.values()}
    files = {path: text for path, (text, _) in rendered.items()}
    # the state file is renamed last: a run killed among the renames leaves it as it was, and the next run
    # reads the timelines it did rename as holding the proposal (above)
    files[state_path] = json.dumps(new_state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    report.written = write_all(files)
    for path in report.written:  # an unchanged file's reading is cached already
        if path in rendered:
            remember(path, *rendered[path], docs[path.stem].cache)
    return report
