"""How long a warm `nox` takes, against a bare `python -m pytest tests` in the same venv.

Learners re-run `nox` dozens of times an hour, so its overhead over pytest itself must
stay small. Runs are interleaved (nox, pytest, nox, ...) so that a busy machine slows
both alike; the figures are medians.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from kata.manifest import ROOT
from kata.runner import python_for_specs

TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 5
    nox_command = [sys.executable, "-m", "nox"]
    pytest_command = [python_for_specs(), "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"]
    _wall(nox_command)  # warm: the venv exists and the files are in the page cache
    nox_times, pytest_times = [], []
    for _ in range(rounds):
        nox_times.append(_wall(nox_command))
        pytest_times.append(_wall(pytest_command))
    nox_median = statistics.median(nox_times)
    pytest_median = statistics.median(pytest_times)
    ratio = nox_median / pytest_median
    print(f"Grading speed, median of {rounds} interleaved runs:")
    print(f"  warm `nox`                  {nox_median:6.2f} s   (target <= {TARGET_SECONDS:.1f} s)")
    print(f"  bare `python -m pytest tests` {pytest_median:4.2f} s")
    print(f"  ratio                       {ratio:6.2f}x  (target <= {TARGET_RATIO:.1f}x)")
    verdict = ratio <= TARGET_RATIO and nox_median <= TARGET_SECONDS
    print(f"  {'within' if verdict else 'OUTSIDE'} the targets")
    return 0
