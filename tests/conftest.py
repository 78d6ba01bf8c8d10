"""Shared fixtures: a project folder built into a static site with the real `mkdocs build --strict`.

The render and browser tests run once per project in SITE_PROJECTS: the small fixture project under
tests/data/site by default; set SITE_PROJECTS (folders joined by the path separator) to test others.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE_SITE = Path(__file__).parent / "data" / "site"
SITE_PROJECTS = [Path(p) for p in os.environ.get("SITE_PROJECTS", "").split(os.pathsep) if p] or [FIXTURE_SITE]
_NOT_COPIED = shutil.ignore_patterns("site", ".cache", ".git", ".venv", "seeds", "__pycache__", "site-screenshots")


def copy_project(project: Path, target: Path) -> Path:
    """The project's mkdocs.yml, content and timelines in a scratch folder, so a build writes nothing in the repo."""
    shutil.copytree(project, target, ignore=_NOT_COPIED)
    return target


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it, into site_dir."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          capture_output=True, text=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="session", params=SITE_PROJECTS, ids=lambda p: p.name)
def site_project(request, tmp_path_factory) -> Path:
    return copy_project(request.param, tmp_path_factory.mktemp("project") / request.param.name)


@pytest.fixture(scope="session")
def built_site(site_project: Path) -> Path:
    site = site_project.parent / "built"
    result = mkdocs_build(site_project, site)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="module")
def seeds_built(tmp_path_factory) -> Path:
    """The repository's seeds ingested and extracted by the real CLI into a fresh project, once per module."""
    from projects import fresh_project, run_cli

    project = fresh_project(tmp_path_factory.mktemp("seeds"))
    run_cli(project, "ingest")
    run_cli(project, "extract")
    return project


@pytest.fixture()
def seeds_project(seeds_built, tmp_path) -> Path:
    """A private copy of `seeds_built` that a test may edit."""
    copy = tmp_path / "project"
    shutil.copytree(seeds_built, copy)
    return copy
