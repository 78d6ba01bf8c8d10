"""The stages run in order over a project folder: ingest → extract → group → merge → check → render."""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from tqdm import tqdm

from .check import check_project, citation_problems
from .errors import InputError, InputErrors
from .extract import Mention, extract_source
from .fileio import write_cache
from .group import group_mentions
from .merge import STATE_FILE, MergeReport, merge_timelines
from .model import EdtfDate, Source
from .sources import load_sources
from .timelines import load_timelines

POOL_THRESHOLD = 64  # below this many uncached articles, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Project:
    """Where a project keeps each kind of file; every path is under `root`."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def sources(self) -> Path:
        return self.root / "content" / "sources"

    @property
    def timelines(self) -> Path:
        return self.root / "timelines"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "timeline"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the code and vocabulary that extraction depends on: changing either invalidates the cache."""
    digest = hashlib.sha256()
    package = resources.files("builder")
    for name in ("timex.py", "extract.py", "sentences.py", "model.py"):
        digest.update(package.joinpath(name).read_bytes())
    for item in sorted(package.joinpath("data").iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(item.name.encode() + item.read_bytes())
    return digest.hexdigest()[:16]


def _cache_key(source: Source) -> str:
    payload = json.dumps(vars(source), sort_keys=True, ensure_ascii=False).encode()  # flat fields: no asdict() copy
    return hashlib.sha256(extractor_version().encode() + payload).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of all of the builder's code and data: what a stage's result depends on besides the project."""
    digest = hashlib.sha256()
    package = resources.files("builder")
    for folder in (package, package.joinpath("data")):
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.is_file() and item.name.endswith((".py", ".yml", ".yaml", ".json", ".txt")):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint(project: Project, stage: str) -> str | None:
    """A hash of everything a stage reads (code, source records, timeline files and their state file),
    or None if a file cannot be read (the stage itself then says why)."""
    digest = hashlib.sha256(f"{stage}\0{code_version()}\0{extractor_version()}".encode())
    for folder in (project.sources, project.timelines):
        digest.update(b"\1" + str(folder.resolve()).encode())
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            digest.update(b"\2" + path.name.encode())
            try:
                if path.is_symlink():
                    digest.update(b"\3" + os.readlink(path).encode())
                if path.is_file():
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                return None
    return digest.hexdigest()


def _settled(project: Project, stage: str) -> dict:
    """The inputs on which a stage has nothing left to do (its fingerprint) and what a run on them reports."""
    try:
        return json.loads((project.cache / "settled.json").read_text(encoding="utf-8")).get(stage) or {}
    except (OSError, ValueError, AttributeError):
        return {}


def _settle(project: Project, stage: str, fingerprint: str, report: dict | None = None) -> None:
    """Remember that `stage` on these exact inputs changed nothing (and reported `report`): every stage is
    a function of its inputs, so a run on the same inputs will do the same, and can be skipped."""
    path = project.cache / "settled.json"
    try:
        try:
            settled = json.loads(path.read_text(encoding="utf-8"))
            settled = settled if isinstance(settled, dict) else {}
        except (OSError, ValueError):
            settled = {}
        settled[stage] = {"fingerprint": fingerprint, "report": report}
        write_cache(path, json.dumps(settled, ensure_ascii=False, sort_keys=True))
    except OSError:
        pass  # a read-only cache only costs speed


def extract_payload(source: Source) -> list[dict]:
    """The per-article stage as a pure function of the source record (and of the extractor's code and
    vocabulary, which `extractor_version` names): plain data in, plain data out, so any engine can run it."""
    return [m.to_dict() for m in extract_source(source)]


Mapper = Callable[[Callable, list], Iterable]  # map(function, items) in order: a process pool, Dask, ...


def process_pool(workers: int | None = None) -> Mapper:
    """This machine's cores; a small batch runs in this process, where starting workers would cost more."""
    workers = workers or os.cpu_count() or 1

    def run(function: Callable, items: list) -> Iterable:
        if len(items) < POOL_THRESHOLD or workers == 1:
            yield from map(function, items)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(function, items, chunksize=max(1, len(items) // (workers * 8)))
    return run


def extract_all(sources: dict[str, Source], cache_dir: Path | None, workers: int | None = None,
                progress: bool = False, mapper: Mapper | None = None) -> dict[str, list[Mention]]:
    """Mentions per source; each article's result is cached by content hash and computed once."""
    results: dict[str, list[dict]] = {}
    todo: list[tuple[str, Source]] = []
    for source_id, source in sources.items():
        path = cache_dir / f"{_cache_key(source)}.json" if cache_dir else None
        if path and path.exists():
            try:
                results[source_id] = json.loads(path.read_text(encoding="utf-8"))
                continue
            except ValueError:
                pass  # a damaged cache entry is recomputed
        todo.append((source_id, source))
    bar = tqdm(total=len(todo), desc="extract", unit="article", disable=not progress or not todo)
    computed = (mapper or process_pool(workers))(extract_payload, [source for _, source in todo])
    for (source_id, source), payload in zip(todo, computed):
        results[source_id] = payload
        if cache_dir:
            write_cache(cache_dir / f"{_cache_key(source)}.json", json.dumps(payload, ensure_ascii=False))
        bar.update()
    bar.close()
    return {sid: [Mention(**m) for m in results[sid]] for sid in sources}


def source_order(sources: dict[str, Source]) -> dict[str, int]:
    """Citations list older articles first, undated ones last."""
    def key(item):
        source = item[1]
        date = source.published or source.published_inferred
        return (EdtfDate.parse(date).lower.isoformat() if date else "9999", item[0])
    return {sid: i for i, (sid, _) in enumerate(sorted(sources.items(), key=key))}


def run_extract(project: Project, workers: int | None = None, progress: bool = False,
                mapper: Mapper | None = None) -> MergeReport:
    fingerprint = _fingerprint(project, "extract")
    settled = _settled(project, "extract")
    if fingerprint and settled.get("fingerprint") == fingerprint and isinstance(settled.get("report"), dict):
        return MergeReport(**{**settled["report"], "written": []})  # the same inputs settled before: nothing to do
    timelines = load_timelines(project.timelines, project.root)  # a typo in a timeline is reported before long work starts
    sources = load_sources(project.sources, project.root)
    if not sources:
        raise InputError(project.sources, "holds no source records", "run `timeline ingest` first")
    # merge takes an editor's citations as they are and copies them to the event's other timelines: a wrong
    # one is reported now, before any file is written, not by the check after
    problems = citation_problems(sources, timelines, project.root, skip=_proposed_citations(project))
    if problems:
        raise InputErrors(problems)
    mentions = extract_all(sources, project.cache / "extract", workers, progress, mapper)
    proposals = group_mentions([m for sid in sorted(mentions) for m in mentions[sid]], source_order(sources))
    report = merge_timelines(proposals, project.timelines, project.root)
    report.not_english = sorted(f"{s.input or sid} ({s.language})" for sid, s in sources.items() if not s.in_english)
    if not report.written:
        if fingerprint and _fingerprint(project, "extract") == fingerprint:
            _settle(project, "extract", fingerprint, _rerun_report(report))
    elif (after := _fingerprint(project, "extract")) is not None:
        # merging is idempotent: a run on what this one wrote would change nothing and report only what stays
        _settle(project, "extract", after, _rerun_report(report))
    return report


def _proposed_citations(project: Project) -> frozenset[tuple[str, str, str]]:
    """(event id, source, quote) of each citation extract last proposed (`.proposed.json`): merge itself replaces
    or withdraws these when their article changes or goes, so only the others, an editor's, are checked first.
    A damaged state file leaves every citation to be checked (and merge names the file)."""
    try:
        state = json.loads((project.timelines / STATE_FILE).read_text(encoding="utf-8"))
        return frozenset((str(event_id), str(c["source"]), str(c["quote"]))
                         for event_id, proposal in state["events"].items() for c in proposal["citations"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return frozenset()


def _rerun_report(report: MergeReport) -> dict:
    """What a run on the same inputs again reports: no change, the same kept edits and unplaced events."""
    return {"added": {}, "updated": [], "retracted": [], "kept_edits": report.kept_edits, "unplaced": report.unplaced,
            "not_english": report.not_english}


def run_check(project: Project) -> list[str]:
    """Raises InputErrors naming every problem; returns the notes an editor should see (empty timelines)."""
    fingerprint = _fingerprint(project, "check")
    settled = _settled(project, "check")
    if fingerprint and settled.get("fingerprint") == fingerprint:
        return list((settled.get("report") or {}).get("notes") or [])  # these exact files passed before
    notes: list[str] = []
    problems = check_project(project.sources, project.timelines, project.root, notes)
    if problems:
        raise InputErrors(problems)
    if _fingerprint(project, "check") == fingerprint:
        _settle(project, "check", fingerprint, {"notes": notes})
    return notes


def run_render(project: Project, strict: bool = True, site_dir: Path | None = None) -> Path:
    """Build the static site with MkDocs; our plugin renders the timelines during the build."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not project.mkdocs_yml.exists():
        raise InputError(project.mkdocs_yml, "is missing", "run the command from the project folder or pass --project")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cwd = Path.cwd()
    os.chdir(project.root)
    try:
        options = {"strict": strict}
        if site_dir is not None:
            options["site_dir"] = str(site_dir)
        config = load_config(str(project.mkdocs_yml), **options)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise InputError(project.mkdocs_yml, f"site build failed: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}",
                         "fix the problem named above, then build again") from None
    finally:
        os.chdir(cwd)
    return Path(config["site_dir"])
