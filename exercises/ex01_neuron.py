"""Exercise 01 - a single neuron, in plain Python.

A neuron takes a list of inputs, multiplies each by a weight of its own, adds the
products up and adds a bias. That number, z, says how strongly the neuron responds:

    z = x[0]*w[0] + x[1]*w[1] + ... + x[n-1]*w[n-1] + b

Most neurons then pass z through an activation function. The simplest useful one is
ReLU, the rectified linear unit: keep z when it is positive, give 0 otherwise.

    relu(z) = max(0, z)

Worked example (it comes back in exercise 03):
    x = [1, -2, 3], w = [-3, -1, 2], b = 1
    products x[i]*w[i] = -3, 2, 6;  sum = 5;  z = 5 + 1 = 6;  relu(6) = 6

Part 1 is bare metal: plain lists and the standard library only, no NumPy.
"""


def neuron(inputs: list[float], weights: list[float], bias: float) -> float:
    """The weighted sum of `inputs` plus `bias`, as a float.

    inputs:  n numbers (x)
    weights: n numbers (w), one per input
    bias:    one number (b)
    returns: sum(x[i] * w[i]) + b

    >>> round(neuron([1, 2, 3], [0.2, 0.8, -0.5], 2), 6)  # 0.2 + 1.6 - 1.5 + 2
    2.3

    Raises ValueError when inputs and weights have different lengths: `zip` would
    quietly drop the extra ones, and the neuron would compute the wrong thing silently.
    """
    raise NotImplementedError('neuron() is not written yet: replace this line with your code')


def relu(z: float) -> float:
    """The rectified linear unit: `z` when it is positive, 0.0 otherwise.

    >>> relu(6.0), relu(-2.5), relu(0.0)
    (6.0, 0.0, 0.0)
    """
    raise NotImplementedError('relu() is not written yet: replace this line with your code')
