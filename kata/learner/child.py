"""The learner's side of sealed grading: one process that holds one exercise module.

The judge (the specs, in pytest) starts this process, sends it requests over a pipe and
reads replies from another; `kata.wire` carries values only. Learner objects stay here
behind numbered handles. Each request runs with NumPy's error state reset to its
defaults, warnings recorded, and print() captured (bounded); each reply says what came
back or what was raised (type, bounded message, the learner's own frames), which of the
judge's arguments the call changed in place, and whether NumPy's global random state moved.

The process is disposable: whatever the learner's code does to it (patching modules,
threads, floods of output, os._exit) ends with it, and the judge ends it, and everything
it started, when the exercise has been judged. Where Linux allows (kata.learner.confine),
it changes files only in its judge's pytest folder, so nothing it does reaches a later run,
and starts no process.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import gc
import io
import linecache
import os
import sys
import tempfile
import traceback
import types
import warnings
import weakref
from pathlib import Path
from typing import Any

from kata import wire
from kata.learner import answers, confine
from kata.processes import become_subreaper, end_children

MESSAGE_LIMIT = 2000  # characters of an exception message
PRINT_LIMIT = 16_000  # characters of print() output kept per exercise
KEPT_LIMIT = 2000  # arrays and generators watched for later in-place changes
_confined = False  # whether this process may change files only in its own folders
_single = False  # whether this process may not start processes


class Captured(io.TextIOBase):
    """sys.stdout and sys.stderr of the child: keeps the first PRINT_LIMIT characters."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0
        self.dropped = 0
        self.since = 0  # index in `kept` where the current request's output starts

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = PRINT_LIMIT - self.size
        if room > 0:
            self.kept.append(text[:room])
            self.size += min(len(text), room)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    @property
    def buffer(self) -> _Bytes:
        """sys.stdout.buffer.write(b"...") is kept as text, as print's is."""
        return _Bytes(self)

    @property
    def encoding(self) -> str:
        return "utf-8"

    def take(self) -> str:
        text = "".join(self.kept[self.since:])
        self.since = len(self.kept)
        if self.dropped:
            text += f"\n... ({self.dropped} more characters not kept)"
            self.dropped = 0
        return text


class _Bytes(io.RawIOBase):
    """The binary side of a Captured stream: bytes written are decoded and kept there."""

    def __init__(self, text: Captured) -> None:
        self.text = text

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.text.write(data.decode("utf-8", "replace"))
        return len(data)


def _bounded(text: str, limit: int = MESSAGE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"... ({len(text) - limit} more characters cut)"


def describe(exc: BaseException, learner_files: set[str]) -> dict:
    """What crosses to the judge about an exception: no object, only words and numbers."""
    from kata.learner import loader  # (imported already: it loaded the exercise)

    try:
        message = str(exc)
        if not isinstance(message, str):
            message = f"(its __str__ returned a {type(message).__name__})"
    except BaseException as inner:  # noqa: BLE001 - a learner's broken __str__
        message = f"(its message could not be shown: __str__ raised {type(inner).__name__})"
    earlier = getattr(exc, "name", None) or ""
    if isinstance(exc, ModuleNotFoundError) and earlier[:2] == "ex" and earlier[2:4].isdigit():
        message += (f" - earlier exercises come from kata.given: `from kata.given.{earlier} "
                    "import ...` (your own code once that exercise is done)")
    elif advice := loader.waiting_for_a_person(exc):
        message += advice
    elif _single and isinstance(exc, PermissionError) and exc.errno == errno.EPERM:
        message += (" - while it is graded, your code may not start other processes "
                    "(fork, subprocess, os.system), open sockets or memory files "
                    "(os.memfd_create); threads are fine")
    elif _single and isinstance(exc, OSError) and exc.errno == errno.EROFS:
        message += (" - while it is graded, your code may not change a file's permissions, "
                    "owner or times (chmod, chown, utime, shutil.copy's copymode), nor "
                    "truncate a file it has not opened for writing")
    elif isinstance(exc, PermissionError) and exc.filename is not None and \
            answers.is_closed(os.fsdecode(exc.filename)):
        message += (" - that is a reference answer, or gives one away: while this exercise "
                    "is graded, the answers from it on are closed")
    elif _confined and isinstance(exc, PermissionError) and exc.filename is not None:
        message += (" - while it is graded, your code may change files only where the specs "
                    "tell it to save (and in tempfile's folder)")
    frames = []
    for frame, line in traceback.walk_tb(exc.__traceback__):
        code = frame.f_code
        path = _realpath(code.co_filename)
        if path in learner_files or os.path.dirname(path) in learner_files:
            text = linecache.getline(code.co_filename, line or 0)
            frames.append({"file": _shown(path), "line": line or 0,
                           "code": _bounded(text.strip(), 200), "function": code.co_name})
    return {"type": type(exc).__name__[:100],
            "bases": [k.__name__ for k in type(exc).__mro__ if k.__module__ == "builtins"],
            "message": _bounded(message), "frames": frames[-20:]}


_realpath = functools.lru_cache(maxsize=256)(os.path.realpath)


@functools.lru_cache(maxsize=256)
def _shown(path: str) -> str:
    from kata.manifest import ROOT

    try:
        return Path(path).relative_to(ROOT).as_posix()
    except ValueError:
        return path


def _random_state() -> Any:
    """A fingerprint of NumPy's global random state (None before NumPy is imported)."""
    np = sys.modules.get("numpy")
    if np is None:
        return None
    try:  # MT19937's key and position, read in place: get_state() costs 0.5 ms a call
        bit_generator = np.random.mtrand._rand._bit_generator
        return ctypes.string_at(bit_generator.ctypes.state_address, 624 * 4 + 4)
    except (AttributeError, TypeError, ValueError):
        return repr(np.random.get_state(legacy=False))


class _Held:
    """A strong reference to a generator (which takes no weak ones) that acts like a weak
    one: once the learner's code holds it no more, calling this gives None."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __call__(self) -> Any:
        # References: this slot and getrefcount's argument. More means the learner's too.
        if self.value is not None and sys.getrefcount(self.value) <= 2:
            self.value = None
        return self.value


class Server:
    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}
        self.handle_of: dict[int, int] = {}  # id(obj) -> handle number; 0 is the module
        self.next_number = 1
        # token -> (a way back to the object, its snapshot): arrays weakly, generators
        # (which take no weak references) strongly; this process lives for one exercise.
        self.kept: dict[int, tuple[Any, Any]] = {}
        self.learner_files: set[str] = set()
        self.output = Captured()

    # ------------------------------------------------------------- values and handles

    def _handle(self, obj: Any) -> dict:
        key = id(obj)
        number = self.handle_of.get(key)
        if number is None or self.objects.get(number) is not obj:
            number = self.next_number
            self.next_number += 1
            self.objects[number] = obj
            self.handle_of[key] = number
        return {"$": "handle", "id": number, "type": type(obj).__name__[:100],
                "callable": callable(obj)}

    def _object(self, tree: dict) -> Any:
        try:
            return self.objects[tree["id"]]
        except KeyError:
            raise wire.WireError("a handle to an object this process does not have") from None

    def _snapshot(self, value: Any) -> Any:
        """Something equal to a later snapshot exactly when the value has not changed."""
        np = sys.modules.get("numpy")
        if np is not None and isinstance(value, np.ndarray):
            return value.dtype.str, value.shape, value.tobytes()
        if np is not None and isinstance(value, np.random.Generator):
            return repr(value.bit_generator.state)
        encoder = wire.Encoder(handle=self._handle)
        return wire.pack({"v": encoder.encode(value)}, encoder.buffers)

    # ------------------------------------------------------------- requests

    def serve(self, header: dict, buffers: list[bytes]) -> bytes:
        arguments: dict[int, Any] = {}
        decoder = wire.Decoder(buffers, handle=self._object,
                               token=lambda t, v: arguments.__setitem__(t, v))
        try:
            op = header.get("op")
            request = decoder.decode(header.get("request"))
        except wire.WireError as exc:
            return self._reply({"error": {"type": "KataWireError", "bases": [],
                                          "message": str(exc), "frames": []}})
        snapshots = {t: self._snapshot(v) for t, v in arguments.items()}
        np = sys.modules.get("numpy")
        if np is not None:  # a fresh global state each call: a fixed np.random.seed() shows too
            np.random.seed(int.from_bytes(os.urandom(4), "little"))
        random_before = _random_state()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if np is not None:  # the learner's np.seterr elsewhere must not change this call
                np.seterr(divide="warn", over="warn", under="ignore", invalid="warn")
            try:
                outcome = {"ok": self._run(op, request)}
            except BaseException as exc:  # noqa: BLE001 - everything the learner can raise
                outcome = {"error": describe(exc, self.learner_files)}
        outcome["warnings"] = [_bounded(f"{w.category.__name__}: {w.message}", 300)
                               for w in caught[:20]]
        outcome["random"] = _random_state() != random_before
        outcome["printed"] = self.output.take()
        outcome["changed"] = self._changes(arguments, snapshots)
        return self._reply(outcome)

    def _changes(self, arguments: dict[int, Any], snapshots: dict[int, bytes]) -> list:
        np = sys.modules.get("numpy")
        changed = []
        for token, value in arguments.items():
            if self._snapshot(value) != snapshots[token]:
                changed.append((token, value))
            keepable = np is not None and isinstance(value, (np.ndarray, np.random.Generator))
            if keepable and len(self.kept) < KEPT_LIMIT:
                ref = weakref.ref(value) if isinstance(value, np.ndarray) else _Held(value)
                self.kept[token] = (ref, self._snapshot(value))
        for token, (ref, before) in list(self.kept.items()):
            value = ref()
            if value is None:
                del self.kept[token]
            elif token not in arguments:
                after = self._snapshot(value)
                if after != before:
                    changed.append((token, value))
                    self.kept[token] = (ref, after)
        return changed

    def _reply(self, outcome: dict) -> bytes:
        encoder = wire.Encoder(handle=self._handle)
        changed = outcome.pop("changed", [])
        try:
            value = encoder.encode(outcome.pop("ok")) if "ok" in outcome else None
            changes = [[token, encoder.encode(v)] for token, v in changed]
        except BaseException as exc:  # noqa: BLE001 - a learner value whose encoding broke
            encoder = wire.Encoder(handle=self._handle)
            value, changes = None, []
            outcome["error"] = describe(exc, self.learner_files)
        size = sum(len(b) for b in encoder.buffers)
        if size > wire.MAX_FRAME:  # the judge would refuse it: say why instead
            encoder = wire.Encoder(handle=self._handle)
            value, changes = None, []
            outcome["error"] = {
                "type": "ValueError",
                "bases": ["ValueError", "Exception", "BaseException", "object"],
                "message": f"your code returned {size >> 20} MB of data, more than the "
                           f"{wire.MAX_FRAME >> 20} MB a result may hold: is an array much "
                           "bigger than it should be?", "frames": []}
        if "error" not in outcome:
            outcome["value"] = value
        outcome["changed"] = changes
        packed = wire.pack(outcome, encoder.buffers)
        header = len(packed) - 8 - size
        if header > wire.MAX_HEADER:  # numbers and lists, not arrays: the judge would refuse it
            outcome.pop("value", None)
            outcome["changed"] = []
            outcome["error"] = {
                "type": "ValueError",
                "bases": ["ValueError", "Exception", "BaseException", "object"],
                "message": f"your code returned {header >> 20} MB of Python numbers and "
                           f"lists, more than the {wire.MAX_HEADER >> 20} MB a result may hold: "
                           "is a list much longer than it should be? (An array crosses as "
                           "it is: return it, not its .tolist().)", "frames": []}
            packed = wire.pack(outcome, [])
        return packed

    def _run(self, op: str, request: dict) -> Any:
        if op == "load":
            return self._load(**request)
        if op == "namespace":
            return types.SimpleNamespace(**request["attributes"])
        target = request.get("target")
        if op == "getattr":
            return getattr(target, request["name"])
        if op == "setattr":
            setattr(target, request["name"], request["value"])
            return None
        if op == "delattr":
            delattr(target, request["name"])
            return None
        if op == "call":
            return target(*request["args"], **request["kwargs"])
        if op == "callmethod":
            return getattr(target, request["name"])(*request["args"], **request["kwargs"])
        if op == "getitem":
            return target[request["key"]]
        if op == "setitem":
            target[request["key"]] = request["value"]
            return None
        if op == "len":
            return len(target)
        if op == "iter":
            return list(target)
        if op == "bool":
            return bool(target)
        if op == "repr":
            return _bounded(repr(target), 300)
        if op == "str":
            return _bounded(str(target), MESSAGE_LIMIT)
        raise ValueError(f"unknown request {op!r}")

    def _load(self, path: str, name: str, bare_metal: bool, closed: list[str],
              judge_folder: str = "", given: str = "") -> Any:
        from kata.learner import loader

        tree = os.path.realpath(os.path.dirname(path))
        self.learner_files = {os.path.realpath(path), tree}
        os.environ["KATA_TREE"] = tree  # kata.given: the learner's own earlier modules
        answers.close(closed, tree, path, trusted=_random_state,
                      readable=[judge_folder] if judge_folder else [])
        try:
            module = loader.load_exercise(given or path, name, bare_metal=bare_metal)
        except loader.ExerciseBroken as exc:
            return {"broken": str(exc), "where": exc.where}
        except loader.NotBareMetal as exc:
            return {"not_bare_metal": str(exc)}
        self.objects[0] = module
        self.handle_of[id(module)] = 0
        return {"loaded": True}


def main() -> None:
    global _confined, _single
    sys.dont_write_bytecode = True  # whatever the learner's code imports leaves no file
    folder = os.environ.get("KATA_LEARNER_FOLDER", "")
    _confined = confine.confine_writes(*([folder] if folder else []), files=[os.devnull])
    _single = confine.forbid_processes_and_metadata()
    requests, replies = os.dup(0), os.dup(1)  # the channel; fds 0-2 go nowhere
    if os.environ.get("KATA_WARM"):  # started ahead of its exercise: get NumPy ready
        try:
            import numpy.random  # noqa: F401 - see zygote()
        except ImportError:
            pass
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    server = Server()
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the process' life
    sys.stdout = sys.stderr = server.output
    sys.argv = ["exercise"]
    sys.breakpointhook = lambda *args, **kwargs: None  # a breakpoint() left in: carry on
    while True:
        try:
            header, buffers = wire.read_frame(requests)
        except (EOFError, wire.WireError, OSError):
            os._exit(0)
        try:
            reply = server.serve(header, buffers)
        except BaseException as exc:  # noqa: BLE001 - the server must answer, whatever happened
            reply = wire.pack({"error": {"type": "KataChildError", "bases": [],
                                         "message": f"{type(exc).__name__}: {exc}",
                                         "frames": []}, "changed": []}, [])
        wire.write_frame(replies, reply)


def zygote(fd: int, memory_mb: int, file_mb: int) -> None:
    """A fork server: NumPy and the kata imported once, then one forked learner process per
    exercise, each in a session of its own with its limits, instead of a new interpreter
    each time. It ends the learner processes (and their orphans: it is their subreaper)
    when asked, and everything when the judge that started it goes away.

    The references later exercises are given (kata.given) it imports as it goes, before
    each fork, and only those the new learner process may have: the exercise graded and
    later ones are closed to it (kata.learner.answers), and a process forked from a
    server that had imported one would hold it in its memory, if only freed. A judge grades
    its exercises in order, so this server imports each reference once; asked for a
    process that may not have one it holds already, it answers "stale" and is replaced."""
    import socket

    # numpy.random too: NumPy imports it lazily, and every request reseeds it (Server.serve),
    # so each learner process would import it again, 20-30 ms, before its first answer.
    import numpy.random  # noqa: F401 - what every learner process would import again

    from kata import given
    from kata.learner import loader  # noqa: F401

    # What is here now stays for good: each learner process collects only what comes after,
    # which is quick. So after each reference imported below.
    gc.collect()
    gc.freeze()

    def ready_for(closed: set[str]) -> bool:
        """Import the references the next learner process may have; False when this server
        holds one it may not."""
        def held() -> set[str]:
            return {name[len(given.PREFIX):] for name in sys.modules
                    if name.startswith(given.PREFIX)}

        if held() & closed:
            return False
        try:
            if given.preload(skip=closed):
                gc.collect()
                gc.freeze()
        except Exception:  # noqa: BLE001, S110 - each learner process imports it itself
            pass
        return not held() & closed

    become_subreaper()
    link = socket.socket(fileno=fd)
    exits: dict[int, int] = {}

    def reap() -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            exits[pid] = os.waitstatus_to_exitcode(status)

    def end_all() -> None:
        end_children(exits=exits)
        reap()

    while True:
        try:
            message, fds, _, _ = socket.recv_fds(link, 1 << 16, 2)
        except OSError:
            message, fds = b"", []
        if not message:  # the judge is gone
            end_all()
            os._exit(0)
        number, _, message = message.partition(b" ")  # each answer repeats its question's
        words = message.split() or [b""]
        if words[0] == b"fork" and len(fds) == 2 and len(words) >= 2:
            # "fork CLOSED FOLDER": the modules whose references are closed to this learner
            # process ("-": none), and where it may change files (its TMPDIR)
            closed = set(words[1].decode(errors="replace").split(",")) - {"-"}
            if not ready_for(closed):
                for extra in fds:
                    os.close(extra)
                link.send(number + b" stale")
                continue
            pid = os.fork()
            if pid == 0:
                link.close()
                folder = os.fsdecode(message.split(b" ", 2)[2] if len(words) > 2 else b"")
                os.environ["KATA_LEARNER_FOLDER"] = folder
                if folder:
                    tempfile.tempdir = os.environ["TMPDIR"] = folder
                os.setsid()
                try:
                    import resource

                    for limit, megabytes in ((resource.RLIMIT_AS, memory_mb),
                                             (resource.RLIMIT_FSIZE, file_mb)):
                        resource.setrlimit(limit, (megabytes << 20, megabytes << 20))
                    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                except (ImportError, ValueError, OSError):
                    pass
                os.dup2(fds[0], 0)
                os.dup2(fds[1], 1)
                for extra in fds:
                    os.close(extra)
                try:
                    main()
                finally:
                    os._exit(0)
            for extra in fds:
                os.close(extra)
            link.send(b"%s %d" % (number, pid))
        elif words[0] == b"poll" and len(words) == 2:
            reap()
            code = exits.get(int(words[1]))
            link.send(number + (b" none" if code is None else b" %d" % code))
        elif words[0] == b"end":  # "end [pid]": end everything, say how pid ended
            end_all()
            code = exits.get(int(words[1])) if len(words) == 2 else None
            link.send(number + (b" none" if code is None else b" %d" % code))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--zygote":
        zygote(*map(int, sys.argv[2:]))
    main()
