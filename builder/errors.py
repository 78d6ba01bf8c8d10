"""Errors that reach the user as one line naming the file, the line where known, and what to do."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

# Line breaks and terminal control characters in a file name or a quoted value would split the one line
# (or drive the terminal): they are shown escaped, as Python writes them.
_ESCAPES = {c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029] if c != 0x09}


class InputError(Exception):
    """Bad input: reported as `file:line: problem (what to do)`, never as a traceback."""

    def __init__(self, path: str | Path | None, message: str, hint: str = "", line: int | None = None):
        self.path = str(path) if path is not None else None
        self.message = message
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text.translate(_ESCAPES)


class InputErrors(Exception):
    """Several problems found in one pass, so `check` can list them all at once."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


_UNCLOSED = {"flow sequence": "'['", "flow mapping": "'{'", "quoted scalar": "quote"}  # the YAML parsers' words → a reader's


def yaml_problem(exc: Exception, text: str) -> tuple[str, int | None]:
    """What a YAML syntax error (PyYAML's or ruamel's) means for an editor, and the 1-based line of `text` to fix."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context, opened_at = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    problem = (getattr(exc, "problem", None) or context or str(exc).splitlines()[0]).strip() or "invalid YAML"
    at_end = "stream end" in problem or "end of stream" in problem
    if "duplicate key" in str(exc):
        problem = "a key appears twice in one mapping"
    elif (opened_at is not None and mark is not None and opened_at.line < mark.line
          and any(k in context for k in _UNCLOSED) and (at_end or problem.startswith("expected ',' or"))):
        # an unclosed bracket or quote: point to where it opens, not to where the parser gave up
        opened = next(v for k, v in _UNCLOSED.items() if k in context)
        closed = "never closed" if at_end else f"not closed before line {mark.line + 1}"
        mark, problem = opened_at, f"the {opened} on this line is {closed}"
    elif mark is not None and "expected <block end>" in problem:
        problem = "this line is indented differently from the lines around it"
        mark = _misindented(text.split("\n"), mark.line)
    line = min(mark.line + 1, len(text.rstrip().splitlines()) or 1) if mark else None  # never past the last line
    return problem, line


class _Line:
    def __init__(self, line: int):
        self.line = line


def _misindented(lines: list[str], at: int):
    """Where a block that ends too early went wrong: the parser stops at the line after a line indented one space
    off (' - id: a' above '  date: ...'); that line above is blamed when its indentation is the only one of its
    kind in the file and the stopping line's is a common one."""
    def indent(number: int) -> int:
        return len(lines[number]) - len(lines[number].lstrip(" "))

    content = [i for i, text in enumerate(lines) if text.strip() and not text.lstrip().startswith("#")]
    above = max((i for i in content if i < at), default=None)
    if above is not None and at < len(lines):
        counts = Counter(indent(i) for i in content)
        if counts[indent(at)] > 1 and counts[indent(above)] == 1:
            return _Line(above)
    return _Line(at)
