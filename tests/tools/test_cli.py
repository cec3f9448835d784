"""The commands behind the nox sessions: manifest, stubs, hint, reset, bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kata import manifest
from kata.authoring import stubs
from kata.manifest import KataError

ROOT = Path(__file__).resolve().parents[2]


def kata(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "KATA_PYTHON": sys.executable})


@pytest.mark.parametrize("name", ["01", "1", "ex01", "neuron", "ex01_neuron", "EX01_neuron.py",
                                  "tests/test_ex01_neuron.py"])
def test_an_exercise_has_many_names(name):
    assert manifest.load().find(name).module == "ex01_neuron"


def test_an_unknown_exercise_lists_the_valid_names():
    with pytest.raises(KataError, match=r"no exercise called 'nope'.*01 \(neuron\)"):
        manifest.load().find("nope")


def test_the_manifest_has_every_exercise_in_order():
    found = [ex.number for ex in manifest.load().exercises]
    assert found == sorted(found) and len(found) == len(set(found))


@pytest.mark.parametrize("command", [["hint", "nope"], ["grade", "nope"], ["reset", "99"],
                                     ["solution", "zzz"], ["grade", "--bogus"], ["hint"],
                                     ["grade", "--tree", "no/such/folder"], ["frobnicate"]])
def test_bad_input_is_one_sentence_and_a_non_zero_exit(command):
    done = kata(*command)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_an_unwritable_report_path_is_one_sentence(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    done = kata("grade", "01", "--junit", str(blocker / "junit.xml"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_hint_prints_the_manifest_hint():
    done = kata("hint", "01")
    assert done.returncode == 0
    assert manifest.load().find("01").hint.splitlines()[0] in done.stdout


SOLUTION = '''"""Doc."""

import math


def area(r: float) -> float:
    """Area of a circle."""
    ### BEGIN SOLUTION
    return math.pi * r * r
    ### END SOLUTION


class Shape:
    def grow(self, k: float) -> None:
        """Given code stays."""
        self.k = k
        if k:
            ### BEGIN SOLUTION
            self.k *= 2
            ### END SOLUTION
'''


def test_a_stub_replaces_each_fence_by_a_raise_at_its_indentation():
    stub = stubs.make_stub(SOLUTION)
    assert "math.pi" not in stub and "*= 2" not in stub and "SOLUTION" not in stub
    assert ("    raise NotImplementedError('area() is not written yet: replace this line "
            "with your code')\n") in stub
    assert ("            raise NotImplementedError('Shape.grow() is not written yet: "
            "replace this line with your code')\n") in stub
    assert '"""Given code stays."""' in stub and "self.k = k" in stub
    compile(stub, "stub", "exec")


@pytest.mark.parametrize("broken, message", [
    ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "never closed"),
    ("def f():\n    return 1\n    ### END SOLUTION\n", "without a"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "inside a function"),
    ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n", "inside another"),
])
def test_a_malformed_fence_is_reported_with_its_line(broken, message):
    with pytest.raises(KataError, match=message):
        stubs.make_stub(broken, "solutions/x.py")


def test_reset_backs_up_and_restores_without_solutions(handout):
    stub = handout / "exercises" / "ex01_neuron.py"
    pristine = stub.read_text()
    for attempt in ("first try", "second try"):
        stub.write_text(f"# {attempt}\n")
        done = kata("reset", "01", cwd=handout)
        assert done.returncode == 0, done.stderr
        assert stub.read_text() == pristine
    backups = sorted((handout / ".kata" / "backups").iterdir())
    assert sorted(b.read_text() for b in backups) == ["# first try\n", "# second try\n"]
    done = kata("reset", "01", cwd=handout)
    assert "already the pristine stub" in done.stdout


def test_solution_in_a_handout_says_there_is_none(handout):
    done = kata("solution", "01", "--peek", cwd=handout)
    assert done.returncode != 0
    assert "no solutions/ folder" in done.stderr and "Traceback" not in done.stderr


def test_solution_asks_for_peek_before_the_exercise_is_done():
    done = kata("solution", "01")
    pristine = (ROOT / "exercises" / "ex01_neuron.py").read_text() == stubs.pristine_stub(
        manifest.load(), "ex01_neuron")
    if pristine:
        assert done.returncode == 1 and "--peek" in done.stdout


def test_solution_with_peek_shows_the_diff_and_both_outputs():
    done = kata("solution", "01", "--peek")
    assert done.returncode == 0, done.stderr
    assert "+++ solutions/ex01_neuron.py" in done.stdout or "identical" in done.stdout
    assert ">>> relu(6.0)" in done.stdout and "reference:" in done.stdout
