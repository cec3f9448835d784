"""backward() multiplies only db by dvalue; dx and dw ignore the upstream gradient."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right

EXPECT = "dvalue"


def backward(x, w, b, dvalue=1.0):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    slope = 1.0 if z > 0 else 0.0
    return [slope * wi for wi in w], [slope * xi for xi in x], dvalue * slope
