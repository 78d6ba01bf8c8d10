"""The scale benchmark's corpus, and the caching that makes rebuilds fast: small and quick, no timings."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402  (bench/corpus.py)
import scale  # noqa: E402  (bench/scale.py)

from builder import pipeline  # noqa: E402
from builder.cli import main as timeline  # noqa: E402
from builder.sources import load_sources, write_source  # noqa: E402


@pytest.fixture(scope="module")
def articles():
    return corpus.generate(400, seed=7)[0]


def test_same_seed_same_corpus_other_seed_another(tmp_path):
    first = [(a.name, a.text) for a in corpus.generate(60, seed=3)[0]]
    assert first == [(a.name, a.text) for a in corpus.generate(60, seed=3)[0]]
    assert first != [(a.name, a.text) for a in corpus.generate(60, seed=4)[0]]


def test_articles_are_varied_news_not_copies(articles):
    texts = [a.text for a in articles]
    assert len(set(texts)) >= len(texts) - len(texts) // 50  # only the corrected versions share most text
    assert len({a.publisher for a in articles}) >= 12
    assert len({a.reports for a in articles}) >= 100
    assert {a.format for a in articles} == {"txt", "html", "md"}
    sizes = sorted(len(t) for t in texts)
    assert 1000 < sizes[len(sizes) // 2] < 8000


def test_datelines_come_in_several_formats_and_some_articles_have_none(articles):
    plain = [a for a in articles if a.format == "txt"]
    found = Counter()
    for a in plain:
        head = "\n".join(a.text.splitlines()[:14])
        if a.text.startswith(" date "):
            found["header"] += 1
        elif re.search(r"^\d\d/\d\d/\d{4}$", head, re.M):
            found["slash"] += 1
        elif re.search(r"^(?:[A-Z][a-z]+day, )?[A-Z][a-z]+ \d{1,2}, \d{4}", head, re.M):
            found["long"] += 1
        elif re.search(r"^(?:Published )?\d{1,2} [A-Z][a-z]+ \d{4}", head, re.M):
            found["day-month"] += 1
    assert set(found) == {"header", "slash", "long", "day-month"}
    undated = sum(a.published is None for a in articles) / len(articles)
    assert 0.04 < undated < 0.2


def test_every_class_of_date_expression_occurs(articles):
    text = "\n".join(a.text for a in articles)
    for pattern in [r"\bon (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}",
                    r"\bin (?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?! \d)",
                    r"\bin the (?:spring|summer|fall)\b", r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                    r"\blast year\b", r"\b(?:two|three|four|five) years ago\b", r"\bfor (?:two|three|four|five) years\b",
                    r"\bevery (?:year|summer|Monday)\b|\bannually\b", r"\byesterday\b", r"\bin \d{4}\b"]:
        assert re.search(pattern, text), pattern


def test_pages_carry_boilerplate_and_captions(articles):
    text = "\n".join(a.text for a in articles)
    for furniture in ("Skip to content", "Share on Facebook", "Image: ", "Photo: ", "Copy link"):
        assert furniture in text


def test_the_same_happening_is_told_by_several_articles_in_different_words(articles):
    told = Counter(a.reports for a in articles)
    happening, count = told.most_common(1)[0]
    assert count >= 4
    leads = {a.text for a in articles if a.reports == happening}
    assert len(leads) == count


def test_written_corpus_matches_its_ground_truth(tmp_path):
    written = corpus.write_corpus(tmp_path, 30, seed=2)
    truth = json.loads((tmp_path / ".corpus.json").read_text())
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(truth["articles"])
    for article in written:
        assert (tmp_path / article.name).read_text(encoding="utf-8") == article.text
        assert truth["articles"][article.name]["reports"] in truth["happenings"]


# ── the cache: what makes a rebuild fast ───────────────────────────────────────────────────────

@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A bench project of 40 generated articles, ingested and extracted once."""
    project = scale.make_project(tmp_path / "project", 40, seed=5)
    for path in project.timelines.glob("*.yml"):  # 40 articles fill only the catch-all timeline: check passes
        if "match: {}" not in path.read_text(encoding="utf-8"):
            path.unlink()
    monkeypatch.chdir(project.root)
    assert timeline(["ingest", "--project", str(project.root), "--no-progress"]) == 0
    assert timeline(["extract", "--project", str(project.root), "--no-progress"]) == 0
    return project


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_with_nothing_changed_extracts_nothing_and_changes_no_byte(project, monkeypatch):
    before = _files(project.timelines)

    def must_not_run(source):
        raise AssertionError(f"{source.id} was extracted again")

    monkeypatch.setattr(pipeline, "extract_source", must_not_run)
    pipeline.run_extract(project, workers=1)
    assert _files(project.timelines) == before


def test_rebuild_with_one_article_changed_extracts_only_that_article(project, monkeypatch):
    sources = load_sources(project.sources, project.root)
    changed = sorted(sources)[len(sources) // 2]
    record = sources[changed]
    record.text += "\n\nThe talks were described by both sides as constructive."
    write_source(record, project.sources)
    extracted = []
    real = pipeline.extract_source

    def counted(source):
        extracted.append(source.id)
        return real(source)

    monkeypatch.setattr(pipeline, "extract_source", counted)
    pipeline.run_extract(project, workers=1)
    assert extracted == [changed]


def test_changing_the_extractor_invalidates_the_cache(project, monkeypatch):
    extracted = []
    real = pipeline.extract_source
    monkeypatch.setattr(pipeline, "extract_source", lambda s: extracted.append(s.id) or real(s))
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "another version")
    pipeline.run_extract(project, workers=1)
    assert len(extracted) == len(list(project.sources.glob("*.md")))


def test_a_run_on_inputs_that_settled_before_is_skipped_with_the_same_report(project, monkeypatch):
    second = pipeline.run_extract(project, workers=1)  # the first run wrote; this one changes nothing
    assert not second.written

    def must_not_run(*args, **kwargs):
        raise AssertionError("the settled run was done again")

    monkeypatch.setattr(pipeline, "load_sources", must_not_run)
    third = pipeline.run_extract(project, workers=1)
    assert third == second
    pipeline.run_check(project)
    monkeypatch.setattr(pipeline, "check_project", must_not_run)
    pipeline.run_check(project)


def test_an_editors_change_to_a_timeline_is_never_skipped(project, monkeypatch):
    pipeline.run_extract(project, workers=1)
    pipeline.run_check(project)
    path = sorted(project.timelines.glob("*.yml"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed by the desk\n", encoding="utf-8")
    loaded = []
    real = pipeline.load_sources
    monkeypatch.setattr(pipeline, "load_sources", lambda *a, **k: loaded.append(1) or real(*a, **k))
    pipeline.run_extract(project, workers=1)
    assert loaded
    path.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception):
        pipeline.run_check(project)


# ── beyond one machine: the per-article stage on Dask ───────────────────────────────────────────

def test_extract_on_dask_gives_the_same_timelines(tmp_path, monkeypatch):
    """`timeline extract --dask` (Dask's local scheduler, several tasks) writes the very bytes of a normal run."""
    pytest.importorskip("dask")
    runs = {}
    for engine in ("pool", "dask"):
        project = scale.make_project(tmp_path / engine, 150, seed=11)
        monkeypatch.chdir(project.root)
        assert timeline(["ingest", "--project", str(project.root), "--no-progress"]) == 0
        extra = ["--dask"] if engine == "dask" else ["--workers", "2"]
        assert timeline(["extract", "--project", str(project.root), "--no-progress", *extra]) == 0
        runs[engine] = _files(project.timelines)
    assert runs["dask"] == runs["pool"]
    assert sum(data.count(b"\n- id:") for data in runs["dask"].values()) > 50


def test_dask_at_an_address_that_answers_nothing_is_one_line(tmp_path, monkeypatch, capsys):
    pytest.importorskip("dask")
    project = scale.make_project(tmp_path / "p", 5, seed=1)
    assert timeline(["extract", "--project", str(project.root), "--no-progress", "--dask", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "Dask" in err[0], err


def test_the_run_after_a_writing_run_is_skipped_and_reports_what_a_real_rerun_reports(project, monkeypatch):
    """The fixture's extract wrote the timelines; merging is idempotent, so the next run has nothing to do."""
    real_load = pipeline.load_sources

    def must_not_run(*args, **kwargs):
        raise AssertionError("the run after a writing run was done again")

    monkeypatch.setattr(pipeline, "load_sources", must_not_run)
    skipped = pipeline.run_extract(project, workers=1)
    monkeypatch.setattr(pipeline, "load_sources", real_load)
    (project.cache / "settled.json").unlink()
    before = _files(project.timelines)
    rerun = pipeline.run_extract(project, workers=1)
    assert not rerun.written and _files(project.timelines) == before
    assert rerun == skipped
