"""Say how a wrong value stands to the right one, when the relation is a telling one.

A learner's wrong answer is rarely random: it is the right one transposed, with the sign
flipped, n times too large, off by the bias, normalised along the other axis. Naming
that relation points at the mistake far better than two dumps of numbers:

>>> diagnose([[4.0, 8.0]], [[1.0, 2.0]], factors={4: "the batch size: is the 1/n missing?"})
'exactly 4 times too large - 4 is the batch size: is the 1/n missing?'
>>> diagnose([[1.0, 3.0], [2.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]])
'it is the transpose of the right answer: rows and columns swapped'
>>> diagnose([0.5, -1.0], [0.5, 1.0], inputs=[3.0, 0.0])
'it differs only where the input is exactly 0: check > against >='
>>> diagnose([1.0, 2.0], [5.0, -7.0])
''
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _close(a: np.ndarray, b: Any) -> bool:
    try:
        return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))
    except ValueError:  # shapes that do not broadcast
        return False


def _as_floats(value: Any) -> np.ndarray | None:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return array if np.all(np.isfinite(array)) else None


def _factor(k: float, factors: Mapping[float, str], size: int) -> str:
    """'exactly 4 times too large - ...' for k = 4, 'exactly 4 times too small' for k = 1/4."""
    for n, meaning in factors.items():
        if np.isclose(k, n, rtol=1e-9):
            return f"exactly {n:g} times too large - {n:g} is {meaning}"
        if np.isclose(k, 1 / n, rtol=1e-9):
            return f"exactly {n:g} times too small - {n:g} is {meaning}"
    if k > 1 and np.isclose(k, round(k), rtol=1e-9):
        return f"exactly {round(k)} times too large"
    if 0 < k < 1 and np.isclose(1 / k, round(1 / k), rtol=1e-9):
        return f"exactly {round(1 / k)} times too small"
    # One number is always some multiple of another: say so only when several agree.
    return f"every value is {k:.6g} times the right one" if size > 1 else ""


def _shape_relation(got: np.ndarray, expected: np.ndarray) -> str:
    if got.ndim == 2 and got.shape == expected.T.shape and _close(got, expected.T):
        return "it is the transpose of the right answer: rows and columns swapped"
    if got.ndim == expected.ndim == 1 and abs(got.size - expected.size) == 1:
        short, long_ = (got, expected) if got.size < expected.size else (expected, got)
        what = "missing" if got.size < expected.size else "one too many"
        if _close(short, long_[1:]):
            return f"the first entry is {what}: an off-by-one at the start?"
        if _close(short, long_[:-1]):
            return f"the last entry is {what}: an off-by-one at the end?"
    if got.size == expected.size and _close(got.ravel(), expected.ravel()):
        return (f"the right numbers in the wrong shape {got.shape} instead of "
                f"{expected.shape}: a missing keepdims=True, or a reshape?")
    return ""


def _where_it_differs(got: np.ndarray, expected: np.ndarray, inputs: Any) -> str:
    wrong = ~np.isclose(got, expected, rtol=RTOL, atol=ATOL)
    if inputs is not None:
        inputs = _as_floats(inputs)
        if inputs is not None and inputs.shape == got.shape and np.all(inputs[wrong] == 0):
            return "it differs only where the input is exactly 0: check > against >="
    if got.ndim == 1 and got.size > 2 and wrong.sum() == 1:
        if wrong[0]:
            return "only the first entry is wrong: does a loop skip it (off by one)?"
        if wrong[-1]:
            return "only the last entry is wrong: does a loop stop one short (off by one)?"
    if got.ndim == 2 and got.shape[0] > 1 and np.sum(wrong.any(axis=1)) == 1:
        row = int(np.flatnonzero(wrong.any(axis=1))[0])
        return f"only row {row} is wrong, the others are right"
    if got.ndim == 2 and got.shape[1] > 1 and np.sum(wrong.any(axis=0)) == 1:
        column = int(np.flatnonzero(wrong.any(axis=0))[0])
        return f"only column {column} is wrong, the others are right"
    return ""


def diagnose(got: Any, expected: Any, *, factors: Mapping[float, str] | None = None,
             offsets: Mapping[str, Any] | None = None, inputs: Any = None) -> str:
    """One phrase naming how `got` relates to `expected`, or "" when no relation is seen.

    factors: {n: "what n is"}: a value exactly n times (or 1/n times) the right one is
             named with it, e.g. {4: "the batch size: is the 1/n missing?"}
    offsets: {"the bias": b}: a value off by exactly b (either way) is named with it
    inputs:  the inputs, when a mistake at inputs of exactly 0 is plausible (ReLU)
    """
    got_array, expected_array = _as_floats(got), _as_floats(expected)
    if got_array is None or expected_array is None:
        return ""
    if got_array.shape != expected_array.shape:
        return _shape_relation(got_array, expected_array)
    if _close(got_array, expected_array):
        return ""
    if (np.allclose(got_array, expected_array, rtol=1e-6, atol=0)
            and np.array_equal(got_array, got_array.astype(np.float32))):
        return ("right to about 7 significant digits only: float32 somewhere? "
                "(float64 throughout)")
    nonzero = np.abs(expected_array) > ATOL
    if nonzero.any() and _close(got_array, -expected_array):
        return "the sign is flipped: every value is the negative of the right one"
    if got_array.ndim == 2 and _close(got_array, expected_array.T):
        return "it is the transpose of the right answer: rows and columns swapped"
    if nonzero.any() and _close(got_array[~nonzero], 0):
        ratios = got_array[nonzero] / expected_array[nonzero]
        k = float(ratios[0])
        if k != 0 and _close(ratios, k):
            found = _factor(k, factors or {}, int(nonzero.sum()))
            if found:
                return found
    difference = got_array - expected_array
    for name, offset in (offsets or {}).items():
        if _close(difference, offset):
            return f"off by exactly {name}: is it added twice?"
        if _close(difference, -np.asarray(offset, dtype=np.float64)):
            return f"off by exactly {name}: is it missing?"
    if got_array.ndim == 2 and got_array.shape[0] > 1 and got_array.shape[1] > 1:
        rows_sum_to_one = _close(expected_array.sum(axis=1), 1.0)
        if rows_sum_to_one and _close(got_array.sum(axis=0), 1.0):
            return ("its columns sum to 1 instead of its rows: normalise each sample's "
                    "row (axis=1, keepdims=True), not each column (axis=0)")
    if got_array.ndim == 1 and got_array.size > 1 and _close(got_array, expected_array[::-1]):
        return "the right numbers in reverse order"
    if (np.all(got_array == np.round(got_array)) and
            (np.array_equal(got_array, np.trunc(expected_array)) or
             np.array_equal(got_array, np.floor(expected_array)))):
        return "the right values cut to whole numbers: an integer dtype (int) somewhere?"
    if got_array.size > 1 and difference.size and _close(difference, difference.flat[0]):
        return f"every value is off by the same {difference.flat[0]:.6g}"
    return _where_it_differs(got_array, expected_array, inputs)
