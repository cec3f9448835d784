"""Exercise 03 - backpropagation through one neuron, by the chain rule.

The neuron of exercise 01, written as a chain of small steps:

    p[i] = x[i] * w[i]          products             x = [1, -2, 3], w = [-3, -1, 2]
    z    = p[0] + p[1] + p[2] + b    sum plus bias   p = [-3, 2, 6], b = 1, z = 6
    out  = relu(z)              activation           out = 6

How much does the output move when one of x, w, b moves a little? Walk the chain
backwards. Each step knows only its own local derivative; the chain rule says the
derivative of the whole is the product of the local ones along the way:

    d out / d z    = relu'(z) = 1 if z > 0 else 0    (0 at z == 0 too, by convention)
    d z   / d p[i] = 1        (a sum passes its gradient to every term unchanged)
    d z   / d b    = 1
    d p[i] / d x[i] = w[i]    (a product sends each factor the other factor)
    d p[i] / d w[i] = x[i]

When this neuron sits inside a network, a gradient `dvalue` = d loss / d out arrives
from above, and every derivative is multiplied by it as well:

    dz    = dvalue * relu'(z)
    dx[i] = dz * 1 * w[i]        dw[i] = dz * 1 * x[i]        db = dz * 1

Worked example, dvalue = 1: z = 6 > 0, so dz = 1, dx = w = [-3, -1, 2],
dw = x = [1, -2, 3], db = 1. With dvalue = 2 everything doubles; when z <= 0 the ReLU
passes nothing back and all the gradients are 0.

Gradient descent turns gradients into learning: to make the output smaller, step each
parameter a little against its gradient, w[i] -= learning_rate * dw[i] and
b -= learning_rate * db. x is the data, not a parameter, so it stays as it is. With the
worked example and learning_rate = 0.001, one step moves z by
-0.001 * (1 + 4 + 9) (from w) - 0.001 * 1 (from b) = -0.015: the output goes
6.0, 5.985, 5.97, ...

Part 1 is bare metal: plain lists and the standard library only, no NumPy.
"""


# Given: relu() from exercise 01, already written.
from kata.given.ex01_neuron import relu


def forward(x: list[float], w: list[float], b: float) -> float:
    """The neuron's output relu(x . w + b).

    x, w:    n numbers each (inputs and weights)
    b:       one number (bias)
    returns: relu(x[0]*w[0] + ... + x[n-1]*w[n-1] + b)

    >>> forward([1, -2, 3], [-3, -1, 2], 1)  # z = -3 + 2 + 6 + 1 = 6
    6.0
    """
    ### BEGIN SOLUTION
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    return relu(z)
    ### END SOLUTION


def backward(x: list[float], w: list[float], b: float,
             dvalue: float = 1.0) -> tuple[list[float], list[float], float]:
    """The gradients (dx, dw, db) of the neuron's output, times the upstream `dvalue`.

    x, w:    n numbers each
    b:       one number
    dvalue:  d loss / d output, the gradient arriving from above (1.0 alone)
    returns: dx (n numbers, dx[i] = dz * w[i]), dw (n numbers, dw[i] = dz * x[i]),
             db (one number, = dz), where dz = dvalue * (1 if z > 0 else 0)

    >>> backward([1, -2, 3], [-3, -1, 2], 1)
    ([-3.0, -1.0, 2.0], [1.0, -2.0, 3.0], 1.0)
    >>> dx, dw, db = backward([1, -2, 3], [-3, -1, 2], -5)  # z = 0: nothing flows back
    >>> dx == [0, 0, 0] and dw == [0, 0, 0] and db == 0
    True
    """
    ### BEGIN SOLUTION
    z = sum(xi * wi for xi, wi in zip(x, w)) + b  # the forward pass again, up to z
    dz = dvalue * (1.0 if z > 0 else 0.0)  # the ReLU's slope, not its output
    dx = [dz * wi for wi in w]  # through the sum (x1) and the product (x the other factor)
    dw = [dz * xi for xi in x]
    db = dz  # through the sum, where b is just one more term
    return dx, dw, db
    ### END SOLUTION


def minimize(x: list[float], w: list[float], b: float, learning_rate: float = 0.001,
             steps: int = 200) -> tuple[list[float], float, list[float]]:
    """Gradient descent on w and b that drives the neuron's output down.

    Each step computes (dx, dw, db) = backward(x, w, b) and moves
    w[i] -> w[i] - learning_rate * dw[i] and b -> b - learning_rate * db; x stays fixed.

    returns: (w, b, outputs) - the final weights as a new list, the final bias, and the
             steps + 1 outputs: forward() before any step, then after each step

    >>> w, b, outputs = minimize([1, -2, 3], [-3, -1, 2], 1, steps=2)
    >>> [round(out, 6) for out in outputs]
    [6.0, 5.985, 5.97]
    """
    ### BEGIN SOLUTION
    w = list(w)  # a copy: the caller's weights stay as they were
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, float(b), outputs
    ### END SOLUTION
