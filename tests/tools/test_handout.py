"""`nox -s handout`: a learner copy that gives no answer away and works on its own.

The hand-out is built once from a scratch copy of the kata whose own exercises/ has
been edited (an instructor trying things), with a class list lying beside it. The scan
here is written independently of kata.workshop.handout's own: every fenced region of every
solution, and every distinctive line of one, must be absent from every file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kata import manifest
from kata.authoring import stubs
from kata.integrity import digests
from kata.workshop import handout

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = manifest.load()
SOLVED = [ex for ex in MANIFEST.exercises if (ROOT / ex.solution_path).is_file()]
DISTINCTIVE = 20


def kata(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kata", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180,
                          env={**os.environ, "KATA_PYTHON": sys.executable})


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch instructor's tree: edited exercises, a class list, local state."""
    copy = tmp_path_factory.mktemp("instructor") / "kata"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".kata", "__pycache__", "*_cache"))
    (copy / "exercises" / "ex01_neuron.py").write_text("def neuron(*a):\n    return 42.0\n")
    (copy / "class_list.csv").write_text("Ada L.,ada@example.org\n")
    (copy / ".kata").mkdir()
    (copy / ".kata" / "report.json").write_text("{}")
    return copy


@pytest.fixture(scope="module")
def built(source: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("out") / "nn-kata"
    done = kata("handout", str(target), cwd=source)
    assert done.returncode == 0, done.stdout + done.stderr
    return target, done.stdout


@pytest.fixture(scope="module")
def folder(built: tuple[Path, str]) -> Path:
    return built[0]


# ---------------------------------------------------------------------------- the scan

def regions(text: str) -> tuple[list[list[str]], set[str]]:
    """The fenced regions of a solution (stripped non-blank lines) and its other lines."""
    found, outside, region = [], set(), None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "### BEGIN SOLUTION":
            region = []
        elif stripped == "### END SOLUTION":
            found.append(region)
            region = None
        elif region is not None:
            if stripped:
                region.append(stripped)
        elif stripped:
            outside.add(stripped)
    return found, outside


def solution_bodies() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(region text, solution) and (distinctive line, solution) for every solution."""
    given: set[str] = set()
    fenced = []
    for ex in SOLVED:
        text = (ROOT / ex.solution_path).read_text()
        found, outside = regions(text)
        given |= outside
        given |= {line.strip() for line in stubs.make_stub(text).splitlines()}
        fenced += [(region, ex.solution_path) for region in found]
    bodies, lines = [], []
    for region, source in fenced:
        own = [line for line in region if line not in given]
        lines += [(line, source) for line in own if len(line) >= DISTINCTIVE]
        if own:
            bodies.append(("\n".join(region), source))
    return bodies, lines


def scan(files: dict[str, str]) -> list[str]:
    bodies, lines = solution_bodies()
    found = []
    for rel, text in files.items():
        stripped = [line.strip() for line in text.splitlines()]
        normal = "\n" + "\n".join(line for line in stripped if line) + "\n"
        found += [f"{rel} holds a fenced region of {source}" for body, source in bodies
                  if f"\n{body}\n" in normal]
        shown = set(stripped)
        found += [f"{rel} has {line!r} from {source}" for line, source in lines if line in shown]
        if rel.startswith(("exercises/", "tests/")) and "### BEGIN SOLUTION" in shown:
            found.append(f"{rel} has a solution fence")
    return found


def tree_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", "replace")
            for p in folder.rglob("*") if p.is_file() and ".git" not in p.relative_to(folder).parts}


def test_the_scan_catches_a_planted_solution():
    assert SOLVED, "no solution to scan for"
    body = (ROOT / SOLVED[-1].solution_path).read_text()
    assert scan({"exercises/leak.py": body}), "the scan would not notice a whole solution"
    bodies, lines = solution_bodies()
    assert bodies and lines


def test_no_file_of_the_handout_reveals_a_solution(folder):
    files = tree_files(folder)
    assert "exercises/ex01_neuron.py" in files and "tests/conftest.py" in files
    assert scan(files) == []


def test_no_file_of_the_zip_reveals_a_solution(folder):
    with zipfile.ZipFile(folder.with_name(folder.name + ".zip")) as archive:
        names = archive.namelist()
        files = {n.split("/", 1)[1]: archive.read(n).decode("utf-8", "replace")
                 for n in names if "/.git/" not in n and not n.endswith("/")}
    assert all(n.startswith(f"{folder.name}/") for n in names)
    assert f"{folder.name}/.git/HEAD" in names, "the zip should carry the git history for reset"
    assert set(files) == set(tree_files(folder))
    assert scan(files) == []


def test_what_is_left_out(folder):
    rels = set(tree_files(folder))
    for prefix in ("solutions/", "tests/wrong_answers/", "tests/tools/", ".nox/", ".kata/",
                   "kata/authoring/verify.py", "class_list.csv"):
        assert not any(r.startswith(prefix) for r in rels), prefix
    assert not any("__pycache__" in r or "_cache/" in r for r in rels)
    readme = (folder / "README.md").read_text()
    assert "## Instructors" not in readme and "## Maintainers" not in readme
    assert "## Handing in" in readme


def test_exercises_are_freshly_generated_stubs(folder, source):
    generated = stubs.generated_stubs(MANIFEST, source)
    assert {f"exercises/{p.name}" for p in (folder / "exercises").glob("*.py")} == set(generated)
    for rel, text in generated.items():
        assert (folder / rel).read_text() == text, f"{rel} is not the pristine stub"


def test_it_is_a_fresh_git_repository_whose_first_commit_holds_the_stubs(folder):
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                              check=True).stdout

    assert len(git("log", "--format=%H").split()) == 1
    assert git("status", "--porcelain") == ""
    assert git("show", "HEAD:exercises/ex01_neuron.py") == stubs.pristine_stub(
        MANIFEST, "ex01_neuron")


def test_it_grades_to_zero_and_resets_without_solutions(folder):
    done = kata("grade", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().splitlines()[-1] == f"0/{len(MANIFEST.exercises)} exercises done"
    stub = folder / "exercises" / "ex02_layer.py"
    pristine = stub.read_text()
    stub.write_text("# my attempt\n")
    done = kata("reset", "02", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert stub.read_text() == pristine
    assert [p.read_text() for p in (folder / ".kata" / "backups").iterdir()] == ["# my attempt\n"]
    assert subprocess.run(["git", "status", "--porcelain"], cwd=folder, capture_output=True,
                          text=True).stdout == "", "grading or reset left untracked files"


@pytest.mark.parametrize("command", ["verify", "stubs", "bench"])
def test_maintainers_commands_say_it_is_a_handout(folder, command):
    done = kata(command, cwd=folder)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "hand-out" in done.stderr


def test_the_digests_of_an_untouched_handout_are_the_instructors(folder, source):
    assert digests(folder) == digests(source)
    assert "tests/conftest.py" in digests(folder)["files"]


def test_github_classroom_awards_points_per_exercise(folder):
    workflow = (folder / ".github" / "workflows" / "classroom.yml").read_text()
    assert "pip install numpy pytest pytest-timeout" in workflow
    ids = []
    for ex in MANIFEST.exercises:
        ids.append(f"ex{ex.number}")
        step = workflow.split(f"        id: ex{ex.number}\n", 1)[1].split("      - name:", 1)[0]
        assert "uses: classroom-resources/autograding-command-grader@v1" in step
        assert f"command: python -m pytest {ex.spec_path} -q" in step
        assert f"max-score: {handout.POINTS}" in step
        assert f'EX{ex.number}_RESULTS: "${{{{steps.ex{ex.number}.outputs.result}}}}"' in workflow
    assert "uses: classroom-resources/autograding-grading-reporter@v1" in workflow
    assert f"runners: {','.join(ids)}\n" in workflow
    assert "\t" not in workflow


def test_a_non_empty_folder_is_refused(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    done = kata("handout", str(target), cwd=ROOT)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "not empty" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert not (tmp_path / "taken.zip").exists()


def test_a_handout_that_would_leak_is_not_written(source, tmp_path):
    leaky = tmp_path / "leaky"
    shutil.copytree(source, leaky)
    spec = leaky / SOLVED[0].spec_path
    spec.write_text(spec.read_text() + "\n" + (leaky / SOLVED[0].solution_path).read_text())
    done = kata("handout", str(tmp_path / "out"), cwd=leaky)
    assert done.returncode != 0
    assert "reveal solution code" in done.stderr and "Traceback" not in done.stderr
    assert SOLVED[0].spec_path in done.stdout
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.zip").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["leaky"], "scratch files were left behind"


@pytest.mark.parametrize("args", [[], ["a", "b"], ["--points", "many", "x"]])
def test_bad_arguments_are_one_sentence(args):
    done = kata("handout", *args, cwd=ROOT)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "Traceback" not in done.stderr
