"""Specs for exercise 06: a numerically stable softmax.

Expected values come from the formula exp(z_j) / sum_k exp(z_k), computed row by row
with math.exp and math.fsum (on small logits, where no shift is needed), or from
softmax's invariance to a constant added to a row; never from the solution.
"""

import math

import numpy as np

from kata.judge.expect import expect_close, fail, returns


def softmax_by_hand(rows):
    """exp(z_j) / sum_k exp(z_k) for each row, in plain Python (small logits only)."""
    out = []
    for row in np.asarray(rows, dtype=float).tolist():
        exps = [math.exp(v) for v in row]
        total = math.fsum(exps)
        out.append([e / total for e in exps])
    return out


def test_worked_example(ex):
    """[[1, 2, 3]] -> [[0.090031, 0.244728, 0.665241]]: exp of each, divided by their sum."""
    # exp: 2.718282, 7.389056, 20.085537; sum 30.192875
    expected = softmax_by_hand([[1.0, 2.0, 3.0]])
    expect_close(ex.Softmax().forward(np.array([[1.0, 2.0, 3.0]])), expected,
                 rtol=1e-12, atol=1e-15, call="Softmax().forward([[1, 2, 3]])",
                 why="exponentiate each logit, then divide by the sum of the row's "
                     "exponentials; a batch of one stays shape (1, n_classes)")


def test_random_batch_matches_the_formula(ex):
    """A seeded batch of 5 samples x 4 classes, row by row against exp(z) / sum(exp(z))."""
    z = np.random.default_rng(6).uniform(-3, 3, (5, 4))
    expect_close(ex.Softmax().forward(z.copy()), softmax_by_hand(z), rtol=1e-12, atol=1e-15,
                 call="Softmax().forward(z) for z of shape (5, 4)",
                 why="each row is one sample: max and sum along axis=1 with keepdims=True, "
                     "so the (5, 1) row totals divide the (5, 4) exponentials")


def test_rows_sum_to_one(ex):
    """Each row (one sample) of a 4 x 4 batch becomes probabilities summing to 1."""
    z = np.random.default_rng(7).normal(0, 3, (4, 4))
    got = ex.Softmax().forward(z)
    sums = np.sum(np.asarray(got, dtype=float), axis=-1)
    expect_close(sums, np.ones(4), rtol=1e-12, atol=1e-12,
                 call="the row sums of Softmax().forward(z) for z of shape (4, 4)",
                 why="normalise each row by its own total: np.sum(exp_values, axis=1, "
                     "keepdims=True); axis=0 normalises the columns, and without keepdims "
                     "the (4,) totals broadcast along the wrong axis")
    if np.any(np.asarray(got) < 0) or np.any(np.asarray(got) > 1):
        fail("every entry of Softmax().forward(z)", "between 0 and 1", got,
             "probabilities come from exponentials, which are positive")


def test_adding_a_constant_to_a_row_changes_nothing(ex):
    """softmax(z + c) = softmax(z) for a different constant c in each row."""
    z = np.random.default_rng(8).uniform(-2, 2, (3, 5))
    shifted = z + np.array([[5.0], [-3.0], [40.0]])
    expect_close(ex.Softmax().forward(shifted), softmax_by_hand(z), rtol=1e-10, atol=1e-14,
                 call="Softmax().forward(z + [[5], [-3], [40]])",
                 why="exp(z - c) / sum(exp(z - c)) = softmax(z): only the differences within "
                     "a row matter")


def test_large_logits_stay_finite(ex):
    """Logits of +-1000 give the same probabilities as [2, 1, 0]: no overflow, no nan."""
    z = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]])
    with np.errstate(all="ignore"):  # an unshifted exp(1000) overflows; the message says why
        got = ex.Softmax().forward(z)
    call = "Softmax().forward([[1000, 999, 998], [-1000, -1001, -1002]])"
    if not np.all(np.isfinite(np.asarray(got, dtype=float))):
        fail(call, "finite", got,
             "subtract the row maximum before np.exp - each row's own maximum, "
             "np.max(inputs, axis=1, keepdims=True): exp(1000) overflows to inf (inf/inf "
             "is nan), and exp(-1000) underflows to 0 (0/0 is nan)")
    # both rows differ only by a constant from [2, 1, 0]
    expected = softmax_by_hand([[2.0, 1.0, 0.0], [2.0, 1.0, 0.0]])
    expect_close(got, expected, rtol=1e-12, atol=1e-15, call=call,
                 why="subtract the row maximum: the result is the same as for [2, 1, 0]")


def test_rows_far_apart_each_use_their_own_maximum(ex):
    """One row near +1000 and one near -1000 in the same batch are both right."""
    z = np.array([[1000.0, 1001.0], [-1001.0, -1000.0], [0.0, 0.0]])
    with np.errstate(all="ignore"):
        got = ex.Softmax().forward(z)
    # each row is [0, 1] or [1, 0] shifted: softmax([0, 1]) = [1/(1+e), e/(1+e)]
    e = math.e
    expected = [[1 / (1 + e), e / (1 + e)], [1 / (1 + e), e / (1 + e)], [0.5, 0.5]]
    expect_close(got, expected, rtol=1e-12, atol=1e-15,
                 call="Softmax().forward([[1000, 1001], [-1001, -1000], [0, 0]])",
                 why="subtract each row's own maximum (axis=1, keepdims=True), not the "
                     "maximum of the whole batch: exp(-2000) underflows to 0")


def test_rows_spread_widely_stay_finite(ex):
    """Rows from -1000 to 1000: each row's maximum wins; no overflow, no nan."""
    z = np.array([[-1000.0, 0.0, 1000.0], [1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]])
    with np.errstate(all="ignore"):
        got = ex.Softmax().forward(z)
    # shifted by the row maximum: exp(-2000), exp(-1000) are 0, exp(0) = 1; the last row is
    # [-2000, 0, -1] -> [0, 1/(1 + 1/e), (1/e)/(1 + 1/e)]
    e = math.e
    expected = [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, e / (e + 1), 1 / (e + 1)]]
    expect_close(got, expected, rtol=1e-12, atol=1e-15,
                 call="Softmax().forward([[-1000, 0, 1000], [1000, -1000, 0], "
                      "[-1000, 1000, 999]])",
                 why="subtract each row's MAXIMUM: shifting by the minimum or the mean still "
                     "leaves exp(1000) or exp(2000) in a row whose values spread widely, "
                     "and exp overflows to inf (inf / inf is nan)")


def test_integer_logits(ex):
    """Integer logits [[1, 2, 3]] give the same probabilities as [[1.0, 2.0, 3.0]]."""
    why = ("integer logits work too: np.exp(inputs - max) makes a new float array; an "
           "in-place exp or division into an integer array cannot hold the result")
    got = returns(ex.Softmax().forward, np.array([[1, 2, 3]]), why=why,
                  call="Softmax().forward(np.array([[1, 2, 3]]))")
    expect_close(got, softmax_by_hand([[1.0, 2.0, 3.0]]), rtol=1e-12, atol=1e-15,
                 call="Softmax().forward(np.array([[1, 2, 3]]))", why=why)


def test_forward_keeps_its_output(ex):
    """forward() returns the probabilities and keeps them as self.output."""
    softmax = ex.Softmax()
    returned = softmax.forward(np.array([[0.5, -1.0, 2.0]]))
    expect_close(getattr(softmax, "output", None), returned, atol=0,
                 call="softmax.output after softmax.forward([[0.5, -1, 2]])",
                 why="keep the result as self.output as well as returning it")


def test_forward_does_not_modify_its_inputs(ex):
    """forward() leaves the caller's logits as they were."""
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]])
    copy = z.copy()
    ex.Softmax().forward(z)
    expect_close(z, copy, atol=0, rtol=0, call="the logits z after Softmax().forward(z)",
                 why="compute inputs - max into a new array; inputs -= ... shifts the "
                     "caller's array in place")
