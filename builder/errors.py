"""Errors that reach the user as one line naming the file, the line where known, and what to do."""
from __future__ import annotations

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
