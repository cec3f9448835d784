"""`nox -s handout -- DIR`: the learner's copy of the kata, with no solution in it.

The hand-out is a folder (and DIR.zip beside it) holding what a learner needs and nothing
that gives an answer away:
  - exercises/ freshly generated from solutions/ (pristine stubs, whatever the
    instructor's own exercises/ looks like);
  - the specs, tests/conftest.py, the kata package, noxfile.py, pyproject.toml;
  - the README without its instructors' and maintainers' sections;
  - .github/workflows/classroom.yml: GitHub Classroom autograding, points per exercise.
Left out: solutions/, tests/wrong_answers/ and tests/tools/ (both need the solutions),
the maintainers' tools that only work with solutions/, caches and local state.

Before anything is written, every file is scanned for solution code (each fenced region
and each distinctive line of it); a hand-out that would reveal one is not written at all.
The folder is a fresh git repository whose first commit holds the pristine stubs, so
`nox -s reset` works there without solutions/.

Which files ship, and which decide grading, is said once, in `kata.integrity`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kata.authoring import stubs
from kata.integrity import SHIPPED_TOP, shipped_files
from kata.manifest import ROOT, KataError, Manifest, Parser

# README sections that are for instructors and maintainers, not learners.
README_LEFT_OUT = ("## Instructors", "## Maintainers")
DISTINCTIVE = 20  # a solution line this long (stripped) is recognisable anywhere
POINTS = 10  # GitHub Classroom points per exercise


# ---------------------------------------------------------------------------- leak scan

@dataclass(frozen=True)
class Fingerprints:
    """What solution code looks like: its fenced regions and their distinctive lines."""

    lines: dict[str, str]  # stripped line -> the solution it comes from
    regions: dict[str, str]  # stripped lines of a region joined by "\n" -> its solution


def _normal(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def fingerprints(manifest: Manifest, root: Path = ROOT) -> Fingerprints:
    """Fingerprints of every solution in the manifest.

    A line that also appears outside the fences of any solution (given code, which the
    stubs carry on purpose) is not a fingerprint; nor is a line shorter than DISTINCTIVE.
    """
    given: set[str] = set()
    regions: list[tuple[list[str], str]] = []
    for ex in manifest.exercises:
        path = root / ex.solution_path
        if not path.is_file():
            continue
        region: list[str] | None = None
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped == stubs.BEGIN:
                region = []
            elif stripped == stubs.END:
                if region:
                    regions.append((region, ex.solution_path))
                region = None
            elif region is not None:
                if stripped:
                    region.append(stripped)
            elif stripped:
                given.add(stripped)
    lines: dict[str, str] = {}
    whole: dict[str, str] = {}
    for region, source in regions:
        own = [line for line in region if line not in given]
        for line in own:
            if len(line) >= DISTINCTIVE:
                lines.setdefault(line, source)
        text = "\n".join(region)
        if own and len(text) >= DISTINCTIVE:
            whole.setdefault(text, source)
    return Fingerprints(lines, whole)


def _text_files(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(".git/") and rel != ".git":
            yield rel, path.read_bytes().decode("utf-8", errors="replace")


def leaks_in(rel: str, text: str, prints: Fingerprints) -> list[str]:
    """Where `text` (the file `rel`) shows solution code: one sentence each."""
    found = []
    normal = _normal(text)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped in prints.lines:
            found.append(f"{rel}:{number} has a line of {prints.lines[stripped]}: {stripped}")
        elif stripped in (stubs.BEGIN, stubs.END) and not rel.startswith("kata/"):
            found.append(f"{rel}:{number} has a solution fence")
    joined = "\n" + "\n".join(normal) + "\n"
    for region, source in prints.regions.items():
        if f"\n{region}\n" in joined:
            first = region.splitlines()[0]
            found.append(f"{rel} holds a whole fenced region of {source} ({first} ...)")
    return found


def leaks(folder: Path, prints: Fingerprints) -> list[str]:
    """Every place in `folder` (its .git excepted) that reveals solution code."""
    found = []
    for rel, text in _text_files(folder):
        found += leaks_in(rel, text, prints)
    return found


# ---------------------------------------------------------------------------- writing

def learner_readme(text: str) -> str:
    """The README without the sections meant for instructors and maintainers."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            skipping = line.rstrip().startswith(README_LEFT_OUT)
        if not skipping and "nox -s verify" not in line:  # verify needs solutions/
            out.append(line)
    return "".join(out).rstrip() + "\n\n" + HANDING_IN


HANDING_IN = """## Handing in

`nox` writes your progress to `.kata/report.json` each time it grades everything; hand
that file in if your instructor asks for it (`nox -- --name "Your Name"` puts your name
in it). The report records digests of the specs and the grading tools, so an edited spec
shows up. If this copy is a GitHub Classroom assignment, every push is graded there too
(`.github/workflows/classroom.yml`): each exercise whose specs all pass earns its points.
"""


def classroom_workflow(manifest: Manifest, points: int = POINTS) -> str:
    """GitHub Classroom autograding: one command-grader test per exercise, then the reporter."""
    ids = [f"ex{ex.number}" for ex in manifest.exercises]
    lines = [
        "# GitHub Classroom autograding: one test per exercise, each worth "
        f"{points} points when all",
        "# of its specs pass. Generated by `nox -s handout`; regenerate rather than edit.",
        "name: Autograding Tests",
        "'on':",
        "  - push",
        "  - workflow_dispatch",
        "  - repository_dispatch",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        "          python-version: '3.12'",
        "      - name: Install the specs' dependencies",
        "        run: python -m pip install numpy pytest pytest-timeout",
    ]
    for ex, test_id in zip(manifest.exercises, ids):
        lines += [
            f"      - name: {json.dumps(f'{ex.number} {ex.title}')}",
            f"        id: {test_id}",
            "        uses: classroom-resources/autograding-command-grader@v1",
            "        with:",
            f"          test-name: {json.dumps(f'{ex.number} {ex.module}')}",
            f"          command: python -m pytest {ex.spec_path} -q",
            "          timeout: 5",
            f"          max-score: {points}",
        ]
    lines += [
        "      - name: Autograding Reporter",
        "        uses: classroom-resources/autograding-grading-reporter@v1",
        "        env:",
        *[f'          {test_id.upper()}_RESULTS: "${{{{steps.{test_id}.outputs.result}}}}"'
          for test_id in ids],
        "        with:",
        f"          runners: {','.join(ids)}",
    ]
    return "\n".join(lines) + "\n"


GITIGNORE = ".nox/\n.kata/\n__pycache__/\n.pytest_cache/\n.ruff_cache/\n*.egg-info/\n"


def _write(folder: Path, rel: str, text: str) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _git(folder: Path, *args: str) -> str:
    identity = ["-c", "user.name=nn-kata hand-out", "-c", "user.email=handout@kata.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        done = subprocess.run(["git", *identity, *args], cwd=folder, capture_output=True,
                              text=True, timeout=60, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise KataError(f"A hand-out is a git repository, but git could not run ({exc}).") from None
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise KataError(f"`git {' '.join(args)}` failed in the hand-out: {reason}")
    return done.stdout.strip()


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")


def _check_target(target: Path, root: Path) -> Path:
    zipped = target.with_name(target.name + ".zip")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KataError(f"{target} already exists and is not empty: choose a new folder "
                        "(a hand-out never overwrites anything).")
    if zipped.exists():
        raise KataError(f"{zipped} already exists: move it away or choose another folder.")
    if target == root or root.is_relative_to(target):
        raise KataError(f"{target} holds the kata itself: choose a folder outside it.")
    if target.is_relative_to(root) and target.relative_to(root).parts[0] in SHIPPED_TOP:
        raise KataError(f"{target} is inside the kata's {target.relative_to(root).parts[0]}/ "
                        "folder, which the hand-out copies: choose a folder outside it.")
    return zipped


def build(target: Path, manifest: Manifest, root: Path = ROOT, *,
          points: int = POINTS) -> tuple[Path, list[str]]:
    """Write the hand-out to `target` and `target`.zip; returns the zip and the files."""
    target = target.resolve()
    zipped = _check_target(target, root)
    if not (root / "solutions").is_dir():
        raise KataError("This copy of the kata has no solutions/ (it is a hand-out itself): "
                        "build hand-outs from the instructor's copy.")
    generated = stubs.generated_stubs(manifest, root)
    prints = fingerprints(manifest, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        work = scratch / target.name
        work.mkdir()
        for rel in shipped_files(root):
            if rel == "README.md":
                _write(work, rel, learner_readme((root / rel).read_text(encoding="utf-8")))
            else:
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / rel, work / rel)
        for rel, text in generated.items():
            _write(work, rel, text)
        _write(work, ".github/workflows/classroom.yml", classroom_workflow(manifest, points))
        if not (work / ".gitignore").is_file():
            _write(work, ".gitignore", GITIGNORE)
        found = leaks(work, prints)
        if found:
            for leak in found:
                print(f"  {leak}")
            raise KataError(f"The hand-out would reveal solution code in {len(found)} place(s) "
                            "(listed above), so nothing was written.")
        files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
        _git(work, "init", "-q")
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "--no-verify", "-m",
             f"{manifest.title} {manifest.version}: the pristine hand-out")
        _zip(work, scratch / zipped.name)
        if target.exists():
            target.rmdir()  # checked empty above
        work.rename(target)
        (scratch / zipped.name).rename(zipped)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return zipped, files


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(
        prog="nox -s handout --", description="Write a learner's copy of the kata, "
        "without solutions, as a folder (a fresh git repository) and a zip beside it.")
    parser.add_argument("folder", help="where to write it: a new or empty folder")
    parser.add_argument("--points", type=int, default=POINTS,
                        help=f"GitHub Classroom points per exercise (default {POINTS})")
    args = parser.parse_args(argv)
    zipped, files = build(Path(args.folder), manifest, points=args.points)
    target = zipped.with_name(zipped.name.removesuffix(".zip"))
    count = len(manifest.exercises)
    lacking = [ex.number for ex in manifest.exercises if ex.stub_path not in files]
    if lacking:
        print(f"Note: exercise(s) {', '.join(lacking)} have no solution yet, so the hand-out "
              "has no stub for them.")
    print(f"Wrote the hand-out to {target} ({len(files)} files, a git repository whose "
          f"first commit holds the pristine stubs) and {zipped}.")
    print("Checked: no solution code inside; solutions/, wrong answers and the tools' own "
          "tests are left out.")
    print(f"Learners run `pip install nox` and `nox` there; it ends with `0/{count} "
          "exercises done`.")
    print("GitHub Classroom: use it as the assignment's template repository; "
          f".github/workflows/classroom.yml awards {args.points} points per exercise.")
    return 0
