"""`nox -s class_report -- REPORT.json ... | FOLDER`: the class at a glance.

Reads the JSON reports that `nox` writes for each learner (schema kata-report/1, see the
README) and prints a table - learner, exercises done, specs passing, where each one is,
whether the specs and grading tools are the pristine ones - then who is stuck on which
known mistake, who has not started, and the hardest spec of each exercise. Writes the
same as CSV (UTF-8 with BOM, for spreadsheets) and as one self-contained HTML page; the
live view (`nox -s class_serve`) renders the same page from reports sent as learners grade.

Every report is untrusted. A file that is not a readable kata report (invalid, truncated,
foreign JSON, a FIFO, a device, a symlink loop, a 5,000-digit number) is listed with one
reason and skipped; nothing in one file can stop or hang the others. Tamper evidence: each
report carries sha256 digests of the files that decide grading, compared with this kata's
own (or with each --reference DIR: the hand-out versions you gave out). A change that only
touches comments (proved by applying the report's recorded diff and re-digesting it), a
committed earlier version of the reference's file that differs from it only in comments
(the instructor edited a comment after handing out) and an added file that grading never
runs are not tampering; an exercise whose spec file was
really edited never counts as done, and nothing counts for a learner whose grading tools
were edited, whose counts cannot be this kata's, or whose report has no digests. Nor does
an exercise handed in as its reference answer, the same token for token (comments aside).

    python -m kata.workshop.class_report --bench 1000   # time 1,000 synthetic reports
"""

from __future__ import annotations

import base64
import contextlib
import csv
import hashlib
import html
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tokenize
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from kata import files
from kata.integrity import combined_digest, digests
from kata.judge.report import REPORT_SCHEMA as SCHEMA
from kata.judge.report import Unreadable, created_time, parse_report
from kata.manifest import ROOT, KataError, Manifest, Parser
from kata.text import clean
from kata.workshop.mistakes import Mistakes
from kata.workshop.mistakes import load as load_mistakes

MAX_BYTES = 50 * 1024 * 1024
MAX_SPECS = 100_000
SPEC_FILE = re.compile(r"^tests/test_ex(\d\d)_\w+\.py$")
SKIP_DIRS = {".git", ".nox", "node_modules", "__pycache__", ".venv", ".pytest_cache"}
# Files pytest or nox pick up by name alone: adding one changes grading.
RUN_BY_NAME = {"conftest.py", "pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml",
               "noxfile.py", "__init__.py"}
# Not started, or (sealed hand-out) waiting for the learner's own earlier exercise.
WAITING = {"not_started", "blocked"}
NOT_WRITTEN = {"not_implemented", "needs"}  # failure kinds that say nothing about difficulty
FUTURE_SLACK = 15 * 60  # seconds a learner's clock may run ahead before it is flagged


# ---------------------------------------------------------------------------- reading

def find_reports(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]],
                                            list[tuple[str, str]]]:
    """(report files named or found in the folders named, (path, why) for paths that do not
    exist, (path, why) for files in those folders that were not read)."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    ignored: list[tuple[str, str]] = []
    others = 0
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for n in sorted(names):
                    if n.lower().endswith(".json"):
                        files.append(Path(folder) / n)
                    elif ".json" in n.lower() or "report" in n.lower():
                        ignored.append((_shown(Path(folder) / n),
                                        "its name does not end in .json"))
                    else:
                        others += 1
        elif path.exists():
            files.append(path)
        elif os.path.lexists(path):
            missing.append((name, "a broken or looping symbolic link"))
        else:
            missing.append((name, "no such file or folder"))
    if others:
        ignored.append((f"{others} other file(s)", "not named *.json"))
    # A file named twice (`reports reports/ada.json`, `reports reports/late`) is one report.
    seen: set[str] = set()
    once = []
    for path in files:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            once.append(path)
    return once, missing, ignored


# How a problem with a file reads in the list of files skipped.
_SO = {"special": ", so not a report", "large": " to be a kata report"}


def read_file(path: Path, cap: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `cap` of them. A FIFO, a device or a socket is
    refused before reading (opened non-blocking, so a FIFO cannot hang us: kata.files)."""
    try:
        return files.read_regular(path, cap)
    except files.FileProblem as exc:
        raise Unreadable(f"{exc}{_SO.get(exc.why, '')}") from None


def read_report(path: Path) -> dict:
    """The report in `path`, checked against kata-report/1, or Unreadable with the reason."""
    return parse_report(read_file(path))


# ---------------------------------------------------------------------------- integrity

@dataclass
class Reference:
    """A kata tree learners' reports are compared with: its folder and its digests."""

    root: Path
    files: dict[str, str]
    # What an OPEN hand-out of this tree adds: its given copies of earlier solutions.
    open_given: dict[str, str] = field(default_factory=dict)
    # module -> the comment-blind digest of its reference answer (a report's "tokens")
    answers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, root: Path) -> Reference:
        from kata.integrity import raw_digest, token_digest
        from kata.manifest import load
        from kata.workshop import handout

        given, answers = {}, {}
        manifest = load(root)
        if (root / "solutions").is_dir():
            for module in handout.given_modules(manifest, root):
                text = handout.given_text(module, root)
                given[f"{handout.GIVEN}/{module}.py"] = raw_digest(text.encode("utf-8"))
        for ex in manifest.exercises:
            for path in (root / ex.solution_path, root / handout.GIVEN / f"{ex.module}.py"):
                with contextlib.suppress(files.FileProblem):
                    answers[ex.module] = token_digest(".py", files.read_regular(path))
                    break
        return cls(root, digests(root)["files"], given, answers)


HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_diff(original: str, diff: str) -> str | None:
    """`original` with the unified `diff` applied, or None when it does not apply exactly
    (a context line differs, or the diff was cut short so a hunk's counts do not add up)."""
    source = original.splitlines(keepends=True)
    lines = diff.splitlines(keepends=True)
    out: list[str] = []
    pos = i = 0
    while i < len(lines) and not lines[i].startswith("@@"):
        i += 1  # the ---/+++ header
    if i == len(lines):
        return None
    while i < len(lines):
        match = HUNK.match(lines[i])
        if not match:
            return None
        old_n = int(match[2] or 1)
        new_n = int(match[4] or 1)
        start = int(match[1]) - (1 if old_n else 0)
        if start < pos or start > len(source):
            return None
        out += source[pos:start]
        pos, old_seen, new_seen, last = start, 0, 0, ""
        i += 1
        while i < len(lines) and (old_seen < old_n or new_seen < new_n
                                  or lines[i].startswith("\\")):
            tag, body = lines[i][:1], lines[i][1:]
            i += 1
            if tag == "\\":  # "\ No newline at end of file": the line before has none
                if last == "+" and out:
                    out[-1] = out[-1].rstrip("\r\n")
                continue
            last = tag
            if tag in (" ", "-"):
                if pos >= len(source) or source[pos].rstrip("\r\n") != body.rstrip("\r\n"):
                    return None
                if tag == " ":
                    out.append(source[pos])
                    new_seen += 1
                pos += 1
                old_seen += 1
            elif tag == "+":
                out.append(body)
                new_seen += 1
            else:
                return None
        if old_seen != old_n or new_seen != new_n:
            return None
    return "".join(out + source[pos:])


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8").replace(b"\r\n", b"\n")).hexdigest()


def _code_tokens(text: str) -> list[tuple[int, str]] | None:
    """The Python tokens of `text` without comments and blank lines; None if not Python."""
    try:
        return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline)
                if t.type not in (tokenize.COMMENT, tokenize.NL)]
    except Exception:  # noqa: BLE001 - on a NUL byte, 3.12's tokenizer raises SystemError
        return None


def comment_only(rel: str, digest: str, diff: object, references: list[Reference]) -> bool:
    """Whether the learner's `rel` (sha256 `digest`) differs from a reference only in
    comments and blank lines. The recorded `diff` is trusted only when applying it to the
    reference gives exactly the learner's digest; then both are compared token by token."""
    if not isinstance(diff, str) or not rel.endswith(".py"):
        return False
    for ref in references:
        if rel not in ref.files:
            continue
        try:
            original = (ref.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        theirs = apply_diff(original, diff)
        if theirs is not None and _digest(theirs) == digest:
            mine, changed = _code_tokens(original), _code_tokens(theirs)
            return mine is not None and mine == changed
    return False


@lru_cache(maxsize=1024)
def _committed(root: Path, rel: str, most: int = 40) -> dict[str, str]:
    """{sha256: text} of the last `most` committed versions of `rel` in the git repository
    holding `root` ({} without git). Only paths of the reference's own files come here."""
    try:
        log = subprocess.run(["git", "log", "-n", str(most), "--format=%H", "--", rel],
                             cwd=root, capture_output=True, text=True, timeout=10)
        commits = log.stdout.split() if log.returncode == 0 else []
        if not commits:
            return {}
        batch = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True,
                               timeout=20, input="".join(f"{c}:./{rel}\n" for c in commits
                                                         ).encode())
    except (OSError, subprocess.SubprocessError):
        return {}
    versions, data = {}, batch.stdout
    while data:
        header, _, data = data.partition(b"\n")
        parts = header.split()
        if len(parts) != 3 or parts[1] != b"blob":
            continue  # "<name> missing": the file did not exist in that commit
        size = int(parts[2])
        text = data[:size].decode("utf-8", "replace")
        versions[_digest(text)] = text
        data = data[size + 1:]
    return versions


def earlier_version(rel: str, digest: str, references: list[Reference]) -> bool:
    """Whether the learner's `rel` is a committed earlier version of a reference's file that
    differs from it only in comments: the instructor edited a comment after handing out."""
    if not rel.endswith(".py"):
        return False
    for ref in references:
        text = _committed(ref.root, rel).get(digest)
        if text is None or rel not in ref.files:
            continue
        try:
            current = (ref.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        tokens = _code_tokens(text)
        if tokens is not None and tokens == _code_tokens(current):
            return True
    return False


def never_run(rel: str, spec_paths: set[str]) -> bool:
    """Whether grading never runs an added file: a scratch `tests/test_*.py` that is not an
    exercise's spec file, or a new module inside kata/ that nothing imports unedited. A
    module added to kata/given/ is run: it would stand in for an earlier exercise."""
    name = rel.rsplit("/", 1)[-1]
    if name in RUN_BY_NAME or rel in spec_paths or rel.startswith("kata/given/"):
        return False
    return (rel.startswith("tests/") and name.startswith("test_")) or rel.startswith("kata/")


@dataclass
class Verdict:
    text: str = "ok"  # "ok", or what is wrong, one phrase
    edited: list[str] = field(default_factory=list)
    tainted: set[str] = field(default_factory=set)  # exercise numbers; "ALL": every one
    notes: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)  # edited file -> its recorded diff


def check_integrity(report: dict, references: list[Reference], spec_paths: set[str]) -> Verdict:
    """What the report's digests say about its specs and tools, against every reference."""
    record = report.get("integrity")
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return Verdict("unverified: no integrity record", tainted={"ALL"})
    if record.get("combined") != combined_digest(files):
        return Verdict("EDITED: the integrity record itself", tainted={"ALL"})
    edits = record.get("edits") if isinstance(record.get("edits"), dict) else {}
    verdict = Verdict()
    known = set().union(*(ref.files for ref in references))
    comments, added = [], []
    handed = report.get("handout") if isinstance(report.get("handout"), dict) else {}
    is_open = handed.get("kind") == "open"
    for rel in sorted(known | set(files)):
        mine = files.get(rel)
        if any(ref.files.get(rel) == mine for ref in references):
            continue  # as one of the references has it (absent from it included)
        if is_open and mine is not None and any(ref.open_given.get(rel) == mine
                                                for ref in references):
            continue  # the given code an open hand-out ships, untouched
        if mine is None:
            pass  # removed: an edit
        elif rel not in known and never_run(rel, spec_paths):
            added.append(rel)
            continue
        elif comment_only(rel, mine, edits.get(rel), references):
            comments.append(rel)
            continue
        elif rel in known and earlier_version(rel, mine, references):
            continue  # the instructor changed a comment since handing out
        verdict.edited.append(rel)
        if isinstance(edits.get(rel), str):
            verdict.diffs[rel] = edits[rel][:4000]
        match = SPEC_FILE.match(rel)
        verdict.tainted.add(match.group(1) if match and rel in known else "ALL")
    if comments:
        verdict.notes.append("comments changed in " + _some(comments))
    if added:
        verdict.notes.append("added " + _some(added) + " (never run by grading)")
    if verdict.edited:
        verdict.text = "EDITED: " + _some(verdict.edited)
    return verdict


def _some(items: list[str], most: int = 3) -> str:
    shown = ", ".join(clean(i, 80) for i in items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


@lru_cache(maxsize=1)
def own_specs() -> dict[str, tuple[str, str]]:
    """number -> (spec file, its digest) in this kata: the specs mistakes.json counted."""
    files = digests(ROOT)["files"]
    return {m.group(1): (rel, d) for rel, d in files.items() if (m := SPEC_FILE.match(rel))}


def count_problems(report: dict, mistakes: Mistakes) -> tuple[list[str], set[str]]:
    """(what cannot be right about the report's counts, numbers of the exercises concerned).
    A count is impossible when it is of an exercise this kata does not have (901 is no
    exercise: counting it would make "4/18 done" of nothing), when it contradicts itself
    (more passed than there are, "done" with specs failing, a summary that does not add up)
    or when the learner's spec file is exactly this kata's and yet another number of specs
    ran (some were deselected)."""
    record = report.get("integrity")
    files = record.get("files") if isinstance(record, dict) else None
    files = files if isinstance(files, dict) else {}
    ours = own_specs()
    problems, where = [], set()
    seen: Counter[str] = Counter()
    for ex in report["exercises"]:
        number, passed, total = ex["number"], ex["passed"], ex["total"]
        seen[number] += 1
        wrong = ""
        specs = ex.get("specs")
        if number not in ours:
            wrong = "not an exercise of this kata"
        elif not 0 <= passed <= total <= MAX_SPECS:
            wrong = f"{passed}/{total} specs"
        elif ex["state"] == "done" and passed != total:
            wrong = f"done with {passed}/{total} specs"
        elif isinstance(specs, list) and specs and (
                len(specs) != total
                or sum(isinstance(s, dict) and s.get("outcome") == "passed"
                       for s in specs) != passed):
            wrong = f"{passed}/{total} specs, but {len(specs)} listed"
        elif (number in ours and files.get(ours[number][0]) == ours[number][1]
              and mistakes.specs(number) not in (None, total)):
            wrong = f"{total} specs, this kata has {mistakes.specs(number)}"
        if wrong:
            problems.append(f"{clean(number, 8)}: {wrong}")
            where.add(number)
    problems += [f"{clean(n, 8)} reported {k} times" for n, k in seen.items() if k > 1]
    summary = report.get("summary")
    if isinstance(summary, dict):
        sums = {"done": sum(ex["state"] == "done" for ex in report["exercises"]),
                "specs_passed": sum(ex["passed"] for ex in report["exercises"]),
                "specs": sum(ex["total"] for ex in report["exercises"])}
        off = [k for k, v in sums.items() if k in summary and summary[k] != v]
        if off:
            problems.append("summary " + ", ".join(off) + " disagrees with the exercises")
    return problems, where


def _version(report: dict) -> str:
    kata = report.get("kata")
    return clean(kata.get("version", "?"), 20) if isinstance(kata, dict) else "?"


# ---------------------------------------------------------------------------- judging

@dataclass
class Learner:
    file: str
    name: str
    version: str
    created: str
    exercises: int
    claimed: int  # exercises the report calls done
    done: int  # ...of those, the ones whose specs and tools are pristine
    specs_passed: int
    specs: int
    states: dict[str, str]  # number -> state ("edited" for a done one with edited specs)
    counts: dict[str, tuple[int, int]]  # number -> (passed, total)
    first: tuple[str, str, str] | None  # number, title, state of the first unfinished
    first_spec: str = ""  # the first spec that does not pass there
    mistake: str = ""  # the known mistake its failures show, if the index knows it
    failing: dict[str, list[str]] = field(default_factory=dict)  # number -> specs failing
    integrity: str = "ok"  # "ok", or what is wrong, one phrase
    edited: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    age: float | None = None  # seconds since the report was made
    since: float | None = None  # seconds in this state (the live view knows it)

    @property
    def flagged(self) -> bool:
        return self.integrity != "ok"

    @property
    def status(self) -> str:
        """finished, stuck, not started (nothing passes yet), ready (next one not started),
        flagged (held at an exercise whose specs were edited or whose counts are wrong)."""
        if self.first is None:
            return "finished"
        if self.first[2] in WAITING:
            return "not started" if self.specs_passed == 0 else "ready"
        return "flagged" if self.first[2] in ("edited", "suspect", "copied") else "stuck"

    @property
    def trouble(self) -> str:
        """What holds this learner up: the known mistake, else the state and first spec."""
        if self.first is None or self.first[2] in WAITING:
            return ""
        if self.mistake:
            return self.mistake
        state = self.first[2].replace("_", " ")
        if self.first[2] in ("broken", "crashed", "timed_out", "edited", "copied"):
            return state
        return f"fails {self.first_spec}" if self.first_spec else state


def _age(created: object, now: float) -> float | None:
    when = created_time(created)
    return None if when is None else now - when


@lru_cache(maxsize=1)
def _own_manifest() -> Manifest:
    from kata.manifest import load

    return load()


def judge(path: str, report: dict, references: list[Reference], version: str, *,
          mistakes: Mistakes | None = None, spec_paths: set[str] | None = None,
          now: float | None = None, manifest: Manifest | None = None) -> Learner:
    """What a report says of its learner, checked. Progress is of `manifest`'s exercises
    (default: this kata's): one the report never graded counts as not started, so a report
    of exercise 01 alone is 1 of 18 done, and only a learner with every exercise of the kata
    done is finished."""
    mistakes = mistakes or load_mistakes()
    manifest = manifest or _own_manifest()
    spec_paths = spec_paths if spec_paths is not None else {
        rel for ref in references for rel in ref.files if SPEC_FILE.match(rel)}
    verdict = check_integrity(report, references, spec_paths)
    impossible, suspect = count_problems(report, mistakes)
    states: dict[str, str] = {}
    counts: dict[str, tuple[int, int]] = {}
    failing: dict[str, list[str]] = {}
    first = None
    first_spec = mistake = ""
    unfinished: dict[str, tuple[tuple[str, str, str], str, str]] = {}  # number -> first...
    claimed = done = 0
    answers = {digest for ref in references for digest in ref.answers.values()}
    copied = []
    for ex in report["exercises"]:
        number, state = clean(ex["number"], 8), ex["state"]
        state = state if state.isidentifier() else "unknown"
        if state == "done":
            claimed += 1
            if "ALL" in verdict.tainted or ex["number"] in verdict.tainted:
                state = "edited"
            elif impossible and (ex["number"] in suspect or not suspect):
                state = "suspect"
            elif str(ex.get("tokens")) in answers:  # the reference answer, token for token
                state = "copied"
                copied.append(number)
            else:
                done += 1
        states[number] = state
        counts[number] = (ex["passed"], ex["total"])
        specs = [s for s in ex.get("specs", []) if isinstance(s, dict)]
        failed = [s for s in specs if s.get("outcome") not in ("passed", "skipped")]
        failing[number] = [clean(s.get("name", ""), 120) for s in failed
                           if s.get("kind") not in NOT_WRITTEN]
        if state != "done" and number not in unfinished:
            spec = clean(failed[0].get("name", ""), 120) if failed else ""
            known = ""
            for s in failed:
                known = mistakes.name(ex["number"], str(s.get("message", ""))[:20_000])
                if known:
                    break
            unfinished[number] = (
                (number, clean(ex.get("title", ex.get("module", "")), 120), state), spec, known)
    # The first unfinished exercise, in the kata's order: one never graded is not started.
    # Numbers the kata does not have (flagged as impossible counts) come after its own.
    titles = {ex.number: ex.title for ex in manifest.exercises}
    for number in [*titles, *(n for n in states if n not in titles)]:
        if number in unfinished:
            first, first_spec, mistake = unfinished[number]
            break
        if number not in states:
            first = (number, clean(titles[number], 120), "not_started")
            break
    graded = {clean(ex["number"], 8) for ex in report["exercises"]}
    never = sum(mistakes.specs(number) or 0 for number in titles if number not in graded)
    age = _age(report.get("created"), time.time() if now is None else now)
    learner = Learner(
        file=path, name=clean(report["learner"].strip(), 60) or "(no name)",
        version=_version(report), created=clean(report.get("created", ""), 40),
        exercises=len(manifest.exercises), claimed=claimed, done=done,
        specs_passed=sum(ex["passed"] for ex in report["exercises"]),
        specs=sum(ex["total"] for ex in report["exercises"]) + never,
        states=states, counts=counts, first=first, first_spec=first_spec, mistake=mistake,
        failing=failing, integrity=verdict.text, edited=verdict.edited, diffs=verdict.diffs,
        notes=list(verdict.notes), age=None if age is None else max(0.0, age))
    if age is not None and age < -FUTURE_SLACK:  # it would look the freshest of all
        learner.integrity = (f"{learner.integrity}; " if learner.flagged else "") + \
            f"DATED IN THE FUTURE: {duration(-age)} ahead (a wrong clock or an edited report)"
    if impossible:
        shown = "; ".join(impossible[:2]) + (" ..." if len(impossible) > 2 else "")
        learner.integrity = (f"{learner.integrity}; " if learner.flagged else "") + \
            f"IMPOSSIBLE COUNTS: {shown}"
    if copied:
        learner.integrity = (f"{learner.integrity}; " if learner.flagged else "") + \
            f"HANDS IN THE REFERENCE ANSWER: {_some(copied)}"
    if learner.version != version:
        learner.notes.append(f"kata {learner.version}, this one is {version}")
    if claimed != done:
        learner.notes.append(f"claims {claimed} done")
    return learner


@dataclass
class ClassReport:
    title: str
    version: str
    numbers: list[str]  # exercise numbers, in order
    titles: dict[str, str]
    learners: list[Learner]
    skipped: list[tuple[str, str]]  # (file, reason)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, why not read)

    def stuck(self, top: int = 8) -> list[tuple[str, str, list[Learner]]]:
        """(exercise number, what holds them up, the learners) for learners who have started
        their first unfinished exercise and fail it: largest groups first."""
        groups: dict[tuple[str, str], list[Learner]] = defaultdict(list)
        for x in self.learners:
            if x.status == "stuck" and x.first:
                groups[(x.first[0], x.trouble)].append(x)
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [(number, trouble, people) for (number, trouble), people in ranked[:top]]

    def not_started(self) -> list[Learner]:
        return [x for x in self.learners if x.status == "not started"]

    def hardest(self) -> list[tuple[str, str, int, int]]:
        """Per exercise: (number, the spec failed by most of those who have written some of
        it, how many fail it, how many have written some of it). Specs failing only because
        the code is not written yet (NotImplementedError) do not count."""
        rows = []
        for number in self.numbers:
            tried = [x for x in self.learners
                     if x.states.get(number) not in (None, *WAITING)]
            fails = Counter(spec for x in tried for spec in x.failing.get(number, []))
            if fails:
                spec, count = min(fails.items(), key=lambda kv: (-kv[1], kv[0]))
                rows.append((number, spec, count, len(tried)))
        return rows


def check_reference(given: str, manifest: Manifest) -> Path:
    """The folder `--reference given` names, when it is this kata or a hand-out of it: any
    other folder would make every learner's report look edited."""
    from kata.manifest import load

    root = Path(given)
    if not given.strip() or not (root / "pyproject.toml").is_file():
        raise KataError(f"--reference {given!r} is not a kata folder (it has no "
                        "pyproject.toml).")
    try:
        theirs = load(root)
    except (KataError, ValueError, OSError, KeyError, TypeError) as exc:
        raise KataError(f"--reference {given}: its pyproject.toml cannot be read as a kata's "
                        f"({clean(exc, 120).rstrip('.')}).") from None
    if theirs.name != manifest.name or not theirs.exercises:
        raise KataError(f"--reference {given} is not {manifest.name} or a hand-out of it "
                        f"(its pyproject.toml names {clean(theirs.name, 40)!r}): give the "
                        "folder of a hand-out you gave out.")
    return root


def references_of(roots: list[Path]) -> list[Reference]:
    return [Reference.of(root) for root in roots]


def collect(paths: list[str], manifest: Manifest, reference_root: Path | list[Path] = ROOT
            ) -> ClassReport:
    files, skipped, ignored = find_reports(paths)
    roots = reference_root if isinstance(reference_root, list) else [reference_root]
    references = references_of(roots)
    mistakes = load_mistakes()
    spec_paths = {ex.spec_path for ex in manifest.exercises}
    now = time.time()
    learners = []
    for path in files:
        shown = _shown(path)
        try:
            report = read_report(path)
        except Unreadable as exc:
            skipped.append((shown, str(exc)))
            continue
        learners.append(judge(shown, report, references, manifest.version,
                              mistakes=mistakes, spec_paths=spec_paths, now=now,
                              manifest=manifest))
    return assemble(manifest, learners, skipped, ignored)


def assemble(manifest: Manifest, learners: list[Learner], skipped: list[tuple[str, str]],
             ignored: list[tuple[str, str]] | None = None) -> ClassReport:
    names = Counter(x.name.casefold() for x in learners)
    for x in learners:
        if names[x.name.casefold()] > 1:
            x.notes.append(f"{names[x.name.casefold()]} reports with this name")
    learners.sort(key=lambda x: (x.name.casefold(), x.created, x.file))
    return ClassReport(manifest.title, manifest.version,
                       [ex.number for ex in manifest.exercises],
                       {ex.number: ex.title for ex in manifest.exercises}, learners, skipped,
                       ignored or [])


def _shown(path: Path) -> str:
    """The path relative to the current folder, else its name alone: never absolute."""
    try:
        return clean(path.absolute().relative_to(Path.cwd().absolute()).as_posix())
    except ValueError:
        return clean(path.name)


# ---------------------------------------------------------------------------- output

def duration(seconds: float | None) -> str:
    """12 s, 5 min, 3 h 10 min, 2 d: how long ago, or how long in a state."""
    if seconds is None:
        return "?"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds // 86400} d"


def _first(x: Learner, width: int = 36) -> str:
    if x.first is None:
        return "- (all done)"
    number, title, state = x.first
    title = title if len(title) <= width else title[:width - 1] + "..."
    return f"{number} {title} ({state.replace('_', ' ')})"


def _people(people: list[Learner], most: int = 6) -> str:
    names = ", ".join(x.name for x in people[:most])
    return names + (f" and {len(people) - most} more" if len(people) > most else "")


def render_text(report: ClassReport) -> str:
    rows = [("learner", "done", "specs", "first unfinished", "age", "specs & tools")]
    for x in arrange(report.learners):
        rows.append((x.name[:28], f"{x.done}/{x.exercises}", f"{x.specs_passed}/{x.specs}",
                     _first(x), duration(x.age),
                     x.integrity + (f" ({'; '.join(x.notes)})" if x.notes else "")))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{report.title} {report.version}: {len(report.learners)} learner report(s)", ""]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[5])
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(row[5]))
    finished = sum(x.first is None for x in report.learners)
    lines += ["", f"{finished} of {len(report.learners)} finished every exercise; "
                  f"{flag_summary(report.learners)}."]
    stuck = report.stuck()
    if stuck:
        lines += ["", "Stuck (failing their first unfinished exercise), by what holds them up:"]
        for number, trouble, people in stuck:
            lines.append(f"  {number} {report.titles.get(number, '')}: {len(people)} "
                         f"learner{'s' if len(people) != 1 else ''}: {trouble} "
                         f"({_people(people)})")
    waiting = report.not_started()
    if waiting:
        lines += ["", f"Not started yet (no spec passes): {len(waiting)}: {_people(waiting, 12)}"]
    hardest = report.hardest()
    if hardest:
        lines += ["", "Hardest spec of each exercise (among those who have written some of it):"]
        lines += [f"  {number} {spec}: failed by {count} of {tried}"
                  for number, spec, count, tried in hardest]
    if report.skipped:
        lines += ["", f"Skipped {len(report.skipped)} file(s) that are not readable kata reports:"]
        lines += [f"  {name}: {reason}" for name, reason in report.skipped]
    if report.ignored:
        lines += ["", "Not read (only files named *.json are):"]
        lines += [f"  {name}: {reason}" for name, reason in report.ignored]
    return "\n".join(lines)


# What each kind of flag (the start of a phrase of Learner.integrity) is, in the summary.
FLAGS = (("EDITED", "edited specs or tools"),
         ("unverified", "a report without digests"),
         ("IMPOSSIBLE COUNTS", "impossible counts"),
         ("DATED IN THE FUTURE", "a report dated in the future"),
         ("HANDS IN THE REFERENCE ANSWER", "handing in a reference answer"))


def flag_summary(learners: list[Learner]) -> str:
    """`nobody flagged`, or `3 flagged: 2 for edited specs or tools, 1 for ...`: what each
    flag is for (a learner flagged twice is counted under both)."""
    flagged = [x for x in learners if x.flagged]
    if not flagged:
        return "nobody flagged"
    kinds = Counter(label for x in flagged for prefix, label in FLAGS
                    if any(part.startswith(prefix) for part in x.integrity.split("; ")))
    return f"{len(flagged)} flagged: " + ", ".join(
        f"{count} for {label}" for _, label in FLAGS if (count := kinds[label]))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ tab or CR would be
    read as a formula, so it gets a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str):
        value = clean(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def csv_text(report: ClassReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    per_exercise = [f"ex{n}{suffix}" for n in report.numbers
                    for suffix in ("", "_passed", "_total")]
    writer.writerow(["learner", "done", "exercises", "specs_passed", "specs",
                     "first_unfinished", "first_unfinished_state", "first_failing_spec",
                     "mistake", "status", "integrity", "edited_files", "claimed_done",
                     "kata_version", "created", "notes", "file", *per_exercise])
    for x in arrange(report.learners):
        cells = []
        for n in report.numbers:
            passed, total = x.counts.get(n, ("", ""))
            cells += [x.states.get(n, ""), passed, total]
        writer.writerow([_cell(v) for v in (
            x.name, x.done, x.exercises, x.specs_passed, x.specs,
            x.first[0] if x.first else "", x.first[2] if x.first else "", x.first_spec,
            x.mistake, x.status, x.integrity, " ".join(x.edited), x.claimed, x.version,
            x.created, "; ".join(x.notes), x.file, *cells)])
    return out.getvalue()


def write_csv(path: Path, report: ClassReport) -> None:
    write_all({path: "\ufeff" + csv_text(report)})


def write_all(outputs: dict[Path, str]) -> None:
    """Write every output or none (kata.files.write_all: each to a temporary file beside its
    target, renamed into place only when all are written)."""
    for path in outputs:
        if path.is_dir():
            raise KataError(f"{path} is a folder: give a file name to write to.")
    try:
        files.write_all(dict(outputs))
    except OSError as exc:
        names = " and ".join(clean(str(path)) for path in outputs)
        raise KataError(f"Could not write {names} ({exc.strerror or exc}): nothing was "
                        "written.") from None


def _is_csv(raw: bytes) -> bool:
    return raw.removeprefix(b"\xef\xbb\xbf").startswith(b"learner,done,exercises,")


def _is_page(raw: bytes) -> bool:
    head = raw[:4096]
    return head.startswith(b"<!DOCTYPE html>") and b"<title>Class - " in head


def check_outputs(csv_path: Path, html_path: Path) -> None:
    """Refuse, in one sentence and before any report is read, outputs that would replace a
    file that is not an earlier class report of the same kind (a learner's report given as
    input, an exercise, a file inside the kata's own folders), land in a folder that does
    not exist (it is not created: a typo would scatter folders), or both name one file."""
    for path, option, same_kind in ((csv_path, "--csv", _is_csv),
                                    (html_path, "--html", _is_page)):
        files.check_output(path, f"{option} output", same_kind=same_kind, make_parent=False)
    if os.path.abspath(csv_path) == os.path.abspath(html_path) or (
            csv_path.exists() and html_path.exists() and csv_path.samefile(html_path)):
        raise KataError(f"--csv and --html both name {csv_path}: give each its own file.")


SORTS = {  # name -> label; every order puts flagged learners first (see arrange)
    "attention": "needs attention",
    "name": "name",
    "progress": "progress",
    "time": "time in state",
    "age": "report age",
}
SHOWS = {"all": "all", "stuck": "stuck", "flagged": "flagged", "not_started": "not started",
         "finished": "finished"}


def arrange(learners: list[Learner], sort: str = "attention", show: str = "all",
            query: str = "") -> list[Learner]:
    """The learners to show, in order. Flagged learners come first in every order; then
    `attention`: stuck longest (or least far) first; `name`; `progress`: least done first;
    `time`: longest in their state; `age`: oldest report first. `show` filters by status,
    `query` by a piece of the name."""
    q = query.casefold().strip()
    chosen = [x for x in learners
              if (show == "all" or (show == "flagged" and x.flagged)
                  or x.status.replace(" ", "_") == show)
              and (not q or q in x.name.casefold())]
    rank = {"flagged": 0, "stuck": 1, "not started": 2, "ready": 3, "finished": 4}

    def key(x: Learner) -> tuple:
        base = (not x.flagged,)
        if sort == "name":
            return (*base, x.name.casefold())
        if sort == "progress":
            return (*base, x.done, x.specs_passed, x.name.casefold())
        if sort == "time":
            return (*base, -(x.since or 0), x.name.casefold())
        if sort == "age":
            return (*base, -(x.age or 0), x.name.casefold())
        return (*base, rank[x.status], -(x.since or 0), x.done, x.name.casefold())

    return sorted(chosen, key=key)


def _style_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


CSS = """
*{box-sizing:border-box}
body{font:13px/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:6px 10px;
color:#1d2330;background:#fff}
header{display:flex;align-items:baseline;gap:14px;flex-wrap:wrap;margin-bottom:4px}
h1{font-size:17px;margin:0}h2{font-size:13px;margin:8px 0 3px;text-transform:uppercase;
letter-spacing:.04em;color:#4a5260}.sub{color:#4a5260}
nav a{margin-right:6px;color:#1f5fbf;text-decoration:none}nav a.on{font-weight:700;
color:#1d2330;text-decoration:underline}
form{display:inline}input{font:inherit;width:9em;padding:0 3px}
.grid{display:grid;grid-template-columns:minmax(0,1fr) 310px;gap:12px;align-items:start}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{text-align:left;padding:0 5px;height:19px;border-bottom:1px solid #e6e8ec;
white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
th{background:#f1f3f6;font-weight:600;font-size:12px}.w1{width:150px}.w3{width:54px}
.w4{width:130px}.w6{width:58px}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.flag td{background:#fff0ec}.bad{color:#b3261e;font-weight:600}
.c{display:inline-block;width:11px;height:13px;margin-right:1px;border-radius:2px;
vertical-align:-2px;background:#d9dde3}
.done{background:#2e9d4b}.in_progress{background:#e0a021}.not_started{background:#d3d7de}
.blocked{background:#aab8cc}
.broken,.crashed,.timed_out,.unknown{background:#c8372d}.edited,.suspect,.copied{background:#7b3fb3}
.no_specs{background:#8a94a3}
.st-stuck{color:#a4510b;font-weight:600}.st-finished{color:#1e7b34}
aside{font-size:12.5px}aside ol,aside ul{margin:0;padding-left:18px}aside li{margin:1px 0}
.small{color:#5a6372;font-size:11.5px}.note{margin:0 0 6px;padding:3px 6px;background:#eef4ff;
border-radius:4px;font-family:ui-monospace,monospace;font-size:12px}.legend .c{margin-left:6px}
pre{font-size:11px;background:#f6f7f9;padding:4px;white-space:pre-wrap;max-height:12em;
overflow:hidden}
"""


def css(exercises: int) -> str:
    """The page's style: the exercise column is as wide as its squares."""
    return CSS + f".w2{{width:{12 * exercises + 12}px}}\n"


def style_source(exercises: int) -> str:
    """The Content-Security-Policy source that allows exactly the page's one <style>."""
    return _style_hash(css(exercises))


LEGEND = (("done", "done"), ("in_progress", "in progress"), ("not_started", "not started"),
          ("blocked", "waits for an earlier one"), ("broken", "broken"),
          ("edited", "edited/suspect/copied"))


@dataclass
class View:
    """How the live view asks for the page: sorting, filtering, refresh, links."""

    sort: str = "attention"
    show: str = "all"
    query: str = ""
    refresh: int = 0  # seconds; 0: a static page
    made: str = ""  # when the page was made, shown
    note: str = ""  # one line atop the side column (the join command, for the live view)
    code: str = ""  # the class code, kept in every link (a page seen from another computer)


def _link(view: View, **change: str) -> str:
    wanted = {"sort": view.sort, "show": view.show, "q": view.query, "code": view.code}
    wanted.update({("q" if k == "query" else k): v for k, v in change.items()})
    return "?" + urlencode({k: v for k, v in wanted.items() if v})


def render_html(report: ClassReport, view: View | None = None) -> str:
    """One self-contained page: no script, no external file, every report value escaped.
    Compact rows (30 learners fit a 1280x720 projector), flagged learners first, the stuck
    grouped by the mistake they show, beside the table."""
    e = html.escape
    live = view is not None and view.refresh > 0
    view = view or View()
    learners = report.learners
    shown = arrange(learners, view.sort, view.show, view.query)
    counts = Counter(x.status for x in learners)
    flagged = sum(x.flagged for x in learners)
    made = view.made or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">']
    if live:
        out.append(f'<meta http-equiv="refresh" content="{int(view.refresh)}">')
    out += [f"<title>Class - {e(report.title)}</title>",
            f"<style>{css(len(report.numbers))}</style>", "</head>",
            "<body>", "<header>", f"<h1>{e(report.title)} {e(report.version)}</h1>",
            f'<span class="sub">{len(learners)} learners: {counts["finished"]} finished, '
            f'{counts["stuck"]} stuck, {counts["ready"]} between exercises, '
            f'{counts["not started"]} not started; <span class="{"bad" if flagged else ""}">'
            f"{flagged} flagged</span>; {len(report.skipped)} file(s) skipped. {e(made)}</span>"]
    out.append("</header>")
    if live:
        sorts = " ".join(f'<a href="{e(_link(view, sort=k))}"'
                         f'{" class=on" if view.sort == k else ""}>{e(v)}</a>'
                         for k, v in SORTS.items())
        shows = " ".join(f'<a href="{e(_link(view, show=k))}"'
                         f'{" class=on" if view.show == k else ""}>{e(v)}</a>'
                         for k, v in SHOWS.items())
        out.append(f'<nav>Sort: {sorts} &nbsp; Show: {shows} &nbsp; <form method="get">'
                   f'<input type="hidden" name="sort" value="{e(view.sort)}">'
                   f'<input type="hidden" name="show" value="{e(view.show)}">'
                   + (f'<input type="hidden" name="code" value="{e(view.code)}">'
                      if view.code else "") +
                   f'<input name="q" value="{e(view.query)}" placeholder="name..." '
                   f'aria-label="filter by name"></form></nav>')
    out += ['<div class="grid">', "<main>", "<table>",
            "<thead><tr><th class=w1>Learner</th>"
            "<th class=w2>Exercises</th>"
            "<th class=w3>Done</th><th class=w4>Now on</th><th>Holding them up</th>"
            f"{'<th class=w6>For</th>' if live else ''}<th class=w6>Report</th></tr></thead>",
            "<tbody>"]
    for x in shown:
        cells = "".join(
            f'<i class="c {e(x.states.get(num, ""))}" title="{e(num)} '
            f'{e(report.titles.get(num, ""))}: {e(x.states.get(num, "not graded"))} '
            f'{"{}/{}".format(*x.counts.get(num, ("", "")))}"></i>' for num in report.numbers)
        where = (f"{e(x.first[0])} {e(x.first[2].replace('_', ' '))}" if x.first
                 else "all done")
        trouble = (f'<span class="bad">{e(x.integrity)}</span>' if x.flagged
                   else e(x.trouble))
        title = "; ".join([x.integrity, *x.notes]) if (x.flagged or x.notes) else x.trouble
        since = f'<td class="n">{e(duration(x.since))}</td>' if live else ""
        row = ' class="flag"' if x.flagged else ""
        out.append(
            f'<tr{row}><td title="{e(x.file)}">{e(x.name)}</td>'
            f"<td>{cells}</td>"
            f'<td class="n">{x.done}/{x.exercises}</td>'
            f'<td class="st-{e(x.status.replace(" ", "_"))}">{where}</td>'
            f'<td title="{e(title)}">{trouble}</td>{since}'
            f'<td class="n">{e(duration(x.age))}</td></tr>')
    if not shown:
        out.append(f'<tr><td colspan="{7 if live else 6}">No learner '
                   f"{'matches' if learners else 'has reported yet'}.</td></tr>")
    out += ["</tbody>", "</table>", '<p class="legend small">'
            + "".join(f'<i class="c {k}"></i> {e(v)}' for k, v in LEGEND) + "</p>", "</main>",
            "<aside>"]
    if view.note:
        out.append(f'<p class="note">{e(view.note)}</p>')
    stuck = report.stuck()
    out.append("<h2>Stuck, by mistake</h2>")
    if stuck:
        out.append("<ol>")
        for number, trouble, people in stuck:
            longest = max((x.since or 0) for x in people)
            extra = f", longest {duration(longest)}" if live and longest else ""
            out.append(f"<li><strong>{len(people)} learner{'s' if len(people) != 1 else ''}"
                       f"</strong>: {e(number)} {e(trouble)}{e(extra)}"
                       f'<br><span class="small">{e(_people(people, 5))}</span></li>')
        out.append("</ol>")
    else:
        out.append('<p class="small">Nobody is failing an exercise they have started.</p>')
    waiting = report.not_started()
    out.append(f"<h2>Not started: {len(waiting)}</h2>")
    if waiting:
        out.append(f'<p class="small">{e(_people(waiting, 10))}</p>')
    hardest = report.hardest()
    if hardest:
        out += ["<h2>Hardest spec per exercise</h2>", "<ul>"]
        out += [f"<li>{e(number)} <code>{e(clean(spec, 48))}</code>: {count}/{tried}</li>"
                for number, spec, count, tried in hardest]
        out.append("</ul>")
    if report.skipped:
        out += [f"<h2>Files skipped: {len(report.skipped)}</h2>", '<ul class="small">']
        out += [f"<li><code>{e(name)}</code>: {e(reason)}</li>"
                for name, reason in report.skipped[:8]]
        if len(report.skipped) > 8:
            out.append(f"<li>and {len(report.skipped) - 8} more</li>")
        out.append("</ul>")
    out.append("</aside>")
    out.append("</div>")
    diffs = [(x, rel, diff) for x in learners for rel, diff in x.diffs.items()]
    if diffs and not live:
        out.append("<h2>Edits</h2>")
        for x, rel, diff in diffs[:50]:
            out.append(f"<p>{e(x.name)}: <code>{e(rel)}</code></p><pre>{e(clean_lines(diff))}"
                       "</pre>")
    out += ["</body>", "</html>"]
    return "\n".join(o for o in out if o) + "\n"


def clean_lines(text: str, most: int = 60) -> str:
    lines = text.splitlines()
    shown = "\n".join(clean(line, 200) for line in lines[:most])
    return shown + (f"\n... {len(lines) - most} more lines" if len(lines) > most else "")


# ---------------------------------------------------------------------------- command

def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s class_report --",
                     description="Summarise many learners' JSON reports (.kata/report.json).")
    parser.add_argument("reports", nargs="*", help="report files, or folders holding them")
    parser.add_argument("--csv", default="class_report.csv", metavar="FILE",
                        help="where to write the CSV (default class_report.csv)")
    parser.add_argument("--html", default="class_report.html", metavar="FILE",
                        help="where to write the HTML page (default class_report.html)")
    parser.add_argument("--reference", metavar="DIR", action="append", default=None,
                        help="compare digests with this kata tree, e.g. a hand-out you gave "
                             "out; give it once per version handed out (default: this tree)")
    parser.add_argument("--bench", type=int, metavar="N",
                        help="time N synthetic reports instead (nothing is written here)")
    args = parser.parse_args(argv)
    if args.bench is not None:
        if not 1 <= args.bench <= 100_000:
            raise KataError(f"--bench {args.bench}: give a number of reports from 1 to "
                            "100000, e.g. --bench 1000.")
        return bench(args.bench, manifest)
    if not args.reports:
        raise KataError("Give the learners' reports: nox -s class_report -- "
                        "REPORT.json ... or a folder of them.")
    # A blank name (a script's unset variable) is "." to Path: the folder it runs in.
    blank = next((n for n in args.reports if not n.strip()), None)
    if blank is not None:
        raise KataError(f"A report or folder name cannot be blank ({blank!r} was given): name "
                        "each learner's report, or the folder holding them.")
    for option, name in (("--csv", args.csv), ("--html", args.html)):
        if not name.strip():
            raise KataError(f"{option} needs a file name ({name!r} was given).")
    roots = [check_reference(r, manifest) for r in args.reference] if args.reference \
        else [ROOT]
    csv_path, html_path = Path(args.csv), Path(args.html)
    check_outputs(csv_path, html_path)
    report = collect(args.reports, manifest, roots)
    if not report.learners:
        for name, reason in report.skipped + report.ignored:
            print(f"  {name}: {reason}")
        what = f"none of the {len(report.skipped)} file(s)" if report.skipped else "nothing"
        raise KataError(f"No readable kata report: {what} given is one "
                        f"({'see the reasons above' if report.skipped else 'no .json files'}).")
    print(render_text(report))
    write_all({csv_path: "\ufeff" + csv_text(report), html_path: render_html(report)})
    # As the instructor gave them: `_shown` keeps only the name of a file elsewhere, which
    # would read as if the outputs were here.
    print(f"\nWrote {clean(args.csv)} and {clean(args.html)} (open the page in a browser).")
    return 0


# ---------------------------------------------------------------------------- benchmark

def synthetic_reports(folder: Path, count: int, manifest: Manifest, seed: int = 0) -> None:
    """`count` plausible reports (a few edited, a few broken files) in `folder`."""
    rng = random.Random(seed)
    reference = digests()
    index = load_mistakes()
    for i in range(count):
        reached = rng.randint(0, len(manifest.exercises))
        exercises = []
        for k, ex in enumerate(manifest.exercises):
            total = index.specs(ex.number) or rng.randint(8, 16)
            passed = total if k < reached else (rng.randint(0, total - 1) if k == reached else 0)
            known = (index.exercises.get(ex.number) or {}).get("mistakes") or [{"phrase": ""}]
            phrase = rng.choice(known)["phrase"]
            state = "done" if passed == total else "in_progress" if passed else "not_started"
            specs = [{"name": f"test_spec_{j}", "outcome": "passed" if j < passed else "failed",
                      "kind": "passed" if j < passed else "assertion",
                      "message": "" if j < passed
                      else f"f([1, 2]) should be {j}.0, got 0.0 ({phrase})",
                      "where": "" if j < passed else f"exercises/{ex.module}.py:{10 + j}"}
                     for j in range(total)]
            exercises.append({"number": ex.number, "module": ex.module, "title": ex.title,
                              "state": state, "passed": passed, "total": total, "specs": specs})
        files = dict(reference["files"])
        if i % 50 == 7:
            first_spec = next(iter(sorted(r for r in files if SPEC_FILE.match(r))), None)
            if first_spec:
                files[first_spec] = "0" * 64
        data = {"schema": SCHEMA, "kata": {"name": manifest.name, "version": manifest.version},
                "learner": f"Learner {i:04d}", "created": "2026-11-24T16:00:00+00:00",
                "python": "3.11.7",
                "integrity": {"algorithm": "sha256", "combined": combined_digest(files),
                              "files": files},
                "summary": {"done": sum(e["state"] == "done" for e in exercises),
                            "exercises": len(exercises),
                            "specs_passed": sum(e["passed"] for e in exercises),
                            "specs": sum(e["total"] for e in exercises)},
                "exercises": exercises}
        (folder / f"learner-{i:04d}.json").write_text(json.dumps(data, indent=2) + "\n",
                                                      encoding="utf-8")
    (folder / "truncated.json").write_text('{"schema": "kata-report/1", "learner": "T', "utf-8")
    (folder / "package.json").write_text('{"name": "not-a-report"}', "utf-8")


def bench(count: int, manifest: Manifest, rounds: int = 3) -> int:
    with tempfile.TemporaryDirectory(prefix="kata-class-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        started = time.perf_counter()
        synthetic_reports(folder, count, manifest)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                main([str(folder), "--csv", f"{tmp}/c.csv", "--html", f"{tmp}/c.html"], manifest)
            times.append(time.perf_counter() - started)
    best, median = min(times), statistics.median(times)
    verdict = "within" if median < 2.0 else "OVER"
    print(f"class_report: {count} synthetic reports ({size:.1f} MB, made in {made:.1f} s) read, "
          f"judged and written as text, CSV and HTML in {median:.2f} s "
          f"(median of {rounds}; best {best:.2f} s) - {verdict} the 2 s target.")
    return 0


if __name__ == "__main__":
    from kata.manifest import load, run_command

    sys.exit(run_command("class_report", lambda: main(sys.argv[1:], load())))
