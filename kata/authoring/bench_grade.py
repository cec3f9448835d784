"""How long a warm `nox` takes, against a bare `python -m pytest tests` in the same venv.

Learners re-run `nox` dozens of times an hour, so its overhead over pytest itself must
stay small. Runs are interleaved (nox, pytest, ...) so that a busy machine slows all of
them alike; the figures are medians. Bare pytest spends much of its time formatting
tracebacks of failing specs, which the grader skips (`--tb=no`), so it is also timed
with `--tb=no`: the fairer measure of what the grader adds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from kata.judge.runner import python_for_specs
from kata.manifest import ROOT

TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(rounds: int = 5) -> int:
    """Time `rounds` interleaved rounds (options are parsed by `nox -s bench`)."""
    pytest = [python_for_specs(), "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"]
    commands = {
        "warm `nox`": [sys.executable, "-m", "nox"],
        "bare `python -m pytest tests`": pytest,
        "bare pytest, --tb=no": [*pytest, "--tb=no"],
    }
    _wall(commands["warm `nox`"])  # warm: the venv exists and the files are in the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(_wall(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    nox_time = medians["warm `nox`"]
    print(f"Grading speed, median of {rounds} interleaved runs:")
    for name, seconds in medians.items():
        print(f"  {name:<31} {seconds:5.2f} s   ({nox_time / seconds:.2f}x)")
    ratio = nox_time / medians["bare `python -m pytest tests`"]
    fair = nox_time / medians["bare pytest, --tb=no"]
    print(f"  targets: nox <= {TARGET_SECONDS:.1f} s and <= {TARGET_RATIO:.1f}x bare pytest "
          f"({ratio:.2f}x; {fair:.2f}x against --tb=no)")
    verdict = ratio <= TARGET_RATIO and nox_time <= TARGET_SECONDS
    print(f"  {'within' if verdict else 'OUTSIDE'} the targets")
    return 0
