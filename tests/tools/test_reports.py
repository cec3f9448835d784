"""The learner's report stays true: every grading run merges into it, the name is asked
once and remembered, a copy named after the learner is one command, and Gradescope gets
its results.json.

Each test works in a scratch copy of the kata (its .kata/ is where the name is kept), with
the reference solutions of exercises 01 and 02 copied into exercises/.
"""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kata import manifest

ROOT = Path(__file__).resolve().parents[2]
# A hang bound, not a speed test: these build hand-outs and grade whole katas in
# subprocesses, which on a busy machine takes minutes.
pytestmark = pytest.mark.timeout(300)
MANIFEST = manifest.load()


@pytest.fixture
def kata_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "kata"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".kata", "__pycache__", "*_cache", "wrong_answers", "tools"))
    for module in ("ex01_neuron", "ex02_layer"):
        shutil.copy(ROOT / "solutions" / f"{module}.py", copy / "exercises" / f"{module}.py")
    return copy


def environment(tmp_path: Path) -> dict[str, str]:
    """No git identity (an empty HOME and no system config), USER set: the fallback name."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "USER": "zed",
            "KATA_PYTHON": sys.executable}


def kata(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=copy, capture_output=True,
                          text=True, timeout=240, stdin=subprocess.DEVNULL,
                          env=environment(copy.parent))


def report(copy: Path) -> dict:
    return json.loads((copy / ".kata" / "report.json").read_text())


def test_every_grading_run_merges_into_the_report(kata_copy):
    done = kata(kata_copy, "grade", "01")
    assert done.returncode == 0, done.stderr
    first = report(kata_copy)
    assert [e["number"] for e in first["exercises"]] == ["01"]
    assert first["exercises"][0]["state"] == "done"
    assert set(first["graded"]) == {"01"} and first["graded"]["01"] == first["created"]
    time.sleep(1.1)  # the times are to the second
    assert kata(kata_copy, "grade", "02").returncode == 0
    second = report(kata_copy)
    assert [e["number"] for e in second["exercises"]] == ["01", "02"]
    assert second["graded"]["01"] == first["graded"]["01"], "01 was not graded again"
    assert second["graded"]["02"] == second["created"] > first["created"]
    assert second["summary"]["done"] == 2
    assert kata(kata_copy, "grade").returncode == 0
    full = report(kata_copy)
    assert [e["number"] for e in full["exercises"]] == [ex.number for ex in MANIFEST.exercises]
    assert set(full["graded"].values()) == {full["created"]}
    assert full["summary"] == {"done": 2, "exercises": len(MANIFEST.exercises),
                               "specs_passed": full["summary"]["specs_passed"],
                               "specs": sum(e["total"] for e in full["exercises"])}
    assert full["handout"] is None, "the instructor's tree is no hand-out"
    assert set(full["integrity"]) >= {"algorithm", "combined", "files", "tokens", "edits"}


def test_the_name_falls_back_then_is_remembered_once_given(kata_copy):
    assert kata(kata_copy, "grade", "01").returncode == 0
    assert report(kata_copy)["learner"] == "zed"
    assert kata(kata_copy, "grade", "01", "--name", "Ada Lovelace").returncode == 0
    assert report(kata_copy)["learner"] == "Ada Lovelace"
    assert kata(kata_copy, "grade", "02").returncode == 0
    assert report(kata_copy)["learner"] == "Ada Lovelace", "--name was forgotten"
    done = kata(kata_copy, "grade", "01", "--name", " \t")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]


def test_a_name_given_for_another_folder_names_that_report_only(kata_copy, tmp_path):
    """An instructor grading a learner's folder (`--tree`) with that learner's --name: the
    name used to become the instructor's own remembered name, and the next `nox` theirs."""
    assert kata(kata_copy, "grade", "01", "--name", "Ada Lovelace").returncode == 0
    bobs = tmp_path / "bob"
    shutil.copytree(kata_copy / "exercises", bobs)
    theirs = tmp_path / "bob.json"
    done = kata(kata_copy, "grade", "01", "--tree", str(bobs), "--report", str(theirs),
                "--name", "Bob")
    assert done.returncode == 0, done.stderr
    assert json.loads(theirs.read_text())["learner"] == "Bob"
    assert (kata_copy / ".kata" / "name").read_text().strip() == "Ada Lovelace"
    assert kata(kata_copy, "grade", "02").returncode == 0
    assert report(kata_copy)["learner"] == "Ada Lovelace", "another folder's name stuck"


def grade_on_a_terminal(kata_copy: Path, answer: Callable[[subprocess.Popen, int], None],
                        seconds: float = 200) -> tuple[str, int]:
    """(what `grade` showed on a terminal, its exit status), with `answer(child, terminal)`
    called once, when it asks for the learner's name."""
    master, slave = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "kata", "grade"], cwd=kata_copy,
                             stdin=slave, stdout=slave, stderr=slave,
                             env=environment(kata_copy.parent))
    os.close(slave)
    seen, deadline, answered = b"", time.monotonic() + seconds, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"Your name" in seen:
            answer(child, master)
            answered = True
        if child.poll() is not None and not ready:
            break
    status = child.wait(timeout=60)
    os.close(master)
    return seen.decode("utf-8", "replace"), status


def test_on_a_terminal_the_name_is_asked_once(kata_copy):
    def run(answer: bytes) -> str:
        return grade_on_a_terminal(kata_copy, lambda child, terminal: os.write(terminal,
                                                                              answer))[0]

    shown = run(b"Grace Hopper\n")
    assert "Your name, for your progress report [zed]:" in shown
    assert report(kata_copy)["learner"] == "Grace Hopper"
    shown = run(b"someone else\n")
    assert "Your name" not in shown, "the name was asked twice"
    assert report(kata_copy)["learner"] == "Grace Hopper"


def test_a_copy_named_after_the_learner_to_hand_in(kata_copy, tmp_path):
    done = kata(kata_copy, "report", str(tmp_path))
    assert done.returncode != 0 and "run `nox` first" in done.stderr
    assert kata(kata_copy, "grade", "01", "--name", "Ada Lovelace").returncode == 0
    done = kata(kata_copy, "report", str(tmp_path))
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "ada-lovelace.kata-report.json"
    assert json.loads(copy.read_text()) == report(kata_copy)
    assert "ada-lovelace.kata-report.json" in done.stdout
    done = kata(kata_copy, "report", str(tmp_path / "nowhere"))
    assert done.returncode != 0 and "Traceback" not in done.stderr


def test_gradescope_results(kata_copy, tmp_path):
    out = tmp_path / "results.json"
    done = kata(kata_copy, "grade", "01", "03", "--gradescope", str(out))
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    assert [t["name"] for t in results["tests"]] == [
        f"{ex.number} {ex.title}" for ex in MANIFEST.select(["01", "03"])]
    done_test, open_test = results["tests"]
    assert (done_test["score"], done_test["max_score"]) == (10, 10)
    assert (open_test["score"], open_test["max_score"]) == (0, 10)
    assert "not started" in open_test["output"] and "NotImplementedError" not in open_test["name"]
    assert results["score"] == 10
    assert all(isinstance(t["output"], str) for t in results["tests"])


@pytest.mark.parametrize("option, value", [("--report", "/"), ("--report", "exercises"),
                                           ("--junit", "exercises"), ("--gradescope", "/")])
def test_a_report_path_that_is_a_folder_is_one_sentence_before_grading(kata_copy, option, value):
    before = sorted(p.name for p in kata_copy.iterdir())
    done = kata(kata_copy, "grade", option, value)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "exercises done" not in done.stdout, "it graded before saying no"
    assert sorted(p.name for p in kata_copy.iterdir()) == before, "it left a file behind"


@pytest.mark.parametrize("option, value", [
    ("--junit", "exercises/ex05_relu.py"), ("--gradescope", "exercises/ex04_dense.py"),
    ("--report", "exercises/ex03_neuron_backprop.py"), ("--junit", "exercises/new.xml"),
    ("--gradescope", "scratch.py"), ("--junit", "README.md"), ("--report", "notes.json")])
def test_an_output_never_replaces_a_file_that_is_not_an_earlier_one(kata_copy, option, value):
    (kata_copy / "scratch.py").write_text("print('my scratch work')\n")
    (kata_copy / "notes.json").write_text('{"mine": true}\n')
    target = kata_copy / value
    before = target.read_bytes() if target.exists() else None
    done = kata(kata_copy, "grade", "05", option, value)
    assert done.returncode != 0 and "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()], done.stderr
    assert "exercises done" not in done.stdout, "it graded before saying no"
    assert (target.read_bytes() if target.exists() else None) == before
    assert not (kata_copy / ".kata" / "backups").exists() or before is None


def test_earlier_outputs_are_replaced_and_hand_ins_never_replace_another_learner(
        kata_copy, tmp_path):
    junit, scope = tmp_path / "junit.xml", tmp_path / "results.json"
    for _ in range(2):
        done = kata(kata_copy, "grade", "01", "--junit", str(junit), "--gradescope", str(scope))
        assert done.returncode == 0, done.stderr
    assert junit.read_bytes().startswith(b"<?xml") and json.loads(scope.read_text())["tests"]
    share = tmp_path / "share"
    share.mkdir()
    names = ["Иван Петров", "李雷", "Ada L.", "ada-l", "Ada L."]
    for name in names:
        done = kata(kata_copy, "report", str(share), "--name", name)
        assert done.returncode == 0, done.stderr
    found = {p.name: json.loads(p.read_text())["learner"] for p in share.iterdir()}
    assert found == {"иван-петров.kata-report.json": "Иван Петров",
                     "李雷.kata-report.json": "李雷", "ada-l.kata-report.json": "Ada L.",
                     "ada-l-2.kata-report.json": "ada-l"}


STATE_FILES = ("name", "durations.json", "token-digests.json", "hints.json", "report.json",
               "class.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_state_file_that_is_a_fifo_or_dev_zero_counts_as_absent(kata_copy, tmp_path, kind):
    state = kata_copy / ".kata"
    state.mkdir()
    for name in STATE_FILES:
        if kind == "fifo":
            os.mkfifo(state / name)
        else:
            (state / name).symlink_to("/dev/zero")
    for args in (("grade", "01"), ("hint", "01"), ("report", str(tmp_path))):
        try:
            done = subprocess.run([sys.executable, "-m", "kata", *args], cwd=kata_copy,
                                  capture_output=True, text=True, timeout=120,
                                  stdin=subprocess.DEVNULL, env=environment(tmp_path))
        except subprocess.TimeoutExpired:
            pytest.fail(f"`{' '.join(args)}` hung on a {kind} in .kata/")
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr
    # Each was replaced by a regular file when next written; nothing wrote through a link.
    for name in ("durations.json", "token-digests.json", "hints.json", "report.json"):
        assert (state / name).is_file() and not (state / name).is_symlink(), name
    assert report(kata_copy)["learner"] == "zed"
    assert (tmp_path / "zed.kata-report.json").is_file()


def test_an_exercise_named_twice_is_graded_and_counted_once(kata_copy, tmp_path):
    scope = tmp_path / "results.json"
    done = kata(kata_copy, "grade", "01", "ex01", "neuron", "02", "01", "--gradescope", str(scope))
    assert done.returncode == 0, done.stderr
    results = json.loads(scope.read_text())
    assert [t["number"] for t in results["tests"]] == ["01", "02"]
    assert results["score"] == 20 and results["output"] == "2/2 exercises done"
    assert done.stdout.strip().splitlines()[-1] == "2/2 exercises done"


# ---------------------------------------------------------------------------- red team (rtD)

def test_a_partial_report_counts_the_kata_s_exercises(kata_copy, tmp_path):
    """Exercises never graded count as not done: one graded exercise is 1/N, not 1/1."""
    n = len(MANIFEST.exercises)
    assert kata(kata_copy, "grade", "01", "--name", "Cleo").returncode == 0
    assert report(kata_copy)["summary"]["exercises"] == n
    assert report(kata_copy)["summary"]["done"] == 1
    done = kata(kata_copy, "report", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert f"(Cleo, 1/{n} exercises done," in done.stdout
    # A report written before, whose summary counted only the graded exercises, says the same.
    old = report(kata_copy)
    old["summary"]["exercises"] = 1
    (kata_copy / ".kata" / "report.json").write_text(json.dumps(old))
    done = kata(kata_copy, "report", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert f"(Cleo, 1/{n} exercises done," in done.stdout


def test_a_name_given_to_report_is_the_name_of_the_next_hand_in(kata_copy, tmp_path):
    assert kata(kata_copy, "grade", "01", "--name", "Cleo").returncode == 0
    done = kata(kata_copy, "report", str(tmp_path), "--name", "Cleo P.")
    assert done.returncode == 0, done.stderr
    assert "cleo-p.kata-report.json" in done.stdout
    done = kata(kata_copy, "report", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "cleo-p.kata-report.json (Cleo P.," in done.stdout, done.stdout
    assert not (tmp_path / "cleo.kata-report.json").exists()
    assert json.loads((tmp_path / "cleo-p.kata-report.json").read_text())["learner"] == "Cleo P."
    assert report(kata_copy)["learner"] == "Cleo P.", "the kata's own report kept the old name"


def test_ctrl_c_at_the_name_question_stops_and_remembers_nothing(kata_copy):
    pressed = []

    def ctrl_c(child: subprocess.Popen, terminal: int) -> None:
        # What Ctrl-C on its terminal sends it, a moment after the question shows, and again
        # every few seconds as a person would: a SIGINT that lands between input() writing
        # its prompt and starting to read is taken but only acted on after the read (a
        # CPython race no person is fast enough to hit).
        def press() -> None:
            time.sleep(0.3)
            while child.poll() is None:
                child.send_signal(signal.SIGINT)
                pressed.append(True)
                time.sleep(3)

        threading.Thread(target=press, daemon=True).start()

    shown, status = grade_on_a_terminal(kata_copy, ctrl_c, seconds=120)
    assert pressed, shown
    assert status == 130, shown
    assert "Traceback" not in shown and "exercises done" not in shown, shown
    assert "Stopped" in shown
    assert not (kata_copy / ".kata" / "name").exists(), "Ctrl-C was taken as the default name"
    assert not (kata_copy / ".kata" / "report.json").exists()
