"""Killed mid-write: every file is left whole (its old or its new version), parses, and no half-written
temp file is ever taken for a timeline or a source record."""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.check import check_project
from builder.timelines import load_timelines
from projects import REPO, fresh_project, run_cli, snapshot

WRITER = """\
import sys
from pathlib import Path
from builder.fileio import write_all

target, versions = Path(sys.argv[1]), [Path(v) for v in sys.argv[2:]]
contents = [{target / p.relative_to(v): p.read_text() for p in sorted(v.rglob("*")) if p.is_file()} for v in versions]
print("ready", flush=True)
n = 0
while True:
    n += 1
    write_all(contents[n % len(contents)])
"""


def _timeline(version: str, events: int) -> str:
    lines = [f"# version {version}", f"title: Version {version}", "events:"]
    for n in range(events):
        lines += [f"- id: event-{n}", f"  date: '2024-11-{n % 28 + 1:02d}'", f"  title: Event {n} as told in version {version}",
                  "  citations:", f"  - source: article-{n % 7}", f"    quote: Quote {n} of version {version}."]
    return "\n".join(lines) + "\n"


def _write_version(folder: Path, version: str) -> None:
    (folder / "timelines").mkdir(parents=True)
    (folder / "timelines" / "first.yml").write_text(_timeline(version, 60))
    (folder / "timelines" / "second.yml").write_text(_timeline(version, 40))
    # a large file last, so that most kills land while the others are already staged
    state = {"events": {f"event-{n}": {"title": f"{version} {n}", "text": version * 400} for n in range(2000)}, "placements": {}}
    (folder / "timelines" / ".proposed.json").write_text(json.dumps(state, indent=1))


def _kill_after(process: subprocess.Popen, seconds: float) -> None:
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _killed_run(template: Path, project: Path, command: str, seconds: float) -> None:
    """`timeline <command>` on a fresh copy of `template` at `project`, SIGKILLed after `seconds`."""
    shutil.copytree(template, project)
    process = subprocess.Popen([sys.executable, "-m", "builder.cli", command, "--project", str(project)],
                               cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_after(process, seconds)


def test_killed_writer_leaves_each_file_old_or_new(tmp_path):
    """15 SIGKILLs at random moments of a process that rewrites three files (one of 3 MB) with write_all in a loop."""
    versions = {}
    for version in ("A", "B"):
        _write_version(tmp_path / version, version)
        versions[version] = snapshot(tmp_path / version)
    project = tmp_path / "project"
    shutil.copytree(tmp_path / "A", project)
    assert [t.title for t in load_timelines(project / "timelines", project)] == ["Version A", "Version A"]
    rng = random.Random(20241104)
    seen, leftovers = set(), 0
    for _ in range(15):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(project), str(tmp_path / "A"), str(tmp_path / "B")],
                                  stdout=subprocess.PIPE, text=True, cwd=REPO)
        assert writer.stdout.readline() == "ready\n"
        _kill_after(writer, rng.uniform(0.0, 0.25))
        files = snapshot(project)
        temps = {name for name in files if name.endswith(".tmp")}
        leftovers += len(temps)
        assert all(Path(name).name.startswith(".") for name in temps), temps  # hidden, and never *.yml or *.md
        whole = {name: data for name, data in files.items() if name not in temps}
        assert set(whole) == set(versions["A"]), sorted(whole)
        for name, data in whole.items():
            version = next((v for v, contents in versions.items() if contents[name] == data), None)
            assert version is not None, f"{name} is neither the old nor the new version (half-written)"
            seen.add(version)
        timelines = load_timelines(project / "timelines", project)
        assert sorted(p.name for p in (project / "timelines").glob("*.yml")) == ["first.yml", "second.yml"]
        assert {t.title for t in timelines} <= {"Version A", "Version B"}
        json.loads((project / "timelines" / ".proposed.json").read_text())
    # the kills did land both between writes and in the middle of them
    assert seen == {"A", "B"}
    assert leftovers > 0


# ---------------------------------------------------------------------------------------------- the real pipeline

@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    project = fresh_project(tmp_path_factory.mktemp("atomic") / "project")
    run_cli(project, "ingest")
    return project


def _timeline_files(project: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(project / "timelines").items()}


def test_killed_extract_leaves_timelines_whole_and_a_rerun_finishes_the_job(ingested, tmp_path):
    """4 SIGKILLs of `timeline extract` at random moments of its run, the last one near its end (while it writes)."""
    before = _timeline_files(ingested)
    reference = tmp_path / "reference"
    shutil.copytree(ingested, reference)
    started = time.monotonic()
    run_cli(reference, "extract")
    duration = time.monotonic() - started
    after = _timeline_files(reference)
    assert after != before
    rng = random.Random(11)
    for attempt in range(4):
        project = tmp_path / f"killed-{attempt}"
        _killed_run(ingested, project, "extract", rng.uniform(0.3, 1.0) * duration if attempt < 3 else duration * 0.97)
        for name, data in _timeline_files(project).items():
            if name.endswith(".tmp"):
                assert Path(name).name.startswith("."), name
                continue
            assert data in (before.get(name), after.get(name)), f"{name} is half-written after a kill"
        problems = check_project(project / "content" / "sources", project / "timelines", project)
        assert not [p for p in problems if ".tmp" in str(p)], problems  # a temp file is never read as a timeline
        load_timelines(project / "timelines", project)
        cache = project / ".cache" / "timeline" / "extract"
        for entry in cache.glob("*.json") if cache.is_dir() else []:
            json.loads(entry.read_text())
        # running again finishes what the killed run started, as if it had never been interrupted
        run_cli(project, "extract")
        final = {name: data for name, data in _timeline_files(project).items() if not name.endswith(".tmp")}
        assert final == after
        assert not [p for p in (project / "timelines").glob("*.yml") if p.name not in after]


def test_extract_killed_among_its_renames_is_finished_by_the_next_run(ingested, tmp_path):
    """A kill between the renames of write_all (which no signal handler can hold back) leaves the first
    timelines new and the rest, with the state file, old: the next run must read the new ones as the
    pipeline's proposals, not as an editor's work, and end where an uninterrupted run ends."""
    reference = tmp_path / "reference"
    shutil.copytree(ingested, reference)
    run_cli(reference, "extract")
    after = _timeline_files(reference)
    renamed_first = sorted((reference / "timelines").glob("*.yml"))[0]  # write_all renames in order, the state last
    project = tmp_path / "killed"
    shutil.copytree(ingested, project)
    shutil.copy(renamed_first, project / "timelines" / renamed_first.name)
    run_cli(project, "extract")
    assert _timeline_files(project) == after
    assert "provenance: edited" not in "".join(p.read_text() for p in (project / "timelines").glob("*.yml"))


def test_killed_ingest_leaves_records_whole_and_a_rerun_finishes_the_job(tmp_path):
    """4 SIGKILLs of `timeline ingest` on the seeds at random moments of its run: each record is absent or
    whole, and the next run ends where an uninterrupted run ends."""
    start = fresh_project(tmp_path / "start")
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    started = time.monotonic()
    run_cli(reference, "ingest")
    duration = time.monotonic() - started
    after = snapshot(reference / "content" / "sources")
    rng = random.Random(5)
    for attempt in range(4):
        project = tmp_path / f"killed-{attempt}"
        _killed_run(start, project, "ingest", rng.uniform(0.3, 1.0) * duration)
        sources = project / "content" / "sources"
        for name, data in (snapshot(sources) if sources.is_dir() else {}).items():
            assert name.endswith(".tmp") or data == after.get(name), f"{name} is half-written after a kill"
        run_cli(project, "ingest")
        assert {name: data for name, data in snapshot(sources).items() if not name.endswith(".tmp")} == after
