"""`nox -s class_report -- REPORT.json ... | FOLDER`: the class at a glance.

Reads the JSON reports that `nox` writes for each learner (schema kata-report/1, see the
README), and prints a table - learner, exercises done, specs passing, first unfinished
exercise, whether the specs and grading tools are the pristine ones - then the exercises
where the class is most stuck. Writes the same as CSV and as one self-contained HTML page.

A file that is not a readable kata report (invalid, truncated, foreign JSON) is listed
with one reason and skipped. Tamper evidence: each report carries sha256 digests of the
files that decide grading; they are compared with this kata's own (or --reference DIR).
An exercise whose spec file was edited never counts as done, and nothing counts as done
for a learner whose grading tools were edited or whose report has no digests.

    python -m kata.workshop.class_report --bench 1000   # time 1,000 synthetic reports
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kata.integrity import combined_digest, digests
from kata.manifest import ROOT, KataError, Manifest, Parser

SCHEMA = "kata-report/1"
MAX_BYTES = 50 * 1024 * 1024
SPEC_FILE = re.compile(r"^tests/test_ex(\d\d)_\w+\.py$")
SKIP_DIRS = {".git", ".nox", "node_modules", "__pycache__", ".venv", ".pytest_cache"}
DONE_LIKE = {"done"}


class Unreadable(Exception):
    """Why a file is not a kata report this tool can read: one clear reason."""


# ---------------------------------------------------------------------------- reading

def find_reports(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The report files named or inside the folders named; and the paths that do not exist."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                files += [Path(folder) / n for n in sorted(names) if n.endswith(".json")]
        elif path.exists():
            files.append(path)
        else:
            missing.append((name, "no such file or folder"))
    return files, missing


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


def read_report(path: Path) -> dict:
    """The report in `path`, checked against kata-report/1, or Unreadable with the reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unreadable(f"too large ({size // 2**20} MB) to be a kata report")
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise Unreadable("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text, so not a kata report") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(_json_problem(text, exc)) from None
    except RecursionError:
        raise Unreadable("not a kata report: the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string"}.get(type(data), "a single value")
        raise Unreadable(f"not a kata report: the JSON holds {kind}, not an object")
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema.startswith("kata-report/"):
        raise Unreadable(f'not a kata report: no "schema": "{SCHEMA}" in it')
    if schema != SCHEMA:
        raise Unreadable(f"a report of schema {schema}, which this kata cannot read "
                         f"(it reads {SCHEMA})")
    _need(data.get("learner"), str, "learner")
    _need(data.get("exercises"), list, "exercises")
    for i, ex in enumerate(data["exercises"]):
        _need(ex, dict, f"exercises[{i}]")
        for key, kind in (("number", str), ("state", str), ("passed", int), ("total", int)):
            _need(ex.get(key), kind, f"exercises[{i}].{key}")
        if "specs" in ex:
            _need(ex["specs"], list, f"exercises[{i}].specs")
    return data


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
    first: tuple[str, str, str] | None  # number, title, state of the first unfinished
    first_spec: str = ""  # the first spec that does not pass there
    integrity: str = "ok"  # "ok", or what is wrong, one phrase
    edited: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.integrity != "ok"


def check_integrity(report: dict, reference: dict) -> tuple[str, list[str], set[str]]:
    """(verdict, edited files, numbers of exercises whose specs were edited).

    The verdict is "ok" or a phrase; "ALL" in the numbers means nothing counts as done.
    """
    record = report.get("integrity")
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return "unverified: no integrity record", [], {"ALL"}
    if record.get("combined") != combined_digest(files):
        return "EDITED: the integrity record itself", [], {"ALL"}
    wanted = reference["files"]
    edited = sorted(rel for rel in set(wanted) | set(files) if files.get(rel) != wanted.get(rel))
    if not edited:
        return "ok", [], set()
    tainted: set[str] = set()
    for rel in edited:
        match = SPEC_FILE.match(rel)
        tainted.add(match.group(1) if match and rel in wanted else "ALL")
    shown = ", ".join(edited[:3]) + (f" and {len(edited) - 3} more" if len(edited) > 3 else "")
    return f"EDITED: {shown}", edited, tainted


def judge(path: str, report: dict, reference: dict, version: str) -> Learner:
    verdict, edited, tainted = check_integrity(report, reference)
    states: dict[str, str] = {}
    first = None
    first_spec = ""
    claimed = done = 0
    for ex in report["exercises"]:
        state = ex["state"]
        if state in DONE_LIKE:
            claimed += 1
            if "ALL" in tainted or ex["number"] in tainted:
                state = "edited"
            else:
                done += 1
        states[ex["number"]] = state
        if state != "done" and first is None:
            first = (ex["number"], str(ex.get("title", ex.get("module", ""))), state)
            failing = [s for s in ex.get("specs", []) if isinstance(s, dict)
                       and s.get("outcome") != "passed"]
            first_spec = str(failing[0].get("name", "")) if failing else ""
    learner = Learner(
        file=path, name=report["learner"].strip() or "(no name)",
        version=str((report.get("kata") or {}).get("version", "?"))
        if isinstance(report.get("kata"), dict) else "?",
        created=str(report.get("created", "")), exercises=len(report["exercises"]),
        claimed=claimed, done=done,
        specs_passed=sum(ex["passed"] for ex in report["exercises"]),
        specs=sum(ex["total"] for ex in report["exercises"]),
        states=states, first=first, first_spec=first_spec, integrity=verdict, edited=edited)
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

    def stuck(self, top: int = 5) -> list[tuple[str, int, str, int]]:
        """(number, learners whose first unfinished exercise it is, commonest spec, its count)."""
        firsts = Counter(x.first[0] for x in self.learners if x.first)
        rows = []
        for number, count in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
            specs = Counter(x.first_spec for x in self.learners
                            if x.first and x.first[0] == number and x.first_spec)
            spec, spec_count = specs.most_common(1)[0] if specs else ("", 0)
            rows.append((number, count, spec, spec_count))
        return rows


def collect(paths: list[str], manifest: Manifest, reference_root: Path = ROOT) -> ClassReport:
    files, skipped = find_reports(paths)
    reference = digests(reference_root)
    learners = []
    for path in files:
        shown = _shown(path)
        try:
            report = read_report(path)
        except Unreadable as exc:
            skipped.append((shown, str(exc)))
            continue
        learners.append(judge(shown, report, reference, manifest.version))
    names = Counter(x.name.casefold() for x in learners)
    for x in learners:
        if names[x.name.casefold()] > 1:
            x.notes.append(f"{names[x.name.casefold()]} reports with this name")
    learners.sort(key=lambda x: (x.name.casefold(), x.created, x.file))
    return ClassReport(manifest.title, manifest.version,
                       [ex.number for ex in manifest.exercises],
                       {ex.number: ex.title for ex in manifest.exercises}, learners, skipped)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------- output

def _first(x: Learner, width: int = 36) -> str:
    if x.first is None:
        return "- (all done)"
    number, title, state = x.first
    title = title if len(title) <= width else title[:width - 1] + "..."
    return f"{number} {title} ({state.replace('_', ' ')})"


def render_text(report: ClassReport) -> str:
    rows = [("learner", "done", "specs", "first unfinished", "specs & tools")]
    for x in report.learners:
        rows.append((x.name[:28], f"{x.done}/{x.exercises}", f"{x.specs_passed}/{x.specs}",
                     _first(x), x.integrity + (f" ({'; '.join(x.notes)})" if x.notes else "")))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [f"{report.title} {report.version}: {len(report.learners)} learner report(s)", ""]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4])
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(row[4]))
    finished = sum(x.first is None for x in report.learners)
    flagged = sum(x.flagged for x in report.learners)
    lines += ["", f"{finished} of {len(report.learners)} finished every exercise; "
                  f"{flagged} flagged for edited or unverifiable specs and tools."]
    stuck = report.stuck()
    if stuck:
        lines += ["", "Where the class is stuck (each learner's first unfinished exercise):"]
        for number, count, spec, spec_count in stuck:
            where = f"; commonest failing spec {spec} ({spec_count})" if spec else ""
            lines.append(f"  {number} {report.titles.get(number, '')}: {count} "
                         f"learner{'s' if count != 1 else ''}{where}")
    if report.skipped:
        lines += ["", f"Skipped {len(report.skipped)} file(s) that are not readable kata reports:"]
        lines += [f"  {name}: {reason}" for name, reason in report.skipped]
    return "\n".join(lines)


def write_csv(path: Path, report: ClassReport) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["learner", "done", "exercises", "specs_passed", "specs",
                         "first_unfinished", "first_unfinished_state", "first_failing_spec",
                         "integrity", "edited_files", "claimed_done", "kata_version",
                         "created", "notes", "file", *[f"ex{n}" for n in report.numbers]])
        for x in report.learners:
            writer.writerow([x.name, x.done, x.exercises, x.specs_passed, x.specs,
                             x.first[0] if x.first else "", x.first[2] if x.first else "",
                             x.first_spec, x.integrity, " ".join(x.edited), x.claimed,
                             x.version, x.created, "; ".join(x.notes), x.file,
                             *[x.states.get(n, "") for n in report.numbers]])


CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:80rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}
.sub{color:#5a6372;margin-top:0}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .55rem;border-bottom:1px solid #e3e6eb;vertical-align:top}
th{background:#f4f6f9;font-weight:600;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td:first-child{white-space:nowrap}
tr.flag td{background:#fff3f0}.bad{color:#b3261e;font-weight:600}.ok{color:#1e7b34}
.cells{white-space:nowrap}.c{display:inline-block;width:1.05rem;height:1.05rem;margin-right:2px;
border-radius:3px;background:#d9dde3;font-size:.6rem;text-align:center;line-height:1.05rem;
color:#fff;font-style:normal}.done{background:#2e9d4b}.in_progress{background:#e0a021}.not_started{background:#d3d7de;color:#4a5260}
.broken,.crashed,.timed_out{background:#c8372d}.edited{background:#7b3fb3}.no_specs{background:#8a94a3}
.legend .c{vertical-align:middle}.legend span{margin-right:1rem}
.small{color:#5a6372;font-size:.85rem}
ol li{margin-bottom:.2rem}
"""

LEGEND = (("done", "done"), ("in_progress", "in progress"), ("not_started", "not started"),
          ("broken", "broken, crashed or timed out"), ("edited", "done, but its specs were edited"),
          ("no_specs", "no specs"))


def render_html(report: ClassReport) -> str:
    e = html.escape
    n = len(report.learners)
    flagged = sum(x.flagged for x in report.learners)
    finished = sum(x.first is None for x in report.learners)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Class report - {e(report.title)}</title>", f"<style>{CSS}</style>",
           "</head>", "<body>", f"<h1>Class report: {e(report.title)} {e(report.version)}</h1>",
           f'<p class="sub">{n} learner report(s); {finished} finished every exercise; '
           f"{flagged} flagged; {len(report.skipped)} file(s) skipped. Made {now}.</p>"]
    stuck = report.stuck()
    if stuck:
        out += ["<h2>Where the class is stuck</h2>",
                '<p class="small">Each learner\'s first unfinished exercise.</p>', "<ol>"]
        for number, count, spec, spec_count in stuck:
            extra = (f" - commonest failing spec <code>{e(spec)}</code> ({spec_count})"
                     if spec else "")
            out.append(f"<li><strong>{e(number)} {e(report.titles.get(number, ''))}</strong>: "
                       f"{count} learner{'s' if count != 1 else ''}{extra}</li>")
        out.append("</ol>")
    out += ["<h2>Learners</h2>", '<p class="legend small">'
            + "".join(f'<span><i class="c {k}"></i> {e(v)}</span>' for k, v in LEGEND) + "</p>",
            "<table>", "<thead><tr><th>Learner</th><th>Done</th><th>Specs</th>"
            "<th>Exercises</th><th>First unfinished</th><th>Specs &amp; tools</th>"
            "<th>Report</th></tr></thead>", "<tbody>"]
    for x in report.learners:
        cells = "".join(
            f'<i class="c {e(x.states.get(num, ""))}" title="{e(num)} '
            f'{e(report.titles.get(num, ""))}: {e(x.states.get(num, "not graded"))}">'
            f"{e(num)}</i>" for num in report.numbers)
        row = ' class="flag"' if x.flagged else ""
        verdict = ('<span class="ok">ok</span>' if not x.flagged
                   else f'<span class="bad">{e(x.integrity)}</span>')
        notes = f'<br><span class="small">{e("; ".join(x.notes))}</span>' if x.notes else ""
        out.append(
            f"<tr{row}><td>{e(x.name)}</td>"
            f'<td class="num">{x.done}/{x.exercises}</td>'
            f'<td class="num">{x.specs_passed}/{x.specs}</td><td class="cells">{cells}</td>'
            f"<td>{e(_first(x, 200))}</td><td>{verdict}{notes}</td>"
            f'<td class="small">{e(x.file)}</td></tr>')
    out += ["</tbody>", "</table>"]
    if report.skipped:
        out += ["<h2>Files skipped</h2>", "<ul>"]
        out += [f"<li><code>{e(name)}</code>: {e(reason)}</li>" for name, reason in report.skipped]
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- command

def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s class_report --",
                     description="Summarise many learners' JSON reports (.kata/report.json).")
    parser.add_argument("reports", nargs="*", help="report files, or folders holding them")
    parser.add_argument("--csv", default="class_report.csv", metavar="FILE",
                        help="where to write the CSV (default class_report.csv)")
    parser.add_argument("--html", default="class_report.html", metavar="FILE",
                        help="where to write the HTML page (default class_report.html)")
    parser.add_argument("--reference", metavar="DIR", default=None,
                        help="compare digests with this kata tree (default: this one)")
    parser.add_argument("--bench", type=int, metavar="N",
                        help="time N synthetic reports instead (nothing is written here)")
    args = parser.parse_args(argv)
    if args.bench:
        return bench(args.bench, manifest)
    if not args.reports:
        raise KataError("Give the learners' reports: nox -s class_report -- "
                        "REPORT.json ... or a folder of them.")
    reference = Path(args.reference) if args.reference else ROOT
    if args.reference and not (reference / "pyproject.toml").is_file():
        raise KataError(f"--reference {args.reference} is not a kata folder "
                        "(it has no pyproject.toml).")
    report = collect(args.reports, manifest, reference)
    if not report.learners:
        for name, reason in report.skipped:
            print(f"  {name}: {reason}")
        what = f"none of the {len(report.skipped)} file(s)" if report.skipped else "nothing"
        raise KataError(f"No readable kata report: {what} given is one "
                        f"({'see the reasons above' if report.skipped else 'no .json files'}).")
    print(render_text(report))
    csv_path, html_path = Path(args.csv), Path(args.html)
    write_csv(csv_path, report)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render_html(report), encoding="utf-8")
    print(f"\nWrote {_shown(csv_path)} and {_shown(html_path)} (open it in a browser).")
    return 0


# ---------------------------------------------------------------------------- benchmark

def synthetic_reports(folder: Path, count: int, manifest: Manifest, seed: int = 0) -> None:
    """`count` plausible reports (a few edited, a few broken files) in `folder`."""
    rng = random.Random(seed)
    reference = digests()
    for i in range(count):
        reached = rng.randint(0, len(manifest.exercises))
        exercises = []
        for k, ex in enumerate(manifest.exercises):
            total = rng.randint(8, 16)
            passed = total if k < reached else (rng.randint(0, total - 1) if k == reached else 0)
            state = "done" if passed == total else "in_progress" if passed else "not_started"
            specs = [{"name": f"test_spec_{j}", "outcome": "passed" if j < passed else "failed",
                      "kind": "passed" if j < passed else "assertion",
                      "message": "" if j < passed else f"f([1, 2]) should be {j}.0, got 0.0",
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
