"""`nox -s class_report`: many learners' reports, one table, and edited specs never count.

Reports are made the way `nox` makes them (kata.judge.grade.report_data), so the schema the
grader writes and the one the class report reads cannot drift apart.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from kata import integrity, manifest
from kata.integrity import digests
from kata.judge.grade import Graded, report_data
from kata.judge.runner import SpecResult
from kata.workshop import class_report, mistakes

ROOT = Path(__file__).resolve().parents[2]
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


def test_a_real_report_names_its_learner_and_kata_and_is_pristine(tmp_path):
    out = tmp_path / "ada.json"
    done = kata("grade", "01", "--tree", "solutions", "--report", str(out), "--name", "Ada L.",
                cwd=ROOT)
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
