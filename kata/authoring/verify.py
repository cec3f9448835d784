"""`nox -s verify`: the project's own test command.

Checks, each a line with ok or FAILED and what to do about it:
  - every exercise in the manifest has its solution, stub and spec file, and nothing is orphaned
  - the committed stubs are exactly what the generator makes of the solutions
  - every spec passes on solutions/
  - every spec fails on freshly generated pristine stubs, spec by spec
  - every wrong answer in tests/wrong_answers/ fails at least one spec, and a failure
    message names the mistake (the wrong answer's EXPECT)
  - every right answer in tests/right_answers/ (a correct variant) passes every spec
  - the worked examples in the solutions' and the tools' docstrings hold (doctest)
  - the grading tools' own tests (tests/tools) pass
  - ruff is clean
  - the README, requires-python and the classifiers state the same Pythons
and on every other supported Python that `nox -s verify` found (KATA_PYTHONS, set by the
noxfile): the specs pass on solutions/ and fail on the stubs with the same verdicts, spec by
spec, as on the main one; the docstrings and `nox -s solution`'s examples print the same;
the tools' own tests pass. A supported Python that is not on this machine is a note.
The last line reads `verify: N passed, M failed` over those checks.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from kata.authoring import stubs
from kata.judge.grade import Graded, grade
from kata.judge.runner import Run, python_for_specs, run_specs
from kata.manifest import ROOT, KataError, Manifest, Parser, tomllib

Check = Callable[[], list[str]]  # returns the problems found; empty means ok
PARAM = re.compile(r"\[([^\]]+)\]$")
TREES = {"solutions": "solutions/", "stubs": "the pristine stubs"}


class Once:
    """Each value computed once, by whichever check asks first; the others wait for it.

    The interpreters' runs over solutions/ and the stubs are shared this way between the
    check that they pass (or fail) and the checks that compare interpreters."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[Any, Future] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            future = self._futures.get(key)
            mine = future is None
            if mine:
                future = self._futures[key] = Future()
        if mine:
            try:
                future.set_result(compute())
            except BaseException as exc:  # noqa: BLE001 - handed on to every waiting check
                future.set_exception(exc)
        return future.result()


def graded_run(once: Once, manifest: Manifest, python: str, tree: str) -> tuple[list[Graded], Run]:
    """What a learner's `nox` says on `python` about solutions/ or the pristine stubs."""

    def compute() -> tuple[list[Graded], Run]:
        if tree == "solutions":
            return grade(manifest, list(manifest.exercises), tree="solutions", python=python)
        with tempfile.TemporaryDirectory(prefix="kata-stubs-") as tmp:
            for rel, text in stubs.generated_stubs(manifest).items():
                (Path(tmp) / Path(rel).name).write_text(text, encoding="utf-8")
            return grade(manifest, list(manifest.exercises), tree=tmp, python=python)

    return once.get((python, tree), compute)


def _spec_files(manifest: Manifest) -> list[str]:
    return [ex.spec_path for ex in manifest.exercises if (ROOT / ex.spec_path).is_file()]


def check_layout(manifest: Manifest) -> list[str]:
    problems = []
    modules = {ex.module for ex in manifest.exercises}
    for ex in manifest.exercises:
        for rel in (ex.solution_path, ex.stub_path, ex.spec_path):
            if not (ROOT / rel).is_file():
                problems.append(f"{rel} is missing for exercise {ex.number}.")
        if not ex.hint or ex.hint == "TODO" or not ex.examples:
            problems.append(f"exercise {ex.number} needs a hint and examples in pyproject.toml "
                            "(`nox -s hint` and `nox -s solution` show them).")
    for folder, pattern in (("solutions", "ex*.py"), ("exercises", "ex*.py"),
                            ("tests", "test_ex*.py")):
        for path in sorted((ROOT / folder).glob(pattern)):
            if path.stem.removeprefix("test_") not in modules:
                problems.append(f"{folder}/{path.name} is not in the manifest in pyproject.toml.")
    return problems


def check_stubs_current(manifest: Manifest) -> list[str]:
    return [f"{rel} differs from what its solution generates: run `nox -s stubs`."
            for rel in stubs.stale_stubs(manifest)]


def _run_problem(run: Run) -> list[str]:
    return [run.problem] if run.problem else []


def check_solutions_pass(run: Run, facts: dict[str, int] | None = None) -> list[str]:
    if facts is not None:
        facts["specs"] = len(run.results)
    problems = _run_problem(run)
    for result in run.results.values():
        if result.outcome != "passed":
            first = (result.message.splitlines() or [result.kind])[0]
            problems.append(f"{result.nodeid} {result.outcome} on solutions/: {first}")
    return problems


def check_stubs_fail(run: Run) -> list[str]:
    problems = _run_problem(run)
    if not run.results:
        problems.append("no spec ran on the pristine stubs.")
    for result in run.results.values():
        if result.outcome in ("passed", "skipped"):
            problems.append(f"{result.nodeid} {result.outcome} on the pristine stub: a spec "
                            "must fail until the learner writes the code it checks.")
        elif result.kind != "not_implemented":
            # Otherwise an untouched exercise shows as "in progress", and its first failure
            # speaks of something other than the code still to write.
            first = (result.message.splitlines() or [result.kind])[0]
            problems.append(f"{result.nodeid} fails on the pristine stub as {result.kind}, "
                            f"not as code not written yet: {first}")
    return problems


def compare_verdicts(tree: str, ours: tuple[str, list[Graded], Run],
                     theirs: tuple[str, list[Graded], Run]) -> list[str]:
    """Where the grader's verdicts on `tree` differ between two Pythons, each given as
    (its version, its graded exercises, its run): the exercises' states and each spec's
    outcome and kind. Messages may differ (a float's last digits); verdicts may not."""
    (a, graded_a, run_a), (b, graded_b, run_b) = ours, theirs
    where = TREES.get(tree, tree)
    problems = []
    for ga, gb in zip(graded_a, graded_b):
        if ga.state != gb.state:
            problems.append(f"exercise {ga.exercise.number} on {where} is {ga.state} on "
                            f"Python {a} but {gb.state} on Python {b}.")
    for nodeid in dict.fromkeys([*run_a.results, *run_b.results]):
        ra, rb = run_a.results.get(nodeid), run_b.results.get(nodeid)
        if ra is None or rb is None:
            only = a if rb is None else b
            problems.append(f"{nodeid} is collected on Python {only} only.")
        elif (ra.outcome, ra.kind) != (rb.outcome, rb.kind):
            problems.append(f"{nodeid} on {where}: {ra.outcome} ({ra.kind or 'ok'}) on Python "
                            f"{a}, {rb.outcome} ({rb.kind or 'ok'}) on Python {b}.")
    return problems


def expected_mention(path: Path) -> str:
    """The EXPECT string a wrong answer declares, read without importing it."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXPECT"
                                                 for t in node.targets)
                and isinstance(node.value, ast.Constant)):
            return str(node.value.value)
    return ""


def check_wrong_answers(manifest: Manifest, facts: dict[str, int]) -> list[str]:
    problems = []
    catalogue: dict[tuple[str, str], Path] = {}
    for ex in manifest.exercises:
        paths = ex.wrong_answers
        if not paths:
            problems.append(f"{ex.module} has no wrong answers in tests/wrong_answers.")
        for path in paths:
            catalogue[(ex.spec_path, path.stem)] = path
            if not expected_mention(path):
                problems.append(f"{path.relative_to(ROOT)} declares no EXPECT string.")
    facts["wrong answers"] = len(catalogue)
    run = run_specs(python_for_specs(), _spec_files(manifest), ["--wrong-answers"])
    problems += _run_problem(run)
    failures: dict[tuple[str, str], list[str]] = defaultdict(list)
    for result in run.results.values():
        match = PARAM.search(result.nodeid)
        if match and result.outcome != "passed":
            failures[(result.spec_file, match.group(1))].append(result.message)
    for key, path in catalogue.items():
        shown = path.relative_to(ROOT).as_posix()
        messages = failures.get(key, [])
        mention = expected_mention(path).lower()
        if not messages:
            problems.append(f"{shown} passes every spec: the specs do not catch this mistake.")
        elif mention and not any(mention in m.lower() for m in messages):
            problems.append(f"{shown} fails {len(messages)} spec(s), but no failure message "
                            f"mentions {mention!r}, so the learner is not told what is wrong.")
    return problems


def check_right_answers(manifest: Manifest) -> list[str]:
    """Every correct variant in tests/right_answers/<module>/ passes every spec of its
    exercise, so that no spec demands more than the contract. Round k puts the k-th variant
    of every exercise into one folder and runs the specs with --tree on it."""
    rounds: dict[int, dict[str, Path]] = defaultdict(dict)  # round -> spec file -> variant
    for ex in manifest.exercises:
        folder = ROOT / "tests" / "right_answers" / ex.module
        for k, path in enumerate(sorted(folder.glob("[!_]*.py"))):
            rounds[k][ex.spec_path] = path
    problems = []
    for variants in rounds.values():
        with tempfile.TemporaryDirectory(prefix="kata-right-") as tmp:
            for spec_path, path in variants.items():
                name = Path(spec_path).stem.removeprefix("test_")
                (Path(tmp) / f"{name}.py").write_text(path.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
            run = run_specs(python_for_specs(), sorted(variants),
                            [f"--tree={tmp}", "--open-answers"])
        problems += _run_problem(run)
        for result in run.results.values():
            if result.outcome != "passed":
                shown = variants[result.spec_file].relative_to(ROOT).as_posix()
                first = (result.message.splitlines() or [result.kind])[0]
                problems.append(f"{result.nodeid} rejects the correct {shown}: {first}")
    return problems


def _command(*command: str, python: str | None = None) -> Check:
    """Run `command`; with `python`, the tools it starts use that interpreter too."""
    env = dict(os.environ, KATA_PYTHON=python) if python else None

    def check() -> list[str]:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        if done.returncode == 0:
            return []
        output = (done.stdout + done.stderr).strip().splitlines()
        return [f"`{' '.join(command[2:])}` failed:", *output[-25:]]

    return check


# ------------------------------------------------------------------ every supported Python

_EXAMPLES = ("import json, sys; from kata.aids.examples import evaluate; "
             "print(json.dumps([evaluate(*job) for job in json.loads(sys.argv[1])]))")


def solution_examples(once: Once, manifest: Manifest, python: str) -> list[list[str]]:
    """What `nox -s solution` prints for each exercise's examples on solutions/."""

    def compute() -> list[list[str]]:
        jobs = [[ex.solution_path, ex.module, list(ex.examples)] for ex in manifest.exercises]
        done = subprocess.run([python, "-c", _EXAMPLES, json.dumps(jobs)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        try:
            return json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            said = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise KataError(f"the examples did not run on {python}: {said}") from None

    return once.get((python, "examples"), compute)


def compare_examples(manifest: Manifest, ours: tuple[str, list[list[str]]],
                     theirs: tuple[str, list[list[str]]]) -> list[str]:
    (a, shown_a), (b, shown_b) = ours, theirs
    problems = []
    for ex, outs_a, outs_b in zip(manifest.exercises, shown_a, shown_b):
        for call, out_a, out_b in zip(ex.examples, outs_a, outs_b):
            if out_a != out_b:
                problems.append(f"{ex.module}: `{call[:80]}` prints {out_a[:120]!r} on Python "
                                f"{a} but {out_b[:120]!r} on Python {b}: choose values whose "
                                "result is exact, or round it.")
    return problems


def supported_pythons(root: Path = ROOT) -> list[str]:
    """The Pythons the classifiers in pyproject.toml name, e.g. ["3.10", "3.11"]."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = [c.rsplit("::", 1)[-1].strip() for c in project.get("classifiers", [])
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    return sorted(versions, key=lambda v: int(v.split(".")[1]))


def check_python_range(root: Path = ROOT) -> list[str]:
    """The README, requires-python and the classifiers name the same Pythons: those tested."""
    versions = supported_pythons(root)
    if not versions:
        return ["pyproject.toml has no `Programming Language :: Python :: 3.X` classifiers: "
                "they say which Pythons `nox -s verify` tests."]
    first, last = versions[0], versions[-1]
    problems = []
    minors = [int(v.split(".")[1]) for v in versions]
    if minors != list(range(minors[0], minors[-1] + 1)):
        problems.append(f"the classifiers skip a Python between {first} and {last}.")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = project.get("requires-python", "")
    if not re.fullmatch(rf">=\s*{re.escape(first)}(\s*,\s*<\s*3\.{minors[-1] + 1})?",
                        requires.strip()):
        problems.append(f"requires-python is {requires!r}, but the classifiers start at "
                        f"{first}: make it '>={first}'.")
    readme = (root / "README.md").read_text(encoding="utf-8")
    if f"Python {first} to {last}" not in readme:
        problems.append(f"README.md does not say `Python {first} to {last}`, the Pythons "
                        "that are tested (the classifiers in pyproject.toml).")
    return problems


def version_of(python: str) -> str:
    done = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise KataError(f"The interpreter {python} for the specs does not run.")
    return done.stdout.strip()


def other_pythons(main: str, supported: list[str],
                  environ: dict[str, str]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """From KATA_PYTHONS (the noxfile's findings): the other Pythons to check ({version:
    interpreter}), those whose environment could not be made ({version: why}), and notes."""
    listed = environ.get("KATA_PYTHONS")
    others = [v for v in supported if v != main]
    notes = []
    if main not in supported:
        notes.append(f"Python {main} runs the checks but is not among the supported "
                     f"{', '.join(supported)} (the classifiers in pyproject.toml).")
    if listed is None:
        if others:
            notes.append(f"Only Python {main} is checked here: `nox -s verify` also checks "
                         f"{', '.join(others)}, each one it finds.")
        return {}, {}, notes
    try:
        found = json.loads(listed)
    except json.JSONDecodeError:
        found = None
    if not isinstance(found, dict) or not all(isinstance(v, dict) for v in found.values()):
        raise KataError("KATA_PYTHONS is not the JSON object the noxfile writes.")
    pythons, failed = {}, {}
    for version in others:
        entry = found.get(version, {"missing": "the noxfile did not look for it"})
        if entry.get("python"):
            pythons[version] = entry["python"]
        elif entry.get("failed"):
            failed[version] = entry["failed"]
        else:
            notes.append(f"Python {version} is not checked: {entry.get('missing')}.")
    return pythons, failed, notes


TOOLS_TESTS = "the grading tools' own tests pass"
PYTEST = ("-m", "pytest", "-q", "-p", "no:cacheprovider")


def checks_on_another_python(manifest: Manifest, once: Once, main: tuple[str, str],
                             other: tuple[str, str]) -> dict[str, Check]:
    """The checks that can differ between Pythons, on `other` against `main`, each given as
    (version, interpreter): the specs' verdicts, the printed examples, the tools' tests."""
    (this, python), (version, interpreter) = main, other

    def verdicts() -> list[str]:
        problems = check_solutions_pass(graded_run(once, manifest, interpreter, "solutions")[1])
        problems += check_stubs_fail(graded_run(once, manifest, interpreter, "stubs")[1])
        for tree in TREES:
            problems += compare_verdicts(tree, (this, *graded_run(once, manifest, python, tree)),
                                         (version, *graded_run(once, manifest, interpreter, tree)))
        return problems

    doctests = _command(interpreter, *PYTEST, "--doctest-modules", "solutions", "kata",
                        python=interpreter)

    def examples() -> list[str]:
        return doctests() + compare_examples(
            manifest, (this, solution_examples(once, manifest, python)),
            (version, solution_examples(once, manifest, interpreter)))

    return {
        f"Python {version}: solutions pass and stubs fail, with Python {this}'s verdicts":
            verdicts,
        f"Python {version}: the docstrings and `nox -s solution` examples print as on "
        f"Python {this}": examples,
        f"Python {version}: {TOOLS_TESTS}":
            _command(interpreter, *PYTEST, "tests/tools", "--tools", python=interpreter),
    }


def main(argv: list[str], manifest: Manifest) -> int:
    Parser(prog="nox -s verify --", description="Check the whole kata, on every supported "
           "Python found here. It takes no options.").parse_args(argv)
    python = python_for_specs()
    this = version_of(python)
    others, unusable, notes = other_pythons(this, supported_pythons(), dict(os.environ))
    print(f"Checking on Python {this}" + (f", and on {', '.join(others)}" if others else "")
          + ".")
    for note in notes:
        print(f"note: {note}")
    once = Once()
    facts = {"exercises": len(manifest.exercises)}
    checks: dict[str, Check] = {
        "layout: every exercise has a solution, a stub, specs, a hint and examples":
            lambda: check_layout(manifest),
        "stubs are current": lambda: check_stubs_current(manifest),
        "every spec passes on solutions/": lambda: check_solutions_pass(
            graded_run(once, manifest, python, "solutions")[1], facts),
        "every spec fails on the pristine stubs": lambda: check_stubs_fail(
            graded_run(once, manifest, python, "stubs")[1]),
        "every wrong answer is rejected, with a message that names it":
            lambda: check_wrong_answers(manifest, facts),
        "every right answer passes every spec": lambda: check_right_answers(manifest),
        "the worked examples in the docstrings hold":
            _command(python, *PYTEST, "--doctest-modules", "solutions", "kata"),
        TOOLS_TESTS: _command(python, *PYTEST, "tests/tools", "--tools"),
        "ruff is clean": _command(python, "-m", "ruff", "check", "."),
        "the README, requires-python and the classifiers state the same Pythons":
            check_python_range,
    }
    for version, why in unusable.items():
        checks[f"Python {version}: an environment to check it in"] = lambda why=why: [why]
    for version, interpreter in others.items():
        checks |= checks_on_another_python(manifest, once, (this, python),
                                           (version, interpreter))
    started = time.monotonic()
    # The tools' own tests plant hangs and crashes under time bounds, which a crowded machine
    # trips: they take turns on half the cores (one of CI's two), the slowest part of verify,
    # while the other checks share the rest (mostly interpreter start-up and NumPy).
    cores = os.cpu_count() or 2
    with ThreadPoolExecutor(max_workers=max(1, cores // 2)) as tools, \
            ThreadPoolExecutor(max_workers=max(1, cores - cores // 2)) as pool:
        submitted = {name: (tools if name.endswith(TOOLS_TESTS) else pool).submit(check)
                     for name, check in checks.items()}
    failed = 0
    for name in checks:
        try:
            problems = submitted[name].result()
        except Exception as exc:  # noqa: BLE001 - a broken check is a failed check, not a crash
            problems = [f"the check itself failed: {type(exc).__name__}: {exc}"]
        print(f"{'ok    ' if not problems else 'FAILED'} {name}")
        for problem in problems[:40]:
            print("         " + problem.replace("\n", "\n         "))
        failed += bool(problems)
    counted = ", ".join(f"{count} {what}" for what, count in facts.items())
    print(f"\n{counted}; {time.monotonic() - started:.1f} s")
    print(f"verify: {len(checks) - failed} passed, {failed} failed")
    sys.stdout.flush()
    return 1 if failed else 0
