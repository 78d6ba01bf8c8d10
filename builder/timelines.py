"""Timeline files (timelines/*.yml): load with line numbers, validate against the schema, save keeping comments."""
from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema
import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import InputError, yaml_problem
from .fileio import atomic_write, read_text
from .model import Citation, EdtfDate, EdtfError, Event

SCHEMA = json.loads(resources.files("builder").joinpath("data/timeline.schema.json").read_text())
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EVENT_KEYS = list(SCHEMA["$defs"]["event"]["properties"])
MAX_TIMELINE_BYTES = 5 * 1024 * 1024


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


@dataclass
class Timeline:
    name: str  # file stem, also the page slug
    path: Path
    title: str
    description: str = ""
    match: dict = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    doc: CommentedMap | None = None  # the round-trip document, for saving with comments kept


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


def _reject_aliases(path: Path, text: str) -> None:
    """Anchors and aliases let a small file expand into a huge one (a 'YAML bomb'): timelines need neither."""
    try:
        for token in pyyaml.scan(text, Loader=pyyaml.SafeLoader):
            if isinstance(token, (pyyaml.AliasToken, pyyaml.AnchorToken)):
                raise InputError(path, "uses a YAML anchor or alias (& or *)", "write the value out in full",
                                 line=token.start_mark.line + 1)
    except pyyaml.YAMLError:
        pass  # syntax errors are reported by the real parser below, with a better message


def parse_document(path: Path, text: str) -> CommentedMap:
    if len(text.encode("utf-8")) > MAX_TIMELINE_BYTES:
        raise InputError(path, "is larger than 5 MiB", "split it into several timelines")
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


def validate_document(path: Path, doc: CommentedMap) -> list[InputError]:
    """Every schema, date and id problem in one timeline document, each with its line."""
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(_plain(doc)), key=lambda e: list(map(str, e.absolute_path))):
        for message, hint, at in _schema_problems(error):
            problems.append(InputError(path, message, hint, line=_line_of(doc, at)))
    events = doc.get("events")
    if not isinstance(events, list):
        return problems
    seen: dict[str, int] = {}
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
                problems.append(InputError(path, f"duplicate event id '{event_id}' (first at line {seen[event_id]})",
                                           "give each event its own id", line=line))
            else:
                seen[event_id] = line
    return problems


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
    """One timeline file; raises InputErrors listing every problem in it."""
    from .errors import InputErrors

    path = Path(path)
    doc = parse_document(path, read_text(path, root))
    problems = validate_document(path, doc)
    if problems:
        raise InputErrors(problems)
    return Timeline(
        name=path.stem,
        path=path,
        title=str(doc["title"]),
        description=str(doc.get("description") or ""),
        match=_plain(doc.get("match") or {}),
        events=[event_from_map(item) for item in doc.get("events") or []],
        doc=doc,
    )


def collect_timelines(directory: Path, root: Path | None = None) -> tuple[list[Timeline], list[InputError]]:
    """The timelines of a folder that load, and the problems of those that do not, every file read."""
    from .errors import InputErrors

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
    from .errors import InputErrors

    timelines, problems = collect_timelines(directory, root)
    if problems:
        raise InputErrors(problems)
    return timelines


def dump_document(doc: CommentedMap) -> str:
    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return stream.getvalue()


def save_document(path: Path, doc: CommentedMap) -> bool:
    return atomic_write(Path(path), dump_document(doc))


def new_document(title: str, description: str = "", match: dict | None = None) -> CommentedMap:
    doc = CommentedMap()
    doc["title"] = title
    if description:
        doc["description"] = description
    if match:
        doc["match"] = CommentedMap((k, CommentedSeq(v)) for k, v in match.items())
    doc["events"] = CommentedSeq()
    return doc
