"""The ordered exercise manifest, read from `[tool.kata]` in pyproject.toml."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 gets tomli with pytest and nox
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


class KataError(Exception):
    """A problem the user can fix, reported as one sentence and a non-zero exit."""


def run_command(command: str, main: Callable[[], int]) -> int:
    """Run one command's `main`: a KataError or an unwritable path is one sentence on stderr
    and exit status 2, never a traceback. Every entry point (the CLI, `python -m`) uses it.
    A character the terminal cannot show (a learner's "café" where output is ASCII, as in
    some Windows consoles and redirections) is printed as its escape, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
    from kata.text import escaped  # (kata.text imports nothing of the kata's)

    ending = _end_through_cleanup()
    try:
        return main()
    except KataError as exc:  # it may quote a path or name as typed: shown, never obeyed
        print(escaped(str(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:  # Ctrl-C: what was written is whole (writes are atomic)
        if stop.args:  # one that says how far it got (train's) is said by its own tool
            raise
        print(f"Stopped: `{command}` was interrupted (Ctrl-C).", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head`: the reader left early; nothing went wrong here
        if sys.stdout is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a report or backup path that cannot be written, a full disk
        where = f" ({exc.filename})" if exc.filename else ""
        print(escaped(f"Could not {command}: {exc.strerror or exc}{where}."), file=sys.stderr)
        return 2
    finally:
        for sig, handler in ending.items():
            signal.signal(sig, handler)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _end_through_cleanup() -> dict[int, object]:
    """SIGTERM and SIGHUP (the terminal closed, `timeout`) end the command as SystemExit, so
    its cleanup runs as on Ctrl-C: the judges' scratch folder was left in /tmp. A signal
    ignored on purpose (`nohup`) stays ignored. The handlers it replaced, to put back."""
    replaced: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
            with contextlib.suppress(ValueError):  # not the main thread: leave it
                replaced[sig] = signal.signal(sig, _exit_on_signal)
    return replaced


class Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are KataErrors: one sentence, no usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if len(message) > 300:  # argparse quotes a value whole: `--port 999...` of 5000 digits
            message = message[:297] + "..."
        raise KataError(f"{self.prog}: {message} (see `{self.prog} --help`).")


@dataclass(frozen=True)
class Exercise:
    module: str  # "ex05_relu"
    title: str
    part: int
    hints: tuple[str, ...]  # a ladder: the idea, then the formula, then the code's shape
    examples: tuple[str, ...] = field(default=())

    @property
    def hint(self) -> str:
        """Every level of the hint ladder, as one text."""
        return "\n\n".join(self.hints)

    @property
    def number(self) -> str:
        return self.module[2:4]

    @property
    def topic(self) -> str:
        return self.module[5:]

    @property
    def stub_path(self) -> str:
        return f"exercises/{self.module}.py"

    @property
    def solution_path(self) -> str:
        return f"solutions/{self.module}.py"

    @property
    def spec_path(self) -> str:
        return f"tests/test_{self.module}.py"

    @property
    def wrong_answers(self) -> list[Path]:
        """The catalogued wrong implementations (files named _* are helpers, not answers)."""
        return sorted((ROOT / "tests" / "wrong_answers" / self.module).glob("[!_]*.py"))


@dataclass(frozen=True)
class Manifest:
    title: str
    name: str
    version: str
    exercises: tuple[Exercise, ...]

    def find(self, name: str) -> Exercise:
        """The exercise called `name`: "05", "5", "ex05", "relu" or "ex05_relu"."""
        valid = ", ".join(f"{ex.number} ({ex.topic})" for ex in self.exercises)
        if not name.strip():  # `nox -s hint -- ''`: a name left blank, not "the current one"
            raise KataError(f"An exercise name cannot be blank ({name!r} was given); the "
                            f"exercises are: {valid}.")
        key = name.strip().lower().removesuffix(".py")
        key = key.rsplit("/", 1)[-1].removeprefix("test_")
        for ex in self.exercises:
            if key in (ex.module, ex.topic, ex.number, f"ex{ex.number}", ex.number.lstrip("0")):
                return ex
        raise KataError(f"There is no exercise called {name!r}; the exercises are: {valid}.")

    def select(self, names: list[str]) -> list[Exercise]:
        """The exercises `names` name (all of them when none), each once, in their order:
        grading goes exercise by exercise, whatever order they were named in (see
        tests/conftest.py, pytest_collection_modifyitems)."""
        chosen = {self.find(n).module for n in names}
        return [ex for ex in self.exercises if not names or ex.module in chosen]


def display_path(path: Path | str) -> str:
    """`exercises/ex01_neuron.py` for files in the kata, the full path for others."""
    path = Path(os.path.realpath(path))  # Path.resolve() raises on a link that loops
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def tree_path(tree: str) -> Path:
    """The folder that `tree` names (exercises, solutions, or a path), there or not."""
    return Path(tree) if Path(tree).is_absolute() else ROOT / tree


def tree_folder(tree: str) -> Path:
    """The folder of exercise modules that `tree` names: exercises, solutions, or a path."""
    if not tree.strip():
        raise KataError("No folder was given to take the exercise modules from.")
    folder = tree_path(tree)
    if not folder.is_dir():
        raise KataError(f"There is no folder {tree} to take the exercise modules from.")
    return folder


def _hints(entry: dict) -> tuple[str, ...]:
    """An entry's hint ladder: `hints = ["...", ...]`, or a single `hint` string read as a
    ladder of one level (entries written before ladders)."""
    levels = entry.get("hints", [entry["hint"]] if "hint" in entry else [])
    if isinstance(levels, str):
        levels = [levels]
    if not all(isinstance(level, str) for level in levels):
        raise KataError(f"The hints of {entry.get('module', 'an exercise')} in pyproject.toml "
                        "must be a list of strings.")
    # Blank lines around a level go, the indentation of its formula lines stays.
    return tuple(textwrap.dedent(level).strip("\n").rstrip() for level in levels
                 if level.strip())


def load(root: Path = ROOT) -> Manifest:
    path = root / "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KataError(f"{path} is missing: run this from the kata's folder.") from None
    except tomllib.TOMLDecodeError as exc:
        raise KataError(f"pyproject.toml is not valid TOML ({exc}).") from None
    kata = data.get("tool", {}).get("kata", {})
    exercises = []
    for number, entry in enumerate(kata.get("exercises", []), start=1):
        try:  # an instructor's edit: one sentence, not a KeyError from every command
            module, title = entry["module"], entry["title"]
            examples = entry.get("examples", [])
            if not (isinstance(module, str) and re.fullmatch(r"ex\d\d_\w+", module)
                    and isinstance(title, str) and isinstance(examples, list)
                    and all(isinstance(e, str) for e in examples)):
                raise TypeError("a value of the wrong kind")
            exercises.append(Exercise(module=module, title=title,
                                      part=int(entry.get("part", 0)), hints=_hints(entry),
                                      examples=tuple(examples)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
            raise KataError(f"Exercise entry {number} of [tool.kata] in pyproject.toml cannot "
                            f"be read ({what}): each needs a module named like ex05_relu, a "
                            "title, a whole-number part and a list of examples.") from None
    project = data.get("project", {})
    return Manifest(
        title=kata.get("title", "kata"),
        name=project.get("name", "kata"),
        version=project.get("version", "0"),
        exercises=tuple(exercises),
    )
