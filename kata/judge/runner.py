"""Run specs in judge processes, and always come back with a result for every spec.

A judge is pytest with the `kata.judge.pytest_plugin` event stream; the learner's code
runs in children of the judge (kata.judge.channel), never in the judge itself. Events
come over a pipe that only the judge holds, so this supervisor always knows which spec is
running. A run is finished only when every collected spec has a result: when a judge
dies or hangs, the spec that was running is charged with it and the spec files that were
not finished are run again in a fresh judge. Spec files are shared between two judges
at a time, one per core, longest first by how long each took last time, so that both
finish together.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import math
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kata.files import remove_tree
from kata.judge.channel import MEMORY_LIMIT_MB, START_SECONDS, cause_of_death
from kata.manifest import ROOT
from kata.text import escaped

# A judge that outlives a spec's bound (and the learner process' start) by this much is
# stopped from outside. Learner code is stopped at its bound by the channel already.
GRACE_SECONDS = float(os.environ.get("KATA_GRACE_SECONDS", "5"))
WORKERS = 2
START_DELAY = 0.5  # the most a judge with time to spare waits for the others to start
# pytest plugins a judge has no use for (the events carry outcomes, the specs use none of
# their fixtures); each wraps every spec in hooks of its own. Output goes to the judge's log.
UNUSED_PLUGINS = [f"-pno:{name}" for name in (
    "cacheprovider", "warnings", "logging", "unraisableexception", "threadexception",
    "faulthandler", "junitxml", "doctest", "pastebin", "nose", "stepwise", "legacypath")]
FIELD_LIMIT = 8000  # characters of a message, a location or printed output in a result
# What the learner processes of one run may write to disk, together (their files are
# removed when the run ends; one file is bounded by channel.FILE_LIMIT_MB).
DISK_LIMIT_MB = int(os.environ.get("KATA_DISK_LIMIT_MB", "2048"))
FILES_LIMIT = int(os.environ.get("KATA_FILES_LIMIT", "100000"))
# Settings that would change what pytest runs or how, or what Python imports: grading
# never takes them from the shell (PYTHONPATH could put a sitecustomize in the judge).
SCRUBBED = ("PYTEST_", "PYTHON")
# How a judge starts: `python -s -c BOOT KATA_DIR pytest-arguments...`. Not `-m pytest`,
# which puts the kata's folder first on sys.path, where a file planted beside the kata
# (pytest_timeout.pyc, numpy/) would be imported in place of the real module: of that
# folder, only the kata package itself is importable. pytest's own settings for the same
# (pythonpath, the rootdir's conftest, an ini file found beside the specs) are fixed in
# the judge's arguments. The kata's modules load from their source only: an extension
# module (expect.cpython-311-x86_64-linux-gnu.so) beside one would otherwise win.
BOOT = """\
import sys
del sys.path[0]
import importlib.abc, importlib.util, os
KATA = sys.argv.pop(1)
class KataSource(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top, *inner = name.split(".")
        if top != "kata":
            return None
        base = os.path.join(KATA, *inner)
        if os.path.isfile(os.path.join(base, "__init__.py")):
            return importlib.util.spec_from_file_location(
                name, os.path.join(base, "__init__.py"), submodule_search_locations=[base])
        if os.path.isfile(base + ".py"):
            return importlib.util.spec_from_file_location(name, base + ".py")
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, KataSource())
import pytest
sys.exit(pytest.console_main())
"""


@dataclass
class SpecResult:
    nodeid: str
    outcome: str  # passed, failed, skipped, timeout, crashed, not_run
    kind: str = ""
    message: str = ""
    where: str = ""
    doc: str = ""
    printed: str = ""  # what the learner's code printed during a failing spec

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
    durations: dict[str, float] = field(default_factory=dict)  # seconds per spec file
    judges: set[_Judge] = field(default_factory=set)  # running now: ended on Ctrl-C
    stopping: bool = False  # set on Ctrl-C: no judge is started after it


def _limit_memory() -> None:  # pragma: no cover - runs in the judge, before it starts
    try:
        import resource

        limit = MEMORY_LIMIT_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def bytecode_folder(python: str) -> Path | None:
    """Where the judges of `python` (and their learner processes) keep compiled modules:
    a folder inside its virtual environment, so that no __pycache__ folder in the kata's
    tree is ever read (a planted one could stand in for the specs) and nothing is compiled
    twice. None for an interpreter outside a virtual environment."""
    venv = Path(python).parent.parent
    return venv / "pycache" if (venv / "pyvenv.cfg").is_file() else None


def judge_environment(python: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUBBED)}
    # Only the plugins named in the judge's arguments: another one installed beside pytest
    # (pytest-randomly, say) would change the order or the seeds of the specs.
    # One BLAS thread, as in the learner processes (kata.judge.channel._environment): the
    # specs' matrices are small, the other core is the other judge's, and a judge forks
    # its fork server, which must have no threads.
    env.update(PYTHONFAULTHANDLER="1", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
               OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cache = bytecode_folder(python)
    if cache is None:
        env.update(PYTHONDONTWRITEBYTECODE="1")
    else:
        env.update(PYTHONPYCACHEPREFIX=str(cache))
    return env


def _bounded(value: object) -> str:
    """A field of a result as it may be shown: bounded, and every unprintable character
    but newline and tab escaped (a learner's message must not clear the terminal, colour
    it, reverse a line, or carry a lone surrogate that no UTF-8 encoder writes)."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > FIELD_LIMIT:
        text = text[:FIELD_LIMIT] + f" ... ({len(text) - FIELD_LIMIT} more characters cut)"
    return escaped(text, keep="\n\t")


class _Judge:
    """One pytest judge over some spec files, and what it has reported so far."""

    def __init__(self, python: str, spec_files: list[str], args: list[str], folder: Path, *,
                 wait: bool = False) -> None:
        name = f"judge-{time.monotonic_ns()}"
        self.log_path = folder / f"{name}.log"
        # pytest's folder for this judge: each spec's tmp_path, the one place its learner
        # processes may save (kata.learner.confine), and removed with `folder`.
        self.basetemp = folder / name
        events_read, events_write = os.pipe()
        key_read, key_write = os.pipe()
        # Events are signed with a key only this judge gets (through a pipe, not argv or the
        # environment) and numbered, so nothing a learner process writes into the pipe counts.
        self.key, self.sequence = os.urandom(32), 0
        os.write(key_write, self.key)
        os.close(key_write)
        inherited = [events_write, key_read]
        if wait:  # a warm judge: collects, then waits to be told which spec files to run
            wait_read, self.wait_write = os.pipe()
            inherited.append(wait_read)
            args = [*args, "--kata-wait-fd", str(wait_read)]
        # --tb=no: the events carry the messages, and pytest's own traceback formatting
        # would be most of the run's time. --assert=plain: the specs explain failures
        # themselves, and rewriting their asserts would compile every spec file every run.
        command = [python, "-s", "-c", BOOT, str(ROOT / "kata"), *spec_files,
                   "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                   "-o", "pythonpath=", "--import-mode=importlib",
                   "--confcutdir", str(ROOT / "tests"), "-p", "pytest_timeout",
                   "--basetemp", str(self.basetemp),
                   "-q", "--no-header", "--tb=no", "--assert=plain", "--capture=no",
                   *UNUSED_PLUGINS,
                   "--kata-events-fd", str(events_write),
                   "--kata-key-fd", str(key_read), *args]
        if os.environ.get("KATA_TIMEOUT"):  # the tools' own tests plant endless loops
            command += ["-o", f"timeout={os.environ['KATA_TIMEOUT']}"]
        posix = os.name == "posix"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=judge_environment(python),
                start_new_session=posix,
                pass_fds=inherited, preexec_fn=_limit_memory if posix else None)
        for fd in inherited:
            os.close(fd)
        self.events = events_read
        os.set_blocking(self.events, False)
        self._partial = b""
        self.collected: list[str] = []
        self.running: tuple[str, float, float] | None = None  # nodeid, started, bound
        # The spec file running and when it started (time.time()): what learner processes
        # of earlier exercises left in `basetemp` is not charged to it (DiskWatch).
        self.spec_file, self.spec_file_since = "", 0.0
        self.finished = False
        self.finished_at = 0.0
        self.learners: set[int] = set()  # process groups of the learner processes it started

    def read_events(self, run: Run, lock: threading.Lock) -> None:
        while True:
            try:
                chunk = os.read(self.events, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            self._partial += chunk
        *lines, self._partial = self._partial.split(b"\n")
        with lock:
            for line in lines:
                self._event(line, run)

    def _event(self, line: bytes, run: Run) -> None:
        # Anything written into the pipe by someone else ends before our marker, or fails
        # the signature, or repeats a number already seen.
        signed = line.rsplit(b"\x1e", 1)[-1]
        number, _, rest = signed.partition(b" ")
        mac, _, text = rest.partition(b" ")
        expected = hmac.new(self.key, number + b" " + text, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, expected.encode()) or number != b"%d" % (
                self.sequence + 1):
            return
        self.sequence += 1
        try:
            event = json.loads(text)
        except (ValueError, RecursionError):
            return
        if not isinstance(event, dict):
            return
        kind = event.pop("event", "")
        if kind == "collected" and isinstance(event.get("nodeids"), list):
            self.collected = [str(n) for n in event["nodeids"]]
            for nodeid in self.collected:
                run.results.setdefault(nodeid, SpecResult(nodeid, "not_run"))
        elif kind == "start":
            try:
                bound = float(event.get("timeout") or 0) or 60.0
            except (TypeError, ValueError):
                bound = 60.0
            self.running = (str(event.get("nodeid")), time.monotonic(), bound)
            spec_file = self.running[0].split("::", 1)[0]
            if spec_file != self.spec_file:  # (a file's change time is the kernel's coarse
                # clock: up to a tick behind the judge's)
                at = event.get("at")
                at = at if type(at) is float and math.isfinite(at) else time.time()
                self.spec_file, self.spec_file_since = spec_file, at - 0.02
        elif kind == "result" and event.get("nodeid") in run.results:
            nodeid = event.pop("nodeid")
            if self.running and self.running[0] == nodeid:
                spec_file = nodeid.split("::", 1)[0]
                run.durations[spec_file] = (run.durations.get(spec_file, 0.0)
                                            + time.monotonic() - self.running[1])
            outcome = str(event.pop("outcome", "failed"))
            if event.get("kind") in ("timeout", "crashed"):
                outcome = "timeout" if event["kind"] == "timeout" else "crashed"
            fields = {k: _bounded(event.get(k, "")) for k in
                      ("kind", "message", "where", "doc", "printed")}
            run.results[nodeid] = SpecResult(nodeid, outcome, **fields)
            self.running = None
        elif kind == "learner" and type(event.get("pid")) is int and event["pid"] > 1:
            self.learners.add(event["pid"])  # (never 0 or -1: killpg would hit us, or all)
        elif kind == "finished":
            self.finished = True
            self.finished_at = time.monotonic()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.kill()
        self.process.wait()

    def go(self, spec_files: list[str]) -> None:
        """Tell a warm judge which spec files to run."""
        with contextlib.suppress(OSError):
            os.write(self.wait_write, json.dumps(spec_files).encode() + b"\n")
        with contextlib.suppress(OSError):
            os.close(self.wait_write)

    def end_learners(self) -> None:
        """A judge ends its learner processes itself; this is for one that died first."""
        for pid in self.learners:
            with contextlib.suppress(OSError, AttributeError):
                os.killpg(pid, signal.SIGKILL)

    def close(self) -> str:
        os.close(self.events)
        return self.log_path.read_text(encoding="utf-8", errors="replace")


class DiskWatch:
    """Notices learner code filling the disk, which would fail every other exercise's
    saves and the report. One statvfs call a look; only when the disk has lost
    DISK_LIMIT_MB (or FILES_LIMIT files) since the run began is a judge's folder measured,
    to tell its learner's writing from anyone else's."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.space, self.files = self._free()
        self.measured = 0.0  # when a judge's folder was last measured

    def _free(self) -> tuple[int, int]:
        try:
            stat = os.statvfs(self.folder)
        except (OSError, AttributeError):  # Windows: no statvfs, and no bound
            return 0, 0
        return stat.f_bavail * stat.f_frsize, stat.f_favail

    def flooded(self, basetemp: Path, since: float = 0.0) -> bool:
        """Whether a judge's learners have written more than they may into `basetemp` since
        `since` (time.time()): files an earlier exercise's learner process left there are
        not the running one's (a red team's exercise 02 left 1,990 of 2,000 and exercise
        17's correct saves were stopped). A file's change time says when it was last
        written, and learner code cannot set it (kata.learner.confine forbids utime)."""
        space, files = self._free()
        if space > self.space - (DISK_LIMIT_MB << 20) and files > self.files - FILES_LIMIT:
            return False
        if time.monotonic() - self.measured < 0.5:  # someone else is writing: look less often
            return False
        self.measured = time.monotonic()
        size = count = 0
        folders = [str(basetemp)]  # a stack, not os.walk: Python 3.11's recurses per level
        while folders:
            try:
                with os.scandir(folders.pop()) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                        with contextlib.suppress(OSError):
                            stat = entry.stat(follow_symlinks=False)
                            if stat.st_ctime >= since:
                                count += 1
                                size += 0 if entry.is_dir(follow_symlinks=False) else \
                                    stat.st_size
            except OSError:
                continue
            if size > DISK_LIMIT_MB << 20 or count > FILES_LIMIT:
                return True
        return False


def _run_files(python: str, spec_files: list[str], args: list[str], folder: Path, run: Run,
               lock: threading.Lock, warm: _Judge | None = None, delay: float = 0.0) -> None:
    """Run `spec_files` to the end in as many judges as it takes (the first may be warm),
    starting after `delay` seconds."""
    time.sleep(delay)
    pending = list(spec_files)
    disk = DiskWatch(folder)
    while pending and not run.stopping:
        if warm is not None:
            judge, warm = warm, None
            judge.go(pending)
        else:
            judge = _Judge(python, pending, args, folder)
        with lock:
            run.judges.add(judge)
            stopping = run.stopping
        if stopping:  # Ctrl-C came while it started
            judge.kill()
        hung = flooded = None
        try:
            while judge.process.poll() is None:
                select.select([judge.events], [], [], 0.05)
                judge.read_events(run, lock)
                if judge.finished and time.monotonic() - judge.finished_at > GRACE_SECONDS:
                    judge.kill()  # every result is in, and it lingers: end it
                    break
                if judge.running:
                    nodeid, started, bound = judge.running
                    if time.monotonic() - started > 2 * bound + START_SECONDS + GRACE_SECONDS:
                        hung = nodeid
                        judge.kill()
                    elif disk.flooded(judge.basetemp, judge.spec_file_since):
                        flooded = nodeid
                        judge.kill()
                        judge.end_learners()  # first: nothing may write while it goes
                        remove_tree(judge.basetemp)
        finally:  # Ctrl-C in the grader must not leave a judge running
            if judge.process.poll() is None:
                judge.kill()
            with lock:
                run.judges.discard(judge)
        if run.stopping:  # Ctrl-C: its folder is going; nothing more to learn from it
            judge.end_learners()
            with contextlib.suppress(OSError):
                judge.close()
            return
        judge.read_events(run, lock)
        judge.end_learners()
        log = judge.close()
        if judge.finished:
            unfinished = [n for n in judge.collected if run.results[n].outcome == "not_run"]
            if not unfinished:
                break
        if not judge.collected:
            with lock:
                run.problem = _collection_problem(log, judge.process.returncode)
                run.log = log
            break
        culprit = judge.running[0] if judge.running else None
        with lock:
            if culprit is None:  # died between specs: charge the next one without a result
                culprit = next((n for n in judge.collected
                                if run.results[n].outcome == "not_run"), None)
            if culprit is None:
                break
            if hung:
                message = (f"did not finish within {judge.running[2]:.0f} s and had to be "
                           "stopped from outside: look for a loop that never ends")
                run.results[culprit] = SpecResult(culprit, "timeout", "timeout", message)
            elif flooded:
                message = (f"wrote more than {DISK_LIMIT_MB} MB (or {FILES_LIMIT:,} files) "
                           "while it was graded, and was stopped before the disk filled up")
                run.results[culprit] = SpecResult(culprit, "crashed", "crashed", message)
            else:
                cause = cause_of_death(judge.process.returncode)
                run.results[culprit] = SpecResult(culprit, "crashed", "crashed", cause)
            dead_file = culprit.split("::")[0]
            pending = [f for f in pending if f != dead_file and any(
                r.outcome == "not_run" for r in run.results.values() if r.spec_file == f)]


class WarmJudge:
    """A judge started ahead of time, for `nox -s watch`: pytest has collected every spec
    file and a learner process is ready, so grading the exercise just saved costs only its
    specs. One use each; `run_specs(..., warm=...)` takes it."""

    def __init__(self, python: str, spec_files: list[str], args: list[str]) -> None:
        self.python, self.args = python, list(args)
        self.folder = Path(tempfile.mkdtemp(prefix="kata-warm-"))
        self.judge: _Judge | None = _Judge(python, spec_files, self.args, self.folder, wait=True)

    def take(self, python: str, args: list[str]) -> _Judge | None:
        judge, self.judge = self.judge, None
        if judge is None or judge.process.poll() is not None or (python, args) != (
                self.python, self.args):
            if judge is not None:
                judge.kill()
                judge.close()
            return None
        return judge

    def close(self) -> None:
        if self.judge is not None:
            self.judge.kill()
            self.judge.end_learners()
            self.judge.close()
            self.judge = None
        remove_tree(self.folder)


def _expected(spec_files: list[str], estimates: dict[str, float] | None) -> dict[str, float]:
    """Seconds each file is expected to take: its estimate, or the mean of the others'."""
    known = {f: t for f, t in (estimates or {}).items() if f in spec_files}
    typical = sum(known.values()) / len(known) if known else 1.0
    return {f: known.get(f, typical) for f in spec_files}


def shares(spec_files: list[str], workers: int,
           estimates: dict[str, float] | None = None) -> list[list[str]]:
    """`spec_files` in at most `workers` shares of about the same expected time: longest
    first, each to the share with the least so far (a file without an estimate counts as
    the mean of the others). Each share keeps the files' order."""
    expected = _expected(spec_files, estimates)
    loads = [[0.0, i, []] for i in range(workers)]
    for spec_file in sorted(spec_files, key=lambda f: -expected[f]):  # stable: ties in order
        share = min(loads)
        share[0] += expected[spec_file]
        share[2].append(spec_file)
    order = {f: i for i, f in enumerate(spec_files)}
    return [sorted(files, key=order.__getitem__) for _, _, files in loads if files] or [[]]


def head_starts(parts: list[list[str]], estimates: dict[str, float] | None = None) -> list[float]:
    """How long each share's judge waits before it starts: a share expected to end well
    before the longest lets that one start alone, since starting a judge takes both cores
    for a moment. At most START_DELAY, and never more than the share can spare."""
    expected = _expected([f for part in parts for f in part], estimates)
    loads = [sum(expected[f] for f in part) for part in parts]
    return [min(START_DELAY, (max(loads) - load) / 2) for load in loads]


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    """A run's folder (its judges' logs and pytest folders, where learner code saves),
    removed afterwards however deep learner code made it (kata.files.remove_tree)."""
    folder = Path(tempfile.mkdtemp(prefix="kata-"))
    try:
        yield folder
    finally:
        remove_tree(folder)


def run_specs(python: str, spec_files: list[str], args: list[str] | None = None, *,
              workers: int = WORKERS, warm: WarmJudge | None = None,
              estimates: dict[str, float] | None = None) -> Run:
    """Run `spec_files` (paths relative to the kata), a share in each of `workers` judges
    (see `shares`: `estimates` are seconds per file, such as an earlier run's durations),
    or all in `warm`, a judge started ahead (which is then used up)."""
    run, lock = Run(), threading.Lock()
    ready = warm.take(python, list(args or [])) if warm is not None else None
    if ready is not None:
        with scratch_folder() as tmp:
            _run_files(python, spec_files, args or [], tmp, run, lock, ready)
        return run
    with scratch_folder() as tmp:
        parts = shares(spec_files, workers, estimates)
        threads = [threading.Thread(target=_run_files, daemon=True,
                                    args=(python, part, args or [], tmp, run, lock,
                                          None, delay))
                   for part, delay in zip(parts, head_starts(parts, estimates))]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                while thread.is_alive():
                    thread.join(0.1)
        except BaseException:  # Ctrl-C reaches this thread only: end every judge here,
            _stop_all(run, lock)  # and their learners, before their folder is removed
            raise
    order = {f: i for i, f in enumerate(spec_files)}
    ordered = sorted(run.results.values(), key=lambda r: order.get(r.spec_file, len(order)))
    run.results = {r.nodeid: r for r in ordered}
    return run


def _stop_all(run: Run, lock: threading.Lock) -> None:
    """End every judge of `run` and its learner processes, and start no other."""
    with lock:
        run.stopping = True
        judges = list(run.judges)
    for judge in judges:  # (a fork server ends its learner processes when its judge goes)
        judge.kill()
        judge.end_learners()


def _collection_problem(log: str, returncode: int) -> str:
    lines = [line for line in log.strip().splitlines() if line.strip()]
    tail = "\n".join(lines[-8:])
    return (f"The specs could not be collected (pytest exit status {returncode}). "
            f"Its last lines were:\n{tail}")


def python_for_specs() -> str:
    """The interpreter that has numpy and pytest: KATA_PYTHON, or this one."""
    return os.environ.get("KATA_PYTHON") or sys.executable
