"""Grade the learner's exercises: one line each, a progress bar, the next thing to do.

The last line printed is always `K/N exercises done`: tools read it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

# The reports live in kata.judge.report; these names stay importable from here.
from kata.judge.report import (
    DEFAULT_REPORT,
    REPORT_SCHEMA,
    learner_name,
    report_data,
    write_json,
    write_junit,
)
from kata.judge.runner import Run, SpecResult, WarmJudge, python_for_specs, run_specs
from kata.manifest import ROOT, Exercise, Manifest

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


def grade(manifest: Manifest, exercises: list[Exercise], *, tree: str = "exercises",
          python: str | None = None, warm: WarmJudge | None = None) -> tuple[list[Graded], Run]:
    """Grade `exercises` on `tree`; `warm` (from warm_judge) makes it start faster."""
    spec_files = [ex.spec_path for ex in exercises if (ROOT / ex.spec_path).is_file()]
    run = run_specs(python or python_for_specs(), spec_files, ["--tree", tree], warm=warm)
    graded = []
    for ex in exercises:
        specs = [r for r in run.results.values() if r.spec_file == ex.spec_path]
        graded.append(Graded(ex, specs))
    return graded, run


def warm_judge(manifest: Manifest, *, tree: str = "exercises",
               python: str | None = None) -> WarmJudge:
    """A judge started now for the next `grade(..., warm=...)` of any of the exercises."""
    spec_files = [ex.spec_path for ex in manifest.exercises if (ROOT / ex.spec_path).is_file()]
    return WarmJudge(python or python_for_specs(), spec_files, ["--tree", tree])


# ---------------------------------------------------------------------------- rendering

def _bar(done: int, total: int, width: int = 30) -> str:
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text.rstrip(), prefix)


def explain(graded: Graded) -> str:
    """A few readable lines on what to do next for one unfinished exercise."""
    ex, spec = graded.exercise, graded.first_problem
    head = (f"Next: {ex.number} {ex.title} - {ex.stub_path} "
            f"({STATES[graded.state]}, {graded.passed}/{graded.total} specs)")
    lines = [head]
    if spec is None:
        lines.append(f"    {ex.spec_path} has no specs.")
        return "\n".join(lines)
    state = graded.state
    if state == "not_started":
        lines.append(f"    Open {ex.stub_path}, read the docstrings, and replace each "
                     "`raise NotImplementedError(...)` with your code.")
        lines.append("    Then run `nox` again, or leave `nox -s watch` running while you work.")
    elif state == "blocked":
        needed = sorted({s.message.split()[2] for s in graded.specs if s.kind == "needs"})
        lines.append(f"    It builds on your own earlier work: finish exercise "
                     f"{', '.join(needed)} first ({spec.message.split(': ', 1)[-1]}).")
    elif state == "broken":
        lines.append(_indent(spec.message))
        if spec.where:
            lines.append(f"    at {spec.where}")
    elif state == "crashed":
        lines.append(f"    While checking `{spec.name}`, your code {spec.message}.")
        lines.append("    The other exercises were graded without it.")
    else:
        what = spec.doc or spec.name.replace("_", " ")
        lines.append(f"    Spec {spec.name}: {what}")
        if spec.kind == "timeout" and not spec.message.startswith("Timeout (>"):
            lines.append(f"    It {spec.message}" if "stopped" in spec.message else
                         "    It did not finish in time: look for a loop that never ends.")
        else:
            lines.append(_indent(spec.message))
        if spec.where:
            lines.append(f"    Your code: {spec.where}")
        if spec.printed:
            shown = spec.printed.rstrip().splitlines()
            lines.append("    Your code printed:" + (f" (the last 8 of {len(shown)} lines)"
                                                     if len(shown) > 8 else ""))
            lines += [f"      {line[:200]}" for line in shown[-8:]]
    lines.append(f"    Stuck? `nox -s hint -- {ex.number}`")
    return "\n".join(lines)


def _also_failing(graded: Graded, most: int = 6) -> list[str]:
    others = [s for s in graded.specs if s.outcome not in ("passed", "skipped")
              and s is not graded.first_problem]
    lines = [f"  also failing: {s.name}: {(s.message.splitlines() or [s.kind])[0]}"
             for s in others[:most]]
    if len(others) > most:
        lines.append(f"  ... and {len(others) - most} more")
    return [*lines, ""] if lines else []


def render(manifest: Manifest, graded: list[Graded], run: Run, *, details: bool = False) -> str:
    out = [manifest.title, ""]
    width = max(len(g.exercise.title) for g in graded) if graded else 0
    for g in graded:
        state = STATES[g.state]
        mark = {"done": "ok", "in_progress": "..", "not_started": "  ", "blocked": "  "}.get(
            g.state, "!!")
        out.append(f" {mark} {g.exercise.number}  {g.exercise.title:<{width}}  "
                   f"{state:<12} {g.passed:>3}/{g.total}")
    done = sum(g.state == "done" for g in graded)
    passed = sum(g.passed for g in graded)
    total = sum(g.total for g in graded)
    out += ["", f"{_bar(done, len(graded))} {done}/{len(graded)} exercises, "
                f"{passed}/{total} specs", ""]
    if run.problem:
        out += [run.problem, ""]
    unfinished = [g for g in graded if g.state != "done"]
    if unfinished:
        out += [explain(unfinished[0]), ""]
        if details and unfinished[0].state == "in_progress":
            out += _also_failing(unfinished[0])
    elif graded:
        out += ["Every exercise is done. Watch your network learn: `nox -s train`", ""]
    out.append(f"{done}/{len(graded)} exercises done")
    return "\n".join(out)
