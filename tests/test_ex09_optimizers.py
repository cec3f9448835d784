"""Specs for exercise 09: SGD (decay, momentum), Adagrad, RMSprop and Adam.

Every expected step is worked by hand in the comments (and written out as arithmetic in
the spec), or follows the update rules of the contract, written out below in `reference`
from the formulas (never taken from the solution). The layers are stand-ins made where
the learner's code runs, with only the four names an optimizer may read: weights,
biases, dweights, dbiases.
"""

import math

import numpy as np

from kata.judge.expect import expect_close, expect_equal, fail


def stand_in(ex, weights, dweights, biases=(0.0,), dbiases=(0.0,)):
    """A layer with nothing but the four names an optimizer reads (it may add its own)."""
    return ex.namespace(weights=np.array([weights], dtype=np.float64),
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


def weights_after(ex, optimizer, gradients, w0=1.0):
    """The single weight of a one-weight layer after one step per gradient, w starting at w0."""
    layer = stand_in(ex, [w0], [0.0])
    take_steps(optimizer, [layer], [[g] for g in gradients])
    return layer.weights


def reference(kind, settings, params, gradients):
    """The contract's update rules, step by step: the parameters after each step.

    kind: SGD, Adagrad, RMSprop or Adam; settings: the constructor's keywords (every one
    given); params: the starting arrays; gradients: one list of gradients per step.
    """
    params = [np.array(p, dtype=np.float64) for p in params]
    first = [np.zeros_like(p) for p in params]   # SGD's u, Adam's m
    second = [np.zeros_like(p) for p in params]  # the caches, Adam's v
    after = []
    for t, grads in enumerate(gradients):  # t = iterations before this step
        lr = settings["learning_rate"] / (1.0 + settings.get("decay", 0.0) * t)
        for i, g in enumerate(np.array(g, dtype=np.float64) for g in grads):
            if kind == "SGD":
                first[i] = settings.get("momentum", 0.0) * first[i] - lr * g
                params[i] = params[i] + first[i]
            elif kind == "Adagrad":
                second[i] = second[i] + g ** 2
                params[i] = params[i] - lr * g / (np.sqrt(second[i]) + settings["epsilon"])
            elif kind == "RMSprop":
                rho = settings["rho"]
                second[i] = rho * second[i] + (1 - rho) * g ** 2
                params[i] = params[i] - lr * g / (np.sqrt(second[i]) + settings["epsilon"])
            else:
                b1, b2 = settings["beta_1"], settings["beta_2"]
                first[i] = b1 * first[i] + (1 - b1) * g
                second[i] = b2 * second[i] + (1 - b2) * g ** 2
                m_hat, v_hat = first[i] / (1 - b1 ** (t + 1)), second[i] / (1 - b2 ** (t + 1))
                params[i] = params[i] - lr * m_hat / (np.sqrt(v_hat) + settings["epsilon"])
        after.append([p.copy() for p in params])
    return after


# ----------------------------------------------------------------------------- SGD

def test_sgd_steps_against_the_gradient(ex):
    """SGD(0.1): w=[1,-2], dw=[.5,-1], b=.5, db=2 -> w=[.95,-1.9], b=.3 after one step."""
    layer = stand_in(ex, [1.0, -2.0], [0.5, -1.0], [0.5], [2.0])
    take_steps(ex.SGD(learning_rate=0.1), [layer])
    # w - 0.1 * dw = [1 - 0.05, -2 + 0.1];  b - 0.1 * db = 0.5 - 0.2
    expect_close(layer.weights, [[0.95, -1.9]], call="weights after one SGD(0.1) step",
                 why="p -= current_learning_rate * gradient: against the gradient, not along it")
    expect_close(layer.biases, [[0.3]], call="biases after one SGD(0.1) step",
                 why="update the biases too, with dbiases")


def test_sgd_default_learning_rate_is_one(ex):
    """SGD() with dw=0.25 moves w from 1 to 0.75 (learning_rate 1.0)."""
    expect_close(weights_after(ex, ex.SGD(), [0.25]), [[0.75]],
                 call="w after one SGD() step with w=1, dw=0.25",
                 why="the default learning_rate is 1.0: w - 1.0 * 0.25")


def test_sgd_decay_starts_after_the_first_step(ex):
    """SGD(1.0, decay=0.5), dw=1: rates 1, 1/1.5, 1/2; w 0 -> -1 -> -1.6667 -> -2.1667."""
    sgd = ex.SGD(learning_rate=1.0, decay=0.5)
    layer = stand_in(ex, [0.0], [1.0])
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
    expect_close(weights_after(ex, ex.SGD(learning_rate=0.1, momentum=0.9), [0.5] * 3),
                 [[1.0 - 0.05 - 0.095 - 0.1355]], rtol=1e-12,
                 call="w after three SGD(0.1, momentum=0.9) steps with dw=0.5",
                 why="u = momentum * u_previous - current_learning_rate * gradient, then p += u; "
                     "u starts at 0 and is remembered for the next step")


def test_sgd_momentum_with_decay_for_weights_and_biases(ex):
    """SGD(1.0, decay=1.0, momentum=0.5), dw=1, db=-2: w 0 -> -1 -> -2 -> -2.8333, b to 5.6667."""
    # rates 1, 1/2, 1/3.  u_w: -1;  0.5*(-1) - 0.5 = -1;  0.5*(-1) - 1/3 = -0.8333
    #                     u_b:  2;  0.5*2 + 1 = 2;       0.5*2 + 2/3 = 1.6667
    layer = stand_in(ex, [0.0], [1.0], [0.0], [-2.0])
    sgd = ex.SGD(learning_rate=1.0, decay=1.0, momentum=0.5)
    take_steps(sgd, [layer], [None, None, None])
    call = "after three SGD(1.0, decay=1.0, momentum=0.5) steps with dw=1, db=-2"
    expect_close(layer.weights, [[-1.0 - 1.0 - 5 / 6]], rtol=1e-12, call=f"w {call}",
                 why="u = momentum * u_previous - current_learning_rate * gradient: the new "
                     "part of the momentum uses this step's decayed current_learning_rate "
                     "(1, 1/2, 1/3 here), not the initial learning_rate")
    expect_close(layer.biases, [[2.0 + 2.0 + 5 / 3]], rtol=1e-12, call=f"b {call}",
                 why="the biases take momentum steps too, with their own bias_momentums: "
                     "u_b = momentum * u_b_previous - current_learning_rate * dbiases; "
                     "b += u_b (a plain step b -= lr * dbiases forgets the momentum)")


# ----------------------------------------------------------------------------- Adagrad

def test_adagrad_steps(ex):
    """Adagrad(0.1, epsilon=0.5), dw=2 twice: caches 4, 8; w 1 -> 0.92 -> 0.86."""
    # step 1: 0.1 * 2 / (sqrt(4) + 0.5) = 0.08;  step 2: 0.1 * 2 / (sqrt(8) + 0.5) = 0.0600889
    expected = 1.0 - 0.2 / 2.5 - 0.2 / (math.sqrt(8.0) + 0.5)
    expect_close(weights_after(ex, ex.Adagrad(learning_rate=0.1, epsilon=0.5), [2.0, 2.0]),
                 [[expected]], rtol=1e-12, call="w after two Adagrad(0.1, epsilon=0.5) steps, dw=2",
                 why="cache += gradient**2 (a running SUM), then p -= lr * gradient / "
                     "(sqrt(cache) + epsilon): epsilon outside the square root")


def test_adagrad_default_epsilon_outside_the_root(ex):
    """Adagrad() with a tiny gradient 1e-6: w moves by 1e-6 / (1e-6 + 1e-7) = 0.909091."""
    # cache = 1e-12, sqrt = 1e-6; inside the root, sqrt(1e-12 + 1e-7) would be 3.2e-4
    expect_close(weights_after(ex, ex.Adagrad(), [1e-6]), [[1.0 - 1e-6 / (1e-6 + 1e-7)]],
                 rtol=1e-9, call="w after one Adagrad() step with w=1, dw=1e-6",
                 why="learning_rate 1.0 and epsilon 1e-7 by default, and epsilon goes outside "
                     "the square root: sqrt(cache) + epsilon")


def test_adagrad_with_decay_for_weights_and_biases(ex):
    """Adagrad(1.0, decay=1.0), dw=2, db=-1, three steps: rates 1, 1/2, 1/3, caches summed."""
    # weight cache 4, 8, 12;  bias cache 1, 2, 3 (a running sum for the biases as well)
    # w = -(1 * 2/(2 + e) + 1/2 * 2/(sqrt 8 + e) + 1/3 * 2/(sqrt 12 + e))
    # b = +(1 * 1/(1 + e) + 1/2 * 1/(sqrt 2 + e) + 1/3 * 1/(sqrt 3 + e)),  e = 1e-7
    e = 1e-7
    layer = stand_in(ex, [0.0], [2.0], [0.0], [-1.0])
    take_steps(ex.Adagrad(learning_rate=1.0, decay=1.0), [layer], [None, None, None])
    call = "after three Adagrad(1.0, decay=1.0) steps with dw=2, db=-1"
    expect_close(layer.weights, [[-(2 / (2 + e) + 1 / (math.sqrt(8) + e) + 2 / 3 / (
        math.sqrt(12) + e))]], rtol=1e-12, call=f"w {call}",
                 why="each step uses this step's current_learning_rate (decayed in "
                     "pre_update_params), not learning_rate")
    expect_close(layer.biases, [[1 / (1 + e) + 0.5 / (math.sqrt(2) + e) + 1 / 3 / (
        math.sqrt(3) + e)]], rtol=1e-12, call=f"b {call}",
                 why="the bias cache accumulates like the weight cache (bias_cache += "
                     "dbiases**2, a running sum kept between steps), and the step uses "
                     "current_learning_rate")


# ----------------------------------------------------------------------------- RMSprop

def test_rmsprop_steps(ex):
    """RMSprop(0.1), dw=0.5 twice: caches 0.025, 0.0475; w 1 -> 0.683772 -> 0.454356."""
    # cache1 = 0.1 * 0.25 = 0.025;  cache2 = 0.9 * 0.025 + 0.1 * 0.25 = 0.0475
    expected = 1.0 - 0.05 / (math.sqrt(0.025) + 1e-7) - 0.05 / (math.sqrt(0.0475) + 1e-7)
    expect_close(weights_after(ex, ex.RMSprop(learning_rate=0.1), [0.5, 0.5]), [[expected]],
                 rtol=1e-12, call="w after two RMSprop(0.1) steps with dw=0.5",
                 why="cache = rho * cache + (1 - rho) * gradient**2 (rho = 0.9 keeps 90% of the "
                     "old cache), then p -= lr * gradient / (sqrt(cache) + epsilon)")


def test_rmsprop_defaults(ex):
    """RMSprop() (learning_rate 0.001, rho 0.9), dw=0.5: w = 1 - 0.0005 / sqrt(0.025)."""
    expect_close(weights_after(ex, ex.RMSprop(), [0.5]),
                 [[1.0 - 0.0005 / (math.sqrt(0.025) + 1e-7)]], rtol=1e-12,
                 call="w after one RMSprop() step with w=1, dw=0.5",
                 why="defaults learning_rate=0.001, rho=0.9, epsilon=1e-7: cache = 0.1 * 0.25")


def test_rmsprop_with_decay_for_weights_and_biases(ex):
    """RMSprop(1.0, decay=1.0, rho=0.5), dw=2, db=-1: rates 1, 1/2, 1/3, caches running means."""
    # weight cache 0.5*4 = 2;  0.5*2 + 0.5*4 = 3;  0.5*3 + 2 = 3.5
    # bias cache   0.5;        0.5*0.5 + 0.5 = 0.75;  0.5*0.75 + 0.5 = 0.875
    e = 1e-7
    layer = stand_in(ex, [0.0], [2.0], [0.0], [-1.0])
    take_steps(ex.RMSprop(learning_rate=1.0, decay=1.0, rho=0.5), [layer], [None] * 3)
    call = "after three RMSprop(1.0, decay=1.0, rho=0.5) steps with dw=2, db=-1"
    expect_close(layer.weights, [[-(2 / (math.sqrt(2) + e) + 1 / (math.sqrt(3) + e)
                                    + 2 / 3 / (math.sqrt(3.5) + e))]], rtol=1e-12,
                 call=f"w {call}",
                 why="each step uses this step's current_learning_rate (decayed in "
                     "pre_update_params), not learning_rate")
    expect_close(layer.biases, [[1 / (math.sqrt(0.5) + e) + 0.5 / (math.sqrt(0.75) + e)
                                 + 1 / 3 / (math.sqrt(0.875) + e)]], rtol=1e-12,
                 call=f"b {call}",
                 why="the bias cache is a running mean kept between steps, like the weight "
                     "cache: bias_cache = rho * bias_cache + (1 - rho) * dbiases**2, and "
                     "the step uses current_learning_rate")


# ----------------------------------------------------------------------------- Adam

def test_adam_first_step_is_bias_corrected(ex):
    """Adam(0.1), dw=0.5: m_hat = 0.05/0.1 = 0.5, v_hat = 0.00025/0.001 = 0.25, w = 1 - 0.1."""
    expect_close(weights_after(ex, ex.Adam(learning_rate=0.1), [0.5]),
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
    expect_close(weights_after(ex, ex.Adam(learning_rate=0.1), [0.5, -0.25]), [[expected]],
                 rtol=1e-12, call="w after Adam(0.1) steps with dw=0.5, then dw=-0.25",
                 why="m and v are running means kept from step to step; the bias correction "
                     "uses the step count iterations + 1 (1 - 0.9**2 on the second step)")


def test_adam_epsilon_outside_the_root(ex):
    """Adam(0.1, epsilon=0.5), dw=2: m_hat=2, v_hat=4, w = 1 - 0.1 * 2 / (2 + 0.5) = 0.92."""
    expect_close(weights_after(ex, ex.Adam(learning_rate=0.1, epsilon=0.5), [2.0]), [[0.92]],
                 rtol=1e-12, call="w after one Adam(0.1, epsilon=0.5) step with dw=2",
                 why="epsilon goes outside the square root: sqrt(v_hat) + epsilon, not "
                     "sqrt(v_hat + epsilon) (that would give 1 - 0.2 / sqrt(4.5))")


def test_adam_with_decay(ex):
    """Adam(0.1, decay=1), dw=0.5 three times: rates 0.1, 0.05, 0.0333, each step ~ the rate."""
    # With a constant gradient g, m_hat = g and v_hat = g**2 on every step: each step is
    # lr * 0.5 / (0.5 + 1e-7), with lr = 0.1 / (1 + iterations) = 0.1, 0.05, 0.0333...
    expected = 1.0 - (0.1 + 0.05 + 0.1 / 3) * 0.5 / (0.5 + 1e-7)
    expect_close(weights_after(ex, ex.Adam(learning_rate=0.1, decay=1.0), [0.5] * 3), [[expected]],
                 rtol=1e-9, call="w after three Adam(0.1, decay=1.0) steps with dw=0.5",
                 why="use current_learning_rate (decayed in pre_update_params), not "
                     "learning_rate; the first step is undecayed")


def test_adam_defaults(ex):
    """Adam() (learning_rate 0.001), dw=-3: the first step is +0.001."""
    expect_close(weights_after(ex, ex.Adam(), [-3.0]), [[1.0 + 0.001 * 3.0 / (3.0 + 1e-7)]],
                 rtol=1e-12, call="w after one Adam() step with w=1, dw=-3",
                 why="defaults learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7; "
                     "the bias-corrected first step has size learning_rate")


def test_adam_biases_step_like_the_weights(ex):
    """Adam(0.1), db = 2 then -1: the biases take the same bias-corrected steps as weights."""
    # step 1: m = 0.2, m_hat = 2;  v = 0.004, v_hat = 4;  b = 0 - 0.1 * 2 / (2 + 1e-7)
    # step 2: m = 0.18 - 0.1 = 0.08, m_hat = 0.08 / 0.19;
    #         v = 0.003996 + 0.001 = 0.004996, v_hat = 0.004996 / (1 - 0.999**2)
    e = 1e-7
    layer = stand_in(ex, [0.0], [0.0], [0.0], [2.0])
    adam = ex.Adam(learning_rate=0.1)
    take_steps(adam, [layer])
    layer.dbiases = np.array([[-1.0]])
    take_steps(adam, [layer])
    m_hat, v_hat = 0.08 / 0.19, 0.004996 / (1 - 0.999 ** 2)
    expect_close(layer.biases, [[-0.2 / (2 + e) - 0.1 * m_hat / (math.sqrt(v_hat) + e)]],
                 rtol=1e-10, call="b after Adam(0.1) steps with db=2, then db=-1",
                 why="the biases take exactly the weights' Adam step: bias_momentums and "
                     "bias_cache are running means (m = beta_1 * m + (1 - beta_1) * dbiases, "
                     "not dbiases itself), both with the bias correction "
                     "1 - beta ** (iterations + 1)")


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
        take_steps(optimizer, [stand_in(ex, [1.0], [0.5])], [[0.5]] * 3)
        expect_equal(optimizer.iterations, 3, call=f"{name}.iterations after three steps",
                     why="post_update_params adds 1 to iterations after every step; decay and "
                         "Adam's bias correction both count on it")


# Settings off the defaults (and a decay), so that a hard-coded default or a swapped
# setting shows; gradients that change sign and size from step to step.
SETTINGS = {
    "SGD": {"learning_rate": 0.1, "decay": 0.5},
    "SGD with momentum": {"learning_rate": 0.1, "decay": 0.5, "momentum": 0.8},
    "Adagrad": {"learning_rate": 0.1, "decay": 0.5, "epsilon": 0.01},
    "RMSprop": {"learning_rate": 0.1, "decay": 0.5, "epsilon": 0.01, "rho": 0.8},
    "Adam": {"learning_rate": 0.1, "decay": 0.5, "epsilon": 0.01, "beta_1": 0.8,
             "beta_2": 0.9},
}
RULES = {
    "SGD": "p -= current_learning_rate * gradient, for the biases with dbiases",
    "SGD with momentum": "u = momentum * u_previous - current_learning_rate * gradient; p += u, "
                         "the weights with their weight_momentums and the biases with their "
                         "own bias_momentums",
    "Adagrad": "cache += gradient**2 (a running sum, the bias cache too); p -= "
               "current_learning_rate * gradient / (sqrt(cache) + epsilon)",
    "RMSprop": "cache = rho * cache + (1 - rho) * gradient**2 (the bias cache too); p -= "
               "current_learning_rate * gradient / (sqrt(cache) + epsilon)",
    "Adam": "m = beta_1 * m + (1 - beta_1) * g, v = beta_2 * v + (1 - beta_2) * g**2, both "
            "with the bias correction 1 - beta ** (iterations + 1); p -= "
            "current_learning_rate * m_hat / (sqrt(v_hat) + epsilon), the biases exactly "
            "like the weights",
}
W0, B0 = [[1.0, -2.0]], [[0.5]]
GRADIENTS = [([[0.5, -1.0]], [[2.0]]), ([[0.3, 0.2]], [[-1.0]]), ([[-0.4, 0.6]], [[0.5]])]


def make(ex, name, settings=None):
    cls = getattr(ex, name.split()[0])
    return cls(**(settings or SETTINGS[name]))


def label(name):
    return f"{name.split()[0]}({', '.join(f'{k}={v}' for k, v in SETTINGS[name].items())})"


def test_weights_and_biases_step_by_step(ex):
    """Three steps with decay and changing gradients: weights and biases after each step."""
    for name in SETTINGS:
        check_step_by_step(ex, name)


def check_step_by_step(ex, name):
    kind = name.split()[0]
    expected = reference(kind, SETTINGS[name], [W0, B0], GRADIENTS)
    layer = ex.namespace(weights=np.array(W0), biases=np.array(B0),
                         dweights=np.zeros((1, 2)), dbiases=np.zeros((1, 1)))
    optimizer = make(ex, name)
    for step, ((dw, db), (w, b)) in enumerate(zip(GRADIENTS, expected), start=1):
        layer.dweights, layer.dbiases = np.array(dw), np.array(db)
        take_steps(optimizer, [layer])
        shown = f"after step {step} of {label(name)}, dweights {dw}, dbiases {db}"
        expect_close(layer.weights, w, rtol=1e-10, atol=1e-12, call=f"weights {shown}",
                     why=RULES[name] + ("" if step == 1 else "; state and decay carry over "
                                        "from step to step"))
        expect_close(layer.biases, b, rtol=1e-10, atol=1e-12, call=f"biases {shown}",
                     why="the biases are updated exactly like the weights: " + RULES[name])


WITH_STATE = ("SGD with momentum", "Adagrad", "RMSprop", "Adam")
PER_LAYER_WHY = ("keep momentum and caches per layer (self.layer_state(layer), or arrays "
                 "stored on the layer itself): one shared array mixes the two layers' "
                 "gradients; and post_update_params counts iterations once per step, not "
                 "once per layer")


def check_alone(layer, name, dweights, dbiases, call, why):
    """`layer` (started at w=1, b=0) is where the contract's rules take it on its own."""
    w, b = reference(name.split()[0], SETTINGS[name], [[[1.0]], [[0.0]]],
                     [([[g]], [[dbiases]]) for g in dweights])[-1]
    for part, want in (("weights", w), ("biases", b)):
        expect_close(getattr(layer, part), want, rtol=1e-10, atol=1e-12,
                     call=f"{label(name)}: {call.format(part=part)}", why=why)


def test_two_layers_never_share_state(ex):
    """Two layers stepped together each end where the update rule takes them alone."""
    grads = [[0.5, -2.0], [0.3, -1.0]]
    for name in WITH_STATE:
        together = [stand_in(ex, [1.0], [0.0], [0.0], [0.4]),
                    stand_in(ex, [1.0], [0.0], [0.0], [-3.0])]
        take_steps(make(ex, name), together, grads)
        for i, db in enumerate((0.4, -3.0)):
            check_alone(together[i], name, [g[i] for g in grads], db,
                        f"layer {i + 1}'s {{part}} after two steps taken together with "
                        "another layer", PER_LAYER_WHY)


def test_two_optimizers_never_share_state(ex):
    """Two optimizers of one class, stepping in turn, each end where it would alone."""
    for name in ("SGD with momentum", "Adam"):
        first, second = make(ex, name), make(ex, name)
        layers = [stand_in(ex, [1.0], [0.0], [0.0], [1.0]),
                  stand_in(ex, [1.0], [0.0], [0.0], [1.0])]
        take_steps(first, [layers[0]], [[0.5]])
        take_steps(second, [layers[1]], [[-0.3]])
        take_steps(first, [layers[0]], [[0.8]])
        check_alone(layers[0], name, [0.5, 0.8], 1.0,
                    "{part} after two steps, taken in turn with another optimizer",
                    "each optimizer keeps its own state and step count in its own "
                    "attributes, set in __init__ (self.iterations = 0, self.x = {}): a class "
                    "attribute or a mutable default argument is one object shared by every "
                    "optimizer")


def test_only_the_four_names_are_read_and_gradients_stay(ex):
    """Every optimizer updates a layer that has only weights, biases, dweights, dbiases."""
    for name, make in OPTIMIZERS.items():
        layer = stand_in(ex, [1.0, -1.0], [0.5, -0.5], [0.2], [1.0])
        take_steps(make(ex), [layer])
        if np.any(layer.weights == [[1.0, -1.0]]) or np.any(layer.biases == [[0.2]]):
            fail(f"{name}: weights and biases after one step", "changed", layer.weights,
                 "update_params changes layer.weights and layer.biases (with += / -=, or by "
                 "assigning new arrays to them)")
        expect_close(np.concatenate([layer.dweights, layer.dbiases], axis=1),
                     [[0.5, -0.5, 1.0]], call=f"{name}: dweights and dbiases after a step",
                     why="the optimizer reads the gradients; it must not change them")
