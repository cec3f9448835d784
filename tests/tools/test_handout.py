"""`nox -s handout`: learner copies, open and sealed, that work on their own.

Each kind is built once from a scratch copy of the kata whose own exercises/ has been
edited (an instructor trying things), with a class list lying beside it. The scan here is
written independently of kata.workshop.handout's own: every fenced region of every
solution, and every distinctive line of one, must be absent from every file, except, in
the open hand-out, exactly the given reference copies that later solutions import.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kata import manifest
from kata.authoring import stubs
from kata.integrity import HANDOUT_RECORD, digests
from kata.workshop import handout

ROOT = Path(__file__).resolve().parents[2]
# A hang bound, not a speed test: these build hand-outs and grade whole katas in
# subprocesses, which on a busy machine takes minutes.
pytestmark = pytest.mark.timeout(300)
MANIFEST = manifest.load()
SOLVED = [ex for ex in MANIFEST.exercises if (ROOT / ex.solution_path).is_file()]
DISTINCTIVE = 20
KINDS = ("open", "sealed")


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
def builds(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    found = {}
    for kind in KINDS:
        target = tmp_path_factory.mktemp(kind) / "nn-kata"
        done = kata("handout", str(target), *(["--sealed"] if kind == "sealed" else []),
                    cwd=source)
        assert done.returncode == 0, done.stdout + done.stderr
        found[kind] = (target, done.stdout)
    return found


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def folder(builds: dict[str, tuple[Path, str]], kind: str) -> Path:
    return builds[kind][0]


def without_fences(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True)
                   if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def given_by_solutions() -> set[str]:
    """Modules some solution imports as kata.given.<module>, followed transitively."""
    wanted, todo = set(), [ex.module for ex in SOLVED]
    while todo:
        text = (ROOT / "solutions" / f"{todo.pop()}.py").read_text()
        for module in re.findall(r"^\s*from kata\.given\.(\w+) import", text, re.M):
            if module not in wanted:
                wanted.add(module)
                todo.append(module)
    return wanted


def allowed(kind: str) -> set[str]:
    return {f"kata/given/{m}.py" for m in given_by_solutions()} if kind == "open" else set()


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


def test_no_file_of_the_handout_reveals_a_solution_but_the_given_ones(folder, kind):
    files = tree_files(folder)
    assert "exercises/ex01_neuron.py" in files and "tests/conftest.py" in files
    given = {rel for rel in files if rel.startswith("kata/given/")} - {"kata/given/__init__.py"}
    assert given == allowed(kind)
    if kind == "open":
        assert given, "the solutions import nothing through kata.given?"
    assert scan({rel: text for rel, text in files.items() if rel not in given}) == []
    for rel in given:
        reference = without_fences((ROOT / "solutions" / rel.split("/")[-1]).read_text())
        assert files[rel].endswith(reference), f"{rel} is not its solution without fences"
        assert scan({rel: files[rel]}), "the scan should see the answers in a given file"


def test_no_file_of_the_zip_reveals_a_solution(folder, kind):
    with zipfile.ZipFile(folder.with_name(folder.name + ".zip")) as archive:
        names = archive.namelist()
        files = {n.split("/", 1)[1]: archive.read(n).decode("utf-8", "replace")
                 for n in names if "/.git/" not in n and not n.endswith("/")}
    assert all(n.startswith(f"{folder.name}/") for n in names)
    assert f"{folder.name}/.git/HEAD" in names, "the zip should carry the git history for reset"
    assert set(files) == set(tree_files(folder))
    assert scan({rel: text for rel, text in files.items() if rel not in allowed(kind)}) == []


def test_the_handout_and_its_readme_say_what_the_given_code_is(builds, kind):
    folder, output = builds[kind]
    readme = (folder / "README.md").read_text()
    if kind == "open":
        assert "contains the answers of earlier exercises" in output
        assert "## The given code contains answers" in readme
        assert "no solution code inside" not in output
    else:
        assert "no line of any reference solution inside" in output
        assert "## The given code contains answers" not in readme
        assert "## Your own code, all the way" in readme


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


def test_the_digests_are_recorded_and_the_sealed_ones_are_the_instructors(folder, kind, source):
    record = json.loads((folder / HANDOUT_RECORD).read_text())
    assert (record["version"], record["kind"]) == (1, kind)
    assert record["digests"] == digests(folder)
    assert "tests/conftest.py" in record["digests"]["files"]
    if kind == "sealed":
        assert digests(folder) == digests(source)
    else:  # the given copies are grading files too
        assert set(digests(folder)["files"]) - set(digests(source)["files"]) == allowed(kind)


def test_github_classroom_grades_with_the_kata_after_checking_the_digests(folder):
    workflow = (folder / ".github" / "workflows" / "classroom.yml").read_text()
    install = re.search(r"run: python -m pip install .*", workflow).group(0)
    for package in ("numpy", "pytest", "pytest-timeout"):
        assert re.search(rf" {package}==\d+(\.\d+)+\b", install), f"{package} is not pinned"
    check = workflow.index("from kata.integrity import main; sys.exit(main(['--check']))")
    assert workflow.index("python -I -c") < check < workflow.index("autograding-command-grader")
    ids = []
    for ex in MANIFEST.exercises:
        ids.append(f"ex{ex.number}")
        step = workflow.split(f"        id: ex{ex.number}\n", 1)[1].split("      - name:", 1)[0]
        assert "uses: classroom-resources/autograding-command-grader@v1" in step
        assert f"command: python -m kata grade {ex.number} --strict" in step
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


@pytest.mark.parametrize("args", [[], ["a", "b"], ["--points", "many", "x"],
                                  ["--points", "-5", "{tmp}/x"], ["{root}/solutions/x"],
                                  ["{root}/exercises"], ["--update", "{tmp}"], ["/"]])
def test_bad_arguments_are_one_sentence(args, tmp_path):
    before = sorted(p.name for p in (ROOT / "solutions").iterdir())
    args = [a.format(tmp=tmp_path, root=ROOT) for a in args]
    done = kata("handout", *args, cwd=ROOT)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (ROOT / "solutions").iterdir()) == before
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("points", ["1e26", "inf", "nan", "1e308", "1" + "0" * 30, "1000001",
                                    "0", "2.5", " 7", "\u0663"])
def test_points_out_of_range_are_refused_naming_the_range(points, tmp_path):
    done = kata("handout", str(tmp_path / "x"), "--points", points, cwd=ROOT)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "--points must be a whole number from 1 to 1,000,000" in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("points", ["1", "10", "0010", "1000000"])
def test_points_in_range_are_taken_as_they_are(points, monkeypatch):
    """The range's ends and a leading zero pass; the build itself is not run here."""
    class Built(Exception):
        pass

    def build(*args: object, points: int, **kwargs: object) -> None:
        raise Built(points)

    monkeypatch.setattr(handout, "build", build)
    with pytest.raises(Built) as built:
        handout.main(["x", "--points", points], MANIFEST)
    assert built.value.args == (int(points),)


@pytest.mark.parametrize("args, says", [
    (["{tmp}/notes.txt"], "{tmp}/notes.txt is a file, not a folder: choose a new or empty"),
    (["{tmp}/notes.txt/handout"], "{tmp}/notes.txt is a file, not a folder, so "
                                  "{tmp}/notes.txt/handout cannot be made inside it"),
    (["{tmp}/notes.txt", "--update"], "{tmp}/notes.txt is a file: --update adds"),
    (["{tmp}/missing", "--update"], "{tmp}/missing does not exist: --update adds"),
    (["{tmp}/taken"], "{tmp}/taken already exists and is not empty (and is no hand-out): "
                      "choose a new or empty folder."),
])
def test_an_output_that_cannot_be_a_handout_folder_is_one_plain_sentence(args, says, tmp_path):
    """Not "File exists" from deep inside, nor --update offered for a folder of notes."""
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    done = kata("handout", *[a.format(tmp=tmp_path) for a in args], cwd=ROOT)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert says.format(tmp=tmp_path) in done.stderr, done.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("inside", ["new-folder", "exercises/x"])
def test_a_folder_inside_the_kata_is_refused_naming_the_kata(inside, kata_copy):
    """Not "inside the kata's own folder (new-folder/)": the folder named is not the kata's."""
    done = kata("handout", inside, cwd=kata_copy)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip() == f"{kata_copy / inside} is inside the kata's own folder " \
        f"({kata_copy}): choose a folder outside it.", done.stderr
    assert not (kata_copy / inside).exists()


def test_an_empty_folder_that_cannot_be_removed_is_one_sentence(tmp_path, monkeypatch):
    """An empty mount point (a USB stick's top folder) cannot be removed to make way: that
    was "Could not handout: Device or resource busy"."""
    target = tmp_path / "usb"
    target.mkdir()
    rmdir = Path.rmdir

    def busy(self: Path) -> None:
        if self == target:
            raise OSError(16, "Device or resource busy", str(self))
        rmdir(self)

    monkeypatch.setattr(Path, "rmdir", busy)
    with pytest.raises(manifest.KataError, match=re.escape(
            f"{target} is empty but cannot be replaced by the hand-out (Device or resource "
            "busy; a mount point cannot): give a new folder inside it, or another one.")):
        handout.build(target, MANIFEST)
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of any bytes")
def test_a_folder_name_that_is_not_utf8_is_one_sentence(tmp_path):
    """zipfile raised UnicodeEncodeError, a traceback, after the build."""
    target = os.fsdecode(os.fsencode(tmp_path) + b"/hand\xffout")
    done = kata("handout", target, cwd=ROOT)
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.strip().endswith("hand\\udcffout: a folder name that is not UTF-8 text "
                                        "cannot name the zip's folder: choose another name.")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_holding_a_handout_is_pointed_to_update(builds):
    done = kata("handout", str(builds["open"][0]), cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.strip() == f"{builds['open'][0]} already holds a hand-out: add " \
        "--update to add a new version to it, or choose a new or empty folder."


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/1 is Linux's")
def test_a_folder_it_cannot_write_in_is_named_not_a_scratch_file():
    done = kata("handout", "/proc/1/handout", cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.startswith("Cannot write the hand-out in /proc/1: "), done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]


# ---------------------------------------------------------------------------- grading

def solved_copy(folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "learner"
    shutil.copytree(folder, copy)
    for ex in SOLVED:
        shutil.copy(ROOT / ex.solution_path, copy / ex.stub_path)
    return copy


def test_each_kind_grades_everything_done_with_the_solutions_copied_in(folder, tmp_path):
    copy = solved_copy(folder, tmp_path)
    done = kata("grade", "--name", "Ada", cwd=copy)
    assert done.returncode == 0, done.stdout + done.stderr
    count = len(MANIFEST.exercises)
    assert done.stdout.rstrip().splitlines()[-1] == f"{len(SOLVED)}/{count} exercises done"
    checked = kata_module("kata.integrity", "--check", cwd=copy)
    assert checked.returncode == 0, checked.stdout


def test_an_open_handout_keeps_the_answers_it_gives_closed_to_their_own_exercise(builds,
                                                                                 tmp_path):
    """The open hand-out ships kata/given/ex05_relu.py for exercise 08 to build on;
    exercise 05 itself cannot hand it in."""
    copy = solved_copy(builds["open"][0], tmp_path)
    (copy / "exercises" / "ex05_relu.py").write_text(
        "from kata.given.ex05_relu import *  # noqa: F403\n")
    (copy / "exercises" / "ex06_softmax.py").write_text(
        "from pathlib import Path\n"
        "exec(Path('kata/given/ex06_softmax.py').resolve().read_text())\n")
    done = kata("grade", "05", "06", "08", "--name", "Ada", cwd=copy)
    assert done.stdout.rstrip().splitlines()[-1] == "1/3 exercises done", done.stdout
    assert "kata.given.ex05_relu is the reference answer of exercise 05" in done.stdout


def kata_module(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_classroom_check_tells_edits_from_comments_and_scratch_files(builds, tmp_path):
    copy = tmp_path / "learner"
    shutil.copytree(builds["sealed"][0], copy)
    spec = copy / SOLVED[0].spec_path
    spec.write_text("# my notes on this spec\n" + spec.read_text() + "\n# the end\n")
    (copy / "tests" / "test_scratch.py").write_text("def test_mine():\n    assert True\n")
    checked = kata_module("kata.integrity", "--check", cwd=copy)
    assert checked.returncode == 0, checked.stdout
    spec.write_text(spec.read_text() + "\nexpect_close = print  # the lazy way to pass\n")
    (copy / "conftest.py").write_text("collect_ignore = []\n")
    (copy / "json.py").write_text("loads = dumps = None\n")
    checked = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.append('.'); "
                              "from kata.integrity import main; sys.exit(main(['--check']))"],
                             cwd=copy, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"{SOLVED[0].spec_path} was edited." in checked.stdout
    assert "conftest.py was added, and grading would run it." in checked.stdout
    assert "json.py was added, and Python would import it before" in checked.stdout


# ---------------------------------------------------------------------------- updates

def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org",
                           *args], cwd=folder, capture_output=True, text=True,
                          check=True).stdout


def test_an_update_is_a_new_commit_that_learners_pull_without_losing_work(source, tmp_path):
    instructor = tmp_path / "instructor"
    shutil.copytree(source, instructor)
    target = tmp_path / "handout"
    assert kata("handout", str(target), cwd=instructor).returncode == 0
    learner = tmp_path / "learner"
    subprocess.run(["git", "clone", "-q", str(target), str(learner)], check=True)
    mine = learner / "exercises" / "ex01_neuron.py"
    mine.write_text(mine.read_text() + "# my work, not committed\n")
    (learner / "exercises" / "ex02_layer.py").write_text("# my work, committed\n")
    git(learner, "commit", "-qam", "my exercise 02")

    spec = instructor / SOLVED[0].spec_path
    spec.write_text(spec.read_text() + "\n\ndef test_added_mid_workshop():\n    pass\n")
    stub = instructor / "solutions" / "ex02_layer.py"
    stub.write_text(stub.read_text() + "\n# a maintainer's note\n")
    done = kata("handout", str(target), "--update", cwd=instructor)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(git(target, "log", "--format=%H").split()) == 2, "not one commit on top"
    assert "exercises/ex02_layer.py" not in git(target, "show", "--name-only", "HEAD")
    assert json.loads((target / HANDOUT_RECORD).read_text())["version"] == 2

    done = kata("update", cwd=learner)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "version 2" in done.stdout
    assert (learner / SOLVED[0].spec_path).read_text() == spec.read_text()
    assert mine.read_text().endswith("# my work, not committed\n")
    assert (learner / "exercises" / "ex02_layer.py").read_text() == "# my work, committed\n"
    done = kata("grade", "--name", "Ada", cwd=learner)
    report = json.loads((learner / ".kata" / "report.json").read_text())
    assert report["handout"]["version"] == 2
    again = kata("handout", str(target), "--update", cwd=instructor)
    assert again.returncode == 0 and "Nothing changed" in again.stdout
    alone = kata("update", cwd=target)  # the hand-out itself has no origin
    assert alone.returncode != 0 and "nox -s update -- URL" in alone.stderr
    assert alone.stderr.strip().splitlines() == [alone.stderr.strip()]


def test_reports_carry_diffs_that_apply_and_comment_blind_digests(builds, tmp_path):
    from kata.workshop.class_report import apply_diff

    copy = tmp_path / "learner"
    shutil.copytree(builds["sealed"][0], copy)
    commented, edited = copy / SOLVED[0].spec_path, copy / SOLVED[1].spec_path
    pristine = {p: p.read_text() for p in (commented, edited)}
    commented.write_text("# my note\n\n" + pristine[commented] + "    # the end\n")
    edited.write_text(pristine[edited] + "\nexpect_close = print")  # no newline at the end
    (copy / "tests" / "test_scratch.py").write_text("def test_mine():\n    pass\n")
    assert kata("grade", "01", "--name", "Ada", cwd=copy).returncode == 0
    record = json.loads((copy / ".kata" / "report.json").read_text())["integrity"]
    built = json.loads((copy / HANDOUT_RECORD).read_text())["digests"]
    assert "tests/test_scratch.py" not in record["files"], "grading never runs it"
    assert set(record["edits"]) == {SOLVED[0].spec_path, SOLVED[1].spec_path}
    for path in (commented, edited):
        rel = path.relative_to(copy).as_posix()
        applied = apply_diff(pristine[path], record["edits"][rel])
        assert applied == path.read_text(), f"the diff of {rel} does not apply exactly"
        assert record["files"][rel] != built["files"][rel]
    assert record["tokens"][SOLVED[0].spec_path] == built["tokens"][SOLVED[0].spec_path]
    assert record["tokens"][SOLVED[1].spec_path] != built["tokens"][SOLVED[1].spec_path]
    assert {k: v for k, v in record.items() if k not in ("edits", "tokens")}.keys() == \
        {"algorithm", "combined", "files"}


# ---------------------------------------------------------------------------- red team (rtG)

def learner_copy(handout_folder: Path, tmp_path: Path) -> Path:
    learner = tmp_path / "learner"
    subprocess.run(["git", "clone", "-q", str(handout_folder), str(learner)], check=True)
    return learner


def repository(folder: Path) -> Path:
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "all of it")
    return folder


def test_update_takes_only_a_handout_of_this_kata(builds, source, tmp_path):
    """An option-shaped "address" runs nothing; the instructor's own kata (solutions and
    all), an unrelated repository or another kata's hand-out is refused, nothing changed."""
    learner = learner_copy(builds["open"][0], tmp_path)
    readme = (learner / "README.md").read_text()
    pwned = tmp_path / "pwned"
    for args in ([f"--upload-pack=touch {pwned}"], ["--", f"--upload-pack=touch {pwned}"]):
        done = kata("update", *args, cwd=learner)
        assert done.returncode == 2 and not pwned.exists(), done.stderr
        assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    instructor = tmp_path / "instructor"
    shutil.copytree(source, instructor)
    unrelated = tmp_path / "unrelated"
    unrelated.mkdir()
    (unrelated / "README.md").write_text("hi\n")
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(builds["open"][0]), str(other)], check=True)
    record = json.loads((other / HANDOUT_RECORD).read_text())
    (other / HANDOUT_RECORD).write_text(json.dumps({**record, "kata": "another-kata",
                                                    "version": 2}))
    (other / "README.md").write_text("another kata\n")
    git(other, "commit", "-qam", "another kata")
    for folder in (repository(instructor), repository(unrelated), other):
        done = kata("update", str(folder), cwd=learner)
        assert done.returncode == 2, done.stdout
        assert done.stderr.strip().splitlines() == [done.stderr.strip()]
        assert "not a hand-out of this kata" in done.stderr
        assert git(learner, "status", "--porcelain") == ""
        assert (learner / "README.md").read_text() == readme
    assert not (learner / "solutions").exists()
    assert not (learner / "HEAD").exists()


@pytest.mark.parametrize("address", ["", "  "])
def test_update_from_a_blank_address_is_one_plain_sentence(builds, address, tmp_path):
    """Not git's "fatal: no path specified; see 'git help pull' for valid url syntax"."""
    learner = learner_copy(builds["open"][0], tmp_path)
    done = kata("update", address, cwd=learner)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip() == f"No address to update from was given ({address!r}): leave " \
        "it out to use origin, or give the one your instructor shows.", done.stderr
    assert git(learner, "status", "--porcelain") == ""


@pytest.mark.parametrize("version", ['"2a"', "null", "[]", "1e400", "-5", "0", "true"])
def test_an_update_over_a_record_with_a_bad_version_changes_nothing(version, builds, source,
                                                                     tmp_path):
    target = tmp_path / "handout"
    shutil.copytree(builds["sealed"][0], target)
    path = target / HANDOUT_RECORD
    path.write_text(re.sub(r'"version": [^,]*,', f'"version": {version},', path.read_text()))
    git(target, "commit", "-qam", "a hand-edited record")
    instructor = tmp_path / "instructor"
    shutil.copytree(source, instructor)
    (instructor / "README.md").write_text((instructor / "README.md").read_text() + "\nnew\n")
    commits = git(target, "log", "--format=%H")
    done = kata("handout", str(target), "--update", cwd=instructor)
    assert done.returncode == 2, done.stdout
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "version" in done.stderr and "Traceback" not in done.stderr
    assert git(target, "status", "--porcelain") == "" and git(target, "log", "--format=%H") \
        == commits


def test_a_link_that_loops_is_one_sentence(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    for args in ([str(loop)], [str(loop), "--update"]):
        done = kata("handout", *args, cwd=ROOT)
        assert done.returncode == 2
        assert done.stderr.strip().splitlines() == [done.stderr.strip()]
        assert "loops" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["loop"]


# ---------------------------------------------------------------------------- red team (rtD)

def test_the_readme_lists_only_what_works_in_a_handout(builds, kind):
    """`nox -s solution` and train's `--tree solutions` need solutions/, which a hand-out has
    not; the paragraphs the hand-out adds are wrapped like the rest."""
    readme = (builds[kind][0] / "README.md").read_text()
    assert "nox -s solution" not in readme and "--tree solutions" not in readme
    assert "`--out PATH`." in readme, "the sentence around --tree solutions was cut"
    added = readme.split("## The given code" if kind == "open" else "## Your own code", 1)[1]
    assert [line for line in added.splitlines() if len(line) > 92] == []


@pytest.mark.parametrize("picture", ["spiral.png", "spiral-2.png", "binary.png", "sine.png",
                                     "regularization.png", "digits.png", "digits-12.png"])
def test_the_pictures_train_saves_are_ignored(builds, picture):
    folder = builds["open"][0]
    done = subprocess.run(["git", "check-ignore", "-q", picture], cwd=folder)
    assert done.returncode == 0, f"{picture} would be committed in a learner's repository"
    kept = subprocess.run(["git", "check-ignore", "-q", f"exercises/{picture}"], cwd=folder)
    assert kept.returncode == 1, "only the pictures train saves at the top are ignored"


def test_an_updated_zip_holds_what_is_committed_not_the_folder_s_local_files(builds, source,
                                                                              tmp_path):
    """The instructor tried the hand-out in its own folder (`nox`, `join`): its .kata/ (their
    name, the class they joined), .nox/ and .venv/ never reach the learners' zip."""
    target = tmp_path / "nn-kata"
    shutil.copytree(builds["open"][0], target, symlinks=True)
    for rel, text in ((".kata/name", "Instructor Name\n"), (".kata/class.json", "{}"),
                      (".nox/kata/big", "x"), (".venv/bin/python", "x"),
                      ("__pycache__/x.pyc", "x")):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text)
    git(target, "remote", "add", "origin", "https://token@example.org/class/nn-kata.git")
    instructor = tmp_path / "instructor"
    shutil.copytree(source, instructor)
    fixed = instructor / "kata" / "datasets.py"
    fixed.write_text(fixed.read_text() + "# a fix mid-workshop\n")
    done = kata("handout", str(target), "--update", cwd=instructor)
    assert done.returncode == 0 and "Added version 2" in done.stdout, done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / "nn-kata.zip") as archive:
        names = archive.namelist()
        config = archive.read("nn-kata/.git/config").decode()
    assert all(name.startswith("nn-kata/") for name in names)
    inside = {name.removeprefix("nn-kata/") for name in names}
    assert not {n for n in inside if n.startswith((".kata/", ".nox/", ".venv/", "__pycache__/"))}
    committed = set(git(target, "ls-files").split())
    assert {n for n in inside if not n.startswith(".git/")} == committed
    assert "token@" not in config, "the zip carries the instructor's remote"
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "nn-kata.zip") as archive:
        archive.extractall(unpacked)
    log = git(unpacked / "nn-kata", "log", "--format=%s")
    assert "version 2" in log.splitlines()[0] and len(log.splitlines()) == 2


def test_an_update_over_a_learner_s_commits_is_taken_once_and_is_not_their_edit(source,
                                                                                tmp_path):
    """The learner committed their work, so version 2 is checked out and staged, not merged:
    a second update says it is up to date (before their commit and after), and the
    instructor's change between the versions is never in the learner's recorded edits."""
    from kata.integrity import edits_against_handout, grading_files

    instructor = tmp_path / "instructor"
    shutil.copytree(source, instructor)
    target = tmp_path / "handout"
    assert kata("handout", str(target), cwd=instructor).returncode == 0
    learner = learner_copy(target, tmp_path)
    (learner / "exercises" / "ex02_layer.py").write_text("# my work, committed\n")
    git(learner, "commit", "-qam", "my work")
    fixed = instructor / "kata" / "datasets.py"
    fixed.write_text(fixed.read_text() + "# the instructor's note\n")
    assert kata("handout", str(target), "--update", cwd=instructor).returncode == 0

    done = kata("update", cwd=learner)
    assert done.returncode == 0 and "from version 1 to version 2" in done.stdout, done.stdout
    for _ in range(2):
        done = kata("update", cwd=learner)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.strip() == "Already up to date (version 2).", done.stdout
        git(learner, "commit", "-qm", "the update", "--allow-empty")

    def edits() -> dict[str, str]:
        raw = {rel: (learner / rel).read_bytes() for rel in grading_files(learner)}
        return edits_against_handout(learner, raw)

    assert edits() == {}, "the instructor's change between versions was taken for an edit"
    spec = learner / SOLVED[0].spec_path
    spec.write_text(spec.read_text() + "# the learner's note\n")
    assert set(edits()) == {SOLVED[0].spec_path}
