"""`nox -s verify` and `nox -s bench`: their options, and how verify covers every Python."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kata import manifest
from kata.authoring import verify
from kata.judge.grade import Graded
from kata.judge.runner import Run, SpecResult
from kata.manifest import KataError

ROOT = Path(__file__).resolve().parents[2]


def kata(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "KATA_PYTHON": sys.executable})


@pytest.mark.parametrize("args", [
    ["verify", "--bogus"],
    ["verify", "extra"],
    ["bench", "--bogus"],
    ["bench", "nonsense"],
    ["bench", "training", "extra"],
    ["bench", "--rounds", "0"],
    ["bench", "--rounds", "-3"],
    ["bench", "--rounds", "\u0663"],  # an Arabic-Indic 3: isdigit(), not typed as a number
    ["bench", "--rounds", "1001"],
    ["bench", "training", "--epochs", "9" * 30],  # would never end
    ["bench", "training", "--seed", "9" * 5000],  # more digits than int() reads
    ["bench", "--epochs", "many"],
    ["bench", "grading", "--epochs", "3"],
    ["bench", "grading", "--digits-epochs", "3"],
    ["bench", "training", "--digits-epochs", "0"],
])
def test_a_bad_option_is_one_sentence_and_nothing_runs(args):
    done = kata(*args)
    assert done.returncode == 2
    assert done.stdout == ""  # no check ran, no benchmark started
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"nox -s {args[0]} --: ")
    assert "Traceback" not in done.stderr and len(done.stderr) < 300, done.stderr


def test_the_training_benchmark_takes_the_options_its_help_gives():
    """`--digits-epochs`, in the benchmark's own usage line, was refused as unknown."""
    done = kata("bench", "training", "--epochs", "2", "--digits-epochs", "1", "--rounds", "1")
    assert done.returncode == 0, done.stderr
    assert "Adam, 2 epochs" in done.stdout and "Model.train, 1 epochs" in done.stdout
    assert "disagree" not in done.stdout, done.stdout


# ------------------------------------------------------------------ comparing interpreters

def _graded(outcomes: dict[str, tuple[str, str]]) -> tuple[list[Graded], Run]:
    """A run of exercise 01's specs with the given (outcome, kind) per spec name."""
    ex = manifest.load().find("01")
    run = Run()
    for name, (outcome, kind) in outcomes.items():
        nodeid = f"{ex.spec_path}::{name}"
        run.results[nodeid] = SpecResult(nodeid, outcome, kind, message=f"{name} on {outcome}")
    return [Graded(ex, list(run.results.values()))], run


def test_the_same_verdicts_on_two_pythons_are_no_problem():
    spec = {"test_a": ("passed", ""), "test_b": ("failed", "not_implemented")}
    assert verify.compare_verdicts("stubs", ("3.11", *_graded(spec)),
                                   ("3.12", *_graded(spec))) == []


def test_a_spec_that_fails_on_one_python_only_is_named_with_both_verdicts():
    ours = _graded({"test_a": ("passed", ""), "test_b": ("passed", "")})
    theirs = _graded({"test_a": ("passed", ""), "test_b": ("failed", "assertion")})
    problems = verify.compare_verdicts("solutions", ("3.11", *ours), ("3.12", *theirs))
    assert any("exercise 01 on solutions/ is done on Python 3.11 but in_progress on Python "
               "3.12" in p for p in problems), problems
    assert any("test_b on solutions/: passed (ok) on Python 3.11, failed (assertion) on "
               "Python 3.12" in p for p in problems), problems


def test_a_different_kind_of_failure_is_a_different_verdict():
    ours = _graded({"test_a": ("failed", "not_implemented")})
    theirs = _graded({"test_a": ("failed", "error")})
    problems = verify.compare_verdicts("stubs", ("3.10", *ours), ("3.13", *theirs))
    assert any("the pristine stubs" in p and "(error) on Python 3.13" in p for p in problems)


def test_a_spec_collected_on_one_python_only_is_named():
    ours = _graded({"test_a": ("passed", ""), "test_new": ("passed", "")})
    theirs = _graded({"test_a": ("passed", "")})
    problems = verify.compare_verdicts("solutions", ("3.11", *ours), ("3.12", *theirs))
    assert problems == ["tests/test_ex01_neuron.py::test_new is collected on Python 3.11 only."]


def test_an_example_that_prints_differently_is_named_with_both_prints():
    kata_manifest = manifest.load()
    shown = [list(ex.examples) for ex in kata_manifest.exercises]
    changed = [list(outs) for outs in shown]
    changed[1][0] = "2.8000000000000003"
    assert verify.compare_examples(kata_manifest, ("3.11", shown), ("3.11", shown)) == []
    problems = verify.compare_examples(kata_manifest, ("3.11", shown), ("3.12", changed))
    assert len(problems) == 1
    assert "ex02_layer" in problems[0] and "'2.8000000000000003' on Python 3.12" in problems[0]


def test_the_examples_print_the_same_on_this_python_as_on_the_main_one():
    """What `nox -s solution` shows is computed here; verify compares it across Pythons."""
    kata_manifest = manifest.load()
    shown = verify.solution_examples(verify.Once(), kata_manifest, sys.executable)
    assert [len(outs) for outs in shown] == [len(ex.examples) for ex in kata_manifest.exercises]
    assert shown[1][0] == "2.75"  # dot([1, 2, 3, 2.5], [0.25, 0.75, -0.5, 1.0]): exact


def test_once_computes_each_value_once():
    once, calls = verify.Once(), []
    for _ in range(3):
        assert once.get("key", lambda: calls.append(1) or 42) == 42
    assert calls == [1]


# ------------------------------------------------------------------ which Pythons

SUPPORTED = ["3.10", "3.11", "3.12", "3.13"]


def test_a_missing_python_is_a_note_not_a_failure():
    found = {"3.10": {"python": "/venvs/3.10/bin/python"},
             "3.12": {"missing": "python3.12 is not on PATH"},
             "3.13": {"failed": "setting up .nox/kata-3.13 failed"}}
    pythons, failed, notes = verify.other_pythons(
        "3.11", SUPPORTED, {"KATA_PYTHONS": json.dumps(found)})
    assert pythons == {"3.10": "/venvs/3.10/bin/python"}
    assert failed == {"3.13": "setting up .nox/kata-3.13 failed"}
    assert notes == ["Python 3.12 is not checked: python3.12 is not on PATH."]


def test_without_the_noxfile_only_this_python_is_checked_and_it_says_so():
    pythons, failed, notes = verify.other_pythons("3.11", SUPPORTED, {})
    assert (pythons, failed) == ({}, {})
    assert notes == ["Only Python 3.11 is checked here: `nox -s verify` also checks 3.10, "
                     "3.12, 3.13, each one it finds."]


def test_an_unsupported_python_running_nox_is_still_checked_with_a_note():
    pythons, _, notes = verify.other_pythons("3.14", SUPPORTED, {"KATA_PYTHONS": "{}"})
    assert pythons == {}
    assert notes[0].startswith("Python 3.14 runs the checks but is not among the supported")
    assert len(notes) == 1 + len(SUPPORTED)


def test_a_mangled_list_of_pythons_is_one_sentence():
    with pytest.raises(KataError, match="KATA_PYTHONS"):
        verify.other_pythons("3.11", SUPPORTED, {"KATA_PYTHONS": "[1, 2"})


def test_the_supported_pythons_are_the_classifiers():
    assert verify.supported_pythons() == SUPPORTED


# ------------------------------------------------------------------ the stated range

@pytest.fixture
def stated(tmp_path):
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_readme_requires_python_and_classifiers_agree(stated):
    assert verify.check_python_range(stated) == []


def test_a_readme_that_promises_more_than_is_tested_is_caught(stated):
    _edit(stated / "README.md", "Python 3.10 to 3.13", "Python 3.10 or newer")
    assert verify.check_python_range(stated) == [
        "README.md does not say `Python 3.10 to 3.13`, the Pythons that are tested "
        "(the classifiers in pyproject.toml)."]


def test_a_requires_python_that_disagrees_with_the_classifiers_is_caught(stated):
    _edit(stated / "pyproject.toml", 'requires-python = ">=3.10"', 'requires-python = ">=3.9"')
    assert "requires-python is '>=3.9'" in verify.check_python_range(stated)[0]


def test_a_gap_in_the_classifiers_is_caught(stated):
    _edit(stated / "pyproject.toml", '"Programming Language :: Python :: 3.11",\n', "")
    assert verify.check_python_range(stated) == [
        "the classifiers skip a Python between 3.10 and 3.13."]
