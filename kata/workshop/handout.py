"""`nox -s handout -- DIR`: the learner's copy of the kata, open or sealed.

The hand-out is a folder (and DIR.zip beside it) holding what a learner needs:
  - exercises/ freshly generated from solutions/ (pristine stubs, whatever the
    instructor's own exercises/ looks like);
  - the specs, tests/conftest.py, the kata package, noxfile.py, pyproject.toml;
  - the README without its instructors' and maintainers' sections;
  - .github/workflows/classroom.yml: GitHub Classroom autograding with the kata's own
    grader, points per exercise, after checking the grading files against the digests
    recorded in .kata-handout.json (with the hand-out's version and kind).
Left out: solutions/, tests/wrong_answers/, tests/right_answers/, tests/tools/ and
tests/equivalent_mutants.toml (they need the solutions, or quote them),
the maintainers' tools that only work with solutions/, caches and local state.

Open (the default): kata/given/ also holds the reference solution of every exercise that
a later solution imports through `kata.given` (transitively), fence lines removed, so a
learner stuck at 05 can still do 09. Those files are the answers of those exercises, and
the hand-out says so. Sealed (`--sealed`): kata/given/ holds only its __init__.py, and later
exercises import the learner's own earlier modules.

Before anything is written, every file (the given reference copies of an open hand-out
excepted) is scanned for solution code, each fenced region and each distinctive line of
it; a hand-out that would reveal one is not written at all. The folder is a git
repository whose first commit holds the pristine stubs, so `nox -s reset` works there
without solutions/; `--update` adds a new version on top of an existing one, as a commit
learners can pull, never touching exercises/ files it already has.

Which files ship, and which decide grading, is said once, in `kata.integrity`.
"""

from __future__ import annotations

import ast
import json
import shutil
import tempfile
import textwrap
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from kata.authoring import stubs
from kata.integrity import (
    HANDOUT_EMAIL,
    HANDOUT_RECORD,
    digests,
    git,
    handout_record,
    shipped_files,
)
from kata.manifest import ROOT, KataError, Manifest, Parser
from kata.text import chosen_number, clean

# README sections that are for instructors and maintainers, not learners.
README_LEFT_OUT = ("## Instructors", "## Maintainers")
DISTINCTIVE = 20  # a solution line this long (stripped) is recognisable anywhere
POINTS = 10  # GitHub Classroom points per exercise
MAX_POINTS = 1_000_000  # more is a typo (1e26), not a course
GIVEN = "kata/given"
# What the Classroom workflow installs, pinned: a push is graded by exactly these.
PINNED = ("numpy==2.4.6", "pytest==9.2.0", "pytest-timeout==2.4.0")
CI_PYTHON = "3.12"
# Before the checker runs, its own files are checked with nothing but the standard library
# (-I: no folder of the learner's on sys.path), against the digests recorded at build time;
# the checker itself then runs with this folder last on sys.path, so nothing here shadows
# the standard library while it looks.
CHECKER = ("kata/__init__.py", "kata/manifest.py", "kata/integrity.py")
CHECKER_CHECK = (
    "python -I -c \"import hashlib, json, sys; "
    f"files = json.load(open('{HANDOUT_RECORD}'))['digests']['files']; "
    "bad = [f for f in sys.argv[1:] if hashlib.sha256(open(f, 'rb').read().replace("
    "b'\\r\\n', b'\\n')).hexdigest() != files.get(f)]; "
    "sys.exit('edited: ' + ', '.join(bad) if bad else 0)\" " + " ".join(CHECKER),
)


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


def leaks(folder: Path, prints: Fingerprints, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Every place in `folder` (its .git and the `allowed` files excepted) that reveals
    solution code."""
    found = []
    for rel, text in _text_files(folder):
        if rel not in allowed:
            found += leaks_in(rel, text, prints)
    return found


# ---------------------------------------------------------------------------- given code

def _given_imports(text: str) -> set[str]:
    """The modules that `text` imports through kata.given."""
    prefix = GIVEN.replace("/", ".") + "."
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(prefix):
            found.add(node.module[len(prefix):].split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {a.name[len(prefix):].split(".")[0] for a in node.names
                      if a.name.startswith(prefix)}
    return found


def given_modules(manifest: Manifest, root: Path = ROOT) -> list[str]:
    """The exercise modules that some solution imports through kata.given, and those they
    import in turn: exactly the reference code an open hand-out has to ship."""
    known = {ex.module for ex in manifest.exercises if (root / ex.solution_path).is_file()}
    todo = list(known)
    seen: set[str] = set()
    needed: set[str] = set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        text = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        for wanted in _given_imports(text):
            if wanted not in known:
                raise KataError(f"solutions/{module}.py imports kata.given.{wanted}, but there "
                                f"is no solutions/{wanted}.py to give it from.")
            needed.add(wanted)
            todo.append(wanted)
    return sorted(needed)


def given_text(module: str, root: Path = ROOT) -> str:
    """The reference solution of `module` with its fence lines removed, under a header."""
    source = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    kept = [line for line in source.splitlines(keepends=True)
            if line.strip() not in (stubs.BEGIN, stubs.END)]
    number = module[2:4]
    header = (f"# Given code: the reference solution of exercise {number}, so the answer to "
              "it.\n# Later exercises import it through kata.given. Written by "
              "`nox -s handout`; do not edit.\n")
    return header + "".join(kept)


# ---------------------------------------------------------------------------- writing

def learner_readme(text: str, *, sealed: bool = False, given: list[str] | None = None) -> str:
    """The README without the sections meant for instructors and maintainers, with a
    paragraph on where the given code comes from and one on handing in."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            skipping = line.rstrip().startswith(README_LEFT_OUT)
        # What needs solutions/, which a hand-out has not: verify, `nox -s solution`, and
        # train's `--tree solutions` (each says "no solutions/ folder" there).
        if skipping or "nox -s verify" in line or line.startswith("| `nox -s solution"):
            continue
        out.append(line.replace(NEEDS_SOLUTIONS, ""))
    if sealed:
        about = SEALED_README
    else:
        numbers = ", ".join(module[2:4] for module in given or []) or "none"
        about = _wrapped(OPEN_README.format(numbers=numbers))
    return "".join(out).rstrip() + "\n\n" + about + "\n" + HANDING_IN


NEEDS_SOLUTIONS = ", `--tree solutions` (the reference, to compare with)"
WIDTH = 92  # the README's own line width


def _wrapped(section: str) -> str:
    """`section` (a heading, then paragraphs) with each paragraph wrapped to WIDTH."""
    heading, _, body = section.partition("\n\n")
    paragraphs = [textwrap.fill(" ".join(p.split()), WIDTH, break_on_hyphens=False,
                                break_long_words=False) for p in body.split("\n\n") if p.strip()]
    return heading + "\n\n" + "\n\n".join(paragraphs) + "\n"


OPEN_README = """## The given code contains answers

Later exercises build on earlier ones, and so you can go on when stuck, this copy gives
them the reference solutions of the earlier exercises they need: `kata/given/` holds the
answers of exercises {numbers}. Reading those files spoils those exercises, so solve them
first; the specs always grade your own `exercises/` files.
"""

SEALED_README = """## Your own code, all the way

This copy holds no reference solution. Later exercises build on your own earlier modules
(`from kata.given.ex04_dense import Dense` imports your `exercises/ex04_dense.py`), so when
a later exercise needs one you have not finished, the grader names the exercise to finish
first.
"""

HANDING_IN = """## Handing in and updates

Every grading run (`nox`, `nox -s grade -- 05`, each re-grade in `nox -s watch`) keeps
`.kata/report.json` up to date with what it graded and when. The first `nox` asks your
name once and remembers it (`nox -- --name "Your Name"` changes it). `nox -s report`
writes a copy named after you (e.g. `ada-lovelace.kata-report.json`) to hand in. The report
records digests of the specs and the grading tools, so an edited spec shows up (a changed
comment does not). If this copy is a GitHub Classroom assignment, every push is graded
there too (`.github/workflows/classroom.yml`): each exercise that is done earns its points.

When your instructor publishes a fix, `nox -s update` fetches it: it updates everything
except your `exercises/` files (`nox -s update -- URL` fetches from another address, e.g.
the template repository of a Classroom assignment).
"""


def classroom_workflow(manifest: Manifest, points: int = POINTS) -> str:
    """GitHub Classroom autograding with the kata's own grader.

    The pinned dependencies are installed, the grading files are checked against the
    digests recorded in the hand-out (kata.integrity's check: an edited spec or grading
    tool stops the run before any points), then one command-grader test per exercise
    runs `python -m kata grade NN --strict` (sealed and bounded: the learner's code runs in
    a child process, each spec under a time limit) and earns its points when the exercise
    is done. The reporter sends the total to Classroom.
    """
    ids = [f"ex{ex.number}" for ex in manifest.exercises]
    lines = [
        "# GitHub Classroom autograding with the kata's own grader: one test per exercise,",
        f"# each worth {points} points when the exercise is done. Generated by "
        "`nox -s handout`; regenerate rather than edit.",
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
        "    timeout-minutes: 20",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        f"          python-version: '{CI_PYTHON}'",
        "      - name: Install the grader's dependencies (pinned)",
        f"        run: python -m pip install --disable-pip-version-check {' '.join(PINNED)}",
        "      - name: Check the grading files against the template's digests",
        "        run: |",
        *[f"          {line}" for line in CHECKER_CHECK],
        "          python -I -c \"import sys; sys.path.append('.'); "
        "from kata.integrity import main; sys.exit(main(['--check']))\"",
    ]
    for ex, test_id in zip(manifest.exercises, ids):
        lines += [
            f"      - name: {json.dumps(f'{ex.number} {ex.title}')}",
            f"        id: {test_id}",
            "        uses: classroom-resources/autograding-command-grader@v1",
            "        with:",
            f"          test-name: {json.dumps(f'{ex.number} {ex.module}')}",
            f"          command: python -m kata grade {ex.number} --strict --name classroom",
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


GITIGNORE = (".nox/\n.venv/\n.kata/\n__pycache__/\n.pytest_cache/\n.ruff_cache/\n*.egg-info/\n"
             + "".join(f"/{task}*.png\n" for task in ("spiral", "binary", "sine",
                                                      "regularization", "digits")))


def _write(folder: Path, rel: str, text: str) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


IDENTITY = ("user.name=nn-kata hand-out", f"user.email={HANDOUT_EMAIL}",
            "commit.gpgsign=false", "init.defaultBranch=main")


def _git(folder: Path, *args: str) -> str:
    return git(folder, *args, check=True, config=IDENTITY).stdout.strip()


def _zip(folder: Path, target: Path) -> None:
    """`folder` as a zip at `target` (written beside it first, so a failure leaves no half)."""
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    partial.replace(target)


def _outside_the_kata(target: Path, root: Path) -> None:
    if target == root or root.is_relative_to(target):
        raise KataError(f"{target} holds the kata itself: choose a folder outside it.")
    if target.is_relative_to(root):
        raise KataError(f"{target} is inside the kata's own folder ({root}): choose a "
                        "folder outside it.")


def _real(target: Path) -> Path:
    """`target` with its links followed; a link that loops is refused (on Python 3.11,
    resolve() raises RuntimeError there; later ones return the link itself)."""
    try:
        real = target.resolve()
    except (RuntimeError, OSError):
        real = target
    if real.is_symlink():
        raise KataError(f"{target} is a symbolic link that loops: choose a real folder.")
    return real


def _not_a_file(target: Path) -> None:
    """Neither `target` nor a folder above it is a file (or anything else but a folder)."""
    for path in (target, *target.parents):
        if path.exists():
            if not path.is_dir():
                where = "" if path == target else f", so {target} cannot be made inside it"
                raise KataError(f"{path} is a file, not a folder{where}: choose a new or "
                                "empty folder for the hand-out.")
            return


def _utf8_name(target: Path) -> None:
    """The zip holds everything under the folder's name, which zipfile writes as UTF-8."""
    try:
        target.name.encode("utf-8")
    except UnicodeEncodeError:
        raise KataError(f"{clean(target)}: a folder name that is not UTF-8 text cannot name "
                        "the zip's folder: choose another name.") from None


def _check_target(target: Path, root: Path) -> Path:
    _outside_the_kata(target, root)
    _utf8_name(target)
    _not_a_file(target)
    zipped = target.with_name(target.name + ".zip")
    if target.exists() and any(target.iterdir()):
        if handout_record(target) is not None:
            raise KataError(f"{target} already holds a hand-out: add --update to add a new "
                            "version to it, or choose a new or empty folder.")
        raise KataError(f"{target} already exists and is not empty (and is no hand-out): "
                        "choose a new or empty folder.")
    if zipped.exists():
        raise KataError(f"{zipped} already exists: move it away or choose another folder.")
    return zipped


def _write_tree(work: Path, manifest: Manifest, root: Path, *, sealed: bool,
                points: int) -> list[str]:
    """Write the hand-out's files into `work`; returns the given modules it ships."""
    given = [] if sealed else given_modules(manifest, root)
    for rel in shipped_files(root):
        if rel.startswith(f"{GIVEN}/") and rel != f"{GIVEN}/__init__.py":
            continue  # only what is written below is given
        if rel == "README.md":
            text = (root / rel).read_text(encoding="utf-8")
            _write(work, rel, learner_readme(text, sealed=sealed, given=given))
        else:
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, work / rel)
    for rel, text in stubs.generated_stubs(manifest, root).items():
        _write(work, rel, text)
    for module in given:
        _write(work, f"{GIVEN}/{module}.py", given_text(module, root))
    _write(work, ".github/workflows/classroom.yml", classroom_workflow(manifest, points))
    if not (work / ".gitignore").is_file():
        _write(work, ".gitignore", GITIGNORE)
    return given


def _check_no_leak(work: Path, manifest: Manifest, root: Path, given: list[str], *,
                   sealed: bool) -> None:
    """Every file line by line; in an open hand-out, the given reference copies excepted."""
    allowed = frozenset(f"{GIVEN}/{module}.py" for module in given)
    found = leaks(work, fingerprints(manifest, root), allowed)
    if sealed:
        found += [f"{p.relative_to(work).as_posix()} is reference code in a sealed hand-out"
                  for p in sorted((work / GIVEN).iterdir()) if p.name != "__init__.py"]
    if found:
        for leak in found:
            print(f"  {leak}")
        raise KataError(f"The hand-out would reveal solution code in {len(found)} place(s) "
                        "(listed above), so nothing was written.")


def _write_record(folder: Path, manifest: Manifest, *, sealed: bool, version: int) -> dict:
    """.kata-handout.json: which hand-out this is, and its grading files' digests as built."""
    record = {
        "kata": manifest.name,
        "kata_version": manifest.version,
        "version": version,
        "kind": "sealed" if sealed else "open",
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "digests": digests(folder),
    }
    _write(folder, HANDOUT_RECORD, json.dumps(record, indent=2) + "\n")
    return record


def _scratch(target: Path) -> Path:
    """A scratch folder beside `target`, where the hand-out is built before it is moved."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:
        raise KataError(f"Cannot write the hand-out in {target.parent}: "
                        f"{exc.strerror or exc}.") from None


def build(target: Path, manifest: Manifest, root: Path = ROOT, *, points: int = POINTS,
          sealed: bool = False) -> tuple[Path, list[str], list[str]]:
    """Write the hand-out to `target` and `target`.zip; returns the zip, its files and the
    modules it gives as reference code (none when sealed)."""
    target = _real(target)
    zipped = _check_target(target, root)
    if not (root / "solutions").is_dir():
        raise KataError("This copy of the kata has no solutions/ (it is a hand-out itself): "
                        "build hand-outs from the instructor's copy.")
    scratch = _scratch(target)
    try:
        work = scratch / target.name
        work.mkdir()
        given = _write_tree(work, manifest, root, sealed=sealed, points=points)
        _check_no_leak(work, manifest, root, given, sealed=sealed)
        _write_record(work, manifest, sealed=sealed, version=1)
        files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
        _git(work, "init", "-q")
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "--no-verify", "-m",
             f"{manifest.title} {manifest.version}: the pristine hand-out, version 1")
        _zip(work, scratch / zipped.name)
        if target.exists():
            try:
                target.rmdir()  # checked empty above
            except OSError as exc:  # a mount point (a USB stick's top folder) stays
                raise KataError(f"{target} is empty but cannot be replaced by the hand-out "
                                f"({exc.strerror or exc}; a mount point cannot): give a new "
                                "folder inside it, or another one.") from None
        work.rename(target)
        (scratch / zipped.name).rename(zipped)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return zipped, files, given


def update(target: Path, manifest: Manifest, root: Path = ROOT, *, points: int = POINTS,
           sealed: bool = False) -> tuple[int, list[str]]:
    """Add a new version of the kata on top of the hand-out repository at `target`: one new
    commit (learners `git pull` it), its exercises/ files left as they are (new exercises'
    stubs are added). Returns the new version and the files it changed (none: no commit)."""
    target = _real(target)
    _outside_the_kata(target, root)
    _utf8_name(target)
    if not target.is_dir():
        what = "is a file" if target.exists() else "does not exist"
        raise KataError(f"{target} {what}: --update adds a new version to the folder of an "
                        "existing hand-out (without --update, a new one is built).")
    record = handout_record(target)
    if not (target / ".git").is_dir() or record is None:
        raise KataError(f"{target} is not a hand-out (no git repository with a "
                        f"{HANDOUT_RECORD} in it): --update adds to an existing hand-out.")
    if sealed and record.get("kind") != "sealed":
        raise KataError(f"{target} is an open hand-out; --sealed cannot update it (build a "
                        "new sealed one instead).")
    last = record.get("version", 1)
    if not isinstance(last, int) or isinstance(last, bool) or last < 1:
        raise KataError(f"{target}/{HANDOUT_RECORD} records version {json.dumps(last)[:40]}, "
                        "not a whole number of at least 1, so nothing was changed: correct "
                        "it (or build a new hand-out) first.")
    kind = str(record.get("kind", "open"))
    if _git(target, "status", "--porcelain"):
        raise KataError(f"{target} has uncommitted changes: commit or discard them first.")
    scratch = _scratch(target)
    try:
        work = scratch / target.name
        work.mkdir()
        given = _write_tree(work, manifest, root, sealed=kind == "sealed", points=points)
        _check_no_leak(work, manifest, root, given, sealed=kind == "sealed")
        new = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()}
        for rel in _git(target, "ls-files", "-z").split("\0"):
            if rel and rel not in new and rel != HANDOUT_RECORD \
                    and not rel.startswith("exercises/"):
                _git(target, "rm", "-q", "--", rel)
        for rel in sorted(new):
            if rel.startswith("exercises/") and (target / rel).exists():
                continue  # a learner may have edited it: never touched
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / rel, target / rel)
        _git(target, "add", "-A")
        changed = _git(target, "diff", "--cached", "--name-only").splitlines()
        if not changed:
            return last, []
        version = last + 1
        _write_record(target, manifest, sealed=kind == "sealed", version=version)
        _git(target, "add", "-A")
        _git(target, "commit", "-q", "--no-verify", "-m",
             f"{manifest.title} {manifest.version}: hand-out version {version}")
        # The zip holds what is committed, as a fresh build's does: never the files the
        # folder also holds but ignores (the instructor's .kata/ with their name, class.json
        # and report, a .nox/ or .venv/ from trying the hand-out), nor its remote.
        clean_copy = scratch / "zip" / target.name
        _git(scratch, "clone", "-q", "--no-local", "--", str(target), str(clean_copy))
        _git(clean_copy, "remote", "remove", "origin")
        _zip(clean_copy, target.with_name(target.name + ".zip"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return version, changed


def _points(text: str) -> int:
    """--points: a whole number from 1 to MAX_POINTS in plain digits; 1e26, inf, nan, 2.5,
    a hundred-digit number, " 7" or a digit of another script are refused."""
    value = chosen_number(text, MAX_POINTS) if text == text.strip() else None
    if value is None:
        raise KataError(f"--points must be a whole number from 1 to {MAX_POINTS:,}, "
                        f"not {text!r}.")
    return value


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(
        prog="nox -s handout --", description="Write a learner's copy of the kata, "
        "without solutions, as a folder (a git repository) and a zip beside it.")
    parser.add_argument("folder", help="where to write it: a new or empty folder "
                        "(with --update: an existing hand-out)")
    parser.add_argument("--sealed", action="store_true",
                        help="ship no reference code at all: later exercises use the "
                        "learner's own earlier modules (graded courses)")
    parser.add_argument("--update", action="store_true",
                        help="add a new version on top of the existing hand-out in FOLDER")
    parser.add_argument("--points", type=_points, default=POINTS,
                        help=f"GitHub Classroom points per exercise, 1 to {MAX_POINTS:,} "
                        f"(default {POINTS})")
    args = parser.parse_args(argv)
    count = len(manifest.exercises)
    if args.update:
        version, changed = update(Path(args.folder), manifest, points=args.points,
                                  sealed=args.sealed)
        if not changed:
            print(f"Nothing changed since version {version} of {clean(args.folder)}; no new "
                  "version.")
            return 0
        print(f"Added version {version} to {clean(args.folder)} as a new commit ({len(changed)} "
              "file(s) changed; exercises/ files it already had were left as they are).")
        print("Push it; learners get it with `nox -s update` (their exercises/ stay "
              "untouched), and their reports say which version they have.")
        return 0
    zipped, files, given = build(Path(args.folder), manifest, points=args.points,
                                 sealed=args.sealed)
    target = zipped.with_name(zipped.name.removesuffix(".zip"))
    lacking = [ex.number for ex in manifest.exercises if ex.stub_path not in files]
    if lacking:
        print(f"Note: exercise(s) {', '.join(lacking)} have no solution yet, so the hand-out "
              "has no stub for them.")
    kind = "sealed" if args.sealed else "open"
    print(f"Wrote the {kind} hand-out to {clean(target)} ({len(files)} files, a git "
          f"repository whose first commit holds the pristine stubs) and {clean(zipped)}.")
    if args.sealed:
        print("Checked: no line of any reference solution inside, fenced or given; later "
              "exercises use the learner's own earlier modules.")
    else:
        numbers = ", ".join(module[2:4] for module in given) or "none"
        print(f"The given code contains the answers of earlier exercises: {GIVEN}/ holds "
              f"the reference solutions of exercises {numbers} (its README says so).")
        print("Checked: no other file holds solution code; solutions/, wrong answers and "
              "the tools' own tests are left out. For graded courses use --sealed.")
    print(f"Learners set up nox (see the README's quick start) and run `nox` there; it ends "
          f"with `0/{count} exercises done`.")
    print("GitHub Classroom: use it as the assignment's template repository; "
          f".github/workflows/classroom.yml awards {args.points} points per exercise.")
    return 0
