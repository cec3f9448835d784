"""How every spec finds the module it tests.

The specs run against one tree, chosen by `--tree` (or the KATA_TREE environment
variable): `exercises` (the default, your work), `solutions` (the reference), or any
folder holding exercise modules. The module is imported inside the `ex` fixture, never
at collection, so a broken exercise fails only its own specs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kata import manifest
from kata.learner.loader import ExerciseModule, load_exercise

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
    group.addoption("--tools", action="store_true",
                    help="also collect the grading tools' own tests (tests/tools)")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path == WRONG_ANSWERS:
        return True  # modules under test, not tests
    if collection_path == TESTS / "tools" and not config.getoption("--tools"):
        asked = any(str(TESTS / "tools") in str(Path(arg).resolve()) for arg in config.args)
        return None if asked else True
    return None


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


@pytest.fixture(scope="module")
def ex(request: pytest.FixtureRequest) -> ExerciseModule:
    """The module under test, freshly imported from the chosen tree."""
    exercise = exercise_of(request.path)
    path = getattr(request, "param", None) or tree_folder(request.config) / f"{exercise.module}.py"
    module = load_exercise(path, exercise.module, bare_metal=exercise.part == 1)
    return ExerciseModule(module)
