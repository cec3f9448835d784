"""Keep a learner process from changing files outside its own folders and from reading
the reference answers (Linux Landlock), and from starting processes (seccomp).

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

`confine_reads` closes some files and folders to reading (kata.learner.answers: the
reference answers of the exercise graded and of later ones), leaving the rest readable.

`forbid_processes_and_metadata` (seccomp, Linux 3.5+) also keeps a learner process from
starting other processes (fork, exec, subprocess and os.system fail with PermissionError;
threads still start) and from changing any file's permissions, owner, times or extended
attributes, which Landlock leaves open (chmod 000 on a spec file would outlive the run),
from opening sockets (to another learner process, which may read a reference this one may
not, or to the network) and from memfd_create (memory in files that no memory limit
counts). No exercise needs any of these. A process started by learner code could outlive
its grading, or multiply until the machine cannot start the judges of the others. Run as
root, the process also gives up every capability (to reboot, set the clock, make device
files) but reading any file.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import stat
import sys
from collections.abc import Collection, Sequence
from typing import Any

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # one number on every arch
_VERSION = 1  # landlock_create_ruleset flag: ask for the ABI version
_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Every right that changes the file system, by the ABI version that brought it.
_WRITE_FILE, _REMOVE_DIR, _REMOVE_FILE = 1 << 1, 1 << 4, 1 << 5
_MAKE = sum(1 << bit for bit in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
_DEVICES = 1 << 6 | 1 << 11  # device files: allowed nowhere (root could mirror /dev/kmsg)
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


def forget_libc() -> None:
    """Drop the C library handle once confined: learner code could call C through it."""
    _libc.cache_clear()


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
    rights = _WRITE_FILE | _REMOVE_DIR | _REMOVE_FILE | _MAKE
    rights |= (_REFER if abi >= 2 else 0) | (_TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(rights, 0, _SCOPE_SIGNAL if abi >= 6 else 0)
    size = ctypes.sizeof(attr) if abi >= 6 else _RulesetAttr.handled_access_net.offset
    file_rights = _WRITE_FILE | (_TRUNCATE if abi >= 3 else 0)
    folder_rights = rights & ~_DEVICES
    return _restrict(attr, size, [*((f, folder_rights) for f in folders),
                                  *((f, file_rights) for f in files)])


def _restrict(attr: _RulesetAttr, size: int, rules: list[tuple[str, int]],
              opening: int = 0) -> bool:
    """Restrict this process, for good, to the `rules` (path, rights allowed beneath it)
    over the rights `attr` handles. A path that is not there is left out: it needs no
    rule. `opening`: more flags for opening each path (O_NOFOLLOW: a link itself)."""
    syscall = _libc().syscall
    ruleset = syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                      ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:
        for path, allowed in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC | opening)
            except OSError:
                continue
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


_READ_FILE = 1 << 2


def confine_reads(closed: Collection[str]) -> bool:
    """From now on this process (and its children) cannot open the files or folders in
    `closed` for reading, for good; everything else stays readable. True when the kernel
    enforces it, False where it cannot (then nothing changed).

    Landlock grants rights, it cannot take one away below a grant: so every entry of
    each folder on the way down to a closed path gets a rule of its own, except the
    folders on the way (which are gone into) and the closed paths themselves. A file made
    later directly in one of those folders is unreadable too; the process writes only in
    its own folders, which are readable. A symbolic link is granted as a link, not as what
    it points to, so no link opens a closed file."""
    closed = {os.path.realpath(path) for path in closed}
    closed = {path for path in closed if os.path.lexists(path)}
    abi = abi_version()
    if not closed or abi < 1:
        return False
    try:
        granted = beside_the_way(closed)
    except OSError:
        return False  # a folder on the way cannot be listed: keep what we have
    # Every layer denies moving a file to another folder (ABI 2: "refer") unless it grants
    # it, handled or not: granted with reading, a learner's atomic save (a temporary file
    # renamed into tmp_path) works. Only where the write layer also grants changes - the
    # learner's own folder - can anything be moved; never a closed file (no grant here).
    # (A rule on a file may grant only a file's rights: moving is a folder's.)
    rights = _READ_FILE | (_REFER if abi >= 2 else 0)
    return _restrict(_RulesetAttr(rights, 0, 0), _RulesetAttr.handled_access_net.offset,
                     [(path, rights if _is_folder(path) else _READ_FILE)
                      for path in sorted(granted)], os.O_NOFOLLOW)


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def beside_the_way(targets: Collection[str], top: str = os.sep) -> set[str]:
    """Every entry of each folder on the way from `top` down to the `targets` (real paths
    beneath `top`) that is neither a folder on the way nor a target: what singles the
    targets out, granted all but them (confine_reads) or closed all but them (the
    bytecode of other copies of the kata: kata.learner.answers). OSError when a folder on
    the way cannot be listed."""
    targets = set(targets)
    on_the_way = {top}
    for path in targets:
        folder = os.path.dirname(path)
        while len(folder) > len(top) and folder not in on_the_way:
            on_the_way.add(folder)
            folder = os.path.dirname(folder)
    found = set()
    for folder in on_the_way:
        with os.scandir(folder) as entries:
            found.update(entry.path for entry in entries
                         if entry.path not in on_the_way and entry.path not in targets)
    return found


# seccomp: a classic BPF program over the system call's number, architecture and flags.
_SECCOMP_ARCH = {  # machine: (AUDIT_ARCH_*, the system calls that start a process,
    # the system calls that change a file's permissions, owner, times or extended
    # attributes: Landlock leaves those open, even on the kata's own files)
    "x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435,
                            "execve": 59, "execveat": 322, "socket": 41,
                            "memfd_create": 319},
               (90, 91, 92, 93, 94, 132, 235, 260, 261, 268, 280, 188, 189, 190, 197, 198,
                199, 452, 463, 466)),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435, "execve": 221, "execveat": 281,
                             "socket": 198, "memfd_create": 279},
                (52, 53, 54, 55, 88, 5, 6, 7, 14, 15, 16, 452, 463, 466)),
}
# The system calls that send a signal, and those that choose who gets SIGIO: where Landlock
# cannot scope signals (before Linux 6.12, ABI 6), a learner process could kill the judge
# of another exercise (charged to that exercise) or the grader (no report at all). And
# prlimit64, which sets the resource limits of any process of the same user, whatever
# Landlock: a red team's resource.prlimit(pid, RLIMIT_NOFILE, (0, ...)) left the grader
# "Could not grade: Too many open files", and could have starved another exercise's judge.
_SIGNAL_CALLS = {
    "x86_64": {"kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129,
               "rt_tgsigqueueinfo": 297, "pidfd_send_signal": 424, "fcntl": 72, "ioctl": 16,
               "prlimit64": 302},
    "aarch64": {"kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138,
                "rt_tgsigqueueinfo": 240, "pidfd_send_signal": 424, "fcntl": 25,
                "ioctl": 29, "prlimit64": 261},
}
_F_SETOWN, _F_SETOWN_EX, _FIOSETOWN, _SIOCSPGRP = 8, 15, 0x8901, 0x8902
# The system calls that truncate a file without opening it for writing, which Landlock
# checks only from Linux 6.2 on (ABI 3): before that (Ubuntu 22.04's 5.15, Debian 12's
# 6.1) os.truncate() or open(O_RDONLY | O_TRUNC) emptied any file, the grader's included.
# (system call, which argument holds open's flags, or None: the call itself is refused)
_TRUNCATE_CALLS = {
    "x86_64": ((76, None), (2, 1), (257, 2), (437, None)),  # truncate, open, openat, openat2
    "aarch64": ((45, None), (56, 2), (437, None)),  # truncate, openat, openat2
}
_O_ACCMODE, _O_TRUNC = 3, 0o1000
_AND = 0x54  # BPF_ALU | BPF_AND | BPF_K
_CLONE_THREAD, _X32_BIT = 0x10000, 0x40000000
_EPERM, _EROFS, _ENOSYS = 1, 30, 38
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_LOAD, _IF_EQUAL, _IF_SET, _IF_AT_LEAST, _RETURN = 0x20, 0x15, 0x45, 0x35, 0x06
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_PR_CAPBSET_DROP, _CAPSET = 24, {"x86_64": 126, "aarch64": 91}


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _signal_filter(signals: dict[str, int], pid: int) -> list[tuple[int, int, int, int]]:
    """Signals only to this process (`pid`) and its own group (kill(0), kill(-pid): it
    leads a session of its own); no pidfd_send_signal, no tkill (a thread id could be
    anyone's), and no fcntl or ioctl that makes another process the one SIGIO goes to.
    Resource limits (prlimit64) of this process only (`pid`, or 0: setrlimit's own)."""
    mask = 0xFFFFFFFF
    program = []
    for name in ("tkill", "pidfd_send_signal"):
        program += [(_IF_EQUAL, 0, 1, signals[name]), (_RETURN, 0, 0, _ERRNO | _EPERM)]
    for name, allowed in (("kill", (pid, -pid & mask, 0)), ("tgkill", (pid,)),
                          ("rt_sigqueueinfo", (pid,)), ("rt_tgsigqueueinfo", (pid,)),
                          ("prlimit64", (pid, 0))):
        n = len(allowed)  # not this call: skip its block (load, n checks, two returns)
        program += [(_IF_EQUAL, 0, n + 3, signals[name]), (_LOAD, 0, 0, 16)]  # args[0]
        program += [(_IF_EQUAL, n - i, 0, value) for i, value in enumerate(allowed)]
        program += [(_RETURN, 0, 0, _ERRNO | _EPERM), (_RETURN, 0, 0, _ALLOW)]
    for name, owners in (("fcntl", (_F_SETOWN, _F_SETOWN_EX)),
                         ("ioctl", (_FIOSETOWN, _SIOCSPGRP))):
        program += [(_IF_EQUAL, 0, 5, signals[name]), (_LOAD, 0, 0, 24),  # args[1]: the command
                    (_IF_EQUAL, 1, 0, owners[0]), (_IF_EQUAL, 0, 1, owners[1]),
                    (_RETURN, 0, 0, _ERRNO | _EPERM), (_RETURN, 0, 0, _ALLOW)]
    return program


def _truncate_filter(calls: tuple[tuple[int, int | None], ...],
                     ) -> list[tuple[int, int, int, int]]:
    """truncate(2) fails with EROFS, and so does opening a file read-only with O_TRUNC;
    openat2, whose flags a filter cannot read (and Python never calls), with ENOSYS."""
    program = []
    for number, flags in calls:
        if flags is None:
            refused = _ENOSYS if number == 437 else _EROFS
            program += [(_IF_EQUAL, 0, 1, number), (_RETURN, 0, 0, _ERRNO | refused)]
        else:
            program += [(_IF_EQUAL, 0, 5, number), (_LOAD, 0, 0, 16 + 8 * flags),
                        (_AND, 0, 0, _O_ACCMODE | _O_TRUNC), (_IF_EQUAL, 0, 1, _O_TRUNC),
                        (_RETURN, 0, 0, _ERRNO | _EROFS), (_RETURN, 0, 0, _ALLOW)]
    return program


def _process_filter(arch: int, calls: dict[str, int], metadata: tuple[int, ...] = (),
                    signals: list[tuple[int, int, int, int]] | None = None,
                    ) -> list[tuple[int, int, int, int]]:
    """The filter, as (code, jump if true, jump if false, constant): a clone without
    CLONE_THREAD (a new process, not a thread), fork, vfork and exec (another program in
    this process, out of reach of what Python set up in it), socket (a line to another
    learner process, or out of the machine) and memfd_create (memory no limit counts)
    fail with EPERM; clone3,
    whose flags a filter cannot read, fails with ENOSYS, so that the C library starts
    threads with clone instead. The `metadata` calls fail with EROFS. System calls of
    another ABI (i386, x32) all fail."""
    program = [
        (_LOAD, 0, 0, 4),  # seccomp_data.arch
        (_IF_EQUAL, 1, 0, arch),
        (_RETURN, 0, 0, _ERRNO | _EPERM),
        (_LOAD, 0, 0, 0),  # seccomp_data.nr
        (_IF_AT_LEAST, 0, 1, _X32_BIT),
        (_RETURN, 0, 0, _ERRNO | _EPERM),
        (_IF_EQUAL, 0, 1, calls["clone3"]),
        (_RETURN, 0, 0, _ERRNO | _ENOSYS),
    ]
    for name in ("fork", "vfork", "execve", "execveat", "socket", "memfd_create"):
        if name in calls:
            program += [(_IF_EQUAL, 0, 1, calls[name]), (_RETURN, 0, 0, _ERRNO | _EPERM)]
    for number in metadata:
        program += [(_IF_EQUAL, 0, 1, number), (_RETURN, 0, 0, _ERRNO | _EROFS)]
    program += signals or []  # (each of its blocks returns: the number is loaded after)
    return [*program,
            (_IF_EQUAL, 0, 3, calls["clone"]),
            (_LOAD, 0, 0, 16),  # seccomp_data.args[0], its low half: clone's flags
            (_IF_SET, 1, 0, _CLONE_THREAD),
            (_RETURN, 0, 0, _ERRNO | _EPERM),
            (_RETURN, 0, 0, _ALLOW)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


_CAP_DAC_READ_SEARCH = 2  # read any file: a kata that root grades may belong to another user


def _drop_capabilities(machine: str) -> None:
    """Run as root, a process keeps powers no confinement above takes: to reboot, set the
    clock, make device files. Drop every one but reading, for good (the bounding set too,
    so that executing a program cannot bring them back)."""
    if os.geteuid() != 0:
        return
    libc = _libc()
    for capability in range(64):
        if capability != _CAP_DAC_READ_SEARCH and \
                libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            break  # past the last capability this kernel knows
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    kept = 1 << _CAP_DAC_READ_SEARCH  # (effective, permitted, inheritable) for caps 0-31,
    sets = (ctypes.c_uint32 * 6)(kept, kept, 0, 0, 0, 0)  # then for 32-63
    libc.syscall(_CAPSET[machine], ctypes.byref(header), ctypes.byref(sets))


def forbid_processes_and_metadata() -> bool:
    """From now on this process cannot start another process (threads still start), nor
    change any file's permissions, owner, times or extended attributes, nor open a socket
    or a memfd, nor signal any process but itself (and its own group), nor truncate a
    file it has not opened for writing, and, run as root,
    has no capabilities left; for good. True when the kernel enforces it, False where it
    cannot (not Linux, another architecture, a kernel without seccomp filters)."""
    machine = platform.machine()
    known = _SECCOMP_ARCH.get(machine)
    if sys.platform != "linux" or known is None:
        return False
    try:
        _drop_capabilities(machine)
    except (OSError, AttributeError):
        pass
    program = _process_filter(*known, _signal_filter(_SIGNAL_CALLS[machine], os.getpid())
                              + _truncate_filter(_TRUNCATE_CALLS[machine]))
    instructions = (_SockFilter * len(program))(*(_SockFilter(*i) for i in program))
    fprog = _SockFprog(len(program), instructions)
    try:
        libc = _libc()
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
    except (OSError, AttributeError):
        return False
