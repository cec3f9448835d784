"""The commands behind the nox sessions: manifest, stubs, hint, reset, bad input."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kata import manifest
from kata.aids import hints
from kata.authoring import stubs
from kata.manifest import KataError

ROOT = Path(__file__).resolve().parents[2]
# Several commands grade every exercise in a child first: on a busy machine that takes a while.
pytestmark = pytest.mark.timeout(120)


def kata(*args: str, cwd: Path = ROOT, input: str | None = None,
         **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, input=input,
                          env={**os.environ, "KATA_PYTHON": sys.executable, **env})


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
                                     ["solution", "zzz"], ["grade", "--bogus"], ["hint", "--bogus"],
                                     ["play", "nope"], ["restore", "nope"],
                                     ["restore", "05", "--pick", "x"], ["watch", "99"],
                                     ["grade", "--tree", "no/such/folder"], ["grade", "--tree", ""],
                                     ["frobnicate"]])
def test_bad_input_is_one_sentence_and_a_non_zero_exit(command):
    done = kata(*command)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize("command", ["hint", "play", "watch", "grade", "reset", "restore",
                                     "solution"])
@pytest.mark.parametrize("name", ["", "  "])
def test_a_blank_exercise_name_is_refused_not_read_as_the_one_you_are_on(command, name):
    """`nox -s hint -- ''` (say, from a script whose variable was empty) names no exercise:
    it is refused as an unknown name is, not taken to mean "the one you are on"."""
    done = kata(command, name, input="")
    assert done.returncode == 2, done.stdout
    assert "name cannot be blank" in done.stderr and "01 (neuron)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_an_unwritable_report_path_is_one_sentence(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    done = kata("grade", "01", "--junit", str(blocker / "junit.xml"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    if sys.platform == "linux":  # a folder nobody can write in, root included: refused first
        done = kata("grade", "01", "--junit", "/proc/1/junit.xml")
        assert done.returncode == 2 and "exercises done" not in done.stdout, done.stdout
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr




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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_reset_and_restore_replace_what_is_no_regular_file_and_never_write_through_it(
        handout, tmp_path):
    """A FIFO would block the write forever, a link would carry it outside the kata, and a
    link to a learner's real file is backed up by its contents, the file itself untouched."""
    folder = handout / "exercises"
    pristine = (folder / "ex01_neuron.py").read_text()
    (folder / "ex01_neuron.py").unlink()
    os.mkfifo(folder / "ex01_neuron.py")
    outside = tmp_path / "outside" / "neuron.py"
    (folder / "ex02_layer.py").unlink()
    (folder / "ex02_layer.py").symlink_to(outside)  # dangling: its folder does not exist
    mine = tmp_path / "mine.py"
    mine.write_text("# my own neuron, kept elsewhere\n")
    (folder / "ex03_neuron_backprop.py").unlink()
    (folder / "ex03_neuron_backprop.py").symlink_to(mine)
    for number in ("01", "02", "03"):
        done = kata("reset", number, cwd=handout)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        if number == "03":  # the learner goes on editing mine.py: tell them it is not graded
            assert "was a link to" in done.stdout and "edit it, not the file" in done.stdout, \
                done.stdout
    assert (folder / "ex01_neuron.py").read_text() == pristine
    assert not outside.parent.exists(), "reset wrote through a link, outside the kata"
    assert not (folder / "ex02_layer.py").is_symlink()
    assert mine.read_text() == "# my own neuron, kept elsewhere\n"
    saved = list((handout / ".kata" / "backups").glob("ex03_neuron_backprop.*.py"))
    assert [b.read_text() for b in saved] == ["# my own neuron, kept elsewhere\n"]
    (folder / "ex03_neuron_backprop.py").unlink()
    os.mkfifo(folder / "ex03_neuron_backprop.py")
    done = kata("restore", "03", "--pick", "1", cwd=handout)
    assert done.returncode == 0, done.stderr
    assert (folder / "ex03_neuron_backprop.py").read_text() == mine.read_text()
    (folder / "ex01_neuron.py").unlink()
    (folder / "ex01_neuron.py").mkdir()
    done = kata("reset", "01", cwd=handout)
    assert done.returncode != 0 and "is a folder, not a file" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


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


# ---------------------------------------------------------------------------- hint ladders

def test_every_exercise_of_parts_1_to_3_has_a_ladder_of_three_levels():
    for ex in manifest.load().exercises[:10]:
        assert len(ex.hints) == 3, ex.module
        assert all(len(line) < 80 for level in ex.hints for line in level.splitlines())


def _solution_lines(ex: manifest.Exercise) -> list[str]:
    """The distinctive lines a learner writes: the solution's fenced lines."""
    lines, inside = [], False
    for line in (ROOT / ex.solution_path).read_text().splitlines():
        if line.strip() in (stubs.BEGIN, stubs.END):
            inside = line.strip() == stubs.BEGIN
        elif inside and len(line.strip()) >= 16 and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


def test_only_the_last_level_of_a_ladder_may_come_near_the_code():
    for ex in manifest.load().exercises[:10]:
        early = "\n".join(ex.hints[:-1])
        near = [line for line in _solution_lines(ex) if line in early]
        assert not near, f"{ex.module}: an early hint level gives away {near}"


def test_a_single_hint_string_is_a_ladder_of_one_level(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.kata.exercises]]\nmodule = "ex11_x"\ntitle = "X"\n'
        'hint = """\nFirst line.\n    an indented formula\n"""\n\n'
        '[[tool.kata.exercises]]\nmodule = "ex12_y"\ntitle = "Y"\nhints = ["a", "b"]\n')
    old, new = manifest.load(tmp_path).exercises
    assert old.hints == ("First line.\n    an indented formula",)
    assert new.hints == ("a", "b") and new.hint == "a\n\nb"
    assert hints.level_name(1, 1) == "Hint"
    assert "Hint:\nFirst line." in hints.render(old, hints.climb(old, root=tmp_path))


@pytest.mark.parametrize("entry, says", [
    ('module = "ex01_a"', "no 'title'"),
    ('title = "A"', "no 'module'"),
    ('module = "ex01_a"\ntitle = "A"\npart = "one"', "invalid literal for int()"),
    ('module = 5\ntitle = "A"', "a value of the wrong kind"),
    ('module = "relu"\ntitle = "A"', "a value of the wrong kind"),
    ('module = "ex01_a"\ntitle = "A"\nexamples = ["f(1)", 2]', "a value of the wrong kind"),
])
def test_an_exercise_entry_that_cannot_be_read_is_one_sentence(tmp_path, entry, says):
    """An instructor's edit of the manifest was a KeyError's traceback from every command."""
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.kata.exercises]]\nmodule = "ex00_ok"\ntitle = "OK"\n\n'
        f"[[tool.kata.exercises]]\n{entry}\n")
    with pytest.raises(KataError, match=r"^Exercise entry 2 of \[tool\.kata\] in pyproject"
                       rf"\.toml cannot be read \({re.escape(says)}"):
        manifest.load(tmp_path)


def test_each_hint_shows_one_more_level_remembered_outside_the_exercise(handout):
    stub = handout / "exercises" / "ex05_relu.py"
    before = stub.read_bytes()
    shown = []
    for _ in range(4):
        done = kata("hint", "05", cwd=handout)
        assert done.returncode == 0, done.stderr
        shown.append(done.stdout)
    assert "Hint 1 of 3, the idea" in shown[0] and "Hint 2 of 3" not in shown[0]
    assert "again shows hint 2 of 3, the formula" in shown[0]
    assert "Hint 2 of 3, the formula" in shown[1] and "Hint 3 of 3" not in shown[1]
    assert "Hint 3 of 3, the shape of the code" in shown[2] and "That is every hint" in shown[2]
    assert shown[3] == shown[2]  # the top of the ladder
    assert "play -- 05" in shown[2]  # a hand-out has no solution to peek at
    assert stub.read_bytes() == before
    assert json.loads((handout / ".kata" / "hints.json").read_text()) == {"ex05_relu": 3}
    assert kata("hint", "05", "--reset", cwd=handout).returncode == 0
    again = kata("hint", "05", cwd=handout).stdout
    assert "Hint 1 of 3" in again and "Hint 2 of 3" not in again
    everything = kata("hint", "relu", "--all", cwd=handout).stdout
    assert all(f"Hint {n} of 3" in everything for n in (1, 2, 3))


def test_hint_without_an_exercise_means_the_one_you_are_on(handout):
    first = kata("hint", cwd=handout)
    assert first.returncode == 0 and "Exercise 01:" in first.stdout, first.stderr
    (handout / "exercises" / "ex01_neuron.py").write_text(
        (ROOT / "solutions" / "ex01_neuron.py").read_text())
    assert "Exercise 02:" in kata("hint", cwd=handout).stdout


# ---------------------------------------------------------------------------- play

SHOW_SCOPE = ("print(sorted(n for n in ('ReLU', 'ex05_relu', 'np', 'spiral_data', "
              "'numerical_gradient', 'reload') if n in globals()))\n"
              "print(ReLU().forward(np.array([[-1.0, 2.0]])).tolist())\n")


def test_play_opens_python_with_your_module_numpy_and_the_data_sets(kata_copy):
    (kata_copy / "exercises" / "ex05_relu.py").write_text(
        (ROOT / "solutions" / "ex05_relu.py").read_text())
    done = kata("play", "05", "--plain", cwd=kata_copy, input=SHOW_SCOPE)
    assert done.returncode == 0, done.stderr
    assert "['ReLU', 'ex05_relu', 'np', 'numerical_gradient', 'reload', 'spiral_data']" \
        in done.stdout
    assert "[[0.0, 2.0]]" in done.stdout
    assert "playing with exercises/ex05_relu.py" in done.stderr  # the banner
    assert "ex05_relu: ReLU" in done.stderr


def test_play_without_an_exercise_opens_the_one_you_are_on(handout):
    done = kata("play", "--plain", cwd=handout, input="print(relu.__module__)\n")
    assert done.returncode == 0, done.stderr
    assert "ex01_neuron" in done.stdout


def test_play_survives_a_module_that_does_not_import_and_reload_picks_up_the_fix(handout):
    stub = handout / "exercises" / "ex05_relu.py"
    good = stub.read_text()
    stub.write_text("def broken(:\n")
    script = (f"open({str(stub)!r}, 'w').write({good!r})\nreload()\n"
              "print('ReLU' in dir())\n")
    done = kata("play", "05", "--plain", cwd=handout, input=script)
    assert done.returncode == 0, done.stderr
    assert "Your module is not loaded" in done.stderr and "syntax error" in done.stderr
    assert "Reloaded exercises/ex05_relu.py: ReLU" in done.stdout
    assert "True" in done.stdout


def test_ctrl_c_in_play_interrupts_the_learners_code_not_the_shell(handout):
    """A learner's loop that never ends is stopped by Ctrl-C, back at the prompt: the shell
    must not inherit an ignored SIGINT from the command that started it."""
    script = ("import os, signal, time\n"
              "try:\n    os.kill(os.getpid(), signal.SIGINT); time.sleep(5)\n"
              "except KeyboardInterrupt:\n    print('interrupted')\n\n"
              "print('still here')\n")
    done = kata("play", "05", "--plain", cwd=handout, input=script)
    assert done.returncode == 0, done.stderr
    assert "interrupted" in done.stdout and "still here" in done.stdout, done.stdout


# ---------------------------------------------------------------------------- reset, restore

def test_reset_of_a_file_that_is_not_utf8_backs_it_up_as_bytes(handout):
    stub = handout / "exercises" / "ex03_neuron_backprop.py"
    pristine = stub.read_bytes()
    stub.write_bytes(b"# caf\xe9 in Latin-1\n\xff\xfe")
    done = kata("reset", "03", cwd=handout)
    assert done.returncode == 0, done.stderr
    assert stub.read_bytes() == pristine
    (saved,) = (handout / ".kata" / "backups").iterdir()
    assert saved.read_bytes() == b"# caf\xe9 in Latin-1\n\xff\xfe"


def test_reset_piped_into_head_is_no_failure(handout):
    stub = handout / "exercises" / "ex02_layer.py"
    pristine = stub.read_text()
    stub.write_text("# mine\n")
    command = f"{sys.executable} -m kata reset 02 | head -c 1 >/dev/null; " \
              "echo status=${PIPESTATUS[0]}"
    done = subprocess.run(["bash", "-c", command], cwd=handout, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "KATA_PYTHON": sys.executable})
    assert "status=0" in done.stdout, done.stdout + done.stderr
    assert done.stderr == ""
    assert stub.read_text() == pristine  # the reset was done before anything was printed


def test_restore_lists_backups_newest_first_and_puts_one_back(handout):
    stub = handout / "exercises" / "ex05_relu.py"
    folder = handout / ".kata" / "backups"
    folder.mkdir(parents=True)
    (folder / "ex05_relu.20261101-090000.py").write_text("# oldest\n")
    (folder / "ex05_relu.20261102-090000.py").write_text("# middle\n")
    (folder / "ex05_relu.20261102-090000-1.py").write_text("# newest\n# two lines\n")
    (folder / "ex06_softmax.20261103-090000.py").write_text("# another exercise\n")
    listed = kata("restore", "05", cwd=handout)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines() if line.startswith("   ")]
    assert [r[:3] for r in rows] == [["1", "2026-11-02", "09:00:00"],
                                     ["2", "2026-11-02", "09:00:00"],
                                     ["3", "2026-11-01", "09:00:00"]]
    assert rows[0][3:5] == ["2", "lines"]
    assert "--pick N" in listed.stdout
    mine = stub.read_text()
    done = kata("restore", "relu", "--pick", "3", cwd=handout)
    assert done.returncode == 0, done.stderr
    assert stub.read_text() == "# oldest\n"
    saved = [p for p in folder.glob("ex05_relu.*.py") if p.read_text() == mine]
    assert len(saved) == 1 and f"saved as .kata/backups/{saved[0].name}" in done.stdout
    assert "(the same as your file now)" in kata("restore", "05", cwd=handout).stdout


def test_restore_pick_1_twice_puts_the_same_version_back(handout):
    """The copy restore makes of the file it replaces is numbered after the versions reset
    saved, so it never becomes the new `--pick 1`; a file a backup already holds is not
    backed up again."""
    stub = handout / "exercises" / "ex05_relu.py"
    folder = handout / ".kata" / "backups"
    stub.write_text("# my first try\n")
    assert kata("reset", "05", cwd=handout).returncode == 0
    stub.write_text("# my second try\n")
    done = kata("restore", "05", "--pick", "1", cwd=handout)
    assert done.returncode == 0, done.stderr
    assert stub.read_text() == "# my first try\n"
    assert "`nox -s restore -- 05 --pick 2` brings it back" in done.stdout, done.stdout
    saved = sorted(p.name for p in folder.iterdir())
    again = kata("restore", "05", "--pick", "1", cwd=handout)
    assert again.returncode == 0, again.stderr
    assert stub.read_text() == "# my first try\n", "a second --pick 1 swapped the files back"
    assert "is already backup 1" in again.stdout and "nothing was changed" in again.stdout
    assert sorted(p.name for p in folder.iterdir()) == saved
    listed = kata("restore", "05", cwd=handout).stdout
    before, after = listed.split("Copies restore made of the file it replaced")
    assert re.search(r"^ +1 .*\(the same as your file now\)$", before, re.M), listed
    assert re.findall(r"^ +(\d+)  \d{4}-", after, re.M) == ["2"], listed
    done = kata("restore", "05", "--pick", "2", cwd=handout)
    assert stub.read_text() == "# my second try\n"
    assert "already backup 1, so no new copy was made" in done.stdout, done.stdout
    assert sorted(p.name for p in folder.iterdir()) == saved


@pytest.mark.parametrize("args, says", [
    (["05"], "no backups of exercise 05"),
    (["05", "--pick", "0"], "no backup 0 of exercise 05"),
    (["05", "--pick", "2"], "no backup 2 of exercise 05"),
    (["05", "--pick", "\u00b2"], "no backup \u00b2 of exercise 05"),  # isdigit(), not a number
    (["05", "--pick", "1_0"], "no backup 1_0 of exercise 05"),
    # more digits than Python reads as an integer at all, shown cut short
    (["05", "--pick", "9" * 5000], "no backup 99999999999999999... of exercise 05"),
    (["05", "--pick="], "--pick needs a backup's number: choose one from 1 to 1"),
    (["05", "--pick", " "], "--pick needs a backup's number: choose one from 1 to 1"),
    (["nope"], "no exercise called 'nope'"),
])
def test_restore_refuses_bad_input_in_one_sentence(handout, args, says):
    if args[-1] != "05" or len(args) > 1:
        backup = handout / ".kata" / "backups" / "ex05_relu.20261101-090000.py"
        backup.parent.mkdir(parents=True)
        backup.write_text("# mine\n")
    done = kata("restore", *args, cwd=handout)
    assert done.returncode == 2
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout


# ---------------------------------------------------------------------------- solution

def test_solution_does_not_count_the_fences_as_differences(kata_copy):
    (kata_copy / "exercises" / "ex05_relu.py").write_text(
        (ROOT / "solutions" / "ex05_relu.py").read_text())
    done = kata("solution", "05", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    assert "is identical to the reference solution" in done.stdout
    assert "SOLUTION" not in done.stdout
    assert "(the same from both)" in done.stdout and "yours" not in done.stdout


def test_solution_shows_different_results_side_by_side(kata_copy):
    stub = kata_copy / "exercises" / "ex01_neuron.py"
    stub.write_text((ROOT / "solutions" / "ex01_neuron.py").read_text().replace(
        "return float(z) if z > 0 else 0.0", "return z"))
    done = kata("solution", "01", "--peek", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    assert ">>> relu(-2.5)   DIFFERENT" in done.stdout
    block = done.stdout.split(">>> relu(-2.5)")[1]
    assert re.search(r"yours\s+\| reference\n\s+-----\s+\| ---------\n\s+-2\.5\s+\| 0\b", block)
    assert "+    return float(z) if z > 0 else 0.0" in done.stdout
    assert "### " not in done.stdout  # only real differences


def test_solution_says_results_differ_even_when_they_print_alike(kata_copy):
    """ReLU with a threshold of 1e-6 turns 1e-9 into 0: both print as 0. at six decimals,
    and "the same from both" would tell the learner nothing; a float32 result prints like
    the reference on the first example, which holds 3.3."""
    mine = kata_copy / "exercises" / "ex05_relu.py"
    text = (kata_copy / "solutions" / "ex05_relu.py").read_text()
    assert "self.output = np.maximum(0.0, inputs)" in text
    mine.write_text(text.replace("self.output = np.maximum(0.0, inputs)",
                                 "self.output = np.where(inputs > 1e-6, inputs, 0.0)"))
    done = kata("solution", "05", "--peek", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.split(">>> ")[1:]
    assert "(the same from both)" in first and "DIFFERENT" not in first
    assert second.startswith("ReLU().forward(np.array([-1e-9, 0.0, 1e-9]))   DIFFERENT\n")
    said = " ".join(second.split())
    assert "array([0., 0., 0.]) (both print like this, but they are not equal beyond the " \
           "digits shown) 1 of 3 numbers differ; the largest difference is 1e-09 at [2]: " \
           "yours 0.0, the reference 1e-09." in said, second
    assert all(len(line) <= 79 for line in second.splitlines()[1:]), second
    mine.write_text(text.replace("self.output = np.maximum(0.0, inputs)",
                                 "self.output = np.maximum(0.0, inputs).astype(np.float32)"))
    done = kata("solution", "05", "--peek", cwd=kata_copy)
    first = " ".join(done.stdout.split(">>> ")[1].split())
    assert "DIFFERENT" in first and "Yours holds float32, the reference's float64." in first
    assert "at [1, 1]: yours 3.299999952316284, the reference 3.3." in first, first


def test_solution_shows_an_integer_where_the_reference_has_a_float(kata_copy):
    """`max(0, z)` returns the integer 0: the spec says "should be a float, got 0", so the
    comparison must not print the reference's 0.0 as `0` and call them the same."""
    stub = kata_copy / "exercises" / "ex01_neuron.py"
    stub.write_text((ROOT / "solutions" / "ex01_neuron.py").read_text().replace(
        "return float(z) if z > 0 else 0.0", "return max(0, z)"))
    done = kata("solution", "01", "--peek", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    calls = done.stdout.split("The same calls on both")[1]
    block = calls.split(">>> relu(-2.5)")[1].split(">>> ")[0]
    assert block.startswith("   DIFFERENT"), block
    assert re.search(r"\n\s+0\s+\| 0\.0\n", block), block
    assert "Yours is an int, the reference's a float." in " ".join(block.split()), block
    same = calls.split(">>> relu(6.0)")[1].split(">>> ")[0]
    assert "6.0" in same and "(the same from both)" in same, same


def test_solution_reads_windows_line_endings_as_line_endings(kata_copy):
    stub = kata_copy / "exercises" / "ex01_neuron.py"
    stub.write_bytes((ROOT / "solutions" / "ex01_neuron.py").read_bytes().replace(
        b"\n", b"\r\n"))
    done = kata("solution", "01", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    assert "is identical to the reference solution" in done.stdout, done.stdout[:2000]
    assert "\\r" not in done.stdout


def test_differences_name_what_differs_and_say_when_it_is_only_rounding():
    from kata.aids.examples import differences, exact
    np = pytest.importorskip("numpy")

    a = np.array([[0.1, 0.2, 0.3]])
    assert differences(exact(a), exact(a.copy())) == []
    assert differences(exact(a), None) is None
    assert differences(exact(a), exact(a.reshape(3))) == [
        "Yours has shape (1, 3), the reference's (3,)."]
    assert differences(exact([1.0, 2.0]), exact((1.0, 2.0))) == [
        "Yours is a list of 2, the reference's a tuple of 2."]
    assert differences(exact({"loss": [1.0]}), exact({"loss": [1.0], "accuracy": [0.5]})) == [
        "Yours has the keys 'loss'; the reference's 'loss', 'accuracy'."]
    (note,) = differences(exact(0.1 + 0.2), exact(0.3))
    assert note.startswith("The difference is 5.55e-17: yours 0.30000000000000004, the "
                           "reference 0.3 (a difference this small is floating-point rounding")
    (note,) = differences(exact((a, np.array([np.nan, 1.0]))),
                          exact((a, np.array([np.nan, 2.0]))))
    assert note == ("1 of 5 numbers differ; the largest difference is 1 at [1][1]: yours 1.0, "
                    "the reference 2.0.")


def test_an_ascii_only_terminal_gets_escapes_not_a_crash(handout):
    """Some Windows consoles and redirections cannot encode "café" or a learner's name."""
    stub = handout / "exercises" / "ex01_neuron.py"
    stub.write_text(stub.read_text().replace(
        'raise NotImplementedError(', 'raise ValueError("café 李雷") or NotImplementedError(', 1))
    done = kata("grade", "01", cwd=handout, PYTHONIOENCODING="ascii")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "caf\\xe9" in done.stdout, done.stdout


def test_solution_shows_a_learners_file_escaped_and_ends_what_it_started(kata_copy):
    """The learner's control characters are shown, not obeyed; a process their code starts,
    or input() waiting for a terminal, does not hold the comparison up."""
    mine = kata_copy / "exercises" / "ex05_relu.py"
    text = (kata_copy / "solutions" / "ex05_relu.py").read_text()
    mine.write_text("# \x1b[2J cleared?\n" + text.replace(
        "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n        import subprocess\n"
        "        subprocess.Popen(['sleep', '1000'])\n", 1))
    done = kata("solution", "05", "--peek", cwd=kata_copy)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "\x1b" not in done.stdout and "\\x1b[2J cleared?" in done.stdout, done.stdout
    assert "did not finish" not in done.stdout


def test_train_trusts_a_report_only_for_exercises_graded_since_they_changed(kata_copy):
    """A report merges runs that graded some exercises only: its file time says nothing of
    the others. Exercise 05 changed after both were graded, then 04 graded alone: 05 is
    graded again, not taken as done."""
    folder = kata_copy / "exercises"
    stub = (folder / "ex05_relu.py").read_text()
    for number in ("04", "05"):
        ex = manifest.load().find(number)
        shutil.copy(kata_copy / ex.solution_path, kata_copy / ex.stub_path)
    assert kata("grade", "04", "05", cwd=kata_copy).returncode == 0
    time.sleep(1.1)  # the report keeps times to the second
    (folder / "ex05_relu.py").write_text(stub)  # as `nox -s reset -- 05` leaves it
    time.sleep(1.1)
    assert kata("grade", "04", cwd=kata_copy).returncode == 0
    done = subprocess.run(
        [sys.executable, "-c", "from kata.aids import train_demo; from kata import manifest; "
         "print(sorted(train_demo.done_exercises(manifest.load(), ['ex04_dense', 'ex05_relu'])))"],
        cwd=kata_copy, capture_output=True, text=True, timeout=120,
        env={**os.environ, "KATA_PYTHON": sys.executable})
    assert done.stdout.strip().splitlines()[-1] == "['ex04_dense']", done.stdout + done.stderr


def test_train_refuses_a_picture_name_that_is_no_picture_and_minds_a_closed_pipe(kata_copy):
    done = kata("train", "--out", "exercises/ex05_relu.py", cwd=kata_copy)
    assert done.returncode == 2 and "end it with .png" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    head = subprocess.run(
        f"{sys.executable} -m kata train --tree solutions --epochs 5 | head -1", shell=True,
        cwd=kata_copy, capture_output=True, text=True, timeout=120,
        env={**os.environ, "KATA_PYTHON": sys.executable})
    assert "Traceback" not in head.stderr and "Your code" not in head.stdout, head.stderr


def test_train_ends_the_processes_the_learners_code_started(kata_copy, tmp_path):
    """A process started in forward() (in its own session, as a daemon would) is ended with
    `train`, not left to run on after it."""
    mark = tmp_path / "still-running"
    relu = kata_copy / "solutions" / "ex05_relu.py"
    relu.write_text(relu.read_text().replace(
        "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n        import subprocess, sys\n"
        "        if not getattr(ReLU, 'started', False):\n"
        "            ReLU.started = True\n"
        "            subprocess.Popen([sys.executable, '-c', 'import sys, time; time.sleep(4); "
        f"open(sys.argv[1], \"w\")', {str(mark)!r}], start_new_session=True)\n", 1))
    done = kata("train", "--tree", "solutions", "--epochs", "5", cwd=kata_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    time.sleep(6)
    assert not mark.exists(), "a process the learner's code started outlived train"


@pytest.mark.parametrize("args", [["--seed", "-1"], ["--epochs", "0"],
                                  ["--epochs", "99999999999"], ["--bogus"], ["nonsense"],
                                  ["--epochs", "\u0663"], ["--epochs", "1_0"],
                                  ["--seed", "9" * 5000]])
def test_a_bad_train_option_is_one_sentence(args):
    done = kata("train", "--tree", "solutions", *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "usage:" not in done.stderr, done.stderr
    assert len(done.stderr) < 300 and done.stdout == "", done.stderr


def test_grading_the_reference_writes_no_report(tmp_path):
    """`grade --tree solutions` shows the reference graded; a report of it would be 18/18
    done in the learner's name (and sent to the class view)."""
    out = tmp_path / "report.json"
    done = kata("grade", "01", "--tree", "solutions", "--report", str(out))
    assert done.returncode == 0 and not out.exists(), done.stdout
    assert done.stdout.rstrip().splitlines()[-1] == "1/1 exercises done"
    assert "no report is written" in done.stdout


def test_a_backup_named_with_an_impossible_time_is_passed_over(handout):
    folder = handout / ".kata" / "backups"
    folder.mkdir(parents=True)
    (folder / "ex05_relu.20261101-090000.py").write_text("# mine\n")
    (folder / "ex05_relu.20261399-999999.py").write_text("# not one of ours\n")
    done = kata("restore", "05", cwd=handout)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "2026-11-01" in done.stdout


def test_with_stdin_closed_nothing_asks_and_grading_goes_on(handout):
    """`nox <&-`: no terminal, so no question (the learner's name, a backup to restore)."""
    def closed(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kata", *args], cwd=handout,
                              capture_output=True, text=True, timeout=120,
                              preexec_fn=lambda: os.close(0),  # noqa: PLW1509
                              env={**os.environ, "KATA_PYTHON": sys.executable})

    done = closed("grade", "01")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    backup = handout / ".kata" / "backups" / "ex05_relu.20261101-090000.py"
    backup.parent.mkdir(parents=True, exist_ok=True)
    backup.write_text("# mine\n")
    done = closed("restore", "05")
    assert done.returncode == 0 and "--pick N" in done.stdout, done.stderr


@pytest.mark.parametrize("level", [-9, -1, True])
def test_a_level_of_hints_that_is_no_count_starts_over(handout, level):
    state = handout / ".kata" / "hints.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"ex05_relu": level}))
    done = kata("hint", "05", cwd=handout)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "shows hint 2 of" in done.stdout, done.stdout


@pytest.mark.parametrize("poll", ["-1", "nan", "inf", "0"])
def test_watch_refuses_a_poll_that_is_no_time(poll):
    done = kata("watch", "05", "--poll", poll)
    assert done.returncode == 2 and "--poll" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("report", [
    {"schema": "kata-report/1", "exercises": [{"number": 5}], "graded": []},
    {"schema": "kata-report/1", "exercises": [], "learner": 7, "created": "now",
     "summary": {"done": 0, "exercises": 0}},
])
def test_a_damaged_report_is_not_handed_in(handout, tmp_path, report):
    (handout / ".kata").mkdir(exist_ok=True)
    (handout / ".kata" / "report.json").write_text(json.dumps(report))
    done = kata("report", str(tmp_path), cwd=handout)
    assert done.returncode == 2 and "is damaged" in done.stderr, done.stderr
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.parametrize("option, path", [
    ("--junit", ".kata/report.json"), ("--gradescope", ".kata/report.json"),
    ("--junit", ".kata/name"), ("--report", ".kata/class.json")])
def test_no_output_replaces_the_katas_own_state(handout, option, path):
    (handout / ".kata").mkdir(exist_ok=True)
    before = sorted(p.name for p in (handout / ".kata").iterdir())
    done = kata("grade", "01", option, path, cwd=handout)
    assert done.returncode == 2 and ".kata/ folder" in done.stderr, done.stderr
    assert sorted(p.name for p in (handout / ".kata").iterdir()) == before


@pytest.mark.parametrize("out, says", [("/nonexistent-kata-folder/x.png", "no folder"),
                                       ("tests/spiral.png", "inside the kata's tests/"),
                                       ("/proc/spiral.png", "Cannot write the picture")])
def test_train_checks_where_the_picture_goes_before_it_trains(out, says):
    done = kata("train", "--out", out)
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert "Training" not in done.stdout and not Path(out).exists()


@pytest.mark.parametrize("command", [["grade", "01"], ["hint", "01"], ["reset", "03"],
                                     ["train", "--tree", "solutions", "--epochs", "3"]])
def test_with_stdout_closed_a_command_does_its_work_and_ends_quietly(kata_copy, command):
    """`python -m kata grade >&-`: there is no sys.stdout at all, and nothing to flush."""
    stub = kata_copy / "exercises" / "ex03_neuron_backprop.py"
    stub.write_text("# mine\n")
    done = subprocess.run([sys.executable, "-m", "kata", *command], cwd=kata_copy,
                          stdout=None, stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1),  # noqa: PLW1509
                          env={**os.environ, "KATA_PYTHON": sys.executable})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    if command[0] == "reset":
        assert stub.read_text() != "# mine\n"


@pytest.mark.skipif(shutil.which("nox") is None or not shutil.which("bash"),
                    reason="needs nox and bash")
def test_the_session_listing_piped_into_head_ends_quietly():
    done = subprocess.run(["bash", "-c", "nox -l | head -1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert "Every command of the kata is a nox session" in done.stdout
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def signal_training(kata_copy: Path, signum: int) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a long `train` whose whole process group gets
    `signum` once it is training, as a terminal sends Ctrl-C or its closing."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "train", "--tree", "solutions", "--epochs", "1000000"],
        cwd=kata_copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, env={**os.environ, "KATA_PYTHON": sys.executable})
    out = ""
    end = time.monotonic() + 60
    while "epochs:" not in out and time.monotonic() < end:
        out += process.stdout.readline()
    time.sleep(1)
    os.killpg(process.pid, signum)
    rest, err = process.communicate(timeout=30)
    return process.returncode, out + rest, err


def test_ctrl_c_stops_training_in_one_sentence(kata_copy):
    """Ctrl-C reaches every process of the terminal's group: the command and the trainer."""
    status, out, err = signal_training(kata_copy, signal.SIGINT)
    assert status == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert re.search(r"Stopped training \(spiral\) after [\d,]+ of 1,000,000 epochs\.", out), out


def test_train_says_the_loss_after_the_last_update_and_repeats_the_run_for_a_picture(
        kata_copy):
    """The accuracy in the summary is measured after training: so is the loss beside it
    (the last progress line's was measured before the last update). Without matplotlib
    the picture hint repeats the options of this run."""
    done = kata("train", "--tree", "solutions", "--epochs", "3", "--seed", "4", cwd=kata_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    progress = re.findall(r"spiral 3/3\s+loss ([\d.]+)", done.stdout)
    (after,) = re.findall(r"Training accuracy [\d.]+% \(loss ([\d.]+)\)", done.stdout)
    assert progress and float(after) < float(progress[-1]), done.stdout
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "`nox -s train -- spiral --epochs 3 --seed 4 --tree solutions --plot`" \
            in done.stdout, done.stdout


def test_train_help_lists_every_option_and_the_session_every_task():
    done = kata("train", "--help")
    assert done.returncode == 0 and "--plot" in done.stdout, done.stdout
    from kata.aids.train_demo import NEEDS

    listed = subprocess.run([sys.executable, "-c", "import ast, sys; tree = ast.parse(open("
                             "'noxfile.py').read()); print(next(ast.get_docstring(f) for f in "
                             "tree.body if getattr(f, 'name', '') == 'train'))"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert all(task in listed for task in NEEDS), listed
    assert "--plot" in listed and len(listed.strip()) <= 90


@pytest.mark.parametrize("args", [["grade", "01", "--junit", ""], ["grade", "01", "--gradescope="],
                                  ["grade", "--report", ""], ["grade", "01", "--report", " "],
                                  ["train", "--out", ""], ["train", "--out="]])
def test_an_empty_output_path_is_refused_before_any_work(handout, args):
    done = kata(*args, cwd=handout)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "needs a file name" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "exercises done" not in done.stdout and "Training" not in done.stdout, done.stdout
    assert not (handout / ".kata" / "report.json").exists()


@pytest.mark.parametrize("line, says", [
    ("from ex04_dense import Dense", "`from kata.given.ex04_dense import ...`"),
    ("import my_helpers", "my_helpers.py beside them cannot be imported")])
def test_importing_another_exercise_by_name_points_to_kata_given(handout, line, says):
    folder = handout / "exercises"
    (folder / "my_helpers.py").write_text("X = 1\n")
    stub = folder / "ex08_backprop.py"
    stub.write_text(f"{line}\n" + stub.read_text())
    done = kata("grade", "08", cwd=handout)
    assert says in " ".join(done.stdout.split()), done.stdout


@pytest.mark.skipif(shutil.which("nox") is None, reason="needs nox on PATH")
def test_a_first_nox_without_the_internet_says_what_the_setup_needs(kata_copy):
    """The one-time setup downloads numpy and pytest: offline, pip's own errors were all a
    learner saw."""
    shutil.rmtree(kata_copy / ".nox", ignore_errors=True)
    done = subprocess.run(["nox"], cwd=kata_copy, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": "",
                               "PIP_NO_CACHE_DIR": "1"})
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert "needs the internet" in said and "run the same command again" in said, said
    assert "Traceback" not in said


def test_ctrl_c_while_grading_is_one_sentence_not_a_traceback(kata_copy):
    """`python -m kata grade` (as nox's sessions call it) stopped by Ctrl-C part way: the
    KeyboardInterrupt used to reach the top as a traceback through the runner's threads."""
    import signal

    (kata_copy / "exercises" / "ex01_neuron.py").write_text("import time\ntime.sleep(60)\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "grade", "01", "--report", "r.json"], cwd=kata_copy,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "KATA_PYTHON": sys.executable})
    time.sleep(3)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip() == "Stopped: `grade` was interrupted (Ctrl-C).", err


@pytest.mark.parametrize("command", [["grade", "--tree"], ["handout"], ["report"]])
def test_a_path_in_a_message_shows_its_control_characters_escaped(tmp_path, command):
    """A path as typed (or pasted) goes into the sentence: its escape sequence is shown."""
    (tmp_path / "a\x1b[2Jb\nc").write_text("")  # a file, not a folder: each refuses
    done = kata(*command, str(tmp_path / "a\x1b[2Jb\nc" / "x"))
    assert done.returncode == 2, done.stdout
    assert "\x1b" not in done.stderr and "\\x1b[2Jb\\nc" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_kata_folder_that_is_a_file_still_gives_the_hint(handout):
    """.kata/ a file: the hint used to be lost to "Could not hint: File exists (.kata)."."""
    (handout / ".kata").write_text("not a folder")
    done = kata("hint", "05", cwd=handout)
    assert done.returncode == 0, done.stderr
    assert "Hint 1 of 3, the idea:" in done.stdout
    assert done.stderr.strip() == "(How far you got is not remembered: .kata/hints.json cannot " \
        "be written (.kata is a file, not a folder), so asking again shows this level again.)"


@pytest.mark.parametrize("blocker", [".kata", ".kata/backups"])
def test_reset_where_backups_cannot_go_says_which_file_is_in_the_way(handout, blocker):
    stub = handout / "exercises" / "ex05_relu.py"
    stub.write_text(stub.read_text() + "# mine\n")
    (handout / blocker).parent.mkdir(exist_ok=True)
    (handout / blocker).write_text("not a folder")
    done = kata("reset", "05", cwd=handout)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip() == f"{blocker} is a file, not a folder, so ex05_relu.py cannot " \
        "be backed up in it: move it out of the way, then run this again.", done.stderr
    assert stub.read_text().endswith("# mine\n"), "replaced without a backup"


@pytest.mark.parametrize("state", ["missing", "folder", "link to nothing"])
def test_solution_of_a_missing_file_says_so_not_the_whole_reference_as_a_diff(kata_copy,
                                                                               state):
    stub = kata_copy / "exercises" / "ex05_relu.py"
    stub.unlink()
    if state == "folder":
        stub.mkdir()
    elif state == "link to nothing":
        stub.symlink_to(kata_copy / "nowhere.py")
    done = kata("solution", "05", "--peek", cwd=kata_copy)
    assert done.returncode == 2 and done.stdout == "", done.stdout[:500]
    assert done.stderr.strip() == "exercises/ex05_relu.py is missing or is not a file you can " \
        "edit (a folder, a FIFO, a link to nothing), so there is nothing to compare: " \
        "`nox -s reset -- 05` brings the stub back.", done.stderr


@pytest.mark.parametrize("command", [["grade", "--bogus=" + "x" * 5000],
                                     ["class_report", "--bench", "9" * 5000]])
def test_a_huge_bad_value_is_quoted_cut_short(command):
    """argparse quotes a bad value whole: 5000 digits made a 5000-character "sentence"."""
    done = kata(*command)
    assert done.returncode == 2, done.stdout
    assert len(done.stderr.strip().splitlines()) == 1 and len(done.stderr) < 400, done.stderr
    assert "..." in done.stderr and "--help" in done.stderr, done.stderr


def test_reset_where_exercises_is_a_file_says_so(handout):
    shutil.rmtree(handout / "exercises")
    (handout / "exercises").write_text("not a folder")
    done = kata("reset", "05", cwd=handout)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip() == "exercises is a file, not a folder, so ex05_relu.py cannot " \
        "go in it: move it out of the way, then run this again.", done.stderr
    assert (handout / "exercises").read_text() == "not a folder"


def _read_only(*args: object, **kwargs: object) -> None:
    raise OSError(30, "Read-only file system", "/somewhere/.ex05_relu.py.x1y2z3.tmp")


def test_a_read_only_exercises_folder_is_said_without_a_temporary_files_name(tmp_path,
                                                                              monkeypatch):
    """Not "Could not reset: Read-only file system (exercises/.ex05_relu.py.fn1e67yy.tmp)"."""
    from kata import files
    from kata.aids import backups

    mine = tmp_path / "exercises" / "ex05_relu.py"
    mine.parent.mkdir()
    mine.write_text("# mine\n")
    monkeypatch.setattr(files, "write_atomic", _read_only)
    with pytest.raises(KataError) as said:
        backups.replace(mine, b"# stub\n", tmp_path)
    (saved,) = backups.backups_of("ex05_relu", tmp_path)
    assert str(said.value) == "exercises/ex05_relu.py cannot be replaced (Read-only file " \
        f"system), so it is as it was; the backup .kata/backups/{saved.path.name} holds it too."
    assert mine.read_text() == "# mine\n"


def test_a_read_only_kata_folder_keeps_the_hint_and_refuses_its_reset(tmp_path, monkeypatch):
    ex = manifest.load().find("05")
    (tmp_path / ".kata").mkdir()
    (tmp_path / ".kata" / "hints.json").write_text('{"ex05_relu": 1}\n')
    monkeypatch.setattr(hints, "write_atomic", _read_only)
    assert hints.climb(ex, root=tmp_path) == 2  # shown all the same, said on stderr
    with pytest.raises(KataError, match=r"^Exercise 05's hints cannot start again: "
                       r"\.kata/hints\.json cannot be written \(Read-only file system\)\.$"):
        hints.forget(ex, root=tmp_path)


def test_a_read_only_backups_folder_changes_nothing_and_says_so(tmp_path, monkeypatch):
    from kata.aids import backups

    mine = tmp_path / "exercises" / "ex05_relu.py"
    mine.parent.mkdir()
    mine.write_text("# mine\n")
    monkeypatch.setattr(backups, "open", _read_only, raising=False)
    with pytest.raises(KataError, match=r"^ex05_relu\.py cannot be backed up in \.kata/backups "
                       r"\(Read-only file system\), so nothing was changed\.$"):
        backups.replace(mine, b"# stub\n", tmp_path)
    assert mine.read_text() == "# mine\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_stubs_replaces_a_fifo_or_a_link_and_never_writes_through_it(kata_copy, tmp_path):
    """A FIFO in a stub's place made `stubs` wait forever for a reader; a link to a file
    outside the kata had that file overwritten with the stub."""
    fifo = kata_copy / "exercises" / "ex05_relu.py"
    fifo.unlink()
    os.mkfifo(fifo)
    outside = tmp_path / "mine.py"
    outside.write_text("# mine, outside the kata\n")
    link = kata_copy / "exercises" / "ex06_softmax.py"
    link.unlink()
    link.symlink_to(outside)
    done = kata("stubs", cwd=kata_copy)
    assert done.returncode == 0, done.stderr
    assert "wrote exercises/ex05_relu.py" in done.stdout and "2 stub(s) written" in done.stdout
    assert outside.read_text() == "# mine, outside the kata\n"
    for path in (fifo, link):
        assert path.is_file() and not path.is_symlink()
        assert path.read_text() == (ROOT / "exercises" / path.name).read_text()
    (saved,) = (kata_copy / ".kata" / "backups").glob("ex06_softmax.*.py")
    assert saved.read_text() == "# mine, outside the kata\n"


@pytest.mark.parametrize("python", ["/nonexistent/python", "{tmp}/notes.txt", "/"])
def test_a_kata_python_that_cannot_run_is_one_sentence(python, tmp_path):
    """It was a thread's traceback, then "has no specs" and 0/1 done with status 0."""
    (tmp_path / "notes.txt").write_text("not a program")
    python = python.format(tmp=tmp_path)
    done = kata("grade", "01", KATA_PYTHON=python)
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr.strip() == f"KATA_PYTHON is {python!r}, which is no Python that can " \
        "run: unset it, or run the command through nox (`nox -s grade`), which sets it."


def test_solution_of_an_exercise_without_its_reference_yet_says_so(kata_copy):
    """Not "This copy of the kata has no solutions/ folder (it is a hand-out)": it has one."""
    (kata_copy / "solutions" / "ex05_relu.py").unlink()
    done = kata("solution", "05", "--peek", cwd=kata_copy)
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr.strip() == "Exercise 05 has no reference solution yet " \
        "(solutions/ex05_relu.py is missing), so there is nothing to compare."


@pytest.mark.parametrize("args, says", [
    (["--report", "{tmp}/out.json", "--gradescope", "{tmp}/out.json"],
     "--report and --gradescope both name {tmp}/out.json: give each its own file."),
    (["--junit", "{tmp}/out.xml", "--gradescope={tmp}/./out.xml"],
     "--junit and --gradescope both name {tmp}/./out.xml: give each its own file."),
    (["--report", "{tmp}/out.json", "--junit", "{tmp}/../{tmp.name}/out.json"],
     "--report and --junit both name {tmp}/../{tmp.name}/out.json: give each its own file."),
])
def test_two_outputs_in_one_file_are_refused_before_any_work(handout, tmp_path, args, says):
    """The report was written, then --gradescope refused the file it had just made."""
    done = kata("grade", "01", *[a.format(tmp=tmp_path) for a in args], cwd=handout)
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr.strip() == says.format(tmp=tmp_path), done.stderr
    assert list(tmp_path.glob("out.*")) == []


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_grading_ended_by_sigterm_or_a_closed_terminal_leaves_nothing_behind(kata_copy,
                                                                               tmp_path, name):
    """The terminal closed (SIGHUP) or `timeout` (SIGTERM) mid-grading ended the grader
    around its cleanup: the judges' scratch folder stayed in the temporary folder."""
    sig = getattr(signal, name)
    (kata_copy / "exercises" / "ex01_neuron.py").write_text("import time\ntime.sleep(60)\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "grade", "01", "--report", "r.json"], cwd=kata_copy,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "KATA_PYTHON": sys.executable, "TMPDIR": str(scratch)})
    end = time.monotonic() + 60
    while not list(scratch.glob("kata-*/judge-*")) and time.monotonic() < end:
        time.sleep(0.1)
    time.sleep(1)
    process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + sig, out + err
    assert "Traceback" not in err, err
    end = time.monotonic() + 5
    while list(scratch.iterdir()) and time.monotonic() < end:
        time.sleep(0.1)
    assert list(scratch.iterdir()) == [], err


def test_train_ended_by_sigterm_ends_what_the_learners_code_started(kata_copy, tmp_path):
    """SIGTERM now ends train as SystemExit (run_command): it must still end the processes
    the learner's code started, as on Ctrl-C, and exit with 128 + SIGTERM."""
    mark = tmp_path / "still-running"
    relu = kata_copy / "solutions" / "ex05_relu.py"
    relu.write_text(relu.read_text().replace(
        "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n        import subprocess, sys\n"
        "        if not getattr(ReLU, 'started', False):\n"
        "            ReLU.started = True\n"
        "            subprocess.Popen([sys.executable, '-c', 'import sys, time; time.sleep(4); "
        f"open(sys.argv[1], \"w\")', {str(mark)!r}], start_new_session=True)\n", 1))
    status, out, err = signal_training(kata_copy, signal.SIGTERM)  # a terminal closing
    assert status == 128 + signal.SIGTERM, out + err
    assert "Traceback" not in err, err
    time.sleep(6)
    assert not mark.exists(), "a process the learner's code started outlived train"


def test_report_into_a_blank_folder_name_is_refused(tmp_path):
    """`report ''` put the copy into the kata's own folder, unasked."""
    done = kata("report", " ")
    assert done.returncode == 2, done.stdout
    assert "No folder was given to put the report in" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
