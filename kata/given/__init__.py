"""Code a later exercise is given from earlier ones, from one source.

Exercise 08 starts with `from kata.given.ex04_dense import Dense`: "exercise 04's Dense,
already written". Nothing is copied by hand; which file that import reads depends on the
hand-out (and is the same for every exercise that asks):

    reference   exercise 04's reference solution: solutions/ex04_dense.py beside the
                kata, or in an open hand-out kata/given/ex04_dense.py, which
                `nox -s handout` writes from it. The default wherever a reference exists.
    own         the learner's own exercises/ex04_dense.py (the tree under test): the
                sealed hand-out, which ships no reference, or KATA_GIVEN=own.
    own:a,b     the learner's own for the modules named, the reference for the rest
                (`nox -s train` uses the learner's own wherever that exercise is done).

The tree under test is KATA_TREE (a folder; `exercises` by default). When the learner's
own earlier exercise is unfinished, its NotImplementedError surfaces in the later one,
and the grader says which exercise to finish first.
"""

from __future__ import annotations

import functools
import importlib
import importlib.abc
import importlib.util
import os
import sys
from collections.abc import Collection
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PREFIX = __name__ + "."


def tree() -> Path:
    """The folder of the modules under test: KATA_TREE, or exercises/."""
    folder = Path(os.environ.get("KATA_TREE") or "exercises")
    return folder if folder.is_absolute() else ROOT / folder


def reference(module: str) -> Path | None:
    """The reference source of `module`, or None where none ships (a sealed hand-out)."""
    for path in (HERE / f"{module}.py", ROOT / "solutions" / f"{module}.py"):
        if path.is_file():
            return path
    return None


def source(module: str) -> tuple[Path, str]:
    """(file, "reference" or "own") that `kata.given.<module>` is loaded from."""
    mode = os.environ.get("KATA_GIVEN", "")
    own = mode == "own" or (mode.startswith("own:") and module in mode[4:].split(","))
    found = None if own else reference(module)
    if found is not None:
        return found, "reference"
    return tree() / f"{module}.py", "own"


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: object = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if not fullname.startswith(PREFIX) or "." in fullname[len(PREFIX):]:
            return None
        module = fullname[len(PREFIX):]
        file, _ = source(module)
        if not file.is_file():
            raise ModuleNotFoundError(
                f"{module}.py is given to this exercise from an earlier one, but "
                f"{file.parent.name}/{module}.py is missing: `nox -s reset -- {module[2:4]}` "
                "brings its stub back.", name=fullname)
        return importlib.util.spec_from_file_location(fullname, file)


if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
    sys.meta_path.insert(0, _Finder())


def preload(skip: Collection[str] = ()) -> list[str]:
    """Import now every module that `kata.given` hands out from a reference, but those in
    `skip`: the fork server does this, so that each learner process it forks has them
    already (kata.learner.child.zygote). Never the learner's own (KATA_GIVEN=own): only
    trusted code runs here. Returns the modules imported by this call, in exercise order."""
    loaded = []
    for module in _exercise_modules():
        if module in skip or PREFIX + module in sys.modules:
            continue
        if reference(module) is not None and source(module)[1] == "reference":
            importlib.import_module(PREFIX + module)
            loaded.append(module)
    return loaded


@functools.cache
def _exercise_modules() -> tuple[str, ...]:
    from kata.manifest import load

    return tuple(exercise.module for exercise in load().exercises)
