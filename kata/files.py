"""Reading and writing the kata's own files: state in .kata/, reports, and the outputs a
user names on the command line.

Why one module: any of those paths can hold something a plain `read_text()` or
`write_text()` mishandles. A FIFO makes `open()` wait forever for a writer; a symbolic link
to /dev/zero never ends; a learner may name their own exercise as the output file. So every
read here opens non-blocking, accepts only a regular file and stops at a bound, and a
state file that cannot be read that way counts as absent. Every write goes to a temporary
file with a unique name beside its target and is then renamed into place: two grading
runs at once never share a temporary file, a reader never sees half a file, and nothing is
ever written through a FIFO or a symbolic link (the rename replaces the link itself).
Outputs named by the user are checked with `check_output` before any work starts.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from kata.manifest import ROOT, KataError

MAX_STATE = 16 * 2**20  # no state file of the kata comes near this; /dev/zero would
# The kata's own folders: no output may land in them (a learner's exercise, a spec, a tool).
KATA_FOLDERS = ("exercises", "solutions", "tests", "kata")
# Each exercise's learner processes change files in a folder of its own, made in the judge's
# pytest folder when its specs start (kata.judge.pytest_plugin), where its specs' tmp_path
# folders are too (kata.learner.answers.beside_own_folder closes the others): an earlier
# exercise's process cannot plant names there that stop pytest making a later exercise's
# tmp_path (a red team's exercise 02 did, and 17 failed).
EXERCISE_FOLDER = "exercise-"


class FileProblem(Exception):
    """Why a file cannot be read safely, as one phrase; `why` is "unreadable", "special"
    (a FIFO, device or socket) or "large"."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


def read_regular(path: Path, cap: int = MAX_STATE) -> bytes:
    """The bytes of the regular file at `path`, at most `cap` of them, or FileProblem. It is
    opened non-blocking, so a FIFO cannot hang us, and checked (fstat) before any read."""
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})", "unreadable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file (a FIFO, device or socket)", "special")
        if info.st_size > cap:
            raise FileProblem(f"too large ({info.st_size / 2**20:.1f} MB)", "large")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, cap + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:  # it grew while we read
                raise FileProblem(f"too large (over {cap / 2**20:.0f} MB)", "large")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})", "unreadable") from None
    finally:
        os.close(fd)


def read_state(path: Path, cap: int = MAX_STATE) -> bytes | None:
    """A state file's bytes, or None when it is absent or cannot be read safely: the kata
    then behaves as if it had never been written (and replaces it when it next writes)."""
    try:
        return read_regular(path, cap)
    except FileProblem:
        return None


def read_text_state(path: Path, cap: int = MAX_STATE) -> str | None:
    """A state file as UTF-8 text, or None (absent, unsafe to read, or not UTF-8)."""
    raw = read_state(path, cap)
    try:
        return None if raw is None else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_json_state(path: Path, cap: int = MAX_STATE) -> object:
    """The JSON value in a state file, or None when there is none that can be read."""
    import json  # here: most callers of this module only write

    text = read_text_state(path, cap)
    if text is None:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def write_all(outputs: dict[Path, bytes | str]) -> None:
    """Write every output or none. Each goes to a temporary file with a unique name beside
    its target, and only when all are written are they renamed into place (a rename
    replaces a FIFO or a symbolic link at the target rather than writing through it).
    Folders are not created: the caller decides whether a missing one is an error."""
    temporary: dict[Path, Path] = {}
    try:
        for path, data in outputs.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temporary[path] = Path(tmp)
            os.chmod(fd if os.chmod in os.supports_fd else tmp, _mode())
            with open(fd, "wb") as out:
                out.write(data.encode("utf-8") if isinstance(data, str) else data)
        for path, tmp in temporary.items():
            os.replace(tmp, path)
    finally:
        for tmp in temporary.values():
            with contextlib.suppress(OSError):
                tmp.unlink()


def _mode() -> int:
    """What open() would have given a new file (0o666 less the umask): mkstemp's 0o600
    would hide a report handed in to a shared folder from the instructor."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write one file the way `write_all` does: whole or not at all, never through a link."""
    write_all({path: data})


def inside_kata(path: Path, root: Path = ROOT,
                folders: tuple[str, ...] = KATA_FOLDERS) -> str | None:
    """The kata folder (of `folders`: exercises, solutions, tests, kata) a file written at
    `path` would land in, or None. The file lands in its parent folder as resolved, under
    its own name: a symbolic link named as the output is replaced, not followed."""
    where = path.absolute().parent.resolve()
    for folder in folders:
        if where == (base := (root / folder).resolve()) or base in where.parents:
            return folder
    return None


def check_output(path: Path, what: str, *, same_kind: Callable[[bytes], bool] | None,
                 make_parent: bool = True, replaceable: bool = False,
                 root: Path = ROOT) -> Path:
    """`path` if the `what` (e.g. "JUnit XML") may be written there, else a KataError of one
    sentence, so that a mistyped output path never costs a file. Refused: a folder; a path
    inside the kata's own folders; an existing Python file; and an existing file that is
    not empty and not an earlier output of the same kind (`same_kind` tells from its bytes;
    None accepts any but Python files). `make_parent`: a missing parent folder will be
    created (else it is refused); `replaceable`: the path is the kata's own state file, which
    may be replaced whatever it holds now."""
    if path.is_dir():
        raise KataError(f"{path} is a folder: give a file name for the {what}.")
    parent = path.absolute().parent
    if parent.exists() and not parent.is_dir():
        raise KataError(f"{path.parent} is a file, so the {what} cannot go in it.")
    if not make_parent and not parent.is_dir():
        raise KataError(f"There is no folder {path.parent} to write the {what} in: create it "
                        "first, or give a path in an existing folder.")
    if parent.is_dir():  # asked now, by trying: permissions do not tell (root, /proc)
        try:
            fd, probe = tempfile.mkstemp(prefix=".kata-check-", dir=parent)
        except OSError as exc:
            raise KataError(f"Cannot write the {what} in {path.parent} "
                            f"({exc.strerror or exc}): give a path in a folder you can write "
                            "to.") from None
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(probe)
    folder = inside_kata(path, root)
    if folder is not None:
        raise KataError(f"{path} is inside the kata's {folder}/ folder, which holds the "
                        f"kata's own files: give a path outside it for the {what}.")
    if replaceable or not os.path.lexists(path):
        return path
    if path.suffix.lower() in (".py", ".pyw", ".ipynb"):
        raise KataError(f"{path} is an existing Python file, which the {what} must not "
                        "replace: give another file name.")
    try:
        raw = read_regular(path)
    except FileProblem as exc:
        verb = "" if exc.why == "unreadable" else "is "
        raise KataError(f"{path} already exists and {verb}{exc}, so the {what} cannot "
                        "replace it: give another file name.") from None
    if raw.strip() and same_kind is not None and not same_kind(raw):
        raise KataError(f"{path} already exists and is not an earlier {what}, so it is not "
                        "replaced: give another file name, or remove it first.")
    return path


# ---------------------------------------------------------------------------- folders

_AT = os.open in os.supports_dir_fd and os.scandir in os.supports_fd
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def remove_tree(path: Path | str) -> None:
    """Remove the folder `path` and everything in it, however deep, following no link, and
    never raise: what cannot be removed is left. shutil.rmtree calls itself once per level
    (a learner's 1,500 nested folders made it raise RecursionError and cost the report),
    and a path that deep is longer than the system takes; this goes down and up one folder
    at a time, holding one descriptor and, for each folder on the way, its name and identity.

    Learner code may still be running in the tree, moving its folders about: going back up
    through "..", each folder reached must be the one gone down through (device and inode),
    or the walk stops. Without that, a folder moved while the walk was beneath it took the
    walk up out of `path`, emptying the folders above it (a red team's did)."""
    if not _AT:  # pragma: no cover - Windows: no descriptor-relative calls
        import shutil

        with contextlib.suppress(Exception):
            shutil.rmtree(path, ignore_errors=True)
        return
    try:
        fd = os.open(path, _DIRECTORY)
    except OSError:
        return
    # (name, identity) of each folder gone into, from `path` down, after `path` itself
    way: list[tuple[str, tuple[int, int]]] = [("", _identity(fd))]
    try:
        while True:
            inner = None
            with contextlib.suppress(OSError), os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        inner = inner or entry.name
                    else:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.name, dir_fd=fd)
            if inner is not None:
                try:
                    below = os.open(inner, _DIRECTORY, dir_fd=fd)
                except OSError:
                    inner = None  # cannot go in: leave it
                else:
                    os.close(fd)
                    fd = below
                    way.append((inner, _identity(fd)))
                    continue
            if len(way) == 1:
                break
            above = os.open("..", _DIRECTORY & ~getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
            os.close(fd)
            fd = above
            name, identity = way.pop()
            if _identity(fd) != way[-1][1]:
                break  # moved while we were beneath it: this is not our folder
            if _identity(os.stat(name, dir_fd=fd, follow_symlinks=False)) != identity:
                break  # replaced by another: leave it
            try:
                os.rmdir(name, dir_fd=fd)
            except OSError:
                break  # not empty after all (something we could not remove): stop here
    except OSError:
        pass
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def _identity(what: int | os.stat_result) -> tuple[int, int]:
    status = os.fstat(what) if isinstance(what, int) else what
    return status.st_dev, status.st_ino


def prune_deep(folder: Path | str, depth: int = 64) -> None:
    """Remove every folder more than `depth` levels below `folder` (no spec goes near that;
    a learner's endless mkdir/chdir does). pytest removes its old temporary folders with
    shutil.rmtree, which a deep chain makes raise RecursionError, so each session prunes
    its own before it ends."""
    level: list[tuple[str, int]] = [(str(folder), 0)]
    while level:
        path, below = level.pop()
        try:
            with os.scandir(path) as entries:
                inner = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        for sub in inner:
            if below + 1 >= depth:
                remove_tree(sub)
            else:
                level.append((sub, below + 1))
