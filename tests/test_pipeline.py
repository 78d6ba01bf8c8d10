"""The whole path on the shipped seeds: the four core events, dated correctly and cited, and nothing invented."""
from __future__ import annotations

import shutil

import pytest

from builder.model import EdtfDate
from builder.sources import load_sources
from projects import events_by_id, fresh_project, run_cli, snapshot


def _seed_ids(project):
    """Source id of each seed file, by the seed's number (000 ... 004)."""
    return {s.input.split("/")[-1][:3]: sid for sid, s in load_sources(project / "content" / "sources").items()}


def _citing(events, source_id, words):
    return [e for e in events.values()
            if any(c["source"] == source_id and all(w in c["quote"] for w in words) for c in e.get("citations", []))]


def test_rutte_berlin_visit_2024_is_one_event_citing_every_article_that_reports_it(seeds_built):
    events, seeds = events_by_id(seeds_built), _seed_ids(seeds_built)
    visits = [e for e in events.values() if str(e["date"]) == "2024-11-04" and "Mark Rutte" in e.get("actors", [])
              and "Olaf Scholz" in e.get("actors", [])]
    assert len(visits) == 1, [e["title"] for e in visits]
    cited = {c["source"] for c in visits[0]["citations"]}
    assert {seeds["000"], seeds["001"], seeds["002"]} <= cited


def test_rutte_berlin_visit_2025_is_its_own_event(seeds_built):
    events, seeds = events_by_id(seeds_built), _seed_ids(seeds_built)
    visit = _citing(events, seeds["003"], ["December 11, 2025", "Berlin"])
    assert [str(e["date"]) for e in visit] == ["2025-12-11"]
    assert "2024-11-04" not in {str(e["date"]) for e in visit}


def test_stoltenberg_term_extension_is_dated_last_year_of_the_inferred_date(seeds_built):
    events, seeds = events_by_id(seeds_built), _seed_ids(seeds_built)
    extension = _citing(events, seeds["004"], ["extended by one year"])
    assert extension, "the term extension must be an event"
    date = EdtfDate.parse(str(extension[0]["date"]))
    # the article gives no date: 'last year' can only be a year, marked uncertain, never a day
    assert date.precision == "year" and date.uncertain and date.lower.year == 2023


def test_backing_of_rutte_as_successor_is_dated_at_year_precision(seeds_built):
    events, seeds = events_by_id(seeds_built), _seed_ids(seeds_built)
    backing = _citing(events, seeds["004"], ["supports a possible nomination", "Rutte"])
    assert backing
    date = EdtfDate.parse(str(backing[0]["date"]))
    assert date.lower.year == 2024 and date.uncertain and date.precision != "day"


def test_no_event_carries_a_date_no_article_supports(seeds_built):
    events, seeds = events_by_id(seeds_built), _seed_ids(seeds_built)
    undated = {seeds["002"], seeds["004"]}
    for event in events.values():
        date = EdtfDate.parse(str(event["date"]))
        assert date.upper.year <= 2025, event
        if {c["source"] for c in event["citations"]} <= undated:
            # only the undated articles tell it: a day needs an absolute date in the quote itself
            if date.precision == "day":
                assert any(str(date.lower.year) in c["quote"] for c in event["citations"]), event


def test_every_quote_is_in_its_source_and_check_passes(seeds_built):
    sources = load_sources(seeds_built / "content" / "sources")
    for event in events_by_id(seeds_built).values():
        for citation in event["citations"]:
            assert citation["quote"] in sources[citation["source"]].text
    result = run_cli(seeds_built, "check")
    assert "valid" in result.stdout


def test_second_run_changes_no_byte(seeds_project):
    project = seeds_project
    before = snapshot(project / "timelines") | snapshot(project / "content")
    run_cli(project, "ingest")
    run_cli(project, "extract")
    assert snapshot(project / "timelines") | snapshot(project / "content") == before


def test_cli_help_names_every_stage(seeds_built):
    result = run_cli(seeds_built)
    for command in ("ingest", "extract", "check", "build"):
        assert command in result.stdout


def test_rewritten_files_keep_their_mode_and_new_ones_get_the_umask_default(tmp_path):
    """A shared newsroom checkout is group-writable: a run must not make an editor's timeline private."""
    import os

    project = fresh_project(tmp_path / "project")
    timeline = project / "timelines" / "nato-and-germany.yml"
    timeline.chmod(0o664)
    before = timeline.read_text()
    run_cli(project, "ingest")
    run_cli(project, "extract")
    assert timeline.read_text() != before  # it was rewritten, with the events
    assert timeline.stat().st_mode & 0o777 == 0o664
    mask = os.umask(0o022)
    os.umask(mask)
    records = list((project / "content" / "sources").glob("*.md"))
    assert records and {r.stat().st_mode & 0o777 for r in records} == {0o666 & ~mask}


def test_an_article_deleted_from_seeds_is_named_and_deleting_its_record_withdraws_its_events(seeds_project):
    """Deleting an article publishes nothing new: ingest says its record is kept, and deleting the record
    withdraws the events extract took from it, with nothing for an editor to mend."""
    project = seeds_project
    record = next(s for s in load_sources(project / "content" / "sources").values() if s.input.startswith("seeds/003"))
    record_path = project / "content" / "sources" / f"{record.id}.md"
    cited = [path for path in (project / "timelines").glob("*.yml") if f"source: {record.id}\n" in path.read_text()]
    assert cited, "the article must give events for this test"
    (project / record.input).unlink()
    result = run_cli(project, "ingest")
    assert (f"ingest: {record.input} is gone; its record content/sources/{record.id}.md is kept "
            "(delete it to withdraw its events)") in result.stdout.splitlines()
    assert record_path.exists()
    record_path.unlink()
    assert "is gone" not in run_cli(project, "ingest").stdout
    run_cli(project, "extract")
    assert not any(f"source: {record.id}\n" in path.read_text() for path in cited)
    run_cli(project, "check")
