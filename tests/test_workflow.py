"""The GitHub Actions workflow users get: its `run:` steps, read from the file, run on a fresh copy of the
project as a runner would run them (minus publishing), and its publishing part is wired the way Pages needs."""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from projects import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
ON_MAIN = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


@pytest.fixture(scope="module")
def workflow() -> dict:
    doc = yaml.safe_load(WORKFLOW.read_text())
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def test_triggers_and_publishing_are_wired_for_pages(workflow):
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}  # the build job can publish nothing
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    upload = uses["actions/upload-pages-artifact"]
    assert upload["with"]["path"] == "site" and upload["if"] == ON_MAIN  # pull requests only check and build
    assert deploy["needs"] == "build" and deploy["if"] == ON_MAIN
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}  # never cut a deployment short
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def _fresh_checkout(target: Path) -> Path:
    """What actions/checkout gives: the project's files without anything ignored (no site/, .cache/, .venv/)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _runner_python(target: Path) -> Path:
    """What actions/setup-python gives: `python` and `pip` of a fresh environment first on PATH.

    The environment sees the test's own packages (so `pip install -e .` has its dependencies already and
    downloads nothing but the build backend), but none of them is the project: that one pip installs."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    packages = next(target.glob("lib/python3*/site-packages"))
    (packages / "_test_packages.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    pip = target / "bin" / "pip"
    pip.write_text('#!/bin/sh\nexec "$(dirname "$0")/python" -m pip "$@"\n')
    pip.chmod(0o755)
    return target / "bin"


def test_the_workflow_steps_check_and_build_a_fresh_checkout(workflow, tmp_path):
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout to copy the project as actions/checkout would")
    checkout = _fresh_checkout(tmp_path / "checkout")
    assert not (checkout / "site").exists()
    env = {**os.environ, "PATH": f"{_runner_python(tmp_path / 'runner')}{os.pathsep}{os.environ['PATH']}",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VIRTUAL_ENV", None)
    runs = [step for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert [step["run"].split()[0] for step in runs] == ["pip", "timeline", "timeline"]
    for step in runs:
        assert "if" not in step, "a run step that only some events reach is not tested here"
        # GitHub runs each step as `bash --noprofile --norc -eo pipefail {0}`
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=checkout, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"step '{step.get('name', step['run'])}' failed:\n{result.stdout}\n{result.stderr}"
    # the folder the upload step publishes holds the site, built from the committed timelines
    published = checkout / "site"
    assert (published / "index.html").is_file() and (published / "sitemap.xml").is_file()
    for timeline in (checkout / "timelines").glob("*.yml"):
        assert (published / "timelines" / timeline.stem / "index.html").is_file(), timeline.name
    # and `timeline` was the copy's own, installed by the workflow's pip step
    where = subprocess.run(["python", "-c", "import builder; print(builder.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(checkout)
