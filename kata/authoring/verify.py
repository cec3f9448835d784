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
The last line reads `verify: N passed, M failed` over those checks.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kata.authoring import stubs
from kata.judge.runner import Run, python_for_specs, run_specs
from kata.manifest import ROOT, Manifest

Check = Callable[[], list[str]]  # returns the problems found; empty means ok
PARAM = re.compile(r"\[([^\]]+)\]$")


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


def check_solutions_pass(manifest: Manifest, facts: dict[str, int]) -> list[str]:
    run = run_specs(python_for_specs(), _spec_files(manifest), ["--tree", "solutions"])
    facts["specs"] = len(run.results)
    problems = _run_problem(run)
    for result in run.results.values():
        if result.outcome != "passed":
            first = (result.message.splitlines() or [result.kind])[0]
            problems.append(f"{result.nodeid} {result.outcome} on solutions/: {first}")
    return problems


def check_stubs_fail(manifest: Manifest) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="kata-stubs-") as tmp:
        for rel, text in stubs.generated_stubs(manifest).items():
            (Path(tmp) / Path(rel).name).write_text(text, encoding="utf-8")
        run = run_specs(python_for_specs(), _spec_files(manifest), ["--tree", tmp])
    problems = _run_problem(run)
    if not run.results:
        problems.append("no spec ran on the pristine stubs.")
    for result in run.results.values():
        if result.outcome in ("passed", "skipped"):
            problems.append(f"{result.nodeid} {result.outcome} on the pristine stub: a spec "
                            "must fail until the learner writes the code it checks.")
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
            run = run_specs(python_for_specs(), sorted(variants), ["--tree", tmp])
        problems += _run_problem(run)
        for result in run.results.values():
            if result.outcome != "passed":
                shown = variants[result.spec_file].relative_to(ROOT).as_posix()
                first = (result.message.splitlines() or [result.kind])[0]
                problems.append(f"{result.nodeid} rejects the correct {shown}: {first}")
    return problems


def _command(*command: str) -> Check:
    def check() -> list[str]:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode == 0:
            return []
        output = (done.stdout + done.stderr).strip().splitlines()
        return [f"`{' '.join(command[2:])}` failed:", *output[-25:]]

    return check


def main(argv: list[str], manifest: Manifest) -> int:
    python = python_for_specs()
    facts = {"exercises": len(manifest.exercises)}
    checks: dict[str, Check] = {
        "layout: every exercise has a solution, a stub, specs, a hint and examples":
            lambda: check_layout(manifest),
        "stubs are current": lambda: check_stubs_current(manifest),
        "every spec passes on solutions/": lambda: check_solutions_pass(manifest, facts),
        "every spec fails on the pristine stubs": lambda: check_stubs_fail(manifest),
        "every wrong answer is rejected, with a message that names it":
            lambda: check_wrong_answers(manifest, facts),
        "every right answer passes every spec": lambda: check_right_answers(manifest),
        "the worked examples in the docstrings hold": _command(
            python, "-m", "pytest", "--doctest-modules", "solutions", "kata", "-q",
            "-p", "no:cacheprovider"),
        "the grading tools' own tests pass": _command(
            python, "-m", "pytest", "tests/tools", "--tools", "-q", "-p", "no:cacheprovider"),
        "ruff is clean": _command(python, "-m", "ruff", "check", "."),
    }
    started = time.monotonic()
    # Two cores: the spec runs are mostly interpreter start-up and NumPy, so they overlap well.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(check) for name, check in checks.items()}
    failed = 0
    for name, future in futures.items():
        try:
            problems = future.result()
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
