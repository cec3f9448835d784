"""Which files make up the kata a learner receives, and which of them decide a grade.

A report records the sha256 digests of the grading files, computed over exactly the files
a hand-out ships (CRLF read as LF), so an untouched hand-out and the instructor's tree give
the same digests. The grader stamps reports with them; the workshop tools compare them.

Beside each raw digest goes the digest of the file's tokens without its comments
(`tokens`), so a comment-only change is told apart from an edit, and, in a hand-out, a
bounded unified diff of each changed file against the hand-out's own commit (`edits`).
A spec file that no exercise uses (a learner's scratch test) is never run by the grader,
so it is not a grading file.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path, PurePosixPath

from kata.files import read_json_state, write_atomic
from kata.manifest import ROOT, KataError

# What a hand-out takes from the instructor's tree: these top-level names, nothing else
# (no reports, class lists or notes that happen to sit beside the kata).
SHIPPED_TOP = ("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "noxfile.py",
               "pyproject.toml", ".gitignore", "conftest.py", "pytest.ini", "tox.ini",
               "setup.cfg", "kata", "tests")
# ...minus these: they need solutions/ (or are solutions, in the wrong and right answers').
LEFT_OUT = ("tests/wrong_answers", "tests/right_answers", "tests/tools",
            "tests/equivalent_mutants.toml",  # quotes solution code, mutated
            "kata/authoring/verify.py",
            "kata/authoring/bench.py",
            "kata/authoring/mutants.py")
CACHES = ("__pycache__", "*.pyc", "*_cache", ".nox", ".kata", ".git", ".DS_Store",
          "*.egg-info", ".venv")
# The files that decide a grade. Paths are relative, `*` stays within one folder.
GRADING_FILES = ("noxfile.py", "pyproject.toml", "conftest.py", "pytest.ini", "tox.ini",
                 "setup.cfg", "tests/*.py", "kata/*.py", "kata/*/*.py",
                 # compiled modules, which Python prefers to a .py beside them
                 *(f"{folder}/*.{kind}" for folder in ("tests", "kata", "kata/*")
                   for kind in ("so", "pyd", "pyc")))
# What a hand-out records about itself at build time: its version, kind and the digests
# of its grading files as built (the template's digests, which Classroom checks against).
HANDOUT_RECORD = ".kata-handout.json"
HANDOUT_EMAIL = "handout@kata.invalid"  # the author of every hand-out version's commit
MAX_EDIT_CHARS = 8000  # an edit's diff is cut after this much...
MAX_EDITS = 20  # ...and at most this many files carry one
TOKEN_CACHE = ".kata/token-digests.json"
EXERCISE_TOKEN_CACHE = ".kata/exercise-token-digests.json"  # of graded exercise files


def _cache(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in CACHES)


def shipped_files(root: Path = ROOT) -> list[str]:
    """Relative paths of the files a hand-out copies from `root` (not exercises/)."""
    found = []
    for top in SHIPPED_TOP:
        path = root / top
        if path.is_file():
            found.append(top)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                rel = Path(folder).relative_to(root).as_posix()
                dirs[:] = sorted(d for d in dirs
                                 if not _cache(d) and f"{rel}/{d}" not in LEFT_OUT)
                found += [f"{rel}/{f}" for f in sorted(files)
                          if not _cache(f) and f"{rel}/{f}" not in LEFT_OUT]
    return found


def _matches(rel: str, pattern: str) -> bool:
    parts, wanted = PurePosixPath(rel).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


def _spec_modules(root: Path) -> set[str] | None:
    """The manifest's exercise modules, or None when the manifest cannot be read."""
    try:
        from kata.manifest import load

        return {ex.module for ex in load(root).exercises}
    except (KataError, KeyError, TypeError, ValueError):
        return None


def _never_run(rel: str, modules: set[str] | None) -> bool:
    """A tests/test_*.py that no exercise uses: the grader runs only the manifest's specs."""
    match = re.fullmatch(r"tests/test_(\w+)\.py", rel)
    return bool(match) and modules is not None and match.group(1) not in modules


# Modules plain pytest (the Classroom path) imports: a file beside the kata or the specs
# named like one (json.py, numpy/, a sourceless pytest_timeout.pyc) would stand in for it,
# since pytest puts both folders on sys.path. Such a file is a grading file wherever it is.
JUDGE_MODULES = frozenset(getattr(sys, "stdlib_module_names", ())) | {
    "numpy", "pytest", "_pytest", "pluggy", "pytest_timeout", "iniconfig", "packaging",
    "tomli", "exceptiongroup", "py", "colorama", "sitecustomize", "usercustomize", "kata"}
IMPORTABLE = (".py", ".pyc", ".pyd", ".so", ".pth")


def _shadowing(root: Path) -> set[str]:
    """Files beside the kata or its specs that would be imported in place of a module plain
    pytest needs (kata's own package excepted), and .pth files, which run at start-up."""
    found = set()
    for folder in (root, root / "tests"):
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                name, rel = entry.name, entry.relative_to(root).as_posix()
                module = name.split(".")[0]
                if entry.is_dir():
                    init = entry / "__init__.py"
                    if module in JUDGE_MODULES and init.is_file() and rel != "kata":
                        found.add(f"{rel}/__init__.py")
                elif name.endswith(IMPORTABLE) and (module in JUDGE_MODULES or
                                                    name.endswith(".pth")):
                    found.add(rel)
    return found


def grading_files(root: Path = ROOT) -> list[str]:
    """The files that decide grading, among those that ship (learner-added ones included),
    and any file that would stand in for a module pytest imports (see JUDGE_MODULES)."""
    found = _shadowing(root)
    modules = _spec_modules(root)
    for pattern in GRADING_FILES:
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            if (path.is_file() and rel not in LEFT_OUT and _matches(rel, pattern)
                    and not _never_run(rel, modules)):
                found.add(rel)
    return sorted(found)


def raw_digest(data: bytes) -> str:
    """sha256 of a file's bytes with CRLF read as LF, so a Windows checkout digests the same."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def file_digest(path: Path) -> str:
    return raw_digest(path.read_bytes())


def combined_digest(files: dict[str, str]) -> str:
    """One sha256 over the per-file digests, as `sha256sum` would list them."""
    listing = "".join(f"{digest}  {rel}\n" for rel, digest in sorted(files.items()))
    return hashlib.sha256(listing.encode()).hexdigest()


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n")


def token_digest(rel: str, data: bytes) -> str:
    """sha256 of what the file says without its comments: a comment-only change keeps it.

    Python files: the token stream without comments, blank lines and indentation widths
    (python's tokenize). Other files: the lines that are not blank or `#` comments, stripped.
    A Python file that does not tokenize is digested as text, the same way.
    """
    text = _text(data)
    if rel.endswith(".py"):
        skip = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING}
        shape = {tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE, tokenize.ENDMARKER}
        try:
            tokens = [f"{tok.type}" if tok.type in shape else f"{tok.type}:{tok.string}"
                      for tok in tokenize.generate_tokens(io.StringIO(text).readline)
                      if tok.type not in skip]
            return hashlib.sha256("\n".join(tokens).encode()).hexdigest()
        except Exception:  # noqa: BLE001 - on a NUL byte, 3.12's tokenizer raises SystemError
            pass
    lines = [line.strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not line.startswith("#")]
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()


def token_digests(raw: dict[str, bytes], files: dict[str, str] | None = None, *,
                  root: Path = ROOT, cache: str = TOKEN_CACHE) -> dict[str, str]:
    """token_digest of each file in `raw` (path: bytes), remembered in root's `cache` by
    raw digest (`files`, path: raw_digest, when known): tokenizing costs milliseconds a
    file, and files seldom change between runs. Each cache keeps only this call's files."""
    files = files if files is not None else {rel: raw_digest(data) for rel, data in raw.items()}
    cache_path = root / cache
    cache = read_json_state(cache_path)  # a FIFO or /dev/zero there counts as no cache
    cache = cache if isinstance(cache, dict) else {}
    tokens, fresh = {}, {}
    for rel, data in raw.items():
        key = f"{rel}:{files[rel]}"
        found = cache.get(key)
        tokens[rel] = found if isinstance(found, str) else token_digest(rel, data)
        fresh[key] = tokens[rel]
    if fresh != cache:
        try:
            cache_path.parent.mkdir(exist_ok=True)
            write_atomic(cache_path, json.dumps(fresh))
        except OSError:
            pass  # only a cache
    return tokens


def digests(root: Path = ROOT) -> dict:
    """{"algorithm", "combined", "files": {path: sha256}, "tokens": {path: sha256},
    "edits": {path: bounded unified diff}} over the grading files; the diffs are of each
    changed file against the hand-out's own last version (none outside a hand-out)."""
    raw = {rel: (root / rel).read_bytes() for rel in grading_files(root)}
    files = {rel: raw_digest(data) for rel, data in raw.items()}
    tokens = (token_digests(raw, files) if root == ROOT else
              {rel: token_digest(rel, data) for rel, data in raw.items()})
    record = {"algorithm": "sha256", "combined": combined_digest(files), "files": files,
              "tokens": tokens, "edits": edits_against_handout(root, raw)}
    return record


# ---------------------------------------------------------------------------- hand-outs

def git(folder: Path, *args: str, check: bool = False, config: tuple[str, ...] = (),
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `folder` (with `-c` options `config`), without the caller's GIT_*
    variables, so a hook's GIT_DIR cannot point it at another repository. A git that cannot
    run is a KataError; with `check`, so is one that fails (its last line saying why)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"  # a private remote fails in a sentence, never asks
    options = [part for option in config for part in ("-c", option)]
    try:
        done = subprocess.run(["git", *options, *args], cwd=folder, capture_output=True,
                              text=True, errors="replace", timeout=timeout, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise KataError(f"git could not run in {folder} ({exc}).") from None
    if check and done.returncode:
        lines = done.stderr.strip().splitlines() or ["no message"]
        reason = next((line for line in lines if line.startswith(("fatal:", "error:"))),
                      lines[-1])
        raise KataError(f"`git {' '.join(args)}` failed in {folder}: {reason}")
    return done


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when it fails or cannot run: a report is written regardless."""
    try:
        done = git(root, *args, timeout=10)
    except KataError:
        return None
    return done.stdout if done.returncode == 0 else None


HANDOUT_REF = "refs/kata/handout"  # the version `nox -s update` took, kept reachable
MAX_VERSIONS = 20  # hand-out versions looked through for the one this copy has


def handout_commit(root: Path = ROOT) -> str | None:
    """The commit of the hand-out version `root` has, if it is a hand-out: the one whose
    record is the record in `root`, else the newest in its history. An update taken over a
    learner's own commits is not in their history (its files were checked out, and
    committed by the learner); `nox -s update` keeps it as HANDOUT_REF, looked at too, so
    the instructor's changes between versions are never taken for the learner's edits."""
    if not (root / HANDOUT_RECORD).is_file() or not (root / ".git").exists():
        return None
    found = _git(root, "log", f"-{MAX_VERSIONS}", "--format=%H", f"--author={HANDOUT_EMAIL}",
                 "HEAD", "--glob=refs/kata/*", "--")
    commits = found.split() if found is not None else []
    try:
        mine = _text((root / HANDOUT_RECORD).read_bytes()).strip()
    except OSError:
        mine = None
    for commit in commits if mine is not None else []:
        theirs = _git(root, "show", f"{commit}:{HANDOUT_RECORD}")
        if theirs is not None and theirs.replace("\r\n", "\n").strip() == mine:
            return commit
    return commits[0] if commits else None


def unified_diff(rel: str, before: str, after: str) -> str:
    """A unified diff that applies exactly (every line ends in a newline; a last line without
    one is marked as `diff` marks it), cut with a note after MAX_EDIT_CHARS."""
    out = []
    for line in difflib.unified_diff(before.splitlines(keepends=True),
                                     after.splitlines(keepends=True), f"a/{rel}", f"b/{rel}",
                                     n=2):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    diff = "".join(out)
    if len(diff) > MAX_EDIT_CHARS:
        diff = diff[:MAX_EDIT_CHARS].rsplit("\n", 1)[0] + "\n... (cut: the diff is longer)\n"
    return diff


def edits_against_handout(root: Path, raw: dict[str, bytes]) -> dict[str, str]:
    """{path: unified diff} of each grading file that differs from the hand-out's last
    version (an added one diffs against nothing), comment-only changes included: a reader
    that applies a diff to its own copy and gets the learner's digest can then see for itself
    that only comments changed. At most MAX_EDITS files, the real edits first."""
    commit = handout_commit(root)
    listed = _git(root, "ls-tree", "-r", "--name-only", commit) if commit else None
    if listed is None:
        return {}
    pristine_names = set(listed.splitlines())
    changed = _git(root, "diff", "--name-only", commit, "--", *raw) or ""
    suspects = sorted(set(changed.splitlines()) & set(raw) | (set(raw) - pristine_names))
    diffs: list[tuple[bool, str, str]] = []
    for rel in suspects:
        before = (_git(root, "show", f"{commit}:{rel}") or "") if rel in pristine_names else ""
        comments_only = rel in pristine_names and \
            token_digest(rel, before.encode()) == token_digest(rel, raw[rel])
        diffs.append((comments_only, rel, unified_diff(rel, before, _text(raw[rel]))))
    diffs.sort(key=lambda item: item[0])  # real edits first (False sorts first)
    found = {rel: diff for _, rel, diff in diffs[:MAX_EDITS]}
    if len(diffs) > MAX_EDITS:
        found["..."] = f"and {len(diffs) - MAX_EDITS} more changed file(s)"
    return found


def handout_record(root: Path = ROOT) -> dict | None:
    """What the hand-out in `root` recorded about itself when it was built, or None."""
    data = read_json_state(root / HANDOUT_RECORD)
    return data if isinstance(data, dict) else None


def check_against_record(root: Path = ROOT) -> list[str]:
    """One sentence per grading file that differs, in more than comments, from the
    template's digests recorded in the hand-out (missing, added or edited), and per module
    added beside the kata (it would shadow the standard library)."""
    record = handout_record(root)
    wanted = (record or {}).get("digests", {})
    if not isinstance(wanted, dict) or not isinstance(wanted.get("tokens"), dict):
        return [f"{HANDOUT_RECORD} is missing or has no digests: this is not a hand-out."]
    now = digests(root)["tokens"]
    problems = []
    for rel in sorted(set(wanted["tokens"]) | set(now)):
        if rel not in now:
            problems.append(f"{rel} is missing.")
        elif rel not in wanted["tokens"]:
            problems.append(f"{rel} was added, and grading would run it.")
        elif now[rel] != wanted["tokens"][rel]:
            problems.append(f"{rel} was edited.")
    # `python -m` puts this folder first on sys.path: a module here would shadow the
    # standard library or numpy for the grader itself.
    for path in sorted(root.iterdir()):
        module = path.name if path.suffix == ".py" and path.is_file() else (
            f"{path.name}/" if (path / "__init__.py").is_file() and path.name != "kata" else "")
        if module and module not in wanted["tokens"]:
            problems.append(f"{module} was added, and Python would import it before the "
                            "standard library.")
    return problems


def main(argv: list[str]) -> int:
    """`python -m kata.integrity --check`: exit 1, naming each edited grading file, unless
    the grading files are the ones the hand-out was built with (comments aside)."""
    if argv != ["--check"]:
        print("usage: python -m kata.integrity --check", file=sys.stderr)
        return 2
    problems = check_against_record(ROOT)
    for problem in problems:
        print(problem)
    if problems:
        print("The grading files differ from the template's, so this copy is not graded.")
        return 1
    print(f"The grading files are the template's ({len(digests(ROOT)['files'])} checked).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
