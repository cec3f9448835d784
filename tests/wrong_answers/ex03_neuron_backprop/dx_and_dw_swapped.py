"""dx and dw swapped: each input gets its own value back instead of its weight."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right

EXPECT = "own weight"  # a failure message must say this


def backward(x, w, b, dvalue=1.0):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    dz = dvalue * (1.0 if z > 0 else 0.0)
    return [dz * xi for xi in x], [dz * wi for wi in w], dz
