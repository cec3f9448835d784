"""The ReLU's derivative taken as 1 at z == 0 (z >= 0 instead of z > 0)."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import forward

EXPECT = "z == 0"  # a failure message must say this


def backward(x, w, b, dvalue=1.0):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    dz = dvalue * (1.0 if z >= 0 else 0.0)
    return [dz * wi for wi in w], [dz * xi for xi in x], dz


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w = list(w)
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, b, outputs
