"""Real projects for tests: the repository's seeds and timeline definitions copied into a temp folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent


def fresh_project(target: Path) -> Path:
    """seeds/, mkdocs.yml and the timeline definitions with no events yet: what a new user starts from."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "seeds", target / "seeds")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    (target / "timelines").mkdir()
    yaml = YAML()
    for path in sorted((REPO / "timelines").glob("*.yml")):
        doc = yaml.load(path.read_text())
        doc["events"] = []
        with open(target / "timelines" / path.name, "w") as handle:
            yaml.dump(doc, handle)
    content = target / "content"
    content.mkdir()
    for item in (REPO / "content").iterdir():
        if item.name != "sources":
            (shutil.copytree if item.is_dir() else shutil.copy)(item, content / item.name)
    return target


def run_cli(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real console entry point in a subprocess, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "builder.cli", "--help"] if not args else
                            [sys.executable, "-m", "builder.cli", *args, "--project", str(project)],
                            capture_output=True, text=True, cwd=project)
    if check and result.returncode != 0:
        raise AssertionError(f"timeline {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def events_by_id(project: Path) -> dict[str, dict]:
    """Every event of every timeline file, as plain data, by id (the first copy found)."""
    yaml = YAML(typ="safe")
    found = {}
    for path in sorted((project / "timelines").glob("*.yml")):
        for event in yaml.load(path.read_text()).get("events") or []:
            found.setdefault(event["id"], event)
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a project but its cache (.cache/, which any run may fill and which is safe to delete)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}
