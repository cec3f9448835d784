"""The hint ladder: each `nox -s hint` shows one more level of an exercise's hints.

A ladder (`hints = [...]` in the manifest) climbs from the idea, to the formula, to the
shape of the code. How far a learner has climbed is remembered per exercise in
.kata/hints.json (never in their exercise file), so asking again shows one level more;
`--all` shows every level and `--reset` starts the exercise's ladder again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kata.files import read_json_state, write_atomic
from kata.manifest import ROOT, Exercise, KataError

STATE = Path(".kata") / "hints.json"
NAMES = ("the idea", "the formula", "the shape of the code")  # a three-level ladder


def _read(root: Path) -> dict[str, int]:
    data = read_json_state(root / STATE)  # None when none yet, or unreadable (a FIFO too)
    if not isinstance(data, dict):  # then start from the first level
        return {}
    # A level that is not a count (a bool, a negative number) is no level: start over.
    return {k: v for k, v in data.items()
            if isinstance(v, int) and not isinstance(v, bool) and v >= 0}


def _write(root: Path, data: dict[str, int]) -> None:
    """Or a KataError saying why not (not mkdir's bare errno, nor a temporary file's name)."""
    path = root / STATE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
    except OSError as exc:
        folder = root / STATE.parent
        why = (f"{STATE.parent.as_posix()} is a file, not a folder"
               if folder.exists() and not folder.is_dir() else exc.strerror or str(exc))
        raise KataError(f"{STATE.as_posix()} cannot be written ({why})") from None


def seen(ex: Exercise, root: Path = ROOT) -> int:
    """How many levels of `ex`'s ladder the learner has been shown (0 to all)."""
    return min(_read(root).get(ex.module, 0), len(ex.hints))


def climb(ex: Exercise, *, everything: bool = False, root: Path = ROOT) -> int:
    """Show one more level (or all of them): the number of levels to print now."""
    upto = len(ex.hints) if everything else min(seen(ex, root) + 1, len(ex.hints))
    data = _read(root)
    data[ex.module] = max(data.get(ex.module, 0), upto)
    try:  # the hint is shown all the same: only how far you got is not remembered
        _write(root, data)
    except KataError as exc:
        print(f"(How far you got is not remembered: {exc}, so asking again shows this "
              "level again.)", file=sys.stderr)
    return upto


def forget(ex: Exercise, root: Path = ROOT) -> None:
    data = _read(root)
    if data.pop(ex.module, None) is not None:
        try:
            _write(root, data)
        except KataError as exc:
            raise KataError(f"Exercise {ex.number}'s hints cannot start again: {exc}.") from None


def level_name(level: int, levels: int) -> str:
    """`Hint 2 of 3, the formula` (levels count from 1)."""
    if levels == 1:
        return "Hint"
    name = f", {NAMES[level - 1]}" if levels == len(NAMES) else ""
    return f"Hint {level} of {levels}{name}"


def render(ex: Exercise, upto: int, *, solutions: bool = True, again: str = "") -> str:
    """The first `upto` levels of `ex`'s ladder and what to do next; `again` says how to
    ask for the next level: a key, in watch (whose keys take no options), by default
    `nox -s hint -- NN` again."""
    keyed = bool(again)
    again = again or f"`nox -s hint -- {ex.number}` again"
    out = [f"Exercise {ex.number}: {ex.title}  ({ex.stub_path})", ""]
    if not ex.hints:
        out.append("This exercise has no hint yet: read the docstrings in the stub.")
    for level, text in enumerate(ex.hints[:upto], start=1):
        out += [f"{level_name(level, len(ex.hints))}:", text, ""]
    if upto < len(ex.hints):
        following = f"Still stuck? {again} shows {level_name(upto + 1, len(ex.hints)).lower()}"
        if keyed:  # a key, in watch: the command's options are no keys
            out.append(following + ".")
        else:
            out += [following, "(`--all` shows every level, `--reset` starts again)."]
    elif ex.hints:
        last = (f"`nox -s solution -- {ex.number} --peek` compares yours with the reference."
                if solutions else f"`nox -s play -- {ex.number}` lets you try your code by hand.")
        out += ["That is every hint.", last]
    out.append(f"The specs that check it: {ex.spec_path}")
    return "\n".join(out)
