"""Specs for exercise 11: Sigmoid, Tanh, LeakyReLU and Linear, forward and backward.

Expected values are worked by hand in the comments (sigmoid(ln 3) = 1/(1 + 1/3) = 0.75,
tanh(ln 2) = (2 - 1/2)/(2 + 1/2) = 0.6, ...) or computed here from formulas other than
plain Python's math, element by element; the slopes from other formulas than the
exercise's: sigmoid's as sech(x/2)**2 / 4 (sigmoid(x) = (1 + tanh(x/2)) / 2), tanh's as
sech(x)**2. Every backward is checked against the
central difference of f(x) = sum(forward(x) * G) for a fixed random G (kata.gradcheck,
relative error below 1e-6, float64).
"""

import math

import numpy as np

from kata.gradcheck import numerical_gradient
from kata.judge.expect import expect_close, expect_equal, expect_gradient, fail

NAMES = ("Sigmoid", "Tanh", "LeakyReLU", "Linear")


def sigmoid_of(v):
    """1 / (1 + e^-v) in plain Python; for v < 0 the same times e^v / e^v, so that
    math.exp only ever sees v <= 0 (math.exp(1000) raises OverflowError)."""
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def sigmoid(x):
    return np.array([sigmoid_of(float(v)) for v in np.ravel(x)]).reshape(np.shape(x))


def leaky(x, alpha=0.01):
    return np.array([v if v > 0 else alpha * v for v in np.ravel(x)]).reshape(np.shape(x))


REFERENCE = {"Sigmoid": sigmoid, "Tanh": np.tanh, "LeakyReLU": leaky, "Linear": lambda x: x}


def seeded(seed, shape, low=0.05, high=3.0):
    """Random values with |v| in [low, high], both signs: none near a corner at 0."""
    rng = np.random.default_rng(seed)
    return rng.uniform(low, high, shape) * rng.choice([-1.0, 1.0], shape)


def forward_then_backward(ex, name, x, dvalues, **kwargs):
    """(output, dinputs) of a fresh ex.<name>(**kwargs)."""
    layer = getattr(ex, name)(**kwargs)
    return layer.forward(x), layer.backward(dvalues)


def check_gradient(ex, name, seed, **kwargs):
    """backward(G) after forward(x) against the central difference of sum(f(x) * G)."""
    x = seeded(seed, (4, 5))
    G = np.random.default_rng(seed + 100).standard_normal((4, 5))
    f = REFERENCE[name] if not kwargs else (lambda v: leaky(v, **kwargs))
    _, got = forward_then_backward(ex, name, x.copy(), G.copy(), **kwargs)
    numeric = numerical_gradient(lambda v: float(np.sum(f(v) * G)), x.copy())
    return got, numeric


# ----------------------------------------------------------------------------- Sigmoid

def test_sigmoid_worked_example(ex):
    """sigmoid([[0, ln 3, -ln 3]]) = [[0.5, 0.75, 0.25]]."""
    # 1 / (1 + e^0) = 1/2;  1 / (1 + e^-ln3) = 1 / (1 + 1/3) = 3/4;  1 / (1 + 3) = 1/4
    got = ex.Sigmoid().forward(np.array([[0.0, math.log(3.0), -math.log(3.0)]]))
    expect_close(got, [[0.5, 0.75, 0.25]], rtol=1e-12,
                 call="Sigmoid().forward([[0, ln 3, -ln 3]])",
                 why="sigmoid(x) = 1 / (1 + exp(-x)) for every element")


def test_sigmoid_matches_the_formula_over_a_wide_range(ex):
    """A seeded (6, 5) batch with values in [-40, 40] against 1 / (1 + exp(-x)), worked
    out in plain Python (math.exp) entry by entry, to 1e-12 relative even in the tails."""
    x = np.random.default_rng(1).uniform(-40.0, 40.0, (6, 5))
    expect_close(ex.Sigmoid().forward(x.copy()), sigmoid(x), rtol=1e-12, atol=1e-300,
                 call="Sigmoid().forward(x) for x of shape (6, 5) in [-40, 40]",
                 why="sigmoid(x) = 1 / (1 + exp(-x)) elementwise, symmetric: "
                     "sigmoid(-x) = 1 - sigmoid(x)")


def test_sigmoid_is_finite_and_raises_no_overflow_warning_at_1000(ex):
    """sigmoid(+-1e308, +-1000, +-710, +-40): finite, right, and NumPy warns of nothing."""
    x = np.array([[-1e308, -1000.0, -710.0, -40.0, 40.0, 710.0, 1000.0, 1e308]])
    with ex.observe() as seen:
        got = ex.Sigmoid().forward(x)
    call = "Sigmoid().forward([[-1e308, -1000, -710, -40, 40, 710, 1000, 1e308]])"
    if not np.all(np.isfinite(np.asarray(got, dtype=np.float64))):
        fail(call, "finite everywhere", got,
             "exp of a large number is inf, and inf / inf is nan: exponentiate only "
             "-|x| (at most 0), e = np.exp(-np.abs(x)), then 1 / (1 + e) where x >= 0 and "
             "e / (1 + e) where x < 0")
    expect_close(got, sigmoid(x), rtol=1e-12, atol=1e-300, call=call,
                 why="sigmoid is 1 / (1 + exp(-x)): about 0 far below 0, about 1 far above")
    noisy = [w for w in seen.warnings if "overflow" in w or "invalid" in w]
    if noisy:
        fail(call + " warnings", "none", noisy,
             "np.exp(-x) overflows for x below about -709 (and np.where evaluates BOTH "
             "branches, so hiding it in one branch does not help): exponentiate -|x| "
             "instead, e = np.exp(-np.abs(x)), which is never above 1")


def test_sigmoid_backward_worked_example(ex):
    """forward [[0, ln 3]] (s = 0.5, 0.75), backward [[2, 4]] -> [[0.5, 0.75]]."""
    # slope s (1 - s): 0.5 * 0.5 = 0.25 and 0.75 * 0.25 = 0.1875;  2 * 0.25, 4 * 0.1875
    _, got = forward_then_backward(ex, "Sigmoid", np.array([[0.0, math.log(3.0)]]),
                                   np.array([[2.0, 4.0]]))
    expect_close(got, [[0.5, 0.75]], rtol=1e-12,
                 call="Sigmoid.backward([[2, 4]]) after forward([[0, ln 3]])",
                 why="dinputs = dvalues * s * (1 - s), where s is the OUTPUT forward kept "
                     "(self.output), not the input")


def test_sigmoid_gradient_matches_central_differences(ex):
    """A seeded (4, 5) batch against the central difference."""
    got, numeric = check_gradient(ex, "Sigmoid", 2)
    expect_gradient(got, numeric, call="Sigmoid.backward(G) for a (4, 5) batch",
                    why="dinputs = dvalues * s * (1 - s) with s = self.output, elementwise, "
                        "the shape of the inputs")


def test_sigmoid_gradient_is_quiet_at_the_extremes(ex):
    """The slope at +-1000 is 0, without nan or a warning."""
    sigmoid_layer = ex.Sigmoid()
    with ex.observe():  # the forward pass's own warnings are the spec above's concern
        sigmoid_layer.forward(np.array([[-1000.0, 1000.0]]))
    with ex.observe() as seen:
        got = sigmoid_layer.backward(np.array([[1.0, 1.0]]))
    call = "Sigmoid.backward([[1, 1]]) after forward([[-1000, 1000]])"
    expect_close(got, [[0.0, 0.0]], atol=1e-300, call=call,
                 why="the sigmoid is flat far from 0: s (1 - s) is 0 there. Write the slope "
                     "with the kept output, not with exp of the inputs")
    noisy = [w for w in seen.warnings if "overflow" in w or "invalid" in w]
    if noisy:
        fail(call + " warnings", "none", noisy, "s * (1 - s) needs no exponential at all")


# ----------------------------------------------------------------------------- Tanh

def test_tanh_worked_example(ex):
    """tanh([[0, ln 2, -ln 2, 1000, -1000]]) = [[0, 0.6, -0.6, 1, -1]]."""
    # tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 1.5 / 2.5 = 0.6;  tanh is odd;  +-1 far out
    with ex.observe():  # an overflow warning is not this spec's concern, only the values
        got = ex.Tanh().forward(np.array([[0.0, math.log(2.0), -math.log(2.0), 1000.0,
                                           -1000.0]]))
    expect_close(got, [[0.0, 0.6, -0.6, 1.0, -1.0]], rtol=1e-12, atol=1e-15,
                 call="Tanh().forward([[0, ln 2, -ln 2, 1000, -1000]])",
                 why="use np.tanh: (e^x - e^-x) / (e^x + e^-x) by hand is inf / inf = nan "
                     "for large |x|")


def test_tanh_backward_worked_example(ex):
    """forward [[0, ln 2, -ln 2]] (t = 0, 0.6, -0.6), backward [[1, 1, 2]] -> [[1, 0.64, 1.28]]."""
    # slope 1 - t**2: 1, 1 - 0.36 = 0.64, 0.64;  times dvalues 1, 1, 2
    _, got = forward_then_backward(ex, "Tanh",
                                   np.array([[0.0, math.log(2.0), -math.log(2.0)]]),
                                   np.array([[1.0, 1.0, 2.0]]))
    expect_close(got, [[1.0, 0.64, 1.28]], rtol=1e-12,
                 call="Tanh.backward([[1, 1, 2]]) after forward([[0, ln 2, -ln 2]])",
                 why="dinputs = dvalues * (1 - t**2) with t = tanh(x), the OUTPUT forward "
                     "kept, not the input: 1 - x**2 is not tanh's slope")


def test_tanh_gradient_matches_central_differences(ex):
    """A seeded (4, 5) batch against the central difference."""
    got, numeric = check_gradient(ex, "Tanh", 3)
    expect_gradient(got, numeric, call="Tanh.backward(G) for a (4, 5) batch",
                    why="dinputs = dvalues * (1 - t**2) with t = self.output, the OUTPUT "
                        "forward kept, not the input")


# ----------------------------------------------------------------------------- LeakyReLU

def test_leaky_relu_worked_example(ex):
    """LeakyReLU() (alpha 0.01): [[2, -3, 0, -0.5]] -> [[2, -0.03, 0, -0.005]]."""
    got = ex.LeakyReLU().forward(np.array([[2.0, -3.0, 0.0, -0.5]]))
    expect_close(got, [[2.0, -0.03, 0.0, -0.005]], rtol=1e-12,
                 call="LeakyReLU().forward([[2, -3, 0, -0.5]])",
                 why="positives pass, everything else is multiplied by alpha (0.01 by "
                     "default): np.where(inputs > 0, inputs, alpha * inputs)")


def test_leaky_relu_uses_its_own_alpha(ex):
    """LeakyReLU(alpha=0.2): [[-3, 1]] -> [[-0.6, 1]]; a default one made after it keeps 0.01."""
    custom = ex.LeakyReLU(alpha=0.2)
    default = ex.LeakyReLU()
    got = custom.forward(np.array([[-3.0, 1.0]]))
    expect_close(got, [[-0.6, 1.0]], rtol=1e-12, call="LeakyReLU(alpha=0.2).forward([[-3, 1]])",
                 why="use the alpha this layer was made with, self.alpha (not a fixed "
                     "0.01): alpha belongs to each layer, not to the class")
    expect_close(default.forward(np.array([[-3.0]])), [[-0.03]], rtol=1e-12,
                 call="LeakyReLU().forward([[-3]]) next to a LeakyReLU(alpha=0.2)",
                 why="alpha belongs to each layer (self.alpha = alpha in __init__), "
                     "not to the class")


def test_leaky_relu_backward_worked_example(ex):
    """forward [[2, -3]], backward [[5, 5]] -> [[5, 0.05]]; with alpha 0.2, [[5, 1]]."""
    # slope 1 above 0, alpha below:  5 * 1, 5 * 0.01;  then 5 * 1, 5 * 0.2
    why = ("dinputs = dvalues where the input was > 0 and alpha * dvalues elsewhere: the "
           "slope below 0 is alpha (not 0 as for ReLU, and not alpha times the input)")
    for kwargs, expected in (({}, [[5.0, 0.05]]), ({"alpha": 0.2}, [[5.0, 1.0]])):
        _, got = forward_then_backward(ex, "LeakyReLU", np.array([[2.0, -3.0]]),
                                       np.array([[5.0, 5.0]]), **kwargs)
        shown = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        expect_close(got, expected, rtol=1e-12,
                     call=f"LeakyReLU({shown}).backward([[5, 5]]) after forward([[2, -3]])",
                     why=why)


def test_leaky_relu_slope_at_zero_is_either_side(ex):
    """At an input of exactly 0 the slope may be alpha or 1 (the corner): both accepted."""
    _, got = forward_then_backward(ex, "LeakyReLU", np.array([[0.0]]), np.array([[4.0]]))
    value = float(np.asarray(got, dtype=np.float64).ravel()[0])
    if not (math.isclose(value, 0.04, rel_tol=1e-9) or math.isclose(value, 4.0, rel_tol=1e-9)):
        fail("LeakyReLU().backward([[4]]) after forward([[0]])", "0.04 or 4.0", got,
             "at 0 take either side's slope, alpha (0.01) or 1, times dvalues")


def test_leaky_relu_gradient_matches_central_differences(ex):
    """Seeded (4, 5) batches against the central difference, alpha 0.01 and 0.3."""
    for seed, kwargs in ((4, {}), (5, {"alpha": 0.3})):
        got, numeric = check_gradient(ex, "LeakyReLU", seed, **kwargs)
        shown = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        expect_gradient(got, numeric, call=f"LeakyReLU({shown}).backward(G) for a (4, 5) batch",
                        why="dvalues where the input was > 0, alpha * dvalues elsewhere")


# ----------------------------------------------------------------------------- Linear

def test_linear_passes_values_and_gradients_through(ex):
    """forward [[-2.5, 0, 7]] -> the same; backward [[0.5, -4, 1]] -> the same."""
    out, got = forward_then_backward(ex, "Linear", np.array([[-2.5, 0.0, 7.0]]),
                                     np.array([[0.5, -4.0, 1.0]]))
    expect_close(out, [[-2.5, 0.0, 7.0]], rtol=0, atol=0,
                 call="Linear().forward([[-2.5, 0, 7]])", why="the identity: output = inputs")
    expect_close(got, [[0.5, -4.0, 1.0]], rtol=0, atol=0,
                 call="Linear.backward([[0.5, -4, 1]]) after forward",
                 why="the slope of the identity is 1 everywhere: dinputs = dvalues.copy(), "
                     "kept as self.dinputs and returned")


def test_linear_gradient_matches_central_differences(ex):
    """A seeded (4, 5) batch against the central difference."""
    got, numeric = check_gradient(ex, "Linear", 6)
    expect_gradient(got, numeric, call="Linear.backward(G) for a (4, 5) batch",
                    why="dinputs = dvalues.copy(), returned (a backward that returns nothing "
                        "gives None)")


# ----------------------------------------------------------------------------- all four

def test_every_activation_keeps_inputs_output_and_dinputs(ex):
    """forward keeps self.inputs and self.output; backward returns and keeps self.dinputs."""
    x, G = seeded(7, (3, 4)), np.random.default_rng(7).standard_normal((3, 4))
    for name in NAMES:
        layer = getattr(ex, name)()
        out = layer.forward(x.copy())
        expect_close(getattr(layer, "inputs", None), x, rtol=0, atol=0,
                     call=f"{name}: self.inputs after forward(x)",
                     why="keep the inputs as self.inputs: backward needs them")
        expect_close(getattr(layer, "output", None), out, rtol=0, atol=0,
                     call=f"{name}: self.output after forward(x)",
                     why="keep the result as self.output as well as returning it")
        got = layer.backward(G.copy())
        if got is None:
            fail(f"{name}.backward(G)", "the array dinputs", got,
                 "return dinputs as well as keeping it as self.dinputs (a function without "
                 "return gives None)")
        expect_close(getattr(layer, "dinputs", None), got, rtol=0, atol=0,
                     call=f"{name}: self.dinputs after backward(G)",
                     why="keep the result as self.dinputs as well as returning it")


def test_no_activation_changes_its_arguments(ex):
    """forward leaves the inputs and backward leaves dvalues as they were."""
    x, G = seeded(8, (3, 4)), np.random.default_rng(8).standard_normal((3, 4))
    for name in NAMES:
        x_in, G_in = x.copy(), G.copy()
        layer = getattr(ex, name)()
        layer.forward(x_in)
        expect_close(x_in, x, rtol=0, atol=0, call=f"the array x after {name}().forward(x)",
                     why="build a new array: writing into the inputs in place (x *= ..., "
                         "x[x < 0] = ..., out=x) changes the previous layer's output")
        layer.backward(G_in)
        expect_close(G_in, G, rtol=0, atol=0, call=f"dvalues after {name}.backward(dvalues)",
                     why="build a new array: changing dvalues in place (*=) changes the "
                         "gradient the layer above handed down")


def test_every_activation_works_on_any_shape_in_float64(ex):
    """A vector, a batch and a 3-D stack: the same shape comes back, float64 in, float64 out."""
    for name in NAMES:
        for seed, shape in ((9, (5,)), (10, (2, 3)), (11, (2, 3, 4))):
            x = seeded(seed, shape)
            G = np.random.default_rng(seed).standard_normal(shape)
            out, got = forward_then_backward(ex, name, x, G)
            for what, value in (("forward", out), ("backward", got)):
                expect_equal(str(getattr(value, "dtype", type(value).__name__)), "float64",
                             call=f"{name}().{what}(...) dtype for float64 values of shape "
                                  f"{shape}",
                             why="float64 in, float64 out: no casting (float32 keeps only "
                                 "about 7 digits)")
            expect_close(out, REFERENCE[name](x), rtol=1e-12, atol=1e-300,
                         call=f"{name}().forward(x) for x of shape {shape}",
                         why="work elementwise on any shape: no loop over rows, no reshape")


def test_each_layer_backs_up_through_its_own_forward(ex):
    """Two layers of one kind: each backward uses the values its own forward kept."""
    x1, x2 = np.array([[0.5, -1.5]]), np.array([[-2.0, 2.5]])
    G = np.array([[1.0, 1.0]])
    slopes = {"Sigmoid": lambda v: 0.25 / np.cosh(0.5 * v) ** 2,  # sech(x/2)**2 / 4
              "Tanh": lambda v: 1.0 / np.cosh(v) ** 2,           # sech(x)**2
              "LeakyReLU": lambda v: np.where(v > 0, 1.0, 0.01),
              "Linear": np.ones_like}
    for name in NAMES:
        first, second = getattr(ex, name)(), getattr(ex, name)()
        first.forward(x1.copy())  # copies: x1 is worked with afterwards
        second.forward(x2.copy())
        expect_close(first.backward(G), slopes[name](x1), rtol=1e-12,
                     call=f"{name}: first.backward([[1, 1]]) after first.forward({x1.tolist()}) "
                          f"and second.forward({x2.tolist()})",
                     why="keep what backward needs on self (self.inputs, self.output), one "
                         "copy per layer, never on the class or in a global")
