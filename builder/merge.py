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
from .group import EventIndex
from .model import EdtfDate, Event
from .timelines import TimelineFile, commented, put_trailing_comment, remember, take_trailing_comment

STATE_FILE = ".proposed.json"
FIELDS = ("date", "title", "summary", "actors", "tags", "status", "disputed")
DEFAULTS = {"summary": None, "actors": [], "tags": [], "status": "active", "disputed": []}
KEY_ORDER = ("id", "date", "title", "summary", "actors", "tags", "provenance", "status", "citations", "disputed")
INNER_KEY_ORDER = ("date", "note", "source", "quote", "citations")  # a citation's, a disputed version's
EDITOR_PROVENANCE = ("manual", "reviewed")
QUOTE_SIMILARITY = 0.8  # a quote no longer proposed, and a new one of its source this close: one sentence corrected


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


def _written(before: dict | None, timeline: str | None = None) -> dict | None:
    """What the last run wrote into the YAML for an event (into its copy in `timeline`): its proposal, with the
    edits it kept, and the values that copy holds apart from the others."""
    if before is None:
        return None
    written = {k: v for k, v in before.items() if k not in ("kept", "apart")}
    written.update(before.get("kept", {}))
    if timeline is not None:
        written.update(before.get("apart", {}).get(timeline, {}))
    return written


def _remember(proposal: dict, final: dict, apart: dict[str, dict]) -> dict:
    kept = {k: final[k] for k in FIELDS + ("citations",) if final[k] != proposal[k]}
    return {**proposal, **({"kept": kept} if kept else {}), **({"apart": apart} if apart else {})}


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


Cited = tuple[str, str]  # (source, quote): one citation, as merge compares them


def _cited(citations) -> set[Cited]:
    return {(c["source"], c["quote"]) for c in citations or []}


def _similar(a: str, b: str) -> bool:
    """Two quotes that are one sentence before and after a correction ("barred" made "blocked")."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= QUOTE_SIMILARITY and matcher.quick_ratio() >= QUOTE_SIMILARITY and (
        matcher.ratio() >= QUOTE_SIMILARITY)


def _corrections(last: dict, proposals: list[dict]) -> dict[Cited, Cited]:
    """Quotes the pipeline proposed last time and no longer does, each to the new quote of its source that is the
    same sentence corrected: the citation is the same one, and its quote is updated wherever it stands."""
    now = set().union(*(_cited(values["citations"]) for values in proposals))
    before = set().union(set(), *(_cited(entry.get("citations")) for entry in last.values()))
    fresh: dict[str, list[str]] = {}
    for source, quote in sorted(now - before):
        fresh.setdefault(source, []).append(quote)
    found = {}
    for source, quote in sorted(before - now):
        match = next((q for q in fresh.get(source, ()) if _similar(quote, q)), None)
        if match is not None:
            found[(source, quote)] = (source, match)
            fresh[source].remove(match)
    return found


@dataclass
class _Copy:
    """One copy of an event: the timeline it is in and its values there."""

    timeline: str
    item: dict


def _identify(proposals: list[Event], copies: dict[str, list[_Copy]], last: dict, placements: dict[str, list[str]],
              corrected: dict[Cited, Cited]) -> dict[str, dict]:
    """Which event each proposal is, by the evidence an editor sees rather than by the id grouping made up.

    A proposal is the event that cites one of its sentences (the pipeline's own first, then any other); one
    whose sentence an editor moved into another event, deleting its own there, joins that event (the editor
    merged the two), adding only the citations it does not hold yet; one that cites nothing known keeps its id,
    or is a new event, or joins an event an editor corrected that it tells again (`group.EventIndex`).
    """
    values = [proposal_fields(event) for event in proposals]
    known = set(copies) | set(last)
    proposed_before = {event_id: _cited(entry.get("citations")) for event_id, entry in last.items()}
    cited_by: dict[Cited, list[str]] = {}  # the pipeline's citers first: their proposal held the sentence
    held: dict[str, dict[Cited, set[str]]] = {}  # timeline → sentence → the events citing it there
    for event_id in sorted(known):
        keys = set(proposed_before.get(event_id, ()))
        for copy in copies.get(event_id, ()):
            here = _cited(_plain(copy.item.get("citations")))
            keys |= here
            for key in here:
                held.setdefault(copy.timeline, {}).setdefault(key, set()).add(event_id)
        for key in keys:
            cited_by.setdefault(key, []).append(event_id)
    for key, citers in cited_by.items():
        citers.sort(key=lambda event_id: key not in proposed_before.get(event_id, ()))  # stable: by id after that

    def sentences(i: int) -> list[Cited]:
        keys = sorted(_cited(values[i]["citations"]))
        return keys + sorted(old for old, new in corrected.items() if new in keys)

    def merged_into(i: int) -> str | None:
        """The event an editor merged this proposal into: it holds one of its sentences, moved there by hand from
        an event deleted in that timeline, which no other event there cites."""
        for key in sentences(i):
            origins = {proposals[i].id, *(e for e in cited_by.get(key, ()) if key in proposed_before.get(e, ()))}
            for timeline, by_sentence in held.items():
                citers = by_sentence.get(key, set())
                if len(citers) != 1:
                    continue
                (host,) = citers
                gone = {e for e in origins - {host} if e in placements.get(timeline, ()) and
                        not any(c.timeline == timeline for c in copies.get(e, ()))}
                if gone and key not in proposed_before.get(host, ()):
                    return host
        return None

    owner: dict[str, int] = {}  # event id → the proposal that is it
    assigned: dict[int, str] = {}
    joins: list[tuple[int, str]] = []
    rest = []
    for i in range(len(values)):
        host = merged_into(i)
        if host is not None:
            joins.append((i, host))
        else:
            rest.append(i)
    citing = {i: [e for key in sentences(i) for e in cited_by.get(key, ())] for i in rest}
    for i in rest:  # the event of its own id, citing its sentence
        if proposals[i].id in citing[i] and proposals[i].id not in owner:
            owner[proposals[i].id], assigned[i] = i, proposals[i].id
    for i in rest:  # another event citing its sentence (grouping renamed it)
        if i not in assigned:
            event_id = next((e for e in citing[i] if e not in owner), None)
            if event_id is not None:
                owner[event_id], assigned[i] = i, event_id
    corrected_events = EventIndex(_corrected_events(copies, last))
    taken = known | {event.id for event in proposals}
    for i in rest:
        if i in assigned:
            continue
        event_id = proposals[i].id
        if event_id not in known:
            host = corrected_events.same_as(values[i])
            if host is not None:
                joins.append((i, host))
                continue
        if event_id in owner:  # its id is another event's now: it is a new one
            number = 2
            while f"{event_id}-{number}" in taken or f"{event_id}-{number}" in owner:
                number += 1
            event_id = f"{event_id}-{number}"
        owner[event_id], assigned[i] = i, event_id
    proposed: dict[str, dict] = {}
    for i in range(len(values)):
        if i in assigned:
            proposed[assigned[i]] = values[i]
    for i, host in joins:
        if host not in proposed:
            proposed[host] = values[i]
            continue
        there = set(_cited(proposed[host]["citations"])).union(
            *(_cited(_plain(copy.item.get("citations"))) for copy in copies.get(host, ())))
        extra = [c for c in values[i]["citations"] if (c["source"], c["quote"]) not in there]
        if extra:
            proposed[host] = {**proposed[host], "citations": proposed[host]["citations"] + extra}
    return proposed


def _corrected_events(copies: dict[str, list[_Copy]], last: dict) -> dict[str, dict]:
    """Events whose date, people or places an editor changed (or wrote): grouping compared sentences with the
    pipeline's values, so a new report of such an event is compared with the editor's here."""
    found = {}
    for event_id, held in sorted(copies.items()):
        item = held[0].item
        before = last.get(event_id)
        values = {key: _yaml_value(item, key) for key in ("date", "title", "actors", "tags")}
        values["citations"] = _plain(item.get("citations")) or []
        if before is not None and all(values[k] == before.get(k, DEFAULTS.get(k)) for k in ("date", "actors", "tags")):
            continue
        if _date_key(item) is not None and values["citations"]:
            found[event_id] = values
    return found


def _merge_citations(current: list[dict], seen: list[dict], new: list[dict], corrected: dict[Cited, Cited]) -> list[dict]:
    """A copy's citations after a run: the proposal's if the copy holds what was proposed last; otherwise the
    editor's list, its corrected quotes updated, and the proposal's new citations after it (what the editor
    removed stays removed)."""
    if current == seen:
        return new
    proposed = _cited(new)
    merged = []
    for citation in current:
        key = (citation["source"], citation["quote"])
        if key in corrected and corrected[key] in proposed:
            citation = {**citation, "quote": corrected[key][1]}
        merged.append(citation)
    return merged + [c for c in new if c not in merged and c not in seen]


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

    copies: dict[str, list[_Copy]] = {}
    for name, timeline in docs.items():
        for item in timeline.events:
            copies.setdefault(str(item["id"]), []).append(_Copy(name, item))

    corrected = _corrections(last, [proposal_fields(event) for event in proposals])
    proposed = _identify(proposals, copies, last, placements, corrected)

    # what each event is now, in each timeline. A copy that differs from what was last written there holds a fresh
    # hand edit, which reaches the other copies unless they hold edits of their own; a value written earlier that
    # differs from the proposal holds an older one; otherwise the proposal.
    final: dict[str, dict] = {}  # the event's values, as new copies get them
    own: dict[str, dict[str, dict]] = {}  # event id → timeline → the fields its copy there holds apart
    provenance: dict[str, str] = {}
    for event_id, new in proposed.items():
        before = last.get(event_id)
        held = copies.get(event_id, [])
        if not held:
            final[event_id], provenance[event_id] = new, "extracted"
            continue
        shared, apart = {}, {}
        for key in FIELDS + ("citations",):
            values = {copy.timeline: (_plain(copy.item.get("citations")) or []) if key == "citations"
                      else _yaml_value(copy.item, key) for copy in held}
            written = {name: _written(before, name) for name in values}
            fresh = {name: value for name, value in values.items()
                     if before is None or value != written[name].get(key, DEFAULTS.get(key))}
            agreed = list({json.dumps(v, sort_keys=True): v for v in fresh.values()}.values())
            if len(agreed) == 1:
                current = agreed[0]
            elif before is not None:
                current = _written(before).get(key, DEFAULTS.get(key))
            else:
                current = next(iter(values.values()))

            def settle(value):
                if key == "citations":
                    return _merge_citations(value, before["citations"] if before else [], new["citations"], corrected)
                if before is not None and value == before.get(key, DEFAULTS.get(key)):
                    return new[key]
                return value
            shared[key] = settle(current)
            for name, value in values.items():
                # a copy keeps a value of its own where two copies were edited differently, and after that
                kept_apart = key in (before or {}).get("apart", {}).get(name, {})
                if (name in fresh and len(agreed) > 1) or (name not in fresh and kept_apart):
                    mine = settle(value)
                    if mine != shared[key]:
                        apart.setdefault(name, {})[key] = mine
        # a copy that holds the proposal is the pipeline's, even where the state does not know it yet (a run
        # killed between writing the timelines and the state file); any other copy holds an editor's values
        edited = shared != new or bool(apart)  # the same keys: FIELDS and citations
        given = [str(copy.item.get("provenance")) for copy in held if copy.item.get("provenance") in EDITOR_PROVENANCE]
        provenance[event_id] = given[0] if given else ("edited" if edited else "extracted")
        final[event_id] = shared
        if apart:
            own[event_id] = apart
        if provenance[event_id] != "extracted":
            report.kept_edits.append(event_id)

    # events the pipeline proposed before but no longer does: withdrawn, unless an editor touched them
    retract = set()
    for event_id, before in last.items():
        if event_id in proposed:
            continue
        untouched = all(
            all(_yaml_value(copy.item, key) == _written(before, copy.timeline).get(key, DEFAULTS.get(key)) for key in FIELDS)
            and _plain(copy.item.get("citations")) == _written(before, copy.timeline)["citations"]
            and str(copy.item.get("provenance", "extracted")) == "extracted"
            for copy in copies.get(event_id, []))
        if untouched:
            retract.add(event_id)
            if event_id in copies:  # one an editor deleted everywhere is no news
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
                wanted = {**final[event_id], **own.get(event_id, {}).get(name, {}), "provenance": provenance[event_id]}
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
        "events": {event_id: _remember(proposed[event_id], final[event_id], own.get(event_id, {}))
                   for event_id in sorted(proposed)},
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
