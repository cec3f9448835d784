"""What the grader prints: the right next step, every failure when asked, colour only on a
terminal, and nothing wider than an 80-column terminal. Also: nox adds no lines of its own
after ours."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kata import manifest
from kata.judge import grade as grading
from kata.judge.runner import Run, SpecResult

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = manifest.load()
ANSI = re.compile(r"\033\[[0-9;]*m")


def graded(ex: manifest.Exercise, passed: int, failed: int = 0, *,
           kind: str = "assertion") -> grading.Graded:
    specs = [SpecResult(f"{ex.spec_path}::test_ok_{i}", "passed") for i in range(passed)]
    specs += [SpecResult(f"{ex.spec_path}::test_bad_{i}", "failed", kind, f"message {i}")
              for i in range(failed)]
    return grading.Graded(ex, specs)


def view(results: list[grading.Graded], **options: object) -> str:
    options.setdefault("colour", False)
    return grading.render(MANIFEST, results, Run(), **options)


def test_one_exercise_done_is_not_every_exercise_done():
    out = view([graded(MANIFEST.find("02"), 5)])
    assert "Every exercise is done" not in out
    assert "Exercise 02 is done." in out and "Run `nox` to grade every exercise" in out
    assert out.splitlines()[-1] == "1/1 exercises done"


def test_every_exercise_done_only_when_every_exercise_was_graded():
    out = view([graded(ex, 3) for ex in MANIFEST.exercises])
    assert "Every exercise is done. Watch your network learn: `nox -s train`" in out
    n = len(MANIFEST.exercises)
    assert out.splitlines()[-1] == f"{n}/{n} exercises done"


def test_one_exercise_graded_by_name_shows_every_failure():
    out = view([graded(MANIFEST.find("05"), 2, 20)], details=True)
    also = [line for line in out.splitlines() if line.startswith("  also failing:")]
    assert len(also) == 19  # all but the first, which is explained above them
    assert "more\n" not in out and "test_bad_19" in out


def test_colour_only_on_a_terminal_unless_asked(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert grading.use_colour(Tty()) and not grading.use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not grading.use_colour(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert grading.use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
    assert not grading.use_colour(io.StringIO())


def test_colour_paints_states_but_never_the_last_line():
    results = [graded(MANIFEST.find("01"), 3), graded(MANIFEST.find("02"), 1, 1)]
    out = view(results, colour=True)
    assert "\033[32m" in out and "\033[33m" in out
    assert out.splitlines()[-1] == "1/2 exercises done"
    assert ANSI.sub("", out) == view(results)


def test_the_view_fits_80_columns_even_with_long_titles():
    long_titles = [manifest.Exercise(f"ex{n:02d}_topic{n}", f"Title number {n} " + "word " * 14,
                                     part=4, hints=()) for n in range(11, 19)]
    exercises = [*MANIFEST.exercises, *long_titles]
    results = [graded(ex, 100, 24) for ex in exercises]
    out = grading.render(manifest.Manifest("t", "t", "0", tuple(exercises)), results, Run(),
                         colour=False)
    widest = max(out.splitlines(), key=len)
    assert len(widest) < 80, widest
    assert "Title number 11 word word" in out and "..." in out
    short = view([graded(ex, 3) for ex in MANIFEST.exercises])
    assert "Backpropagation through one neuron, by the chain rule" in short  # uncut


def test_ellipsize_cuts_at_a_word():
    assert grading.ellipsize("short", 10) == "short"
    assert grading.ellipsize("one two three four", 12) == "one two..."
    assert len(grading.ellipsize("x" * 50, 20)) == 20


@pytest.mark.timeout(120)
@pytest.mark.skipif(shutil.which("nox") is None, reason="needs nox on PATH")
def test_nox_adds_no_uv_line_and_nothing_after_ours(handout):
    done = subprocess.run(["nox", "-s", "reset", "--", "05"], cwd=handout, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "KATA_PYTHON"})
    assert done.returncode == 0, done.stdout
    assert "uv binary not found" not in done.stdout
    assert done.stdout.rstrip().splitlines()[-1] == \
        "exercises/ex05_relu.py is already the pristine stub; nothing to do."


def test_a_blocked_exercise_names_every_earlier_one_it_uses():
    """A sealed hand-out's exercise 08, graded alone, reached only 04, 05 and 06's stubs
    (its specs fail at the first), so the view said "finish exercise 04, 05, 06 first",
    and 07 came up only once those were done. It names what the exercise imports too."""
    backprop = MANIFEST.find("08")
    needs = [SpecResult(f"{backprop.spec_path}::test_needs_{n}", "failed", "needs",
                        f"needs exercise {n} first: this exercise uses your ...")
             for n in ("04", "05", "06")]
    out = " ".join(view([grading.Graded(backprop, needs, path=ROOT / backprop.stub_path)],
                        details=True).split())
    assert "finish exercise 04, 05, 06 first (it uses your exercises 04, 05, 06, 07: each " \
           "must be done)" in out, out
