"""How every spec finds the module it tests.

The specs run against one tree, chosen by `--tree` (or the KATA_TREE environment
variable): `exercises` (the default, your work), `solutions` (the reference), or any
folder holding exercise modules. The module never runs in the interpreter that judges
it: the `ex` fixture starts a child process that imports it, and the specs reach it
through a value-only channel (kata.judge.channel; tests/SPECS.md says how to write specs
for it). A broken exercise fails only its own specs, and whatever its code does ends
with its process when the spec file is done.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# In a virtual environment, compiled modules come from its own folder (as for the judges
# `nox` starts: kata.judge.runner.bytecode_folder), never from a __pycache__ folder in the
# kata, where a learner could plant or commit one that stands in for the grader's code.
if sys.pycache_prefix is None and sys.prefix != sys.base_prefix:
    sys.pycache_prefix = str(Path(sys.prefix) / "pycache")

from kata import manifest  # noqa: E402 - after the bytecode folder is chosen
from kata.files import remove_tree
from kata.judge import channel as channel_module
from kata.judge.channel import Channel, Exercise
from kata.manifest import display_path

pytest_plugins = ["kata.judge.pytest_plugin"]

TESTS = Path(__file__).resolve().parent
WRONG_ANSWERS = TESTS / "wrong_answers"
MANIFEST = manifest.load()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption("--tree", default=os.environ.get("KATA_TREE", "exercises"),
                    help="the modules under test: exercises (default), solutions, or a folder")
    group.addoption("--wrong-answers", action="store_true",
                    help="run each spec against the catalogue of wrong answers instead")
    group.addoption("--open-answers", action="store_true",
                    help="let the modules under test load reference answers, as the kata's "
                         "own variants in tests/ do (a learner's tree has them closed)")
    group.addoption("--tools", action="store_true",
                    help="also collect the grading tools' own tests (tests/tools)")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path == WRONG_ANSWERS:
        return True  # modules under test, not tests
    if collection_path == TESTS / "tools" and not config.getoption("--tools"):
        asked = any(str(TESTS / "tools") in str(Path(arg).resolve()) for arg in config.args)
        return None if asked else True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Exercises in their order, whatever order the spec files were named in: the learner
    # processes of a session share its folder, and a later exercise's process may read an
    # earlier exercise's reference. Run first, it could leave that reference there for
    # the earlier exercise's process to hand in (a red team did). In order, a process only
    # ever finds what processes of its own or earlier exercises left. (sort is stable: the
    # specs of a file keep their order, and files that are not an exercise's come first.)
    items.sort(key=lambda item: _exercise_number(item.path))
    # The tools' own tests grade whole trees in child processes: their bound is generous,
    # since a busy machine (two cores, several learners' worth of processes) is slow.
    for item in items:
        if TESTS / "tools" in item.path.parents and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(300))


def _exercise_number(spec_file: Path) -> str:
    name = spec_file.name  # test_exNN_topic.py
    return name[7:9] if name.startswith("test_ex") and name[7:9].isdigit() else ""


def exercise_of(spec_file: str) -> manifest.Exercise:
    return MANIFEST.find(Path(spec_file).stem.removeprefix("test_"))


def tree_folder(config: pytest.Config) -> Path:
    try:
        return manifest.tree_folder(config.getoption("--tree"))
    except manifest.KataError as exc:
        raise pytest.UsageError(f"--tree: {exc}") from None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ex" in metafunc.fixturenames and metafunc.config.getoption("--wrong-answers"):
        exercise = exercise_of(metafunc.definition.path)
        paths = exercise.wrong_answers
        metafunc.parametrize("ex", paths, indirect=True, scope="module",
                             ids=[p.stem for p in paths])


def closed_answers(exercise: manifest.Exercise, config: pytest.Config, tree: Path,
                   variant: Path | None) -> list[str]:
    """The exercises whose reference answers stay closed to the module under test: its
    own and every later one's (kata.learner.answers), unless that module is one of the
    kata's own (the reference, or a variant of it in tests/, which builds on it)."""
    own = variant is not None or config.getoption("--open-answers")
    if own or tree.resolve() == (manifest.ROOT / "solutions").resolve():
        return []
    return [e.module for e in MANIFEST.exercises if e.number >= exercise.number]


@pytest.fixture(scope="module")
def ex(request: pytest.FixtureRequest) -> Iterator[Exercise]:
    """The module under test, imported afresh in a child process of its own."""
    exercise = exercise_of(request.path)
    variant = getattr(request, "param", None)  # a wrong answer from the catalogue
    tree = tree_folder(request.config)
    path = variant or tree / f"{exercise.module}.py"
    channel = Channel(path, exercise.module, bare_metal=exercise.part == 1,
                      closed=closed_answers(exercise, request.config, tree, variant))
    try:
        if channel.load_problem is not None:
            raise channel.load_problem
        yield Exercise(channel, display_path(path))
    finally:
        channel.close()


@pytest.fixture
def judge_path() -> Iterator[Path]:
    """A folder for the files a spec makes for the learner's code to read. Only the judge
    writes in it: learner code may change anything beneath pytest's folder (tmp_path,
    where it saves), so a file the judge wrote there could be a link the learner's code
    planted, leading anywhere. Files the learner's code saved are read with
    kata.judge.expect.read_saved."""
    folder = Path(tempfile.mkdtemp(prefix="made-", dir=channel_module.judge_folder() or None))
    try:
        yield folder
    finally:
        remove_tree(folder)
