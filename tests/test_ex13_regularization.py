"""Specs for exercise 13: L1 and L2 regularization in Dense.backward, and regularization_loss.

Expected values are worked by hand in the comments or computed here with math.fsum over
plain loops from the definition

    penalty = l1 * sum|w| + l2 * sum w**2 + l1_b * sum|b| + l2_b * sum b**2,

never with the solution. The gradients are checked against the central difference of
the whole loss f = sum(output * G) + penalty (kata.gradcheck, relative error below 1e-6).
At a weight of exactly 0 the L1 slope may be 0 (np.sign) or 1 (the book): both pass.
"""

import math

import numpy as np

from kata.gradcheck import numerical_gradient
from kata.judge.expect import expect_close, expect_gradient, fail

STRENGTHS = ("weight_regularizer_l1", "weight_regularizer_l2",
             "bias_regularizer_l1", "bias_regularizer_l2")


def penalty(weights, biases, weight_l1=0.0, weight_l2=0.0, bias_l1=0.0, bias_l2=0.0):
    """The regularization loss, from its definition, in plain Python."""
    w, b = [float(v) for v in np.ravel(weights)], [float(v) for v in np.ravel(biases)]
    return (weight_l1 * math.fsum(abs(v) for v in w) + weight_l2 * math.fsum(v * v for v in w)
            + bias_l1 * math.fsum(abs(v) for v in b) + bias_l2 * math.fsum(v * v for v in b))


def layer_with(ex, weights, biases=None, **strengths):
    weights = np.array(weights, dtype=np.float64)
    layer = ex.Dense(weights.shape[0], weights.shape[1], rng=np.random.default_rng(0),
                     **strengths)
    layer.weights = weights
    layer.biases = (np.zeros((1, weights.shape[1])) if biases is None
                    else np.array(biases, dtype=np.float64))
    return layer


def shown(strengths):
    return ", ".join(f"{k}={v}" for k, v in strengths.items())


def gradients_with_zero_inputs(ex, weights, biases=None, **strengths):
    """(dweights, dbiases) after forward of zero inputs and backward of ones.

    Zero inputs make the data part of dweights 0, so dweights is the penalty's gradient
    alone; the data part of dbiases is the sum of the ones, 1 per neuron.
    """
    layer = layer_with(ex, weights, biases, **strengths)
    n_inputs, n_neurons = np.shape(weights)
    layer.forward(np.zeros((1, n_inputs)))
    layer.backward(np.ones((1, n_neurons)))
    return layer.dweights, layer.dbiases


def loss_or_fail(ex, layer, call):
    """regularization_loss(layer), or a failure that names the call when it raises."""
    try:
        return ex.regularization_loss(layer)
    except NotImplementedError:
        raise
    except Exception as exc:
        fail(call, "a number", f"{type(exc).__name__}: {exc}",
             "a layer without regularizer attributes (a ReLU, exercise 08's Dense) has no "
             "penalty: read each strength with getattr(layer, name, 0.0) and give 0.0")


# ----------------------------------------------------------------------------- the loss

def test_regularization_loss_worked_example(ex):
    """l1=0.1, l2=0.5, w=[[1, -2]]: 0.1 * (1 + 2) + 0.5 * (1 + 4) = 0.3 + 2.5 = 2.8."""
    layer = layer_with(ex, [[1.0, -2.0]], weight_regularizer_l1=0.1, weight_regularizer_l2=0.5)
    got = ex.regularization_loss(layer)
    expect_close(got, 2.8, rtol=1e-12,
                 call="regularization_loss(Dense with weight_regularizer_l1=0.1, "
                      "weight_regularizer_l2=0.5, weights [[1, -2]])",
                 why="l1 * sum|w| + l2 * sum w**2: np.sum(np.abs(weights)) for L1 (|w|, "
                     "never w itself: -2 counts as 2), np.sum(weights ** 2) for L2")
    if not isinstance(got, float):
        fail("type of regularization_loss(layer)", "a float", got,
             "return one number, float(...), to add to the data loss")


def test_regularization_loss_counts_the_biases_with_their_own_strengths(ex):
    """Bias strengths l1_b=0.3, l2_b=0.2 on b=[[1, -3]], none on w: 0.3*4 + 0.2*10 = 3.2."""
    layer = layer_with(ex, [[5.0, -7.0]], [[1.0, -3.0]],
                       bias_regularizer_l1=0.3, bias_regularizer_l2=0.2)
    expect_close(ex.regularization_loss(layer), 3.2, rtol=1e-12,
                 call="regularization_loss(Dense with bias_regularizer_l1=0.3, "
                      "bias_regularizer_l2=0.2, weights [[5, -7]], biases [[1, -3]])",
                 why="the biases have their own strengths, bias_regularizer_l1 and "
                     "bias_regularizer_l2: l1_b * sum|b| + l2_b * sum b**2. Weights whose "
                     "strengths are 0 add nothing")


def test_regularization_loss_with_all_four_strengths(ex):
    """A seeded (3, 4) layer with all four strengths, against the definition."""
    rng = np.random.default_rng(1)
    strengths = dict(zip(STRENGTHS, (1e-3, 5e-4, 2e-3, 7e-4)))
    w, b = rng.standard_normal((3, 4)), rng.standard_normal((1, 4))
    layer = layer_with(ex, w, b, **strengths)
    expect_close(ex.regularization_loss(layer),
                 penalty(w, b, *strengths.values()), rtol=1e-12,
                 call=f"regularization_loss(Dense(3, 4, {shown(strengths)}))",
                 why="add all four: l1 * sum|w| + l2 * sum w**2 + l1_b * sum|b| + "
                     "l2_b * sum b**2, each with its own strength")


def test_regularization_loss_is_zero_without_strengths(ex):
    """A layer without the four attributes (a stand-in, a ReLU) and a default Dense give 0.0."""
    w = np.array([[1.0, -2.0]])
    plain = ex.namespace(weights=w, biases=np.array([[3.0, 4.0]]))
    call = "regularization_loss(a layer with weights and biases but no regularizer attributes)"
    expect_close(loss_or_fail(ex, plain, call), 0.0, atol=0, call=call,
                 why="a layer without the strengths has no penalty: getattr(layer, name, 0.0)")
    call = "regularization_loss(a layer with no attributes at all, like a ReLU)"
    expect_close(loss_or_fail(ex, ex.namespace(), call), 0.0, atol=0, call=call,
                 why="check the strengths first and touch layer.weights only when one of them "
                     "is > 0: a ReLU has no weights")
    expect_close(ex.regularization_loss(layer_with(ex, w)), 0.0, atol=0,
                 call="regularization_loss(Dense(1, 2)) with the default strengths, 0.0",
                 why="every strength defaults to 0.0: no penalty")


# ----------------------------------------------------------------------------- backward

def test_l1_gradient_is_l1_times_the_sign(ex):
    """l1=0.1, w=[[1], [-2]], zero inputs: dweights = 0.1 * sign(w) = [[0.1], [-0.1]]."""
    dweights, _ = gradients_with_zero_inputs(ex, [[1.0], [-2.0]], weight_regularizer_l1=0.1)
    expect_close(dweights, [[0.1], [-0.1]], rtol=1e-12,
                 call="dweights of Dense(weight_regularizer_l1=0.1), w = [[1], [-2]], "
                      "after forward(zeros) (no data gradient)",
                 why="L1's slope is l1 * sign(w) (np.sign(weights)): the same size for every "
                     "weight, only its sign follows w; l1 * w would be L2's shape")


def test_l2_gradient_is_twice_l2_times_w(ex):
    """l2=0.5, w=[[1], [-2]], zero inputs: dweights = 2 * 0.5 * w = [[1], [-2]]."""
    dweights, _ = gradients_with_zero_inputs(ex, [[1.0], [-2.0]], weight_regularizer_l2=0.5)
    expect_close(dweights, [[1.0], [-2.0]], rtol=1e-12,
                 call="dweights of Dense(weight_regularizer_l2=0.5), w = [[1], [-2]], "
                      "after forward(zeros) (no data gradient)",
                 why="L2's slope is 2 * l2 * w: the derivative of w**2 is 2w, so the 2 stays")


def test_backward_worked_example(ex):
    """The docstring's layer: l1=0.1, l2=0.5, w=[[1], [-2]]: dweights [[1.1], [-2.1]]."""
    # 0.1 * sign(w) + 2 * 0.5 * w = [[0.1 + 1], [-0.1 - 2]]
    dweights, _ = gradients_with_zero_inputs(ex, [[1.0], [-2.0]], weight_regularizer_l1=0.1,
                                             weight_regularizer_l2=0.5)
    expect_close(dweights, [[1.1], [-2.1]], rtol=1e-12,
                 call="dweights of Dense(weight_regularizer_l1=0.1, weight_regularizer_l2=0.5),"
                      " w = [[1], [-2]], after forward(zeros)",
                 why="both penalties' slopes add up: l1 * sign(w) + 2 * l2 * w")


def test_bias_gradient_uses_the_bias_strengths(ex):
    """b=[[3, -1]], l1_b=0.2, l2_b=0.5, weight strengths 1 and 1: dbiases = 1 + penalty slope."""
    # data part: the sum of dvalues = 1 per neuron
    # bias part: 0.2 * sign(b) + 2 * 0.5 * b = [[0.2 + 3, -0.2 - 1]]  ->  [[4.2, -0.2]]
    strengths = dict(zip(STRENGTHS, (1.0, 1.0, 0.2, 0.5)))
    _, dbiases = gradients_with_zero_inputs(ex, [[1.0, -2.0]], [[3.0, -1.0]], **strengths)
    expect_close(dbiases, [[4.2, -0.2]], rtol=1e-12,
                 call=f"dbiases of Dense(1, 2, {shown(strengths)}), b = [[3, -1]], after "
                      "backward of [[1, 1]]",
                 why="the biases have their own strengths: dbiases += bias_regularizer_l1 * "
                     "sign(b) + 2 * bias_regularizer_l2 * b (not the weights' strengths), "
                     "added to the data gradient, the sum of dvalues")


def test_each_strength_alone_adds_its_own_slope(ex):
    """w=[[1, -2]], b=[[3, -1]], one strength of 0.5 at a time, the other three 0."""
    w, b = np.array([[1.0, -2.0]]), np.array([[3.0, -1.0]])
    slopes = {"weight_regularizer_l1": (0.5 * np.sign(w), 0 * b),
              "weight_regularizer_l2": (2 * 0.5 * w, 0 * b),
              "bias_regularizer_l1": (0 * w, 0.5 * np.sign(b)),
              "bias_regularizer_l2": (0 * w, 2 * 0.5 * b)}
    for name, (dw, db) in slopes.items():
        dweights, dbiases = gradients_with_zero_inputs(ex, w, b, **{name: 0.5})
        call = f"Dense(1, 2, {name}=0.5), w = [[1, -2]], b = [[3, -1]], after backward of ones"
        why = (f"each penalty is added when its own strength is above 0 ({name} here, the "
               "others 0): guard each one with its own strength, not another's")
        expect_close(dweights, dw, rtol=1e-12, atol=1e-15, call=f"dweights of {call}", why=why)
        expect_close(dbiases, 1.0 + db, rtol=1e-12, atol=1e-15, call=f"dbiases of {call}",
                     why=why)


def test_penalties_add_to_the_data_gradient(ex):
    """Seeded data and all four strengths against the central difference of the whole loss."""
    rng = np.random.default_rng(2)
    X, G = rng.standard_normal((5, 3)), rng.standard_normal((5, 4))
    # weights and biases at least 0.05 from 0, where |w| is smooth
    w = rng.uniform(0.05, 1.5, (3, 4)) * rng.choice([-1.0, 1.0], (3, 4))
    b = rng.uniform(0.05, 1.5, (1, 4)) * rng.choice([-1.0, 1.0], (1, 4))
    strengths = dict(zip(STRENGTHS, (0.01, 0.05, 0.02, 0.03)))
    layer = layer_with(ex, w, b, **strengths)
    layer.forward(X.copy())
    dinputs = layer.backward(G.copy())
    values = list(strengths.values())
    why = ("dweights = inputs.T @ dvalues + l1 * sign(w) + 2 * l2 * w, and dbiases = the sum "
           "of dvalues + l1_b * sign(b) + 2 * l2_b * b: each penalty's slope adds to the data "
           "gradient, it does not replace it")
    numeric = numerical_gradient(
        lambda v: float(np.sum((X @ v + b) * G)) + penalty(v, b, *values), w.copy())
    expect_gradient(layer.dweights, numeric, why=why,
                    call=f"dweights of Dense(3, 4, {shown(strengths)}) against the central "
                         "difference of sum(output * G) + regularization loss")
    numeric = numerical_gradient(
        lambda v: float(np.sum((X @ w + v) * G)) + penalty(w, v, *values), b.copy())
    expect_gradient(layer.dbiases, numeric, why=why,
                    call=f"dbiases of Dense(3, 4, {shown(strengths)}) against the central "
                         "difference of sum(output * G) + regularization loss")
    numeric = numerical_gradient(lambda v: float(np.sum((v @ w + b) * G)), X.copy())
    expect_gradient(dinputs, numeric, call="the dinputs Dense.backward returns",
                    why="the penalties do not depend on the inputs: dinputs = dvalues @ "
                        "weights.T as in exercise 08, returned as before")


def test_l1_slope_at_zero_may_be_zero_or_one(ex):
    """w=[[0, 2]], l1=0.5, zero inputs: dweights[0, 0] may be 0 or 0.5; dweights[0, 1] is 0.5."""
    dweights, _ = gradients_with_zero_inputs(ex, [[0.0, 2.0]], weight_regularizer_l1=0.5)
    call = "dweights of Dense(weight_regularizer_l1=0.5), w = [[0, 2]], after forward(zeros)"
    got = np.asarray(dweights, dtype=np.float64)
    if got.shape != (1, 2) or not any(math.isclose(got[0, 0], v, abs_tol=1e-12)
                                      for v in (0.0, 0.5)):
        fail(call, "[[0 or 0.5, 0.5]]", dweights,
             "|w| has a corner at 0: np.sign gives 0 there, the book's 1 gives l1; both do. "
             "Anything else (a nan from w / |w|) is wrong")
    expect_close(got[0, 1], 0.5, rtol=1e-12, call=call + "[0, 1]",
                 why="L1's slope is l1 * sign(w)")


def test_bias_l1_slope_at_zero_may_be_zero_or_one(ex):
    """b=[[0, -3]], l1_b=0.5, backward of ones: dbiases = 1 + [[0 or 0.5, -0.5]]."""
    # Every Dense starts with biases of exactly 0, so this corner is met at the first step.
    _, dbiases = gradients_with_zero_inputs(ex, [[1.0, 1.0]], [[0.0, -3.0]],
                                            bias_regularizer_l1=0.5)
    call = ("dbiases of Dense(1, 2, bias_regularizer_l1=0.5), b = [[0, -3]], after backward "
            "of [[1, 1]]")
    got = np.asarray(dbiases, dtype=np.float64)
    if got.shape != (1, 2) or not any(math.isclose(got[0, 0], v, abs_tol=1e-12)
                                      for v in (1.0, 1.5)):
        fail(call, "[[1 + (0 or 0.5), 0.5]]", dbiases,
             "a bias of exactly 0 (every bias, before the first step) sits on |b|'s corner: "
             "its L1 slope is 0 (np.sign) or l1 (the book), never a nan or an inf from "
             "b / |b| or l1 / sign(b)")
    expect_close(got[0, 1], 0.5, rtol=1e-12, call=call + "[0, 1]",
                 why="the data gradient 1 plus bias_regularizer_l1 * sign(-3) = -0.5")


def test_no_strengths_means_exercise_08s_gradients(ex):
    """Dense(3, 2) with the default strengths: dweights and dbiases exactly as without penalty."""
    rng = np.random.default_rng(3)
    X, G = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    layer = ex.Dense(3, 2, rng=np.random.default_rng(4))
    layer.forward(X.copy())
    layer.backward(G.copy())
    expect_close(layer.dweights, X.T @ G, rtol=1e-12,
                 call="dweights of Dense(3, 2) without strengths",
                 why="with every strength 0 the gradients are exercise 08's: "
                     "super().backward(dvalues), then add only the penalties")
    expect_close(layer.dbiases, G.sum(axis=0, keepdims=True), rtol=1e-12,
                 call="dbiases of Dense(3, 2) without strengths",
                 why="with every strength 0 the gradients are exercise 08's")


def test_backward_returns_dinputs_and_leaves_everything_alone(ex):
    """backward returns and keeps dinputs; dvalues, inputs, weights and biases stay as they were."""
    rng = np.random.default_rng(5)
    X, G = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    w, b = rng.standard_normal((3, 2)), rng.standard_normal((1, 2))
    layer = layer_with(ex, w, b, **dict(zip(STRENGTHS, (0.1, 0.2, 0.3, 0.4))))
    X_in, G_in = X.copy(), G.copy()
    layer.forward(X_in)
    got = layer.backward(G_in)
    if got is None:
        fail("Dense.backward(dvalues)", "the array dinputs", got,
             "return what exercise 08's backward returns: dinputs = super().backward(dvalues)")
    expect_close(getattr(layer, "dinputs", None), got, rtol=0, atol=0,
                 call="layer.dinputs after backward", why="keep dinputs as self.dinputs")
    for what, now, before in (("dvalues", G_in, G), ("the inputs", X_in, X),
                              ("layer.weights", layer.weights, w),
                              ("layer.biases", layer.biases, b)):
        expect_close(now, before, rtol=0, atol=0, call=f"{what} after Dense.backward",
                     why="backward only computes gradients: the optimizer changes the "
                         "parameters, and nothing changes dvalues or the inputs in place")
