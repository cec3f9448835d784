"""`nox -s class_report`: many learners' reports, one table, and edited specs never count.

Reports are made the way `nox` makes them (kata.judge.grade.report_data), so the schema the
grader writes and the one the class report reads cannot drift apart.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import html
import json
import os
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kata import integrity, manifest
from kata.integrity import digests
from kata.judge.grade import Graded, report_data
from kata.judge.runner import SpecResult
from kata.workshop import class_report, mistakes

ROOT = Path(__file__).resolve().parents[2]
# Subprocesses and a browser on a busy machine: a bound against hangs, not a speed test.
pytestmark = pytest.mark.timeout(60)
MANIFEST = manifest.load()
FIRST, SECOND = MANIFEST.exercises[0], MANIFEST.exercises[1]


def kata(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "KATA_PYTHON": sys.executable})


MISTAKES = mistakes.load()


def report(learner: str, done: int, *, partial: int = 0, message: str = "") -> dict:
    """A report in which the first `done` exercises pass and the next passes `partial` of its
    specs, failing the others with `message` (else NotImplementedError); as many specs per
    exercise as this kata has."""
    graded = []
    for k, ex in enumerate(MANIFEST.exercises):
        specs = []
        for j in range(MISTAKES.specs(ex.number)):
            passed = k < done or (k == done and j < partial)
            nodeid = f"{ex.spec_path}::test_{ex.topic}_{j}"
            written = k == done and message
            specs.append(SpecResult(nodeid, "passed" if passed else "failed",
                                    "passed" if passed else
                                    "assertion" if written else "not_implemented",
                                    "" if passed else message if written else "not written yet"))
        graded.append(Graded(ex, specs))
    return report_data(MANIFEST, graded, learner=learner)


def write(folder: Path, name: str, data: dict | str) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return path


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return kata("class_report", *args, cwd=folder)


def rows(folder: Path) -> dict[str, dict[str, str]]:
    with open(folder / "class_report.csv", newline="", encoding="utf-8-sig") as f:
        return {row["learner"]: row for row in csv.DictReader(f)}


def test_a_class_at_a_glance(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    write(reports, "ada.json", report("Ada", len(MANIFEST.exercises)))
    write(reports, "bob.json", report("Bob", 1, partial=2))
    write(reports, "cy.json", report("Cy", 1))
    write(reports, "dee.json", report("Dee", 0))
    done = run(tmp_path, "reports")
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    n = len(MANIFEST.exercises)
    table = {line.split()[0]: line for line in out.splitlines() if line.split()[:1]
             in (["Ada"], ["Bob"], ["Cy"], ["Dee"])}
    assert f"{n}/{n}" in table["Ada"] and "(all done)" in table["Ada"]
    assert f"1/{n}" in table["Bob"] and f"{SECOND.number} " in table["Bob"]
    assert "in progress" in table["Bob"] and "not started" in table["Cy"]
    assert f"0/{n}" in table["Dee"] and f"{FIRST.number} " in table["Dee"]
    stuck = out.split("Stuck (failing", 1)[1].splitlines()[1:]
    assert stuck[0].startswith(f"  {SECOND.number} {SECOND.title}: 1 learner: ")
    assert "(Bob)" in stuck[0]
    assert "Not started yet (no spec passes): 1: Dee" in out, "Cy is between exercises"
    assert "Wrote class_report.csv and class_report.html" in out
    by_name = rows(tmp_path)
    first_specs = MISTAKES.specs(FIRST.number)
    assert by_name["Bob"]["done"] == "1"
    assert by_name["Bob"]["specs_passed"] == str(first_specs + 2)
    assert by_name["Bob"]["first_unfinished"] == SECOND.number
    assert by_name["Bob"][f"ex{SECOND.number}"] == "in_progress"
    assert by_name["Bob"][f"ex{SECOND.number}_passed"] == "2"
    assert by_name["Bob"][f"ex{SECOND.number}_total"] == str(MISTAKES.specs(SECOND.number))
    assert [by_name[k]["status"] for k in ("Ada", "Bob", "Cy", "Dee")] == [
        "finished", "stuck", "ready", "not started"]
    assert {row["integrity"] for row in by_name.values()} == {"ok"}


def test_unreadable_files_are_listed_with_a_reason_and_skipped(tmp_path):
    good = json.dumps(report("Ada", 1), indent=2)
    cases = {
        "truncated.json": (good[: len(good) // 2], "truncated"),
        "invalid.json": ('{"schema": "kata-report/1",, }', "not valid JSON"),
        "package.json": ('{"name": "left-pad", "version": "1.3.0"}', "not a kata report"),
        "list.json": ("[1, 2, 3]", "holds a list"),
        "empty.json": ("", "empty file"),
        "future.json": ('{"schema": "kata-report/9"}', "cannot read"),
        "malformed.json": ('{"schema": "kata-report/1", "learner": "X", "exercises": '
                           '[{"number": "01", "state": "done", "passed": "all", "total": 3}]}',
                           "exercises[0].passed"),
        "deep.json": ("[" * 100_000 + "]" * 100_000, "not a kata report"),
    }
    for name, (text, _) in cases.items():
        write(tmp_path, name, text)
    (tmp_path / "latin1.json").write_bytes('{"learner": "Zoë"}'.encode("latin-1"))
    write(tmp_path, "ada.json", good)
    done = run(tmp_path, ".", "missing.json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    skipped = done.stdout.split("Skipped", 1)[1]
    for name, (_, reason) in cases.items():
        line = next(line for line in skipped.splitlines() if line.strip().startswith(name))
        assert reason in line, line
    assert "latin1.json: not UTF-8" in skipped and "missing.json: no such file" in skipped
    assert list(rows(tmp_path)) == ["Ada"]


def test_no_readable_report_is_one_sentence_and_a_non_zero_exit(tmp_path):
    write(tmp_path, "a.json", "{")
    write(tmp_path, "b.json", '{"name": "x"}')
    for args in ([str(tmp_path / "a.json"), str(tmp_path / "b.json")], [str(tmp_path / "nope")],
                 []):
        done = run(tmp_path, *args)
        assert done.returncode != 0
        assert "Traceback" not in done.stdout + done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "class_report.csv").exists()


def test_an_edited_spec_never_counts_as_done(tmp_path):
    edited = report("Eve", 2)
    files = edited["integrity"]["files"]
    files[FIRST.spec_path] = "0" * 64  # the digest of a spec with an assert commented out
    edited["integrity"]["combined"] = integrity.combined_digest(files)
    tools = report("Mal", 2)
    tools["integrity"]["files"]["kata/judge/expect.py"] = "1" * 64
    tools["integrity"]["combined"] = integrity.combined_digest(tools["integrity"]["files"])
    added = report("Pat", 2)
    added["integrity"]["files"]["conftest.py"] = "2" * 64
    added["integrity"]["combined"] = integrity.combined_digest(added["integrity"]["files"])
    forged = report("Fox", 2)
    forged["integrity"]["files"][FIRST.spec_path] = "3" * 64  # combined left as it was
    old = report("Old", 2)
    del old["integrity"]
    for data in (edited, tools, added, forged, old, report("Ann", 2)):
        write(tmp_path, f"{data['learner']}.json", data)
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert by_name["Ann"]["done"] == "2" and by_name["Ann"]["integrity"] == "ok"
    assert by_name["Eve"]["done"] == "1", "the exercise whose spec was edited counted as done"
    assert by_name["Eve"]["integrity"] == f"EDITED: {FIRST.spec_path}"
    assert by_name["Eve"][f"ex{FIRST.number}"] == "edited"
    assert by_name["Eve"]["first_unfinished"] == FIRST.number
    assert by_name["Eve"]["claimed_done"] == "2"
    for name, verdict in (("Mal", "EDITED: kata/judge/expect.py"), ("Pat", "EDITED: conftest.py"),
                          ("Fox", "EDITED: the integrity record itself"),
                          ("Old", "unverified: no integrity record")):
        assert by_name[name]["done"] == "0", name
        assert by_name[name]["integrity"] == verdict
    eve = next(line for line in done.stdout.splitlines() if line.startswith("Eve"))
    assert f"EDITED: {FIRST.spec_path}" in eve and "claims 2 done" in eve
    assert "5 flagged" in done.stdout
    page = (tmp_path / "class_report.html").read_text()
    assert f"EDITED: {FIRST.spec_path}" in page and 'class="flag"' in page


def test_the_reference_can_be_another_kata_tree(tmp_path):
    other = tmp_path / "other"
    (other / "tests").mkdir(parents=True)
    (other / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    write(tmp_path, "ada.json", report("Ada", 1))
    done = run(tmp_path, "ada.json", "--reference", str(other))
    assert "EDITED:" in rows(tmp_path)["Ada"]["integrity"]
    assert run(tmp_path, "ada.json", "--reference", str(tmp_path / "nowhere")).returncode != 0
    assert digests(ROOT)["files"], done.stdout


class _Checker(HTMLParser):
    VOID = {"meta", "br", "link", "img", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()


def test_the_html_page_is_well_formed_self_contained_and_escaped(tmp_path):
    write(tmp_path, "x.json", report("<script>alert('x')</script> & Co", 1))
    write(tmp_path, "broken.json", "{")
    out_html = tmp_path / "out" / "page.html"
    out_html.parent.mkdir()  # a missing folder is refused, not created
    done = run(tmp_path, ".", "--html", str(out_html), "--csv", str(tmp_path / "out" / "c.csv"))
    assert done.returncode == 0, done.stderr
    page = out_html.read_text()
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert checker.external == [], "the page must not load anything"
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "broken.json" in page and "truncated" in page
    assert f"Wrote {tmp_path / 'out' / 'c.csv'}" in done.stdout or "c.csv" in done.stdout


def test_the_benchmark_runs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kata.workshop.class_report", "--bench", "20"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "20 synthetic reports" in done.stdout  # timing is printed, never asserted


def test_synthetic_reports_are_what_the_reader_accepts(tmp_path):
    class_report.synthetic_reports(tmp_path, 5, MANIFEST)
    found = class_report.collect([str(tmp_path)], MANIFEST)
    assert len(found.learners) == 5 and len(found.skipped) == 2


def own_tree(tmp_path: Path, ending: str = "\n_mine = True  # code of my own\n") -> Path:
    """A learner's tree whose exercise 01 is the reference plus `ending`."""
    tree = tmp_path / "exercises"
    tree.mkdir()
    (tree / f"{FIRST.module}.py").write_text((ROOT / FIRST.solution_path).read_text() + ending)
    return tree


def test_a_real_report_names_its_learner_and_kata_and_is_pristine(tmp_path):
    out = tmp_path / "ada.json"
    done = kata("grade", "01", "--tree", str(own_tree(tmp_path)), "--report", str(out),
                "--name", "Ada L.", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(out.read_text())
    assert data["learner"] == "Ada L."
    assert data["kata"] == {"name": MANIFEST.name, "version": MANIFEST.version}
    assert data["integrity"] == digests(ROOT)
    assert FIRST.spec_path in data["integrity"]["files"]
    assert "kata/judge/grade.py" in data["integrity"]["files"]
    done = run(tmp_path, "ada.json")
    assert done.returncode == 0, done.stderr
    assert rows(tmp_path)["Ada L."]["integrity"] == "ok"
    assert rows(tmp_path)["Ada L."]["done"] == "1"


def test_the_reference_answer_handed_in_as_it_is_does_not_count(tmp_path):
    """A copy of the reference with its comments changed is the same answer, token for
    token: graded done, flagged by class_report and not counted."""
    out = tmp_path / "bob.json"
    tree = own_tree(tmp_path, "# all my own work!\n")
    done = kata("grade", "01", "--tree", str(tree), "--report", str(out), "--name", "Bob",
                cwd=ROOT)
    assert done.returncode == 0 and json.loads(out.read_text())["summary"]["done"] == 1
    done = run(tmp_path, "bob.json")
    assert done.returncode == 0, done.stderr
    row = rows(tmp_path)["Bob"]
    assert row["done"] == "0" and row["claimed_done"] == "1"
    assert row["integrity"] == f"HANDS IN THE REFERENCE ANSWER: {FIRST.number}"
    assert row["status"] == "flagged"


# ---------------------------------------------------------------------------- the stuck view

def _known(number: str, answer: str) -> tuple[str, str]:
    """(a failure message with the phrase, the mistake's name) of a catalogued wrong answer."""
    entry = next(m for m in MISTAKES.exercises[number]["mistakes"] if m["answer"] == answer)
    return f"f(x) should be 1.0, got 2.0: did you {entry['phrase']}?", entry["mistake"]


def test_the_stuck_are_grouped_by_the_mistake_they_show(tmp_path):
    softmax = next(ex for ex in MANIFEST.exercises if ex.topic == "softmax")
    k = MANIFEST.exercises.index(softmax)
    message, mistake = _known(softmax.number, "no_max_shift")
    for name in ("Ada", "Bob", "Cy"):
        write(tmp_path, f"{name}.json", report(name, k, partial=1, message=message))
    write(tmp_path, "dee.json", report("Dee", k, partial=1, message="something else"))
    write(tmp_path, "eve.json", report("Eve", 0))
    write(tmp_path, "fay.json", report("Fay", 0))
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    stuck = done.stdout.split("Stuck (failing", 1)[1].splitlines()
    assert stuck[1] == (f"  {softmax.number} {softmax.title}: 3 learners: {mistake} "
                        "(Ada, Bob, Cy)")
    assert stuck[2].startswith(f"  {softmax.number} {softmax.title}: 1 learner: fails test_")
    assert "Not started yet (no spec passes): 2: Eve, Fay" in done.stdout
    hardest = done.stdout.split("Hardest spec", 1)[1].splitlines()[1]
    assert hardest == f"  {softmax.number} test_{softmax.topic}_1: failed by 4 of 4"
    assert rows(tmp_path)["Ada"]["mistake"] == mistake
    page = (tmp_path / "class_report.html").read_text()
    assert f"<strong>3 learners</strong>: {softmax.number} {html.escape(mistake)}" in page


@pytest.mark.timeout(300)  # it collects every spec file in a child pytest
def test_the_mistake_index_is_current():
    """kata/workshop/mistakes.json ships in hand-outs; regenerate it with
    `python -m kata.workshop.mistakes --write` after changing a spec or a wrong answer."""
    made = mistakes.dumps(mistakes.index(MANIFEST, sys.executable))
    assert mistakes.INDEX.read_text(encoding="utf-8") == made, (
        "kata/workshop/mistakes.json is stale: run python -m kata.workshop.mistakes --write")
    data = json.loads(made)
    assert all(entry["specs"] > 0 and entry["mistakes"] for entry in data["exercises"].values())


def test_a_longer_phrase_wins_and_shared_phrases_name_every_mistake():
    index = mistakes.Mistakes({"01": {"specs": 3, "mistakes": [
        {"phrase": "bias", "mistake": "forgets the bias", "answer": "a"},
        {"phrase": "bias once", "mistake": "adds the bias to every product", "answer": "b"},
        {"phrase": "log(0)", "mistake": "no clipping", "answer": "c"},
        {"phrase": "log(0)", "mistake": "clips above only", "answer": "d"}]}})
    assert index.name("01", "Add the BIAS ONCE per neuron") == "adds the bias to every product"
    assert index.name("01", "the bias is missing") == "forgets the bias"
    assert index.name("01", "log(0) is -inf") == "clips above only / no clipping"
    assert index.name("01", "nothing known") == "" and index.name("99", "bias") == ""


# ---------------------------------------------------------------------------- hostile files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_no_file_can_stop_or_hang_the_report(tmp_path):
    write(tmp_path, "ada.json", report("Ada", 1))
    write(tmp_path, "digits.json", '{"schema": "kata-report/1", "n": ' + "9" * 5000 + "}")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "x.json")
    big = tmp_path / "big.json"
    with open(big, "wb") as out:
        out.truncate(60 * 2**20)  # sparse: 60 MB of zeros
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    skipped = done.stdout.split("Skipped", 1)[1]
    for name, reason in (("digits.json", "5000-digit number"), ("loop.json", "cannot be read"),
                         ("zero.json", "not a regular file"), ("x.json", "not a regular file"),
                         ("big.json", "too large")):
        line = next(line for line in skipped.splitlines() if line.strip().startswith(name))
        assert reason in line, line
    assert list(rows(tmp_path)) == ["Ada"]


def test_a_folder_scan_says_what_it_did_not_read(tmp_path):
    write(tmp_path, "Sam_report.JSON", report("Sam", 1))
    write(tmp_path, "report.json.txt", report("Tim", 1))
    write(tmp_path, "notes.md", "# notes")
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    assert list(rows(tmp_path)) == ["Sam"]
    ignored = done.stdout.split("Not read (only files named *.json are):", 1)[1]
    assert "report.json.txt: its name does not end in .json" in ignored
    assert "1 other file(s): not named *.json" in ignored


def test_names_are_escaped_on_the_terminal_and_inert_in_a_spreadsheet(tmp_path):
    write(tmp_path, "a.json", report("=HYPERLINK(\"http://x\")", 1))
    write(tmp_path, "b.json", report("\x1b[2J\x1b[31mRed\u202eevil", 1))
    write(tmp_path, "c.json", report("-2+3", 1))
    write(tmp_path, "d.json", report("Zoë Ünal", 1))
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout
    assert "\\x1b[2J\\x1b[31mRed\\u202eevil" in done.stdout
    raw = (tmp_path / "class_report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8 names"
    names = set(rows(tmp_path))
    assert names == {"'=HYPERLINK(\"http://x\")", "\\x1b[2J\\x1b[31mRed\\u202eevil", "'-2+3",
                     "Zoë Ünal"}


def test_outputs_are_written_all_or_none(tmp_path):
    write(tmp_path, "ada.json", report("Ada", 1))
    for option in ("--html", "--csv"):
        done = run(tmp_path, "ada.json", option, "/")
        assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "is a folder" in done.stderr
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o500)
    try:
        done = run(tmp_path, "ada.json", "--html", "locked/page.html")
        if os.geteuid() != 0:  # root writes anywhere
            assert done.returncode != 0 and "Traceback" not in done.stderr
    finally:
        (tmp_path / "locked").chmod(0o700)
    if done.returncode != 0:
        assert not (tmp_path / "class_report.csv").exists()
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "locked").iterdir()) \
        or done.returncode == 0


@pytest.mark.parametrize("args, says", [
    (["", "ada.json"], "A report or folder name cannot be blank ('' was given)"),
    (["ada.json", " "], "A report or folder name cannot be blank (' ' was given)"),
    (["--csv", "", "ada.json"], "--csv needs a file name ('' was given)."),
    (["--html=", "ada.json"], "--html needs a file name ('' was given)."),
])
def test_a_blank_name_is_refused_not_read_as_this_folder(tmp_path, args, says):
    """`class_report "$DIR"` with DIR unset read every .json under the folder it ran in."""
    write(tmp_path, "ada.json", report("Ada", 3))
    done = run(tmp_path, *args)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip().startswith(says) and done.stdout == "", done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ada.json"]


def test_a_bad_bench_count_is_one_sentence(tmp_path):
    for count in ("-3", "0", "many"):
        done = run(tmp_path, "--bench", count)
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# ---------------------------------------------------------------------------- counts

def test_counts_that_cannot_be_right_are_flagged(tmp_path):
    fewer = report("Des", 2)  # specs deselected: fewer than the kata has, all passing
    first = fewer["exercises"][0]
    first["specs"] = first["specs"][:3]
    first["passed"] = first["total"] = 3
    fewer["summary"]["specs"] -= MISTAKES.specs(FIRST.number) - 3
    fewer["summary"]["specs_passed"] -= MISTAKES.specs(FIRST.number) - 3
    more = report("Max", 1)
    more["exercises"][1].update(state="done", passed=99, total=3)
    summary = report("Sum", 1)
    summary["summary"]["done"] = len(MANIFEST.exercises)
    for data in (fewer, more, summary, report("Ann", 2)):
        write(tmp_path, f"{data['learner']}.json", data)
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert by_name["Ann"]["integrity"] == "ok" and by_name["Ann"]["done"] == "2"
    assert by_name["Des"]["integrity"].startswith(
        f"IMPOSSIBLE COUNTS: {FIRST.number}: 3 specs, this kata has")
    assert by_name["Des"]["done"] == "1" and by_name["Des"][f"ex{FIRST.number}"] == "suspect"
    assert "99/3 specs" in by_name["Max"]["integrity"] and by_name["Max"]["done"] == "1"
    assert "summary done disagrees" in by_name["Sum"]["integrity"]


# ---------------------------------------------------------------------------- tamper evidence

def _with(data: dict, files: dict[str, str | None], edits: dict[str, str] | None = None) -> dict:
    record = data["integrity"]
    for rel, digest in files.items():
        if digest is None:
            record["files"].pop(rel)
        else:
            record["files"][rel] = digest
    record["combined"] = integrity.combined_digest(record["files"])
    if edits is not None:
        record["edits"] = edits
    return data


def _edit(rel: str, change: Callable[[list[str]], list[str]]) -> tuple[str, str]:
    """(digest, unified diff) of the kata's own `rel` changed by `change`."""
    before = (ROOT / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    after = change(list(before))
    diff = "".join(difflib.unified_diff(before, after, f"a/{rel}", f"b/{rel}"))
    return hashlib.sha256("".join(after).encode()).hexdigest(), diff


def test_comments_and_scratch_files_are_not_tampering(tmp_path):
    spec = FIRST.spec_path
    index = next(i for i, line in enumerate((ROOT / spec).read_text().splitlines())
                 if line.startswith("    expect_"))

    def comment(lines: list[str]) -> list[str]:
        return [*lines[:index], "# my own note, nothing more\n", *lines[index:]]

    def disable(lines: list[str]) -> list[str]:
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        return [*lines[:index], f"{indent}pass  # {lines[index].strip()}\n", *lines[index + 1:]]

    digest, diff = _edit(spec, comment)
    write(tmp_path, "com.json", _with(report("Com", 2), {spec: digest}, {spec: diff}))
    digest, diff = _edit(spec, disable)
    write(tmp_path, "dis.json", _with(report("Dis", 2), {spec: digest}, {spec: diff}))
    real, _ = _edit(spec, disable)
    _, lie = _edit(spec, comment)  # a comment-only diff that is not the learner's file
    write(tmp_path, "lie.json", _with(report("Lie", 2), {spec: real}, {spec: lie}))
    cut = diff[: len(diff) // 2]  # a diff the report bounded: cannot prove anything
    write(tmp_path, "cut.json", _with(report("Cut", 2), {spec: digest}, {spec: cut}))
    write(tmp_path, "scr.json", _with(report("Scr", 2), {"tests/test_scratch.py": "4" * 64}))
    write(tmp_path, "cft.json", _with(report("Cft", 2), {"tests/extra/conftest.py": "5" * 64,
                                                           "kata/helper.py": "6" * 64}))
    write(tmp_path, "gone.json", _with(report("Gone", 2), {spec: None}))
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert by_name["Com"]["integrity"] == "ok" and by_name["Com"]["done"] == "2"
    assert f"comments changed in {spec}" in by_name["Com"]["notes"]
    assert by_name["Scr"]["integrity"] == "ok" and by_name["Scr"]["done"] == "2"
    assert "added tests/test_scratch.py (never run by grading)" in by_name["Scr"]["notes"]
    for name in ("Dis", "Lie", "Cut", "Gone"):
        assert by_name[name]["integrity"] == f"EDITED: {spec}", name
        assert by_name[name]["done"] == "1", name
    assert by_name["Cft"]["integrity"] == "EDITED: tests/extra/conftest.py"
    assert by_name["Cft"]["done"] == "0"
    page = (tmp_path / "class_report.html").read_text()
    assert "pass  # " in page, "a real edit shows its diff on the page"


def test_several_references_each_accepted(tmp_path):
    """Two hand-out versions were given out: a report matching either one is pristine."""
    old = tmp_path / "v1"
    for rel in integrity.grading_files(ROOT):
        (old / rel).parent.mkdir(parents=True, exist_ok=True)
        (old / rel).write_bytes((ROOT / rel).read_bytes())
    (old / FIRST.spec_path).write_text((ROOT / FIRST.spec_path).read_text() + "\nX = 1\n")
    v1 = integrity.file_digest(old / FIRST.spec_path)
    ann = _with(report("Ann", 2), {FIRST.spec_path: v1})
    first = ann["exercises"][0]  # that version had 3 specs: not an impossible count
    first["specs"], first["passed"], first["total"] = first["specs"][:3], 3, 3
    ann["summary"]["specs"] = sum(ex["total"] for ex in ann["exercises"])
    ann["summary"]["specs_passed"] = sum(ex["passed"] for ex in ann["exercises"])
    write(tmp_path, "a.json", ann)
    write(tmp_path, "b.json", report("Ben", 2))
    done = run(tmp_path, "a.json", "b.json", "--reference", str(old), "--reference", str(ROOT))
    assert done.returncode == 0, done.stderr
    assert {row["integrity"] for row in rows(tmp_path).values()} == {"ok"}
    done = run(tmp_path, "a.json", "b.json")
    assert rows(tmp_path)["Ann"]["integrity"] == f"EDITED: {FIRST.spec_path}"


def _diff(before: str, after: str) -> str:
    """A unified diff as reports carry it: a last line without a newline is marked."""
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=2)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def test_apply_diff_is_exact():
    before = "a\nb\nc\n"
    after = "a\nB\nc\nd"
    assert class_report.apply_diff(before, _diff(before, after)) == after
    assert class_report.apply_diff(after, _diff(after, before)) == before
    assert class_report.apply_diff("", _diff("", after)) == after, "an added file"
    long = "".join(f"line {k}\n" for k in range(40))
    changed = long.replace("line 5\n", "line 5 # note\n").replace("line 30\n", "")
    assert class_report.apply_diff(long, _diff(long, changed)) == changed
    diff = _diff(before, after + "\n")
    assert class_report.apply_diff("x\nb\nc\n", diff) is None
    assert class_report.apply_diff(before, "not a diff") is None
    assert class_report.apply_diff(before, diff.replace("+B", "+B\n+extra")) is None


def test_a_comment_the_instructor_changed_after_handing_out_flags_nobody(tmp_path):
    """The instructor's tree (a git repository) has a comment changed since the hand-out:
    learners with the committed earlier version are pristine, unless it differs in code."""
    tree = tmp_path / "kata"
    for rel in integrity.grading_files(ROOT):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_bytes((ROOT / rel).read_bytes())
    spec = tree / FIRST.spec_path
    pristine = spec.read_text()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                       cwd=tree, check=True, capture_output=True, timeout=30)

    git("init", "-q")
    spec.write_text(pristine + "\nWEAKER = True\n")  # an older version with other code
    git("add", "-A")
    git("commit", "-qm", "older")
    older = integrity.file_digest(spec)
    spec.write_text(pristine)
    git("commit", "-qam", "handed out")
    spec.write_text("# A note the instructor added after handing out.\n" + pristine)
    write(tmp_path, "ann.json", report("Ann", 2))  # the version handed out
    write(tmp_path, "old.json", _with(report("Old", 2), {FIRST.spec_path: older}))
    done = run(tmp_path, "ann.json", "old.json", "--reference", str(tree))
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert by_name["Ann"]["integrity"] == "ok"
    assert by_name["Old"]["integrity"] == f"EDITED: {FIRST.spec_path}"


def test_waiting_for_an_earlier_exercise_is_not_being_stuck():
    """In a sealed hand-out an exercise whose specs need an unfinished earlier one is
    `blocked`: that learner is between exercises, not stuck on a mistake."""
    data = report("Bea", 1)
    data["exercises"][1]["state"] = "blocked"
    for spec in data["exercises"][1]["specs"]:
        spec["kind"] = "needs"
    refs = class_report.references_of([ROOT])
    bea = class_report.judge("bea.json", data, refs, MANIFEST.version)
    assert bea.status == "ready" and bea.trouble == ""
    found = class_report.assemble(MANIFEST, [bea], [])
    assert found.stuck() == [] and found.hardest() == []


def test_no_absolute_path_reaches_the_outputs(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(elsewhere, "ada.json", report("Ada", 1))
    here = tmp_path / "here"
    here.mkdir()
    done = run(here, str(elsewhere / "ada.json"))
    assert done.returncode == 0, done.stderr
    for text in (done.stdout, (here / "class_report.csv").read_text(encoding="utf-8-sig"),
                 (here / "class_report.html").read_text()):
        assert str(tmp_path) not in text
    assert rows(here)["Ada"]["file"] == "ada.json"


def test_a_file_beside_the_kata_that_plain_pytest_would_import_is_a_grading_file(tmp_path):
    """Under plain pytest (the Classroom path) the kata's folder and tests/ are on sys.path:
    a json.py, a numpy/ package or a sourceless pytest_timeout.pyc there would stand in for
    the real module. A scratch file named like nothing pytest imports is no grading file."""
    for rel in ("json.py", "pytest_timeout.pyc", "tests/numpy/__init__.py", "scratch.py",
                "tests/notes.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    found = integrity.grading_files(tmp_path)
    assert {"json.py", "pytest_timeout.pyc", "tests/numpy/__init__.py"} <= set(found)
    assert "scratch.py" not in found and "tests/notes.txt" not in found


def test_exercises_this_kata_does_not_have_are_flagged(tmp_path):
    renumbered = report("Una", 4)
    for k, ex in enumerate(renumbered["exercises"]):
        ex["number"] = str(901 + k)
    write(tmp_path, "una.json", renumbered)
    write(tmp_path, "ann.json", report("Ann", 2))
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert "901: not an exercise of this kata" in by_name["Una"]["integrity"]
    assert by_name["Una"]["done"] == "0", "exercises this kata does not have counted as done"
    assert by_name["Ann"]["integrity"] == "ok" and by_name["Ann"]["done"] == "2"


def test_an_output_never_replaces_another_file_nor_makes_folders(tmp_path):
    ada = write(tmp_path, "ada.json", report("Ada", 1))
    before = ada.read_bytes()
    (tmp_path / "mine.py").write_text("x = 1\n")
    for args in (("--csv", "ada.json"), ("--html", "ada.json"), ("--csv", "mine.py"),
                 ("--csv", "same.out", "--html", "same.out"),
                 ("--html", "nowhere/page.html"),
                 ("--csv", str(ROOT / "exercises" / "ex05_relu.py"))):
        done = run(tmp_path, "ada.json", *args)
        assert done.returncode != 0, args
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, \
            done.stderr
        assert not (tmp_path / "class_report.csv").exists(), "it wrote before saying no"
    assert ada.read_bytes() == before and (tmp_path / "mine.py").read_text() == "x = 1\n"
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "same.out").exists()
    for _ in range(2):  # its own earlier outputs are replaced
        assert run(tmp_path, "ada.json").returncode == 0
    assert list(rows(tmp_path)) == ["Ada"]


@pytest.mark.parametrize("text", ["x = 1\x00\n", "def f(:\n", "s = '''\n", "\x00" * 3])
def test_files_that_do_not_tokenize_are_digested_as_text(text):
    """Python 3.12's tokenizer raises SystemError on a NUL byte: neither the report nor
    class_report may fall over on a learner's broken file."""
    from kata.integrity import token_digest

    assert len(token_digest("exercises/ex01_neuron.py", text.encode())) == 64
    assert class_report._code_tokens(text) is None or isinstance(class_report._code_tokens(text),
                                                                  list)


# ---------------------------------------------------------------------------- red team (rtG)

def test_a_reference_that_is_not_this_kata_is_refused(tmp_path):
    """A mistyped --reference would accuse the whole class of editing their specs."""
    write(tmp_path, "ada.json", report("Ada", 1))
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "pyproject.toml").write_text("[project\n")
    for folder in ("bare", "broken", ""):
        done = run(tmp_path, "ada.json", "--reference", folder)
        assert done.returncode == 2, done.stdout
        assert done.stderr.strip().splitlines() == [done.stderr.strip()]
        assert "--reference" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "class_report.csv").exists()


def test_the_states_read_are_the_states_the_grader_writes():
    from kata.judge.grade import STATES
    from kata.judge.report import STATES as READ

    assert READ == set(STATES)


def test_unknown_states_and_impossible_dates_are_not_accepted_silently(tmp_path):
    wibble = report("Wib", 1)
    wibble["exercises"][0]["state"] = "wibble"
    undated, numbered, future = report("Und", 1), report("Num", 1), report("Fut", 1)
    undated["created"], numbered["created"] = "not a date", 12345
    future["created"] = "9999-12-31T23:59:59+00:00"
    for data in (wibble, undated, numbered, future, report("Ann", 1)):
        write(tmp_path, f"{data['learner']}.json", data)
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stderr
    by_name = rows(tmp_path)
    assert set(by_name) == {"Ann", "Fut"}, "malformed reports were read as fine"
    assert "exercises[0].state is 'wibble'" in done.stdout
    assert "created is not a date" in done.stdout
    assert by_name["Ann"]["integrity"] == "ok"
    assert by_name["Fut"]["integrity"].startswith("DATED IN THE FUTURE"), by_name["Fut"]


# ---------------------------------------------------------------------------- red team (rtD)

def partial(learner: str, graded: int) -> dict:
    """A report of the first `graded` exercises only, all done: the others never graded."""
    full = report(learner, graded)
    data = report_data(MANIFEST, [], learner=learner, previous=full)
    data["exercises"] = data["exercises"][:graded]
    data["graded"] = {k: v for k, v in data["graded"].items()
                      if k in {e["number"] for e in data["exercises"]}}
    data["summary"].update(done=graded, specs_passed=sum(e["passed"] for e in data["exercises"]),
                           specs=sum(e["total"] for e in data["exercises"]))
    return data


def test_exercises_never_graded_count_as_not_started(tmp_path):
    """A report of exercise 01 alone is 1 of the kata's exercises done, never "finished";
    a report written before the summary counted the kata's exercises reads the same."""
    n = len(MANIFEST.exercises)
    cleo = partial("Cleo", 1)
    assert cleo["summary"]["exercises"] == n
    old = partial("Olga", 1)
    old["summary"]["exercises"] = 1  # what kata-report/1 wrote before
    write(tmp_path, "cleo.json", cleo)
    write(tmp_path, "olga.json", old)
    done = run(tmp_path, ".")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(all done)" not in done.stdout
    assert "0 of 2 finished every exercise" in done.stdout
    for name, row in rows(tmp_path).items():
        assert (row["done"], row["exercises"]) == ("1", str(n)), name
        assert row["status"] == "ready" and row["first_unfinished"] == SECOND.number, name
        assert row["first_unfinished_state"] == "not_started", name
        assert row["integrity"] == "ok", name
        assert int(row["specs"]) == sum(MISTAKES.specs(ex.number) for ex in MANIFEST.exercises)
    line = next(line for line in done.stdout.splitlines() if line.startswith("Cleo"))
    assert f"1/{n}" in line and f"{SECOND.number} {SECOND.title[:20]}" in line
    refs = class_report.references_of([ROOT])
    x = class_report.judge("cleo.json", cleo, refs, MANIFEST.version, manifest=MANIFEST)
    assert x.status == "ready" and x.exercises == n and x.first[0] == SECOND.number


def test_a_file_named_twice_is_read_once(tmp_path):
    reports = tmp_path / "reports"
    (reports / "late").mkdir(parents=True)
    write(reports, "cleo.json", report("Cleo", 1))
    write(reports / "late", "dan.json", report("Dan", 2))
    done = run(tmp_path, "reports", "reports/cleo.json", "reports", "reports/late",
               "./reports/late/dan.json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": 2 learner report(s)" in done.stdout
    assert "reports with this name" not in done.stdout
    assert sorted(rows(tmp_path)) == ["Cleo", "Dan"]


def test_what_the_summary_says_is_what_it_found(tmp_path):
    """The files written are named as given, not by their name alone, and a learner flagged
    for one reason is not summed up as flagged for another."""
    out = tmp_path / "out"
    out.mkdir()
    tree = own_tree(tmp_path, "# all my own work!\n")
    done = kata("grade", "01", "--tree", str(tree), "--report", str(tmp_path / "bob.json"),
                "--name", "Bob", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    write(tmp_path, "ann.json", report("Ann", 1))
    done = run(tmp_path, "bob.json", "ann.json", "--csv", str(out / "c.csv"),
               "--html", "out/c.html")
    assert done.returncode == 0, done.stderr
    assert f"Wrote {out / 'c.csv'} and out/c.html (open the page in a browser)." in done.stdout
    assert "0 of 2 finished every exercise; 1 flagged: 1 for handing in a reference answer." \
        in done.stdout
    assert "edited or unverifiable" not in done.stdout
    done = run(tmp_path, "ann.json", "--csv", "c.csv", "--html", "c.html")
    assert "; nobody flagged." in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for a Python")
def test_the_mistake_index_is_never_made_without_pytest(tmp_path):
    """Zero specs everywhere would turn off the check of impossible counts: a Python that
    cannot collect the specs makes no index, and says why in one sentence."""
    bare = tmp_path / "python"
    bare.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')  # no site-packages
    bare.chmod(0o755)
    with pytest.raises(manifest.KataError, match="Could not count the specs.*pytest") as no:
        mistakes.index(MANIFEST, str(bare))
    assert "\n" not in str(no.value) and "No module named pytest" in str(no.value)


@pytest.mark.parametrize("args", [["--wirte"], ["--write", "--check"], ["extra"]])
def test_the_mistake_tool_refuses_what_it_does_not_know(args):
    before = mistakes.INDEX.read_bytes()
    done = subprocess.run([sys.executable, "-m", "kata.workshop.mistakes", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout
    assert done.stdout == "" and done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "Traceback" not in done.stderr and mistakes.INDEX.read_bytes() == before
