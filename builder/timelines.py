"""Timeline files (timelines/*.yml): load fast, validate against the schema with line numbers, and edit them
event by event, so that what an editor wrote (comments, order, quoting) stays byte for byte.

Two YAML engines share the work. libyaml (C) reads: it is about seven times faster than ruamel and the reader
that a 10,000-article timeline needs. ruamel has the last word: it reads any file that libyaml's reading cannot
vouch for (a syntax error, a schema problem, an odd construct), with the line of every problem, and it rewrites
the one event that an edit touches, keeping that event's comments. New events are written by libyaml's emitter,
configured to write what ruamel would, so a file reads the same whichever engine wrote each event.
"""
from __future__ import annotations

import difflib
import glob
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import fastjsonschema
import jsonschema
import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml import resolver as ruamel_resolver
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from .errors import InputError, InputErrors, yaml_problem
from .fileio import read_text, write_cache
from .model import Citation, EdtfDate, EdtfError, Event

_SCHEMA_TEXT = resources.files("builder").joinpath("data/timeline.schema.json").read_text()
SCHEMA = json.loads(_SCHEMA_TEXT)
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)  # says what is wrong, and where
_FAST_VALIDATOR = fastjsonschema.compile(SCHEMA)  # says only whether: fifteen times faster, so it goes first
EVENT_KEYS = list(SCHEMA["$defs"]["event"]["properties"])
MAX_TIMELINE_BYTES = 64 * 1024 * 1024  # a catch-all timeline of 10,000 articles is about 9 MiB
FLOW_KEYS = ("actors", "tags")  # short lists written on one line, as an editor would write them
# what a cached reading depends on besides the file's bytes
_READER_VERSION = hashlib.sha256(Path(__file__).read_bytes() + _SCHEMA_TEXT.encode()).hexdigest()[:16]


# --- the two YAML engines -----------------------------------------------------------------------------------

class _Constructor(RoundTripConstructor):
    """Reads timestamps as the text written, so the EDTF check (not the YAML parser) judges a date."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


def _yaml() -> YAML:
    y = YAML()  # round-trip: keeps comments, key order and quoting an editor chose
    y.Constructor = _Constructor
    y.indent(mapping=2, sequence=2, offset=0)
    y.width = 4096
    y.preserve_quotes = True
    return y


class _Unfit(Exception):
    """libyaml's reading is not certain to be ruamel's: ruamel reads the file instead."""


class _FastLoader(pyyaml.CSafeLoader):
    """libyaml, resolving plain scalars by ruamel's YAML 1.2 rules ('no' is a string), dates kept as text."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        if any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
            raise _Unfit("merge key")  # '<<' merges differ between the readers' versions
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            raise _Unfit("duplicate key")  # PyYAML keeps the last one silently; ruamel reports it
        return mapping


class _Flow(list):
    """A list the emitter writes on one line."""


class _FastDumper(pyyaml.CSafeDumper):
    """libyaml's emitter, quoting by the same YAML 1.2 rules as ruamel, so both write an event alike."""

    yaml_implicit_resolvers: dict = {}


# ruamel's YAML 1.2 patterns, compiled here (its own are built lazily). The dumper quotes what any of them would
# take, as ruamel does ('=', '<<'); the loader leaves files holding either to ruamel.
for _versions, _tag, _regexp, _first in ruamel_resolver.implicit_resolvers:
    if (1, 2) in _versions and not _tag.endswith(":yaml"):
        for _engine in (_FastLoader, _FastDumper):
            _engine.add_implicit_resolver(_tag, re.compile(_regexp.pattern, _regexp.flags), _first)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", pyyaml.SafeLoader.construct_scalar)
_ANALYZER = pyyaml.emitter.Emitter(io.StringIO(), allow_unicode=True)


def _str_node(value: str, flow: bool = False):
    """ruamel, unlike libyaml, double-quotes a string with an apostrophe when it cannot stay plain."""
    style = None
    if "'" in value:
        analysis = _ANALYZER.analyze_scalar(value)
        if not (analysis.allow_flow_plain if flow else analysis.allow_block_plain):
            style = '"'
    return pyyaml.ScalarNode("tag:yaml.org,2002:str", value, style=style)


_FastDumper.add_representer(str, lambda dumper, value: _str_node(value))
_FastDumper.add_representer(_Flow, lambda dumper, data: pyyaml.SequenceNode(
    "tag:yaml.org,2002:seq", [_str_node(v, flow=True) if isinstance(v, str) else dumper.represent_data(v) for v in data],
    flow_style=True))


# characters the two emitters escape, quote or break differently: line breaks, controls, beyond the BMP
_EMITTERS_DIFFER = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")


# in a flow list, YAML 1.1 (libyaml) and 1.2 (ruamel) read indicators differently ('[a:0]' is plain in 1.2 only)
_FLOW_DIFFERS = re.compile(r"[:?,\[\]{}#&*!|>\"%@`]|^[?'-]|\s$")


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def dump_event(item: dict) -> str:
    """A new event as a one-item block sequence, byte for byte as ruamel writes it (tests/test_timeline_files.py);
    by libyaml, which is about fifteen times faster, unless a string holds a character its emitter writes otherwise."""
    if any(_EMITTERS_DIFFER.search(text) for text in _strings(item)) or any(
            _FLOW_DIFFERS.search(name) for key in FLOW_KEYS for name in item.get(key, ())):
        stream = io.StringIO()
        _yaml().dump(commented("", [item]), stream)
        return stream.getvalue()
    flowing = {k: _Flow(v) if k in FLOW_KEYS else v for k, v in item.items()}
    return pyyaml.dump([flowing], Dumper=_FastDumper, allow_unicode=True, sort_keys=False, width=4096,
                       default_flow_style=False)


def commented(key: str, value):
    """A plain value as ruamel writes it into an event: actors and tags on one line, mappings in blocks."""
    if isinstance(value, dict):
        return CommentedMap((k, commented(k, v)) for k, v in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(commented(key, v) for v in value)
        if key in FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    return value


def _last_lines(node) -> list[tuple[CommentedMap | CommentedSeq, object, int]]:
    """(collection, key, slot) of each comment place after a block node's last line, outermost first: ruamel
    keeps the comment lines written after an event ("# an editor's note" above the next one) in the deepest."""
    places = []
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node) and not node.fa.flow_style():
        last = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        places.append((node, last, 2 if isinstance(node, CommentedMap) else 0))
        node = node[last]
    return places


def take_trailing_comment(item: CommentedMap):
    """The comment lines after the event's last line, removed from it (None if there are none)."""
    for node, key, slot in reversed(_last_lines(item)):
        if (entry := node.ca.items.get(key)) and entry[slot] is not None:
            token, entry[slot] = entry[slot], None
            return token
    return None


def put_trailing_comment(item: CommentedMap, token) -> None:
    """`take_trailing_comment`'s lines back after the event's (new) last line."""
    if token is not None and (places := _last_lines(item)):
        node, key, slot = places[-1]
        node.ca.items.setdefault(key, [None, None, None, None])[slot] = token


# --- reading ------------------------------------------------------------------------------------------------

@dataclass
class Timeline:
    name: str  # file stem, also the page slug
    path: Path
    title: str
    description: str = ""
    match: dict = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)


@dataclass
class Layout:
    """Where the events of a file lie: each starts on a line with '- ' at `column`; the list ends before `end`."""

    column: int
    starts: list[int]
    end: int


@dataclass
class Reading:
    """A valid timeline file as plain values, and where its events lie (None: ruamel must rewrite it whole)."""

    doc: dict
    layout: Layout | None


def _line_of(doc, path) -> int | None:
    """1-based line of the node at a jsonschema path inside a ruamel document."""
    node, line = doc, None
    for key in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = (lc.key(key) if isinstance(node, CommentedMap) else lc.item(key))[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    if line is None and getattr(doc, "lc", None) is not None:
        line = doc.lc.line + 1
    return line


def _schema_problems(error: jsonschema.ValidationError) -> list[tuple[str, str, list]]:
    """(message, hint, path of the node to point at) for each problem in one schema error."""
    at = list(error.absolute_path)
    where = ".".join(str(p) for p in at) or "the file"
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed)):  # each unknown key on its own line
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            problems.append((f"unknown key '{key}' in {where}", hint, at + [key]))
        return problems
    if error.validator == "required":
        return [(f"{where}: {error.message}", "add the missing key", at)]
    if error.validator == "enum":
        return [(f"{where}: {error.instance!r} is not one of {', '.join(map(str, error.validator_value))}",
                 "use one of the listed values", at)]
    return [(f"{where}: {error.message}", "see timelines/README.md for the format", at)]


# an anchor (&a) or alias (*a) can only open a node: at a line's start or after a space, '[', '{' or ','
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]", re.MULTILINE)


def _reject_aliases(path: Path, text: str) -> None:
    """Anchors and aliases let a small file expand into a huge one (a 'YAML bomb'): timelines need neither."""
    if not _MAYBE_ANCHOR.search(text):
        return
    try:
        for token in pyyaml.scan(text, Loader=pyyaml.CSafeLoader):
            if isinstance(token, (pyyaml.AliasToken, pyyaml.AnchorToken)):
                raise InputError(path, "uses a YAML anchor or alias (& or *)", "write the value out in full",
                                 line=token.start_mark.line + 1)
    except pyyaml.YAMLError:
        pass  # syntax errors are reported by the real parser below, with a better message


def parse_document(path: Path, text: str) -> CommentedMap:
    """The file as ruamel reads it: comments kept, and a one-line error with its line for bad YAML."""
    _reject_aliases(path, text)
    try:
        doc = _yaml().load(text)
    except MarkedYAMLError as exc:
        problem, line = yaml_problem(exc, text)
        raise InputError(path, f"is not valid YAML: {problem}", "fix the YAML syntax at that line", line=line) from None
    except Exception as exc:  # ruamel raises a few non-marked errors for odd input
        raise InputError(path, f"is not valid YAML: {exc}".splitlines()[0], "fix the YAML syntax") from None
    if doc is None:
        raise InputError(path, "is empty", "add 'title:' and 'events:', or delete the file")
    if not isinstance(doc, CommentedMap):
        raise InputError(path, "must be a mapping with 'title' and 'events'", "see timelines/README.md", line=1)
    return doc


def _plain(node):
    """ruamel's round-trip types as plain Python values, for the schema validator."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _layout(root, lines: list[str]) -> Layout | None:
    """Where the events lie in a composed document, when each is a block item of its own lines."""
    events = next((value for key, value in root.value if key.value == "events"), None)
    if not isinstance(events, pyyaml.SequenceNode) or events.flow_style or not events.value:
        return None
    column = events.value[0].start_mark.column - 2
    starts = []
    for item in events.value:
        line, at = item.start_mark.line, item.start_mark.column
        if at != column + 2 or column < 0 or lines[line][:at] != " " * column + "- " or (starts and line <= starts[-1]):
            return None
        starts.append(line)
    end = min(len(lines), events.end_mark.line + (events.end_mark.column > 0))
    return Layout(column, starts, end)


# where YAML readers part ways: libyaml (YAML 1.1) breaks lines at NEL and the Unicode separators, and tabs and
# carriage returns are read differently by different versions
_PARTING = re.compile("[\t\r\x85\u2028\u2029]")


def _lines(text: str) -> list[str]:
    """The text's lines, broken at '\\n' only, each with its end."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _fast_read(text: str) -> Reading | None:
    """libyaml's reading of a file, or None where only ruamel can tell what it holds."""
    if _PARTING.search(text):
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, pyyaml.MappingNode):
            return None
        doc = loader.construct_document(root)
        layout = _layout(root, _lines(text))
    except Exception:  # noqa: BLE001 - any doubt goes to ruamel, which reports it properly
        return None
    finally:
        loader.dispose()
    return Reading(doc, layout)


def _schema_errors(doc: dict) -> list[jsonschema.ValidationError]:
    try:
        _FAST_VALIDATOR(doc)
        return []  # what fastjsonschema accepts, jsonschema accepts (tests/test_timeline_files.py)
    except Exception:  # noqa: BLE001 - a schema error, or a key that is no string: jsonschema says which
        return sorted(_VALIDATOR.iter_errors(_plain(doc)), key=lambda e: list(map(str, e.absolute_path)))


def validate_document(path: Path, doc: dict) -> list[InputError]:
    """Every schema, date and id problem in one timeline document, each with its line (for a ruamel document)."""
    problems = []
    for error in _schema_errors(doc):
        for message, hint, at in _schema_problems(error):
            problems.append(InputError(path, message, hint, line=_line_of(doc, at)))
    events = doc.get("events")
    if not isinstance(events, list):
        return problems
    seen: dict[str, int | None] = {}
    for index, item in enumerate(events):
        if not isinstance(item, dict):
            continue
        disputed = item.get("disputed") if isinstance(item.get("disputed"), list) else []  # else: a schema error
        dates = [("date", item.get("date"), ["events", index, "date"])]
        dates += [("disputed date", d.get("date"), ["events", index, "disputed", j, "date"])
                  for j, d in enumerate(disputed) if isinstance(d, dict) and d.get("date") is not None]
        for label, value, at in dates:
            if value is None:
                continue
            try:
                EdtfDate.parse(value)
            except EdtfError as exc:
                problems.append(InputError(path, f"{label}: {exc}", "write an EDTF date such as 2024-11-04, 2024-11 or 2024",
                                           line=_line_of(doc, at)))
        event_id = item.get("id")
        if isinstance(event_id, str):
            line = _line_of(doc, ["events", index, "id"])
            if event_id in seen:
                first = f" (first at line {seen[event_id]})" if seen[event_id] else ""
                problems.append(InputError(path, f"duplicate event id '{event_id}'{first}", "give each event its own id",
                                           line=line))
            else:
                seen[event_id] = line
    return problems


_readings: dict[str, Reading] = {}  # this process's readings by content key: a build reads each file once


def _content_key(text: str) -> str:
    return hashlib.sha256(f"{_READER_VERSION}\0{text}".encode("utf-8")).hexdigest()


def _cache_path(cache: Path | None, path: Path, key: str) -> Path | None:
    return cache / f"{path.name}.{key[:40]}.json" if cache else None


def remember(path: Path, text: str, reading: Reading, cache: Path | None = None) -> None:
    """Keep a valid reading of `text`, in this process and in the cache folder, for the next read of those bytes.
    The folder keeps one reading per file: the one of its newest text."""
    key = _content_key(text)
    if len(_readings) > 64:
        _readings.clear()
    _readings[key] = reading
    if (entry := _cache_path(cache, path, key)) is not None:
        layout = reading.layout.__dict__ if reading.layout else None
        try:
            write_cache(entry, json.dumps({"doc": reading.doc, "layout": layout}, ensure_ascii=False))
            for older in cache.glob(f"{glob.escape(path.name)}.*.json"):
                if older != entry:
                    older.unlink(missing_ok=True)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs speed


def read_document(path: Path, text: str, cache: Path | None = None) -> Reading:
    """A timeline file's valid reading; InputError(s) naming each problem and its line otherwise."""
    key = _content_key(text)
    if key in _readings:
        return _readings[key]
    if (cached := _cache_path(cache, path, key)) is not None and cached.exists():
        try:
            entry = json.loads(cached.read_text(encoding="utf-8"))
            reading = Reading(entry["doc"], Layout(**entry["layout"]) if entry["layout"] else None)
            _readings[key] = reading
            return reading
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged entry is read again
    _reject_aliases(path, text)
    reading = _fast_read(text)
    if reading is None or validate_document(path, reading.doc):
        doc = parse_document(path, text)  # ruamel decides, and names each problem's line
        problems = validate_document(path, doc)
        if problems:
            raise InputErrors(problems)
        reading = Reading(_plain(doc), reading.layout if reading else None)
    remember(path, text, reading, cache)
    return reading


def cache_folder(root: Path | None) -> Path | None:
    """Where readings of a project's timeline files are kept: beside the extraction cache (safe to delete)."""
    return Path(root) / ".cache" / "timeline" / "timelines" if root is not None else None


def read_file(path: Path, root: Path | None = None) -> tuple[str, Reading]:
    text = read_text(path, root, limit=MAX_TIMELINE_BYTES)
    return text, read_document(path, text, cache_folder(root))


def event_from_map(item: dict) -> Event:
    citations = [Citation(str(c["source"]), str(c["quote"])) for c in item.get("citations") or []]
    return Event(
        id=str(item["id"]),
        date=EdtfDate.parse(item["date"]).text,
        title=str(item["title"]),
        citations=citations,
        summary=str(item["summary"]) if item.get("summary") is not None else None,
        actors=[str(a) for a in item.get("actors") or []],
        tags=[str(t) for t in item.get("tags") or []],
        provenance=str(item.get("provenance", "extracted")),
        status=str(item.get("status", "active")),
        disputed=[_plain(d) for d in item.get("disputed") or []],
    )


def load_timeline(path: Path, root: Path | None = None) -> Timeline:
    """One timeline file; raises InputError(s) listing every problem in it."""
    path = Path(path)
    doc = read_file(path, root)[1].doc
    return Timeline(
        name=path.stem,
        path=path,
        title=str(doc["title"]),
        description=str(doc.get("description") or ""),
        match=_plain(doc.get("match") or {}),
        events=[event_from_map(item) for item in doc.get("events") or []],
    )


def collect_timelines(directory: Path, root: Path | None = None) -> tuple[list[Timeline], list[InputError]]:
    """The timelines of a folder that load, and the problems of those that do not, every file read."""
    timelines, problems = [], []
    for path in sorted(Path(directory).glob("*.yml")):
        try:
            timelines.append(load_timeline(path, root))
        except InputErrors as exc:
            problems.extend(exc.errors)
        except InputError as exc:
            problems.append(exc)
    return timelines, problems


def load_timelines(directory: Path, root: Path | None = None) -> list[Timeline]:
    """All timelines in a folder, with the problems of every file gathered before raising."""
    timelines, problems = collect_timelines(directory, root)
    if problems:
        raise InputErrors(problems)
    return timelines


# --- writing ------------------------------------------------------------------------------------------------

def dump_document(doc: CommentedMap) -> str:
    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return stream.getvalue()


def _indent(text: str, column: int) -> str:
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in _lines(text)) if column else text


def _dedent(text: str, column: int) -> str:
    return "".join(line[min(column, len(line) - len(line.lstrip(" "))):] for line in _lines(text))


class TimelineFile:
    """A timeline file open for editing. An event that is not edited keeps its exact text, so the cost of an
    edit is the edited events, not the file: adding one article to a 10,000-event timeline rewrites a few lines.

    `events` are the plain values, kept in step with `edit`, `delete` and `insert`. A file whose events are not
    one block item each (a flow list, say) is edited whole by ruamel instead, with the same result.
    """

    def __init__(self, path: Path, root: Path | None = None):
        self.path, self.cache = Path(path), cache_folder(root)
        self.text, reading = read_file(self.path, root)
        self.doc = reading.doc
        self.events: list[dict] = list(self.doc.get("events") or [])
        self._whole: CommentedMap | None = None  # the ruamel document, when the file is edited whole
        layout, text = reading.layout, self.text
        if layout is None and not self.events:
            # no event yet: ruamel writes the file with a placeholder event, whose place the new events take
            whole = parse_document(self.path, text)
            whole["events"] = CommentedSeq([CommentedMap(id="placeholder")])
            text = dump_document(whole)
            layout = (_fast_read(text) or Reading({}, None)).layout
        self._changed = False
        if layout is None:
            self._whole = parse_document(self.path, self.text)
            if not isinstance(self._whole.get("events"), list):
                self._whole["events"] = CommentedSeq()
            self._pieces = self._whole["events"]  # edited in place
            return
        lines = _lines(text)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        self._column = layout.column
        self._head, self._tail = "".join(lines[:layout.starts[0]]), "".join(lines[layout.end:])
        bounds = layout.starts + [layout.end]
        self._pieces = ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])][:len(self.events)]

    def edit(self, index: int) -> CommentedMap:
        """The event at `index` as a ruamel map, with its comments, to change in place."""
        piece = self._pieces[index]
        self._changed = True
        if self._whole is not None:
            return piece
        if isinstance(piece, str):  # its own lines, read by ruamel
            piece = self._pieces[index] = _yaml().load(_dedent(piece, self._column))
        elif not isinstance(piece, CommentedSeq):  # inserted in this run
            piece = self._pieces[index] = CommentedSeq([commented("", piece)])
        return piece[0]

    def delete(self, index: int) -> None:
        del self._pieces[index], self.events[index]
        self._changed = True

    def insert(self, index: int, item: dict) -> None:
        """A new event (plain values, in the order its keys are written) before the event now at `index`."""
        self.events.insert(index, item)
        self._pieces.insert(index, commented("", item) if self._whole is not None else item)
        self._changed = True

    def render(self) -> tuple[str, Reading]:
        """The file's new text, and its validated reading (so the next read of those bytes costs nothing)."""
        if not self._changed:
            return self.text, read_document(self.path, self.text, self.cache)
        if self._whole is not None or not self._pieces:
            if self._whole is None:  # every event deleted: an empty list (ruamel's own deletions can leave bad YAML)
                self._whole = parse_document(self.path, self.text)
                self._whole["events"] = CommentedSeq()
            text = dump_document(self._whole)
            return text, read_document(self.path, text, self.cache)
        pieces, events, starts, line = [], [], [], self._head.count("\n")
        for piece, plain in zip(self._pieces, self.events):
            if isinstance(piece, dict):  # a new event
                piece = _indent(dump_event(piece), self._column)
            elif not isinstance(piece, str):  # an edited one
                plain = _plain(piece[0])
                stream = io.StringIO()
                _yaml().dump(piece, stream)
                piece = _indent(stream.getvalue(), self._column)
            pieces.append(piece)
            events.append(plain)
            starts.append(line)
            line += piece.count("\n")
        text = self._head + "".join(pieces) + self._tail
        reading = Reading({**self.doc, "events": events}, Layout(self._column, starts, line))
        problems = validate_document(self.path, reading.doc)
        if problems:
            raise InputErrors(problems)
        return text, reading
