"""Every command of the kata is a nox session: `nox -l` lists them.

The sessions that run your code share one virtual environment, .nox/kata, made once
with the interpreter that runs nox and reused; it is reinstalled only when the
dependencies in pyproject.toml change. The grading tools themselves use the standard
library only, so they run right here in nox's own interpreter. `nox -s verify` also
checks the kata on every other supported Python it finds (the classifiers in
pyproject.toml), each in its own .nox/kata-3.X made the same way.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
# The kata's modules compile once, into .nox/kata (as the judges' do: see
# kata.judge.runner.bytecode_folder), and never from a __pycache__ folder in the kata.
sys.pycache_prefix = str(ROOT / ".nox" / "kata" / "pycache")
sys.dont_write_bytecode = False

from kata import cli  # noqa: E402 - needs the path above
from kata.manifest import KataError  # noqa: E402

# `nox -l | head`: nox prints the listing itself, after it has loaded this file. A reader
# that leaves early then ends the listing quietly, as it ends any Unix listing, not with
# nox's BrokenPipeError traceback. Only for the listing: a session handles a closed pipe
# itself, after it has written what it must (the report, a reset).
if hasattr(signal, "SIGPIPE") and {"-l", "--list", "--list-sessions"} & set(sys.argv[1:]):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)

nox.options.sessions = ["grade"]
nox.options.default_venv_backend = "none"  # the sessions below manage .nox/kata themselves


class _Quiet(logging.Filter):
    """Drop two of nox's own lines that mislead a learner: `uv binary not found.` (nox looks
    for uv on every run, though these sessions never use it) and `Session ... was
    successful`, which would follow the grader's last line, `K/N exercises done`.
    A failing session still says so."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return message != "uv binary not found." and not (
            message.startswith("Session ") and " was successful" in message)


logging.getLogger("nox").addFilter(_Quiet())

VENV = ROOT / ".nox" / "kata"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
# The supported Pythons are the classifiers; `nox -s verify` tests each one it finds.
PYTHONS = nox.project.python_versions(PYPROJECT)
THIS_PYTHON = "{}.{}".format(*sys.version_info)


def _requirements(*groups: str) -> list[str]:
    wanted = list(PYPROJECT["project"]["dependencies"])
    for group in groups:  # a dependency group, or else an optional extra such as "plot"
        wanted += PYPROJECT["dependency-groups"].get(group) or \
            PYPROJECT["project"]["optional-dependencies"][group]
    return wanted


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def kata_python(session: nox.Session, *groups: str, venv: Path = VENV,
                interpreter: str = sys.executable, version: str = sys.version) -> str:
    """The interpreter of `venv` (.nox/kata unless told), made with `interpreter` (whose
    sys.version is `version`) and with numpy and `groups` installed (once)."""
    version = version.replace("\n", " ")  # some builds put a newline in sys.version
    wanted = _requirements(*groups)
    python = _venv_python(venv)
    stamp = venv / "kata-requirements.txt"
    header, *installed = stamp.read_text().splitlines() if stamp.is_file() else ["", ""]
    same_python = header == version and python.is_file()
    if same_python and set(wanted) <= set(installed):
        return str(python)  # the warm path: nothing to check, nothing to install
    if not same_python:
        session.log(f"Setting up {venv.relative_to(ROOT)} with Python {version.split()[0]}"
                    " (once; later runs reuse it)")
        session.run(interpreter, "-m", "venv", "--clear", str(venv))
        installed = []
    wanted = sorted(set(wanted) | set(installed))
    try:
        session.run(str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                    *wanted)
    except nox.command.CommandFailed:  # pip's own lines above say what it met
        session.error(f"Could not install {', '.join(wanted)} into {venv.relative_to(ROOT)}. "
                      "This one-time setup downloads them: it needs the internet (or a pip "
                      "index your machine is set up to use). Connect, then run the same "
                      "command again; nothing needs undoing.")
    stamp.write_text("\n".join([version, *wanted]) + "\n")
    return str(python)


_PROBE = ("import sys, venv, ensurepip; print(sys.executable); "
          "print(sys.version.replace(chr(10), ' '))")


def find_python(version: str) -> tuple[str, str] | str:
    """(path, sys.version) of a working Python `version` (e.g. "3.12") with venv, or
    else why there is none. Looks for python3.12 on PATH, then `py -3.12` (Windows),
    then pyenv's install of it (pyenv's shims run only the versions selected)."""
    candidates = [[f"python{version}"], ["py", f"-{version}"]]
    try:
        prefix = subprocess.run(["pyenv", "prefix", version], capture_output=True, text=True,
                                timeout=60)
        if prefix.returncode == 0 and prefix.stdout.strip():
            candidates.append([str(Path(prefix.stdout.strip()) / "bin" / f"python{version}")])
    except (OSError, subprocess.TimeoutExpired):
        pass  # no pyenv here
    reason = f"python{version} is not on PATH"
    for command in candidates:
        if not shutil.which(command[0]):
            continue
        try:
            done = subprocess.run([*command, "-c", _PROBE], capture_output=True, text=True,
                                  timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = f"`{' '.join(command)}` does not run ({exc})"
            continue
        path, _, full = done.stdout.strip().partition("\n")
        if done.returncode == 0 and full.startswith(f"{version}."):
            return path, full
        said = (done.stderr.strip().splitlines() or [done.stdout.strip() or "no output"])[-1]
        reason = f"`{' '.join(command)}` does not give a Python {version} with venv ({said})"
    return reason


def other_pythons(session: nox.Session) -> dict[str, dict[str, str]]:
    """Every supported Python but this one: {"python": its .nox/kata-3.X interpreter},
    {"missing": why it was not found}, or {"failed": why its environment could not be made}."""
    found: dict[str, dict[str, str]] = {}
    for version in PYTHONS:
        if version == THIS_PYTHON:
            continue
        where = find_python(version)
        if isinstance(where, str):
            found[version] = {"missing": where}
            continue
        interpreter, full_version = where
        try:
            found[version] = {"python": kata_python(
                session, "specs", venv=ROOT / ".nox" / f"kata-{version}",
                interpreter=interpreter, version=full_version)}
        except nox.command.CommandFailed as exc:
            found[version] = {"failed": f"setting up .nox/kata-{version} failed ({exc})"}
    return found


def _run(session: nox.Session, command: str, *groups: str, args: list[str] | None = None) -> None:
    if command in cli.NEEDS_SOLUTIONS and not (ROOT / "solutions").is_dir():
        groups = ()  # a hand-out: the command refuses at once, so install nothing first
    if groups:
        os.environ["KATA_PYTHON"] = kata_python(session, *groups)
    try:
        status = cli.main([command, *(session.posargs if args is None else args)])
    except KataError as exc:  # cli.main reports these itself; this is belt and braces
        session.error(str(exc))
    if status == 130:  # stopped by Ctrl-C, which the command has said: nox says the rest
        raise KeyboardInterrupt
    if status:
        sys.stdout.flush()
        session.error(f"`{command}` exited with status {status}")


@nox.session
def grade(session: nox.Session) -> None:
    """Grade your exercises and show what to do next (the default). -- 05 for one."""
    _run(session, "grade", "specs")


@nox.session
def hint(session: nox.Session) -> None:
    """One more hint for the exercise you are on (-- 05 for another; --all, --reset)."""
    _run(session, "hint", "specs")


@nox.session
def watch(session: nox.Session) -> None:
    """Re-grade each exercise you save; keys: n(ext) h(int) l(ist) r(eset) c(heck) q(uit)."""
    _run(session, "watch", "specs")


@nox.session
def play(session: nox.Session) -> None:
    """A Python shell with your exercise, numpy and the data sets loaded: nox -s play -- 06"""
    _run(session, "play", "specs")


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
def restore(session: nox.Session) -> None:
    """Bring back one of your backups of an exercise: nox -s restore -- 05 [--pick N]"""
    _run(session, "restore")


@nox.session
def solution(session: nox.Session) -> None:
    """Diff your exercise against the reference and run both: nox -s solution -- 05"""
    _run(session, "solution", "specs")


def _asks_for_a_picture(args: list[str]) -> bool:
    """--plot, or --out naming a picture: asking where to save it is asking for one (a blank
    --out is refused before anything is installed for it)."""
    named = [value for option, value in zip(args, [*args[1:], ""]) if option == "--out"]
    named += [a.removeprefix("--out=") for a in args if a.startswith("--out=")]
    return "--plot" in args or any(value.strip() for value in named)


@nox.session
def train(session: nox.Session) -> None:
    """Watch your network learn: -- spiral|binary|sine|regularization|digits [--plot]"""
    groups = ("specs", "plot") if _asks_for_a_picture(session.posargs) else ("specs",)
    _run(session, "train", *groups)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: training (against fused NumPy, PyTorch) and grading: -- [training|grading]"""
    _run(session, "bench", "specs")


@nox.session
def mutants(session: nox.Session) -> None:
    """Maintainers: slips planted in the solutions that the specs let through: -- [EX...]"""
    _run(session, "mutants", "specs")


@nox.session
def stubs(session: nox.Session) -> None:
    """Maintainers: regenerate exercises/ from the fenced solutions in solutions/."""
    _run(session, "stubs")


@nox.session
def verify(session: nox.Session) -> None:
    """The project's test command: the whole kata, checked on every supported Python here."""
    if session.posargs or not (ROOT / "solutions").is_dir():
        # verify takes no options, and a hand-out has nothing to verify: it says so at once,
        # before any environment is made.
        _run(session, "verify")
        return
    os.environ["KATA_PYTHONS"] = json.dumps(other_pythons(session))
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
    if status == 130:  # Ctrl-C, said by run_command: nox says the session was interrupted
        raise KeyboardInterrupt
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
