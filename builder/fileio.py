"""Writes that never leave a half-written file, and reads that refuse paths outside the project."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError


def atomic_write(path: Path, text: str) -> bool:
    """Replace `path` with `text` in one rename, so a crash leaves the old file whole.

    Returns False (and touches nothing) when the file already holds exactly this text, so that a
    run with unchanged inputs changes no byte and no modification time.
    """
    return bool(write_all({Path(path): text}))


def inside(root: Path, path: Path) -> Path:
    """The resolved `path`, refused when it (or a symlink on the way) leads outside `root`."""
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise InputError(path, "points outside the project", "move the file into the project or remove the link")
    return resolved



def under(path: str, folder: str) -> bool:
    """Whether normalized absolute `path` lies inside normalized absolute `folder` (no '//' roots)."""
    return not path.startswith("//") and not folder.startswith("//") and path.startswith(folder.rstrip("/") + "/")


class ProjectFiles:
    """inside() for many files: the project folder and each file's folder are resolved once, and a file only
    when it is a symbolic link (resolving takes a system call per part of a path)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.resolved = str(self.root.resolve())
        self.folders: dict[str, str] = {}

    def check(self, path: Path) -> None:
        """Nothing when `path` lies in the project; inside()'s error otherwise."""
        parent, name = os.path.split(os.fspath(path))
        if name not in ("", ".", ".."):
            folder = self.folders.get(parent)
            if folder is None:
                folder = self.folders[parent] = str(Path(parent or ".").resolve())
            where = os.path.join(folder, name)
            try:
                link = stat.S_ISLNK(os.lstat(where).st_mode)
            except FileNotFoundError:
                link = False
            except OSError:
                link = True  # inside() decides
            if not link and (where == self.resolved or under(where, self.resolved)):
                return
        inside(self.root, path)  # a link, or outside the project: the whole check, and its error


MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_text(path: Path, root: Path | None = None, limit: int = MAX_INPUT_BYTES) -> str:
    """A project text file as str, with a one-line error for binary, undecodable or oversized files."""
    path = Path(path)
    if root is not None:
        inside(root, path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}", "check that the file exists") from None
    if size > limit:
        raise InputError(path, f"is {size / 2**20:.1f} MiB, larger than the {limit / 2**20:g} MiB limit",
                         "split or trim the file")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(path, "is a binary file, not text", "remove it or convert it to UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"is not valid UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x})",
                         _resave_hint(data), line=line) from None


def _resave_hint(data: bytes) -> str:
    """How to re-save a file that is not UTF-8: Word and old newsroom systems write Windows-1252, whose curly
    quotes and dashes are bytes 0x80-0x9f (control characters in Latin-1, never text)."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "re-save the file as UTF-8"
    if any(0x80 <= byte <= 0x9f for byte in data):
        return "it looks like Windows-1252: re-save it as UTF-8, e.g. `iconv -f cp1252 -t utf-8`"
    return "re-save the file as UTF-8; from Latin-1 or Windows-1252: `iconv -f cp1252 -t utf-8`"


def _umask() -> int:
    """The process's umask, which can only be read by setting it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_all(files: dict[Path, str]) -> list[Path]:
    """Write several files as one step: all are staged as temp files first, then renamed in a row with
    Ctrl-C held back, so an interrupted run leaves either the old or the new version of each file.

    The staged files reach the disk before any rename: one file by its own fsync, many by one sync of every
    filesystem, which costs one wait instead of one per file (10,000 records: 4.5 s of fsyncs)."""
    import signal

    staged: list[tuple[str, Path]] = []
    new_mode = None  # what a new file gets: the umask's default, read once
    try:
        for path, text in files.items():
            path = Path(path)
            data = text.encode("utf-8")
            try:
                if path.read_bytes() == data:
                    continue
                mode = path.stat().st_mode & 0o7777
            except FileNotFoundError:
                if new_mode is None:
                    new_mode = 0o666 & ~_umask()
                mode = new_mode
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.chmod(tmp, mode)  # a temp file is private (0600): the file keeps its mode, a new one gets the usual
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if len(files) == 1:
                    handle.flush()
                    os.fsync(handle.fileno())
            staged.append((tmp, path))
        if len(files) > 1 and staged:
            os.sync()
        interrupted = []
        previous = signal.getsignal(signal.SIGINT)
        in_main = True
        try:
            signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
        except ValueError:  # not the main thread: nothing to hold back
            in_main = False
        try:
            for tmp, path in staged:
                os.replace(tmp, path)
        finally:
            if in_main:
                signal.signal(signal.SIGINT, previous)
        if interrupted:
            raise KeyboardInterrupt
        return [path for _, path in staged]
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def write_cache(path: Path, text: str) -> None:
    """A cache entry in one rename, without fsync: losing one to a crash only means computing it again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
