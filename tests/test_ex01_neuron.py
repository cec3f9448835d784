"""Specs for exercise 01: neuron() and relu() in plain Python.

Expected values are worked by hand in the comments, or computed independently with
math.fsum; none is copied from the solution's output.
"""

import math
import random

from kata.judge.expect import described, expect_close, expect_equal, expect_float, expect_raises


def test_worked_example(ex):
    """The walk-through neuron: x=[1,-2,3], w=[-3,-1,2], b=1 gives z = -3 + 2 + 6 + 1 = 6."""
    got = ex.neuron([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)
    expect_close(got, 6.0, call="neuron([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)",
                 why="multiply each input by its own weight, add the products, then add the bias")


def test_three_inputs(ex):
    """1*0.2 + 2*0.8 + 3*(-0.5) + 2 = 2.3."""
    got = ex.neuron([1, 2, 3], [0.2, 0.8, -0.5], 2)
    expect_close(got, 2.3, call="neuron([1, 2, 3], [0.2, 0.8, -0.5], 2)",
                 why="each input pairs with the weight at the same position; "
                     "the bias is added once")


def test_four_inputs(ex):
    """1*0.2 + 2*0.8 + 3*(-0.5) + 2.5*1.0 + 2 = 4.8: every input counts, the last one too."""
    got = ex.neuron([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0], 2)
    expect_close(got, 4.8, call="neuron([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0], 2)",
                 why="every input counts - check that your loop reaches the last one")


def test_zero_weights_leave_only_the_bias(ex):
    """With every weight 0 the weighted sum is 0, so z is the bias itself."""
    got = ex.neuron([4.0, -7.0, 1.5], [0.0, 0.0, 0.0], 5.0)
    expect_close(got, 5.0, call="neuron([4.0, -7.0, 1.5], [0.0, 0.0, 0.0], 5.0)",
                 why="with all weights zero only the bias is left: add the bias exactly once")


def test_no_inputs_leave_only_the_bias(ex):
    """A neuron with no inputs outputs its bias (an empty sum is 0)."""
    expect_close(ex.neuron([], [], -1.5), -1.5, call="neuron([], [], -1.5)",
                 why="an empty sum is 0, so z is the bias")


def test_random_neurons_match_the_weighted_sum(ex):
    """Fifty random neurons (seeded) against math.fsum of the products, plus the bias."""
    rng = random.Random(2024)
    for _ in range(50):
        n = rng.randint(1, 8)
        x = [rng.uniform(-5, 5) for _ in range(n)]
        w = [rng.uniform(-1, 1) for _ in range(n)]
        b = rng.uniform(-2, 2)
        expected = math.fsum(xi * wi for xi, wi in zip(x, w)) + b
        call = described("neuron", x, w, b)  # before the call, which might change x or w
        expect_close(ex.neuron(x, w, b), expected, call=call, rtol=1e-9, atol=1e-9,
                     why="z = x[0]*w[0] + ... + x[n-1]*w[n-1] + b, negative too: the "
                         "neuron gives z itself, and relu is a separate function")


def test_inputs_are_not_modified(ex):
    """neuron() reads its lists and leaves them as they were."""
    x, w = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0]
    ex.neuron(x, w, 1.0)
    expect_equal((x, w), ([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0]),
                 call="the inputs and weights after neuron(x, w, 1.0)",
                 why="compute into a new variable; do not change the caller's lists")


def test_length_mismatch_raises_value_error(ex):
    """3 inputs and 2 weights, or 2 inputs and 3 weights: a mistake the caller must hear of."""
    for x, w in (([1.0, 2.0, 3.0], [0.5, 0.5]), ([1.0, 2.0], [0.5, 0.5, 0.5])):
        expect_raises(ValueError, ex.neuron, x, w, 0.0, call=described("neuron", x, w, 0.0),
                      why="zip() stops at the shorter list and silently drops the extra "
                          "ones: compare len(inputs) with len(weights) first (!=, so that "
                          "either list being longer is caught)")


def test_whole_numbers_still_give_a_float(ex):
    """neuron([1, 2], [3, 4], 5) is 1*3 + 2*4 + 5 = 16.0, a float even from ints."""
    got = ex.neuron([1, 2], [3, 4], 5)
    expect_close(got, 16.0, call="neuron([1, 2], [3, 4], 5)",
                 why="1*3 + 2*4 + 5 = 16")
    expect_float(got, call="neuron([1, 2], [3, 4], 5)",
                 why="neuron() -> float: start the sum from float(bias), or return float(z), "
                     "so whole-number inputs still give a float")


def test_relu_keeps_positive_values(ex):
    """relu(6.0) = 6.0, relu(0.25) = 0.25 and relu(1e-09) = 1e-09: however small, positive."""
    for z in (6.0, 0.25, 1e-9):
        expect_close(ex.relu(z), z, call=f"relu({z})", why="a positive z passes through "
                     "unchanged, however small: compare with 0 itself, not a small threshold")


def test_relu_zeroes_negative_values(ex):
    """relu(-2.5) = 0.0 and relu(-1e-9) = 0.0, the float 0.0."""
    for z in (-2.5, -1e-9):
        got = ex.relu(z)
        expect_close(got, 0.0, call=f"relu({z})",
                     why="ReLU gives 0 for every negative z: max(0, z)")
        expect_float(got, call=f"relu({z})",
                     why="relu() -> float: max(0, z) gives the int 0 for a negative z; "
                         "max(0.0, z) or `z if z > 0 else 0.0` gives the float 0.0")


def test_relu_of_zero_is_zero(ex):
    """relu(0.0) = 0.0, the float."""
    got = ex.relu(0.0)
    expect_close(got, 0.0, call="relu(0.0)", why="max(0, 0) is 0")
    expect_float(got, call="relu(0.0)", why="relu() -> float: 0.0, not the int 0")
