"""How the grader shares spec files between its judges, and what it remembers for that."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.judge import grade as grading
from kata.judge import runner
from kata.judge.runner import START_DELAY, Run, head_starts, shares

FILES = [f"tests/test_ex{n:02d}.py" for n in range(1, 7)]


def test_the_longest_file_gets_a_judge_of_its_own():
    estimates = dict.fromkeys(FILES, 0.2) | {"tests/test_ex03.py": 3.0}
    assert shares(FILES, 2, estimates) == [["tests/test_ex03.py"],
                                           [f for f in FILES if f != "tests/test_ex03.py"]]


def test_without_estimates_the_files_are_shared_evenly_in_order():
    assert shares(FILES, 2) == [FILES[0::2], FILES[1::2]]
    assert shares(FILES, 3) == [FILES[0::3], FILES[1::3], FILES[2::3]]


def test_a_file_without_an_estimate_counts_as_the_mean():
    estimates = {"tests/test_ex01.py": 1.0, "tests/test_ex02.py": 1.0, "elsewhere.py": 50.0}
    loads = [len(share) for share in shares(FILES[:4], 2, estimates)]
    assert loads == [2, 2]


def test_every_file_once_and_no_empty_share():
    assert shares(FILES[:1], 2) == [FILES[:1]]
    assert shares([], 2) == [[]]
    together = shares(FILES, 2, {f: float(i) for i, f in enumerate(FILES)})
    assert sorted(f for share in together for f in share) == sorted(FILES)
    assert abs(sum(i for i, f in enumerate(FILES) if f in together[0]) - 7.5) <= 1.5


@pytest.fixture
def kata_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from kata import manifest as manifest_module

    for module in (grading, manifest_module):  # grading's memory, and how it names trees
        monkeypatch.setattr(module, "ROOT", tmp_path)
    (tmp_path / "exercises").mkdir()
    return tmp_path


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"exercises": [3]}',
                                     '{"exercises": {"a.py": "slow", "b.py": -1, "c.py": 1e400}}',
                                     "[" * 100_000])
def test_a_damaged_memory_of_durations_is_no_memory(kata_root, content):
    (kata_root / ".kata").mkdir()
    (kata_root / grading.DURATIONS).write_text(content)
    assert all(not files for files in grading._durations().values())


def test_durations_are_remembered_only_for_the_katas_own_trees(kata_root, tmp_path_factory):
    assert grading._tree_key(str(kata_root / "exercises")) == "exercises"
    assert grading._tree_key("solutions") == "solutions"
    assert grading._tree_key(str(tmp_path_factory.mktemp("class") / "ada")) is None
    run = Run(durations={"tests/test_ex01.py": 0.12345})
    grading._remember_durations({"solutions": {"tests/test_ex02.py": 1.0}}, "exercises", run)
    saved = json.loads((kata_root / grading.DURATIONS).read_text())
    assert saved == {"solutions": {"tests/test_ex02.py": 1.0},
                     "exercises": {"tests/test_ex01.py": 0.123}}
    assert grading._durations() == saved


@pytest.mark.parametrize("tree", ["exercises", str(grading.ROOT / "exercises")],
                         ids=["relative", "absolute"])
def test_a_judge_started_ahead_is_the_one_grading_uses(monkeypatch, tree):
    """nox -s watch grades with tree=ROOT/exercises; its warm judge must match that."""
    from kata import manifest as manifest_module

    seen = {}

    class Started:
        def __init__(self, python: str, spec_files: list[str], args: list[str]) -> None:
            seen["ahead"] = (python, args)

    def run_specs(python: str, spec_files: list[str], args: list[str], **_: object) -> Run:
        seen["graded"] = (python, args)
        return Run()

    monkeypatch.setattr(grading, "WarmJudge", Started)
    monkeypatch.setattr(grading, "run_specs", run_specs)
    monkeypatch.setattr(grading, "_remember_durations", lambda *_: None)
    manifest = manifest_module.load()
    grading.warm_judge(manifest)
    grading.grade(manifest, manifest.exercises[:1], tree=tree)
    assert seen["ahead"] == seen["graded"]


def test_a_judge_with_time_to_spare_lets_the_longest_start_alone():
    estimates = dict.fromkeys(FILES, 0.2) | {"tests/test_ex03.py": 3.0}
    parts = shares(FILES, 2, estimates)
    assert head_starts(parts, estimates) == [0.0, START_DELAY]
    balanced = shares(FILES, 2, dict.fromkeys(FILES, 0.5))
    assert head_starts(balanced, dict.fromkeys(FILES, 0.5)) == [0.0, 0.0]
    assert head_starts(shares(FILES, 2)) == [0.0, 0.0]
    assert head_starts([[]]) == [0.0]


def test_files_an_earlier_exercise_left_are_not_charged_to_the_running_one(monkeypatch,
                                                                          tmp_path):
    """A judge's learner processes share its pytest folder: what exercise 02's left there
    (1,998 files of the 2,000 allowed) was counted when exercise 17 saved its models in
    the same judge, and exercise 17, correct, was stopped as the one filling the disk.
    Only what changed since the running spec file started counts."""
    import time

    monkeypatch.setattr(runner, "FILES_LIMIT", 2000)
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(1998):
        (notes / f"n{i}").touch()
    time.sleep(0.05)
    since = time.time()
    time.sleep(0.05)
    for i in range(10):  # exercise 17's saves
        (tmp_path / f"model{i}.npz").write_bytes(b"saved")
    disk = runner.DiskWatch(tmp_path)
    disk.space = disk.files = 1 << 62  # as if the disk had lost more than the bound
    assert not disk.flooded(tmp_path, since)
    disk.measured = 0.0
    assert disk.flooded(tmp_path), "everything in the folder counts from the run's start"
