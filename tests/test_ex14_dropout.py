"""Specs for exercise 14: Dropout, forward in training and at inference, and backward.

The mask is the contract's exact draw, rng.binomial(1, 1 - rate, size=inputs.shape) /
(1 - rate), so the expected masks come from the same draw on a generator seeded the same
way here; everything else (its values 0 and 1/(1 - rate), the share dropped, the mean it
keeps, the backward) is derived from what dropout is. Every draw is seeded; NumPy's
global random state is watched, never used.
"""

import numpy as np

from kata.gradcheck import numerical_gradient
from kata.judge.expect import expect_close, expect_equal, expect_gradient, expect_raises, fail

DRAW = "rng.binomial(1, 1 - rate, size=inputs.shape) / (1 - rate)"
MASK_WHY = (f"draw exactly self.{DRAW}: binomial (not random() < q), from the layer's own "
            "generator, one draw of the whole shape (size=inputs.shape), kept as "
            "self.binary_mask")


def contract_mask(seed, rate, shape, draws=1):
    """The masks of `draws` successive training forwards, from default_rng(seed)."""
    rng = np.random.default_rng(seed)
    return [rng.binomial(1, 1 - rate, size=shape) / (1 - rate) for _ in range(draws)]


def seeded_inputs(seed, shape):
    return np.random.default_rng(seed).uniform(0.5, 2.0, shape)


# ----------------------------------------------------------------------------- forward

def test_worked_example(ex):
    """rate 0.5, default_rng(9): [[1, 2, 3, 4]] -> [[2, 0, 6, 8]], mask [[2, 0, 2, 2]]."""
    # default_rng(9).binomial(1, 0.5, size=(1, 4)) draws [[1, 0, 1, 1]]; kept values x2
    layer = ex.Dropout(0.5, rng=np.random.default_rng(9))
    got = layer.forward(np.array([[1.0, 2.0, 3.0, 4.0]]))
    (mask,) = contract_mask(9, 0.5, (1, 4))
    expect_close(getattr(layer, "binary_mask", None), mask, rtol=0, atol=0,
                 call="Dropout(0.5, rng=np.random.default_rng(9)).forward([[1, 2, 3, 4]]), "
                      "then .binary_mask",
                 why=MASK_WHY)
    expect_close(got, [[2.0, 0.0, 6.0, 8.0]], rtol=1e-12,
                 call="Dropout(0.5, rng=np.random.default_rng(9)).forward([[1, 2, 3, 4]])",
                 why="output = inputs * binary_mask: dropped values become 0, kept ones are "
                     "divided by the keep rate 1 - rate = 0.5, so doubled")


def test_mask_is_the_contracts_draw_from_the_layers_generator(ex):
    """Dropout(0.3, rng=default_rng(5)) on a (4, 6) batch: mask and output from that one draw."""
    x = seeded_inputs(1, (4, 6))
    layer = ex.Dropout(0.3, rng=np.random.default_rng(5))
    got = layer.forward(x.copy())
    (mask,) = contract_mask(5, 0.3, (4, 6))
    call = "Dropout(0.3, rng=np.random.default_rng(5)).forward(x) for x of shape (4, 6)"
    expect_close(getattr(layer, "binary_mask", None), mask, rtol=1e-12, atol=0,
                 call=call + ", then .binary_mask",
                 why=MASK_WHY)
    expect_close(got, x * mask, rtol=1e-12, atol=0, call=call,
                 why="output = inputs * binary_mask")


def test_every_training_forward_draws_a_fresh_mask(ex):
    """Three forwards of one layer use the generator's first, second and third draws."""
    x = np.ones((3, 5))
    layer = ex.Dropout(0.4, rng=np.random.default_rng(6))
    masks = contract_mask(6, 0.4, (3, 5), draws=3)
    for step, mask in enumerate(masks, start=1):
        got = layer.forward(x.copy())
        expect_close(got, mask, rtol=1e-12, atol=0,
                     call=f"forward #{step} of Dropout(0.4, rng=np.random.default_rng(6)) on "
                          "ones((3, 5))",
                     why="draw a new mask at every training forward from the SAME generator, "
                         "self.rng, kept from __init__ (never reseeded, never reused)")


def test_draws_from_the_very_generator_it_was_given(ex):
    """Dropout(0.5, rng=rng) with rng = default_rng(20): its forward takes rng's first draw,
    so rng itself moves on, and the next draw from it is default_rng(20)'s second."""
    rng = np.random.default_rng(20)
    layer = ex.Dropout(0.5, rng=rng)
    layer.forward(np.ones((4, 5)))
    _, following = contract_mask(20, 0.5, (4, 5), draws=2)
    got = rng.binomial(1, 0.5, size=(4, 5)) / 0.5  # what the caller's rng draws next
    expect_close(got, following, rtol=1e-12, atol=0,
                 call="the next draw of the rng a Dropout(0.5, rng=rng) was made with, after "
                      "its forward(ones((4, 5)))",
                 why="keep the very generator you are given, self.rng = rng (no copy, no new "
                     "seed), and draw from it: layers that share one generator then draw one "
                     "after the other, while copies of it would drop exactly the same units")


def test_mask_holds_zeros_and_one_over_the_keep_rate(ex):
    """rate 0.2: every mask value is 0 or 1 / 0.8 = 1.25, so the mean output stays ~ the input."""
    layer = ex.Dropout(0.2, rng=np.random.default_rng(7))
    got = np.asarray(layer.forward(np.ones((200, 50))), dtype=np.float64)
    # 10,000 values kept with probability 0.8: the share dropped is 0.2 +- 0.004 (1 sd)
    dropped = float(np.mean(got == 0.0))
    if not abs(dropped - 0.2) < 0.02:
        fail("the share of zeros in Dropout(0.2).forward(np.ones((200, 50)))", "about 0.2",
             dropped,
             "rate is the fraction dropped: keep each value with probability 1 - rate, "
             "rng.binomial(1, 1 - rate, ...), not with probability rate")
    values = sorted(set(np.round(got.ravel(), 12).tolist()))
    if values != [0.0, 1.25]:
        fail("the values of Dropout(0.2).forward(np.ones((200, 50)))", "only 0.0 and 1.25",
             values[:6],
             "a kept value is divided by the keep rate 1 - rate = 0.8, so that its expected "
             "size is unchanged: E[x * mask] = 0.8 * x / 0.8 = x. Without the division the "
             "next layer trains on inputs 0.8 times smaller than it gets at inference")


def test_rate_zero_keeps_everything(ex):
    """Dropout(0.0) in training: the mask is all ones, the output equals the inputs."""
    x = seeded_inputs(2, (3, 4))
    got = ex.Dropout(0.0, rng=np.random.default_rng(8)).forward(x.copy())
    expect_close(got, x, rtol=1e-12, atol=0, call="Dropout(0.0).forward(x)",
                 why="rate 0 drops nothing: binomial(1, 1.0) is always 1, divided by 1")


def test_inference_returns_the_inputs_unchanged(ex):
    """training=False: the inputs come back as they are, unscaled, whatever the rate."""
    x = seeded_inputs(3, (4, 5))
    for rate in (0.1, 0.5):
        layer = ex.Dropout(rate, rng=np.random.default_rng(9))
        got = layer.forward(x.copy(), training=False)
        expect_close(got, x, rtol=0, atol=0,
                     call=f"Dropout({rate}).forward(x, training=False)",
                     why="at inference dropout does nothing: return the inputs unchanged (no "
                         "mask, and no scaling by 1 - rate either: the division in training "
                         "already made the sizes match). Look at training=False")
        expect_close(getattr(layer, "output", None), x, rtol=0, atol=0,
                     call=f"Dropout({rate}).forward(x, training=False), then .output",
                     why="keep the result as self.output in both modes")


def test_training_is_the_default(ex):
    """forward(x) without training= drops values (training=True is the default)."""
    layer = ex.Dropout(0.5, rng=np.random.default_rng(9))
    got = layer.forward(np.array([[1.0, 2.0, 3.0, 4.0]]))
    expect_close(got, [[2.0, 0.0, 6.0, 8.0]], rtol=1e-12,
                 call="Dropout(0.5, rng=np.random.default_rng(9)).forward([[1, 2, 3, 4]])",
                 why="forward(inputs, training=True): training is the default")


def test_never_touches_numpys_global_random_state(ex):
    """Creating the layer and training forwards, with and without rng=, leave np.random alone."""
    with ex.observe() as seen:
        ex.Dropout(0.5, rng=np.random.default_rng(10)).forward(np.ones((5, 5)))
        ex.Dropout(0.5).forward(np.ones((5, 5)))
    if seen.global_random_used:
        fail("NumPy's global random state after Dropout(...).forward(...)", "unchanged",
             "it moved",
             "draw from the layer's own generator, self.rng (the rng given, or a fresh "
             "np.random.default_rng()); np.random.binomial uses the global state")


def test_without_rng_each_layer_gets_a_fresh_generator(ex):
    """Two Dropout(0.5) made without rng draw different masks on a (20, 50) batch."""
    first = ex.Dropout(0.5).forward(np.ones((20, 50)))
    second = ex.Dropout(0.5).forward(np.ones((20, 50)))
    # two independent fair masks of 1,000 values agree by chance with probability 2**-1000
    if np.array_equal(np.asarray(first), np.asarray(second)):
        fail("two Dropout(0.5) layers made without rng", "different masks", "the same mask",
             "with rng=None make a fresh np.random.default_rng() (no fixed seed)")


def test_rate_must_be_at_least_0_and_below_1(ex):
    """rate 1, 1.5 and -0.1 raise ValueError; 0 and 0.99 are accepted."""
    for rate in (1.0, 1.5, -0.1):
        expect_raises(ValueError, ex.Dropout, rate, call=f"Dropout({rate})",
                      why="rate is the fraction dropped, 0 <= rate < 1: raise ValueError "
                          "otherwise (rate 1 would drop everything and divide by 0)")
    for rate in (0.0, 0.99):
        ex.Dropout(rate, rng=np.random.default_rng(0))


def test_keeps_its_rate_as_the_fraction_dropped(ex):
    """Dropout(0.3).rate is 0.3 (a saved model, exercise 17, records it), the rng kept too."""
    rng = np.random.default_rng(17)
    layer = ex.Dropout(0.3, rng=rng)
    expect_close(getattr(layer, "rate", None), 0.3, rtol=0, atol=0,
                 call="Dropout(0.3).rate",
                 why="keep self.rate = rate, the fraction DROPPED, as given (the book keeps "
                     "the keep rate 1 - rate under this name; here it is the rate itself)")
    layer.forward(np.ones((2, 3)))
    expect_close(getattr(layer, "binary_mask", None), contract_mask(17, 0.3, (2, 3))[0],
                 rtol=1e-12, atol=0, call="Dropout(0.3, rng=np.random.default_rng(17)) mask",
                 why=MASK_WHY)


# ----------------------------------------------------------------------------- backward

def test_backward_worked_example(ex):
    """Mask [[2, 0, 2, 2]] (rate 0.5, default_rng(9)), dvalues [[1, 2, 3, 4]] -> [[2, 0, 6, 8]]."""
    layer = ex.Dropout(0.5, rng=np.random.default_rng(9))
    layer.forward(np.ones((1, 4)))
    got = layer.backward(np.array([[1.0, 2.0, 3.0, 4.0]]))
    expect_close(got, [[2.0, 0.0, 6.0, 8.0]], rtol=1e-12,
                 call="Dropout(0.5).backward([[1, 2, 3, 4]]) after a forward with mask "
                      "[[2, 0, 2, 2]]",
                 why="dinputs = dvalues * self.binary_mask, the mask forward kept (no new "
                     "draw): a dropped value passes no gradient, a kept one 1/(1 - rate)")


def test_backward_matches_central_differences(ex):
    """A (4, 6) batch: backward(G) is the gradient of sum(forward(x) * G) with the mask fixed."""
    x, G = seeded_inputs(4, (4, 6)), np.random.default_rng(11).standard_normal((4, 6))
    layer = ex.Dropout(0.25, rng=np.random.default_rng(12))
    layer.forward(x.copy())
    got = layer.backward(G.copy())
    (mask,) = contract_mask(12, 0.25, (4, 6))
    numeric = numerical_gradient(lambda v: float(np.sum(v * mask * G)), x.copy())
    expect_gradient(got, numeric, call="Dropout(0.25).backward(G) for a (4, 6) batch",
                    why="output = inputs * binary_mask, so dinputs = dvalues * binary_mask "
                        "with the mask of the last training forward")


def test_each_layer_keeps_its_own_mask(ex):
    """Two layers: the first one's backward uses its own mask after the second's forward."""
    first = ex.Dropout(0.5, rng=np.random.default_rng(13))
    second = ex.Dropout(0.5, rng=np.random.default_rng(14))
    first.forward(np.ones((3, 4)))
    second.forward(np.ones((3, 4)))
    (mask,) = contract_mask(13, 0.5, (3, 4))
    expect_close(first.backward(np.ones((3, 4))), mask, rtol=1e-12, atol=0,
                 call="first.backward(ones) after first.forward and second.forward",
                 why="keep the mask on self (self.binary_mask), one per layer, never in a "
                     "global or on the class")


def test_keeps_what_it_computes_and_changes_no_argument(ex):
    """inputs, output and dinputs are kept; inputs and dvalues stay as they were; float64."""
    x, G = seeded_inputs(5, (3, 4)), np.random.default_rng(15).standard_normal((3, 4))
    x_in, G_in = x.copy(), G.copy()
    layer = ex.Dropout(0.5, rng=np.random.default_rng(16))
    out = layer.forward(x_in)
    expect_close(x_in, x, rtol=0, atol=0, call="the inputs after Dropout.forward(inputs)",
                 why="multiply into a new array, inputs * mask; inputs *= mask changes the "
                     "previous layer's output in place")
    expect_close(getattr(layer, "inputs", None), x, rtol=0, atol=0,
                 call="Dropout.forward(x), then .inputs", why="keep the inputs as self.inputs")
    expect_close(getattr(layer, "output", None), out, rtol=0, atol=0,
                 call="Dropout.forward(x), then .output", why="keep the output as self.output")
    expect_equal(str(getattr(out, "dtype", type(out).__name__)), "float64",
                 call="Dropout.forward(x).dtype for float64 x", why="float64 throughout")
    got = layer.backward(G_in)
    if got is None:
        fail("Dropout.backward(dvalues)", "the array dinputs", got,
             "return dinputs as well as keeping it as self.dinputs")
    expect_close(G_in, G, rtol=0, atol=0, call="dvalues after Dropout.backward(dvalues)",
                 why="multiply into a new array: dvalues * self.binary_mask")
    expect_close(getattr(layer, "dinputs", None), got, rtol=0, atol=0,
                 call="Dropout.backward(dvalues), then .dinputs",
                 why="keep the result as self.dinputs as well as returning it")
