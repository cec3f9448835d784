"""A pytest plugin that streams each spec's outcome to a JSON-lines file for the grader.

With `--kata-events FILE`, it writes one line per event and flushes it at once, so that
when learner code kills the interpreter the grader still knows which spec was running:

    {"event": "collected", "nodeids": [...]}
    {"event": "start", "nodeid": "...", "timeout": 10.0, "at": 1767225600.0}
    {"event": "result", "nodeid": "...", "outcome": "failed", "kind": "assertion",
     "message": "...", "where": "exercises/ex01_neuron.py:12: return 0.0", "doc": "..."}
    {"event": "finished", "exitstatus": 1}

kind is one of passed, skipped, assertion, missing, not_implemented, needs (an earlier
exercise of the learner's own is unfinished), broken, timeout, crashed, error.

The plugin also tells the channel to the learner's process each spec's deadline, and
attaches what the learner's code printed during a spec to its result.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

import pytest

from kata.files import EXERCISE_FOLDER, prune_deep, remove_tree
from kata.judge import channel
from kata.judge.channel import (
    TIMEOUT_PREFIX,
    ExerciseBroken,
    LearnerCrashed,
    LearnerTimeout,
    MissingName,
    RemoteError,
)
from kata.processes import become_subreaper

_stream: IO[str] | None = None
_results: dict[str, dict[str, Any]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption("--kata-events", metavar="FILE",
                    help="stream spec outcomes as JSON lines to FILE")
    group.addoption("--kata-events-fd", metavar="FD", type=int,
                    help="stream spec outcomes as JSON lines to an inherited pipe")
    group.addoption("--kata-key-fd", metavar="FD", type=int,
                    help="read the key that signs the events from an inherited pipe")
    group.addoption("--kata-wait-fd", metavar="FD", type=int,
                    help="after collecting, wait for a JSON list of the spec files to run")


_key = b""  # the supervisor's key for this judge's events (see kata.judge.runner)
_sequence = 0


def _emit(**event: Any) -> None:
    global _sequence
    if _stream is None:
        return
    line = json.dumps(event)
    if _key:  # signed and numbered: a line that a learner process manages to write is ignored
        _sequence += 1
        mac = hmac.new(_key, f"{_sequence} {line}".encode(), hashlib.sha256).hexdigest()
        line = f"\x1e{_sequence} {mac} {line}"
    _stream.write(line + "\n")
    _stream.flush()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    global _stream, _key
    key_fd = config.getoption("--kata-key-fd", None)
    # A judge of the grader's forks its fork server first, before it reads the key that
    # signs its events: no learner process can find the key in its memory. Under plain
    # pytest (Classroom) it starts as a new interpreter, importing NumPy while pytest
    # collects the specs.
    channel.start_zygote(fork=key_fd is not None)
    if key_fd is not None:
        with os.fdopen(key_fd, "rb") as key:
            _key = key.read(64)
    path = config.getoption("--kata-events", None)
    fd = config.getoption("--kata-events-fd", None)
    if fd is not None:
        _stream = os.fdopen(fd, "w", encoding="utf-8")
        _not_dumpable()
        config.pluginmanager.register(_PlainReports(), "kata-plain-reports")
    elif path:
        _stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the session
    # Orphans of learner code come to this judge, which ends them with each exercise; the
    # supervisor hears of each learner process, to end it should this judge die first.
    become_subreaper()
    channel.on_start.append(lambda pid: _emit(event="learner", pid=pid))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Learner processes may change files only in this session's pytest folder, where each
    spec's tmp_path is (also their TMPDIR): never in the kata, wherever it was cloned
    (kata.learner.confine). The files a spec makes for them go in the judge's own folder
    beside it (the judge_path fixture)."""
    global _session_folder
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None:
        channel.learner_folder = str(factory.getbasetemp().resolve())
    else:  # pytest's tmpdir plugin is turned off: a folder of our own
        channel.learner_folder = tempfile.mkdtemp(prefix="kata-learners-")
    _session_folder = channel.learner_folder
    channel.make_judge_folder()


_session_folder = ""  # the session's pytest folder (each exercise has a folder in it)
_exercise_file = ""  # the spec file whose folder is pytest's and the learner's now


def _exercise_folder(item: pytest.Item) -> None:
    """When an exercise's specs start, a new folder in the session's becomes pytest's
    folder (every tmp_path of the exercise's specs is in it) and its learner processes'
    (kata.learner.answers.EXERCISE_FOLDER): the processes of earlier exercises could
    change anything in the session's folder, and a name planted there (test_save0 ...
    test_save9, test_save99...9, too long to count on) made pytest fail to make a later
    exercise's tmp_path."""
    global _exercise_file
    factory = getattr(item.config, "_tmp_path_factory", None)
    if factory is None or not _session_folder or str(item.path) == _exercise_file or \
            not _is_spec(item):
        return
    _exercise_file = str(item.path)
    folder = tempfile.mkdtemp(prefix=f"{EXERCISE_FOLDER}{item.path.stem[5:]}-",
                              dir=_session_folder)
    factory._basetemp = Path(folder)
    channel.learner_folder = folder


def _is_spec(item: pytest.Item) -> bool:
    """Whether `item` is a spec of an exercise's (tests/test_exNN_topic.py), not a test of
    the grading tools'."""
    name = item.path.name
    return name.startswith("test_ex") and name[7:9].isdigit()


class _PlainReports:
    """A judge's reports of passed and failed specs, without pytest's traceback formatting:
    the events carry what the learner reads, the judge runs with --tb=no, and formatting
    a traceback costs more than most specs take to run."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item,
                                  call: pytest.CallInfo[None]) -> pytest.TestReport | None:
        excinfo = call.excinfo
        if excinfo is not None and isinstance(excinfo.value, pytest.skip.Exception):
            return None  # pytest's own report, with the reason
        longrepr = None if excinfo is None else f"{excinfo.typename}: {excinfo.value}"
        return pytest.TestReport(
            item.nodeid, item.location, {}, "passed" if excinfo is None else "failed",
            longrepr, call.when, [], call.duration, start=call.start, stop=call.stop,
            user_properties=item.user_properties)


def _not_dumpable() -> None:
    """Learner processes run as the same user: without this they could open the event
    pipe through /proc/<judge>/fd and write results of their own."""
    if sys.platform == "linux":
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
        except (OSError, AttributeError):
            pass


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """A warm judge (nox -s watch) collects every spec file ahead of time, starts a learner
    process, and waits to be told which spec files to run."""
    fd = config.getoption("--kata-wait-fd", None)
    if fd is None:
        return
    channel.prestart()
    with os.fdopen(fd, "rb") as wait:
        try:
            wanted = set(json.loads(wait.readline() or b"[]"))
        except ValueError:
            wanted = set()
    keep = [item for item in items if item.nodeid.split("::")[0] in wanted]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def pytest_collection_finish(session: pytest.Session) -> None:
    _emit(event="collected", nodeids=[item.nodeid for item in session.items])
    files = [item.nodeid.split("::")[0] for item in session.items]
    global _later_files
    _later_files = {f: len(set(files[i:])) - 1 for i, f in enumerate(files)}


# For each spec file, how many other files come after it: a learner process is started
# ahead for the next exercise while this one's specs run.
_later_files: dict[str, int] = {}



def _timeout_of(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    if marker and marker.args:
        return float(marker.args[0])
    try:
        return float(item.config.getini("timeout") or 0)
    except (ValueError, TypeError):
        return 0.0


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    bound = _timeout_of(item)
    _emit(event="start", nodeid=item.nodeid, timeout=bound, at=time.time())


def _bound_learner(item: pytest.Item) -> None:
    """Each phase's learner calls get the spec's bound, stopped a little before
    pytest-timeout would fire, so that the learner's process is the one to go. Starting
    the learner's process is bounded separately (kata.judge.channel.START_SECONDS)."""
    bound = _timeout_of(item)
    channel.bound = bound
    channel.deadline = time.monotonic() + 0.95 * bound if bound else None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _bound_learner(item)
    if _later_files.get(item.nodeid.split("::")[0]) and "ex" in getattr(item, "funcargs", {}):
        channel.prestart()  # this exercise has its process: start the next one's


# Spec files given up on after an endless loop or running out of memory, and why: one
# such fault would otherwise cost every later spec of the exercise its full bound.
_abandoned: dict[str, str] = {}
_crashes: dict[str, int] = {}  # spec file: how many of its specs crashed the learner's process
CRASHES_TOLD = 3


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _exercise_folder(item)
    _bound_learner(item)
    if _stream is not None and str(item.path) in _abandoned:
        pytest.skip(_abandoned[str(item.path)])


def _needs(exc: RemoteError, module: str) -> str:
    """The earlier exercise an unfinished stub of which raised `exc`, or ""."""
    for frame in reversed(exc.frames):
        name = frame["file"].rsplit("/", 1)[-1].removesuffix(".py")
        if name.startswith("ex") and name[2:4].isdigit() and name != module:
            return name
    return ""


def classify(exc: BaseException, module: str = "") -> tuple[str, str, str]:
    """(kind, message, where) for the exception that failed a spec of `module`."""
    where = exc.where if isinstance(exc, (RemoteError, ExerciseBroken)) else ""
    name = exc.type_name if isinstance(exc, RemoteError) else type(exc).__name__
    if isinstance(exc, ExerciseBroken):
        return "broken", str(exc), exc.where
    # pytest-timeout's own failure says "Timeout (>...": a learner's exception that says
    # so is the learner's, not a timeout (it would give up the exercise's later specs).
    if isinstance(exc, LearnerTimeout) or (
            str(exc).startswith(TIMEOUT_PREFIX) and not isinstance(exc, RemoteError)):
        return "timeout", str(exc), where
    if isinstance(exc, LearnerCrashed):
        return "crashed", str(exc), where  # the grader says whose: "your code ..."
    if isinstance(exc, MissingName):
        return "missing", str(exc), ""
    if isinstance(exc, RemoteError) and name == "NotImplementedError":
        earlier = _needs(exc, module)
        if earlier:
            return "needs", (f"needs exercise {earlier[2:4]} first: this exercise uses your "
                             f"{earlier}.py, where {exc}"), where
        if where:
            return "not_implemented", str(exc), where
    if name == "SystemExit":
        return "error", (f"your code called sys.exit({exc}), which would end the "
                         "program: return a value instead"), where
    if isinstance(exc, AssertionError) and not isinstance(exc, RemoteError):
        # pytest appends its own introspection after the spec's message; keep the message.
        return "assertion", str(exc).split("\nassert ")[0].strip(), where
    return "error", f"{name}: {exc}".strip(), where


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    result = _results.setdefault(item.nodeid, {"outcome": "passed", "kind": "passed"})
    learner = getattr(getattr(item, "funcargs", {}).get("ex"), "_channel", None)
    stopped = learner.stopped if learner is not None and _is_spec(item) else None
    if learner is not None:  # (the tools' own tests stop learner code on purpose)
        learner.stopped = None
    if result["outcome"] != "passed":
        return  # the first failing phase explains the spec; later ones follow from it
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        result.update(outcome="skipped", kind="skipped",
                      message=str(reason).removeprefix("Skipped: "))
    elif report.failed or stopped is not None:
        # The learner's process was stopped (timed out, crashed): that is the failure,
        # whatever the judge's code made of it on the way (see Channel.stopped).
        exc = stopped or (call.excinfo.value if call.excinfo else None)
        if stopped is not None:  # and so plain pytest says too
            report.outcome, report.longrepr = "failed", f"{type(exc).__name__}: {exc}"
        module = item.path.stem.removeprefix("test_")
        kind, message, where = classify(exc, module) if exc else \
            ("error", str(report.longrepr), "")
        if kind == "timeout":
            _abandoned[str(item.path)] = "an earlier spec of this exercise timed out"
        elif isinstance(exc, MemoryError):
            _abandoned[str(item.path)] = "an earlier spec of this exercise ran out of memory"
        elif kind == "crashed":  # each crash can cost almost a spec's bound: a few tell all
            _crashes[str(item.path)] = _crashes.get(str(item.path), 0) + 1
            if _crashes[str(item.path)] >= CRASHES_TOLD:
                _abandoned[str(item.path)] = (f"{CRASHES_TOLD} earlier specs of this "
                                              "exercise crashed its process")
        result.update(outcome="failed", kind=kind, message=message, where=where, phase=call.when)
    if learner is not None and call.when == "call":
        if learner.printed and result["outcome"] == "failed":
            result["printed"] = learner.printed[-4000:]
        learner.printed = ""
    function = getattr(item, "function", None)
    doc = ((function.__doc__ if function else None) or "").strip().splitlines()
    result["doc"] = doc[0] if doc else ""


def pytest_runtest_logfinish(nodeid: str) -> None:
    _emit(event="result", nodeid=nodeid, **_results.pop(nodeid, {"outcome": "passed"}))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    channel.end_spare()
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None and _session_folder:  # pytest's own, to clean up and keep
        factory._basetemp = Path(_session_folder)
    if _session_folder:  # pytest's own clean-up of old folders recurses per level
        prune_deep(_session_folder)
        remove_tree(channel.judge_folder())
    _emit(event="finished", exitstatus=int(exitstatus))
    if _key and exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        # A judge whose every spec has its result, its learner processes ended: pytest's
        # summary (nobody reads it) and the interpreter's clean-up would cost the learner
        # a fifth of a second. After a collection error the summary says why: it stays.
        # What is registered to run at exit still runs (pytest removes its old temporary
        # folders and unlocks this session's).
        sys.stdout.flush()
        run_at_exit = getattr(atexit, "_run_exitfuncs", None)
        if run_at_exit is not None:
            run_at_exit()
        os._exit(int(exitstatus))
