"""The kata's commands. Each nox session calls one; `python -m kata COMMAND` works too.

Every command returns an exit status. A mistake the user can fix (an unknown exercise,
a missing folder, a bad option) raises KataError: one sentence, no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kata import files
from kata import manifest as manifest_module
from kata.aids import backups, hints
from kata.aids import watch as aids_watch
from kata.aids.watch import POLL_SECONDS
from kata.authoring import stubs
from kata.judge import grade as grading
from kata.judge import report as reports
from kata.judge.runner import Run, WarmJudge, python_for_specs
from kata.manifest import ROOT, Exercise, KataError, Manifest, Parser, run_command
from kata.text import chosen_number, clean, escaped, someone_types

if TYPE_CHECKING:  # imported where `solution` runs, to keep every other command's start quick
    from kata.aids.examples import Outcome


def _parser(command: str, description: str) -> Parser:
    return Parser(prog=f"nox -s {command} --", description=description)


# ---------------------------------------------------------------------------- grade

def _show_grades(manifest: Manifest, selected: list[Exercise], *, tree: Path | None = None,
                 details: bool = False, warm: WarmJudge | None = None,
                 **render: str) -> tuple[list[grading.Graded], Run]:
    """Grade `selected` (in `warm`, a judge started ahead, if given) and print the view."""
    graded, run = grading.grade(manifest, selected, tree=str(tree or ROOT / "exercises"),
                                warm=warm)
    print(grading.render(manifest, graded, run, details=details, **render), flush=True)
    return graded, run


def record(manifest: Manifest, graded: list[grading.Graded], report: Path, *,
           learner: str) -> dict:
    """Merge a grading of the learner's own work into `report` and send the report to the
    joined class, if any (in the background, returning at once): every grading run does
    this, `nox` and `nox -s grade` as each re-grade in `nox -s watch`. Returns the report."""
    data = reports.update_report(report, manifest, graded, learner=learner)
    from kata.workshop.class_client import send_report_in_background  # when it sends

    send_report_in_background(report)  # nothing unless joined
    return data


def current_exercise(manifest: Manifest) -> Exercise | None:
    """The exercise the learner is on: the first one the grader finds unfinished."""
    graded, run = grading.grade(manifest, list(manifest.exercises))
    if run.problem:
        raise KataError("The specs could not be run, so the exercise you are on is unknown: "
                        "run `nox` to see why, or name an exercise.")
    return next((g.exercise for g in graded if g.state != "done"), None)


def _exercise_or_current(manifest: Manifest, name: str | None) -> Exercise | None:
    """The exercise named, or the one the learner is on when none is; a name given but
    blank is refused by `find`, never read as "the one you are on"."""
    return current_exercise(manifest) if name is None else manifest.find(name)


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
    outputs = {"--report": (args.report, "report"), "--junit": (args.junit, "JUnit XML"),
               "--gradescope": (args.gradescope, "Gradescope results")}
    for option, (path, what) in outputs.items():  # before any work, as every check here
        if path is not None and not path.strip():
            raise KataError(f"{option} needs a file name for the {what} ({path!r} was "
                            "given).")
    selected = manifest.select(args.exercises)
    tree = manifest_module.tree_folder(args.tree)
    for path, what in outputs.values():
        if path is not None:
            reports.check_file(ROOT / path, what)
    named: dict[str, str] = {}  # one file for two outputs: the second refused the first's
    for option, (path, _) in outputs.items():
        if path is not None:
            same = named.setdefault(os.path.realpath(ROOT / path), option)
            if same != option:
                raise KataError(f"{same} and {option} both name {path}: give each its own "
                                "file.")
    # `--tree` grades another folder (a learner's, handed in): its --name names that one
    # report, and the name remembered for this kata's own exercises stays as it was.
    folder = tree.resolve()
    own = folder == (ROOT / "exercises").resolve()
    learner = reports.learner_name(args.name, ask=not args.exercises, remember=own)
    # A report is of a learner's own work: the reference graded is nobody's progress.
    reference = folder == (ROOT / "solutions").resolve()
    if reference:
        print("Grading the reference solutions: no report is written or sent.\n", flush=True)
    graded, run = _show_grades(manifest, selected, tree=tree, details=bool(args.exercises))
    if not reference:
        record(manifest, graded, ROOT / args.report, learner=learner)
    if args.junit is not None:
        reports.write_junit(ROOT / args.junit, graded)
    if args.gradescope is not None:
        reports.write_json(ROOT / args.gradescope, reports.gradescope_data(graded))
    if run.problem:
        return 2
    if args.strict and any(g.state != "done" for g in graded):
        return 1
    return 0


# ---------------------------------------------------------------------------- hint

def cmd_hint(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("hint", "One more level of the hint for an exercise (the idea, then the "
                             "formula, then the shape of the code).")
    parser.add_argument("exercise", nargs="?", help="number or name (default: the one you are on)")
    parser.add_argument("--all", action="store_true", help="show every level")
    parser.add_argument("--reset", action="store_true", help="start this exercise's hints again")
    args = parser.parse_args(argv)
    ex = _exercise_or_current(manifest, args.exercise)
    if ex is None:
        print("Every exercise is done: there is nothing left to hint at. `nox -s train` "
              "shows your network learn.")
        return 0
    if args.reset:
        hints.forget(ex)
        print(f"Exercise {ex.number}'s hints start again from the first level: "
              f"`nox -s hint -- {ex.number}`.")
        return 0
    upto = hints.climb(ex, everything=args.all)
    print(hints.render(ex, upto, solutions=(ROOT / ex.solution_path).is_file()))
    return 0


# ---------------------------------------------------------------------------- play

def cmd_play(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("play", "A Python shell with your exercise, numpy and the data sets.")
    parser.add_argument("exercise", nargs="?", help="number or name (default: the one you are on)")
    parser.add_argument("--plain", action="store_true",
                        help="Python's own console even when IPython is installed")
    args = parser.parse_args(argv)
    ex = _exercise_or_current(manifest, args.exercise) or manifest.exercises[-1]
    command = [python_for_specs(), "-m", "kata.aids.play", str(ROOT / ex.stub_path), ex.module]
    return _interactive([*command, *(["--plain"] if args.plain else [])])


def _ignore(signum: int, frame: object) -> None:
    """A Ctrl-C that the child in the terminal handles: nothing for us to do."""


def _interactive(command: list[str]) -> int:
    """Run a child that owns the terminal: Ctrl-C is its to handle, not ours. We wait through
    it with a handler that does nothing, never with SIG_IGN: an ignored signal stays ignored
    in the child, so its Ctrl-C could not stop a learner's endless loop (a handler is reset
    to the default in the child, which then gets Python's KeyboardInterrupt)."""
    previous = signal.signal(signal.SIGINT, _ignore)
    try:
        return subprocess.run(command, cwd=ROOT).returncode
    finally:
        signal.signal(signal.SIGINT, previous)


# ---------------------------------------------------------------------------- reset, restore

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


def reset(manifest: Manifest, ex: Exercise) -> list[str]:
    """Put `ex`'s pristine stub back after a byte-for-byte backup; what happened, to print.
    Every file is written before anything is printed, so a closed pipe cannot stop halfway."""
    text = pristine(manifest, ex.module).encode("utf-8")
    path = ROOT / ex.stub_path
    if not path.is_symlink() and backups.contents(path) == text:
        return [f"{ex.stub_path} is already the pristine stub; nothing to do."]
    done = backups.replace(path, text)
    said = [done.note] if done.note else []
    if done.saved is not None:
        said.append(f"Your version is saved as {done.saved.relative_to(ROOT).as_posix()} "
                     f"(`nox -s restore -- {ex.number}` brings it back).")
    elif done.already is not None:
        said.append(f"Your version was already backed up as "
                    f"{done.already.relative_to(ROOT).as_posix()}, so no new copy was made "
                    f"(`nox -s restore -- {ex.number}` brings it back).")
    return [*said, f"{ex.stub_path} is the pristine stub again. Good luck!"]


def cmd_reset(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("reset", "Put an exercise's pristine stub back (your version is backed up).")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    print("\n".join(reset(manifest, manifest.find(parser.parse_args(argv).exercise))))
    return 0


def cmd_restore(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("restore", "Put one of your backups of an exercise back. Your current "
                                "file is backed up first (unless a backup already holds it), "
                                "as a copy numbered after the versions reset saved, so "
                                "`--pick 1` twice puts the same version back.")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    parser.add_argument("--pick", metavar="N",
                        help="the backup to restore (1 = the newest version reset saved)")
    args = parser.parse_args(argv)
    ex = manifest.find(args.exercise)
    found = backups.backups_of(ex.module)
    if not found:
        raise KataError(f"There are no backups of exercise {ex.number} in "
                        f"{backups.FOLDER.as_posix()}/ (`nox -s reset -- {ex.number}` makes one).")
    target = ROOT / ex.stub_path
    answer = args.pick
    if answer is None:
        print(f"Backups of {ex.stub_path}, newest first:\n")
        print(backups.listing(found, target) + "\n")
        if not someone_types():
            print(f"Choose one with `nox -s restore -- {ex.number} --pick N`.")
            return 0
        try:
            answer = input(f"Which one (1-{len(found)}; Enter leaves everything as it is)? ")
        except (EOFError, KeyboardInterrupt):
            answer = ""
            print()
        if not answer.strip():
            print("Nothing was changed.")
            return 0
    pick = chosen_number(answer, len(found))
    if pick is None and not answer.strip():  # `--pick=`, `--pick ""`
        raise KataError(f"--pick needs a backup's number: choose one from 1 to {len(found)} "
                        f"(`nox -s restore -- {ex.number}` lists them).")
    if pick is None:
        raise KataError(f"There is no backup {clean(answer.strip(), 20)} of exercise {ex.number}: "
                        f"choose a number from 1 to {len(found)}.")
    chosen = found[pick - 1]
    data = chosen.path.read_bytes()
    if not target.is_symlink() and backups.contents(target) == data:
        print(f"{ex.stub_path} is already backup {pick} (your version of "
              f"{chosen.made:%Y-%m-%d %H:%M:%S}); nothing was changed.")
        return 0
    done = backups.replace(target, data, kind=backups.BEFORE_RESTORE)
    said = [done.note] if done.note else []
    kept = done.saved or done.already
    if kept is not None:
        number = backups.number_of(kept, ex.module)
        again = f"`nox -s restore -- {ex.number} --pick {number}` brings it back"
        said.append(f"Your file was saved as {kept.relative_to(ROOT).as_posix()} ({again})."
                    if done.saved else
                    f"Your file was already backup {number}, so no new copy was made "
                    f"({again}).")
    print("\n".join([*said, f"{ex.stub_path} is your version of "
                             f"{chosen.made:%Y-%m-%d %H:%M:%S} again."]))
    return 0


# ---------------------------------------------------------------------------- watch

def cmd_watch(argv: list[str], manifest: Manifest, *, rounds: int | None = None) -> int:
    parser = _parser("watch", "Re-grade each exercise you save; keys for next, hint, list, "
                              "reset, check all, re-run and quit.")
    parser.add_argument("exercise", nargs="?", help="start with this one (default: all)")
    parser.add_argument("--poll", type=float, default=POLL_SECONDS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 0.01 <= args.poll <= 60:  # NaN too
        raise KataError(f"--poll {args.poll} is not a number of seconds from 0.01 to 60.")
    folder = ROOT / "exercises"
    if not folder.is_dir():
        raise KataError("There is no exercises/ folder to watch.")
    start = None if args.exercise is None else manifest.find(args.exercise)
    done_next = "Press n for the next exercise, or c to check them all."
    learner = reports.learner_name()  # never asked here: the keys own the terminal
    unrecorded: list[str] = []  # why the report could not be written, said once

    warm: list[WarmJudge] = []  # a judge started ahead, so a save is graded at once

    def grade(selected: list[Exercise]) -> dict[str, str]:
        judge = warm.pop() if warm and len(selected) == 1 else None
        try:
            graded, run = grading.grade(manifest, selected, tree=str(ROOT / "exercises"),
                                        warm=judge)
        finally:
            if judge is not None:
                judge.close()  # used up: only its folder is left to remove
        done, total = sum(g.state == "done" for g in graded), len(graded)
        try:  # as `nox` does: the report, and the class view when joined
            summary = record(manifest, graded, ROOT / reports.DEFAULT_REPORT,
                             learner=learner)["summary"]
            done, total = summary["done"], len(manifest.exercises)
        except (KataError, OSError) as exc:
            if not unrecorded:
                unrecorded.append(str(exc))
                print(f"Your progress report is not kept up to date while watching: {exc}",
                      flush=True)
        print(grading.render(manifest, graded, run, details=True, done_next=done_next,
                             watching=True, counted=(done, total)), flush=True)
        if not warm:  # used up (or never started): start the next one now
            warm.append(grading.warm_judge(manifest))
        return {g.exercise.module: g.state for g in graded}

    def check_all() -> dict[str, str]:
        return grade(list(manifest.exercises))

    def listing(focus: Exercise) -> None:
        graded, _ = grading.grade(manifest, list(manifest.exercises))
        for g, line in zip(graded, grading.table(graded, colour=grading.use_colour())):
            print((">" if g.exercise == focus else " ") + line[1:])

    def hint(focus: Exercise) -> None:
        upto = hints.climb(focus)
        print(hints.render(focus, upto, solutions=(ROOT / focus.solution_path).is_file(),
                           again="h"))

    def reset_one(focus: Exercise) -> None:
        print("\n".join(reset(manifest, focus)))  # a KataError is said, and watch goes on

    actions = aids_watch.Actions(grade, check_all, listing, hint, reset_one)
    try:
        with aids_watch.Keys() as keys:
            return aids_watch.watch(manifest, folder, actions, keys, start=start,
                                    poll=args.poll, rounds=rounds)
    finally:
        for judge in warm:
            judge.close()


# ---------------------------------------------------------------------------- solution

def run_examples(path: Path, module: str, examples: tuple[str, ...]) -> list[Outcome]:
    """Each example evaluated on the module at `path`, in a child interpreter: as printed,
    and exactly, to compare."""
    from kata.aids.examples import Outcome, checked
    command = [python_for_specs(), "-m", "kata.aids.examples", str(path), module, *examples]
    posix = os.name == "posix"
    with subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=posix) as child:
        timed_out = False
        try:
            out, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            timed_out, out, err = True, "", ""
        finally:  # with whatever the learner's code started
            if posix:
                with contextlib.suppress(OSError):
                    os.killpg(child.pid, signal.SIGKILL)
            child.kill()
    if timed_out:
        return [Outcome("(did not finish within 60 s)")] * len(examples)
    try:
        found = json.loads(out.strip().splitlines()[-1])
        outcomes = [Outcome(escaped(str(r["shown"]), keep="\n")[:4000], checked(r["exact"]))
                    for r in found]
        if len(outcomes) != len(examples):
            raise ValueError("one result per example")
        return outcomes
    except (IndexError, KeyError, TypeError, ValueError):  # JSONDecodeError is a ValueError
        reason = escaped((err.strip().splitlines() or ["no output"])[-1][:300])
        return [Outcome(f"(could not run: {reason})")] * len(examples)


def _side_by_side(examples: tuple[str, ...], yours: list[Outcome],
                  reference: list[Outcome]) -> str:
    """Each call, then its result once when both are equal, else both results (in two
    columns when they fit, one above the other when not) and how they differ: the largest
    difference at full precision, a dtype or shape. Results that print alike but are not
    equal (beyond the digits shown) are shown once, with how they differ."""
    from kata.aids.examples import differences

    half = (grading.WIDTH - 4 - 3) // 2
    blocks = []
    for call, mine_outcome, ref_outcome in zip(examples, yours, reference):
        mine, ref = mine_outcome.shown, ref_outcome.shown
        how = differences(mine_outcome.exact, ref_outcome.exact)
        notes = "".join("\n" + textwrap.fill(escaped(note[:400]), grading.WIDTH,
                                             initial_indent="    ", subsequent_indent="    ",
                                             break_long_words=False, break_on_hyphens=False)
                        for note in how or [])
        if mine == ref and not how:
            blocks.append(f">>> {call}\n" + _indented(mine) + "\n    (the same from both)")
            continue
        if mine == ref:
            blocks.append(f">>> {call}   DIFFERENT\n" + _indented(mine) + "\n    (both print "
                          "like this, but they are not equal beyond the digits shown)" + notes)
            continue
        left, right = mine.splitlines() or [""], ref.splitlines() or [""]
        if max(map(len, left + right)) <= half:
            rows = [("yours", "reference"), ("-" * 5, "-" * 9)]
            rows += [(left[i] if i < len(left) else "", right[i] if i < len(right) else "")
                     for i in range(max(len(left), len(right)))]
            body = "\n".join(f"    {a:<{half}} | {b}".rstrip() for a, b in rows)
        else:
            body = "  yours:\n" + _indented(mine) + "\n  reference:\n" + _indented(ref)
        blocks.append(f">>> {call}   DIFFERENT\n{body}{notes}")
    return "\n\n".join(blocks)


def _indented(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines() or [""])


COMPARED_BYTES = 1 << 20  # a learner's file bigger than this is not diffed


def _without_fences(path: Path) -> list[str]:
    """The file's lines without `### BEGIN/END SOLUTION` fences: they are bookkeeping of
    the kata, not differences between your code and the reference. Line endings are read
    as \\n whatever they are (a Windows editor saves \\r\\n), as the grader reads them."""
    try:  # (a FIFO in its place would block a plain read)
        data = files.read_regular(path, COMPARED_BYTES)
    except files.FileProblem as problem:
        if problem.why != "large":
            return []
        raise KataError(f"{path.relative_to(ROOT).as_posix()} is {problem}, too big to "
                        "compare with the reference line by line.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KataError(f"{path.relative_to(ROOT).as_posix()} is not UTF-8 text, so it cannot "
                        "be compared: save it as UTF-8 in your editor.") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    # a learner's control characters are shown, never obeyed by the terminal
    return [escaped(line, keep="\n\t") for line in lines
            if line.strip() not in (stubs.BEGIN, stubs.END)]


def cmd_solution(argv: list[str], manifest: Manifest) -> int:
    parser = _parser("solution", "Compare your exercise with the reference solution.")
    parser.add_argument("exercise", help="number or name, e.g. 05 or relu")
    parser.add_argument("--peek", action="store_true", help="show it even before you are done")
    args = parser.parse_args(argv)
    ex = manifest.find(args.exercise)
    reference = ROOT / ex.solution_path
    if not reference.is_file() and reference.parent.is_dir():  # a solution not written yet
        raise KataError(f"Exercise {ex.number} has no reference solution yet "
                        f"({ex.solution_path} is missing), so there is nothing to compare.")
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
    if not mine.is_file():  # never diffed as if empty: the whole reference as your "changes"
        raise KataError(f"{ex.stub_path} is missing or is not a file you can edit (a folder, "
                        "a FIFO, a link to nothing), so there is nothing to compare: "
                        f"`nox -s reset -- {ex.number}` brings the stub back.")
    diff = difflib.unified_diff(_without_fences(mine), _without_fences(reference),
                                fromfile=ex.stub_path, tofile=ex.solution_path)
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
        held = backups.contents(path)  # None for no file, a FIFO (never opened to block), ...
        if held == text.encode("utf-8") and not path.is_symlink():
            continue
        if path.is_dir() and not path.is_symlink():
            raise KataError(f"{rel} is a folder, not a file: move it out of the way, then run "
                            "this again.")
        if held is not None and _has_uncommitted_changes(path):
            saved = backups.backup(path, data=held)
            print(f"{rel} had uncommitted changes; saved as "
                  f"{saved.relative_to(ROOT).as_posix()}")
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(path, text)  # replaces a link or a FIFO, never writes through it
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
        with subprocess.Popen(command, cwd=ROOT) as child:
            try:
                return child.wait()
            except KeyboardInterrupt:  # the tool got the Ctrl-C too: let it say where it
                try:                  # stopped (and end what it started), then go
                    return child.wait(timeout=10)
                except (KeyboardInterrupt, subprocess.TimeoutExpired):  # a second Ctrl-C
                    child.kill()
                    return 130

    return run


def _whole(minimum: int, maximum: int) -> Callable[[str], int]:
    """A whole number from `minimum` to `maximum` in plain ASCII digits: "\u0663" (an
    Arabic-Indic 3) and a number of thousands of digits are refused in one short sentence,
    and no bound is so large that the benchmark would never end."""
    def whole(text: str) -> int:
        digits = text.lstrip("0") or "0"
        if not (text.isascii() and text.isdigit()) or len(digits) > len(str(maximum)) \
                or not minimum <= int(digits) <= maximum:
            raise argparse.ArgumentTypeError(f"{clean(repr(text), 24)} is not a whole number "
                                             f"from {minimum} to {maximum:,}")
        return int(digits)

    return whole


def _bench(argv: list[str], manifest: Manifest) -> int:
    """`bench` runs every benchmark; `bench grading` or `bench training` runs one."""
    from kata.authoring import bench_grade

    parser = _parser("bench", "Benchmarks: training speed against fused NumPy and PyTorch, "
                     "and grading: warm `nox` on the stubs and solved, `nox -s watch`.")
    parser.add_argument("which", nargs="?", choices=("training", "grading"),
                        help="one benchmark (default: both)")
    parser.add_argument("--rounds", type=_whole(1, 1000), default=5,
                        help="interleaved rounds (5)")
    parser.add_argument("--epochs", type=_whole(1, 1_000_000),  # train's bound too
                        help="training: epochs per run (3000)")
    parser.add_argument("--digits-epochs", type=_whole(1, 1_000_000),
                        help="training: digits epochs per run (30)")
    parser.add_argument("--seed", type=_whole(0, 2**32 - 1),
                        help="training: data and weights seed (10)")
    args = parser.parse_args(argv)
    training = [f"--{name.replace('_', '-')}={value}"
                for name in ("epochs", "digits_epochs", "seed")
                if (value := getattr(args, name)) is not None]
    if training and args.which == "grading":
        raise KataError("nox -s bench --: --epochs, --digits-epochs and --seed are for "
                        "`bench training`, not `bench grading`.")
    status = 0
    if args.which in (None, "training"):
        status |= _numpy_tool("authoring.bench")([*training, f"--rounds={args.rounds}"],
                                                 manifest)
        print()
    if args.which in (None, "grading"):
        status |= bench_grade.main(args.rounds, manifest)
    return status


COMMANDS: dict[str, Callable[[list[str], Manifest], int]] = {
    "grade": cmd_grade,
    "hint": cmd_hint,
    "reset": cmd_reset,
    "restore": cmd_restore,
    "watch": cmd_watch,
    "play": cmd_play,
    "solution": cmd_solution,
    "stubs": cmd_stubs,
    "verify": _lazy("authoring.verify"),
    "handout": _lazy("workshop.handout"),
    "update": _lazy("workshop.update"),
    "report": _lazy("judge.report"),
    "class_report": _lazy("workshop.class_report"),
    "train": _numpy_tool("aids.train_demo"),
    "bench": _bench,
    "mutants": _lazy("authoring.mutants"),
}


# The commands whose sessions set KATA_PYTHON, the interpreter with numpy and pytest.
RUN_SPECS = ("grade", "hint", "watch", "play", "solution", "train", "bench", "verify")

# Maintainers' commands that work only beside solutions/, so not in a hand-out.
NEEDS_SOLUTIONS = ("verify", "stubs", "bench", "mutants")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        names = ", ".join(COMMANDS)
        print(f"usage: python -m kata COMMAND [ARGS]; the commands are: {names}.",
              file=sys.stderr)
        return 2
    def command() -> int:
        chosen = os.environ.get("KATA_PYTHON")  # nox's sessions set it; a stale one is said
        if argv[0] in RUN_SPECS and chosen and not (os.path.isfile(chosen)
                                                    and os.access(chosen, os.X_OK)):
            raise KataError(f"KATA_PYTHON is {chosen!r}, which is no Python that can run: "
                            "unset it, or run the command through nox (`nox -s "
                            f"{argv[0]}`), which sets it.")
        if argv[0] in NEEDS_SOLUTIONS and not (ROOT / "solutions").is_dir():
            raise KataError(f"This copy of the kata is a hand-out without solutions/, so "
                            f"`nox -s {argv[0]}` (a maintainers' tool) does not work here.")
        return COMMANDS[argv[0]](argv[1:], manifest_module.load())

    return run_command(argv[0], command)
