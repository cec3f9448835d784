"""How long grading takes as a learner meets it, against the targets it must keep:

- a warm `nox` on the pristine stubs: at most 2.0 s, and at most 1.5x a bare
  `python -m pytest tests` over the same specs;
- a warm `nox` with every exercise solved: at most 5 s;
- `nox -s watch`: from saving an exercise to its verdict, at most 0.5 s.

Each is measured in a scratch copy of the kata (its exercises the pristine stubs, or the
reference solutions), sharing this kata's .nox, so no file of yours is touched and your
own progress does not change the figures. Runs are interleaved (nox, pytest, ...) so that
a busy machine slows all of them alike; the figures are medians. Bare pytest spends much
of its time formatting tracebacks of failing specs, which the grader skips (`--tb=no`),
so it is also timed with `--tb=no`: the fairer measure of what the grader adds.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kata.authoring.stubs import generated_stubs
from kata.judge.runner import python_for_specs
from kata.manifest import ROOT, KataError, Manifest

TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0
TARGET_SOLVED_SECONDS = 5.0
TARGET_WATCH_SECONDS = 0.5
WATCHED = "ex08_backprop"  # saved in the watch figure: an exercise of typical size, solved
PROMPT = "Watching exercises/"  # what watch prints once a verdict is shown


def _wall(command: list[str], folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def scratch_kata(folder: Path, manifest: Manifest, *, solved: bool) -> Path:
    """A copy of the kata in `folder` whose exercises are the pristine stubs (or, `solved`,
    the reference solutions), with this kata's .nox, so that its `nox` is warm."""
    kata = folder / ("solved" if solved else "stubs")
    shutil.copytree(ROOT, kata, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".kata", "__pycache__", "*_cache", "*.egg-info"))
    try:
        (kata / ".nox").symlink_to(ROOT / ".nox", target_is_directory=True)
    except OSError as exc:
        raise KataError(f"The benchmark needs a symbolic link to .nox ({exc}).") from None
    for rel, stub in generated_stubs(manifest).items():
        (kata / rel).write_text(stub, encoding="utf-8")
    if solved:
        for ex in manifest.exercises:
            shutil.copyfile(ROOT / ex.solution_path, kata / ex.stub_path)
    return kata


def watch_latencies(kata: Path, module: str, rounds: int) -> list[float]:
    """Seconds from saving exercises/`module`.py to its verdict in `nox -s watch`, per save.
    The saves are spaced out, as a learner's are, so that each finds its judge ready."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nox", "-s", "watch"], cwd=kata, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=os.name == "posix")
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout],
                     daemon=True).start()

    def verdict(within: float) -> None:
        ends = time.monotonic() + within
        while True:
            try:
                if lines.get(timeout=max(0.0, ends - time.monotonic())).startswith(PROMPT):
                    return
            except queue.Empty:
                raise KataError(f"`nox -s watch` showed no verdict within {within:.0f} s.") \
                    from None

    saved = kata / "exercises" / f"{module}.py"
    latencies = []
    try:
        verdict(120)  # the first check of every exercise
        for round_number in range(rounds):
            time.sleep(1.5 + 0.137 * round_number)  # a learner's pause; any phase of its poll
            saved.write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")
            started = time.perf_counter()
            verdict(60)
            latencies.append(time.perf_counter() - started)
    finally:
        with_signal = signal.SIGINT if os.name == "posix" else signal.SIGTERM
        process.send_signal(with_signal)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return latencies


def _longest_file(kata: Path) -> tuple[str, float] | None:
    """The spec file that took longest in `kata`'s last grading run, from its memory of
    durations (kata.judge.grade.DURATIONS): no run can end sooner."""
    from kata.judge.grade import DURATIONS

    try:
        durations = json.loads((kata / DURATIONS).read_text(encoding="utf-8"))["exercises"]
        return max(durations.items(), key=lambda item: item[1])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def main(rounds: int, manifest: Manifest) -> int:
    """Time `rounds` interleaved rounds of each (options are parsed by `nox -s bench`)."""
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as tmp:
        stubs = scratch_kata(Path(tmp), manifest, solved=False)
        solved = scratch_kata(Path(tmp), manifest, solved=True)
        nox = [sys.executable, "-m", "nox"]
        pytest = [python_for_specs(), "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"]
        commands = {
            "warm `nox`, pristine stubs": (nox, stubs),
            "bare `python -m pytest tests`": (pytest, stubs),
            "bare pytest, --tb=no": ([*pytest, "--tb=no"], stubs),
            "warm `nox`, every one solved": (nox, solved),
        }
        for folder in (stubs, solved):  # warm: bytecode compiled, durations known, cached
            _wall(nox, folder)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, (command, folder) in commands.items():
                times[name].append(_wall(command, folder))
        latencies = watch_latencies(solved, WATCHED, rounds)
        longest = _longest_file(solved)
    medians = {name: statistics.median(values) for name, values in times.items()}
    stubs_time = medians["warm `nox`, pristine stubs"]
    solved_time = medians["warm `nox`, every one solved"]
    watch_time = statistics.median(latencies)
    ratio = stubs_time / medians["bare `python -m pytest tests`"]
    fair = stubs_time / medians["bare pytest, --tb=no"]
    print(f"Grading speed, median of {rounds} interleaved runs (fastest-slowest: this "
          "machine's figures vary from run to run; a target is judged by the median):")
    for name, seconds in medians.items():
        print(f"  {name:<31} {seconds:5.2f} s   ({min(times[name]):.2f}-{max(times[name]):.2f})")
    if longest:
        print(f"    (solved: its longest spec file, {longest[0]}, took {longest[1]:.2f} s "
              "in a judge of its own)")
    print(f"  {'`nox -s watch`, save to verdict':<31} {watch_time:5.2f} s   "
          f"(exercise {WATCHED[2:4]}, solved; slowest {max(latencies):.2f} s)")
    checks = [
        (f"stubs: nox <= {TARGET_SECONDS:.1f} s", stubs_time <= TARGET_SECONDS),
        (f"stubs: nox <= {TARGET_RATIO:.1f}x bare pytest ({ratio:.2f}x; {fair:.2f}x against "
         "--tb=no)", ratio <= TARGET_RATIO),
        (f"solved: nox <= {TARGET_SOLVED_SECONDS:.0f} s", solved_time <= TARGET_SOLVED_SECONDS),
        (f"watch: save to verdict <= {TARGET_WATCH_SECONDS:.1f} s",
         watch_time <= TARGET_WATCH_SECONDS),
    ]
    print("  targets:")
    for text, met in checks:
        print(f"    {'met    ' if met else 'MISSED '} {text}")
    return 0
