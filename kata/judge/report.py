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

import contextlib
import io
import json
import os
import re
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from kata import files
from kata.integrity import EXERCISE_TOKEN_CACHE, digests, git, handout_record, token_digests
from kata.manifest import ROOT, KataError, Manifest, Parser
from kata.text import clean, escaped, someone_types

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


def _given_name(name: str) -> str:
    """A name given with --name, cleaned; refused when nothing of it is left."""
    name = _clean_name(name)
    if not name:
        raise KataError("--name needs a name with at least one letter in it.")
    return name


def remember_name(name: str, root: Path = ROOT) -> str:
    name = _given_name(name)
    path = root / NAME_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, name + "\n")
    return name


def remembered_name(root: Path = ROOT) -> str:
    """The name remembered in .kata/name, or "" when there is none."""
    return _clean_name(files.read_text_state(root / NAME_FILE, 4096) or "")


def learner_name(explicit: str | None = None, *, ask: bool = False, remember: bool = True,
                 root: Path = ROOT) -> str:
    """The learner's name: `explicit` (then remembered, unless not `remember`: the name of
    another folder's work is not this kata's learner), the remembered one, asked once when
    `ask` and stdin and stdout are a terminal (then remembered), else git's user.name or
    the login name (not remembered, so a later run on a terminal still asks). Ctrl-C at the
    question stops the command (exit status 130) and remembers nothing."""
    if explicit is not None:
        return remember_name(explicit, root) if remember else _given_name(explicit)
    remembered = remembered_name(root)
    if remembered:
        return remembered
    default = _default_name()
    if ask and someone_types():
        try:
            typed = input(f"Your name, for your progress report [{default}]: ")
        except EOFError:
            typed = ""
            print()
        except KeyboardInterrupt:  # stop, as Ctrl-C does anywhere: no name is remembered
            print("\nStopped: nothing was graded, and your name will be asked next time.",
                  file=sys.stderr)
            raise SystemExit(130) from None
        return remember_name(typed if _clean_name(typed) else default, root)
    return default


# ---------------------------------------------------------------------------- the report

def _tokens_of(graded: list[Graded]) -> dict[str, str]:
    """The digest of each graded file without its comments, by module (none for a file that
    cannot be read): class_report tells a reference answer handed in as it is by this."""
    raw = {}
    for g in graded:
        try:
            raw[str(g.path)] = files.read_regular(g.path)
        except (files.FileProblem, TypeError):
            continue
    tokens = token_digests(raw, cache=EXERCISE_TOKEN_CACHE)
    return {g.exercise.module: tokens[str(g.path)] for g in graded if str(g.path) in tokens}


def _entry(g: Graded, tokens: dict[str, str]) -> dict:
    return {
        "number": g.exercise.number,
        "module": g.exercise.module,
        "title": g.exercise.title,
        "state": g.state,
        "passed": g.passed,
        "total": g.total,
        **({"tokens": tokens[g.exercise.module]} if g.exercise.module in tokens else {}),
        "specs": [
            {"name": s.name, "outcome": s.outcome, "kind": s.kind,
             "message": s.message, "where": s.where,
             **({"printed": s.printed} if s.printed else {})}
            for s in g.specs
        ],
    }


# ---------------------------------------------------------------------------- reading
# A report is untrusted once written: it may have been edited, cut short, or never been
# one. Every reader checks it here - the grader merging the last run's, `nox -s report`
# before handing it in, class_report and the live view on what learners send.

MAX_DIGITS = 18  # no count in a report needs more; json would otherwise parse 10**5000
# The states the grader writes (the keys of kata.judge.grade.STATES, which imports this).
STATES = {"done", "in_progress", "not_started", "blocked", "broken", "timed_out", "crashed",
          "no_specs"}


class Unreadable(Exception):
    """Why some bytes are not a kata report: one clear reason."""


def _json_problem(text: str, exc: json.JSONDecodeError) -> str:
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        return f"truncated: the JSON stops before its end (line {exc.lineno})"
    return f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"


def _need(value: object, kind: type | tuple[type, ...], where: str) -> None:
    if not isinstance(value, kind) or isinstance(value, bool):
        names = {str: "a string", int: "a number", list: "a list", dict: "an object"}
        wanted = names.get(kind, "of another type") if isinstance(kind, type) else "a value"
        shown = "missing" if value is None else f"not {wanted}"
        raise Unreadable(f"a malformed kata report: {where} is {shown}")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise Unreadable(f"not a kata report: it holds a {len(digits)}-digit number")
    return int(digits)


def created_time(created: object) -> float | None:
    """The time a report's `created` names, in seconds since the epoch, or None."""
    if not isinstance(created, str):
        return None
    try:
        when = datetime.fromisoformat(created.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.timestamp()
    except (ValueError, OverflowError):
        return None


def parse_report(raw: bytes) -> dict:
    """The report in `raw`, checked against kata-report/1, or Unreadable with the reason."""
    if not raw.strip():
        raise Unreadable("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text, so not a kata report") from None
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise Unreadable(_json_problem(text, exc)) from None
    except RecursionError:
        raise Unreadable("not a kata report: the JSON is nested too deeply") from None
    except ValueError as exc:  # an over-long number some other way
        raise Unreadable(f"not a kata report ({clean(exc, 80)})") from None
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string"}.get(type(data), "a single value")
        raise Unreadable(f"not a kata report: the JSON holds {kind}, not an object")
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema.startswith("kata-report/"):
        raise Unreadable(f'not a kata report: no "schema": "{REPORT_SCHEMA}" in it')
    if schema != REPORT_SCHEMA:
        raise Unreadable(f"a report of schema {clean(schema, 40)}, which this kata cannot "
                         f"read (it reads {REPORT_SCHEMA})")
    _need(data.get("learner"), str, "learner")
    _need(data.get("exercises"), list, "exercises")
    for i, ex in enumerate(data["exercises"]):
        _need(ex, dict, f"exercises[{i}]")
        for key, kind in (("number", str), ("state", str), ("passed", int), ("total", int)):
            _need(ex.get(key), kind, f"exercises[{i}].{key}")
        if ex["state"] not in STATES:
            raise Unreadable(f"a malformed kata report: exercises[{i}].state is "
                             f"{clean(ex['state'], 20)!r}, which the grader never writes")
        if "specs" in ex:
            _need(ex["specs"], list, f"exercises[{i}].specs")
    if "created" in data and created_time(data["created"]) is None:
        raise Unreadable("a malformed kata report: created is not a date and time")
    return data


def _report_in(raw: bytes | None) -> dict | None:
    try:
        return None if raw is None else parse_report(raw)
    except Unreadable:
        return None


def read_report(path: Path) -> dict | None:
    """The kata report in `path`, or None when there is none (or it is not one, or it is
    not a regular file that can be read without blocking: see kata.files)."""
    return _report_in(files.read_state(path))


def report_data(manifest: Manifest, graded: list[Graded], *, learner: str,
                previous: dict | None = None) -> dict:
    """The report after this run: each exercise graded now, and the others that `previous`
    had graded before, in the manifest's order (never-graded exercises are left out). The
    summary counts done of the kata's exercises, so a never-graded one counts as not done;
    its specs are those of the exercises graded."""
    when = _now()
    tokens = _tokens_of(graded)
    fresh = {g.exercise.number: _entry(g, tokens) for g in graded}
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
            "exercises": len(manifest.exercises),
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


def _json_of(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_int=_bounded_int)
    except (ValueError, RecursionError, Unreadable):
        return None


def _is_gradescope(raw: bytes) -> bool:
    data = _json_of(raw)
    return isinstance(data, dict) and isinstance(data.get("tests"), list) and "score" in data


def _is_junit(raw: bytes) -> bool:
    return re.match(rb"\s*(<\?xml[^>]*\?>\s*)?<testsuites?[\s>/]", raw[:4096]) is not None


# What each output this module writes is called, and how an earlier one is recognised: an
# existing file is replaced only when it is one of those (kata.files.check_output).
KINDS = {
    "report": lambda raw: _report_in(raw) is not None,
    "JUnit XML": _is_junit,
    "Gradescope results": _is_gradescope,
}


def check_file(path: Path, what: str) -> Path:
    """`path` if the `what` (a key of KINDS) may be written there, else a KataError of one
    sentence; checked before grading starts, so a mistyped path costs neither the grading
    run nor a file: a folder, a path inside exercises/, solutions/, tests/ or kata/, an
    existing Python file, and an existing file that is not an earlier `what` are refused.
    The kata's own report (.kata/report.json) is always replaced by a report, whatever it
    holds now; nothing else is written in .kata/, which holds the kata's state."""
    own = what == "report" and os.path.abspath(path) == os.path.abspath(ROOT / DEFAULT_REPORT)
    state = (ROOT / DEFAULT_REPORT).parent.name
    if not own and files.inside_kata(path, folders=(state,)):
        raise KataError(f"{path} is in the kata's {state}/ folder, which holds its state "
                        f"(your report, your name, hints, backups): give a path outside it "
                        f"for the {what}.")
    return files.check_output(path, what, same_kind=KINDS.get(what, lambda raw: False),
                              replaceable=own)


def write_json(path: Path, data: dict, *, what: str | None = None) -> None:
    """Write `data` to `path` whole or not at all, through a temporary file with a unique
    name beside it (two grading runs at once each have their own). `what` is checked as
    check_file does; by default a kata report when `data` is one, else Gradescope results
    (the two JSON outputs)."""
    if what is None:
        what = "report" if data.get("schema") == REPORT_SCHEMA else "Gradescope results"
    check_file(path, what)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, json.dumps(data, indent=2) + "\n")


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
    out = io.BytesIO()
    ET.ElementTree(suites).write(out, encoding="utf-8", xml_declaration=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, out.getvalue())


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

MAX_SLUG_BYTES = 150  # of UTF-8: the whole file name stays far below 255 bytes


def file_name(learner: str, number: int = 1) -> str:
    """`Ada Lovelace` -> `ada-lovelace.kata-report.json`; `李雷` -> `李雷.kata-report.json`.
    Letters and digits of every script are kept (str.isalnum, after NFKC), anything else
    becomes one `-`, so names in other scripts do not all become `learner`; `number` 2, 3,
    ... adds `-2`, `-3`: the name for another learner whose name makes the same slug."""
    plain = unicodedata.normalize("NFKC", learner).lower()
    slug = "".join(c if c.isalnum() else "-" for c in plain)
    slug = re.sub("-+", "-", slug).strip("-")
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-") or "learner"
    return f"{slug}{f'-{number}' if number > 1 else ''}.kata-report.json"


MAX_SAME_SLUG = 99


def hand_in_path(folder: Path, learner: str) -> Path:
    """Where `learner`'s copy goes in `folder`: their own earlier copy (replaced), else the
    first free name. A file there of another learner, or that is no kata report at all, is
    never replaced: in a shared folder, "Ada L." and "ada-l" make the same name."""
    for number in range(1, MAX_SAME_SLUG + 1):
        target = folder / file_name(learner, number)
        if not os.path.lexists(target):
            return target
        earlier = read_report(target)
        if earlier is not None and earlier.get("learner") == learner:
            return target
    raise KataError(f"{folder} already holds {MAX_SAME_SLUG} reports named like "
                    f"{file_name(learner)}, of other learners: use another folder.")


def main(argv: list[str], manifest: Manifest) -> int:
    """`nox -s report -- [FOLDER]`: the report, copied under your name, for handing in."""
    parser = Parser(prog="nox -s report --", description="Copy your progress report, named "
                    "after you, to hand in.")
    parser.add_argument("folder", nargs="?", default=".",
                        help="where to put the copy (default: this folder)")
    parser.add_argument("--name", help="your name (remembered)")
    args = parser.parse_args(argv)
    if not args.folder.strip():  # '' would be the kata's own folder, unasked
        raise KataError("No folder was given to put the report in (leave it out for this "
                        "folder).")
    # The folder first: a mistyped folder is told as such, whether or not a report exists.
    folder = Path(args.folder)
    folder = folder if folder.is_absolute() else Path.cwd() / folder
    if not folder.is_dir():
        raise KataError(f"There is no folder {args.folder} to put the report in.")
    source = ROOT / DEFAULT_REPORT
    raw = files.read_state(source)
    if raw is None:
        raise KataError(f"There is no report in {DEFAULT_REPORT} yet: run `nox` first.")
    try:  # what your instructor's class_report will check, and then a little more
        data = parse_report(raw)
        summary = data.get("summary")
        if not (data["learner"].strip() and isinstance(data.get("created"), str)
                and isinstance(summary, dict) and all(
                    type(summary.get(key)) is int for key in ("done", "exercises"))):
            raise Unreadable("its summary, learner or date is missing")
    except Unreadable as exc:
        raise KataError(f"The report in {DEFAULT_REPORT} is damaged ({exc}: it was edited, "
                        "or cut short): run `nox` again, which writes it afresh.") from None
    # The name is the one given now, else the one remembered (a `--name` of an earlier
    # hand-in, since the last grading run), else the one the report was written with.
    name = remember_name(args.name) if args.name is not None else remembered_name()
    if name and name != data["learner"]:
        data["learner"] = name
        raw = (json.dumps(data, indent=2) + "\n").encode("utf-8")
        with contextlib.suppress(KataError, OSError):  # the next run rewrites it anyway
            files.write_atomic(source, raw)  # the live view and `train` read the same name
    learner = str(data.get("learner", ""))
    target = check_file(hand_in_path(folder, learner), "report")
    files.write_atomic(target, raw)  # the report's own bytes, never through a link
    # Of the kata's exercises: a report of kata-report/1 written before this counted only
    # the exercises graded ("1/1 exercises done" of a kata of 18).
    print(f"Wrote {target} ({escaped(learner)}, {summary['done']}/{len(manifest.exercises)} "
          f"exercises done, graded {escaped(data['created'])}): hand in this file.")
    return 0
