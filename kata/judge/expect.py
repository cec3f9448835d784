"""Assertions whose failure messages teach: the call, what was expected, what came back,
and what that usually means.

    expect_close(got, 2.3, call="neuron([1, 2, 3], [0.2, 0.8, -0.5], 2)",
                 why="the bias is added once, after the weighted sum")
    -> AssertionError: neuron([1, 2, 3], [0.2, 0.8, -0.5], 2) should be 2.3, got 0.0.
                       Hint: the bias is added once, after the weighted sum.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def show(value: Any) -> str:
    """A short, readable rendering of a number, list or array for a failure message."""
    if hasattr(value, "shape") and hasattr(value, "dtype") and value.shape:
        import numpy as np

        text = np.array2string(value, precision=6, suppress_small=True, threshold=30,
                               separator=", ", max_line_width=88)
        return f"array of shape {value.shape}:\n        " + text.replace("\n", "\n        ")
    if isinstance(value, float):
        return f"{value:.10g}"
    return repr(value)


def fail(call: str, expected: str, got: Any, why: str = "") -> None:
    message = f"{call} should be {expected}, got {show(got)}."
    if why:
        message += f"\nHint: {why}"
    raise AssertionError(message)


def expect_equal(got: Any, expected: Any, *, call: str, why: str = "") -> None:
    if got != expected:
        fail(call, show(expected), got, why)


def expect_close(got: Any, expected: Any, *, call: str, why: str = "",
                 rtol: float = 1e-9, atol: float = 1e-12) -> None:
    """`got` equals `expected` within rtol/atol, with the same shape for arrays."""
    import numpy as np

    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        fail(call, show(expected), got, why or "a number (or an array of numbers)")
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape != expected_array.shape:
        fail(call, f"of shape {expected_array.shape}", got,
             why or "check which axis you sum over and whether you kept the batch dimension")
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=False):
        fail(call, show(expected), got, why)


def expect_raises(error: type[BaseException], function: Callable[..., Any], *args: Any,
                  call: str, why: str = "", mentions: tuple[str, ...] = ()) -> BaseException:
    """`function(*args)` raises `error`; its message mentions each string of `mentions`."""
    try:
        result = function(*args)
    except error as exc:
        text = str(exc)
        missing = [m for m in mentions if m not in text]
        if missing:
            raise AssertionError(
                f"{call} raised {error.__name__}({text!r}), but the message should name "
                f"{' and '.join(missing)} so the caller can see what was wrong.") from None
        return exc
    message = f"{call} should raise {error.__name__}, but it returned {show(result)}."
    if why:
        message += f"\nHint: {why}"
    raise AssertionError(message)


def expect_gradient(got: Any, numeric: Any, *, call: str, why: str = "",
                    tolerance: float = 1e-6) -> None:
    """`got` has the shape of `numeric`, a central-difference gradient (kata.gradcheck),
    and lies within `tolerance` relative error of it."""
    import numpy as np

    from kata.gradcheck import relative_error

    numeric = np.asarray(numeric, dtype=np.float64)
    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        fail(call, f"an array of shape {numeric.shape}", got, why)
    if got_array.shape != numeric.shape:
        fail(call, f"of shape {numeric.shape} (the shape of what it is the gradient of)",
             got, why)
    error = relative_error(got_array, numeric)
    if not error < tolerance:
        fail(call, f"the central-difference gradient {show(numeric)}\n(relative error "
                   f"{error:.2g}, needs < {tolerance:g})", got, why)
