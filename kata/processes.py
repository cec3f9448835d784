"""The processes this one started, as Linux lists them: for ending learner processes
and their orphans (a judge, and the learner side's fork server, are subreapers)."""

from __future__ import annotations

import os
import sys


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
