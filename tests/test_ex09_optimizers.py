"""Specs for exercise 09: SGD (decay, momentum), Adagrad, RMSprop and Adam.

Every expected step is worked by hand in the comments (and written out as arithmetic in
the spec), never taken from the solution. The layers are stand-ins that have only the
four names an optimizer may read: weights, biases, dweights, dbiases.
"""

import math

import numpy as np
import pytest

from kata.judge.expect import expect_close, expect_equal, fail


@pytest.fixture(autouse=True)
def _learner(ex):
    global EX
    EX = ex


def OnlyWeightsBiasesAndGradients(weights, dweights, biases=(0.0,), dbiases=(0.0,)):  # noqa: N802
    """A layer with nothing but the four names an optimizer reads (it may add its own),
    made in the learner's process (tests/SPECS.md)."""
    return EX.namespace(weights=np.array([weights], dtype=np.float64),
                        dweights=np.array([dweights], dtype=np.float64),
                        biases=np.array([biases], dtype=np.float64),
                        dbiases=np.array([dbiases], dtype=np.float64))


def take_steps(opt, layers, gradients=None):
    """One training step per entry of `gradients` (or one step), updating every layer."""
    for grads in gradients or [None]:
        if grads is not None:
            for each, g in zip(layers, grads):
                each.dweights = np.array([[g]])
        opt.pre_update_params()
        for each in layers:
            opt.update_params(each)
        opt.post_update_params()


def weights_after(optimizer, gradients, w0=1.0):
    """The single weight of a one-weight layer after one step per gradient, w starting at w0."""
    layer = OnlyWeightsBiasesAndGradients([w0], [0.0])
    take_steps(optimizer, [layer], [[g] for g in gradients])
    return layer.weights


# ----------------------------------------------------------------------------- SGD

def test_sgd_steps_against_the_gradient(ex):
    """SGD(0.1): w=[1,-2], dw=[.5,-1], b=.5, db=2 -> w=[.95,-1.9], b=.3 after one step."""
    layer = OnlyWeightsBiasesAndGradients([1.0, -2.0], [0.5, -1.0], [0.5], [2.0])
    take_steps(ex.SGD(learning_rate=0.1), [layer])
    # w - 0.1 * dw = [1 - 0.05, -2 + 0.1];  b - 0.1 * db = 0.5 - 0.2
    expect_close(layer.weights, [[0.95, -1.9]], call="weights after one SGD(0.1) step",
                 why="p -= current_learning_rate * gradient: against the gradient, not along it")
    expect_close(layer.biases, [[0.3]], call="biases after one SGD(0.1) step",
                 why="update the biases too, with dbiases")


def test_sgd_default_learning_rate_is_one(ex):
    """SGD() with dw=0.25 moves w from 1 to 0.75 (learning_rate 1.0)."""
    expect_close(weights_after(ex.SGD(), [0.25]), [[0.75]],
                 call="w after one SGD() step with w=1, dw=0.25",
                 why="the default learning_rate is 1.0: w - 1.0 * 0.25")


def test_sgd_decay_starts_after_the_first_step(ex):
    """SGD(1.0, decay=0.5), dw=1: rates 1, 1/1.5, 1/2; w 0 -> -1 -> -1.6667 -> -2.1667."""
    sgd = ex.SGD(learning_rate=1.0, decay=0.5)
    layer = OnlyWeightsBiasesAndGradients([0.0], [1.0])
    rates = []
    for _ in range(3):
        sgd.pre_update_params()
        rates.append(sgd.current_learning_rate)
        sgd.update_params(layer)
        sgd.post_update_params()
    # current_learning_rate = 1 / (1 + 0.5 * iterations), iterations = 0, 1, 2
    expect_close(rates, [1.0, 1 / 1.5, 1 / 2.0], rtol=1e-12,
                 call="current_learning_rate after pre_update_params(), steps 1 to 3",
                 why="current_learning_rate = learning_rate / (1 + decay * iterations), with "
                     "iterations 0 on the first step: decay starts to act after the first step")
    expect_close(layer.weights, [[-(1.0 + 1 / 1.5 + 0.5)]], rtol=1e-12,
                 call="w after three SGD(1.0, decay=0.5) steps with dw=1",
                 why="each step uses that step's current_learning_rate (1, then 1/1.5, then "
                     "1/2), not the initial learning_rate")


def test_sgd_momentum_builds_up(ex):
    """SGD(0.1, momentum=0.9), dw=0.5: updates -.05, -.095, -.1355; w 1 -> .95 -> .855 -> .7195."""
    # u1 = 0.9*0 - 0.05 = -0.05;  u2 = 0.9*(-0.05) - 0.05 = -0.095;  u3 = 0.9*(-0.095) - 0.05
    expect_close(weights_after(ex.SGD(learning_rate=0.1, momentum=0.9), [0.5] * 3),
                 [[1.0 - 0.05 - 0.095 - 0.1355]], rtol=1e-12,
                 call="w after three SGD(0.1, momentum=0.9) steps with dw=0.5",
                 why="u = momentum * u_previous - current_learning_rate * gradient, then p += u; "
                     "u starts at 0 and is remembered for the next step")


# ----------------------------------------------------------------------------- Adagrad

def test_adagrad_steps(ex):
    """Adagrad(0.1, epsilon=0.5), dw=2 twice: caches 4, 8; w 1 -> 0.92 -> 0.86."""
    # step 1: 0.1 * 2 / (sqrt(4) + 0.5) = 0.08;  step 2: 0.1 * 2 / (sqrt(8) + 0.5) = 0.0600889
    expected = 1.0 - 0.2 / 2.5 - 0.2 / (math.sqrt(8.0) + 0.5)
    expect_close(weights_after(ex.Adagrad(learning_rate=0.1, epsilon=0.5), [2.0, 2.0]),
                 [[expected]], rtol=1e-12, call="w after two Adagrad(0.1, epsilon=0.5) steps, dw=2",
                 why="cache += gradient**2 (a running SUM), then p -= lr * gradient / "
                     "(sqrt(cache) + epsilon): epsilon outside the square root")


def test_adagrad_default_epsilon_outside_the_root(ex):
    """Adagrad() with a tiny gradient 1e-6: w moves by 1e-6 / (1e-6 + 1e-7) = 0.909091."""
    # cache = 1e-12, sqrt = 1e-6; inside the root, sqrt(1e-12 + 1e-7) would be 3.2e-4
    expect_close(weights_after(ex.Adagrad(), [1e-6]), [[1.0 - 1e-6 / (1e-6 + 1e-7)]],
                 rtol=1e-9, call="w after one Adagrad() step with w=1, dw=1e-6",
                 why="learning_rate 1.0 and epsilon 1e-7 by default, and epsilon goes outside "
                     "the square root: sqrt(cache) + epsilon")


# ----------------------------------------------------------------------------- RMSprop

def test_rmsprop_steps(ex):
    """RMSprop(0.1), dw=0.5 twice: caches 0.025, 0.0475; w 1 -> 0.683772 -> 0.454356."""
    # cache1 = 0.1 * 0.25 = 0.025;  cache2 = 0.9 * 0.025 + 0.1 * 0.25 = 0.0475
    expected = 1.0 - 0.05 / (math.sqrt(0.025) + 1e-7) - 0.05 / (math.sqrt(0.0475) + 1e-7)
    expect_close(weights_after(ex.RMSprop(learning_rate=0.1), [0.5, 0.5]), [[expected]],
                 rtol=1e-12, call="w after two RMSprop(0.1) steps with dw=0.5",
                 why="cache = rho * cache + (1 - rho) * gradient**2 (rho = 0.9 keeps 90% of the "
                     "old cache), then p -= lr * gradient / (sqrt(cache) + epsilon)")


def test_rmsprop_defaults(ex):
    """RMSprop() (learning_rate 0.001, rho 0.9), dw=0.5: w = 1 - 0.0005 / sqrt(0.025)."""
    expect_close(weights_after(ex.RMSprop(), [0.5]), [[1.0 - 0.0005 / (math.sqrt(0.025) + 1e-7)]],
                 rtol=1e-12, call="w after one RMSprop() step with w=1, dw=0.5",
                 why="defaults learning_rate=0.001, rho=0.9, epsilon=1e-7: cache = 0.1 * 0.25")


# ----------------------------------------------------------------------------- Adam

def test_adam_first_step_is_bias_corrected(ex):
    """Adam(0.1), dw=0.5: m_hat = 0.05/0.1 = 0.5, v_hat = 0.00025/0.001 = 0.25, w = 1 - 0.1."""
    expect_close(weights_after(ex.Adam(learning_rate=0.1), [0.5]),
                 [[1.0 - 0.1 * 0.5 / (0.5 + 1e-7)]], rtol=1e-12,
                 call="w after one Adam(0.1) step with w=1, dw=0.5",
                 why="bias correction: m_hat = m / (1 - beta_1 ** (iterations + 1)) and "
                     "v_hat = v / (1 - beta_2 ** (iterations + 1)); without it the first step "
                     "is 0.1 * 0.05 / sqrt(0.00025), three times too big")


def test_adam_two_steps(ex):
    """Adam(0.1), dw=0.5 then -0.25: the second step is +0.026634 (w 1 -> 0.9 -> 0.926634)."""
    # step 2: m = 0.9 * 0.05 + 0.1 * (-0.25) = 0.02,          m_hat = 0.02 / (1 - 0.9**2)
    #         v = 0.999 * 0.00025 + 0.001 * 0.0625 = 0.00031225, v_hat = v / (1 - 0.999**2)
    m_hat, v_hat = 0.02 / (1 - 0.9 ** 2), 0.00031225 / (1 - 0.999 ** 2)
    expected = 1.0 - 0.1 * 0.5 / (0.5 + 1e-7) - 0.1 * m_hat / (math.sqrt(v_hat) + 1e-7)
    expect_close(weights_after(ex.Adam(learning_rate=0.1), [0.5, -0.25]), [[expected]],
                 rtol=1e-12, call="w after Adam(0.1) steps with dw=0.5, then dw=-0.25",
                 why="m and v are running means kept from step to step; the bias correction "
                     "uses the step count iterations + 1 (1 - 0.9**2 on the second step)")


def test_adam_epsilon_outside_the_root(ex):
    """Adam(0.1, epsilon=0.5), dw=2: m_hat=2, v_hat=4, w = 1 - 0.1 * 2 / (2 + 0.5) = 0.92."""
    expect_close(weights_after(ex.Adam(learning_rate=0.1, epsilon=0.5), [2.0]), [[0.92]],
                 rtol=1e-12, call="w after one Adam(0.1, epsilon=0.5) step with dw=2",
                 why="epsilon goes outside the square root: sqrt(v_hat) + epsilon, not "
                     "sqrt(v_hat + epsilon) (that would give 1 - 0.2 / sqrt(4.5))")


def test_adam_with_decay(ex):
    """Adam(0.1, decay=1), dw=0.5 three times: rates 0.1, 0.05, 0.0333, each step ~ the rate."""
    # With a constant gradient g, m_hat = g and v_hat = g**2 on every step: each step is
    # lr * 0.5 / (0.5 + 1e-7), with lr = 0.1 / (1 + iterations) = 0.1, 0.05, 0.0333...
    expected = 1.0 - (0.1 + 0.05 + 0.1 / 3) * 0.5 / (0.5 + 1e-7)
    expect_close(weights_after(ex.Adam(learning_rate=0.1, decay=1.0), [0.5] * 3), [[expected]],
                 rtol=1e-9, call="w after three Adam(0.1, decay=1.0) steps with dw=0.5",
                 why="use current_learning_rate (decayed in pre_update_params), not "
                     "learning_rate; the first step is undecayed")


def test_adam_defaults(ex):
    """Adam() (learning_rate 0.001), dw=-3: the first step is +0.001."""
    expect_close(weights_after(ex.Adam(), [-3.0]), [[1.0 + 0.001 * 3.0 / (3.0 + 1e-7)]],
                 rtol=1e-12, call="w after one Adam() step with w=1, dw=-3",
                 why="defaults learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7; "
                     "the bias-corrected first step has size learning_rate")


# ----------------------------------------------------------------------------- all four

OPTIMIZERS = {
    "SGD(0.1, momentum=0.9)": lambda ex: ex.SGD(learning_rate=0.1, momentum=0.9),
    "Adagrad(0.1)": lambda ex: ex.Adagrad(learning_rate=0.1),
    "RMSprop(0.1)": lambda ex: ex.RMSprop(learning_rate=0.1),
    "Adam(0.1)": lambda ex: ex.Adam(learning_rate=0.1),
}


def test_iterations_count_the_steps(ex):
    """After three steps every optimizer's iterations is 3 (post_update_params adds 1)."""
    for name, make in OPTIMIZERS.items():
        optimizer = make(ex)
        take_steps(optimizer, [OnlyWeightsBiasesAndGradients([1.0], [0.5])], [[0.5]] * 3)
        expect_equal(optimizer.iterations, 3, call=f"{name}.iterations after three steps",
                     why="post_update_params adds 1 to iterations after every step; decay and "
                         "Adam's bias correction both count on it")


def test_two_layers_never_share_state(ex):
    """Two layers stepped together end where each would alone: momentum and caches per layer."""
    for name, make in OPTIMIZERS.items():
        grads = [[0.5, -2.0], [0.3, -1.0], [0.8, 0.5]]
        together = [OnlyWeightsBiasesAndGradients([1.0], [0.0]),
                    OnlyWeightsBiasesAndGradients([1.0], [0.0])]
        take_steps(make(ex), together, grads)
        for i in range(2):
            alone = weights_after(make(ex), [g[i] for g in grads])
            expect_close(together[i].weights, alone, rtol=1e-12,
                         call=f"{name}: layer {i + 1}'s weights after three steps taken "
                              f"together with another layer",
                         why="keep momentum and caches per layer (self.layer_state(layer), "
                             "or arrays stored on the layer itself): one shared array mixes "
                             "the two layers' gradients")


def test_only_the_four_names_are_read_and_gradients_stay(ex):
    """Every optimizer updates a layer that has only weights, biases, dweights, dbiases."""
    for name, make in OPTIMIZERS.items():
        layer = OnlyWeightsBiasesAndGradients([1.0, -1.0], [0.5, -0.5], [0.2], [1.0])
        take_steps(make(ex), [layer])
        if np.any(layer.weights == [[1.0, -1.0]]) or np.any(layer.biases == [[0.2]]):
            fail(f"{name}: weights and biases after one step", "changed", layer.weights,
                 "update_params changes layer.weights and layer.biases (with += / -=, or by "
                 "assigning new arrays to them)")
        expect_close(np.concatenate([layer.dweights, layer.dbiases], axis=1),
                     [[0.5, -0.5, 1.0]], call=f"{name}: dweights and dbiases after a step",
                     why="the optimizer reads the gradients; it must not change them")
