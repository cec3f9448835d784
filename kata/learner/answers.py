"""Keep the reference answers closed while a learner's exercise is graded.

Where the reference solutions ship (the maintainers' tree has solutions/, an open
hand-out has kata/given/), a learner's ex05_relu.py could hand in the answer instead of
code of its own: `from solutions.ex05_relu import ReLU`, `from kata.given.ex05_relu
import *`, or exec() of the file's text. While exercise NN is graded in a learner's tree,
`close` shuts the reference of exercise NN and of every later one (earlier ones stay
given, as the exercise expects) in this learner process, for good:

- the process never held them: the fork server imports the references ahead only as far
  as the next learner process may have them (kata.learner.child.zygote), since an object
  dropped and collected stays in freed memory. Should one be imported all the same, it is
  dropped from sys.modules and collected, so that no object of its can be reached;
- the kernel refuses to open their files, their compiled bytecode, the kata's git
  history, its catalogues of right and wrong answers, its data sets (the digits' test
  images, which a model must never have seen), and the folders of other
  learner processes (which may hold a copy one of them could read), whatever the path,
  link or trick (Linux Landlock: kata.learner.confine.confine_reads; seccomp already refuses
  exec, which would start afresh without anything set up here);
- an audit hook (PEP 578) refuses the same imports and opens first, with a message that
  says what was refused and why, and is all there is where Landlock is not (macOS,
  Windows, old kernels): there a determined learner can get round it (ctypes, say).

Copying the text by hand stays possible wherever the text ships (class_report flags a
file that is the reference token for token): only a sealed hand-out, which ships none,
keeps answers from a learner who reads them. No exercise needs anything refused here.
"""

from __future__ import annotations

import gc
import linecache
import os
import sys
from collections.abc import Callable, Collection
from typing import Any

from kata import given
from kata.files import EXERCISE_FOLDER
from kata.learner import confine
from kata.manifest import ROOT, display_path

_closed_paths: set[str] = set()  # what `close` closed: files and folders, real paths


def _prefixes() -> set[str]:
    """The folders where bytecode is kept apart, as <prefix>/<the source's full path>: the
    judges' is the environment's pycache folder (kata.judge.runner.bytecode_folder)."""
    found = {sys.pycache_prefix, os.path.join(sys.prefix, "pycache")} - {None}
    return {os.path.realpath(prefix) for prefix in found if os.path.isdir(prefix)}


def reference_places() -> set[str]:
    """The real folders whose exercise files are reference answers or their bytecode."""
    folders = [os.path.realpath(given.HERE), os.path.realpath(ROOT / "solutions")]
    return {*folders, *(os.path.join(folder, "__pycache__") for folder in folders),
            *(prefix + folder for prefix in _prefixes() for folder in folders)}


def _elsewhere(prefix: str) -> set[str]:
    """What a bytecode folder holds for sources other than Python's, its packages' and this
    kata's: such as the references of another copy of the kata, compiled with the same
    environment. Each entry beside the way down to those that stay."""
    stay = sorted({prefix + os.path.realpath(p) for p in [*sys.path, ROOT] if p})
    stay = [p for i, p in enumerate(stay) if not any(p.startswith(q + os.sep)
                                                     for q in stay[:i])]
    try:
        return confine.beside_the_way(stay, prefix)
    except OSError:  # the environment's own folder, which it can list: not to be guessed at
        return set()


# The kata's data sets: the specs hand the learner's code the data it may use, and test it
# on data it has never seen - which it could otherwise read here (the digits' test images,
# a red team's model trained on them).
DATA = os.path.realpath(ROOT / "kata" / "data")


def closed_paths(modules: Collection[str]) -> set[str]:
    """Every file and folder that holds a reference answer of `modules`, or text that
    gives one away: their sources and compiled bytecode (this kata's, and whatever else a
    bytecode folder keeps), the git history, the kata's catalogues of right and wrong
    answers (in the maintainers' tree)."""
    found = {os.path.realpath(ROOT / part) for part in
             (".git", "tests/right_answers", "tests/wrong_answers")} | {DATA}
    for prefix in _prefixes():
        found |= _elsewhere(prefix)
    for place in reference_places():
        try:
            names = os.listdir(place)
        except OSError:
            continue
        found.update(os.path.join(place, name) for name in names
                     if name.split(".")[0] in modules)
    return found


def beside_own_folder(keep: Collection[str] = ()) -> set[str]:
    """The folders of other learner processes running now or before: each entry beside
    this process' own folder (KATA_LEARNER_FOLDER, a judge's pytest folder) named as it is
    (judge-..., pytest-...), but one that is or holds a path in `keep` (the judge's own
    folder, the learner's tree). The other judge grades a later exercise at the same time,
    and its learner process may read a reference that this one may not: it could leave a
    copy there (a red team did)."""
    own = os.environ.get("KATA_LEARNER_FOLDER", "")
    if not own:
        return set()
    own = os.path.realpath(own)
    parent, name = os.path.split(own)
    others: list[str] = []
    if name.startswith(EXERCISE_FOLDER):  # the other exercises' folders beside it, and what
        try:  # is beside its judge's pytest folder
            with os.scandir(parent) as entries:
                others = [entry.path for entry in entries
                          if entry.name.startswith(EXERCISE_FOLDER) and entry.path != own
                          and entry.is_dir(follow_symlinks=False)]
        except OSError:
            pass
        own = parent
        parent, name = os.path.split(own)
    kind = name.rstrip("0123456789")  # "judge-", "pytest-": a numbered folder of its kind
    if kind == name:  # a folder of the learner's choosing (--basetemp): what is beside is theirs
        return set(others)
    try:
        with os.scandir(parent) as entries:  # folders only: a link (pytest-current) leads
            found = [entry.path for entry in entries  # to one of them, its own maybe
                     if entry.name.startswith(kind) and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return set()
    kept = [own, *(os.path.realpath(path) for path in keep)]
    return {path for path in found
            if not any(_beneath(k, path) for k in kept)} | set(others)


def close(closed: Collection[str], tree: str, exercise_file: str,
          trusted: Callable[..., Any] | None = None, readable: Collection[str] = ()) -> bool:
    """Close the reference answers of the exercise modules named in `closed`; True when
    the kernel enforces it.

    tree: the folder of the learner's own modules; exercise_file: the file under test.
    Both stay readable unless they are a reference themselves (a link to one).
    trusted: a function of the grader's own that may read memory with ctypes.string_at.
    readable: folders beside this process' own that stay readable (its judge's).
    """
    if not closed:
        return False
    closed = frozenset(closed)
    names = {f"{package}.{module}" for module in closed for package in ("kata.given",
                                                                          "solutions")}
    dropped = False
    for name in names:  # gone from sys.modules, and from its package's attributes
        dropped |= sys.modules.pop(name, None) is not None
        package, _, attribute = name.rpartition(".")
        if package in sys.modules:
            sys.modules[package].__dict__.pop(attribute, None)
    linecache.clearcache()
    needed = [*readable, tree, exercise_file, ROOT, sys.prefix, sys.base_prefix]
    _closed_paths.update(closed_paths(closed) | beside_own_folder(needed))
    enforced = confine.confine_reads(_closed_paths)
    confine.forget_libc()  # the functions it looked up would call C with no audit event
    if dropped:
        gc.collect()  # the fork server froze what it had before: this is quick

    answers = {}  # (device, inode) -> the module whose reference answer that file is
    for module in closed:
        for path in (given.HERE / f"{module}.py", ROOT / "solutions" / f"{module}.py"):
            try:
                stat = path.stat()
            except OSError:
                continue
            answers[stat.st_dev, stat.st_ino] = module
    own = {os.path.realpath(tree), os.path.realpath(exercise_file)}
    places = reference_places()
    history = os.path.join(os.path.realpath(ROOT), ".git")
    trusted_code = getattr(trusted, "__code__", None)
    realpath, stat_of = os.path.realpath, os.stat

    def answer_of(real: str) -> str | None:
        """The closed module whose reference the real path `real` is (or holds compiled),
        else None."""
        try:
            stat = stat_of(real)
            module = answers.get((stat.st_dev, stat.st_ino))
            if module is not None:
                return module
        except (OSError, ValueError):
            pass
        folder, name = os.path.split(real)
        if real in own or folder in own or folder not in places:
            return None
        module = name.split(".")[0]
        return module if module in closed else None

    def refuse(event: str, args: tuple) -> None:
        if event == "open":
            path = args[0]
            if isinstance(path, str):
                path = str.__getitem__(path, slice(None))  # a str, not a subclass's tricks
            elif isinstance(path, bytes):
                path = os.fsdecode(bytes.__getitem__(path, slice(None)))
            else:
                return  # a file descriptor: it was opened (and checked) before
            real = realpath(path)
            module = answer_of(real)
            if module is not None:
                raise PermissionError(_answer_closed(module, display_path(path), closed))
            if _beneath(real, history):
                raise PermissionError(
                    f"{display_path(path)} is in the kata's git history, which is closed "
                    "while your code is graded (it holds the reference answers)")
            if _beneath(real, DATA):
                raise PermissionError(
                    f"{display_path(path)} holds the kata's data sets, which are closed while "
                    "your code is graded: each spec gives your code the data it may use, "
                    "and tests it on data it has never seen")
        elif event == "import" and args[0] in names:
            module = args[0].rpartition(".")[2]
            raise PermissionError(_answer_closed(module, args[0], closed))
        elif event.startswith("ctypes."):
            if event == "ctypes.string_at" and trusted_code is not None:
                caller = sys._getframe(2)  # the hook, ctypes.string_at, its caller
                if caller.f_code is trusted_code:
                    return
            raise PermissionError(f"ctypes ({event}) is closed while your code is graded: "
                                  "no exercise needs it")

    sys.addaudithook(refuse)
    return enforced


def _beneath(path: str, folder: str) -> bool:
    """Whether the real path `path` is `folder` or inside it."""
    return path == folder or path.startswith(folder + os.sep)


def is_closed(path: str) -> bool:
    """Whether `path` is (or is beneath) what `close` closed: for the message of a
    PermissionError that the kernel gave where the audit hook was got round."""
    real = os.path.realpath(path)
    return any(_beneath(real, p) for p in _closed_paths)


def _answer_closed(module: str, what: str, closed: frozenset[str]) -> str:
    number, first = module[2:4], min(closed)[2:4]
    return (f"{what} is the reference answer of exercise {number}. While exercise {first} "
            f"is graded, the answers from exercise {first} on are closed: the specs grade "
            f"the code you write. To study it: `nox -s solution -- {number} --peek`.")
