"""Source records: content/sources/<id>.md files, YAML front matter plus the article's clean text."""
from __future__ import annotations

import difflib
from dataclasses import asdict, fields
from pathlib import Path

import yaml

from .errors import InputError, yaml_problem
from .fileio import atomic_write, read_text
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


def render_source(source: Source) -> str:
    """The record file's text: keys in a fixed order so rewrites are byte-stable."""
    meta = {k: v for k, v in asdict(source).items() if k in FIELDS}
    front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n{source.text}\n"


def read_source(path: Path, root: Path | None = None) -> Source:
    return parse_source(Path(path), read_text(path, root))


def write_source(source: Source, directory: Path) -> bool:
    return atomic_write(Path(directory) / f"{source.id}.md", render_source(source))


def load_sources(directory: Path, root: Path | None = None) -> dict[str, Source]:
    """Every record under `directory`, by id (the file name without .md)."""
    directory = Path(directory)
    return {p.stem: read_source(p, root) for p in sorted(directory.glob("*.md"))} if directory.is_dir() else {}
