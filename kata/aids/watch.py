"""`nox -s watch`: re-grade each exercise you save, with rustlings-style keys.

    n  next unfinished exercise      h  one more hint      l  the list of exercises
    r  reset this exercise (asks)    c  check them all     Enter  re-run now
    q  quit

Keys are read one at a time from a terminal (cbreak mode, no echo). The terminal's own
settings are put back on every way out: q, Ctrl-C, an error, or a SIGTERM/SIGHUP. Without a
terminal on stdin (piped, CI) it only watches the files. Enter re-runs the checks by hand
where save events never arrive (WSL, network drives): the folder is polled anyway.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType, TracebackType
from typing import TextIO

from kata.manifest import Exercise, KataError, Manifest

# How often the folder is looked at: a save shows its verdict within this and the specs'
# time (a tenth of a second costs a few stat calls).
POLL_SECONDS = 0.1
KEYS = "n next · h hint · l list · r reset · c check all · Enter re-run · q quit"


class Keys:
    """Single keys from a terminal, as a context manager that always restores it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        self.interactive = False
        self._fd = -1
        self._saved: list | None = None
        self._handlers: dict[int, object] = {}

    def __enter__(self) -> Keys:
        try:
            self.interactive = self.stream.isatty()
        except (AttributeError, ValueError):
            self.interactive = False
        # End through __exit__ and the caller's cleanup, not around them, with a terminal or
        # without (`timeout`, a CI job stopped): a judge's scratch folder was left in /tmp.
        for name in ("SIGTERM", "SIGHUP"):  # (one ignored on purpose, `nohup`, stays so)
            sig = getattr(signal, name, None)
            if sig is not None and signal.getsignal(sig) is not signal.SIG_IGN:
                self._handlers[sig] = signal.signal(sig, _exit_on_signal)
        if not self.interactive:
            return self
        if os.name == "nt":  # pragma: no cover - msvcrt reads keys without a mode change
            return self
        import termios
        import tty

        self._fd = self.stream.fileno()
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)  # keys arrive one by one, unechoed; Ctrl-C still interrupts
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.restore()

    def restore(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None
        for sig, handler in self._handlers.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        self._handlers = {}

    def read(self, timeout: float) -> str | None:
        """One key ("enter" for Enter), or None after `timeout` seconds without one."""
        if not self.interactive:
            time.sleep(timeout)
            return None
        if os.name == "nt":  # pragma: no cover
            import msvcrt

            end = time.monotonic() + timeout
            while time.monotonic() < end:
                if msvcrt.kbhit():
                    return _key(msvcrt.getwch())
                time.sleep(0.05)
            return None
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 64).decode("utf-8", errors="replace")
        if not data:  # the terminal went away: keep watching files only
            self.interactive = False
            return None
        return _key(data[0])


def _key(char: str) -> str:
    return "enter" if char in "\r\n" else char.lower()


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@dataclass
class Actions:
    """What the keys do; the CLI provides them (grading lives outside aids/)."""

    grade: Callable[[list[Exercise]], dict[str, str]]  # grade and print; {module: state}
    check_all: Callable[[], dict[str, str]]  # every exercise, the full view
    listing: Callable[[Exercise], None]  # every exercise's line, this one marked
    hint: Callable[[Exercise], None]
    reset: Callable[[Exercise], None]


def _mtimes(folder: Path) -> dict[Path, float]:
    stamps = {}
    for path in folder.glob("*.py"):
        try:
            stamps[path] = path.stat().st_mtime
        except OSError:
            continue
    return stamps


def _following(manifest: Manifest, focus: Exercise, states: dict[str, str]) -> Exercise | None:
    """The first exercise after `focus` (wrapping round) that is not known to be done."""
    order = list(manifest.exercises)
    start = order.index(focus) + 1
    for ex in order[start:] + order[:start]:
        if states.get(ex.module) != "done":
            return ex
    return None


def _first_unfinished(manifest: Manifest, states: dict[str, str]) -> Exercise:
    return next((ex for ex in manifest.exercises if states.get(ex.module) != "done"),
                manifest.exercises[-1])


def saved_files(before: dict[Path, float], now: dict[Path, float]) -> Iterator[Path]:
    """Files that are new or have a new modification time, latest first, then those that
    are gone (deleted, renamed, a link that leads nowhere now): grading one says so."""
    changed = [p for p, t in now.items() if before.get(p) != t]
    yield from sorted(changed, key=lambda p: now[p], reverse=True)
    yield from (p for p in before if p not in now)


def watch(manifest: Manifest, folder: Path, actions: Actions, keys: Keys, *,
          start: Exercise | None = None, poll: float = POLL_SECONDS,
          rounds: int | None = None) -> int:
    """Watch `folder` until q, Ctrl-C or (for tests) `rounds` polls without a key."""
    try:
        return _watch(manifest, folder, actions, keys, start, poll, rounds)
    except KeyboardInterrupt:  # Ctrl-C, at any moment: grading, printing or waiting
        print("\nStopped watching. `nox` shows the whole picture.")
        return 0


def _watch(manifest: Manifest, folder: Path, actions: Actions, keys: Keys,
           start: Exercise | None, poll: float, rounds: int | None) -> int:
    by_file = {Path(ex.stub_path).name: ex for ex in manifest.exercises}
    seen = _mtimes(folder)  # before the first grading, so a save during it is not lost
    if start:
        states = actions.grade([start])
        focus = start
    else:
        states = actions.check_all()
        focus = _first_unfinished(manifest, states)

    def prompt() -> None:
        where = f"Watching exercises/ - exercise {focus.number} in focus."
        more = KEYS if keys.interactive else "Save a file to re-grade it; Ctrl-C stops."
        print(f"\n{where}\n{more}", flush=True)

    prompt()
    there = folder.is_dir()
    while rounds is None or rounds > 0:
        key = keys.read(poll)
        if rounds is not None and key is None:
            rounds -= 1
        now = _mtimes(folder)
        if folder.is_dir() != there:
            there = not there
            print(f"\n{folder.name}/ is back." if there else
                  f"\n{folder.name}/ is gone (renamed or deleted?): waiting for it to come "
                  "back.", flush=True)
        changed = [p for p in saved_files(seen, now) if p.name in by_file] if there else []
        saved = [by_file[p.name] for p in changed]
        seen = now
        try:
            if saved:
                focus = saved[0]
                what = "saved" if changed[0] in now else "is gone"
                print(f"\n--- {datetime.now():%H:%M:%S} {focus.stub_path} {what} ---\n",
                      flush=True)
                states.update(actions.grade([focus]))
            elif key is None:
                continue
            elif key == "q":
                print("Stopped watching. `nox` shows the whole picture.")
                return 0
            elif key == "n":
                following = _following(manifest, focus, states)
                if following is None:
                    print("\nEvery exercise is done. Watch your network learn: `nox -s train`")
                else:
                    focus = following
                    print(f"\n--- next: exercise {focus.number} ---\n", flush=True)
                    states.update(actions.grade([focus]))
            elif key == "h":
                print()
                actions.hint(focus)
            elif key == "l":
                print()
                actions.listing(focus)
            elif key == "c":
                print()
                states = actions.check_all()
                focus = _first_unfinished(manifest, states)
            elif key == "r":
                print(f"\nReset exercise {focus.number} to its pristine stub? Your version is "
                      "backed up first. [y/N] ", end="", flush=True)
                answer = keys.read(3600)
                print(answer if answer and answer != "enter" else "")
                if answer == "y":
                    actions.reset(focus)
                    seen = _mtimes(folder)  # our own write is not the learner's save
                    states.update(actions.grade([focus]))
                else:
                    print("Nothing was changed.")
            elif key == "enter":
                print(f"\n--- {datetime.now():%H:%M:%S} re-running exercise {focus.number} "
                      "---\n", flush=True)
                states.update(actions.grade([focus]))
        except KataError as exc:  # a mistake the learner can fix (a reset that cannot be
            print(exc, flush=True)  # done, say): one sentence, and watching goes on
        if saved or key:
            prompt()
    return 0
