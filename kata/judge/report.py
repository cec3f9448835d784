"""The grader's reports: .kata/report.json, kept true run after run, and its other forms.

Every grading run merges what it graded into the existing report, exercise by exercise,
so `nox`, `nox -s grade -- 05` and each re-grade in `nox -s watch` all leave it true. The
report says when it was written (`created`) and when each exercise was last graded
(`graded`: {number: time}). The learner's name is asked once (on a terminal) and
remembered in .kata/name. `nox -s report -- [FOLDER]` copies the report under the
learner's name for handing in; JUnit XML and Gradescope's results.json are written from
the same grading.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from kata.integrity import digests, git, handout_record
from kata.manifest import ROOT, KataError, Manifest, Parser

if TYPE_CHECKING:  # grade imports this module; the names are for the type hints only
    from kata.judge.grade import Graded

REPORT_SCHEMA = "kata-report/1"
DEFAULT_REPORT = ".kata/report.json"
NAME_FILE = ".kata/name"
MAX_NAME = 80
GRADESCOPE_POINTS = 10  # Gradescope max_score per exercise (scale it in Gradescope)
MAX_OUTPUT = 2000  # characters of a failure shown per exercise in Gradescope


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------- the name

def _clean_name(name: str) -> str:
    """One line of printable text, at most MAX_NAME characters."""
    shown = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    return " ".join(shown.split())[:MAX_NAME]


def _default_name() -> str:
    try:
        name = git(ROOT, "config", "user.name", timeout=5).stdout.strip()
    except KataError:
        name = ""
    return _clean_name(name or os.environ.get("USER") or os.environ.get("USERNAME") or "") \
        or "unknown"


def remember_name(name: str, root: Path = ROOT) -> str:
    name = _clean_name(name)
    if not name:
        raise KataError("--name needs a name with at least one letter in it.")
    path = root / NAME_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(name + "\n", encoding="utf-8")
    return name


def learner_name(explicit: str | None = None, *, ask: bool = False, root: Path = ROOT) -> str:
    """The learner's name: `explicit` (then remembered), the remembered one, asked once when
    `ask` and stdin and stdout are a terminal (then remembered), else git's user.name or
    the login name (not remembered, so a later run on a terminal still asks)."""
    if explicit is not None:
        return remember_name(explicit, root)
    try:
        remembered = _clean_name((root / NAME_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        remembered = ""
    if remembered:
        return remembered
    default = _default_name()
    if ask and sys.stdin.isatty() and sys.stdout.isatty():
        try:
            typed = input(f"Your name, for your progress report [{default}]: ")
        except (EOFError, KeyboardInterrupt):
            typed = ""
            print()
        return remember_name(typed if _clean_name(typed) else default, root)
    return default


# ---------------------------------------------------------------------------- the report

def _entry(g: Graded) -> dict:
    return {
        "number": g.exercise.number,
        "module": g.exercise.module,
        "title": g.exercise.title,
        "state": g.state,
        "passed": g.passed,
        "total": g.total,
        "specs": [
            {"name": s.name, "outcome": s.outcome, "kind": s.kind,
             "message": s.message, "where": s.where,
             **({"printed": s.printed} if s.printed else {})}
            for s in g.specs
        ],
    }


def read_report(path: Path) -> dict | None:
    """The kata report in `path`, or None when there is none (or it is not one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA \
            or not isinstance(data.get("exercises"), list):
        return None
    return data


def report_data(manifest: Manifest, graded: list[Graded], *, learner: str,
                previous: dict | None = None) -> dict:
    """The report after this run: each exercise graded now, and the others that `previous`
    had graded before, in the manifest's order (never-graded exercises are left out)."""
    when = _now()
    fresh = {g.exercise.number: _entry(g) for g in graded}
    old = {e.get("number"): e for e in (previous or {}).get("exercises", [])
           if isinstance(e, dict)}
    old_times = (previous or {}).get("graded")
    old_times = old_times if isinstance(old_times, dict) else {}
    entries, times = [], {}
    for ex in manifest.exercises:
        kept = old.get(ex.number)
        if ex.number in fresh:
            entries.append(fresh[ex.number])
            times[ex.number] = when
        elif isinstance(kept, dict) and kept.get("module") == ex.module:
            entries.append(kept)
            times[ex.number] = str(old_times.get(ex.number, (previous or {}).get("created", "")))
    record = handout_record(ROOT)
    return {
        "schema": REPORT_SCHEMA,
        "kata": {"name": manifest.name, "version": manifest.version},
        # Which hand-out version this copy is (None in the instructor's own tree).
        "handout": {key: record.get(key) for key in ("version", "kind", "built")}
        if record else None,
        "learner": learner,
        "created": when,
        "graded": times,  # exercise number -> when it was last graded
        "python": sys.version.split()[0],
        # Digests of the specs and grading tools: class_report flags edited ones.
        "integrity": digests(),
        "summary": {
            "done": sum(e["state"] == "done" for e in entries),
            "exercises": len(entries),
            "specs_passed": sum(e["passed"] for e in entries),
            "specs": sum(e["total"] for e in entries),
        },
        "exercises": entries,
    }


def update_report(path: Path, manifest: Manifest, graded: list[Graded], *,
                  learner: str) -> dict:
    """Merge this run into the report at `path` and write it; returns what was written."""
    data = report_data(manifest, graded, learner=learner, previous=read_report(path))
    write_json(path, data)
    return data


def check_file(path: Path, what: str) -> Path:
    """`path` if a file can go there, else a KataError (checked before grading starts)."""
    if path.is_dir():
        raise KataError(f"{path} is a folder: give a file name for the {what}.")
    if path.parent.exists() and not path.parent.is_dir():
        raise KataError(f"{path.parent} is a file, so the {what} cannot go in it.")
    return path


def write_json(path: Path, data: dict) -> None:
    """Write `data` to `path` through a temporary file beside it, removed if it fails."""
    check_file(path, "report")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_junit(path: Path, graded: list[Graded]) -> None:
    """JUnit XML: one testsuite per exercise, one testcase per spec."""
    check_file(path, "JUnit XML")
    suites = ET.Element("testsuites", name="kata")
    for g in graded:
        failures = sum(s.outcome in ("failed", "timeout") for s in g.specs)
        errors = sum(s.outcome in ("crashed", "not_run") for s in g.specs)
        suite = ET.SubElement(suites, "testsuite", name=g.exercise.module,
                              tests=str(g.total), failures=str(failures), errors=str(errors))
        for s in g.specs:
            case = ET.SubElement(suite, "testcase", classname=g.exercise.module, name=s.name)
            if s.outcome == "skipped":
                ET.SubElement(case, "skipped")
            elif s.outcome in ("failed", "timeout"):
                first = s.message.splitlines()[0] if s.message else s.kind
                node = ET.SubElement(case, "failure", message=first, type=s.kind)
                node.text = s.message + (f"\n{s.where}" if s.where else "")
            elif s.outcome in ("crashed", "not_run"):
                ET.SubElement(case, "error", message=s.message or s.outcome, type=s.outcome)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


def gradescope_data(graded: list[Graded], points: int = GRADESCOPE_POINTS) -> dict:
    """Gradescope's results.json: one test per exercise, `points` when it is done."""
    tests = []
    for g in graded:
        done = g.state == "done"
        output = f"{g.state.replace('_', ' ')}: {g.passed}/{g.total} specs pass."
        problem = None if done else g.first_problem
        if problem is not None:
            output += f"\n{problem.name}: {problem.message or problem.kind}"
            if problem.where:
                output += f"\nat {problem.where}"
        if len(output) > MAX_OUTPUT:
            output = output[:MAX_OUTPUT] + "\n... (cut)"
        tests.append({"name": f"{g.exercise.number} {g.exercise.title}",
                      "number": g.exercise.number, "score": points if done else 0,
                      "max_score": points, "status": "passed" if done else "failed",
                      "output": output})
    done = sum(g.state == "done" for g in graded)
    return {"score": sum(t["score"] for t in tests), "tests": tests,
            "output": f"{done}/{len(graded)} exercises done", "visibility": "visible"}


# ---------------------------------------------------------------------------- handing in

def file_name(learner: str) -> str:
    """`Ada Lovelace` -> `ada-lovelace.kata-report.json` (letters and digits kept)."""
    plain = unicodedata.normalize("NFKD", learner).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "learner"
    return f"{slug}.kata-report.json"


def main(argv: list[str], manifest: Manifest) -> int:
    """`nox -s report -- [FOLDER]`: the report, copied under your name, for handing in."""
    parser = Parser(prog="nox -s report --", description="Copy your progress report, named "
                    "after you, to hand in.")
    parser.add_argument("folder", nargs="?", default=".",
                        help="where to put the copy (default: this folder)")
    parser.add_argument("--name", help="your name (remembered)")
    args = parser.parse_args(argv)
    source = ROOT / DEFAULT_REPORT
    data = read_report(source)
    if data is None:
        raise KataError(f"There is no report in {DEFAULT_REPORT} yet: run `nox` first.")
    if args.name is not None:
        data["learner"] = remember_name(args.name)
    folder = Path(args.folder)
    folder = folder if folder.is_absolute() else Path.cwd() / folder
    if not folder.is_dir():
        raise KataError(f"There is no folder {args.folder} to put the report in.")
    target = folder / file_name(data["learner"])
    if args.name is None:
        shutil.copyfile(source, target)
    else:
        write_json(target, data)
    when = data.get("created", "?")
    print(f"Wrote {target} ({data['learner']}, {data['summary']['done']}/"
          f"{data['summary']['exercises']} exercises done, graded {when}): hand in this file.")
    return 0
