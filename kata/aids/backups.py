"""The learner's backups in .kata/backups: `reset` and `stubs` make them, `restore` reads them.

A backup is `<module>.<YYYYmmdd-HHMMSS>[-n].py`, a byte-for-byte copy (a file that is not
UTF-8 is kept as it is), and is never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kata.manifest import ROOT, KataError

FOLDER = Path(".kata") / "backups"


def backup(path: Path, root: Path = ROOT) -> Path:
    """Copy `path` to .kata/backups/<name>.<time>.py; an existing backup is never replaced."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    data = path.read_bytes()
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
            made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(Backup(path, made, int(match.group(2) or 0)))
    return sorted(found, key=lambda b: (b.made, b.attempt), reverse=True)


def listing(found: list[Backup], current: Path) -> str:
    """Numbered lines: when each backup was made, its length, and whether it is the same
    as the current file."""
    now = current.read_bytes() if current.is_file() else None
    lines = []
    for number, b in enumerate(found, start=1):
        same = "  (the same as your file now)" if b.path.read_bytes() == now else ""
        size = f"{b.lines:>4} line" + ("" if b.lines == 1 else "s")
        lines.append(f"  {number:>2}  {b.made:%Y-%m-%d %H:%M:%S}  {size}{same}")
    return "\n".join(lines)


def put_back(chosen: Backup, target: Path, root: Path = ROOT) -> Path | None:
    """Back up `target` (when it exists and differs), then copy `chosen` over it.
    Returns the new backup of what was there, if one was made."""
    data = chosen.path.read_bytes()
    saved = None
    if target.is_file() and target.read_bytes() != data:
        saved = backup(target, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return saved
