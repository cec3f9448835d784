"""Generate the learner's stubs from the reference solutions.

A solution marks what the learner writes with nbgrader-style fences:

    def relu(z: float) -> float:
        \"\"\"...\"\"\"
        ### BEGIN SOLUTION
        return z if z > 0 else 0.0
        ### END SOLUTION

The stub is the solution with every fenced region replaced by one
`raise NotImplementedError(...)` at the fence's indentation; everything else (imports,
docstrings, given code) is copied as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from kata.manifest import ROOT, KataError, Manifest

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_DEF = re.compile(r"^(\s*)(?:async\s+)?(def|class)\s+(\w+)")


def make_stub(source: str, filename: str = "<solution>") -> str:
    """The stub for one solution module's source text."""
    out: list[str] = []
    scopes: list[tuple[int, str]] = []  # (indent, name) of the enclosing defs and classes
    fence_line = 0
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if fence_line:
            if stripped == END:
                fence_line = 0
            elif stripped == BEGIN:
                raise KataError(f"{filename}:{number}: a fence opens inside another one.")
            continue
        if stripped == END:
            raise KataError(f"{filename}:{number}: {END} without a {BEGIN} before it.")
        if stripped == BEGIN:
            while scopes and scopes[-1][0] >= indent:
                scopes.pop()
            if not scopes:
                raise KataError(f"{filename}:{number}: a fence must sit inside a function.")
            name = ".".join(scope for _, scope in scopes)
            message = f"{name}() is not written yet: replace this line with your code"
            out.append(f"{' ' * indent}raise NotImplementedError({message!r})\n")
            fence_line = number
            continue
        match = _DEF.match(line)
        if match:
            while scopes and scopes[-1][0] >= indent:
                scopes.pop()
            scopes.append((indent, match.group(3)))
        out.append(line)
    if fence_line:
        raise KataError(f"{filename}:{fence_line}: {BEGIN} is never closed.")
    return "".join(out)


def generated_stubs(manifest: Manifest, root: Path = ROOT) -> dict[str, str]:
    """{"exercises/ex01_neuron.py": stub text, ...} for every exercise that has a solution.

    An exercise without one is skipped here; `nox -s verify` reports it as missing.
    """
    stubs = {}
    for ex in manifest.exercises:
        path = root / ex.solution_path
        if path.is_file():
            stubs[ex.stub_path] = make_stub(path.read_text(encoding="utf-8"), ex.solution_path)
    return stubs


def stale_stubs(manifest: Manifest, root: Path = ROOT) -> list[str]:
    """The committed stubs that differ from what the generator makes of their solutions."""
    stale = []
    for rel, text in generated_stubs(manifest, root).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    return stale


def pristine_stub(manifest: Manifest, module: str, root: Path = ROOT) -> str | None:
    """The pristine stub of one exercise, from its solution; None when there is no solution."""
    ex = manifest.find(module)
    path = root / ex.solution_path
    if not path.is_file():
        return None
    return make_stub(path.read_text(encoding="utf-8"), ex.solution_path)
