"""`nox -s watch` (and restore's question) driven through a pseudo-terminal, as a
learner's keyboard drives them.

The watcher runs in a learner's copy of the kata (a hand-out) with a pty as its
controlling terminal; the test types keys into the pty and reads what the watcher prints.
Whatever way it ends, the terminal's settings must be exactly as they were before.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("termios")
pytestmark = pytest.mark.timeout(180)  # real grading runs behind every key
import pty  # noqa: E402 - POSIX only, like termios
import termios  # noqa: E402

from kata.aids.watch import Keys  # noqa: E402
from kata.manifest import load  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _controlling_tty() -> None:  # runs in the child, after stdin became the pty
    os.setsid()
    import fcntl

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """`python -m kata watch` (or another command) on a pty: type keys, wait for text."""

    def __init__(self, cwd: Path, *command: str) -> None:
        self.master, self.slave = pty.openpty()
        self.before = termios.tcgetattr(self.slave)
        self.seen = ""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kata", *(command or ("watch", "--poll", "0.2"))], cwd=cwd,
            stdin=self.slave, stdout=self.slave, stderr=self.slave,
            preexec_fn=_controlling_tty,
            env={**os.environ, "KATA_PYTHON": sys.executable, "NO_COLOR": "1"})

    def expect(self, pattern: str, timeout: float = 60) -> str:
        """Wait until `pattern` (a regex) appears in output not yet matched; return it."""
        end = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.seen)
            if match:
                self.seen = self.seen[match.end():]
                return match.group()
            left = end - time.monotonic()
            assert left > 0, f"no {pattern!r} in the watcher's output:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the child has closed the pty
                    pass

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self) -> int:
        code = self.process.wait(timeout=30)
        after = termios.tcgetattr(self.slave)
        os.close(self.master)
        os.close(self.slave)
        assert after == self.before, "the watcher left the terminal in another mode"
        return code


@pytest.fixture
def terminal(handout: Path):
    term = Terminal(handout)
    yield term
    if term.process.poll() is None:
        term.process.kill()
        term.process.wait()


PROMPT = r"Enter re-run . q quit"


def test_every_key_does_what_it_says_and_q_restores_the_terminal(terminal, handout):
    stub = handout / "exercises" / "ex01_neuron.py"
    pristine = stub.read_text()
    # the view names the keys, and watch's own way of grading, where it names commands
    terminal.expect(r"Then save it: it is graded here at once\.")
    terminal.expect(r"Stuck\?\s+Press\s+h\s+for\s+a\s+hint\s+\(one\s+step\s+more\s+each\s+"
                    r"time\);\s+to\s+try\s+things\s+out,\s+`nox -s play -- 01`\s+in\s+another\s+"
                    r"terminal\.")
    terminal.expect(r"0/\d+ exercises done")
    terminal.expect(r"exercise 01 in focus")
    terminal.expect(PROMPT)

    terminal.type("h")
    terminal.expect(r"Hint 1 of 3, the idea")
    # a key takes no options: the hint names none
    terminal.expect(r"Still stuck\? h shows hint 2 of 3, the formula\.\s+The specs that")
    terminal.type("h")
    terminal.expect(r"Hint 2 of 3, the formula")
    terminal.expect(PROMPT)

    terminal.type("l")
    terminal.expect(r">\s+01 A single neuron")
    terminal.expect(PROMPT)

    # a save is noticed, and the saved exercise is graded on its own
    stub.write_text((ROOT / "solutions" / "ex01_neuron.py").read_text())
    terminal.expect(r"ex01_neuron\.py saved")
    terminal.expect(r"Exercise 01 is done\.")
    terminal.expect(r"Press n for the next exercise")
    terminal.expect(PROMPT)
    # each re-grade is merged into the report, as `nox` merges its grading
    report = json.loads((handout / ".kata" / "report.json").read_text())
    assert [(e["number"], e["state"]) for e in report["exercises"]][0] == ("01", "done")

    terminal.type("n")
    terminal.expect(r"next: exercise 02")
    terminal.expect(r"\n1/\d\d exercises done")  # every exercise counted, not 0/1
    terminal.expect(r"exercise 02 in focus")

    terminal.type("\r")  # a re-run by hand, for file systems without save events
    terminal.expect(r"re-running exercise 02")
    terminal.expect(r"\n1/\d\d exercises done")

    terminal.type("c")
    terminal.expect(r"1/\d+ exercises done")
    terminal.expect(r"exercise 02 in focus")

    # reset asks first: anything but y changes nothing
    terminal.type("n")  # to 03 ...
    terminal.expect(r"exercise 03 in focus")
    terminal.type("r")
    terminal.expect(r"Reset exercise 03 .*\[y/N\]")
    terminal.type("x")
    terminal.expect(r"Nothing was changed\.")
    stub.write_text("# my try\n")
    terminal.expect(r"exercise 01 in focus")
    terminal.type("r")
    terminal.expect(r"\[y/N\]")
    terminal.type("y")
    terminal.expect(r"is the pristine stub again")
    terminal.expect(PROMPT)
    assert stub.read_text() == pristine
    backups = list((handout / ".kata" / "backups").glob("ex01_neuron.*.py"))
    assert [b.read_text() for b in backups] == ["# my try\n"]

    terminal.type("q")
    terminal.expect(r"Stopped watching")
    assert terminal.finish() == 0


def test_a_reset_that_cannot_be_done_is_one_sentence_and_watching_goes_on(handout):
    stub = handout / "exercises" / "ex05_relu.py"
    stub.unlink()
    stub.mkdir()
    term = Terminal(handout, "watch", "05", "--poll", "0.2")
    try:
        term.expect(PROMPT)
        term.type("r")
        term.expect(r"\[y/N\]")
        term.type("y")
        term.expect(r"exercises/ex05_relu\.py is a folder, not a file")
        term.expect(PROMPT)
        term.type("q")
        term.expect(r"Stopped watching")
        assert term.finish() == 0
    finally:
        if term.process.poll() is None:
            term.process.kill()


def test_every_grading_is_recorded_in_the_report_without_a_terminal_too(handout):
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", "05", "--poll", "0.2"], cwd=handout,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "KATA_PYTHON": sys.executable})
    try:
        out = ""
        end = time.monotonic() + 60
        while "Ctrl-C stops" not in out and time.monotonic() < end:
            out += process.stdout.readline()
        report = json.loads((handout / ".kata" / "report.json").read_text())
        assert list(report["graded"]) == ["05"], report["graded"]
        n = len(load().exercises)
        assert f"\n0/{n} exercises done\n" in out and "0/1 exercises done" not in out, out
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_ctrl_c_stops_it_and_restores_the_terminal(terminal):
    terminal.expect(PROMPT)
    terminal.type("\x03")
    terminal.expect(r"Stopped watching")
    assert terminal.finish() == 0


def test_the_terminal_is_restored_when_an_error_escapes():
    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    with open(slave, closefd=False) as stream:
        with pytest.raises(RuntimeError), Keys(stream) as keys:
            assert keys.interactive
            assert termios.tcgetattr(slave) != before  # cbreak: keys one by one, no echo
            os.write(master, b"q")
            assert keys.read(5) == "q"
            raise RuntimeError("the grader broke")
    assert termios.tcgetattr(slave) == before
    os.close(master)
    os.close(slave)


def test_without_a_terminal_it_only_watches(handout):
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", "05", "--poll", "0.2"], cwd=handout,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "KATA_PYTHON": sys.executable})
    out = ""
    end = time.monotonic() + 60
    while "Ctrl-C stops" not in out and time.monotonic() < end:
        out += process.stdout.readline()
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    out += rest
    assert process.returncode == 0, out
    assert "Save a file to re-grade it; Ctrl-C stops." in out
    assert "q quit" not in out and "Traceback" not in out
    assert "Stopped watching" in out


def test_restore_asks_which_backup_on_a_terminal(handout):
    stub = handout / "exercises" / "ex05_relu.py"
    folder = handout / ".kata" / "backups"
    folder.mkdir(parents=True)
    (folder / "ex05_relu.20261101-090000.py").write_text("# older\n")
    (folder / "ex05_relu.20261102-090000.py").write_text("# newer\n")
    mine = stub.read_text()
    cancel = Terminal(handout, "restore", "05")
    cancel.expect(r"Which one \(1-2; Enter leaves everything as it is\)\?")
    cancel.type("\n")
    cancel.expect(r"Nothing was changed\.")
    assert cancel.finish() == 0 and stub.read_text() == mine
    pick = Terminal(handout, "restore", "05")
    pick.expect(r"1  2026-11-02 09:00:00 .*\n.*2  2026-11-01 09:00:00")
    pick.type("2\n")
    pick.expect(r"is your version of 2026-11-01 09:00:00 again")
    assert pick.finish() == 0
    assert stub.read_text() == "# older\n"
    kept = sorted(p.read_text() for p in folder.iterdir())
    assert kept == sorted(["# newer\n", "# older\n", mine])


def test_a_file_that_is_gone_counts_as_saved_after_those_saved():
    from kata.aids.watch import saved_files

    a, b, c = Path("a.py"), Path("b.py"), Path("c.py")
    assert list(saved_files({a: 1.0, b: 2.0}, {a: 3.0, c: 4.0})) == [c, a, b]


def test_stopped_without_a_terminal_it_leaves_no_scratch_folder(handout, tmp_path):
    """SIGTERM (`timeout`, a CI job stopped) ended a watch without a terminal around its
    cleanup: its warm judge's folder stayed in the temporary folder, one per run."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", "05", "--poll", "0.2"], cwd=handout,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "KATA_PYTHON": sys.executable, "TMPDIR": str(scratch)})
    out = ""
    end = time.monotonic() + 60
    while "Ctrl-C stops" not in out and time.monotonic() < end:
        out += process.stdout.readline()
    end = time.monotonic() + 30
    while not list(scratch.glob("kata-warm-*")) and time.monotonic() < end:
        time.sleep(0.1)  # the next run's judge, started ahead
    assert list(scratch.glob("kata-warm-*")), out
    process.send_signal(signal.SIGTERM)
    out += process.communicate(timeout=30)[0]
    assert process.returncode == 128 + signal.SIGTERM, out
    assert "Traceback" not in out, out
    end = time.monotonic() + 5
    while list(scratch.iterdir()) and time.monotonic() < end:
        time.sleep(0.1)
    assert list(scratch.iterdir()) == [], out
