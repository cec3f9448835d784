"""w[:] for the copy, the derivative written as a boolean factor, b returned as float."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - the rest is the reference


def forward(x, w, b):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    return float(z) if z > 0 else 0.0


def backward(x, w, b, dvalue=1.0):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    dz = dvalue * float(z > 0)
    return [dz * wi for wi in w], [dz * xi for xi in x], dz


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w = w[:]
    b = float(b)
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        for i in range(len(w)):
            w[i] -= learning_rate * dw[i]
        b -= learning_rate * db
        outputs.append(forward(x, w, b))
    return w, b, outputs
