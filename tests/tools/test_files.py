"""kata.files: the kata's own files are read without blocking and within a bound, written
whole under a unique temporary name, and an output never lands on a file it must not replace.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kata import files
from kata.judge import report as reports
from kata.manifest import KataError

# A FIFO read the plain way blocks forever: this bound turns a hang into a failure.
pytestmark = pytest.mark.timeout(30)
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


def test_two_writers_at_once_never_trip_over_each_other(tmp_path):
    """`nox -s watch` and `nox` at once: both write .kata/report.json; with one fixed
    temporary name, one writer's rename took the other's file away."""
    path = tmp_path / "report.json"
    failures: list[BaseException] = []

    def write(k: int) -> None:
        for i in range(150):
            try:
                reports.write_json(path, {"schema": reports.REPORT_SCHEMA, "learner": "Ada",
                                          "exercises": [], "writer": k, "i": i})
            except BaseException as exc:  # noqa: BLE001 - any failure is the finding
                failures.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    assert json.loads(path.read_text())["schema"] == reports.REPORT_SCHEMA
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "a temporary file was left"


def test_a_written_file_is_readable_by_others(tmp_path):
    path = tmp_path / "x.json"
    files.write_atomic(path, "{}")
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def kata_tree(tmp_path: Path) -> Path:
    root = tmp_path / "kata"
    for folder in files.KATA_FOLDERS:
        (root / folder).mkdir(parents=True)
    (root / "exercises" / "ex05_relu.py").write_text("mine\n")
    return root


def test_outputs_are_refused_where_they_would_replace_something(tmp_path):
    root = kata_tree(tmp_path)
    (tmp_path / "scratch.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("my notes\n")
    (tmp_path / "old.xml").write_text("<?xml version='1.0'?>\n<testsuites name='kata'/>\n")
    (tmp_path / "link.xml").symlink_to(root / "exercises" / "ex05_relu.py")
    (root / "exercises" / "out").mkdir()

    def check(path: Path, make_parent: bool = True) -> Path:
        return files.check_output(path, "JUnit XML", same_kind=reports.KINDS["JUnit XML"],
                                  make_parent=make_parent, root=root)

    for bad, words in ((root / "exercises" / "ex05_relu.py", "exercises/ folder"),
                       (root / "exercises" / "out" / "new.xml", "exercises/ folder"),
                       (root / "kata" / "new.xml", "kata/ folder"),
                       (root / "tests" / ".." / "tests" / "x.xml", "tests/ folder"),
                       (tmp_path / "scratch.py", "Python file"),
                       (tmp_path / "notes.txt", "not an earlier JUnit XML"),
                       (tmp_path / "link.xml", "not an earlier JUnit XML"),
                       (tmp_path, "is a folder"),
                       (tmp_path / "nowhere" / "x.xml", "no folder")):
        with pytest.raises(KataError, match=words):
            check(bad, make_parent=bad.parent.name != "nowhere")
    assert (root / "exercises" / "ex05_relu.py").read_text() == "mine\n"
    (tmp_path / "empty.xml").touch()
    for good in (tmp_path / "old.xml", tmp_path / "new.xml", tmp_path / "empty.xml",
                 tmp_path / "nowhere" / "x.xml"):
        assert check(good) == good


@posix_only
def test_reading_never_blocks_nor_reads_without_bound(tmp_path):
    fifo, zero, big = tmp_path / "fifo", tmp_path / "zero", tmp_path / "big"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    with open(big, "wb") as out:
        out.truncate(files.MAX_STATE + 1)
    for path, why in ((fifo, "special"), (zero, "special"), (big, "large"),
                      (tmp_path / "absent", "unreadable")):
        with pytest.raises(files.FileProblem) as caught:
            files.read_regular(path)
        assert caught.value.why == why
        assert files.read_json_state(path) is None and files.read_text_state(path) is None


@posix_only
def test_writing_replaces_a_fifo_or_a_link_and_never_writes_through_it(tmp_path):
    fifo, link, target = tmp_path / "fifo.json", tmp_path / "link.json", tmp_path / "t.py"
    os.mkfifo(fifo)
    target.write_text("mine\n")
    link.symlink_to(target)
    files.write_atomic(fifo, "{}")
    files.write_atomic(link, "{}")
    assert fifo.read_text() == "{}" and not link.is_symlink() and link.read_text() == "{}"
    assert target.read_text() == "mine\n"


@pytest.mark.skipif(os.name != "posix", reason="the walk by descriptors is POSIX's")
def test_remove_tree_never_climbs_out_of_a_tree_moved_while_it_works(tmp_path, monkeypatch):
    """Learner code may still move its folders while its tree is removed. A red team moved
    a folder up just as the walk reached it, with folder names chosen to match the real
    ones above: going back up by "..", the walk emptied the run's other folders. Now every
    folder on the way up must be the one gone down through."""
    run = tmp_path / "kata-run"
    base, other = run / "judge-1", run / "judge-2"
    other.mkdir(parents=True)
    (other / "kept.txt").write_text("the other judge's")
    (run / "judge-2.log").write_text("log")
    (tmp_path / "canary").write_text("above the run")
    (base / "kata-run" / "judge-1" / "c" / "d").mkdir(parents=True)
    real_open, moved = os.open, []

    def open_and_move(path, flags, *args, dir_fd=None, **kwargs):
        fd = real_open(path, flags, *args, dir_fd=dir_fd, **kwargs)
        if path == "d" and not moved:  # the walk now holds .../c/d: the learner moves c up
            moved.append(True)
            os.rename(base / "kata-run" / "judge-1" / "c", base / "c")
        return fd

    monkeypatch.setattr(os, "open", open_and_move)
    files.remove_tree(base)
    monkeypatch.undo()
    assert moved
    assert (other / "kept.txt").read_text() == "the other judge's"
    assert (run / "judge-2.log").exists() and (tmp_path / "canary").exists()
    files.remove_tree(base)  # with nothing moving, all of it goes
    assert not base.exists()
