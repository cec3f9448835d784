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

import json
import subprocess

from kata.integrity import HANDOUT_RECORD, HANDOUT_REF, git, handout_record
from kata.manifest import ROOT, KataError, Manifest, Parser

KEPT = ("exercises/", ".kata/")  # the learner's work and local state


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return git(ROOT, *args, check=check)


def _version() -> str:
    record = handout_record(ROOT) or {}
    return f"version {record.get('version', '?')}"


def _keep(new: str) -> None:
    """Remember the version taken (HANDOUT_REF): the learner's report measures their edits
    against it, and git keeps its commit while the learner's history does not hold it."""
    _git("update-ref", HANDOUT_REF, new, check=False)


def _changed_outside_exercises() -> set[str]:
    status = _git("status", "--porcelain", "-z").stdout.split("\0")
    return {entry[3:] for entry in status if len(entry) > 3 and not entry[3:].startswith(KEPT)}


def _check_fetched(new: str, manifest: Manifest) -> None:
    """Only a hand-out of this same kata may be taken: never the instructor's own tree (its
    solutions/ would be staged here) nor an unrelated repository."""
    shown = _git("show", f"{new}:{HANDOUT_RECORD}", check=False)
    try:
        record = json.loads(shown.stdout) if not shown.returncode else None
    except ValueError:
        record = None
    if not isinstance(record, dict):
        why = f"it has no readable {HANDOUT_RECORD}"
    elif record.get("kata") != manifest.name:
        why = f"it is a hand-out of another kata ({str(record.get('kata'))[:40]!r})"
    elif _git("ls-tree", "--name-only", new, "--", "solutions", check=False).stdout.strip():
        why = "it holds solutions/ (the instructor's own copy)"
    else:
        return
    raise KataError(f"That source is not a hand-out of this kata ({why}), so nothing was "
                    "changed: use the address your instructor gives for the hand-out.")


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s update --", description="Get the newest version of this "
                    "hand-out; your exercises/ files are never touched.")
    parser.add_argument("source", nargs="?", default="origin",
                        help="where to fetch it from: a git remote or address (default origin)")
    source = parser.parse_args(argv).source
    if not source.strip():  # `nox -s update -- "$URL"` with URL unset: not origin, not git's
        raise KataError(f"No address to update from was given ({source!r}): leave it out to "
                        "use origin, or give the one your instructor shows.")
    if source.startswith("-"):
        raise KataError(f"{source!r} is not a git remote or address (it starts with '-', so "
                        "git would read it as an option): nothing was fetched.")
    if not (ROOT / ".git").exists() or handout_record(ROOT) is None:
        raise KataError(f"This copy is not a hand-out repository (no .git or {HANDOUT_RECORD}),"
                        " so there is nothing to update from: ask your instructor.")
    before = _version()
    remotes = _git("remote").stdout.split()
    if source == "origin" and source not in remotes:
        raise KataError("This copy has no `origin` to fetch the update from: give its "
                        "address, `nox -s update -- URL` (ask your instructor for it).")
    _git("fetch", "-q", "--", source, "HEAD")  # "--": never an option, whatever it says
    new = _git("rev-parse", "FETCH_HEAD").stdout.strip()
    _check_fetched(new, manifest)
    if not _git("merge-base", "--is-ancestor", new, "HEAD", check=False).returncode:
        print(f"Already up to date ({before}).")
        return 0
    if not _git("merge-base", "--is-ancestor", "HEAD", new, check=False).returncode \
            and not _git("merge", "--ff-only", "-q", new, check=False).returncode:
        _keep(new)
        print(f"Updated from {before} to {_version()}; your exercises/ files are as they were.")
        return 0
    wanted = [rel for rel in _git("ls-tree", "-r", "--name-only", "-z", new).stdout.split("\0")
              if rel and (not rel.startswith("exercises/") or not (ROOT / rel).exists())]
    # Taken before, over the learner's own commits: the files are here (staged, or committed
    # by the learner), though that version's commit is not in their history.
    staged = _git("diff", "--cached", "--name-only", "-z", new, "--", *wanted).stdout
    if not staged.strip("\0"):
        _keep(new)
        print(f"Already up to date ({before}).")
        return 0
    differs = set(_git("diff", "--name-only", "-z", new, "--", *wanted).stdout.split("\0"))
    mine = sorted(_changed_outside_exercises() & differs)
    if mine:
        raise KataError(f"You changed {', '.join(mine)}, which the update replaces: save a copy "
                        "elsewhere and `git checkout -- <file>` each one, then update again.")
    _git("checkout", new, "--", *wanted)
    _keep(new)
    print(f"Updated from {before} to {_version()} (staged: commit it with your next commit); "
          "your exercises/ files are as they were.")
    return 0
