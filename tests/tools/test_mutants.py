"""`nox -s mutants`: the slips it plants, where it plants them, and its list of equivalents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kata.authoring import mutants
from kata.manifest import KataError, load

ROOT = Path(__file__).resolve().parents[2]

SOURCE = '''"""A module."""
import numpy as np

SCALE = 2.0  # given code: never mutated


def mean_of(values):
    """The mean."""
    ### BEGIN SOLUTION
    total = np.sum(values, axis=0)
    return total / len(values)
    ### END SOLUTION
'''


def test_only_the_fenced_code_is_mutated_and_each_mutant_parses():
    found = mutants.mutants("ex99_mean", SOURCE)
    assert found and {m.line for m in found} <= {10, 11}
    for mutant in found:
        compile(mutant.source, "<mutant>", "exec")
        assert "SCALE = 2.0" in mutant.source  # the given code, unchanged
    keys = {m.key for m in found}
    assert "mean_of: `total / len(values)` -> `total`" in keys  # the missing 1/n
    assert "mean_of: `total / len(values)` -> `total * len(values)`" in keys
    assert "mean_of: `np.sum(values, axis=0)` -> `np.mean(values, axis=0)`" in keys
    assert "mean_of: `np.sum(values, axis=0)` -> `np.sum(values)`" in keys
    assert "mean_of: `total = np.sum(values, axis=0)` -> `(deleted)`" in keys


@pytest.fixture(scope="module")
def planted() -> dict[str, list[mutants.Mutant]]:
    return {ex.module: mutants.mutants(ex.module, (ROOT / ex.solution_path).read_text("utf-8"))
            for ex in load().exercises}


def test_every_solution_gives_mutants_and_keys_name_their_function(planted):
    for module, found in planted.items():
        assert found, module
        assert all(m.where != "<module>" for m in found), module


def test_every_listed_equivalent_is_a_mutant_the_tool_still_makes(planted):
    """A solution edited since leaves entries that name no mutant: `nox -s mutants` would
    call them out of date; this says so in seconds, without grading."""
    table = mutants.equivalent()
    assert table and set(table) <= set(planted)
    for module, entries in table.items():
        keys = {m.key for m in planted[module]}
        assert all(reason.strip() for reason in entries.values()), module
        assert not set(entries) - keys, (module, sorted(set(entries) - keys))


def test_a_broken_equivalents_file_is_one_sentence(tmp_path):
    path = tmp_path / "equivalent_mutants.toml"
    path.write_text("[ex01_neuron\n", encoding="utf-8")
    with pytest.raises(KataError, match="is not valid TOML"):
        mutants.equivalent(path)


@pytest.mark.parametrize("args", [["--bogus"], ["ex99"]])
def test_bad_arguments_are_one_sentence(args):
    done = subprocess.run([sys.executable, "-m", "kata", "mutants", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KATA_PYTHON": sys.executable})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") <= 2
