"""`nox -s update`: a learner gets the instructor's fix mid-workshop; exercises/ is untouched.

The hand-out is a git repository, and `nox -s handout -- DIR --update` adds each new version
as a commit on top of the last. Here the learner's copy fetches the newest one (from
`origin`, or the address given) and takes it:
  - when the learner has committed nothing of their own, by fast-forwarding (their
    uncommitted exercise files stay as they are: an update never changes an exercises/
    file that the learner already has);
  - otherwise, by checking out every file of the new version except exercises/ (new
    exercises' stubs are added), left staged for the learner's next commit.
A file outside exercises/ that the learner changed and the update would replace is never
overwritten silently: the update stops and names it.
"""

from __future__ import annotations

import subprocess

from kata.integrity import HANDOUT_RECORD, git, handout_record
from kata.manifest import ROOT, KataError, Manifest, Parser

KEPT = ("exercises/", ".kata/")  # the learner's work and local state


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return git(ROOT, *args, check=check)


def _version() -> str:
    record = handout_record(ROOT) or {}
    return f"version {record.get('version', '?')}"


def _changed_outside_exercises() -> set[str]:
    status = _git("status", "--porcelain", "-z").stdout.split("\0")
    return {entry[3:] for entry in status if len(entry) > 3 and not entry[3:].startswith(KEPT)}


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s update --", description="Get the newest version of this "
                    "hand-out; your exercises/ files are never touched.")
    parser.add_argument("source", nargs="?", default="origin",
                        help="where to fetch it from: a git remote or address (default origin)")
    source = parser.parse_args(argv).source
    if not (ROOT / ".git").exists() or handout_record(ROOT) is None:
        raise KataError(f"This copy is not a hand-out repository (no .git or {HANDOUT_RECORD}),"
                        " so there is nothing to update from: ask your instructor.")
    before = _version()
    remotes = _git("remote").stdout.split()
    if source == "origin" and source not in remotes:
        raise KataError("This copy has no `origin` to fetch the update from: give its "
                        "address, `nox -s update -- URL` (ask your instructor for it).")
    _git("fetch", "-q", source, "HEAD")
    new = _git("rev-parse", "FETCH_HEAD").stdout.strip()
    if not _git("merge-base", "--is-ancestor", new, "HEAD", check=False).returncode:
        print(f"Already up to date ({before}).")
        return 0
    if not _git("merge-base", "--is-ancestor", "HEAD", new, check=False).returncode \
            and not _git("merge", "--ff-only", "-q", new, check=False).returncode:
        print(f"Updated from {before} to {_version()}; your exercises/ files are as they were.")
        return 0
    wanted = [rel for rel in _git("ls-tree", "-r", "--name-only", "-z", new).stdout.split("\0")
              if rel and (not rel.startswith("exercises/") or not (ROOT / rel).exists())]
    differs = set(_git("diff", "--name-only", "-z", new, "--", *wanted).stdout.split("\0"))
    mine = sorted(_changed_outside_exercises() & differs)
    if mine:
        raise KataError(f"You changed {', '.join(mine)}, which the update replaces: save a copy "
                        "elsewhere and `git checkout -- <file>` each one, then update again.")
    _git("checkout", new, "--", *wanted)
    print(f"Updated from {before} to {_version()} (staged: commit it with your next commit); "
          "your exercises/ files are as they were.")
    return 0
