"""The mistake index: which known mistake a failure message points to, per exercise.

Each catalogued wrong answer (tests/wrong_answers/exNN_*/name.py) names its mistake in its
docstring and declares EXPECT, a phrase its failure messages contain (verify checks that
they do). Hand-outs ship without that catalogue, so the phrases, the mistakes' names and
each exercise's spec count are kept in kata/workshop/mistakes.json, made by `index()` and
checked current by the tools' tests. The class views use it to say "3 learners: softmax
without the max shift" and to spot a report whose spec counts cannot be this kata's.

    python -m kata.workshop.mistakes --write   # after changing a spec or a wrong answer
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kata.manifest import ROOT, KataError, Manifest, Parser

INDEX = Path(__file__).resolve().parent / "mistakes.json"
SCHEMA = "kata-mistakes/1"


def _declared(path: Path) -> tuple[str, str]:
    """(EXPECT phrase, first sentence of the docstring) of a wrong answer, without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    phrase = ""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXPECT"
                                                 for t in node.targets)
                and isinstance(node.value, ast.Constant)):
            phrase = str(node.value.value)
    doc = " ".join((ast.get_docstring(tree) or path.stem.replace("_", " ")).split())
    # The first sentence: "Exponentiates the raw logits: no shift by the row maximum, ...".
    name = re.split(r"(?<=[a-z0-9)])\.\s", doc + " ", maxsplit=1)[0].rstrip(". ")
    return phrase, name


def _spec_counts(manifest: Manifest, python: str) -> dict[str, int]:
    """How many specs pytest collects from each exercise's spec file (parametrised ones too)."""
    files = [ex.spec_path for ex in manifest.exercises if (ROOT / ex.spec_path).is_file()]
    # A folder of its own: pytest would otherwise first clear its older sessions' folders,
    # which after a run of the tools' tests can take a minute.
    with tempfile.TemporaryDirectory(prefix="kata-count-") as folder:
        done = subprocess.run([python, "-m", "pytest", "--collect-only", "-q", "-p",
                               "no:cacheprovider", "--basetemp", folder, "--tree",
                               "solutions", *files],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    counts = {ex.number: 0 for ex in manifest.exercises}
    by_file = {ex.spec_path: ex.number for ex in manifest.exercises}
    for line in done.stdout.splitlines():
        number = by_file.get(line.split("::", 1)[0])
        if "::" in line and number:
            counts[number] += 1
    # A Python without pytest (or a collection error) counts nothing: written, those zeros
    # would turn off class_report's check of impossible counts, so they are never taken.
    uncounted = [by_file[rel] for rel in files if not counts[by_file[rel]]]
    if done.returncode or uncounted:
        lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
        why = next((line for line in reversed(lines) if "Error" in line),
                   lines[-1] if lines else f"exit status {done.returncode}")
        raise KataError(f"Could not count the specs with {python} ({why.strip()[:200]}), so "
                        "the index was not made: run this with the Python of `.nox/kata`, "
                        "which has pytest.")
    return counts


def index(manifest: Manifest, python: str = sys.executable) -> dict:
    """The mistake index of this kata: spec counts and known mistakes per exercise."""
    counts = _spec_counts(manifest, python)
    exercises = {}
    for ex in manifest.exercises:
        mistakes = []
        for path in ex.wrong_answers:
            phrase, name = _declared(path)
            if phrase:
                mistakes.append({"phrase": phrase, "mistake": name, "answer": path.stem})
        exercises[ex.number] = {"module": ex.module, "specs": counts[ex.number],
                                "mistakes": mistakes}
    return {"schema": SCHEMA, "version": manifest.version, "exercises": exercises}


def dumps(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Mistakes:
    """The index, ready to match: `name("06", message)` -> the mistake a message points to."""

    exercises: dict

    def specs(self, number: str) -> int | None:
        entry = self.exercises.get(number)
        return entry.get("specs") if isinstance(entry, dict) else None

    def name(self, number: str, message: str) -> str:
        """The mistake whose phrase `message` contains (the longest phrase wins, since a
        longer one is more specific); several mistakes sharing that phrase are all named."""
        text = message.casefold()
        entry = self.exercises.get(number) or {}
        found = [m for m in entry.get("mistakes", []) if m["phrase"].casefold() in text]
        if not found:
            return ""
        longest = max(len(m["phrase"]) for m in found)
        names = sorted({m["mistake"] for m in found if len(m["phrase"]) == longest})
        return " / ".join(names[:2]) + (f" (or {len(names) - 2} more)" if len(names) > 2 else "")


@lru_cache(maxsize=1)
def load() -> Mistakes:
    """The shipped index; an empty one when it is missing or unreadable (no names, no counts)."""
    try:
        data = json.loads(INDEX.read_text(encoding="utf-8"))
        return Mistakes(data["exercises"] if isinstance(data.get("exercises"), dict) else {})
    except (OSError, ValueError, AttributeError, KeyError):
        return Mistakes({})


def main(argv: list[str], manifest: Manifest) -> int:
    """`python -m kata.workshop.mistakes [--write | --check]`: print, write or check the
    index; an unknown option is one sentence and exit status 2."""
    parser = Parser(prog="python -m kata.workshop.mistakes",
                    description="The mistake index (kata/workshop/mistakes.json): print it as "
                    "this kata makes it, write it, or check that the shipped one is current.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="write kata/workshop/mistakes.json")
    action.add_argument("--check", action="store_true",
                        help="exit 1 unless kata/workshop/mistakes.json is current")
    args = parser.parse_args(argv)
    text = dumps(index(manifest))
    shown = INDEX.relative_to(ROOT).as_posix()
    if args.write:
        INDEX.write_text(text, encoding="utf-8")
        print(f"wrote {shown}")
    elif args.check:
        current = INDEX.read_text(encoding="utf-8") if INDEX.is_file() else ""
        if current != text:
            print(f"{shown} is stale: run python -m kata.workshop.mistakes --write",
                  file=sys.stderr)
            return 1
        print(f"{shown} is current.")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    from kata.manifest import load as load_manifest
    from kata.manifest import run_command

    sys.exit(run_command("make the mistake index", lambda: main(sys.argv[1:], load_manifest())))
