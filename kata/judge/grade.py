"""Grade the learner's exercises: one line each, a progress bar, the next thing to do.

The last line printed is always `K/N exercises done`: tools read it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

# The reports live in kata.judge.report; these names stay importable from here.
from kata import files
from kata.judge.report import (
    DEFAULT_REPORT,
    REPORT_SCHEMA,
    learner_name,
    report_data,
    write_json,
    write_junit,
)
from kata.judge.runner import Run, SpecResult, WarmJudge, python_for_specs, run_specs
from kata.manifest import ROOT, Exercise, Manifest, tree_path

__all__ = ["DEFAULT_REPORT", "REPORT_SCHEMA", "Graded", "explain", "grade", "learner_name",
           "render", "report_data", "write_json", "write_junit"]

STATES = {  # state -> what the learner reads
    "done": "done",
    "in_progress": "in progress",
    "not_started": "not started",
    "blocked": "blocked",
    "broken": "broken",
    "timed_out": "timed out",
    "crashed": "crashed",
    "no_specs": "no specs",
}


@dataclass
class Graded:
    exercise: Exercise
    specs: list[SpecResult] = field(default_factory=list)
    path: Path | None = None  # the file graded

    @property
    def passed(self) -> int:
        return sum(s.outcome == "passed" for s in self.specs)

    @property
    def total(self) -> int:
        return len(self.specs)

    @property
    def state(self) -> str:
        outcomes = {s.outcome for s in self.specs}
        kinds = {s.kind for s in self.specs if s.outcome != "passed"}
        if not self.specs:
            return "no_specs"
        if "crashed" in outcomes:
            return "crashed"
        if "timeout" in outcomes:
            return "timed_out"
        if "broken" in kinds:
            return "broken"
        if outcomes == {"passed"}:
            return "done"
        if kinds == {"not_implemented"} and self.passed == 0:
            return "not_started"
        if "needs" in kinds and kinds <= {"needs", "not_implemented"}:
            return "blocked"  # a sealed hand-out: the learner's own earlier exercise is unfinished
        return "in_progress"

    @property
    def first_problem(self) -> SpecResult | None:
        order = ("crashed", "timeout")
        for outcome in order:
            for spec in self.specs:
                if spec.outcome == outcome:
                    return spec
        return next((s for s in self.specs if s.outcome != "passed"), None)


# How long each spec file took last time on the kata's own trees (exercises/, solutions/),
# so that the next run can share the files fairly between its judges
# (kata.judge.runner.shares). Only a hint: a file that is missing or wrong costs an even
# share, nothing else.
DURATIONS = ".kata/durations.json"


def _tree_key(tree: str) -> str | None:
    try:
        return tree_path(tree).resolve().relative_to(ROOT).as_posix()
    except (ValueError, OSError):
        return None  # a tree elsewhere (a test's, a class folder): nothing remembered


def _durations() -> dict[str, dict[str, float]]:
    every = files.read_json_state(ROOT / DURATIONS)  # a FIFO or /dev/zero counts as absent
    if not isinstance(every, dict):
        return {}
    return {key: {f: float(t) for f, t in times.items()
                  if type(t) in (int, float) and 0 <= t < 1e6}
            for key, times in every.items() if isinstance(times, dict)}


def _remember_durations(every: dict[str, dict[str, float]], key: str, run: Run) -> None:
    if not run.durations:
        return
    every[key] = {**every.get(key, {}), **{f: round(t, 3) for f, t in run.durations.items()}}
    try:
        (ROOT / DURATIONS).parent.mkdir(exist_ok=True)
        files.write_atomic(ROOT / DURATIONS, json.dumps(every, indent=1))  # runs at once
    except OSError:
        pass  # only a hint


def grade(manifest: Manifest, exercises: list[Exercise], *, tree: str = "exercises",
          python: str | None = None, warm: WarmJudge | None = None) -> tuple[list[Graded], Run]:
    """Grade `exercises` on `tree`; `warm` (from warm_judge) makes it start faster. An
    exercise named twice (`grade -- 01 01`, `05 relu ex05`) is graded and counted once:
    otherwise Gradescope scored one exercise 30 points and the view said "0/3 exercises"."""
    exercises = list({ex.module: ex for ex in exercises}.values())  # first place kept
    spec_files = [ex.spec_path for ex in exercises if (ROOT / ex.spec_path).is_file()]
    key, durations = _tree_key(tree), _durations()
    run = run_specs(python or python_for_specs(), spec_files, [f"--tree={tree_path(tree)}"],
                    warm=warm, estimates=durations.get(key or "", {}))
    if key is not None:
        _remember_durations(durations, key, run)
    graded = []
    for ex in exercises:
        specs = [r for r in run.results.values() if r.spec_file == ex.spec_path]
        graded.append(Graded(ex, specs, tree_path(tree) / f"{ex.module}.py"))
    return graded, run


def defined_twice(path: Path | None) -> list[str]:
    """`ReLU (lines 4 and 31)` for each name the module at `path` defines more than once at
    its top level: Python keeps the last, so code written above a stub's own definition
    is replaced by the stub's, which still raises NotImplementedError."""
    try:
        tree = ast.parse(files.read_regular(path).decode("utf-8-sig"))
    except (files.FileProblem, SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return []  # (the last two: nested or chained too deep for Python's parser)
    lines: dict[str, list[int]] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines.setdefault(node.name, []).append(node.lineno)
    return [f"{name} (lines {', '.join(map(str, found[:-1]))} and {found[-1]})"
            for name, found in lines.items() if len(found) > 1]


def given_imports(path: Path | None) -> set[str]:
    """The numbers of the earlier exercises whose code the module at `path` imports from
    kata.given (in a sealed hand-out, the learner's own)."""
    try:
        tree = ast.parse(files.read_regular(path).decode("utf-8-sig"))
    except (files.FileProblem, SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return set()
    return {node.module.split(".")[2][2:4] for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kata.given.ex")}


def warm_judge(manifest: Manifest, *, tree: str = "exercises",
               python: str | None = None) -> WarmJudge:
    """A judge started now for the next `grade(..., warm=...)` of any of the exercises."""
    spec_files = [ex.spec_path for ex in manifest.exercises if (ROOT / ex.spec_path).is_file()]
    # The same arguments as grade()'s: a judge started for other ones is not used.
    return WarmJudge(python or python_for_specs(), spec_files, [f"--tree={tree_path(tree)}"])


# ---------------------------------------------------------------------------- rendering

WIDTH = 79  # every line we write fits an 80-column terminal without wrapping

# ANSI colours by state; the last line (`K/N exercises done`) is never coloured.
_COLOURS = {"done": "32", "in_progress": "33", "not_started": "2", "broken": "31",
            "timed_out": "31", "crashed": "31", "no_specs": "2", "blocked": "2", "bold": "1"}


def use_colour(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal; NO_COLOR (any value) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false", "no"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if os.name == "nt" and not (os.environ.get("WT_SESSION") or os.environ.get("TERM")):
        return False  # the old Windows console prints escape codes as they are
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def paint(text: str, style: str, colour: bool) -> str:
    """`text` in the colour of `style` (a state, or "bold") when `colour` is on."""
    return f"\033[{_COLOURS[style]}m{text}\033[0m" if colour and style in _COLOURS else text


def ellipsize(text: str, width: int) -> str:
    """`text` cut to `width` characters at a word boundary, ending in "..." when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 3].rstrip()
    space = cut.rfind(" ")
    if space > width // 2:  # end on a whole word unless that loses half the line
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "..."


def _bar(done: int, total: int, width: int = 30) -> str:
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text.rstrip(), prefix)


def _prose(text: str) -> list[str]:
    """Our own sentences, indented and wrapped to WIDTH (spec messages are never rewrapped:
    their columns of numbers must stay aligned)."""
    # A `code span` is never broken across lines: its spaces are held until wrapped.
    held = re.sub(r"`[^`]*`", lambda m: m.group().replace(" ", "\0"), text)
    lines = textwrap.wrap(held, WIDTH, initial_indent="    ", subsequent_indent="    ",
                          break_on_hyphens=False, break_long_words=False)
    return [line.replace("\0", " ") for line in lines]


def explain(graded: Graded, *, colour: bool = False, watching: bool = False) -> str:
    """A few readable lines on what to do next for one unfinished exercise (`watching`:
    as `nox -s watch` shows it, which grades each save and has keys for a hint)."""
    ex, spec = graded.exercise, graded.first_problem
    head = (f"Next: {ex.number} {ex.title} - {ex.stub_path} "
            f"({STATES[graded.state]}, {graded.passed}/{graded.total} specs)")
    lines = [paint(head, "bold", colour) if len(head) <= WIDTH else paint(
        f"Next: {ex.number} {ex.title}", "bold", colour) + "\n" + "\n".join(
        _prose(f"{ex.stub_path} ({STATES[graded.state]}, {graded.passed}/{graded.total} specs)"))]
    if spec is None:
        lines.append(f"    {ex.spec_path} has no specs.")
        return "\n".join(lines)
    state = graded.state
    twice = defined_twice(graded.path) if state in ("not_started", "in_progress") else []
    if twice:
        lines += _prose(f"{ex.stub_path} defines {', '.join(twice)} more than once: Python "
                        "keeps only the last definition, so write your code in the stub's "
                        "own place and delete the other copy.")
    if state == "not_started" and not twice:
        lines += _prose(f"Open {ex.stub_path}, read the docstrings, and replace each "
                        "`raise NotImplementedError(...)` with your code.")
        lines += _prose("Then save it: it is graded here at once." if watching else
                        "Then run `nox` again, or leave `nox -s watch` running while you "
                        "work.")
    elif state == "blocked":
        # The specs name the earlier exercises they reached unfinished; one imported but not
        # reached (behind an earlier failure) may be unfinished too: it is named as well.
        needed = sorted({s.message.split()[2] for s in graded.specs if s.kind == "needs"})
        uses = sorted(given_imports(graded.path) | set(needed))
        also = (f" (it uses your exercises {', '.join(uses)}: each must be done)"
                if uses != needed else "")
        lines += _prose(f"It builds on your own earlier work: finish exercise "
                        f"{', '.join(needed)} first{also} "
                        f"({spec.message.split(': ', 1)[-1]}).")
    elif state == "broken":
        lines.append(_indent(spec.message))
        if spec.where:
            lines.append(f"    at {spec.where}")
    elif state == "crashed":
        lines += _prose(f"While checking `{spec.name}`, your code {spec.message}.")
        lines += _prose("The other exercises were graded without it.")
    else:
        what = spec.doc or spec.name.replace("_", " ")
        lines.append(f"    Spec {spec.name}: {what}")
        if spec.kind == "timeout" and not spec.message.startswith("Timeout (>"):
            lines += _prose(f"It {spec.message}" if "stopped" in spec.message else
                            "It did not finish in time: look for a loop that never ends.")
        else:
            lines.append(_indent(spec.message))
        if spec.where:
            lines.append(f"    Your code: {spec.where}")
        if spec.printed:
            shown = spec.printed.rstrip().splitlines()
            lines.append("    Your code printed:" + (f" (the last 8 of {len(shown)} lines)"
                                                     if len(shown) > 8 else ""))
            lines += [f"      {line[:200]}" for line in shown[-8:]]
    if watching:
        lines += _prose(f"Stuck? Press h for a hint (one step more each time); to try "
                        f"things out, `nox -s play -- {ex.number}` in another terminal.")
    else:
        lines += _prose(f"Stuck? `nox -s hint -- {ex.number}` (one step more each time); "
                        f"to try things out, `nox -s play -- {ex.number}`.")
    return "\n".join(lines)


def _also_failing(graded: Graded) -> list[str]:
    """Every other failing spec of an exercise graded on its own, one line each."""
    others = [s for s in graded.specs if s.outcome not in ("passed", "skipped")
              and s is not graded.first_problem]
    lines = [f"  also failing: {s.name}: {(s.message.splitlines() or [s.kind])[0]}"
             for s in others]
    return [*lines, ""] if lines else []


def table(graded: list[Graded], *, colour: bool = False) -> list[str]:
    """One line per exercise: mark, number, title, state and specs, within WIDTH columns."""
    digits = max((len(str(g.total)) for g in graded), default=1)
    state_width = max(len(s) for s in STATES.values())
    # " ok 01 " + title + "  " + state + " " + passed/total
    room = WIDTH - 7 - 2 - state_width - 1 - (2 * digits + 1)
    width = min(max((len(g.exercise.title) for g in graded), default=0), room)
    lines = []
    for g in graded:
        mark = {"done": "ok", "in_progress": "..", "not_started": "  ", "blocked": "  "}.get(
            g.state, "!!")
        title = ellipsize(g.exercise.title, width)
        state = paint(f"{STATES[g.state]:<{state_width}}", g.state, colour)
        lines.append(f" {paint(mark, g.state, colour)} {g.exercise.number} {title:<{width}}  "
                     f"{state} {g.passed:>{digits}}/{g.total}")
    return lines


NEXT_STEP = "Run `nox` to grade every exercise and see which one is next."


def render(manifest: Manifest, graded: list[Graded], run: Run, *, details: bool = False,
           colour: bool | None = None, done_next: str = NEXT_STEP, watching: bool = False,
           counted: tuple[int, int] | None = None) -> str:
    """The progress view. `details` (one exercise asked for by name) lists every failing
    spec of the first unfinished one; `done_next` is what to do when the exercises graded
    are all done but others were not graded; `watching`: worded for `nox -s watch`. The last
    line is always `K/N exercises done`: of those graded, or `counted` (K, N) when given
    (watch counts every exercise, as the report has them, not only the one just saved)."""
    colour = use_colour() if colour is None else colour
    out = [paint(manifest.title, "bold", colour), "", *table(graded, colour=colour)]
    done = sum(g.state == "done" for g in graded)
    passed = sum(g.passed for g in graded)
    total = sum(g.total for g in graded)
    out += ["", f"{_bar(done, len(graded))} {done}/{len(graded)} exercises, "
                f"{passed}/{total} specs", ""]
    if run.problem:
        out += [run.problem, ""]
    unfinished = [g for g in graded if g.state != "done"]
    everything = {g.exercise.module for g in graded} >= {
        ex.module for ex in manifest.exercises}
    if unfinished:
        out += [explain(unfinished[0], colour=colour, watching=watching), ""]
        if details and unfinished[0].state == "in_progress":
            out += _also_failing(unfinished[0])
    elif graded and everything:
        out += [paint("Every exercise is done. Watch your network learn: `nox -s train`",
                      "done", colour), ""]
    elif graded:  # a few exercises asked for by name, all done: the rest were not graded
        names = ", ".join(g.exercise.number for g in graded)
        which = "Exercise" if len(graded) == 1 else "Exercises"
        out += [paint(f"{which} {names} {'is' if len(graded) == 1 else 'are'} done.",
                      "done", colour),
                *_prose(done_next), ""]
    out.append("{}/{} exercises done".format(*(counted or (done, len(graded)))))
    return "\n".join(out)
