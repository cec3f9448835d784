"""Specs for exercise 04: the Dense layer on NumPy.

Expected outputs are worked by hand in the comments (the bridge from exercise 02) or
computed independently with math.fsum over explicit loops, never with the solution.
Randomness only through np.random.default_rng(seed).
"""

import math

import numpy as np

from kata.datasets import spiral_data
from kata.judge.expect import expect_close, expect_dtype, expect_equal, fail

# Exercise 02's layer, one row per neuron (Part 1 layout).
PART1_WEIGHTS = [[0.2, 0.8, -0.5, 1.0],
                 [0.5, -0.91, 0.26, -0.5],
                 [-0.26, -0.27, 0.17, 0.87]]
PART1_BIASES = [2.0, 3.0, 0.5]
# The same weights in NumPy's (n_inputs, n_neurons) layout: the transpose, one column per
# neuron: [[0.2, 0.5, -0.26], [0.8, -0.91, -0.27], [-0.5, 0.26, 0.17], [1.0, -0.5, 0.87]]
NUMPY_WEIGHTS = np.array(PART1_WEIGHTS).T


def layer_with(ex, weights, biases):
    """A Dense layer whose parameters are set by hand."""
    weights = np.array(weights, dtype=np.float64)
    layer = ex.Dense(weights.shape[0], weights.shape[1], rng=np.random.default_rng(0))
    layer.weights = weights
    layer.biases = np.array(biases, dtype=np.float64).reshape(1, -1)
    return layer


def check_weight_shape(layer, n_inputs, n_neurons, call):
    shape = np.shape(layer.weights)
    if shape != (n_inputs, n_neurons):
        fail(f"{call}.weights.shape", str((n_inputs, n_neurons)), shape,
             "weights are stored as (n_inputs, n_neurons): one row per input, one column "
             "per neuron, so that inputs @ weights needs no transpose")


def test_global_random_state_is_left_alone(ex):
    """Building layers (with and without rng) never uses NumPy's global random state."""
    # First in the file: the learner's process is fresh, so even a fixed np.random.seed()
    # moves the global state away from where NumPy's own random seeding left it.
    with ex.observe() as seen:
        ex.Dense(4, 3, rng=np.random.default_rng(3))
        ex.Dense(4, 3)
        ex.Dense(2, 5)
    if seen.global_random_used:
        fail("NumPy's global random state after Dense(...)", "unchanged", "changed",
             "draw from the rng argument (rng.standard_normal), and make a fresh "
             "np.random.default_rng() when there is none - never np.random.randn, "
             "np.random.seed or np.random.randint: global random state makes runs "
             "impossible to reproduce")


def test_weights_are_scaled_normal_draws_from_rng(ex):
    """Dense(4, 3, rng=default_rng(7)).weights == 0.01 * default_rng(7).standard_normal((4, 3))."""
    layer = ex.Dense(4, 3, rng=np.random.default_rng(7))
    call = "Dense(4, 3, rng=np.random.default_rng(7))"
    check_weight_shape(layer, 4, 3, call)
    expected = 0.01 * np.random.default_rng(7).standard_normal((4, 3))
    expect_close(layer.weights, expected, call=f"{call}.weights", rtol=1e-12, atol=0,
                 why="weights = 0.01 * rng.standard_normal((n_inputs, n_neurons)), drawn from "
                     "the rng you were given: small (times 0.01), normal, one draw of the "
                     "whole matrix")


def test_weight_shape_is_inputs_by_neurons(ex):
    """Dense(2, 5) has weights of shape (2, 5): one row per input, one column per neuron."""
    layer = ex.Dense(2, 5, rng=np.random.default_rng(1))
    check_weight_shape(layer, 2, 5, "Dense(2, 5, rng=np.random.default_rng(1))")


def test_biases_start_as_a_row_of_zeros(ex):
    """Dense(4, 3).biases is np.zeros((1, 3)): one row, one zero per neuron."""
    layer = ex.Dense(4, 3, rng=np.random.default_rng(7))
    biases = layer.biases
    call = "Dense(4, 3, rng=np.random.default_rng(7)).biases"
    if np.shape(biases) != (1, 3):
        fail(f"{call}.shape", "(1, 3)", np.shape(biases),
             "biases are a row of shape (1, n_neurons), so they broadcast onto every "
             "sample of a batch: np.zeros((1, n_neurons))")
    expect_close(biases, np.zeros((1, 3)), call=call, atol=0,
                 why="biases start at zero; only the weights are random")


def test_each_layer_takes_fresh_draws_from_a_shared_rng(ex):
    """Two layers built from one generator get its first and then its second draws."""
    rng = np.random.default_rng(11)
    first, second = ex.Dense(3, 2, rng=rng), ex.Dense(3, 2, rng=rng)
    draws = np.random.default_rng(11)
    expected_first = 0.01 * draws.standard_normal((3, 2))
    expected_second = 0.01 * draws.standard_normal((3, 2))
    why = ("use the generator you were given as it is (rng.standard_normal), so that "
           "layers built one after the other from the same rng get different weights")
    expect_close(first.weights, expected_first, call="first Dense(3, 2, rng=rng).weights",
                 rtol=1e-12, atol=0, why=why)
    expect_close(second.weights, expected_second, call="second Dense(3, 2, rng=rng).weights",
                 rtol=1e-12, atol=0, why=why)


def test_without_rng_every_layer_is_different(ex):
    """Dense(3, 4) with no rng uses a fresh default_rng(): two such layers differ."""
    a, b = ex.Dense(3, 4), ex.Dense(3, 4)
    check_weight_shape(a, 3, 4, "Dense(3, 4)")
    if np.array_equal(a.weights, b.weights):
        fail("two layers Dense(3, 4) built without rng", "different weights", b.weights,
             "with rng=None make a fresh np.random.default_rng() (no fixed seed), or every "
             "layer of a network would start with the same weights")
    if not 0 < np.abs(a.weights).max() < 0.1:
        fail("the largest |weight| of Dense(3, 4)", "small but not zero (about 0.01)",
             np.abs(a.weights).max(), "weights = 0.01 * rng.standard_normal(...)")


def test_parameters_are_float64(ex):
    """weights and biases are float64 arrays: zeros that are ints break the first update."""
    layer = ex.Dense(3, 2, rng=np.random.default_rng(4))
    why = ("float64 throughout: np.zeros((1, n_neurons)) is float64 already; an int array "
           "(dtype=int) cannot take the optimizer's in-place update biases -= lr * dbiases, "
           "and float32 loses half the digits")
    expect_dtype(layer.biases, "float64", call="Dense(3, 2, rng=rng).biases", why=why)
    expect_dtype(layer.weights, "float64", call="Dense(3, 2, rng=rng).weights", why=why)


def test_bridge_from_part_1_one_sample(ex):
    """Exercise 02's layer in NumPy: [[1, 2, 3, 2.5]] -> [[4.8, 1.21, 2.385]]."""
    # neuron 0: 0.2 + 1.6 - 1.5 + 2.5 = 2.8 + 2 = 4.8
    # neuron 1: 0.5 - 1.82 + 0.78 - 1.25 = -1.79 + 3 = 1.21
    # neuron 2: -0.26 - 0.54 + 0.51 + 2.175 = 1.885 + 0.5 = 2.385
    layer = layer_with(ex, NUMPY_WEIGHTS, PART1_BIASES)
    got = layer.forward(np.array([[1.0, 2.0, 3.0, 2.5]]))
    expect_close(got, [[4.8, 1.21, 2.385]], rtol=1e-12, atol=1e-12,
                 offsets={"the biases": [[2.0, 3.0, 0.5]]},
                 call="forward([[1, 2, 3, 2.5]]) with exercise 02's weights, transposed to "
                      "(4, 3), and biases [[2, 3, 0.5]]",
                 why="output = inputs @ weights + biases, and a batch of one sample is still "
                     "a batch: shape (1, n_neurons)")


def test_bridge_from_part_1_batch(ex):
    """Exercise 02's batch of three samples gives one output row per sample."""
    # [2, 5, -1, 2]:        0.4 + 4 + 0.5 + 2 + 2 = 8.9;  1 - 4.55 - 0.26 - 1 + 3 = -1.81;
    #                       -0.52 - 1.35 - 0.17 + 1.74 + 0.5 = 0.2
    # [-1.5, 2.7, 3.3, -0.8]: -0.3 + 2.16 - 1.65 - 0.8 + 2 = 1.41;
    #                       -0.75 - 2.457 + 0.858 + 0.4 + 3 = 1.051;
    #                       0.39 - 0.729 + 0.561 - 0.696 + 0.5 = 0.026
    batch = np.array([[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]])
    layer = layer_with(ex, NUMPY_WEIGHTS, PART1_BIASES)
    expect_close(layer.forward(batch),
                 [[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]],
                 rtol=1e-12, atol=1e-12, call=f"forward({batch.tolist()})",
                 why="each sample row times the weight matrix, plus the bias row "
                     "(broadcast onto every sample): inputs @ weights + biases")


def test_random_batch_matches_the_weighted_sums(ex):
    """Seeded random batch (6 x 4) through a 4 -> 5 layer, against explicit sums plus biases."""
    rng = np.random.default_rng(2024)
    X = rng.uniform(-2, 2, (6, 4))
    W = rng.uniform(-1, 1, (4, 5))
    b = rng.uniform(-1, 1, (1, 5))
    expected = [[math.fsum(X[i, k] * W[k, j] for k in range(4)) + b[0, j] for j in range(5)]
                for i in range(6)]
    layer = layer_with(ex, W, b)
    expect_close(layer.forward(X), expected, rtol=1e-10, atol=1e-12,
                 call="forward(X) for X of shape (6, 4), weights (4, 5), biases (1, 5)",
                 why="output[i, j] = sum over k of X[i, k] * weights[k, j], plus biases[0, j]")


def test_nonzero_biases_are_added_to_every_sample(ex):
    """With zero weights the output is the bias row, repeated for every sample."""
    layer = layer_with(ex, np.zeros((3, 2)), [[1.5, -2.0]])
    got = layer.forward(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    expect_close(got, [[1.5, -2.0], [1.5, -2.0]], atol=0,
                 call="forward([[1, 2, 3], [4, 5, 6]]) with zero weights, biases [[1.5, -2]]",
                 why="add the biases after the matrix product; they broadcast onto every row")


def test_forward_keeps_inputs_and_output(ex):
    """forward() returns its output and keeps it as self.output, and keeps self.inputs."""
    layer = layer_with(ex, NUMPY_WEIGHTS, PART1_BIASES)
    batch = np.array([[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0]])
    returned = layer.forward(batch)
    expect_close(getattr(layer, "output", None), returned, atol=0,
                 call="layer.output after layer.forward(batch)",
                 why="keep the result as self.output as well as returning it")
    expect_close(getattr(layer, "inputs", None), batch, atol=0,
                 call="layer.inputs after layer.forward(batch)",
                 why="keep the batch as self.inputs: the backward pass (exercise 08) "
                     "needs it to compute the weight gradient")


def test_forward_does_not_modify_its_inputs(ex):
    """forward() leaves the caller's batch as it was."""
    batch = np.array([[1.0, 2.0, 3.0, 2.5], [-1.5, 2.7, 3.3, -0.8]])
    copy = batch.copy()
    layer_with(ex, NUMPY_WEIGHTS, PART1_BIASES).forward(batch)
    expect_close(batch, copy, atol=0, call="the batch after forward(batch)",
                 why="compute into a new array (no +=, no out= on the inputs)")


def test_layers_chain_on_spiral_data(ex):
    """Spiral data (300 x 2) through Dense(2, 3) and then Dense(3, 5) gives shape (300, 5)."""
    X, _ = spiral_data(100, 3, rng=0)
    rng = np.random.default_rng(5)
    first, second = ex.Dense(2, 3, rng=rng), ex.Dense(3, 5, rng=rng)
    out = second.forward(first.forward(X))
    expect_equal(np.shape(out), (300, 5),
                 call="Dense(3, 5).forward(Dense(2, 3).forward(X)).shape for X (300, 2)",
                 why="each layer maps (n_samples, n_inputs) to (n_samples, n_neurons)")
