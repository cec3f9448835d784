"""The bias trick done on the caller's lists: inputs.append(1) and weights.append(bias)."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "caller's lists"


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    inputs.append(1.0)
    weights.append(bias)
    return float(sum(x * w for x, w in zip(inputs, weights)))
