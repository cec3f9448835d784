"""Evaluate example calls on one exercise module; print their results as a JSON list.

    python -m kata.aids.examples exercises/ex01_neuron.py ex01_neuron "relu(-2.0)" ...

Used by `nox -s solution` to run the learner's module and the reference side by side.
Runs in its own interpreter, because the learner's code may do anything.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from kata.learner.loader import load_exercise


def _show(value: Any) -> str:
    """Numbers to 10 significant digits, arrays to 6 decimals: two correct answers that
    add in another order (or on another Python) print the same."""
    if isinstance(value, float):  # NumPy's float64 is a float too
        return f"{float(value):.10g}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, float) for v in value):
        shown = ", ".join(f"{float(v):.10g}" for v in value)
        return f"[{shown}]" if isinstance(value, list) else f"({shown}{',' * (len(value) == 1)})"
    try:
        import numpy as np

        with np.printoptions(precision=6, suppress=True, threshold=40):
            return repr(value)
    except ImportError:  # pragma: no cover
        return repr(value)


def evaluate(path: str, module_name: str, examples: list[str]) -> list[str]:
    try:
        module = load_exercise(path, module_name)
    except Exception as exc:  # the learner's module does not even import
        return [f"{type(exc).__name__}: {exc}"] * len(examples)
    namespace = dict(vars(module))
    try:
        import numpy as np

        from kata.datasets import spiral_data

        namespace.setdefault("np", np)
        namespace.setdefault("spiral_data", spiral_data)
    except ImportError:
        pass
    results = []
    for example in examples:
        try:
            results.append(_show(eval(example, namespace)))  # noqa: S307 - the kata's own examples
        except BaseException as exc:  # noqa: BLE001 - report whatever the learner's code raised
            results.append(f"{type(exc).__name__}: {exc}")
    return results


if __name__ == "__main__":
    from kata.learner.confine import forbid_processes_and_metadata

    forbid_processes_and_metadata()  # the learner's code starts nothing that outlives this
    print(json.dumps(evaluate(sys.argv[1], sys.argv[2], sys.argv[3:])))
