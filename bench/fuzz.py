"""Coverage-guided fuzzing (atheris) of every reader of untrusted text, for a bounded number of runs.

    python bench/fuzz.py TARGET [libFuzzer options] [CORPUS_DIR]
    python bench/fuzz.py timeline -runs=20000 /tmp/corpus-timeline

TARGET is one of: edtf, timeline, source, ingest, timex. An input must either succeed or raise our own
errors (InputError, InputErrors, EdtfError), each printed as one line; anything else is a crash, which
atheris reports with the input that caused it (and exits non-zero). An empty CORPUS_DIR is seeded with
the shipped timelines, the documented example and the seed articles.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["builder"]):
    from builder.errors import InputError, InputErrors
    from builder.ingest import read_article
    from builder.model import EdtfDate, EdtfError
    from builder.sources import parse_source
    from builder.timelines import load_timeline
    from builder.timex import infer_creation_date, tag

WORK = Path(tempfile.mkdtemp(prefix="fuzz-"))


def _one_line(exc: BaseException) -> None:
    for error in exc.errors if isinstance(exc, InputErrors) else [exc]:
        if "\n" in str(error) or "\r" in str(error):
            raise AssertionError(f"error message spans several lines: {str(error)!r}")


def fuzz_edtf(data: bytes) -> None:
    try:
        parsed = EdtfDate.parse(data.decode("utf-8", "replace"))
    except EdtfError:  # reaches users only inside an InputError, which keeps it to one line
        return
    assert parsed.lower <= parsed.upper and parsed.label()


def fuzz_timeline(data: bytes) -> None:
    path = WORK / "timelines" / "fuzz.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    try:
        timeline = load_timeline(path, WORK)
    except (InputError, InputErrors) as exc:
        _one_line(exc)
        return
    sorted(EdtfDate.parse(e.date) for e in timeline.events)


def fuzz_source(data: bytes) -> None:
    try:
        parse_source(Path("fuzz.md"), data.decode("utf-8", "replace"))
    except InputError as exc:
        _one_line(exc)


def fuzz_ingest(data: bytes) -> None:
    suffix = (".txt", ".md", ".html")[data[0] % 3] if data else ".txt"  # the first byte picks the reader
    article = WORK / f"article{suffix}"
    article.write_bytes(data[1:])
    try:
        read_article(article, WORK)
    except InputError as exc:
        _one_line(exc)


def fuzz_timex(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    for creation_date in ("2024-11-04", None):
        for timex in tag(text, creation_date):
            assert text[timex.start:timex.end] == timex.text
            if timex.edtf:
                EdtfDate.parse(timex.edtf)
    value, _ = infer_creation_date(text)
    if value is not None:
        EdtfDate.parse(value)


TARGETS = {"edtf": fuzz_edtf, "timeline": fuzz_timeline, "source": fuzz_source, "ingest": fuzz_ingest, "timex": fuzz_timex}


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
