"""Fixtures shared by the tools' own tests."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# These tests press Ctrl-C on the commands they start. Started in the background (`nox -s
# verify &`, nohup), this process has SIGINT ignored, and every command it starts would
# inherit that and never hear the key: a handler here, which exec resets to the default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def handout(tmp_path: Path) -> Path:
    """A copy of the kata without solutions/, in a fresh git repository (as a learner has it)."""
    copy = tmp_path / "kata"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".kata", "solutions", "wrong_answers", "__pycache__", "*_cache"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    subprocess.run([*git, "commit", "-qm", "pristine"], cwd=copy, check=True)
    return copy


@pytest.fixture
def kata_copy(tmp_path: Path) -> Path:
    """A copy of the whole kata, solutions included, whose files a test may change."""
    copy = tmp_path / "kata"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".kata", "__pycache__", "*_cache"))
    return copy
