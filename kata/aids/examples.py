"""Evaluate example calls on one exercise module; print their results as a JSON list.

    python -m kata.aids.examples exercises/ex01_neuron.py ex01_neuron "relu(-2.0)" ...

Used by `nox -s solution` to run the learner's module and the reference side by side.
Runs in its own interpreter, because the learner's code may do anything. Each result comes
back twice: as printed (rounded, so two correct answers that add in another order print
alike) and exactly (`exact`: every number at full precision, with its type, dtype and
shape), so `differences` can say whether, where and by how much two results differ even
when they print alike. `differences` runs in the judging interpreter, without NumPy.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from typing import Any

from kata.learner.loader import load_exercise

EXACT_NUMBERS = 100_000  # more numbers than this in one result are compared by a digest
EXACT_DEPTH = 20  # deeper nesting than this is compared by a digest of its repr
EXACT_REPR = 4000  # a longer repr is compared by its digest


def _float(value: float) -> str:
    """A float to 10 significant digits, and always as a float: 6.0 is `6.0`, never `6`,
    which is how the integer 6 prints (a spec that wants a float flags the integer).

    >>> [_float(v) for v in (6.0, -0.0, 0.1 + 0.2, 1e20, 1.5e-9, float("inf"))]
    ['6.0', '-0.0', '0.3', '1e+20', '1.5e-09', 'inf']
    """
    shown = f"{float(value):.10g}"
    return f"{shown}.0" if shown.lstrip("-").isdigit() else shown


def _show(value: Any) -> str:
    """Numbers to 10 significant digits, arrays to 6 decimals: two correct answers that
    add in another order (or on another Python) print the same. A float prints as a
    float (`0.0`, not `0`), so an integer where a float belongs shows."""
    if isinstance(value, float):  # NumPy's float64 is a float too
        return _float(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, float) for v in value):
        shown = ", ".join(_float(v) for v in value)
        return f"[{shown}]" if isinstance(value, list) else f"({shown}{',' * (len(value) == 1)})"
    try:
        import numpy as np

        with np.printoptions(precision=6, suppress=True, threshold=40):
            return repr(value)
    except ImportError:  # pragma: no cover
        return repr(value)


def _type_name(value: Any) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _digest(data: bytes) -> str:
    import hashlib

    return "sha256:" + hashlib.sha256(data).hexdigest()


def _leaves(value: Any, at: str, out: list[dict], budget: list[int], depth: int = 0) -> None:
    """`value` as flat JSON-able leaves, each with `at` (where it sits: "", "[1]", "['loss']")
    and its `type`; numbers (`flat`) at full precision, arrays with `dtype` and `shape`."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - the examples run where NumPy is
        np = None
    if np is not None and isinstance(value, np.ndarray):
        leaf = {"at": at, "type": _type_name(value), "dtype": str(value.dtype),
                "shape": list(value.shape)}
        if value.dtype.kind in "biuf" and value.size <= budget[0]:
            budget[0] -= value.size
            leaf["flat"] = value.ravel().tolist()
        else:
            leaf["digest"] = _digest(value.tobytes() if value.dtype.kind != "O" else
                                     repr(value.tolist()).encode("utf-8", "backslashreplace"))
        out.append(leaf)
    elif (isinstance(value, float) or (isinstance(value, int) and value.bit_length() <= 1000)
          or (np is not None and isinstance(value, np.generic) and value.dtype.kind in "biuf")):
        number = value.item() if np is not None and isinstance(value, np.generic) else value
        budget[0] -= 1
        out.append({"at": at, "type": _type_name(value), "flat": [number]})
    elif isinstance(value, (list, tuple, dict)) and (depth >= EXACT_DEPTH
                                                     or len(value) > budget[0]):
        text = repr(value)  # too deep or too long to take apart
        out.append({"at": at, "type": _type_name(value), "len": len(value),
                    "digest": _digest(text.encode("utf-8", "backslashreplace"))})
    elif isinstance(value, (list, tuple)):
        out.append({"at": at, "type": _type_name(value), "len": len(value)})
        for i, item in enumerate(value):
            _leaves(item, f"{at}[{i}]", out, budget, depth + 1)
    elif isinstance(value, dict):
        keys = [repr(key) for key in value]
        out.append({"at": at, "type": _type_name(value), "keys": keys})
        for key, item in zip(keys, value.values()):
            _leaves(item, f"{at}[{key}]", out, budget, depth + 1)
    else:
        text = repr(value)
        out.append({"at": at, "type": _type_name(value), "repr": text if len(text) <= EXACT_REPR
                    else _digest(text.encode("utf-8", "backslashreplace"))})


def exact(value: Any) -> list[dict] | None:
    """`value` exactly, as JSON-able leaves (see `_leaves`): equal for two results exactly
    when the results are equal, with the same types, dtypes and shapes. None when the value
    cannot be taken apart (a learner's object whose repr raises, say)."""
    leaves: list[dict] = []
    try:
        _leaves(value, "", leaves, [EXACT_NUMBERS])
        json.dumps(leaves)
    except Exception:  # noqa: BLE001 - a learner's object may raise anything
        return None
    return leaves


@dataclass(frozen=True)
class Outcome:
    """One example's result: as printed, and exactly (None: only the printed form is known)."""
    shown: str
    exact: list[dict] | None = None


def _outcomes(path: str, module_name: str, examples: list[str]) -> list[Outcome]:
    try:
        module = load_exercise(path, module_name)
    except Exception as exc:  # the learner's module does not even import
        return [Outcome(f"{type(exc).__name__}: {exc}")] * len(examples)
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
            value = eval(example, namespace)  # noqa: S307 - the kata's own examples
            results.append(Outcome(_show(value), exact(value)))
        except BaseException as exc:  # noqa: BLE001 - report whatever the learner's code raised
            results.append(Outcome(f"{type(exc).__name__}: {exc}"))
    return results


def evaluate(path: str, module_name: str, examples: list[str]) -> list[str]:
    """Each example's result on the module at `path`, as `nox -s solution` prints it."""
    return [outcome.shown for outcome in _outcomes(path, module_name, examples)]


def evaluate_exactly(path: str, module_name: str, examples: list[str]) -> list[dict]:
    """Each example's result as printed (`shown`) and exactly (`exact`), as JSON-able dicts."""
    return [{"shown": o.shown, "exact": o.exact} for o in _outcomes(path, module_name, examples)]


# ---------------------------------------------------------------- comparing, without NumPy

def _place(at: str, index: int, shape: list[int] | None) -> str:
    """Where a number sits: the leaf's place and, in an array, its index ("[1][0, 2]")."""
    if not shape:
        return at
    where = []
    for size in reversed(shape):
        index, rest = divmod(index, size) if size else (index, 0)
        where.append(rest)
    return f"{at}[{', '.join(map(str, reversed(where)))}]"


def _what(leaf: dict) -> str:
    if "dtype" in leaf:
        return f"an array of {leaf['dtype']} of shape {tuple(leaf.get('shape', ()))}"
    article = "an" if leaf["type"][:1].lower() in tuple("aeiou") else "a"
    if "len" in leaf:
        return f"{article} {leaf['type']} of {leaf['len']}"
    return f"{article} {leaf['type']}"


def checked(leaves: object) -> list[dict] | None:
    """`leaves` if they are built as `exact` builds them, else None: they come from the
    process that ran the learner's code, which may print anything."""
    if not isinstance(leaves, list):
        return None
    kinds = {"at": str, "type": str, "dtype": str, "repr": str, "digest": str, "len": int,
             "shape": list, "keys": list, "flat": list}
    for leaf in leaves:
        if not isinstance(leaf, dict) or not {"at", "type"} <= leaf.keys() <= kinds.keys() \
                or not all(isinstance(value, kinds[key]) for key, value in leaf.items()):
            return None
        if not all(isinstance(n, int) and n >= 0 for n in leaf.get("shape", [])) \
                or not all(isinstance(key, str) for key in leaf.get("keys", [])) \
                or not all(isinstance(v, (int, float)) for v in leaf.get("flat", [])):
            return None
    return leaves


def _same_number(a: float, b: float) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and a != a and b != b)


def _gap(a: float, b: float) -> float:
    """|a - b| as a float: inf for inf - inf, a NaN against a number, or too large a gap."""
    try:
        gap = float(abs(a - b))
    except OverflowError:  # integers beyond any float
        return math.inf
    return gap if gap == gap else math.inf


def _rounding(a: float, b: float, gap: float) -> bool:
    """Whether `gap` is as small as the rounding of a float64 computed in another order."""
    try:
        return 0 < gap < math.inf and gap <= 1e-12 * max(abs(float(a)), abs(float(b)))
    except OverflowError:
        return False


def differences(mine: list[dict] | None, reference: list[dict] | None) -> list[str] | None:
    """How two exact results (see `exact`) differ, in sentences: [] when they are equal,
    None when either is unknown (it raised, or did not finish). Numbers are compared one by
    one: how many differ, and the largest difference with both values at full precision."""
    if mine is None or reference is None:
        return None
    if mine == reference:
        return []
    notes: list[str] = []
    numbers = differing = 0
    largest: tuple[float, str, object, object] | None = None
    for a, b in zip(mine, reference):
        if a == b:
            numbers += len(a.get("flat", ()))
            continue
        place = f" at {a['at']}" if a["at"] else ""
        if a["type"] != b["type"]:
            notes.append(f"Yours{place} is {_what(a)}, the reference's {_what(b)}.")
        else:  # the same kind of thing: say only what differs
            if a.get("dtype") != b.get("dtype"):
                notes.append(f"Yours{place} holds {a['dtype']}, the reference's {b['dtype']}.")
            if a.get("shape") != b.get("shape"):
                notes.append(f"Yours{place} has shape {tuple(a['shape'])}, the reference's "
                             f"{tuple(b['shape'])}.")
            if a.get("len") != b.get("len"):
                notes.append(f"Yours{place} has {a['len']} items, the reference's {b['len']}.")
        if a.get("keys") != b.get("keys"):
            notes.append(f"Yours{place} has the keys {', '.join(a.get('keys') or ['none'])}; "
                         f"the reference's {', '.join(b.get('keys') or ['none'])}.")
        if a["at"] != b["at"] or a.get("len") != b.get("len") or a.get("keys") != b.get("keys"):
            break  # built differently from here on: nothing further lines up
        x_flat, y_flat = a.get("flat"), b.get("flat")
        if x_flat is not None and y_flat is not None and len(x_flat) == len(y_flat):
            numbers += len(x_flat)
            for i, (x, y) in enumerate(zip(x_flat, y_flat)):
                if _same_number(x, y):
                    continue
                differing += 1
                gap = _gap(x, y)
                if largest is None or gap > largest[0]:
                    largest = (gap, _place(a["at"], i, a.get("shape")), x, y)
        elif (a.get("repr"), a.get("digest")) != (b.get("repr"), b.get("digest")):
            notes.append(f"Yours{place} is not equal to the reference's.")
    if largest is not None:
        gap, where, x, y = largest
        at = f" at {where}" if where else ""
        count = (f"{differing} of {numbers} numbers differ; the largest difference is"
                 if numbers > 1 else "The difference is")
        note = f"{count} {gap:.3g}{at}: yours {x!r}, the reference {y!r}"
        if _rounding(x, y, gap):
            note += (" (a difference this small is floating-point rounding, e.g. from "
                     "computing in another order)")
        notes.append(note + ".")
    return notes or ["They are not equal, though they look alike."]


if __name__ == "__main__":
    from kata.learner.confine import forbid_processes_and_metadata

    forbid_processes_and_metadata()  # the learner's code starts nothing that outlives this
    print(json.dumps(evaluate_exactly(sys.argv[1], sys.argv[2], sys.argv[3:])))
