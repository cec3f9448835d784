"""The learner's backups in .kata/backups: `reset` and `stubs` make them, `restore` reads them.

A backup is `<module>.<YYYYmmdd-HHMMSS>[-n].py`, a byte-for-byte copy (a file that is not
UTF-8 is kept as it is), and is never overwritten.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kata import files
from kata.manifest import ROOT, KataError

FOLDER = Path(".kata") / "backups"


def backup(path: Path, root: Path = ROOT, data: bytes | None = None) -> Path:
    """Copy `path` (or `data`, what it held) to .kata/backups/<name>.<time>.py; an existing
    backup is never replaced."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    data = path.read_bytes() if data is None else data
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        target = folder / f"{path.stem}.{stamp}{suffix}{path.suffix}"
        try:
            with open(target, "xb") as out:  # "x": fails rather than overwrite
                out.write(data)
            return target
        except FileExistsError:
            continue
    raise KataError(f"Could not find a free backup name for {path.name} in {folder}.")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    attempt: int

    @property
    def lines(self) -> int:
        data = self.path.read_bytes()
        return data.count(b"\n") + (not data.endswith(b"\n") and bool(data))


def backups_of(module: str, root: Path = ROOT) -> list[Backup]:
    """The backups of exercise `module`, newest first."""
    pattern = re.compile(rf"^{re.escape(module)}\.(\d{{8}}-\d{{6}})(?:-(\d+))?\.py$")
    found = []
    folder = root / FOLDER
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.match(path.name)
        if match and path.is_file():
            try:
                made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            except ValueError:  # not a time (month 13): not one of ours, left as it is
                continue
            found.append(Backup(path, made, int(match.group(2) or 0)))
    return sorted(found, key=lambda b: (b.made, b.attempt), reverse=True)


def listing(found: list[Backup], current: Path) -> str:
    """Numbered lines: when each backup was made, its length, and whether it is the same
    as the current file."""
    now = contents(current)
    lines = []
    for number, b in enumerate(found, start=1):
        same = "  (the same as your file now)" if b.path.read_bytes() == now else ""
        size = f"{b.lines:>4} line" + ("" if b.lines == 1 else "s")
        lines.append(f"  {number:>2}  {b.made:%Y-%m-%d %H:%M:%S}  {size}{same}")
    return "\n".join(lines)


LEARNER_FILE_CAP = 1 << 30  # what a backup may hold: any file a learner could have written


def contents(path: Path) -> bytes | None:
    """What a learner's file holds, read without ever blocking: None when there is no file,
    or it is not a regular file (a FIFO, a device, a broken or looping link), which holds
    nothing to keep. A link to a regular file gives that file's bytes."""
    return files.read_state(path, LEARNER_FILE_CAP)


def replace(target: Path, data: bytes, root: Path = ROOT) -> tuple[Path | None, str]:
    """Put `data` in place of the learner's file `target`, after a backup of what it held
    (when that differs): (the backup, if one was made; a note on what was there, if it was
    no regular file). The file is replaced, never written through: a FIFO there would
    block, and a link would carry the write outside the kata."""
    if target.is_dir() and not target.is_symlink():
        raise KataError(f"{target.relative_to(root).as_posix()} is a folder, not a file: move "
                        "it out of the way, then run this again.")
    held, saved, note = contents(target), None, ""
    if held is not None and held != data:
        saved = backup(target, root, held)
    if held is None and (target.is_symlink() or target.exists()):
        note = (f"{target.relative_to(root).as_posix()} was not a regular file (a link to "
                "nothing readable, a FIFO or a device), so there was nothing to back up.")
    try:  # the file's own permissions, or (write_atomic's) a new file's
        mode = stat.S_IMODE(target.stat().st_mode) if held is not None else None
    except OSError:
        mode = None
    target.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(target, data)
    if mode is not None:
        os.chmod(target, mode)
    return saved, note
