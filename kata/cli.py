"""The kata's commands. Each nox session calls one; `python -m kata COMMAND` works too.

Every command returns an exit status. A mistake the user can fix (an unknown exercise,
a missing folder, a bad option) raises KataError: one sentence, no traceback.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kata import manifest as manifest_module
from kata.authoring import stubs
from kata.judge import grade as grading
from kata.judge import report as reports
from kata.judge.runner import python_for_specs
from kata.manifest import ROOT, KataError, Manifest, Parser, run_command


def _parser(command: str, description: str) -> Parser:
    return Parser(prog=f"nox -s {command} --", description=description)


# ---------------------------------------------------------------------------- grade

def cmd_grade(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("grade", "Run the specs against your exercises and show your progress.")
    parser.add_argument("exercises", nargs="*", help="numbers or names (default: all)")
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero unless every graded exercise is done")
    parser.add_argument("--report", metavar="FILE", default=reports.DEFAULT_REPORT,
                        help=f"the JSON report this run is merged into (default "
                        f"{reports.DEFAULT_REPORT})")
    parser.add_argument("--junit", metavar="FILE", help="also write JUnit XML")
    parser.add_argument("--gradescope", metavar="FILE",
                        help="also write Gradescope's results.json")
    parser.add_argument("--name", help="your name in the report (asked once, then remembered)")
    parser.add_argument("--tree", default="exercises", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    selected = manifest.select(args.exercises)
    tree = manifest_module.tree_folder(args.tree)
    for path, what in ((args.report, "report"), (args.junit, "JUnit XML"),
                       (args.gradescope, "Gradescope results")):
        if path:
            reports.check_file(ROOT / path, what)
    learner = reports.learner_name(args.name, ask=not args.exercises)
    graded, run = grading.grade(manifest, selected, tree=str(tree))
    print(grading.render(manifest, graded, run, details=bool(args.exercises)), flush=True)
    reports.update_report(ROOT / args.report, manifest, graded, learner=learner)
    from kata.workshop.class_client import send_report_in_background  # only when it sends

    send_report_in_background(ROOT / args.report)  # returns at once; nothing unless joined
    if args.junit:
        reports.write_junit(ROOT / args.junit, graded)
    if args.gradescope:
        reports.write_json(ROOT / args.gradescope, reports.gradescope_data(graded))
    if run.problem:
        return 2
    if args.strict and any(g.state != "done" for g in graded):
        return 1
    return 0


# ---------------------------------------------------------------------------- hint

def cmd_hint(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("hint", "Show the hint for an exercise.")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    ex = manifest.find(parser.parse_args(argv).exercise)
    print(f"Exercise {ex.number}: {ex.title}  ({ex.stub_path})\n")
    print(ex.hint or "This exercise has no hint yet: read the docstrings in the stub.")
    print(f"\nThe specs that check it: {ex.spec_path}")
    return 0


# ---------------------------------------------------------------------------- reset

def backup(path: Path) -> Path:
    """Copy `path` to .kata/backups/<name>.<time>.py; an existing backup is never replaced."""
    folder = ROOT / ".kata" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        target = folder / f"{path.stem}.{stamp}{suffix}{path.suffix}"
        try:
            with open(target, "xb") as out:  # "x": fails rather than overwrite
                out.write(path.read_bytes())
            return target
        except FileExistsError:
            continue
    raise KataError(f"Could not find a free backup name for {path.name} in {folder}.")


def _stub_from_git(rel: str) -> str | None:
    """The file as the first commit that added it has it (a hand-out's pristine stub)."""
    try:
        first = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%H", "--", rel], cwd=ROOT,
            capture_output=True, text=True, timeout=20, check=True).stdout.split()
        if not first:
            return None
        return subprocess.run(["git", "show", f"{first[-1]}:{rel}"], cwd=ROOT,
                              capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def pristine(manifest: Manifest, module: str) -> str:
    ex = manifest.find(module)
    text = stubs.pristine_stub(manifest, ex.module) or _stub_from_git(ex.stub_path)
    if text is None:
        raise KataError(f"Cannot find the pristine stub of {ex.stub_path}: there is no "
                        "solutions/ folder and no git history to take it from.")
    return text


def cmd_reset(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("reset", "Put an exercise's pristine stub back (your version is backed up).")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    ex = manifest.find(parser.parse_args(argv).exercise)
    text = pristine(manifest, ex.module)
    path = ROOT / ex.stub_path
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{ex.stub_path} is already the pristine stub; nothing to do.")
        return 0
    if path.is_file():
        saved = backup(path)
        print(f"Your version is saved as {saved.relative_to(ROOT).as_posix()}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"{ex.stub_path} is the pristine stub again. Good luck!")
    return 0


# ---------------------------------------------------------------------------- watch

def _mtimes(folder: Path) -> dict[Path, float]:
    stamps = {}
    for path in folder.glob("*.py"):
        try:
            stamps[path] = path.stat().st_mtime
        except OSError:
            continue
    return stamps


def cmd_watch(argv: list[str], manifest: Manifest, *, poll: float = 0.5,
              rounds: int | None = None) -> int:
    parser = _parser("watch", "Re-grade the exercise you are editing each time you save it.")
    parser.add_argument("exercise", nargs="?", help="start with this one (default: all)")
    args = parser.parse_args(argv)
    folder = ROOT / "exercises"
    if not folder.is_dir():
        raise KataError("There is no exercises/ folder to watch.")
    by_file = {ex.stub_path.split("/")[-1]: ex for ex in manifest.exercises}
    first = [args.exercise] if args.exercise else []
    cmd_grade(first, manifest)
    print("\nWatching exercises/ - save a file to re-grade it. Ctrl-C to stop.", flush=True)
    seen = _mtimes(folder)
    try:
        while rounds is None or rounds > 0:
            time.sleep(poll)
            rounds = None if rounds is None else rounds - 1
            now = _mtimes(folder)
            changed = [p for p, t in now.items() if seen.get(p) != t and p.name in by_file]
            seen = now
            if changed:
                ex = by_file[max(changed, key=lambda p: now[p]).name]
                print(f"\n--- {datetime.now():%H:%M:%S} {ex.stub_path} saved ---\n", flush=True)
                cmd_grade([ex.module], manifest)
    except KeyboardInterrupt:
        print("\nStopped watching. Run `nox` for the whole picture.")
    return 0


# ---------------------------------------------------------------------------- solution

def run_examples(path: Path, module: str, examples: tuple[str, ...]) -> list[str]:
    """Each example evaluated on the module at `path`, in a child interpreter."""
    command = [python_for_specs(), "-m", "kata.aids.examples", str(path), module, *examples]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
        return json.loads(done.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return ["(did not finish within 60 s)"] * len(examples)
    except (IndexError, json.JSONDecodeError):
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [f"(could not run: {reason})"] * len(examples)


def _side_by_side(examples: tuple[str, ...], yours: list[str], reference: list[str]) -> str:
    blocks = []
    for call, mine, ref in zip(examples, yours, reference):
        same = "same" if mine == ref else "DIFFERENT"
        blocks.append(f">>> {call}\n  yours ({same}):\n"
                      + _indented(mine) + "\n  reference:\n" + _indented(ref))
    return "\n\n".join(blocks)


def _indented(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines() or [""])


def cmd_solution(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("solution", "Compare your exercise with the reference solution.")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    parser.add_argument("--peek", action="store_true", help="show it even before you are done")
    args = parser.parse_args(argv)
    ex = manifest.find(args.exercise)
    reference = ROOT / ex.solution_path
    if not reference.is_file():
        raise KataError("This copy of the kata has no solutions/ folder (it is a hand-out): "
                        "ask your instructor for the reference.")
    mine = ROOT / ex.stub_path
    if not args.peek:
        graded, _ = grading.grade(manifest, [ex])
        if graded[0].state != "done":
            g = graded[0]
            print(f"Exercise {ex.number} is not done yet ({grading.STATES[g.state]}, "
                  f"{g.passed}/{g.total} specs). Seeing the solution now spoils the puzzle;\n"
                  f"try `nox -s hint -- {ex.number}` first, or look anyway with "
                  f"`nox -s solution -- {ex.number} --peek`.")
            return 1
    mine_text = mine.read_text(encoding="utf-8").splitlines(keepends=True) if mine.is_file() else []
    diff = difflib.unified_diff(mine_text, reference.read_text(encoding="utf-8").splitlines(
        keepends=True), fromfile=ex.stub_path, tofile=ex.solution_path)
    print("".join(diff) or f"{ex.stub_path} is identical to the reference solution.")
    if ex.examples:
        print(f"\nThe same calls on both ({ex.stub_path} vs {ex.solution_path}):\n")
        print(_side_by_side(ex.examples, run_examples(mine, ex.module, ex.examples),
                            run_examples(reference, ex.module, ex.examples)))
    return 0


# ---------------------------------------------------------------------------- stubs

def _has_uncommitted_changes(path: Path) -> bool:
    try:
        done = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", str(path)], cwd=ROOT,
                              capture_output=True, timeout=20)
        return done.returncode != 0
    except (OSError, subprocess.SubprocessError):
        return True


def cmd_stubs(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("stubs", "Regenerate exercises/ from the fenced solutions.")
    parser.add_argument("--check", action="store_true", help="only report stale stubs")
    args = parser.parse_args(argv)
    if args.check:
        stale = stubs.stale_stubs(manifest)
        for rel in stale:
            print(f"{rel} is not what `nox -s stubs` generates from its solution.")
        return 1 if stale else 0
    written = 0
    for rel, text in stubs.generated_stubs(manifest).items():
        path = ROOT / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if path.is_file() and _has_uncommitted_changes(path):
            print(f"{rel} had uncommitted changes; saved as "
                  f"{backup(path).relative_to(ROOT).as_posix()}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {rel}")
        written += 1
    print(f"{written} stub(s) written, {len(manifest.exercises) - written} already current.")
    return 0


# ---------------------------------------------------------------------------- dispatch

def _lazy(module: str) -> Callable[[list[str], Manifest], int]:
    """A command whose module is imported only when it runs, to keep start-up quick."""

    def run(argv: list[str], manifest: Manifest) -> int:
        return importlib.import_module(f"kata.{module}").main(argv, manifest)

    return run


def _numpy_tool(module: str) -> Callable[[list[str], Manifest], int]:
    """Tools that need NumPy run in the interpreter that has it."""

    def run(argv: list[str], manifest: Manifest) -> int:
        command = [python_for_specs(), "-m", f"kata.{module}", *argv]
        try:
            return subprocess.run(command, cwd=ROOT).returncode
        except KeyboardInterrupt:
            return 130

    return run


def _at_least(minimum: int) -> Callable[[str], int]:
    def whole(text: str) -> int:
        if not text.isdigit() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least "
                                             f"{minimum}")
        return int(text)

    return whole


def _bench(argv: list[str], manifest: Manifest) -> int:
    """`bench` runs every benchmark; `bench grading` or `bench training` runs one."""
    from kata.authoring import bench_grade

    parser = _parser("bench", "Benchmarks: training speed against fused NumPy and PyTorch, "
                     "and a warm `nox` against bare pytest.")
    parser.add_argument("which", nargs="?", choices=("training", "grading"),
                        help="one benchmark (default: both)")
    parser.add_argument("--rounds", type=_at_least(1), default=5, help="interleaved rounds (5)")
    parser.add_argument("--epochs", type=_at_least(1),
                        help="training: epochs per run (3000)")
    parser.add_argument("--seed", type=_at_least(0), help="training: data and weights seed (10)")
    args = parser.parse_args(argv)
    training = [f"--{name}={value}" for name in ("epochs", "seed")
                if (value := getattr(args, name)) is not None]
    if training and args.which == "grading":
        raise KataError("nox -s bench --: --epochs and --seed are for `bench training`, "
                        "not `bench grading`.")
    status = 0
    if args.which in (None, "training"):
        status |= _numpy_tool("authoring.bench")([*training, f"--rounds={args.rounds}"],
                                                 manifest)
        print()
    if args.which in (None, "grading"):
        status |= bench_grade.main(args.rounds)
    return status


COMMANDS: dict[str, Callable[[list[str], Manifest], int]] = {
    "grade": cmd_grade,
    "hint": cmd_hint,
    "reset": cmd_reset,
    "watch": cmd_watch,
    "solution": cmd_solution,
    "stubs": cmd_stubs,
    "verify": _lazy("authoring.verify"),
    "handout": _lazy("workshop.handout"),
    "update": _lazy("workshop.update"),
    "report": _lazy("judge.report"),
    "class_report": _lazy("workshop.class_report"),
    "train": _numpy_tool("aids.train_demo"),
    "bench": _bench,
}


# Maintainers' commands that work only beside solutions/, so not in a hand-out.
NEEDS_SOLUTIONS = ("verify", "stubs", "bench")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        names = ", ".join(COMMANDS)
        print(f"usage: python -m kata COMMAND [ARGS]; the commands are: {names}.",
              file=sys.stderr)
        return 2
    def command() -> int:
        if argv[0] in NEEDS_SOLUTIONS and not (ROOT / "solutions").is_dir():
            raise KataError(f"This copy of the kata is a hand-out without solutions/, so "
                            f"`nox -s {argv[0]}` (a maintainers' tool) does not work here.")
        return COMMANDS[argv[0]](argv[1:], manifest_module.load())

    return run_command(argv[0], command)
