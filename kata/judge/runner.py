"""Run specs in a child interpreter that learner code is allowed to wreck.

The child is pytest with the `kata.judge.pytest_plugin` event stream. This supervisor reads
the stream as it grows, so it always knows which spec is running. When the child dies
(os._exit, a segfault, the memory limit) or hangs past a spec's bound, the spec that was
running is charged with it, and the exercises that had not run yet are run again in a
fresh child. One exercise can therefore never stop the others from being graded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kata.manifest import ROOT

# A spec that outlives its pytest-timeout bound by this much is stopped from outside:
# the learner's loop swallowed the timeout, or it is stuck in C code.
GRACE_SECONDS = float(os.environ.get("KATA_GRACE_SECONDS", "5"))
# Address space of the child. Enough for NumPy on these small networks, small enough
# that an endless allocation fails fast instead of taking the machine down.
MEMORY_LIMIT_MB = int(os.environ.get("KATA_MEMORY_LIMIT_MB", "4096"))


@dataclass
class SpecResult:
    nodeid: str
    outcome: str  # passed, failed, skipped, timeout, crashed, not_run
    kind: str = ""
    message: str = ""
    where: str = ""
    doc: str = ""

    @property
    def name(self) -> str:
        return self.nodeid.split("::", 1)[-1]

    @property
    def spec_file(self) -> str:
        return self.nodeid.split("::", 1)[0]


@dataclass
class Run:
    """Every collected spec with its result, in collection order."""

    results: dict[str, SpecResult] = field(default_factory=dict)
    problem: str = ""  # set when the specs could not be run at all
    log: str = ""


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        limit = MEMORY_LIMIT_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the grader still survives the child's death


def _cause_of_death(returncode: int) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if name == "SIGSEGV":
            return "crashed the Python interpreter with a segmentation fault (SIGSEGV)"
        if name == "SIGKILL":
            return ("was killed (SIGKILL), usually for using too much memory "
                    f"(the limit is {MEMORY_LIMIT_MB} MB)")
        return f"killed the Python interpreter ({name})"
    return (f"ended the Python interpreter with exit status {returncode} "
            "(os._exit() or a fatal error) before the spec could finish")


class _Child:
    """One pytest child over some spec files, and what it has reported so far."""

    def __init__(self, python: str, spec_files: list[str], args: list[str], folder: Path) -> None:
        self.events_path = folder / f"events-{time.monotonic_ns()}.jsonl"
        self.events_path.touch()
        self.log_path = self.events_path.with_suffix(".log")
        # --tb=no: the events carry the messages, and pytest's own traceback formatting
        # would be most of the run's time.
        command = [python, "-m", "pytest", *spec_files, "-p", "no:cacheprovider", "-q",
                   "--no-header", "--tb=no", "--kata-events", str(self.events_path), *args]
        if os.environ.get("KATA_TIMEOUT"):  # the tools' own tests plant endless loops
            command += ["-o", f"timeout={os.environ['KATA_TIMEOUT']}"]
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONFAULTHANDLER="1")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=env, start_new_session=True,
                preexec_fn=_limit_memory if os.name == "posix" else None)
        self._events = open(self.events_path, encoding="utf-8")  # noqa: SIM115
        self._partial = ""
        self.collected: list[str] = []
        self.running: tuple[str, float, float] | None = None  # nodeid, started, bound
        self.finished = False

    def read_events(self, run: Run) -> None:
        self._partial += self._events.read()
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue
            kind = event.pop("event", "")
            if kind == "collected":
                self.collected = event["nodeids"]
                for nodeid in self.collected:
                    run.results.setdefault(nodeid, SpecResult(nodeid, "not_run"))
            elif kind == "start":
                bound = float(event.get("timeout") or 0) or 60.0
                self.running = (event["nodeid"], time.monotonic(), bound)
            elif kind == "result":
                nodeid = event.pop("nodeid")
                outcome = event.pop("outcome", "failed")
                if event.get("kind") == "timeout":
                    outcome = "timeout"
                fields = {k: event.get(k, "") for k in ("kind", "message", "where", "doc")}
                run.results[nodeid] = SpecResult(nodeid, outcome, **fields)
                self.running = None
            elif kind == "finished":
                self.finished = True

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            self.process.kill()
        self.process.wait()

    def close(self) -> str:
        self._events.close()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def run_specs(python: str, spec_files: list[str], args: list[str] | None = None) -> Run:
    """Run `spec_files` (paths relative to the kata) in as many children as it takes."""
    run = Run()
    pending = list(spec_files)
    with tempfile.TemporaryDirectory(prefix="kata-") as tmp:
        while pending:
            child = _Child(python, pending, args or [], Path(tmp))
            hung = None
            try:
                while child.process.poll() is None:
                    time.sleep(0.02)
                    child.read_events(run)
                    if child.running:
                        nodeid, started, bound = child.running
                        if time.monotonic() - started > bound + GRACE_SECONDS:
                            hung = nodeid
                            child.kill()
            finally:  # Ctrl-C in the grader must not leave a child running
                if child.process.poll() is None:
                    child.kill()
            child.read_events(run)
            log = child.close()
            if child.finished:
                break
            if not child.collected:
                run.problem = _collection_problem(log, child.process.returncode)
                run.log = log
                break
            culprit = child.running[0] if child.running else None
            if culprit is None:  # died between specs: charge the next one that has no result
                culprit = next((n for n in child.collected if run.results[n].outcome == "not_run"),
                               None)
            if culprit is None:
                break
            if hung:
                message = (f"did not finish within {child.running[2]:.0f} s and had to be "
                           "stopped from outside: look for a loop that never ends")
                run.results[culprit] = SpecResult(culprit, "timeout", "timeout", message)
            else:
                cause = _cause_of_death(child.process.returncode)
                run.results[culprit] = SpecResult(culprit, "crashed", "crashed", cause)
            dead_file = culprit.split("::")[0]
            pending = [f for f in pending if f != dead_file and any(
                r.outcome == "not_run" for r in run.results.values() if r.spec_file == f)]
    return run


def _collection_problem(log: str, returncode: int) -> str:
    lines = [line for line in log.strip().splitlines() if line.strip()]
    tail = "\n".join(lines[-8:])
    return (f"The specs could not be collected (pytest exit status {returncode}). "
            f"Its last lines were:\n{tail}")


def python_for_specs() -> str:
    """The interpreter that has numpy and pytest: KATA_PYTHON, or this one."""
    return os.environ.get("KATA_PYTHON") or sys.executable
