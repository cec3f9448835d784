"""Specs for exercise 03: forward, backward and minimize for one ReLU neuron.

Expected values are worked by hand in the comments, or computed independently in the
spec (math.fsum for z, a central-difference numerical gradient, the closed form of
gradient descent on a linear function); none is copied from the solution's output.
"""

import math
import random

from kata.judge.expect import described, expect_close, expect_equal, expect_float, fail

# The walk-through neuron: products -3, 2, 6; z = 5 + 1 = 6; relu(6) = 6.
X, W, B = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0
CALL = "backward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)"
TOL = {"rtol": 1e-9, "atol": 1e-12}


def fresh():
    """New copies of X and W, so a function that changes its arguments spoils no other spec."""
    return list(X), list(W)


def z_of(x, w, b):
    return math.fsum(xi * wi for xi, wi in zip(x, w)) + b


def relative_error(a, n):
    """|a - n| / max(|a|, |n|) over whole vectors; 0 when both are exactly 0."""
    diff = math.sqrt(math.fsum((ai - ni) ** 2 for ai, ni in zip(a, n)))
    scale = max(math.sqrt(math.fsum(v * v for v in a)), math.sqrt(math.fsum(v * v for v in n)))
    return diff / scale if scale else diff


# forward ---------------------------------------------------------------------------


def test_forward_worked_example(ex):
    """forward([1, -2, 3], [-3, -1, 2], 1): z = -3 + 2 + 6 + 1 = 6, relu(6) = 6."""
    expect_close(ex.forward(*fresh(), B), 6.0, **TOL,
                 call="forward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)",
                 why="z = x[0]*w[0] + x[1]*w[1] + x[2]*w[2] + b, then relu(z)")


def test_forward_negative_z_gives_zero(ex):
    """With b = -7, z = 5 - 7 = -2 and the ReLU outputs 0."""
    expect_close(ex.forward(*fresh(), -7.0), 0.0, **TOL,
                 call="forward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], -7.0)",
                 why="the output is relu(z): 0 whenever z is negative")


def test_forward_of_whole_numbers_is_a_float(ex):
    """forward([1, -2, 3], [-3, -1, 2], 1) with ints is 6.0, a float."""
    got = ex.forward([1, -2, 3], [-3, -1, 2], 1)
    expect_close(got, 6.0, call="forward([1, -2, 3], [-3, -1, 2], 1)",
                 why="z = -3 + 2 + 6 + 1 = 6, relu(6) = 6")
    expect_float(got, call="forward([1, -2, 3], [-3, -1, 2], 1)",
                 why="forward() -> float: use the given relu() (it returns a float); "
                     "max(0, z) keeps the int")


def test_forward_random(ex):
    """Forty seeded random neurons against max(0, fsum(x*w) + b)."""
    rng = random.Random(31)
    for _ in range(40):
        n = rng.randint(1, 6)
        x = [rng.uniform(-2, 2) for _ in range(n)]
        w = [rng.uniform(-2, 2) for _ in range(n)]
        b = rng.uniform(-1, 1)
        expect_close(ex.forward(x, w, b), max(0.0, z_of(x, w, b)), **TOL,
                     call=f"forward({x}, {w}, {b})", why="forward = relu(x . w + b)")


# backward --------------------------------------------------------------------------


def test_backward_dx_worked_example(ex):
    """At the walk-through point dx = w = [-3, -1, 2]: dz/dx[i] = w[i]."""
    dx, _, _ = ex.backward(*fresh(), B)
    expect_close(dx, [-3.0, -1.0, 2.0], **TOL, call=f"dx of {CALL}",
                 why="z > 0, so dz = 1; the product x[i]*w[i] sends x[i] the other factor: "
                     "each input's gradient is its own weight, dx[i] = dz * w[i]")


def test_backward_dw_worked_example(ex):
    """At the walk-through point dw = x = [1, -2, 3]: dz/dw[i] = x[i]."""
    _, dw, _ = ex.backward(*fresh(), B)
    expect_close(dw, [1.0, -2.0, 3.0], **TOL, call=f"dw of {CALL}",
                 why="each weight's gradient is its own input, dw[i] = dz * x[i]")


def test_backward_db_worked_example(ex):
    """At the walk-through point db = 1: the bias is one more term of the sum."""
    _, _, db = ex.backward(*fresh(), B)
    expect_close(db, 1.0, **TOL, call=f"db of {CALL}",
                 why="db = dvalue * relu'(z) = 1 * 1: the ReLU's local derivative is its slope "
                     "(1 for z > 0), not the output relu(z) = 6")


def test_backward_returns_lists_and_a_number(ex):
    """backward returns (dx, dw, db): two lists as long as x and one number."""
    result = ex.backward(*fresh(), B)
    if not (isinstance(result, tuple) and len(result) == 3):
        fail(CALL, "a tuple (dx, dw, db)", result, "return dx, dw, db")
    dx, dw, db = result
    if not (isinstance(dx, list) and isinstance(dw, list) and len(dx) == len(dw) == 3):
        fail(f"dx, dw of {CALL}", "two lists of 3 numbers", (dx, dw),
             "one gradient per input and one per weight, as lists")
    if not isinstance(db, (int, float)):
        fail(f"db of {CALL}", "one number", db, "the bias is one number, so is its gradient")


def test_backward_scales_with_dvalue(ex):
    """With dvalue=2 every gradient doubles: dx = [-6, -2, 4], dw = [2, -4, 6], db = 2."""
    dx, dw, db = ex.backward(*fresh(), B, 2.0)
    expect_close([*dx, *dw, db], [-6.0, -2.0, 4.0, 2.0, -4.0, 6.0, 2.0], **TOL,
                 call="dx + dw + [db] of backward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, "
                      "dvalue=2.0)",
                 why="the chain rule multiplies every local derivative by the upstream "
                     "gradient dvalue: dz = dvalue * relu'(z)")


def test_backward_is_zero_when_z_is_negative(ex):
    """With b = -7, z = -2: the ReLU is flat there, so every gradient is 0."""
    dx, dw, db = ex.backward(*fresh(), -7.0)
    expect_close([*dx, *dw, db], [0.0] * 7, **TOL,
                 call="dx + dw + [db] of backward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], -7.0)",
                 why="relu'(z) is 0 for z < 0, and a 0 in the chain makes every gradient 0")


def test_backward_is_zero_at_the_kink(ex):
    """With b = -5, z = 0 exactly: the kata's convention relu'(0) = 0 gives all zeros."""
    dx, dw, db = ex.backward(*fresh(), -5.0)
    expect_close([*dx, *dw, db], [0.0] * 7, **TOL,
                 call="dx + dw + [db] of backward([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], -5.0)",
                 why="relu'(z) is 1 only where z > 0: at z == 0 it is 0 - test z > 0, "
                     "not z >= 0")


def test_backward_matches_numerical_gradient(ex):
    """Seeded random points: backward agrees with central differences (relative error < 1e-6)."""
    rng = random.Random(303)
    h = 1e-6
    checked = 0
    while checked < 30:
        n = rng.randint(1, 5)
        x = [rng.uniform(-2, 2) for _ in range(n)]
        w = [rng.uniform(-2, 2) for _ in range(n)]
        b = rng.uniform(-1, 1)
        if abs(z_of(x, w, b)) < 0.1:
            continue  # too near the kink for a finite difference to see one side only
        dvalue = rng.uniform(0.5, 2.0)

        def f(x_, w_, b_):
            return max(0.0, z_of(x_, w_, b_))

        def nudged(v, i, step):
            return [vj + step if j == i else vj for j, vj in enumerate(v)]

        num_dx = [(f(nudged(x, i, h), w, b) - f(nudged(x, i, -h), w, b)) / (2 * h)
                  for i in range(n)]
        num_dw = [(f(x, nudged(w, i, h), b) - f(x, nudged(w, i, -h), b)) / (2 * h)
                  for i in range(n)]
        num_db = (f(x, w, b + h) - f(x, w, b - h)) / (2 * h)
        numerical = [dvalue * g for g in [*num_dx, *num_dw, num_db]]
        dx, dw, db = ex.backward(x, w, b, dvalue)
        analytic = [*dx, *dw, db]
        if len(analytic) != len(numerical) or relative_error(analytic, numerical) >= 1e-6:
            fail(f"dx + dw + [db] of backward({x}, {w}, {b}, {dvalue})",
                 f"the numerical gradient {numerical}", analytic,
                 "nudging each of x, w, b by +-1e-6 and measuring the output says otherwise: "
                 "dx[i] = dz * w[i], dw[i] = dz * x[i], db = dz with dz = dvalue * relu'(z)")
        checked += 1


def test_backward_leaves_inputs_alone(ex):
    """backward() does not change x or w."""
    x, w = list(X), list(W)
    ex.backward(x, w, B, 2.0)
    expect_equal((x, w), (X, W), call="x and w after backward(x, w, 1.0, 2.0)",
                 why="build new lists for dx and dw; do not change the caller's lists")


# minimize --------------------------------------------------------------------------


def test_minimize_first_step(ex):
    """One step from the walk-through point takes the output from 6.0 to 5.985."""
    # By hand: dw = x = [1, -2, 3], db = 1, so w' = w - 0.001*x, b' = b - 0.001 and
    # z' = x.w' + b' = z - 0.001*(x.x) - 0.001 = 6 - 0.001*(1 + 4 + 9 + 1) = 5.985.
    _, _, outputs = ex.minimize(*fresh(), B, learning_rate=0.001, steps=1)
    expect_close(outputs, [6.0, 5.985], **TOL,
                 call="outputs of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, "
                      "learning_rate=0.001, steps=1)",
                 why="record the output before any step, then step w and b against the "
                     "gradient: w[i] -= learning_rate * dw[i], b -= learning_rate * db")


def test_minimize_outputs_has_steps_plus_one_entries(ex):
    """200 steps give 201 outputs, the first one (6.0) before any step."""
    _, _, outputs = ex.minimize(*fresh(), B)
    if not isinstance(outputs, list) or len(outputs) != 201:
        fail("len(outputs) of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)", "201",
             len(outputs) if isinstance(outputs, list) else outputs,
             "outputs starts with the output before any step, then one per step: steps + 1")
    expect_close(outputs[0], 6.0, **TOL,
                 call="outputs[0] of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)",
                 why="outputs[0] is the output before any step: forward(x, w, b) = 6")


def test_minimize_default_run(ex):
    """Defaults (learning_rate=0.001, 200 steps): outputs 6 - 0.015*k, ending at 3.0."""
    # While z > 0 every step lowers z by 0.001 * (|x|^2 + 1) = 0.015 (see the first step),
    # so outputs[k] = 6 - 0.015 * k and outputs[200] = 3.0; z never reaches 0.
    _, _, outputs = ex.minimize(*fresh(), B)
    expect_close(outputs, [6.0 - 0.015 * k for k in range(201)], rtol=1e-9, atol=1e-9,
                 call="outputs of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)",
                 why="each step: backward at the current w and b, then w -= lr * dw, "
                     "b -= lr * db, then record forward()")


def test_minimize_output_goes_down(ex):
    """Every output is strictly smaller than the one before while z > 0."""
    _, _, outputs = ex.minimize(*fresh(), B, learning_rate=0.001, steps=50)
    for k in range(1, len(outputs)):
        if not outputs[k] < outputs[k - 1]:
            fail(f"outputs[{k}] of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, "
                 "steps=50)",
                 f"smaller than outputs[{k - 1}] = {outputs[k - 1]}", outputs[k],
                 "to drive the output down, step against the gradient: "
                 "w[i] - learning_rate * dw[i], with a minus")


def test_minimize_final_parameters(ex):
    """After 200 default steps w = w - 0.2*x = [-3.2, -0.6, 1.4] and b = 1 - 0.2 = 0.8."""
    # Every step has dw = x and db = 1 (z stays > 0), so the 200 steps add up to
    # w - 200*0.001*x = [-3 - 0.2, -1 + 0.4, 2 - 0.6] and b - 200*0.001.
    w, b, _ = ex.minimize(*fresh(), B)
    expect_close(list(w) + [b], [-3.2, -0.6, 1.4, 0.8], rtol=1e-9, atol=1e-9,
                 call="w + [b] of minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0)",
                 why="only w and b take steps - x is data and stays fixed, so each step "
                     "subtracts learning_rate * x from w and learning_rate from b")


def test_minimize_stops_at_the_kink(ex):
    """x = w = [1, 1, 1], b = 1, rate 0.5: outputs 4, 2, 0, 0, 0 and w, b stop at 0."""
    # z = 3 + 1 = 4; each step with z > 0 lowers w by 0.5*x and b by 0.5: z -> 4 - 0.5*(3 + 1).
    # Step 1: w = [0.5]*3, b = 0.5, z = 2.  Step 2: w = [0]*3, b = 0, z = 0 exactly.
    # Steps 3 and 4: z == 0, relu'(0) = 0, so no gradient and nothing moves.
    w, b, outputs = ex.minimize([1.0, 1.0, 1.0], [1.0, 1.0, 1.0], 1.0,
                                learning_rate=0.5, steps=4)
    call = "minimize([1.0, 1.0, 1.0], [1.0, 1.0, 1.0], 1.0, learning_rate=0.5, steps=4)"
    expect_close(outputs, [4.0, 2.0, 0.0, 0.0, 0.0], **TOL, call=f"outputs of {call}",
                 why="while z > 0 each step lowers z by 0.5 * (1 + 1 + 1 + 1) = 2")
    expect_close(list(w) + [b], [0.0, 0.0, 0.0, 0.0], **TOL, call=f"w + [b] of {call}",
                 why="once z == 0 the ReLU passes no gradient back (relu'(0) = 0), "
                     "so w and b stop moving: compute backward at the current w and b on "
                     "every step")


def test_minimize_random_points(ex):
    """Seeded random points: outputs[k] = z - k*lr*(|x|^2 + 1) and w = w - steps*lr*x."""
    rng = random.Random(3003)
    for _ in range(10):
        n = rng.randint(1, 4)
        x = [rng.uniform(-2, 2) for _ in range(n)]
        w = [rng.uniform(-2, 2) for _ in range(n)]
        b = rng.uniform(0.5, 1.5) + abs(z_of(x, w, 0.0))  # so that z > 0.5
        z, steps, drop = z_of(x, w, b), rng.randint(1, 20), math.fsum(v * v for v in x) + 1
        lr = z / (2 * steps * drop)  # the output falls by half of z at most: z stays > 0
        call = described("minimize", x, w, b, learning_rate=lr, steps=steps)
        got_w, got_b, outputs = ex.minimize(x, w, b, learning_rate=lr, steps=steps)
        expect_close(outputs, [z - k * lr * drop for k in range(steps + 1)], rtol=1e-9,
                     atol=1e-9, call=f"outputs of {call}",
                     why="while z > 0, dw = x and db = 1, so every step lowers z by "
                         "learning_rate * (x.x + 1)")
        expect_close(list(got_w) + [got_b], [wi - steps * lr * xi for wi, xi in zip(w, x)]
                     + [b - steps * lr], rtol=1e-9, atol=1e-9, call=f"w + [b] of {call}",
                     why="each step subtracts learning_rate * dw from w and learning_rate "
                         "* db from b")


def test_minimize_returns_new_weights(ex):
    """minimize() leaves the caller's x and w alone (it steps a copy of w)."""
    x, w = list(X), list(W)
    ex.minimize(x, w, B, steps=3)
    expect_equal((x, w), (X, W), call="x and w after minimize(x, w, 1.0, steps=3)",
                 why="copy w first (w = list(w)) and return the new list; "
                     "do not change the caller's lists")


def test_minimize_with_no_steps(ex):
    """steps=0: no step at all; w and b come back as they were (b a float), one output."""
    got_w, got_b, outputs = ex.minimize(*fresh(), 1, steps=0)
    call = "minimize([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1, steps=0)"
    expect_close(outputs, [6.0], **TOL, call=f"outputs of {call}",
                 why="outputs holds the output before any step, so steps + 1 = 1 entry")
    expect_close(list(got_w) + [got_b], [*W, 1.0], **TOL, call=f"w + [b] of {call}",
                 why="no step, so w and b are what they were")
    expect_float(got_b, call=f"b of {call}",
                 why="minimize returns b as a float (float(b)), even when no step was taken")
