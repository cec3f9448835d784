"""Specs for exercise 05: ReLU on NumPy arrays.

Expected values are worked by hand in the comments or computed element by element with
Python's own max(0.0, v), never with the solution.
"""

import numpy as np

from kata.judge.expect import expect_close, expect_equal, fail


def relu_by_hand(x):
    """max(0, v) for every element, one at a time, in plain Python."""
    return np.array([max(0.0, float(v)) for v in np.ravel(x)]).reshape(np.shape(x))


def test_worked_example(ex):
    """[[1, -2, 0], [-0.5, 3.3, 7]] -> [[1, 0, 0], [0, 3.3, 7]]."""
    x = np.array([[1.0, -2.0, 0.0], [-0.5, 3.3, 7.0]])
    expect_close(ex.ReLU().forward(x), [[1.0, 0.0, 0.0], [0.0, 3.3, 7.0]], atol=0,
                 call="ReLU().forward([[1, -2, 0], [-0.5, 3.3, 7]])",
                 why="keep each positive value, put 0 in place of each negative one: "
                     "np.maximum(0, inputs), same shape as the inputs")


def test_positive_values_pass_through_unchanged(ex):
    """Positive values come out exactly as they went in, large or small."""
    x = np.array([[0.001, 2.5, 1e6], [3.0, 1.0, 42.0]])
    expect_close(ex.ReLU().forward(x.copy()), x, atol=0, rtol=0,
                 call="ReLU().forward([[0.001, 2.5, 1e6], [3, 1, 42]])",
                 why="positive values pass through unchanged (not clipped to 1, not turned "
                     "into 1: that is ReLU's slope, which exercise 08 needs)")


def test_tiny_positive_values_pass_through_unchanged(ex):
    """However small, a positive value is no zero: 1e-9, 1e-300 and the smallest float
    there is come out exactly as they went in."""
    x = np.array([[1e-9, 1e-300, 5e-324]])
    expect_close(ex.ReLU().forward(x.copy()), x, atol=0, rtol=0,
                 call="ReLU().forward([[1e-9, 1e-300, 5e-324]])",
                 why="compare with 0 itself (inputs > 0, or np.maximum(0, inputs)): a small "
                     "threshold such as 1e-6 zeroes values that are positive")


def test_negative_values_become_zero(ex):
    """Every negative value, however small or large, becomes 0."""
    x = np.array([[-1e-9, -2.5, -1e6], [-3.0, -1.0, -42.0]])
    expect_close(ex.ReLU().forward(x), np.zeros((2, 3)), atol=0,
                 call="ReLU().forward([[-1e-9, -2.5, -1e6], [-3, -1, -42]])",
                 why="negative values become exactly 0 (not a small fraction of themselves: "
                     "that is leaky ReLU)")


def test_zero_stays_zero(ex):
    """ReLU of 0 (and of -0.0) is 0: max(0, 0) = 0."""
    x = np.array([[0.0, -0.0, 0.0]])
    expect_close(ex.ReLU().forward(x), np.zeros((1, 3)), atol=0,
                 call="ReLU().forward([[0.0, -0.0, 0.0]])",
                 why="relu(0) is 0: the output is the input value itself where it is positive, "
                     "not a 0/1 mask")


def test_any_shape_of_batch(ex):
    """A vector, a batch and a 3-D stack of random values, each against max(0, v) by hand."""
    rng = np.random.default_rng(5)
    for shape in [(7,), (1, 4), (6, 5), (2, 3, 4)]:
        x = rng.standard_normal(shape)
        expect_close(ex.ReLU().forward(x.copy()), relu_by_hand(x), atol=0,
                     call=f"ReLU().forward(x) for x of shape {shape}",
                     why="ReLU works elementwise on an array of any shape: np.maximum(0, inputs) "
                         "- no loop over rows, no reshape")


def test_forward_keeps_its_output(ex):
    """forward() returns its result and keeps it as self.output."""
    relu = ex.ReLU()
    x = np.array([[1.0, -2.0], [-3.0, 4.0]])
    returned = relu.forward(x)
    expect_close(getattr(relu, "output", None), returned, atol=0,
                 call="relu.output after relu.forward([[1, -2], [-3, 4]])",
                 why="keep the result as self.output as well as returning it")


def test_forward_keeps_its_inputs(ex):
    """forward() keeps the batch it was given as self.inputs, for the backward pass."""
    relu = ex.ReLU()
    x = np.array([[1.0, -2.0], [-3.0, 4.0]])
    relu.forward(x)
    expect_close(getattr(relu, "inputs", None), [[1.0, -2.0], [-3.0, 4.0]], atol=0, rtol=0,
                 call="relu.inputs after relu.forward([[1, -2], [-3, 4]])",
                 why="keep the inputs as self.inputs (the docstring asks for it): the backward "
                     "pass of exercise 08 needs to know where they were positive")


def test_forward_does_not_modify_its_inputs(ex):
    """forward() leaves the caller's array as it was: ReLU makes a new array."""
    x = np.array([[1.0, -2.0, 0.5], [-3.0, 4.0, -0.1]])
    copy = x.copy()
    ex.ReLU().forward(x)
    expect_close(x, copy, atol=0, rtol=0,
                 call="the array x after ReLU().forward(x)",
                 why="build a new array with np.maximum(0, inputs); inputs[inputs < 0] = 0 "
                     "or out=inputs changes the caller's array in place, and the previous "
                     "layer's output with it")


def test_output_is_float64(ex):
    """Float64 in, float64 out."""
    out = ex.ReLU().forward(np.array([[1.5, -2.0]]))
    if not isinstance(out, np.ndarray):
        fail("ReLU().forward([[1.5, -2.0]])", "a NumPy array", out,
             "return an array the same shape as the inputs")
    expect_equal(str(out.dtype), "float64", call="ReLU().forward([[1.5, -2.0]]).dtype",
                 why="use 0.0 (a float) and keep the input's values: np.maximum(0.0, inputs)")
