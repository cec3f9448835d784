"""Assertions whose failure messages teach: the call, what was expected, what came back,
and what that usually means.

    expect_close(got, 2.3, call="neuron([1, 2, 3], [0.2, 0.8, -0.5], 2)",
                 why="the bias is added once, after the weighted sum")
    -> AssertionError: neuron([1, 2, 3], [0.2, 0.8, -0.5], 2) should be 2.3, got 0.3.
                       Hint: the bias is added once, after the weighted sum.

Plain lists (Part 1) are spoken of as lists and lengths, arrays by their shapes; long
values are abbreviated; a wrong value that stands in a known relation to the right one
(transposed, n times too large, ...) is named by `kata.judge.diagnose`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn

from kata.files import FileProblem, read_regular
from kata.judge.channel import Remote, type_name
from kata.judge.diagnose import diagnose

LONG = 12  # more numbers than this are abbreviated in a message
SAVED_LIMIT_MB = 64  # the most a spec reads of a file the learner's code saved
SHORT_MESSAGE = 300  # a learner's own exception message is cut after this many characters


def _is_array(value: Any) -> bool:
    # Never a learner's object behind a handle: it may claim any shape, dtype and tolist()
    # (a red team's showed the right answer as what its wrong one had returned).
    return not isinstance(value, Remote) and hasattr(value, "shape") and hasattr(value, "dtype")


def _number(value: Any, digits: int = 10) -> str:
    """A float to `digits` significant digits (every digit it has from 17 on), still
    recognisable as a float: 3.0, not 3."""
    if not isinstance(value, float):
        return repr(value)
    text = repr(value) if digits >= 17 else f"{value:.{digits}g}"
    return text + ".0" if text.lstrip("-").isdigit() else text


def _show_list(value: list | tuple, digits: int = 10) -> str:
    """`[6.0, 5.985, 5.97, ..., 3.0] (201 numbers)` for a long list; nested lists alike."""
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    items = [_show_list(v, digits) if isinstance(v, (list, tuple)) else _number(v, digits)
             for v in (value if len(value) <= LONG else [*value[:6], *value[-3:]])]
    if len(value) > LONG:
        items[6:6] = ["..."]
        nested = any(isinstance(v, (list, tuple)) for v in value)
        return (f"{opening}{', '.join(items)}{closing} "
                f"({len(value)} {'rows' if nested else 'entries'})")
    if len(value) == 1 and closing == ")":
        return f"({items[0]},)"
    return opening + ", ".join(items) + closing


def show(value: Any, digits: int = 10) -> str:
    """A short, readable rendering of a number, list or array for a failure message."""
    if _is_array(value) and value.shape:
        import numpy as np

        if value.size <= LONG:  # small enough for one line, which summaries keep whole
            return _show_list(value.tolist(), digits)
        text = np.array2string(value, precision=min(digits, 17), suppress_small=False,
                               threshold=30, separator=", ", max_line_width=88)
        return f"array of shape {value.shape}:\n        " + text.replace("\n", "\n        ")
    if isinstance(value, (list, tuple)):
        return _show_list(value, digits)
    if _is_array(value):  # a NumPy scalar or 0-d array
        return _number(float(value), digits) if value.dtype.kind == "f" else repr(value.item())
    text = _number(value, digits)
    return text if len(text) <= SHORT_MESSAGE else text[:SHORT_MESSAGE] + "..."


def size_of(value: Any) -> str:
    """`a list of 3 numbers`, `2 rows of 3 numbers`, or `an array of shape (2, 3)`."""
    if _is_array(value):
        return f"an array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        rows = [len(v) for v in value if isinstance(v, (list, tuple))]
        if value and len(rows) == len(value):
            lengths = sorted(set(rows))
            of = f"{lengths[0]} numbers" if len(lengths) == 1 else "different lengths"
            return f"{len(value)} rows of {of}"
        return f"a {kind} of {len(value)} numbers"
    return show(value)


def described(name: str, *args: Any, **kwargs: Any) -> str:
    """The call `name(args...)` as text, made BEFORE the call, so a learner who changes an
    argument in place is shown the call as it was made. Arrays are named by their shape.

    >>> described("neuron", [1.0, 2.0], [0.5, 0.5], 0.0)
    'neuron([1.0, 2.0], [0.5, 0.5], 0.0)'
    """
    def one(value: Any) -> str:
        if _is_array(value) and value.shape:
            return f"<array of shape {value.shape}>" if value.size > LONG else repr(
                value.tolist())
        return show(value)

    parts = [one(a) for a in args] + [f"{k}={one(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def fail(call: str, expected: str, got: Any, why: str = "", *, note: str = "") -> None:
    """Raise the teaching AssertionError: `call should be expected, got got.` + note + hint."""
    if isinstance(got, Remote) and got._kata_type == "ndarray":  # (see kata.wire.ARRAY_KINDS)
        unreadable = ("That is a NumPy array of Python objects (dtype=object) or of "
                      "records, not of numbers: something made it so, e.g. .astype(object), "
                      "np.array of a list that mixes arrays and numbers, or dtype=object.")
        note = f"{unreadable}\n{note}" if note else unreadable
    _raise(call, expected, show(got), why, note)


def _raise(call: str, expected: str, got: str, why: str, note: str) -> NoReturn:
    message = f"{call} should be {expected}, got {got}."
    if note:
        message += f"\n{note}"
    if why:
        message += f"\nHint: {why}"
    raise AssertionError(message)


def read_saved(path: Path, *, call: str, why: str = "") -> bytes:
    """The bytes of the file the learner's code saved at `path` (`call` says which save),
    read as a regular file of at most SAVED_LIMIT_MB: where learner code saves, it may
    leave a link to /dev/zero or a FIFO, which would flood or hang the judge. Anything
    else fails the spec, saying what was found. Files a spec makes for the learner's code
    to read go in the `judge_path` folder instead (tests/conftest.py), never in tmp_path."""
    try:
        return read_regular(path, SAVED_LIMIT_MB << 20)
    except FileProblem as problem:
        _raise(call, f"a file of at most {SAVED_LIMIT_MB} MB at {path.name}",
               f"a file that is {problem}", why or "save writes one file, at exactly the "
               "path it is given", "")


def expect_equal(got: Any, expected: Any, *, call: str, why: str = "") -> None:
    if got != expected:
        fail(call, show(expected), got, why)


def expect_float(got: Any, *, call: str, why: str = "") -> None:
    """`got` is a float (an int that happens to have the right value is not)."""
    if not isinstance(got, float):
        fail(call, "a float", got, why or "return a float: float(...) of the result; an "
             f"int like {show(got)} is what Python gives when every number was whole",
             note=f"It is {'a' if type(got).__name__[0] not in 'aeiou' else 'an'} "
                  f"{type(got).__name__}.")


def expect_dtype(got: Any, dtype: str, *, call: str, why: str = "") -> None:
    """`got` is an array of this dtype (e.g. 'float64')."""
    kind = str(got.dtype) if _is_array(got) else type_name(got)
    if kind != dtype:
        fail(f"the dtype of {call}", dtype, kind, why)


def _largest_difference(got: Any, expected: Any, digits: int, rtol: float = 0.0,
                        atol: float = 0.0) -> str:
    """The entry furthest outside the tolerance, which is the largest difference unless
    the tolerance is relative: then 1e-17 off 1e-12 counts for more than 1e-16 off 1."""
    import numpy as np

    difference = np.abs(got - expected)
    allowed = atol + rtol * np.abs(expected)
    excess = difference / np.maximum(allowed, np.finfo(np.float64).tiny)  # nan stays nan
    where = np.unravel_index(int(np.argmax(excess)), got.shape)
    at = f" at {list(map(int, where))}" if got.ndim else ""
    largest = "Largest difference" if not difference[where] < np.nanmax(difference) else \
        "The entry furthest outside the tolerance, a difference of"
    return (f"{largest} {float(difference[where]):.3g}{at}: "
            f"{_number(float(got[where]), digits)} instead of "
            f"{_number(float(expected[where]), digits)}.")


def _real_numbers(got: Any, call: str, expected: str, why: str) -> Any:
    """`got` as a float64 array, or a failure when it is not real numbers: NumPy would
    read the text "1.0" as 1.0 and drop the imaginary part of 1+2j (with only a warning)."""
    import numpy as np

    try:
        raw = np.asarray(got)
        items = raw.ravel().tolist() if raw.dtype.kind == "O" else [raw.flat[0]] * bool(raw.size)
        kinds = {raw.dtype.kind} | {"c" if isinstance(x, complex) else "U"
                                    for x in items if isinstance(x, (str, bytes, complex))}
        if kinds & set("USc"):
            what = "complex numbers" if "c" in kinds else "text"
            fail(call, expected, got, why or "real numbers (float64)",
                 note=f"It holds {what}, not real numbers.")
        return np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        fail(call, expected, got, why or "a number (or an array of numbers)")


def expect_close(got: Any, expected: Any, *, call: str, why: str = "",
                 rtol: float = 1e-9, atol: float = 1e-12,
                 factors: Mapping[float, str] | None = None,
                 offsets: Mapping[str, Any] | None = None, inputs: Any = None) -> None:
    """`got` equals `expected` within rtol/atol, with the same shape (or length) too.

    factors, offsets, inputs: what `kata.judge.diagnose` may name in the message.
    """
    import numpy as np

    got_array = _real_numbers(got, call, show(expected), why)
    expected_array = np.asarray(expected, dtype=np.float64)
    hints = {"factors": factors, "offsets": offsets, "inputs": inputs}
    if got_array.shape != expected_array.shape:
        note = diagnose(got, expected, **hints)
        if _is_array(got) or not isinstance(got, (list, tuple)):
            wanted = f"of shape {expected_array.shape}" if expected_array.shape else "one number"
            default = "check which axis you sum over and whether you kept the batch dimension"
        else:
            wanted = size_of(expected if isinstance(expected, (list, tuple))
                             else expected_array.tolist())
            default = "check how many entries you return: one per input, neuron or sample"
        fail(call, wanted, got, why or default,
             note=f"It is {size_of(got)}" + (f"; {_sentence(note)}" if note else "."))
    if np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=False):
        return
    if _is_array(got) and not _is_array(expected):  # arrays are compared as arrays
        expected = expected_array
    digits = 10 if show(got) != show(expected) else 17  # differs below the shown precision
    notes = []
    if got_array.size > 1 or digits == 17:
        with np.errstate(all="ignore"):
            notes.append(_largest_difference(got_array, expected_array, digits, rtol, atol))
    relation = diagnose(got, expected, **hints)
    if relation:
        notes.append(f"That is: {_sentence(relation)}")
    _raise(call, show(expected, digits), show(got, digits), why, "\n".join(notes))


def returns(function: Callable[..., Any], *args: Any, call: str, why: str = "",
            **kwargs: Any) -> Any:
    """`function(*args, **kwargs)`, or a teaching failure naming the call when it raises."""
    try:
        return function(*args, **kwargs)
    except NotImplementedError:
        raise  # the stub, not yet written: the grader says so
    except Exception as exc:  # noqa: BLE001 - the learner's exception is the failure to explain
        message = f"{call} raised {type(exc).__name__}({_short(str(exc))!r})."
        if why:
            message += f"\nHint: {why}"
        raise AssertionError(message) from None


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
                f"{call} raised {error.__name__}({_short(text)!r}), but the message should "
                f"name {' and '.join(missing)} so the caller can see what was wrong.") from None
        return exc
    except NotImplementedError:
        raise  # the stub, not yet written: the grader says so
    except Exception as exc:  # noqa: BLE001 - any other exception is the mistake to report
        message = (f"{call} should raise {error.__name__}, but raised "
                   f"{type(exc).__name__}({_short(str(exc))!r}).")
        if isinstance(exc, AssertionError):
            message += (f"\nHint: an assert is for your own checks; a caller's mistake is "
                        f"reported with raise {error.__name__}(...).")
        elif why:
            message += f"\nHint: {why}"
        raise AssertionError(message) from None
    message = f"{call} should raise {error.__name__}, but it returned {show(result)}."
    if why:
        message += f"\nHint: {why}"
    raise AssertionError(message)


def _sentence(text: str) -> str:
    return text if text.endswith(("?", ".", "!")) else text + "."


def _short(text: str) -> str:
    text = text.split("\nassert ")[0]  # what pytest adds to a bare assert, not the learner
    return text if len(text) <= SHORT_MESSAGE else text[:SHORT_MESSAGE] + "..."


def expect_gradient(got: Any, numeric: Any, *, call: str, why: str = "",
                    tolerance: float = 1e-6) -> None:
    """`got` has the shape of `numeric`, a central-difference gradient (kata.gradcheck),
    and lies within `tolerance` relative error of it."""
    import numpy as np

    from kata.gradcheck import relative_error

    numeric = np.asarray(numeric, dtype=np.float64)
    got_array = _real_numbers(got, call, f"an array of shape {numeric.shape}", why)
    if got_array.shape != numeric.shape:
        fail(call, f"of shape {numeric.shape} (the shape of what it is the gradient of)",
             got, why)
    error = relative_error(got_array, numeric)
    if not error < tolerance:
        fail(call, f"the central-difference gradient {show(numeric)}\n(relative error "
                   f"{error:.2g}, needs < {tolerance:g})", got, why)
