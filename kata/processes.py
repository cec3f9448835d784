"""The processes this one started, as Linux lists them: for ending learner processes
and their orphans (a judge, the learner side's fork server and `nox -s train` are
subreapers)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Collection


def become_subreaper() -> None:
    """Orphans of learner code (double forks, setsid) become our children, to be ended."""
    if sys.platform == "linux":
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        except (OSError, AttributeError):
            pass


def end_children(keep: Collection[int] = (), exits: dict[int, int] | None = None) -> None:
    """Kill and reap every child of this process but those in `keep`, and look again for
    orphans that came to us meanwhile (a subreaper inherits them as their parents die);
    `exits`, when given, gets each one's exit code by pid. Killed processes cannot fork
    any more, so this ends."""
    for _ in range(100):
        pids = [pid for pid in children() if pid not in keep]
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        for pid in pids:
            try:
                _, status = os.waitpid(pid, 0)
            except (ChildProcessError, OSError):
                continue
            if exits is not None:
                exits[pid] = os.waitstatus_to_exitcode(status)


def children() -> list[int]:
    """The pids whose parent is this process ([] where /proc is not Linux's)."""
    if sys.platform != "linux":
        return []
    try:  # the kernel's own list, thread by thread: one small read each
        found: set[int] = set()
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children", "rb") as listed:
                found.update(int(pid) for pid in listed.read().split())
        return sorted(found)
    except (OSError, ValueError):
        pass  # a kernel without CONFIG_PROC_CHILDREN: look at every process
    me, scanned = str(os.getpid()).encode(), []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                parent = stat.read().rsplit(b")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if parent == me:
            scanned.append(int(entry))
    return scanned
