"""Keep a learner process from changing files outside its own folders (Linux Landlock).

Learner code runs as the same user as the judge, so without this it could rewrite what a
later grading run reads: the kata's modules and their compiled bytecode, the virtual
environment, .kata/report.json, another exercise. Confined, a learner process still reads
everything, but creates, changes, renames and deletes files only under the folders given
(its judge's pytest folder, where the specs ask it to save and where its TMPDIR is) and
writes /dev/null; anywhere else the call fails with PermissionError. That holds wherever
the kata was cloned, the temporary folder included. From Linux 6.12 it can no longer
signal (kill) a process outside its own, such as a judge grading another exercise;
Landlock never lets it trace one. The restriction is the kernel's, it holds for every
process the learner's code starts, and it cannot be lifted from inside.

Landlock came with Linux 5.13 (2021); where it is missing (older kernels, macOS, Windows)
`confine_writes` changes nothing and says so.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from collections.abc import Sequence
from typing import Any

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # one number on every arch
_VERSION = 1  # landlock_create_ruleset flag: ask for the ABI version
_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Every right that changes the file system, by the ABI version that brought it.
_WRITE_FILE, _REMOVE_DIR, _REMOVE_FILE = 1 << 1, 1 << 4, 1 << 5
_MAKE = sum(1 << bit for bit in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
_REFER, _TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
_SCOPE_SIGNAL = 1 << 1  # ABI 6: no signals to processes outside the domain


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@functools.cache
def _libc() -> Any:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc


def abi_version() -> int:
    """The kernel's Landlock ABI version: 0 where there is none."""
    if sys.platform != "linux":
        return 0
    try:
        abi = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0),
                              ctypes.c_uint32(_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(abi), 0)


def confine_writes(*folders: str, files: Sequence[str] = ()) -> bool:
    """Allow this process (and its children) to change files only beneath `folders` and to
    write the existing `files` (such as /dev/null), for good. True when the kernel
    enforces it, False where it cannot."""
    abi = abi_version()
    if abi < 1:
        return False
    syscall = _libc().syscall
    rights = _WRITE_FILE | _REMOVE_DIR | _REMOVE_FILE | _MAKE
    rights |= (_REFER if abi >= 2 else 0) | (_TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(rights, 0, _SCOPE_SIGNAL if abi >= 6 else 0)
    size = ctypes.sizeof(attr) if abi >= 6 else _RulesetAttr.handled_access_net.offset
    ruleset = syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                      ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:
        file_rights = _WRITE_FILE | (_TRUNCATE if abi >= 3 else 0)
        for path, allowed in [*((f, rights) for f in folders), *((f, file_rights) for f in files)]:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # what is not there needs no permission
            try:
                rule = _PathBeneathAttr(allowed, fd)
                syscall(_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_PATH_BENEATH),
                        ctypes.byref(rule), ctypes.c_uint32(0))
            finally:
                os.close(fd)
        if _libc().prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return syscall(_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)
