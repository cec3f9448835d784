"""Check a backward pass against the definition of a derivative: gradient checking.

A backward pass computes d(loss)/d(x) by the chain rule. Whether it got the chain rule
right can be tested without any calculus: nudge one entry of x a little each way and
see how the loss moves. The central difference

    df/dx[i]  ~  (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

has an error of order eps**2 (the even terms of the Taylor series cancel), so with
eps = 1e-6 in float64 it agrees with the true derivative to about 1e-9 relative,
limited by round-off in f, not by the formula.

To check a layer's backward, make its output a scalar with a fixed random "upstream
gradient" G: f(x) = sum(layer.forward(x) * G). Then df/dx is exactly what
layer.backward(G) must return as dinputs.

    >>> import numpy as np
    >>> x = np.array([1.0, -2.0, 3.0])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), x).round(6)   # d(sum x^2) = 2x
    array([ 2., -4.,  6.])
    >>> relative_error(np.array([2.0, -4.0]), np.array([2.0, -4.0 + 1e-9])) < 1e-6
    True

Usable from your own code too: `from kata.gradcheck import numerical_gradient, relative_error`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray,
                       eps: float = 1e-6) -> np.ndarray:
    """The central-difference gradient of the scalar function `f` at `x`.

    f:       takes an array shaped like x, returns one number
    x:       a float64 array of any shape; each entry is nudged by +-eps in turn, in
             place, and put back, so x holds its original values again afterwards
    eps:     the nudge; 1e-6 balances the formula's eps**2 error against round-off
    returns: an array shaped like x, entry i = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

    >>> numerical_gradient(lambda v: float(v[0] * v[1]), np.array([3.0, 5.0])).round(6)
    array([5., 3.])

    Raises TypeError when x is not a float64 array: nudging an int array by 1e-6 would
    silently change nothing.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"numerical_gradient needs a float64 NumPy array, got "
                        f"{type(x).__name__} {getattr(x, 'dtype', '')}".rstrip())
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = float(f(x))
        x[index] = original - eps
        f_minus = float(f(x))
        x[index] = original  # put it back exactly: the caller's array is unchanged
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """How far apart two gradients are, relative to their size: 0 when equal.

        relative_error(a, b) = ||a - b|| / (||a|| + ||b||)      (Euclidean norms)

    It is at most 1, scale-free (a gradient of size 1e-5 and one of size 1e5 are judged
    alike), and 0 when both are zero. Below 1e-6 means a float64 backward pass agrees
    with the central difference; around 1e-2 or more means a real mistake.

    >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    >>> round(relative_error(np.array([1.0, 0.0]), np.array([0.0, 1.0])), 6)  # sqrt(2) / 2
    0.707107
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs two arrays of one shape, got {a.shape} "
                         f"and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if scale == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)
