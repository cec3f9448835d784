"""Load an exercise module from a file, turning every way it can fail into one sentence.

Learner code is untrusted and unfinished: a syntax error, an exception at import, a
`sys.exit()` or a forbidden import must fail that exercise's specs with a message that
says what happened and where, and must never stop anything else from running.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import re
import sys
import tokenize
import traceback
from collections.abc import Collection
from pathlib import Path
from types import ModuleType
from typing import Any

from kata.manifest import ROOT, display_path

# Files loaded as exercise modules: the grader looks for the learner's own line in them.
LOADED_FILES: set[str] = set()


class ExerciseBroken(Exception):
    """The exercise module could not be imported at all."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


class NotBareMetal(AssertionError):
    """A Part 1 module imports something outside the standard library."""


def _is_own_package(top: str) -> bool:
    return (ROOT / top).is_dir() or (ROOT / f"{top}.py").is_file()


def foreign_imports(source: str) -> list[tuple[str, int]]:
    """(module, line) of every import that is neither standard library nor the kata's own."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and not _is_own_package(top):
                found.append((name, node.lineno))
    return found


def learner_line(tb: Any, files: Collection[str] = LOADED_FILES) -> str:
    """`exercises/ex02_layer.py:14: <source line>` for the deepest frame in `files`.

    By default `files` are every exercise module loaded so far; "" when none is on `tb`.
    """
    where = ""
    for frame in traceback.extract_tb(tb):
        if frame.filename in files:
            where = f"{display_path(frame.filename)}:{frame.lineno}: {(frame.line or '').strip()}"
    return where


def waiting_for_a_person(exc: BaseException) -> str:
    """What to do about an input() or a pdb.set_trace() left in, which ends in EOFError or
    BdbQuit while graded (at import or in a call: a beginner's line at the top level,
    trying the file out), else ""."""
    if isinstance(exc, EOFError) and "reading a line" in _shown_as(exc):
        return (" - your code called input(), but nobody types while it is graded: "
                "take the input() out (try things in `nox -s play` instead)")
    if type(exc).__name__ == "BdbQuit":
        return (" - pdb.set_trace() stops in the debugger, which cannot run while your "
                "code is graded: take it out (breakpoint() is let through)")
    return ""


def _import_pointer(exc: Exception, path: Path) -> str:
    """For `from ex04_dense import Dense` (or a helper module beside the exercises): how an
    exercise reaches other code, since the exercises' folder is not on the import path."""
    name = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
    if not name:
        return ""
    if re.fullmatch(r"ex\d\d_\w+", name):
        return (f" (an exercise reaches an earlier one's code through kata.given, e.g. "
                f"`from kata.given.{name} import ...`, as the stub's own imports do)")
    if (path.parent / f"{name.split('.')[0]}.py").is_file():
        return (f" (the exercises' folder is not on the import path, so {name}.py beside "
                "them cannot be imported: keep your helpers in the exercise's own file)")
    return ""


def _text_of(raw: bytes, shown: str) -> str:
    """The file's text, as Python reads it: UTF-8 (with an editor's byte-order mark, which
    Python takes too), or the encoding a `# -*- coding: ... -*-` line declares (PEP 263),
    else ExerciseBroken saying how to save it."""
    save = "save it as UTF-8 (in most editors: Save with Encoding, or the encoding shown in "
    save += "the status bar)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\0") > 10:
        raise ExerciseBroken(f"{shown} is saved as UTF-16, not UTF-8: {save}.")
    try:
        declared, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:  # a coding line naming no encoding Python knows
        raise ExerciseBroken(f"{shown}: {exc.msg}: remove its coding line, and {save}.",
                             f"{shown}:1") from None
    utf8 = declared in ("utf-8", "utf-8-sig")
    try:
        return raw.decode("utf-8-sig" if utf8 else declared)
    except LookupError:  # rot13, hex, zlib: codecs Python knows, but of bytes or str alone
        raise ExerciseBroken(f"{shown}: its coding line names {declared}, which is not an "
                             f"encoding of text: remove that line, and {save}.",
                             f"{shown}:1") from None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        said = (f"is not UTF-8 text at line {line} (byte {raw[exc.start]:#04x}): {save}" if utf8
                else f"is not {declared} text at line {line}, as its coding line says: {save} "
                     "(and remove that line)")
        raise ExerciseBroken(f"{shown} {said}.", f"{shown}:{line}") from None


def _shown_as(value: Any, how: Any = str) -> str:
    """str() (or repr()) of a learner's exception or exit code, whose own may raise."""
    try:
        text = how(value)
        return text if isinstance(text, str) else f"(a {type(text).__name__})"
    except Exception as exc:  # noqa: BLE001 - a learner's __str__ or __repr__ that raised
        return f"(which could not be shown: it raised {type(exc).__name__})"


def load_exercise(path: Path | str, name: str, *, bare_metal: bool = False) -> ModuleType:
    """Import the file at `path` as module `name`, afresh, or raise ExerciseBroken."""
    given, path = path, Path(os.path.realpath(path))  # Path.resolve() raises on a loop
    shown = display_path(path)
    if not path.is_file():
        what = ("is not a file you can edit (a folder, a FIFO, a device or a link to one)."
                if path.exists() else
                "is a link that leads to no file (it is missing, or the link loops)."
                if os.path.islink(given) else "is missing - was it renamed or deleted?")
        # the exercise file itself, not where its link leads (display_path follows links)
        shown = f"{display_path(os.path.dirname(os.path.abspath(given)))}/{Path(given).name}"
        raise ExerciseBroken(f"{shown} {what} "
                             f"`nox -s reset -- {name[2:4]}` brings the stub back.")
    source = _text_of(path.read_bytes(), shown)
    try:
        code = compile(source, str(path), "exec")
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte, before Python 3.12
        message = getattr(exc, "msg", None) or str(exc)
        lineno = getattr(exc, "lineno", None)
        if lineno is None:
            raise ExerciseBroken(f"{shown} cannot be read as Python: {message}") from None
        where = f"{shown}:{lineno}: {(getattr(exc, 'text', None) or '').strip()}"
        raise ExerciseBroken(
            f"{shown} has a syntax error at line {lineno}: {message}", where) from None
    except (RecursionError, MemoryError):  # 1+1+...+1 or -(-(...)), thousands deep
        raise ExerciseBroken(f"{shown} is nested too deeply for Python to read: is there an "
                             "expression of thousands of terms or signs (1 + 1 + ... + 1, "
                             "- - ... - 1)?") from None
    if bare_metal:
        for module, lineno in foreign_imports(source):
            raise NotBareMetal(
                f"{shown} imports {module} (line {lineno}), but Part 1 is bare metal: "
                "use plain Python lists and the standard library (math) only.")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    LOADED_FILES.add(str(path))
    sys.modules[name] = module  # dataclasses and pickling look their module up here
    try:
        exec(code, module.__dict__)  # noqa: S102 - the learner's module, in its own process
    except Exception as exc:
        raise ExerciseBroken(
            f"{shown} raised {type(exc).__name__} while being imported: {_shown_as(exc)}"
            f"{_import_pointer(exc, path)}{waiting_for_a_person(exc)}",
            learner_line(exc.__traceback__, {str(path)})) from None
    except SystemExit as exc:
        raise ExerciseBroken(
            f"{shown} called sys.exit({_shown_as(exc.code, repr)}) while being imported; "
            "an exercise module should only define things.",
            learner_line(exc.__traceback__, {str(path)})) from None
    return module
