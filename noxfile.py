"""Every command of the kata is a nox session: `nox -l` lists them.

The sessions that run your code share one virtual environment, .nox/kata, made once
with the interpreter that runs nox and reused; it is reinstalled only when the
dependencies in pyproject.toml change. The grading tools themselves use the standard
library only, so they run right here in nox's own interpreter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from kata import cli  # noqa: E402 - needs the path above
from kata.manifest import KataError  # noqa: E402

nox.options.sessions = ["grade"]
nox.options.default_venv_backend = "none"  # the sessions below manage .nox/kata themselves

VENV = ROOT / ".nox" / "kata"
STAMP = VENV / "kata-requirements.txt"


def _requirements(*groups: str) -> list[str]:
    project = nox.project.load_toml(ROOT / "pyproject.toml")
    wanted = list(project["project"]["dependencies"])
    for group in groups:  # a dependency group, or else an optional extra such as "plot"
        wanted += project["dependency-groups"].get(group) or \
            project["project"]["optional-dependencies"][group]
    return wanted


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def kata_python(session: nox.Session, *groups: str) -> str:
    """The interpreter of .nox/kata, with numpy and `groups` installed (once)."""
    wanted = _requirements(*groups)
    python = _venv_python()
    header, *installed = STAMP.read_text().splitlines() if STAMP.is_file() else ["", ""]
    same_python = header == sys.version and python.is_file()
    if same_python and set(wanted) <= set(installed):
        return str(python)  # the warm path: nothing to check, nothing to install
    if not same_python:
        session.log(f"Setting up {VENV.relative_to(ROOT)} with Python {sys.version.split()[0]}"
                    " (once; later runs reuse it)")
        session.run(sys.executable, "-m", "venv", "--clear", str(VENV))
        installed = []
    wanted = sorted(set(wanted) | set(installed))
    session.run(str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                *wanted)
    STAMP.write_text("\n".join([sys.version, *wanted]) + "\n")
    return str(python)


def _run(session: nox.Session, command: str, *groups: str, args: list[str] | None = None) -> None:
    if command in cli.NEEDS_SOLUTIONS and not (ROOT / "solutions").is_dir():
        groups = ()  # a hand-out: the command refuses at once, so install nothing first
    if groups:
        os.environ["KATA_PYTHON"] = kata_python(session, *groups)
    try:
        status = cli.main([command, *(session.posargs if args is None else args)])
    except KataError as exc:  # cli.main reports these itself; this is belt and braces
        session.error(str(exc))
    if status:
        sys.stdout.flush()
        session.error(f"`{command}` exited with status {status}")


@nox.session
def grade(session: nox.Session) -> None:
    """Grade your exercises and show what to do next (the default). -- 05 for one."""
    _run(session, "grade", "specs")


@nox.session
def hint(session: nox.Session) -> None:
    """Show the hint for an exercise: nox -s hint -- 05"""
    _run(session, "hint")


@nox.session
def watch(session: nox.Session) -> None:
    """Re-grade the exercise you are editing every time you save it (Ctrl-C to stop)."""
    _run(session, "watch", "specs")


@nox.session
def report(session: nox.Session) -> None:
    """Copy your progress report, named after you, to hand in: nox -s report -- [FOLDER]"""
    _run(session, "report")


@nox.session
def update(session: nox.Session) -> None:
    """Get your instructor's newest version of the kata; your exercises/ stay as they are."""
    _run(session, "update")


@nox.session
def reset(session: nox.Session) -> None:
    """Put an exercise's pristine stub back, after backing up yours: nox -s reset -- 05"""
    _run(session, "reset")


@nox.session
def solution(session: nox.Session) -> None:
    """Diff your exercise against the reference and run both: nox -s solution -- 05"""
    _run(session, "solution", "specs")


@nox.session
def train(session: nox.Session) -> None:
    """Train your own network and watch it learn: -- spiral|binary|sine|digits [--plot]"""
    args = [a for a in session.posargs if a != "--plot"]
    groups = ("specs", "plot") if "--plot" in session.posargs else ("specs",)
    _run(session, "train", *groups, args=args)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: the reference training loop against fused NumPy and PyTorch."""
    _run(session, "bench", "specs")


@nox.session
def stubs(session: nox.Session) -> None:
    """Maintainers: regenerate exercises/ from the fenced solutions in solutions/."""
    _run(session, "stubs")


@nox.session
def verify(session: nox.Session) -> None:
    """The project's test command: solutions pass, stubs fail, wrong answers rejected, lint."""
    _run(session, "verify", "specs", "lint")


@nox.session
def handout(session: nox.Session) -> None:
    """Instructors: a learner copy without solutions, as a git repo and a zip: -- DIR"""
    _run(session, "handout")


@nox.session
def class_report(session: nox.Session) -> None:
    """Instructors: the class at a glance from learners' reports: -- REPORT.json... | DIR"""
    _run(session, "class_report")


def _workshop(session: nox.Session, command: str, module: str) -> None:
    """A workshop tool that needs nothing but the standard library: run it right here."""
    import importlib

    from kata.manifest import load, run_command

    tool = importlib.import_module(f"kata.workshop.{module}")
    status = run_command(command, lambda: tool.main(session.posargs, load()))
    if status:
        session.error(f"`{command}` exited with status {status}")


@nox.session
def class_serve(session: nox.Session) -> None:
    """Instructors: a live class view that learners' reports reach: -- [--host 0.0.0.0]"""
    _workshop(session, "class_serve", "class_serve")


@nox.session
def join(session: nox.Session) -> None:
    """Send your reports to your instructor's live class view: nox -s join -- URL CODE"""
    _workshop(session, "join", "class_client")
