"""The learner's backups in .kata/backups: `reset` and `stubs` make them, `restore` reads them.

A backup is `<module>.<YYYYmmdd-HHMMSS>[-n].py`, a byte-for-byte copy (a file that is not
UTF-8 is kept as it is), and is never overwritten. The copy `restore` makes of the file it
replaces is `<module>.<YYYYmmdd-HHMMSS>[-n].before-restore.py`: it is numbered after the
versions `reset` saved, so `restore --pick 1` run twice puts the same version back both
times instead of swapping with the copy the first run made. A file that is byte for byte
an existing backup is not backed up again.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kata import files
from kata.manifest import ROOT, KataError

FOLDER = Path(".kata") / "backups"
BEFORE_RESTORE = "before-restore"  # the kind of backup `restore` makes of the file it replaces


def backup(path: Path, root: Path = ROOT, data: bytes | None = None, *, kind: str = "") -> Path:
    """Copy `path` (or `data`, what it held) to .kata/backups/<name>.<time>[.<kind>].py; an
    existing backup is never replaced."""
    folder = root / FOLDER
    for part in (FOLDER.parent, FOLDER):  # else mkdir's bare "File exists" or "Not a directory"
        if (root / part).exists() and not (root / part).is_dir():
            raise KataError(f"{part.as_posix()} is a file, not a folder, so {path.name} cannot "
                            "be backed up in it: move it out of the way, then run this again.")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    data = path.read_bytes() if data is None else data
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        marked = f".{kind}" if kind else ""
        target = folder / f"{path.stem}.{stamp}{suffix}{marked}{path.suffix}"
        try:
            with open(target, "xb") as out:  # "x": fails rather than overwrite
                out.write(data)
            return target
        except FileExistsError:
            continue
        except OSError as exc:  # a read-only or full disk: nothing is replaced without one
            with contextlib.suppress(OSError):
                target.unlink()  # (a part written)
            raise KataError(f"{path.name} cannot be backed up in {FOLDER.as_posix()} "
                            f"({exc.strerror or exc}), so nothing was changed.") from None
    raise KataError(f"Could not find a free backup name for {path.name} in {folder}.")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    attempt: int
    before_restore: bool = False  # made by `restore`, of the file it replaced

    @property
    def lines(self) -> int:
        data = self.path.read_bytes()
        return data.count(b"\n") + (not data.endswith(b"\n") and bool(data))


def backups_of(module: str, root: Path = ROOT) -> list[Backup]:
    """The backups of exercise `module` in the order `restore` numbers them: the versions
    `reset` (or `stubs`) saved, newest first, then the copies `restore` made of the file it
    replaced, newest first."""
    pattern = re.compile(rf"^{re.escape(module)}\.(\d{{8}}-\d{{6}})(?:-(\d+))?"
                         rf"(\.{BEFORE_RESTORE})?\.py$")
    found = []
    folder = root / FOLDER
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.match(path.name)
        if match and path.is_file():
            try:
                made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            except ValueError:  # not a time (month 13): not one of ours, left as it is
                continue
            found.append(Backup(path, made, int(match.group(2) or 0), bool(match.group(3))))
    return sorted(found, key=lambda b: (not b.before_restore, b.made, b.attempt), reverse=True)


def listing(found: list[Backup], current: Path) -> str:
    """Numbered lines: when each backup was made, its length, and whether it is the same
    as the current file; the copies `restore` made under a heading of their own."""
    now = contents(current)
    lines = []
    for number, b in enumerate(found, start=1):
        if b.before_restore and (number == 1 or not found[number - 2].before_restore):
            lines += [*([""] if lines else []),
                      "  Copies restore made of the file it replaced, newest first:", ""]
        same = "  (the same as your file now)" if b.path.read_bytes() == now else ""
        size = f"{b.lines:>4} line" + ("" if b.lines == 1 else "s")
        lines.append(f"  {number:>2}  {b.made:%Y-%m-%d %H:%M:%S}  {size}{same}")
    return "\n".join(lines)


def backup_holding(data: bytes, module: str, root: Path = ROOT) -> Backup | None:
    """A backup of `module` that is byte for byte `data`, if there is one (the first in
    `restore`'s numbering)."""
    for b in backups_of(module, root):
        try:
            if b.path.stat().st_size == len(data) and b.path.read_bytes() == data:
                return b
        except OSError:
            continue
    return None


def number_of(path: Path, module: str, root: Path = ROOT) -> int:
    """The number `restore --pick` gives the backup at `path` (0 when it is none)."""
    found = [b.path for b in backups_of(module, root)]
    return found.index(path) + 1 if path in found else 0


LEARNER_FILE_CAP = 1 << 30  # what a backup may hold: any file a learner could have written


def contents(path: Path) -> bytes | None:
    """What a learner's file holds, read without ever blocking: None when there is no file,
    or it is not a regular file (a FIFO, a device, a broken or looping link), which holds
    nothing to keep. A link to a regular file gives that file's bytes."""
    return files.read_state(path, LEARNER_FILE_CAP)


@dataclass(frozen=True)
class Replaced:
    """What `replace` did with the file it replaced."""
    saved: Path | None  # the backup made of it, if one was
    already: Path | None  # the existing backup that already held it byte for byte, if one did
    note: str  # what was there, if it was no regular file


def replace(target: Path, data: bytes, root: Path = ROOT, *, kind: str = "") -> Replaced:
    """Put `data` in place of the learner's file `target`, after a backup (of `kind`) of
    what it held, when that differs from `data` and from every backup already made. The
    file is replaced, never written through: a FIFO there would block, and a link would
    carry the write outside the kata."""
    if target.is_dir() and not target.is_symlink():
        raise KataError(f"{target.relative_to(root).as_posix()} is a folder, not a file: move "
                        "it out of the way, then run this again.")
    folder = target.parent
    if folder.exists() and not folder.is_dir():  # else mkdir's bare "File exists"
        raise KataError(f"{folder.relative_to(root).as_posix()} is a file, not a folder, so "
                        f"{target.name} cannot go in it: move it out of the way, then run "
                        "this again.")
    held, saved, already, note = contents(target), None, None, ""
    if held is not None and held != data:
        kept = backup_holding(held, target.stem, root)
        if kept is not None:
            already = kept.path
        else:
            saved = backup(target, root, held, kind=kind)
    shown = target.relative_to(root).as_posix()
    if held is None and (target.is_symlink() or target.exists()):
        note = (f"{shown} was not a regular file (a link to nothing readable, a FIFO or a "
                "device), so there was nothing to back up.")
    elif target.is_symlink():  # the learner edits the link's target: say it is not graded
        note = (f"{shown} was a link to {os.readlink(target)}; it is now a file of its own, "
                "which is what is graded: edit it, not the file the link led to (left as "
                "it was).")
    try:  # the file's own permissions, or (write_atomic's) a new file's
        mode = stat.S_IMODE(target.stat().st_mode) if held is not None else None
    except OSError:
        mode = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(target, data)
    except OSError as exc:  # a read-only exercises/: not the temporary file's name
        kept = saved or already
        backup_said = (f"; the backup {kept.relative_to(root).as_posix()} holds it too"
                       if kept is not None else "")
        raise KataError(f"{shown} cannot be replaced ({exc.strerror or exc}), so it is as it "
                        f"was{backup_said}.") from None
    if mode is not None:
        os.chmod(target, mode)
    return Replaced(saved, already, note)
