"""The judge's end of sealed grading: specs reach the learner's module in a child process.

    ex = Exercise(Channel(path, "ex05_relu"))
    relu = ex.ReLU()                      # a Remote: the object lives in the child
    out = relu.forward(np.array([[-1.0, 2.0]]))   # a value: a fresh array, by copy

Every request is bounded by the running spec's deadline; a child that overruns it is
killed and the spec fails as timed out. A child that dies (os._exit, a segfault, the
memory limit) fails the running spec as crashed, and the next request starts a new one.
What the learner raised arrives as an exception of the same built-in type, carrying the
learner's own frames. Arguments the learner changed in place are changed here too.
When the exercise is judged, `close()` ends the child and everything it started.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kata import wire
from kata.manifest import ROOT, display_path
from kata.processes import end_children
from kata.text import escaped

MEMORY_LIMIT_MB = int(os.environ.get("KATA_MEMORY_LIMIT_MB", "4096"))
START_SECONDS = 60.0  # to start the learner's process and import the module (a slow disk)
FILE_LIMIT_MB = 256  # the largest file learner code may write (a print flood, a huge save)
TIMEOUT_PREFIX = "Timeout (>"
# Called with the pid of each learner process started (the plugin tells the supervisor).
on_start: list = []
# The running spec's deadline (time.monotonic()) and time bound, set by the pytest plugin.
deadline: float | None = None
bound: float = 0.0


class ExerciseBroken(Exception):
    """The exercise module could not be imported at all."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


class MissingName(AssertionError):
    """A public name the specs need is not in the learner's module."""


class NotBareMetal(AssertionError):
    """A Part 1 module imports something outside the standard library."""


class LearnerTimeout(Exception):
    """The learner's code ran past the spec's time bound and was stopped."""


class LearnerCrashed(Exception):
    """The learner's code ended its process."""


class RemoteError(Exception):
    """Mixed into every exception raised by learner code: where it was raised."""

    type_name: str = ""
    frames: list[dict] = []  # noqa: RUF012 - set per instance

    @property
    def where(self) -> str:
        """`exercises/ex02_layer.py:14: <line>`, the deepest learner frame, or ""."""
        if not self.frames:
            return ""
        frame = self.frames[-1]
        return f"{frame['file']}:{frame['line']}: {frame['code']}"


_exception_classes: dict[tuple[str, type], type] = {}


def _frame(frame: dict) -> dict:
    """A learner frame as the judge keeps it: every field there, of its type, escaped (a
    learner process can send anything: a frame without a file once raised KeyError in
    the plugin's report hook, which ends a plain pytest session, every exercise's specs)."""
    line = frame.get("line")
    return {"file": escaped(str(frame.get("file", "?"))[:1000]),
            "line": line if type(line) is int else 0,
            "code": escaped(str(frame.get("code", ""))[:200]),
            "function": escaped(str(frame.get("function", ""))[:200])}


def _listed(value: Any) -> list:
    return value if type(value) is list else []


def remote_exception(error: dict) -> Exception:
    """An exception of the learner's built-in type (or a subclass named like theirs)."""
    if type(error) is not dict:
        error = {"message": "(the learner's process described its exception in no way "
                            "the grader reads)"}
    bases = [getattr(builtins, name, None) for name in _listed(error.get("bases"))
             if type(name) is str]
    bases = [b for b in bases if isinstance(b, type) and issubclass(b, Exception)] + [Exception]
    # Escaped: under plain pytest these reach the terminal as they are (`kata grade` escapes
    # what it shows itself), and a learner's ESC must not clear or retitle it.
    name = escaped(str(error.get("type", "Exception"))[:100])
    message = escaped(str(error.get("message", "")), keep="\n\t")
    for base in bases:
        key = (name, base)
        if key not in _exception_classes:
            bases_of = (RemoteError,) if base is Exception else (base, RemoteError)
            _exception_classes[key] = type(name, bases_of, {"type_name": name})
        try:
            exc = _exception_classes[key](message)
        except TypeError:  # e.g. UnicodeDecodeError wants five arguments: try its base
            continue
        exc.frames = [_frame(frame) for frame in _listed(error.get("frames"))[-20:]
                      if type(frame) is dict]
        return exc
    raise AssertionError("unreachable: Exception takes one argument")


def cause_of_death(returncode: int | None) -> str:
    """What ended a process, in words for the learner."""
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if name == "SIGSEGV":
            return "crashed the Python interpreter with a segmentation fault (SIGSEGV)"
        if name == "SIGKILL":
            return ("was killed (SIGKILL): by a kill or killpg in the code itself, or by "
                    f"the system when memory ran out (the limit is {MEMORY_LIMIT_MB} MB)")
        if name == "SIGXFSZ":
            return f"wrote a file (or output) larger than {FILE_LIMIT_MB} MB"
        return f"killed the Python interpreter ({name})"
    return (f"ended the Python interpreter with exit status {returncode} "
            "(os._exit() or a fatal error) before the spec could finish")


def _limits() -> None:  # pragma: no cover - runs in the child, before it starts
    try:
        import resource

        for limit, megabytes in ((resource.RLIMIT_AS, MEMORY_LIMIT_MB),
                                 (resource.RLIMIT_FSIZE, FILE_LIMIT_MB)):
            resource.setrlimit(limit, (megabytes << 20, megabytes << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass


def end_orphans() -> None:
    """Kill and reap every child of this process but the spare learner process. Only for
    a judge, whose children are learner processes (and their orphans, once it is a
    subreaper), nothing else."""
    end_children(keep={p.pid for p in (_spare, _zygote and _zygote.process) if p is not None})


# The one folder where learner processes may change files, also their TMPDIR: set by the
# judge at the start of its session to its pytest folder, where each tmp_path is. See
# kata.learner.confine.
learner_folder = ""


_judge_folder = ""


def make_judge_folder() -> str:
    """Make the judge's own folder beside learner_folder, at the start of its session: only
    the judge writes in it (the judge_path fixture); learner processes may read it.

    Not named after learner_folder: beside a plain pytest session's folder (pytest-N), a
    "pytest-N-judge" is one that any other pytest session starting then deletes (it keeps
    the last three numbered folders and cannot number that one), and Classroom runs
    sessions side by side. Nor of learner_folder's kind (kata.learner.answers.
    beside_own_folder closes those)."""
    global _judge_folder
    _judge_folder = tempfile.mkdtemp(prefix="kata-judge-", dir=os.path.dirname(learner_folder))
    return _judge_folder


def judge_folder() -> str:
    """The judge's own folder (make_judge_folder), or "" before its session starts."""
    return _judge_folder


def _environment(*, warm: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST_", "PYTHONSTARTUP", "PYTHONINSPECT"))}
    # One BLAS thread: the learner's matrices are small, a second core is the other judge's,
    # and a fork server must have no threads. PYTHONSAFEPATH unset: the child runs in the
    # kata's folder, on its path.
    env.update(PYTHONSAFEPATH="", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1", KATA_WARM="1" if warm else "",
               KATA_LEARNER_FOLDER=learner_folder)
    if learner_folder:
        env["TMPDIR"] = learner_folder
    # The kata's own modules compile once into the judge's bytecode folder (see
    # kata.judge.runner.bytecode_folder); the learner's code writes none (child.main).
    if not env.get("PYTHONPYCACHEPREFIX"):
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _spawn(*, warm: bool = False) -> subprocess.Popen:
    posix = os.name == "posix"
    return subprocess.Popen(
        [sys.executable, "-m", "kata.learner.child"], cwd=ROOT, env=_environment(warm=warm),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=posix, preexec_fn=_limits if posix else None)


_spare: subprocess.Popen | None = None  # a learner process started ahead, not yet loaded
_spare_folder = ""  # the learner_folder it was started with: where it may change files


def prestart() -> None:
    """Start the next learner process now (it imports NumPy while the judge works on)."""
    global _spare
    if USE_ZYGOTE:
        start_zygote()  # forking is instant: have the server ready
        if _zygote is not None:
            return
    global _spare_folder
    if _spare is None or _spare.poll() is not None:
        _spare, _spare_folder = _spawn(warm=True), learner_folder
        for started in on_start:
            started(_spare.pid)


class _Process:
    """A process of this judge's that is not a Popen: what Channel uses of one. poll() is
    the subclass's."""

    def __init__(self, pid: int) -> None:
        self.pid, self.returncode = pid, None

    def poll(self) -> int | None:
        raise NotImplementedError

    def wait(self, timeout: float | None = None) -> int:
        ends = time.monotonic() + (timeout if timeout is not None else 3600.0)
        while self.poll() is None:
            if time.monotonic() > ends:
                raise subprocess.TimeoutExpired("learner", timeout or 0.0)
            time.sleep(0.005)
        return self.returncode

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)


class _Child(_Process):
    """A child this judge forked (the fork server, forked with what the judge imported)."""

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere (end_orphans): it has ended
                self.returncode = -signal.SIGKILL
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


class _Forked(_Process):
    """A learner process forked by the zygote."""

    def __init__(self, zygote: _Zygote, pid: int, requests: int, replies: int) -> None:
        super().__init__(pid)
        self.zygote = zygote
        self.stdin = os.fdopen(requests, "wb", buffering=0)
        self.stdout = os.fdopen(replies, "rb", buffering=0)
        try:  # readable once the process has ended: poll() without asking the fork server
            self.pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None

    def poll(self) -> int | None:
        if self.returncode is None:
            if self.pidfd is not None and not select.select([self.pidfd], [], [], 0)[0]:
                return None
            self.returncode = self.zygote.exit_code(self.pid)
        return self.returncode

    def close(self) -> None:
        if self.pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = None


class _Stale(OSError):
    """The fork server holds a reference answer that the next learner process may not
    have, even in freed memory: it must be replaced."""


class _Zygote:
    """The judge's fork server (kata.learner.child.zygote): Linux only."""

    def __init__(self, *, fork: bool = False) -> None:
        """fork: fork it from this judge, which has NumPy imported already (see
        `_fork_server`), instead of starting a new interpreter."""
        import socket

        self.link, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            if fork:
                self.process: subprocess.Popen | _Child = _fork_server(theirs.fileno())
            else:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "kata.learner.child", "--zygote",
                     str(theirs.fileno()), str(MEMORY_LIMIT_MB), str(FILE_LIMIT_MB)],
                    cwd=ROOT, env=_environment(), stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True, pass_fds=(theirs.fileno(),))
        except OSError:
            self.link.close()
            raise
        finally:
            theirs.close()
        self.link.settimeout(START_SECONDS)
        self.asked = 0

    def _ask(self, message: bytes, fds: tuple[int, ...] = ()) -> bytes:
        """The answer to `message`. Questions are numbered and answers carry the number: a
        spec whose time ran out while it waited leaves its answer behind, to be skipped
        here, never taken for the answer to the next question (a pid, say)."""
        import socket

        self.asked += 1
        number = b"%d" % self.asked
        socket.send_fds(self.link, [number + b" " + message], list(fds))
        while True:
            answer = self.link.recv(64)
            if not answer:
                raise OSError("the fork server is gone")
            answered, _, text = answer.partition(b" ")
            if answered == number:
                return text

    def fork(self, closed: Collection[str] = ()) -> _Forked:
        """A new learner process, which may not hold the reference answers of the modules
        in `closed` (kata.learner.answers); raises _Stale when this server holds one."""
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        # "fork CLOSED FOLDER": the closed modules, comma-separated ("-" for none), and
        # where this learner process may change files (its TMPDIR)
        message = b"fork %s %s" % (",".join(sorted(closed)).encode() or b"-",
                                   os.fsencode(learner_folder))
        try:
            answer = self._ask(message, (requests_read, replies_write))
        finally:
            os.close(requests_read)
            os.close(replies_write)
        pid = 0 if answer == b"stale" else int(answer)
        if pid <= 1:  # never kill(0) or kill(-1): that would be our group, or everyone
            for fd in (requests_write, replies_read):
                os.close(fd)
            if answer == b"stale":
                raise _Stale("the fork server holds a closed reference answer")
            raise OSError(f"the fork server answered {pid} for a process id")
        return _Forked(self, pid, requests_write, replies_read)

    def exit_code(self, pid: int) -> int | None:
        answer = self._ask(b"poll %d" % pid)
        return None if answer == b"none" else int(answer)

    def end_all(self, pid: int = 0) -> int | None:
        """End every learner process and orphan; how `pid` ended, if it was one of them."""
        answer = self._ask(b"end %d" % pid if pid else b"end")
        return None if answer == b"none" else int(answer)

    def close(self) -> None:
        self.link.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=2)
        self.process.kill()
        self.process.wait()


_zygote: _Zygote | None = None
USE_ZYGOTE = sys.platform == "linux" and not os.environ.get("KATA_NO_FORK_SERVER")


def start_zygote(*, fork: bool = False) -> None:
    """Start the fork server now, if there is none. fork: fork it from this judge (only
    before the judge holds anything a learner must not see: see `_fork_server`)."""
    global _zygote
    if USE_ZYGOTE and (_zygote is None or _zygote.process.poll() is not None):
        try:
            _zygote = _Zygote(fork=fork)
        except OSError:
            _zygote = None


def _fork_server(link: int) -> _Child:
    """The fork server, forked from this judge with NumPy imported, which saves a third of
    a second of a new interpreter's imports. Only from a judge that has one thread and has
    not read its key yet: what a learner process could find in its memory is the judge's
    arguments and modules, nothing more. It keeps no file of the judge's open but `link`,
    and lives in the learner processes' environment, limits and session."""
    import threading

    import numpy.random  # noqa: F401 - what every learner process needs first (see zygote)

    if threading.active_count() != 1:
        raise OSError("a judge with threads cannot fork")
    environment = _environment()
    pid = os.fork()
    if pid:
        return _Child(pid)
    try:  # pragma: no cover - the fork server
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, link)
        os.closerange(link + 1, os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536)
        os.environ.clear()
        os.environ.update(environment)
        sys.path.insert(0, str(ROOT))  # as `python -m kata.learner.child` run in the kata
        _limits()
        from kata.learner.child import zygote

        zygote(link, MEMORY_LIMIT_MB, FILE_LIMIT_MB)
    finally:
        os._exit(0)


def take_process(closed: Collection[str] = ()) -> subprocess.Popen | _Forked:
    """A learner process for an exercise whose reference answers of `closed` it may not
    hold: forked by the fork server where there is one, else a new interpreter."""
    global _spare, _zygote
    if USE_ZYGOTE:
        start_zygote()
        for _ in range(2):  # a stale fork server is replaced once
            if _zygote is None:
                break
            try:
                process = _zygote.fork(closed)
            except _Stale:
                _zygote.close()
                _zygote = None
                start_zygote()
                continue
            except (OSError, ValueError):
                _zygote = None  # spawn instead, below
                break
            for started in on_start:
                started(process.pid)
            return process
    process, _spare = _spare, None
    if process is not None and _spare_folder != learner_folder and sys.platform == "linux":
        # started while the exercise before was graded: Landlock keeps it to that one's
        # folder (kata.judge.pytest_plugin gives each exercise its own)
        process.kill()
        process.wait()
        process = None
    if process is None or process.poll() is not None:
        process = _spawn()
        for started in on_start:
            started(process.pid)
    return process


def end_spare() -> None:
    global _spare, _zygote
    if _zygote is not None:
        _zygote.close()
        _zygote = None
    if _spare is not None:
        with contextlib.suppress(OSError):
            _spare.kill()
        _spare.wait()
        _spare = None


@dataclass
class Observed:
    """What the learner's code did inside an `ex.observe()` block besides its results."""

    warnings: list[str] = field(default_factory=list)
    printed: str = ""
    global_random_used: bool = False


class _Expired(Exception):
    pass


class Channel:
    """One learner child process holding one exercise module."""

    def __init__(self, path: Path | str, name: str, *, bare_metal: bool = False,
                 closed: Collection[str] = ()) -> None:
        """closed: exercise modules whose reference answers the learner's code may not
        load (kata.learner.answers); none when the tree under test is the reference."""
        # realpath, not resolve(): a link that loops is the learner's to hear about
        self.path, self.name, self.bare_metal = os.path.realpath(path), name, bare_metal
        self.given = os.path.abspath(path)  # as named: the path a link's message names
        self.closed = sorted(closed)
        self.process: subprocess.Popen | None = None
        self.generation = 0
        self.remotes: weakref.WeakValueDictionary[int, Remote] = weakref.WeakValueDictionary()
        self.tokens: dict[int, Any] = {}
        self._next_token = 1
        self.observers: list[Observed] = []
        self.printed = ""  # what the learner printed during the current spec
        self.callables: set[tuple[str, str]] = set()  # (type name, attribute) seen callable
        self.load_problem: Exception | None = None
        # The first timeout or crash of the learner's process since the pytest plugin last
        # took it (after each spec): judge code on the way may swallow the exception. NumPy,
        # reading a learner's object as a nested sequence, turned a timeout into
        # "inhomogeneous shape"; a failure message's repr() of a handle falls back to
        # "<X object>". The spec is charged with it all the same, and a timeout gives up the
        # exercise's later specs (a red team's looping __repr__ cost each spec its bound).
        self.stopped: Exception | None = None
        self._start()

    # ------------------------------------------------------------- the process

    def _start(self) -> None:
        self.process = take_process(self.closed)
        self.generation += 1
        self.remotes = weakref.WeakValueDictionary()
        self.tokens = {}
        global deadline
        spec_deadline, deadline = deadline, time.monotonic() + START_SECONDS
        stopped = self.stopped
        try:
            loaded = self.request("load", path=self.path, name=self.name,
                                  bare_metal=self.bare_metal, closed=self.closed,
                                  judge_folder=judge_folder(), given=self.given)
        except LearnerTimeout:
            self.stopped = stopped  # not the spec's bound: the module is told as broken
            loaded = {"broken": f"{display_path(self.path)} did not finish importing within "
                                f"{START_SECONDS:.0f} s: is there a loop at the top level, of "
                                "this file or of an earlier exercise of yours it imports "
                                "(kata.given, in a sealed hand-out)?"}
        finally:
            deadline = spec_deadline
        if "broken" in loaded:
            self.load_problem = ExerciseBroken(loaded["broken"], loaded.get("where", ""))
        elif "not_bare_metal" in loaded:
            self.load_problem = NotBareMetal(loaded["not_bare_metal"])

    def _stop(self) -> int | None:
        process, self.process = self.process, None
        if process is None:
            return None
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        if isinstance(process, _Forked):
            try:  # its orphans went to the fork server, which ends them all (and keeps
                # every exit code it has seen, so this is right even when poll() saw it)
                returncode = process.returncode = process.zygote.end_all(process.pid)
            except (OSError, ValueError):
                returncode = None
            process.close()
        else:
            returncode = process.wait()
        end_orphans()
        return returncode

    def close(self) -> None:
        """End the child and everything it started."""
        self._stop()

    def _stopping(self, exc: Exception) -> Exception:
        if self.stopped is None:
            self.stopped = exc
        return exc

    def _died(self) -> LearnerCrashed:
        process = self.process
        returncode = process.poll() if process else None
        if process is not None and returncode is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                returncode = process.wait(timeout=1.0)
        self._stop()
        return LearnerCrashed(cause_of_death(returncode))

    # ------------------------------------------------------------- requests

    def _token(self, value: Any) -> int:
        token = self._next_token
        self._next_token += 1
        try:  # arrays: weakly, the learner may report a kept one changing in a later call
            self.tokens[token] = weakref.ref(value)
        except TypeError:  # lists, dicts, generators: for this call only (or strongly)
            self.tokens[token] = value
        return token

    def _tree_of(self, value: Any) -> dict:
        if isinstance(value, Remote):
            stale = value._kata_generation != self.generation and value._kata_id != 0
            if value._kata_channel is not self or stale:  # the module (0) is in every child
                raise LearnerCrashed("this object was lost when the learner's process "
                                     "ended in an earlier spec")
            return {"$": "handle", "id": value._kata_id}
        raise TypeError(f"a spec passed a {type(value).__name__}, which cannot cross to "
                        "the learner's process: make it there with ex.namespace(...)")

    def _remote(self, tree: dict) -> Remote:
        number = tree["id"]
        remote = self.remotes.get(number)
        if remote is None:
            # the learner names its classes: escaped, as everything it sends that is shown
            remote = Remote(self, number, escaped(str(tree.get("type", "object"))[:100]),
                            bool(tree.get("callable")))
            self.remotes[number] = remote
        return remote

    def _wait(self) -> None:
        if os.name != "posix" or deadline is None:
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.process.stdout], [], [], remaining)[0]:
            raise _Expired

    def request(self, op: str, **request: Any) -> Any:
        if op != "load" and (self.process is None or self.process.poll() is not None):
            self._stop()
            self._start()  # a fresh child for a spec after the one that crashed or hung
        # The request, its argument list and keyword dict are made here, for this call:
        # no spec holds them, so nothing of theirs is watched for changes.
        made_here = (request, request.get("args"), request.get("kwargs"))
        encoder = wire.Encoder(handle=self._tree_of, token=lambda value: None if any(
            value is made for made in made_here) else self._token(value))
        data = wire.pack({"op": op, "request": encoder.encode(request)}, encoder.buffers)
        try:
            wire.write_frame(self.process.stdin.fileno(), data)
            header, buffers = wire.read_frame(self.process.stdout.fileno(), self._wait)
        except _Expired:
            self._stop()
            raise self._stopping(LearnerTimeout(
                f"{TIMEOUT_PREFIX}{bound:g} s): your code did not finish in time and was "
                "stopped - look for a loop that never ends")) from None
        except (EOFError, BrokenPipeError):
            raise self._stopping(self._died()) from None
        except (wire.WireError, OSError) as exc:
            self._stop()
            raise self._stopping(LearnerCrashed(
                f"sent the grader a message it could not read ({exc})")) from None
        try:
            return self._settle(header, buffers)
        finally:  # lists and dicts are reported only in the call that changed them
            self.tokens = {t: v for t, v in self.tokens.items()
                           if isinstance(v, weakref.ref) and v() is not None or _generator(v)}

    def _settle(self, header: dict, buffers: list[bytes]) -> Any:
        decoder = wire.Decoder(buffers, handle=self._remote)
        try:
            for token, tree in header.get("changed") or []:
                target = self.tokens.get(token)
                if isinstance(target, weakref.ref):
                    target = target()
                if target is not None:
                    _mirror(target, decoder.decode(tree))
            value = decoder.decode(header.get("value"))
        except (wire.WireError, TypeError, ValueError) as exc:
            self._stop()
            raise self._stopping(LearnerCrashed(
                f"sent the grader a message it could not read ({exc})")) from None
        printed = header.get("printed") or ""
        warned = [escaped(str(w)) for w in _listed(header.get("warnings"))]
        if isinstance(printed, str) and len(self.printed) < 20_000:
            self.printed += printed
        for seen in self.observers:
            seen.warnings += warned
            seen.printed += printed if isinstance(printed, str) else ""
            seen.global_random_used |= bool(header.get("random"))
        if header.get("error") is not None:
            raise remote_exception(header["error"])
        return value


def _generator(value: Any) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and isinstance(value, np.random.Generator)


def _mirror(target: Any, value: Any) -> None:
    """Make the judge's `target` look like the learner's changed copy of it."""
    import numpy as np

    with contextlib.suppress(ValueError, TypeError):
        if isinstance(target, np.ndarray) and isinstance(value, np.ndarray):
            if target.shape == value.shape:
                np.copyto(target, value, casting="unsafe")
        elif isinstance(target, list) and isinstance(value, list):
            target[:] = value
        elif isinstance(target, dict) and isinstance(value, dict):
            target.clear()
            target.update(value)
        elif isinstance(target, np.random.Generator) and isinstance(value, np.random.Generator):
            target.bit_generator.state = value.bit_generator.state


class Remote:
    """A learner object that stays in the child: attributes and calls cross as values."""

    __slots__ = ("__weakref__", "_kata_callable", "_kata_channel", "_kata_generation",
                 "_kata_id", "_kata_type")

    def __init__(self, channel: Channel, number: int, type_name: str, is_callable: bool) -> None:
        for name, value in (("_kata_channel", channel), ("_kata_id", number),
                            ("_kata_type", type_name), ("_kata_callable", is_callable),
                            ("_kata_generation", channel.generation)):
            object.__setattr__(self, name, value)

    def _ask(self, op: str, **request: Any) -> Any:
        return self._kata_channel.request(op, target=self, **request)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # NumPy and copy probe for these: never the learner
        callables = self._kata_channel.callables
        if (self._kata_type, name) in callables:
            return RemoteMethod(self, name)
        value = self._ask("getattr", name=name)
        if isinstance(value, Remote) and value._kata_type in CALLABLE_TYPES:
            # A method, function or class: later look-ups of the same name on objects of
            # the same type skip the round trip, and a call is one request ("callmethod"
            # looks the name up in the learner's process at the time of the call).
            callables.add((self._kata_type, name))
            return RemoteMethod(self, name)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._ask("setattr", name=name, value=value)

    def __delattr__(self, name: str) -> None:
        self._ask("delattr", name=name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ask("call", args=list(args), kwargs=kwargs)

    def __getitem__(self, key: Any) -> Any:
        return self._ask("getitem", key=key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._ask("setitem", key=key, value=value)

    def __len__(self) -> int:
        return self._ask("len")

    def __iter__(self) -> Iterator[Any]:
        return iter(self._ask("iter"))

    def __bool__(self) -> bool:
        return bool(self._ask("bool"))

    def __repr__(self) -> str:
        # Escaped: under plain pytest a failure message shows it as it is (see
        # remote_exception), and a learner's __repr__ must not clear or retitle the terminal.
        try:
            return escaped(str(self._ask("repr")), keep="\n\t")
        except Exception:  # noqa: BLE001 - a broken learner __repr__ or a dead child
            return f"<{self._kata_type} object>"

    def __str__(self) -> str:
        try:
            return escaped(str(self._ask("str")), keep="\n\t")
        except Exception:  # noqa: BLE001
            return f"<{self._kata_type} object>"


CALLABLE_TYPES = ("method", "function", "type", "builtin_function_or_method")


class RemoteMethod:
    """`obj.name` of a learner object, called in one request."""

    __slots__ = ("name", "owner")

    def __init__(self, owner: Remote, name: str) -> None:
        self.owner, self.name = owner, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.owner._ask("callmethod", name=self.name, args=list(args), kwargs=kwargs)

    def __getattr__(self, attribute: str) -> Any:
        """`ex.Model.load`: the class itself, then its attribute (a round trip each)."""
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)
        return getattr(self.owner._ask("getattr", name=self.name), attribute)

    def __repr__(self) -> str:
        return f"<{self.owner._kata_type}.{self.name} in the learner's process>"


def type_name(value: Any) -> str:
    """The class name of `value`: of the learner's object behind a handle, as its process
    named it when the handle was made (no new question to it), or of a plain value."""
    return value._kata_type if isinstance(value, Remote) else type(value).__name__


class Exercise:
    """The learner's module as the specs see it (the `ex` fixture)."""

    def __init__(self, channel: Channel, shown: str) -> None:
        self._channel, self._shown = channel, shown

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        try:
            return getattr(_Module(self._channel), name)
        except AttributeError as exc:
            if not isinstance(exc, RemoteError) or exc.frames:
                raise
            kind = "class" if name[:1].isupper() else "function"
            raise MissingName(f"{self._shown} has no {kind} {name} - was it renamed or "
                              "deleted?") from None

    def __repr__(self) -> str:
        return f"<exercise {self._shown}>"

    def namespace(self, **attributes: Any) -> Remote:
        """A types.SimpleNamespace with these attributes, made in the learner's process."""
        return self._channel.request("namespace", attributes=attributes)

    @contextlib.contextmanager
    def observe(self) -> Iterator[Observed]:
        """Collect the warnings, printed text and global-random use of the block's calls."""
        seen = Observed()
        self._channel.observers.append(seen)
        try:
            yield seen
        finally:
            self._channel.observers.remove(seen)


class _Module(Remote):
    """Handle 0: the exercise module itself, in whatever child is current."""

    __slots__ = ()

    def __init__(self, channel: Channel) -> None:
        super().__init__(channel, 0, "module", False)

