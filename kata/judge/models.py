"""The judge's own forward pass of a model made of the kata's layers: never the learner's word.

A spec that asks learner code how well its network learnt - its history, its evaluate,
its predict - takes the learner's word for it, and a red team showed that word can be
made up (a history that looks like learning, an evaluate that reports what it likes, a
predict that looks the answers up). The judge instead reads the trained parameters (as
values, copied across the channel) and runs the network itself, here, in the judge's
own process. With x the output of the layer before (the data for the first layer):

    Dense      x @ weights + biases      weights (n_inputs, n_neurons), biases (1, n_neurons)
    ReLU       max(0, x)
    LeakyReLU  x where x > 0, else alpha * x        (the layer's own alpha)
    Sigmoid    1 / (1 + exp(-x))
    Tanh       tanh(x)
    Linear     x
    Softmax    exp(x - m) / sum(exp(x - m)) per row, m the row's largest value
    Dropout    x                          (not training: the inputs pass unchanged)

That is the forward pass with training=False, the one the contract gives predict and
evaluate (DESIGN.md, rows 04-16). A layer's kind is told by its class name
(kata.judge.channel.type_name: the name the learner's process gave when the handle was
made, no new question to it); the parameters are read once, when forward_here is
called, so a later change to the layers does not change what the function computes.

What this proves: the figures are those of the parameters the layers hold, whatever the
learner's code reports. What it cannot prove: that those parameters were learnt (weights
found elsewhere and copied in are judged like any others), nor anything about a layer
class of the learner's own, whose forward only the learner's code can run.

The learner's code is handed copies of the spec's arrays (`handed`): the channel mirrors
an in-place change of an argument back into the judge's array, also one the learner kept
and changes in a later call (tests/SPECS.md), so an array handed over must never serve
later as the data an expected value is worked out from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from kata.judge.channel import type_name
from kata.judge.expect import fail

Forward = Callable[[np.ndarray], np.ndarray]


def handed(*arrays: Any) -> tuple[np.ndarray, ...]:
    """Copies of the spec's arrays for the learner's code: whatever it does to them (now,
    or later to ones it kept) never reaches the arrays the spec judges with."""
    return tuple(np.array(a, copy=True) for a in arrays)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # exp(1000) is inf, and 1 / (1 + inf) the right 0
        return 1.0 / (1.0 + np.exp(-x))


# The layers of the kata (exercises 05-14) with no parameters, with training=False.
ACTIVATIONS: dict[str, Forward] = {
    "ReLU": lambda x: np.maximum(0.0, x), "Softmax": _softmax, "Sigmoid": _sigmoid,
    "Tanh": np.tanh, "Linear": lambda x: x, "Dropout": lambda x: x}


def _parameter(layer: Any, name: str, where: str, ndim: int = 2) -> np.ndarray:
    """layer.<name> as a float64 array of `ndim` dimensions, or a teaching failure."""
    value = getattr(layer, name)
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None or array.ndim != ndim:
        fail(f"{where}.{name}, read by the grader", f"an array of numbers of {ndim} "
             "dimensions", value, "a Dense layer keeps weights of shape (n_inputs, "
             "n_neurons) and biases of shape (1, n_neurons); training changes their values, "
             "never what they are")
    return array


def forward_here(layers: Iterable[Any]) -> Forward | None:
    """The forward pass (training=False) through `layers`, in order, as a function run in
    the judge from their parameters read now; None when a layer is of a kind it does not
    know (see the module's docstring for the math of each kind).

    layers: handles of the learner's layer objects. A spec that made the layers itself
            passes its own list of them (never the model's `layers`, which the learner's
            code keeps); a spec whose model the learner built passes `model.layers`.

    The function fails the spec, saying which layer, when the parameters do not chain
    (a weights array whose rows do not match the width of what reaches it).
    """
    steps: list[tuple[str, Forward]] = []
    for number, layer in enumerate(layers):
        kind = type_name(layer)  # the learner's class name
        where = f"layer {number} ({kind})"
        if kind == "Dense":
            weights = _parameter(layer, "weights", where)
            biases = _parameter(layer, "biases", where)
            steps.append((where, lambda x, w=weights, b=biases: x @ w + b))
        elif kind == "LeakyReLU":
            alpha = float(layer.alpha)
            steps.append((where, lambda x, a=alpha: np.where(x > 0, x, a * x)))
        elif kind in ACTIVATIONS:
            steps.append((where, ACTIVATIONS[kind]))
        else:
            return None

    def forward(X: np.ndarray) -> np.ndarray:
        output = np.asarray(X, dtype=np.float64)
        for where, step in steps:
            try:
                output = step(output)
            except ValueError as exc:  # shapes that do not chain
                fail(f"the grader's forward pass through {where}", "parameters whose "
                     "shapes chain from each layer to the next", str(exc),
                     "a Dense layer's weights have one row per input it receives and one "
                     "column per neuron; its biases, shape (1, n_neurons)")
        return output

    return forward
