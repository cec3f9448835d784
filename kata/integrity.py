"""Which files make up the kata a learner receives, and which of them decide a grade.

A report records the sha256 digests of the grading files, computed over exactly the files
a hand-out ships (CRLF read as LF), so an untouched hand-out and the instructor's tree give
the same digests. The grader stamps reports with them; the workshop tools compare them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from pathlib import Path, PurePosixPath

from kata.manifest import ROOT

# What a hand-out takes from the instructor's tree: these top-level names, nothing else
# (no reports, class lists or notes that happen to sit beside the kata).
SHIPPED_TOP = ("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "noxfile.py",
               "pyproject.toml", ".gitignore", "conftest.py", "pytest.ini", "tox.ini",
               "setup.cfg", "kata", "tests")
# ...minus these: they need solutions/ (or are solutions, in the wrong and right answers').
LEFT_OUT = ("tests/wrong_answers", "tests/right_answers", "tests/tools",
            "kata/authoring/verify.py",
            "kata/authoring/bench.py")
CACHES = ("__pycache__", "*.pyc", "*_cache", ".nox", ".kata", ".git", ".DS_Store",
          "*.egg-info", ".venv")
# The files that decide a grade. Paths are relative, `*` stays within one folder.
GRADING_FILES = ("noxfile.py", "pyproject.toml", "conftest.py", "pytest.ini", "tox.ini",
                 "setup.cfg", "tests/*.py", "kata/*.py", "kata/*/*.py")


def _cache(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in CACHES)


def shipped_files(root: Path = ROOT) -> list[str]:
    """Relative paths of the files a hand-out copies from `root` (not exercises/)."""
    found = []
    for top in SHIPPED_TOP:
        path = root / top
        if path.is_file():
            found.append(top)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                rel = Path(folder).relative_to(root).as_posix()
                dirs[:] = sorted(d for d in dirs
                                 if not _cache(d) and f"{rel}/{d}" not in LEFT_OUT)
                found += [f"{rel}/{f}" for f in sorted(files)
                          if not _cache(f) and f"{rel}/{f}" not in LEFT_OUT]
    return found


def _matches(rel: str, pattern: str) -> bool:
    parts, wanted = PurePosixPath(rel).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


def grading_files(root: Path = ROOT) -> list[str]:
    """The files that decide grading, among those that ship (learner-added ones included)."""
    found = set()
    for pattern in GRADING_FILES:
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in LEFT_OUT and _matches(rel, pattern):
                found.add(rel)
    return sorted(found)


def file_digest(path: Path) -> str:
    """sha256 of the file with CRLF read as LF, so a Windows checkout digests the same."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def combined_digest(files: dict[str, str]) -> str:
    """One sha256 over the per-file digests, as `sha256sum` would list them."""
    listing = "".join(f"{digest}  {rel}\n" for rel, digest in sorted(files.items()))
    return hashlib.sha256(listing.encode()).hexdigest()


def digests(root: Path = ROOT) -> dict:
    """{"algorithm", "combined", "files": {path: sha256}} over the grading files."""
    files = {rel: file_digest(root / rel) for rel in grading_files(root)}
    return {"algorithm": "sha256", "combined": combined_digest(files), "files": files}
