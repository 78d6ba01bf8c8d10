"""Coverage-guided fuzzing (atheris) of every reader of untrusted text, for a bounded number of runs.

    python bench/fuzz.py TARGET [libFuzzer options] [CORPUS_DIR]
    python bench/fuzz.py timeline -runs=20000 /tmp/corpus-timeline

TARGET is one of: edtf, timeline, source, ingest, timex. An input must either succeed, and give something
the later stages can use, or raise our own errors (InputError, InputErrors, EdtfError), each one line
naming the file; anything else is a crash, which atheris reports with the input that caused it (and exits
non-zero). An empty CORPUS_DIR is seeded with the shipped timelines, the documented example and the seed
articles. The `check_*` functions are the properties; tests/test_fuzz.py drives the same ones with hypothesis.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if __name__ == "__main__":  # instrument the package for coverage before anything imports it
    import atheris

    with atheris.instrument_imports(include=["builder"]):
        import builder.ingest, builder.sources, builder.timelines, builder.timex  # noqa: E401, F401

from builder.errors import InputError, InputErrors  # noqa: E402
from builder.ingest import read_article  # noqa: E402
from builder.model import EdtfDate, EdtfError  # noqa: E402
from builder.sources import parse_source, render_source  # noqa: E402
from builder.timelines import _plain, dump_document, load_timeline, parse_document, read_file, validate_document  # noqa: E402
from builder.timex import infer_creation_date, tag  # noqa: E402


# ---------------------------------------------------------------------------------------------- properties

def check_user_errors(exc: BaseException, path: Path) -> None:
    """Every error names the file and prints as one line."""
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    assert errors
    for error in errors:
        assert isinstance(error, InputError)
        text = str(error)
        assert text.startswith(str(path)), text
        assert "\n" not in text and "\r" not in text, text


def check_edtf(value: object) -> None:
    """A date that parses is usable everywhere later stages use one: bounds, order, label, round trip."""
    try:
        parsed = EdtfDate.parse(value)
    except EdtfError:  # reaches users only inside an InputError, which keeps it to one line
        return
    assert parsed.lower <= parsed.upper
    assert isinstance(parsed.label(), str) and parsed.label()
    assert EdtfDate.parse(parsed.text) == parsed
    assert parsed.text.isascii(), f"{parsed.text!r} is accepted but is not EDTF (EDTF digits are ASCII)"


def check_timeline_file(path: Path, root: Path) -> None:
    """A timeline loads, with events that sort by date; what the fast reader accepts, ruamel reads alike; and
    the document saves and reloads as valid."""
    try:
        timeline = load_timeline(path, root)
    except (InputError, InputErrors) as exc:
        check_user_errors(exc, path)
        return
    sorted(EdtfDate.parse(e.date) for e in timeline.events)
    text, reading = read_file(path, root)
    doc = parse_document(path, text)
    assert _plain(doc) == reading.doc, "libyaml and ruamel read the file differently"
    assert validate_document(path, parse_document(path, dump_document(doc))) == []


def check_source_text(path: Path, text: str) -> None:
    try:
        source = parse_source(path, text)
    except InputError as exc:
        check_user_errors(exc, path)
        return
    assert source.title.strip() and source.text.strip()


def check_article_file(path: Path, root: Path) -> None:
    """An article is read into a record that `timeline check` accepts, or refused in one line."""
    try:
        source = read_article(path, root)
    except InputError as exc:
        check_user_errors(exc, path)
        return
    assert parse_source(root / "content" / "sources" / "article.md", render_source(source)) is not None


def check_tagger(text: str, creation_date: str | None) -> None:
    """Every expression is a real span with a parseable date; without a creation date, none is resolved
    against one; an inferred creation date is uncertain and never a day."""
    for found in tag(text, creation_date):
        assert 0 <= found.start < found.end <= len(text) and text[found.start:found.end] == found.text
        assert found.type in ("DATE", "TIME", "DURATION", "SET")
        if found.edtf:
            parsed = EdtfDate.parse(found.edtf)
            assert parsed.lower <= parsed.upper
        if not creation_date and found.relative:
            assert found.anchor != "dct", found
    value, evidence = infer_creation_date(text)
    if value is not None:
        inferred = EdtfDate.parse(value)
        assert inferred.uncertain and "day" not in {p.precision for p in (inferred.start, inferred.end) if p}, value
        assert evidence


# ---------------------------------------------------------------------------------------------- atheris targets

WORK = Path(tempfile.mkdtemp(prefix="fuzz-"))


def _file(name: str, data: bytes) -> Path:
    path = WORK / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


TARGETS = {
    "edtf": lambda data: check_edtf(data.decode("utf-8", "replace")),
    "timeline": lambda data: check_timeline_file(_file("timelines/fuzz.yml", data), WORK),
    "source": lambda data: check_source_text(Path("fuzz.md"), data.decode("utf-8", "replace")),
    # the first byte picks the reader
    "ingest": lambda data: check_article_file(_file(f"article{('.txt', '.md', '.html')[data[0] % 3] if data else '.txt'}",
                                                    data[1:]), WORK),
    "timex": lambda data: [check_tagger(data.decode("utf-8", "replace"), dct) for dct in ("2024-11-04", None)],
}


def seeds(target: str) -> list[bytes]:
    if target == "edtf":
        return [s.encode() for s in ("2024-11-04", "2024-23", "2010/2024", "../2024-10-01", "2023?", "2024-11-04~")]
    if target == "timeline":
        readme = (REPO / "timelines" / "README.md").read_text()
        example = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
        return [p.read_bytes() for p in sorted((REPO / "timelines").glob("*.yml"))] + [example.encode()]
    articles = [p.read_bytes()[:4096] for p in sorted((REPO / "seeds").iterdir()) if p.is_file()]
    if target == "source":
        return [b"---\ntitle: A title\npublished: '2024-11-04'\npublisher: DW\n---\n" + a for a in articles]
    return articles


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [CORPUS_DIR]")
    target = sys.argv.pop(1)
    for corpus in (Path(a) for a in sys.argv[1:] if not a.startswith("-")):
        if corpus.is_dir() and not any(corpus.iterdir()):
            for number, seed in enumerate(seeds(target)):
                (corpus / f"seed-{number}").write_bytes(seed)
    atheris.Setup(sys.argv, TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
