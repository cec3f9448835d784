"""Specs for exercise 12: binary cross-entropy, mean squared error, mean absolute error.

Expected values are worked by hand in the comments (ln 2, ln(5/3), ...) or computed here
element by element in plain Python from the definitions, never with the solution. Every
backward is checked against the central difference of the mean loss, calculate, written
here (kata.gradcheck, relative error below 1e-6, float64). When a gradient is off by a
factor the learners' usual slips give (n_outputs, n_samples, a flipped sign), the message
says which.
"""

import math

import numpy as np

from kata.gradcheck import numerical_gradient
from kata.judge.expect import expect_close, expect_equal, expect_gradient, fail

NAMES = ("BinaryCrossEntropy", "MeanSquaredError", "MeanAbsoluteError")
CLIP = 1e-7


def per_output_loss(name, p, y):
    """The loss of one prediction p against its target y, from the definitions."""
    if name == "BinaryCrossEntropy":
        p = min(max(p, CLIP), 1 - CLIP)
        return -(y * math.log(p) + (1 - y) * math.log(1 - p))
    if name == "MeanSquaredError":
        return (y - p) ** 2
    return abs(y - p)


def sample_losses(name, y_pred, y_true):
    """The mean of each row's per-output losses, with math.fsum over plain loops."""
    return np.array([math.fsum(per_output_loss(name, float(p), float(y)) for p, y in zip(ps, ys))
                     / len(ps) for ps, ys in zip(y_pred, y_true)])


def mean_loss(name, y_pred, y_true):
    return float(np.mean(sample_losses(name, y_pred, y_true)))


def slip(got, expected):
    """"<what went wrong>. " when got is expected times a factor a usual slip gives, else ""."""
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return ""
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape or expected.ndim != 2:
        return ""
    n_samples, n_outputs = expected.shape
    slips = {-1: "the sign is flipped",
             0.5: "it is half of it: the derivative of (y - p)**2 is -2 (y - p), the 2 is "
                  "missing",
             n_outputs * n_samples: "it is divided by neither n_samples nor n_outputs: "
                                    "calculate is a mean over both"}
    if n_samples == n_outputs:
        slips[n_samples] = (f"it is {n_samples} times too big: divide by n_outputs and by "
                            "n_samples (calculate averages over both)")
    else:
        slips[n_outputs] = (f"it is n_outputs = {n_outputs} times too big: divide by n_outputs "
                            "too (forward averages over each sample's outputs)")
        slips[n_samples] = (f"it is n_samples = {n_samples} times too big: divide by n_samples "
                            "too (calculate averages over the samples)")
    for factor, what in slips.items():
        if factor != 1 and np.allclose(got, factor * expected, rtol=1e-6, atol=1e-12):
            return what + ". "
    return ""


def expect_mean_gradient(got, expected, *, call, why):
    """got == expected, or a failure that names the slip the difference looks like."""
    expect_close(got, expected, rtol=1e-9, atol=1e-12, call=call, why=slip(got, expected) + why)


def check_gradient(ex, name, y_pred, y_true, why):
    """backward(y_pred, y_true) against the central difference of the mean loss."""
    got = getattr(ex, name)().backward(y_pred.copy(), y_true.copy())
    numeric = numerical_gradient(lambda p: mean_loss(name, p, y_true), y_pred.copy())
    expect_gradient(got, numeric, why=slip(got, numeric) + why,
                    call=f"{name}().backward(y_pred, y_true) for {y_pred.shape[0]} samples "
                         f"of {y_pred.shape[1]} outputs")


# ----------------------------------------------------------------------------- BCE

P = np.array([[0.5, 0.5], [0.8, 0.25]])
Y = np.array([[1.0, 0.0], [1.0, 0.0]])


def test_bce_worked_example(ex):
    """p=[[.5,.5],[.8,.25]], y=[[1,0],[1,0]]: losses [ln 2, ln(5/3) / 2], mean their average."""
    # row 1: -ln .5 and -ln(1 - .5): ln 2 each, mean ln 2
    # row 2: -ln .8 = ln(5/4) and -ln(1 - .25) = ln(4/3): mean (ln(5/4) + ln(4/3)) / 2 = ln(5/3)/2
    loss = ex.BinaryCrossEntropy()
    expected = [math.log(2.0), math.log(5 / 3) / 2]
    expect_close(loss.forward(P.copy(), Y.copy()), expected, rtol=1e-12,
                 call="BinaryCrossEntropy().forward([[.5, .5], [.8, .25]], [[1, 0], [1, 0]])",
                 why="per output -(y log p + (1 - y) log(1 - p)), then the mean over each "
                     "sample's outputs (axis=-1): one loss per sample")
    expect_close(loss.calculate(P.copy(), Y.copy()), sum(expected) / 2, rtol=1e-12,
                 call="BinaryCrossEntropy().calculate([[.5, .5], [.8, .25]], [[1, 0], [1, 0]])",
                 why="calculate is the mean of forward's per-sample losses, one float")


def test_bce_backward_worked_example(ex):
    """Same p and y: -(y/p - (1-y)/(1-p)) / 2 / 2 = [[-0.5, 0.5], [-0.3125, 1/3]]."""
    # -(1/.5) = -2, (1/(1 - .5)) = 2;  -(1/.8) = -1.25, 1/(1 - .25) = 4/3;  all / 2 outputs / 2
    got = ex.BinaryCrossEntropy().backward(P.copy(), Y.copy())
    expect_mean_gradient(got, [[-0.5, 0.5], [-0.3125, 1 / 3]],
                         call="BinaryCrossEntropy().backward([[.5, .5], [.8, .25]], "
                              "[[1, 0], [1, 0]])",
                         why="dinputs = -(y / p - (1 - y) / (1 - p)) / n_outputs / n_samples")


def test_bce_gradient_matches_central_differences(ex):
    """Seeded p in (0.05, 0.95), 0/1 targets, 3 samples of 4 outputs and 5 of 1."""
    for seed, shape in ((1, (3, 4)), (2, (5, 1))):
        rng = np.random.default_rng(seed)
        y_pred = rng.uniform(0.05, 0.95, shape)
        y_true = rng.integers(0, 2, shape).astype(np.float64)
        check_gradient(ex, "BinaryCrossEntropy", y_pred, y_true,
                       why="the gradient of the MEAN over samples and outputs: "
                           "-(y / p - (1 - y) / (1 - p)) / n_outputs / n_samples")


def test_bce_clips_in_forward(ex):
    """p=[[0, 1]] against y=[[1, 0]]: both -ln(1e-7) = 16.118, finite; confident and right: ~0."""
    # clipped p = 1e-7 (true 1) and 1 - 1e-7 (true 0): -ln(1e-7) each, up to rounding of 1 - 1e-7
    with ex.observe() as seen:
        wrong = ex.BinaryCrossEntropy().forward(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]))
        right = ex.BinaryCrossEntropy().forward(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    why = ("clip the predictions to [1e-7, 1 - 1e-7] before the logs: "
           "np.clip(y_pred, 1e-7, 1 - 1e-7); log(0) is -inf, and 0 * -inf is nan")
    expect_close(wrong, [-math.log(1e-7)], rtol=1e-6,
                 call="BinaryCrossEntropy().forward([[0, 1]], [[1, 0]])", why=why)
    expect_close(right, [-math.log(1 - 1e-7)], rtol=1e-6, atol=1e-12,
                 call="BinaryCrossEntropy().forward([[1, 0]], [[1, 0]])", why=why)
    noisy = [w for w in seen.warnings if "divide" in w or "invalid" in w]
    if noisy:
        fail("BinaryCrossEntropy().forward at predictions 0 and 1: warnings", "none", noisy, why)


def test_bce_clips_in_backward(ex):
    """p=[[0, 1]] against y=[[1, 0]]: [[-1/1e-7, 1/(1 - (1 - 1e-7))]] / 2 outputs, finite."""
    with ex.observe() as seen:
        got = ex.BinaryCrossEntropy().backward(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]))
    why = ("clip in backward too: p = np.clip(dvalues, 1e-7, 1 - 1e-7), or y / p and "
           "(1 - y) / (1 - p) divide by 0")
    expect_close(got, [[-1 / 1e-7 / 2, 1 / (1 - (1 - 1e-7)) / 2]], rtol=1e-6,
                 call="BinaryCrossEntropy().backward([[0, 1]], [[1, 0]])", why=why)
    noisy = [w for w in seen.warnings if "divide" in w or "invalid" in w]
    if noisy:
        fail("BinaryCrossEntropy().backward at predictions 0 and 1: warnings", "none", noisy,
             why)


def test_bce_accepts_integer_targets(ex):
    """Targets given as ints [[1, 0], [1, 0]] give the same losses and gradient as floats."""
    loss = ex.BinaryCrossEntropy()
    y_int = Y.astype(np.int64)
    expect_close(loss.forward(P.copy(), y_int.copy()), [math.log(2.0), math.log(5 / 3) / 2],
                 rtol=1e-12, call="BinaryCrossEntropy().forward(p, [[1, 0], [1, 0]] as ints)",
                 why="0/1 targets may come as integers; the formula works on them as they are")
    expect_close(loss.backward(P.copy(), y_int.copy()), [[-0.5, 0.5], [-0.3125, 1 / 3]],
                 rtol=1e-12, call="BinaryCrossEntropy().backward(p, [[1, 0], [1, 0]] as ints)",
                 why="0/1 targets may come as integers; the formula works on them as they are")


# ----------------------------------------------------------------------------- MSE

PRED = np.array([[1.0, 2.0], [3.0, 1.0]])
TRUE = np.array([[0.0, 2.0], [1.0, 1.0]])


def test_mse_worked_example(ex):
    """p=[[1,2],[3,1]], y=[[0,2],[1,1]]: squared errors [[1,0],[4,0]], losses [.5, 2], mean 1.25."""
    loss = ex.MeanSquaredError()
    expect_close(loss.forward(PRED.copy(), TRUE.copy()), [0.5, 2.0], rtol=1e-12,
                 call="MeanSquaredError().forward([[1, 2], [3, 1]], [[0, 2], [1, 1]])",
                 why="per output (y - p)**2, then the mean over each sample's outputs "
                     "(axis=-1)")
    expect_close(loss.calculate(PRED.copy(), TRUE.copy()), 1.25, rtol=1e-12,
                 call="MeanSquaredError().calculate([[1, 2], [3, 1]], [[0, 2], [1, 1]])",
                 why="calculate is the mean of forward's per-sample losses, one float")


def test_mse_backward_worked_example(ex):
    """Same p and y: -2 (y - p) / 2 outputs / 2 samples = [[0.5, 0], [1, 0]]."""
    got = ex.MeanSquaredError().backward(PRED.copy(), TRUE.copy())
    expect_mean_gradient(got, [[0.5, 0.0], [1.0, 0.0]],
                         call="MeanSquaredError().backward([[1, 2], [3, 1]], [[0, 2], [1, 1]])",
                         why="dinputs = -2 * (y_true - y_pred) / n_outputs / n_samples")


def test_mse_gradient_matches_central_differences(ex):
    """Seeded predictions and targets, 3 samples of 4 outputs and 6 of 1."""
    for seed, shape in ((3, (3, 4)), (4, (6, 1))):
        rng = np.random.default_rng(seed)
        check_gradient(ex, "MeanSquaredError", rng.standard_normal(shape),
                       rng.standard_normal(shape),
                       why="the gradient of the MEAN over samples and outputs: "
                           "-2 * (y_true - y_pred) / n_outputs / n_samples")


# ----------------------------------------------------------------------------- MAE

def test_mae_worked_example(ex):
    """p=[[1,2],[3,1]], y=[[0,2],[1,1]]: absolute errors [[1,0],[2,0]], losses [.5,1], mean .75."""
    loss = ex.MeanAbsoluteError()
    expect_close(loss.forward(PRED.copy(), TRUE.copy()), [0.5, 1.0], rtol=1e-12,
                 call="MeanAbsoluteError().forward([[1, 2], [3, 1]], [[0, 2], [1, 1]])",
                 why="per output |y - p|, then the mean over each sample's outputs (axis=-1)")
    expect_close(loss.calculate(PRED.copy(), TRUE.copy()), 0.75, rtol=1e-12,
                 call="MeanAbsoluteError().calculate([[1, 2], [3, 1]], [[0, 2], [1, 1]])",
                 why="calculate is the mean of forward's per-sample losses, one float")


MAE_WHY = ("dinputs = np.sign(y_pred - y_true) / n_outputs / n_samples: |y - p| grows as p "
           "rises above y, so the slope is +1 where the prediction is too big. "
           "np.sign(y_true - y_pred), as in the book's chapter 17 code, points the other way "
           "and trains the network away from its targets")


def test_mae_backward_worked_example(ex):
    """p=[[1, 2.5],[3, 0]], y=[[0, 2],[1, 1]]: sign(p - y) / 2 / 2 = [[.25, .25], [.25, -.25]]."""
    # p - y = [[1, 0.5], [2, -1]]: signs [[1, 1], [1, -1]], / 2 outputs / 2 samples
    got = ex.MeanAbsoluteError().backward(np.array([[1.0, 2.5], [3.0, 0.0]]), TRUE.copy())
    expect_mean_gradient(got, [[0.25, 0.25], [0.25, -0.25]], why=MAE_WHY,
                         call="MeanAbsoluteError().backward([[1, 2.5], [3, 0]], "
                              "[[0, 2], [1, 1]])")


def test_mae_gradient_matches_central_differences(ex):
    """Seeded predictions and targets (no ties), 3 samples of 4 outputs and 6 of 1."""
    for seed, shape in ((5, (3, 4)), (6, (6, 1))):
        rng = np.random.default_rng(seed)
        y_true = rng.standard_normal(shape)
        # predictions at least 0.01 away from their targets: |y - p| is smooth there
        y_pred = y_true + rng.uniform(0.01, 1.0, shape) * rng.choice([-1.0, 1.0], shape)
        check_gradient(ex, "MeanAbsoluteError", y_pred, y_true, why=MAE_WHY)


def test_mae_slope_at_a_tie_is_a_subgradient(ex):
    """Where a prediction equals its target any slope in [-1, 1] / (n_outputs n_samples) will do."""
    got = ex.MeanAbsoluteError().backward(np.array([[2.0, 3.0]]), np.array([[2.0, 1.0]]))
    call = "MeanAbsoluteError().backward([[2, 3]], [[2, 1]])"
    got_array = np.asarray(got, dtype=np.float64)
    if got_array.shape != (1, 2) or not -0.5 <= got_array[0, 0] <= 0.5:
        fail(call, "[[a, 0.5]] with a in [-0.5, 0.5] (np.sign gives 0 at the tie)", got,
             MAE_WHY)
    expect_close(got_array[0, 1], 0.5, call=call + "[0, 1]", why=MAE_WHY)


# ----------------------------------------------------------------------------- all three

def test_forward_averages_each_sample_over_its_outputs(ex):
    """3 samples of 2 outputs: forward gives 3 losses (axis=-1), not 2 (axis=0)."""
    rng = np.random.default_rng(7)
    y_pred = rng.uniform(0.05, 0.95, (3, 2))
    y_true = rng.integers(0, 2, (3, 2)).astype(np.float64)
    for name in NAMES:
        got = getattr(ex, name)().forward(y_pred.copy(), y_true.copy())
        expect_close(got, sample_losses(name, y_pred, y_true), rtol=1e-12,
                     call=f"{name}().forward(y_pred, y_true) for 3 samples of 2 outputs",
                     why="one loss per sample: the mean over each sample's OUTPUTS, "
                         "np.mean(..., axis=-1); axis=0 averages over the samples instead")


def test_calculate_is_the_mean_of_forward(ex):
    """calculate(y_pred, y_true) is a float: the mean of the per-sample losses."""
    rng = np.random.default_rng(8)
    y_pred = rng.uniform(0.05, 0.95, (4, 3))
    y_true = rng.integers(0, 2, (4, 3)).astype(np.float64)
    for name in NAMES:
        got = getattr(ex, name)().calculate(y_pred.copy(), y_true.copy())
        if not isinstance(got, float):
            fail(f"{name}().calculate(y_pred, y_true)", "a float", got,
                 "return float(np.mean(self.forward(y_pred, y_true))): one number")
        expect_close(got, mean_loss(name, y_pred, y_true), rtol=1e-12,
                     call=f"{name}().calculate(y_pred, y_true) for 4 samples of 3 outputs",
                     why="calculate is the mean of forward's per-sample losses")


def test_backward_keeps_dinputs_and_float64(ex):
    """backward returns dinputs, keeps it as self.dinputs, float64, shaped like y_pred."""
    rng = np.random.default_rng(9)
    y_pred = rng.uniform(0.05, 0.95, (3, 2))
    y_true = rng.integers(0, 2, (3, 2)).astype(np.float64)
    for name in NAMES:
        loss = getattr(ex, name)()
        got = loss.backward(y_pred.copy(), y_true.copy())
        if got is None:
            fail(f"{name}().backward(y_pred, y_true)", "the array dinputs", got,
                 "return dinputs as well as keeping it as self.dinputs")
        expect_equal(str(getattr(got, "dtype", type(got).__name__)), "float64",
                     call=f"{name}().backward(y_pred, y_true).dtype", why="float64 throughout")
        expect_close(getattr(loss, "dinputs", None), got, rtol=0, atol=0,
                     call=f"{name}: self.dinputs after backward",
                     why="keep the result as self.dinputs as well as returning it")


def test_no_loss_changes_its_arguments(ex):
    """forward, calculate and backward leave predictions (0 and 1 included) and targets alone."""
    y_pred = np.array([[0.0, 0.3], [1.0, 0.6]])
    y_true = np.array([[1.0, 0.0], [0.0, 1.0]])
    for name in NAMES:
        loss = getattr(ex, name)()
        for method in ("forward", "calculate", "backward"):
            p, y = y_pred.copy(), y_true.copy()
            with ex.observe():  # warnings are other specs' concern
                getattr(loss, method)(p, y)
            expect_close(p, y_pred, rtol=0, atol=0,
                         call=f"the predictions after {name}().{method}(y_pred, y_true)",
                         why="do not change the predictions in place: np.clip(y_pred, lo, hi) "
                             "makes a new array, out=y_pred or -= does not")
            expect_close(y, y_true, rtol=0, atol=0,
                         call=f"the targets after {name}().{method}(y_pred, y_true)",
                         why="do not change the targets in place")
