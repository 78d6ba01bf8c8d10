"""Source records: content/sources/<id>.md files, YAML front matter plus the article's clean text."""
from __future__ import annotations

import difflib
import re
from dataclasses import fields
from pathlib import Path

import yaml

from .errors import InputError, yaml_problem
from .fileio import ProjectFiles, atomic_write, read_text
from .model import EdtfDate, EdtfError, Source

FIELDS = [f.name for f in fields(Source) if f.name not in ("id", "text")]
REQUIRED = ("title",)


def _suggest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"


def parse_source(path: Path, text: str) -> Source:
    """A Source from the text of a record file; one-line errors for every way it can be wrong."""
    if not text.startswith("---\n"):
        raise InputError(path, "has no YAML front matter", "start the file with a '---' line, the metadata, then '---'", line=1)
    end = text.find("\n---\n", 4)
    if end < 0:
        raise InputError(path, "front matter is not closed", "add a '---' line after the metadata", line=1)
    try:
        meta = _read_front_matter(text[4:end])
        if meta is None:
            meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc, text[4:end])
        raise InputError(path, f"front matter is not valid YAML: {problem}",
                         "fix the YAML syntax", line=line + 1 if line else None) from None
    except RecursionError:  # PyYAML builds nested values recursively
        raise InputError(path, "front matter is nested too deeply", "write plain 'key: value' lines", line=2) from None
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of keys to values", "write 'key: value' lines", line=2)
    body = text[end + 5:]
    if body.endswith("\n"):
        body = body[:-1]
    for key in meta:
        if key not in FIELDS:
            raise InputError(path, f"unknown key '{key}' in front matter", _suggest(str(key), FIELDS), line=_key_line(text, key))
    for key in REQUIRED:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise InputError(path, f"front matter needs a '{key}'", f"add '{key}: ...'", line=2)
    if not body.strip():
        raise InputError(path, "has no article text after the front matter", "paste the article text below the '---' line")
    for key in ("published", "published_inferred"):
        value = meta.get(key)
        if value is not None:
            try:
                meta[key] = EdtfDate.parse(value).text
            except EdtfError as exc:
                raise InputError(path, f"'{key}': {exc}", "write an EDTF date such as 2024-11-04", line=_key_line(text, key)) from None
    for key in ("inferred_evidence", "captions"):
        if meta.get(key) is None:
            meta[key] = []
    for key, value in meta.items():
        if key in ("inferred_evidence", "captions"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, f"'{key}' must be a list of strings", "write one '- text' line each", line=_key_line(text, key))
        elif value is not None and not isinstance(value, str):
            meta[key] = str(value)
    return Source(id=path.stem, text=body, **meta)


def _key_line(text: str, key: object) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


class _Dumper(yaml.SafeDumper):
    """PyYAML writes U+0085 (NEL) raw inside single quotes, where its own loader reads a line break:
    such values are written double-quoted, where it becomes the escape \\N."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None))


def _dump(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


# --------------------------------------------------------------------------------------------------
# Front matter as ingest writes it, without PyYAML's pure-Python emitter and parser, which took most of
# the time of ingest's writing and of loading 10,000 records. `_write_front_matter` writes exactly what
# `_dump` writes, or says None where it cannot be sure (then `_dump` writes it); `_read_front_matter`
# reads only what `_write_front_matter` writes back byte for byte, and leaves the rest to PyYAML. So a
# record reads as PyYAML reads it, whoever wrote it.

# One line of characters that PyYAML's emitter writes as they are (allow_unicode): no line breaks, no
# control characters, no NEL, BOM or surrogates.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
_LONGEST = 4000  # the emitter folds a line past its width (10,000): longer values are left to it
_KEY = re.compile(r"[a-z_]+")
_STR_TAG = "tag:yaml.org,2002:str"


def _plain_is_str(value: str) -> bool:
    """Whether the value written bare reads back as a string (not null, a bool, a number, a date)."""
    resolvers = _Dumper.yaml_implicit_resolvers
    return not any(regexp.match(value) for _, regexp in resolvers.get(value[0], []) + resolvers.get(None, []))


def _scalar(value: str) -> str | None:
    """A one-line string as PyYAML's emitter writes a block mapping value or sequence item, or None."""
    if len(value) > _LONGEST or not _PRINTABLE.fullmatch(value):
        return None  # empty, multi-line, control characters, very long: left to PyYAML
    # Emitter.analyze_scalar and choose_scalar_style, for such a value: plain unless it has leading or
    # trailing spaces or an indicator, or would read back as something else; else single-quoted
    first = value[0]
    indicator = (value.startswith(("---", "...")) or first in "#,[]{}&*!|>'\"%@`"
                 or (first in "?:-" and (len(value) == 1 or value[1] == " "))
                 or value.find(": ", 1) >= 0 or (len(value) > 1 and value[-1] == ":") or " #" in value)
    if first != " " and value[-1] != " " and not indicator and _plain_is_str(value):
        return value
    return "'" + value.replace("'", "''") + "'"


def _write_front_matter(meta: dict) -> str | None:
    """`_dump(meta)` for a mapping of plain keys to None, strings and lists of strings; None otherwise."""
    lines = []
    for key, value in meta.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key) or not _plain_is_str(key):
            return None
        if value is None:
            lines.append(f"{key}: null\n")
        elif isinstance(value, str):
            text = _scalar(value)
            if text is None:
                return None
            lines.append(f"{key}: {text}\n")
        elif isinstance(value, list):
            if not value:
                lines.append(f"{key}: []\n")
                continue
            lines.append(f"{key}:\n")
            for item in value:
                text = _scalar(item) if isinstance(item, str) else None
                if text is None:
                    return None
                lines.append(f"- {text}\n")
        else:
            return None
    return "".join(lines) if lines else None


def _read_front_matter(front: str) -> dict | None:
    """The metadata of front matter that `_write_front_matter` wrote (`front` without its last line
    break), or None for any other YAML."""
    meta: dict = {}
    items = None
    for line in front.split("\n"):
        if line.startswith("- ") and items is not None:
            items.append(_unquote(line[2:]))
            continue
        key, colon, value = line.partition(":")
        if not colon or key in meta:
            return None
        if not value:
            meta[key] = items = []
            continue
        items = None
        value = value[1:] if value.startswith(" ") else value
        meta[key] = None if value == "null" else [] if value == "[]" else _unquote(value)
    return meta if _write_front_matter(meta) == front + "\n" else None


def _unquote(text: str) -> str:
    return text[1:-1].replace("''", "'") if len(text) >= 2 and text[0] == text[-1] == "'" else text


def render_source(source: Source) -> str:
    """The record file's text: keys in a fixed order so rewrites are byte-stable."""
    meta = {name: getattr(source, name) for name in FIELDS}
    front = _write_front_matter(meta) or _dump(meta)
    return f"---\n{front}---\n{source.text}\n"


def read_source(path: Path, root: Path | None = None) -> Source:
    return parse_source(Path(path), read_text(path, root))


def write_source(source: Source, directory: Path) -> bool:
    return atomic_write(Path(directory) / f"{source.id}.md", render_source(source))


def load_sources(directory: Path, root: Path | None = None) -> dict[str, Source]:
    """Every record under `directory`, by id (the file name without .md)."""
    directory = Path(directory)
    if not directory.is_dir():
        return {}
    files = ProjectFiles(root) if root is not None else None
    records = {}
    for path in sorted(directory.glob("*.md"), key=lambda p: p.name):
        if files is not None:
            files.check(path)
        records[path.stem] = read_source(path)
    return records
