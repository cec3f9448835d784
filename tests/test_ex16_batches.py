"""Specs for exercise 16: training, evaluating and predicting in mini-batches.

The expected figures come from a 2-3-3 network written out here with NumPy: each batch's
loss, accuracy and gradients by hand, plain SGD steps one batch after another, and the
shuffling re-done with the same seeded Generator (rng.permutation(n), once per epoch).

The learner's code gets copies of the spec's arrays (kata.judge.models.handed), never the
arrays the spec works its expected values out from: an argument the learner keeps and
changes later is mirrored into the array that was passed (tests/SPECS.md), so X10 and
Y10, shared by every spec, could otherwise be rewritten for the specs after.
"""

import numpy as np
import pytest

from kata.datasets import vertical_data
from kata.judge.channel import type_name
from kata.judge.expect import expect_close, expect_equal, fail
from kata.judge.models import forward_here, handed

X10 = np.random.default_rng(16).standard_normal((10, 2))
Y10 = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 2])


def params(seed):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((2, 3)), 0.1 * rng.standard_normal((1, 3)),
            rng.standard_normal((3, 3)), 0.1 * rng.standard_normal((1, 3))]


def by_hand(p, X, y, l2=0.0):
    """(data loss, accuracy, grads) of Dense-ReLU-Dense-Softmax with cross-entropy."""
    W1, b1, W2, b2 = p
    n = len(X)
    z1 = X @ W1 + b1
    h = np.maximum(0.0, z1)
    z2 = h @ W2 + b2
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    loss = float(np.mean(-np.log(np.clip(s[np.arange(n), y], 1e-7, 1 - 1e-7))))
    acc = float(np.mean(np.argmax(s, axis=1) == y))
    dz2 = s.copy()
    dz2[np.arange(n), y] -= 1
    dz2 /= n
    dz1 = (dz2 @ W2.T) * (z1 > 0)
    grads = [X.T @ dz1, dz1.sum(axis=0, keepdims=True), h.T @ dz2,
             dz2.sum(axis=0, keepdims=True)]
    return loss, acc, [g + 2 * l2 * q for g, q in zip(grads, p)]


def penalty(p, l2):
    return float(l2 * sum(np.sum(q ** 2) for q in p))


def train_by_hand(p, X, y, *, epochs, batch_size, lr, seed=None, l2=0.0):
    """Mini-batch SGD by hand: per epoch (weighted loss, weighted accuracy, penalty after)."""
    rng = np.random.default_rng(seed) if seed is not None else None
    n = len(X)
    epochs_out = []
    for _ in range(epochs):
        order = rng.permutation(n) if rng is not None else np.arange(n)
        loss_sum = acc_sum = 0.0
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            loss, acc, grads = by_hand(p, X[rows], y[rows], l2)
            loss_sum += loss * len(rows)
            acc_sum += acc * len(rows)
            p = [q - lr * g for q, g in zip(p, grads)]
        epochs_out.append((loss_sum / n, acc_sum / n, penalty(p, l2)))
    return epochs_out, p


def build(ex, p, optimizer, l2=0.0):
    regs = dict(weight_regularizer_l2=l2, bias_regularizer_l2=l2)
    dense1 = ex.Dense(2, 3, rng=np.random.default_rng(0), **regs)
    dense2 = ex.Dense(3, 3, rng=np.random.default_rng(1), **regs)
    dense1.weights, dense1.biases = p[0].copy(), p[1].copy()
    dense2.weights, dense2.biases = p[2].copy(), p[3].copy()
    model = ex.Model()
    for layer in (dense1, ex.ReLU(), dense2, ex.Softmax()):
        model.add(layer)
    model.set(loss=ex.CategoricalCrossEntropy(), optimizer=optimizer,
              accuracy=ex.CategoricalAccuracy())
    model.finalize()
    return model, dense1, dense2


NAMES = ("dense1.weights", "dense1.biases", "dense2.weights", "dense2.biases")


def expect_weights(dense1, dense2, want, call, why):
    got = [dense1.weights, dense1.biases, dense2.weights, dense2.biases]
    for name, g, w in zip(NAMES, got, want):
        expect_close(g, w, rtol=1e-9, atol=1e-12, call=f"{call}: {name}", why=why)


# ----------------------------------------------------------------- train

def test_batches_in_order_with_the_last_one_smaller(ex):
    """10 samples, batch_size=4, shuffle=False: steps on rows 0-3, 4-7 and 8-9."""
    p = params(1)
    optimizer = ex.SGD(learning_rate=0.5)
    model, dense1, dense2 = build(ex, p, optimizer)
    _, final = train_by_hand(p, X10, Y10, epochs=1, batch_size=4, lr=0.5)
    model.train(*handed(X10, Y10), epochs=1, batch_size=4, shuffle=False)
    expect_equal(optimizer.iterations, 3, call="optimizer.iterations after one epoch of "
                 "10 samples with batch_size=4", why="one step per batch: 4 + 4 + 2; the "
                 "last batch may be smaller, but it is never dropped")
    expect_weights(dense1, dense2, final, "after one epoch of batches 0-3, 4-7, 8-9",
                   "one optimizer step per batch, in order, each on that batch's gradients")


def test_a_batch_size_that_divides_n_makes_no_empty_batch(ex):
    """10 samples, batch_size=5, shuffle=False: exactly 2 steps (rows 0-4, 5-9) per epoch."""
    p = params(11)
    optimizer = ex.SGD(learning_rate=0.5)
    model, dense1, dense2 = build(ex, p, optimizer)
    epochs, final = train_by_hand(p, X10, Y10, epochs=2, batch_size=5, lr=0.5)
    why = ("the batches start at 0, size, 2 size, ... below n: range(0, n, batch_size), "
           "ceil(n / batch_size) of them. n // batch_size + 1 steps is one too many when "
           "batch_size divides n: the last batch is empty, an optimizer step on nothing "
           "(and its loss the nan mean of no samples)")
    with ex.observe() as seen:
        history = model.train(*handed(X10, Y10), epochs=2, batch_size=5, shuffle=False)
    expect_equal(optimizer.iterations, 4, call="optimizer.iterations after 2 epochs of 10 "
                 "samples with batch_size=5", why=why)
    expect_weights(dense1, dense2, final, "after 2 epochs of batches 0-4 and 5-9", why)
    expect_close(history["data_loss"], [e[0] for e in epochs], rtol=1e-9,
                 call='history["data_loss"] of 10 samples in batches of 5', why=why)
    noisy = [w for w in seen.warnings if "empty" in w.lower() or "invalid" in w.lower()]
    if noisy:
        fail("warnings of model.train(X, y, epochs=2, batch_size=5) on 10 samples", "none",
             noisy, why)


def test_epoch_figures_are_sample_weighted_means(ex):
    """Batches of 4, 4 and 2: loss = (4 l1 + 4 l2 + 2 l3) / 10, not (l1 + l2 + l3) / 3."""
    p = params(2)
    model, _, _ = build(ex, p, ex.SGD(learning_rate=0.5))
    epochs, _ = train_by_hand(p, X10, Y10, epochs=2, batch_size=4, lr=0.5)
    history = model.train(*handed(X10, Y10), epochs=2, batch_size=4, shuffle=False)
    expect_close(history["data_loss"], [e[0] for e in epochs], rtol=1e-9,
                 call='history["data_loss"], 10 samples in batches of 4',
                 why="a sample-weighted mean of the batch losses (each measured before its "
                     "step): sum(loss_b * n_b) / n, so a last batch of 2 counts as 2 samples")
    expect_close(history["accuracy"], [e[1] for e in epochs], rtol=1e-9,
                 call='history["accuracy"], 10 samples in batches of 4',
                 why="a sample-weighted mean of the batch accuracies, each before its step")


def test_shuffling_uses_rng_permutation_every_epoch_for_x_and_y(ex):
    """Two epochs with rng=default_rng(5): orders default_rng(5).permutation(10), twice."""
    p = params(3)
    model, dense1, dense2 = build(ex, p, ex.SGD(learning_rate=0.5))
    epochs, final = train_by_hand(p, X10, Y10, epochs=2, batch_size=3, lr=0.5, seed=5)
    X, y = X10.copy(), Y10.copy()
    history = model.train(X, y, epochs=2, batch_size=3, rng=np.random.default_rng(5))
    expect_weights(dense1, dense2, final, "after 2 shuffled epochs, batch_size=3, "
                   "rng=default_rng(5)", "each epoch: order = rng.permutation(n), then "
                   "batches of X[order] and y[order]: the SAME order for both, so every "
                   "sample keeps its label; a new permutation every epoch")
    expect_close(history["data_loss"], [e[0] for e in epochs], rtol=1e-9,
                 call='history["data_loss"] of the shuffled epochs',
                 why="the batch losses of the shuffled batches, sample-weighted")
    if not (np.array_equal(X, X10) and np.array_equal(y, Y10)):
        fail("X and y after model.train(X, y, ...)", "unchanged", (X, y),
             "index with the permutation (X[order]) to get new arrays; never shuffle the "
             "caller's arrays in place")


def test_shuffle_without_rng_leaves_global_random_state_alone(ex):
    model, _, _ = build(ex, params(4), ex.SGD(learning_rate=0.1))
    with ex.observe() as seen:
        model.train(*handed(X10, Y10), epochs=2, batch_size=4)
    if seen.global_random_used:
        fail("model.train(X, y, batch_size=4) with rng=None", "leaving NumPy's global "
             "random state alone", "np.random's global state moved",
             "rng=None means a fresh np.random.default_rng(), not np.random.permutation")


def test_no_batch_size_is_one_full_batch(ex):
    p = params(5)
    optimizer = ex.SGD(learning_rate=0.5)
    model, dense1, dense2 = build(ex, p, optimizer)
    _, final = train_by_hand(p, X10, Y10, epochs=3, batch_size=10, lr=0.5)
    model.train(*handed(X10, Y10), epochs=3, rng=np.random.default_rng(0))
    expect_equal(optimizer.iterations, 3, call="optimizer.iterations after 3 epochs with "
                 "batch_size=None", why="None means one batch of all the samples: one step "
                 "per epoch")
    expect_weights(dense1, dense2, final, "after 3 full-batch epochs",
                   "a permutation of the full batch gives the same full-batch step")


def test_regularization_after_the_last_step_and_learning_rate_of_the_last_step(ex):
    p, l2 = params(6), 0.05
    model, _, _ = build(ex, p, ex.SGD(learning_rate=0.5, decay=0.1), l2=l2)
    history = model.train(*handed(X10, Y10), epochs=2, batch_size=4, shuffle=False)
    # Steps 1-3 in epoch 1, 4-6 in epoch 2: the last ones used 0.5 / (1 + 0.1 * 2) and
    # 0.5 / (1 + 0.1 * 5).
    expect_close(history["learning_rate"], [0.5 / 1.2, 0.5 / 1.5], call='history['
                 '"learning_rate"] with SGD(0.5, decay=0.1), 3 batches per epoch',
                 why="the rate of the epoch's LAST step (optimizer.current_learning_rate "
                     "after it)")
    rate = [0.5 / (1 + 0.1 * k) for k in range(6)]
    q, want = p, []
    for epoch in range(2):
        for b, start in enumerate(range(0, 10, 4)):
            rows = slice(start, start + 4)
            _, _, grads = by_hand(q, X10[rows], Y10[rows], l2)
            q = [a - rate[3 * epoch + b] * g for a, g in zip(q, grads)]
        want.append(penalty(q, l2))
    expect_close(history["regularization_loss"], want, rtol=1e-9,
                 call='history["regularization_loss"] with L2 0.05',
                 why="the penalty of the weights after the epoch's last step")
    expect_close(history["loss"], np.asarray(history["data_loss"]) + np.asarray(want),
                 rtol=1e-9, call='history["loss"]',
                 why="data_loss + regularization_loss")


def test_validation_is_evaluated_after_each_epoch(ex):
    p = params(7)
    X_val, y_val = np.random.default_rng(70).standard_normal((5, 2)), np.array([0, 2, 1, 1, 0])
    model, _, _ = build(ex, p, ex.SGD(learning_rate=0.5))
    history = model.train(*handed(X10, Y10), epochs=2, batch_size=4, shuffle=False,
                          validation_data=handed(X_val, y_val))
    _, after1 = train_by_hand(p, X10, Y10, epochs=1, batch_size=4, lr=0.5)
    _, after2 = train_by_hand(after1, X10, Y10, epochs=1, batch_size=4, lr=0.5)
    want = [by_hand(q, X_val, y_val)[:2] for q in (after1, after2)]
    expect_close(history.get("val_loss"), [w[0] for w in want], rtol=1e-9,
                 call='history["val_loss"] with batch_size=4',
                 why="evaluate the validation data once per epoch, after its last step")
    expect_close(history.get("val_accuracy"), [w[1] for w in want],
                 call='history["val_accuracy"]', why="after the epoch's last step")


def test_print_every_prints_progress_and_the_default_prints_nothing(ex):
    """print_every=2 over 4 epochs prints progress lines; print_every=0 prints nothing."""
    model, _, _ = build(ex, params(8), ex.SGD(learning_rate=0.1))
    with ex.observe() as seen:
        model.train(*handed(X10, Y10), epochs=2, batch_size=3, shuffle=False)
    expect_equal(seen.printed, "", call="what model.train(X, y, epochs=2, batch_size=3) prints",
                 why="print_every=0 (the default) trains silently")
    with ex.observe() as seen:
        model.train(*handed(X10, Y10), epochs=4, batch_size=3, shuffle=False, print_every=2)
    lines = [line for line in seen.printed.splitlines() if line.strip()]
    # One line per 2nd epoch (exercise 15's way), or per 2nd step (the book's): both do.
    if not lines:
        fail("the lines model.train(X, y, epochs=4, batch_size=3, print_every=2) prints",
             "progress lines (one after every 2nd epoch)", seen.printed,
             "print_every=k prints the epoch's figures every k epochs, batches or not")


# ----------------------------------------------------------------- evaluate, predict

BATCH_SIZES = [None, 1, 3, 4, 7, 10, 64]


def test_evaluate_is_the_same_for_every_batch_size(ex):
    """7 samples in batches of 3 -> 3, 3, 1: a plain mean of batch means would differ."""
    p = params(8)
    model, _, _ = build(ex, p, ex.SGD())
    loss, acc, _ = by_hand(p, X10, Y10)
    for batch_size in BATCH_SIZES:
        got = model.evaluate(*handed(X10, Y10), batch_size=batch_size)
        expect_close(got, (loss, acc), rtol=1e-12, atol=1e-12,
                     call=f"model.evaluate(X, y, batch_size={batch_size}) on 10 samples",
                     why="sample-weighted means of the batches' loss and accuracy: the same "
                         "as one full batch, for every batch_size")


def test_predict_is_the_same_for_every_batch_size(ex):
    p = params(9)
    model, _, _ = build(ex, p, ex.SGD())
    W1, b1, W2, b2 = p
    z2 = np.maximum(0.0, X10 @ W1 + b1) @ W2 + b2
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    want = e / e.sum(axis=1, keepdims=True)
    for batch_size in BATCH_SIZES:
        got = model.predict(*handed(X10), batch_size=batch_size)
        expect_close(got, want, rtol=1e-12, atol=1e-15,
                     call=f"model.predict(X, batch_size={batch_size}) on 10 samples",
                     why="every row's output, batch after batch, stacked in order "
                         "(np.concatenate or np.vstack)")


def test_evaluate_and_predict_change_no_weights(ex):
    p = params(10)
    model, dense1, dense2 = build(ex, p, ex.SGD(learning_rate=1.0))
    model.evaluate(*handed(X10, Y10), batch_size=3)
    model.predict(*handed(X10), batch_size=3)
    expect_weights(dense1, dense2, p, "after evaluate and predict with batch_size=3",
                   "evaluate and predict only measure: no step")


# ----------------------------------------------------------------- it learns
#
# The trained networks are judged here, in the judge, from their layers' weights on the
# spec's own data (kata.judge.models.forward_here), not by the learner's evaluate; then
# evaluate and predict must agree with the grader's figures.

# The learner's forward pass runs the same float64 arithmetic as the grader's, perhaps in
# another order and batch by batch, so the two differ by rounding alone: about 1e-16
# relative per operation, over two layers of sums of at most 16 terms of values below 100
# - under 1e-12. A row whose two largest probabilities are within CLOSE may so be
# classified either way, and is allowed to; no other row can.
CLOSE = 1e-9
# The mean of 180 clipped logs of such probabilities agrees to about 1e-13 relative:
# LOSS_RTOL leaves a millionfold margin, and a loss that was not measured would have to
# match the grader's to seven digits.
LOSS_RTOL = 1e-7
VERTICAL = ("vertical_data(60, 3, rng=16), Dense(2, 16), ReLU, Dense(16, 3), Softmax, "
            "Adam(0.05), 10 epochs, rng=default_rng(1)")
JUDGED = "worked out by the grader from the trained layers' weights, not by model.evaluate"


def judged_figures(probabilities, y):
    """(cross-entropy, accuracy, rows on a decision boundary) of softmax outputs."""
    n = len(y)
    loss = np.mean(-np.log(np.clip(probabilities[np.arange(n), y], 1e-7, 1 - 1e-7)))
    top_two = np.sort(probabilities, axis=1)[:, -2:]
    return (float(loss), float(np.mean(np.argmax(probabilities, axis=1) == y)),
            int(np.sum(top_two[:, 1] - top_two[:, 0] < CLOSE)))


@pytest.fixture(scope="module")
def vertical_runs(ex):
    """The same 2-16-3 network trained 10 epochs on vertical_data(60, 3): full batch, and
    in batches of 16 (12 steps per epoch); the grader's outputs of each trained network."""
    X, y = vertical_data(60, 3, rng=16)
    results = {}
    for batch_size in (None, 16):
        rng = np.random.default_rng(16)
        layers = [ex.Dense(2, 16, rng=rng), ex.ReLU(), ex.Dense(16, 3, rng=rng), ex.Softmax()]
        model = ex.Model()
        for layer in layers:
            model.add(layer)
        model.set(loss=ex.CategoricalCrossEntropy(), optimizer=ex.Adam(learning_rate=0.05),
                  accuracy=ex.CategoricalAccuracy())
        model.finalize()
        history = model.train(*handed(X, y), epochs=10, batch_size=batch_size,
                              rng=np.random.default_rng(1))
        forward = forward_here(layers)  # the spec's own layers, their weights read now
        if forward is None:
            fail(f"the layers of {VERTICAL}", "the kata's Dense, ReLU and Softmax, which "
                 "the grader can run itself", [type_name(layer) for layer in layers],
                 "keep the given classes under their own names")
        probabilities = forward(X)
        results[batch_size] = {"model": model, "history": history, "X": X, "y": y,
                               "probabilities": probabilities,
                               "figures": judged_figures(probabilities, y)}
    return results


def test_mini_batches_learn_faster_per_epoch(ex, vertical_runs):
    """12 small steps per epoch beat 1 full step: loss 0.16 against 0.98 for the reference."""
    full_loss = vertical_runs[None]["figures"][0]
    loss, accuracy, _ = vertical_runs[16]["figures"]
    if not accuracy >= 0.85:
        fail(f"the accuracy after {VERTICAL} in batches of 16, {JUDGED}", "at least 0.85",
             accuracy, "one step per batch, shuffled every epoch")
    if not loss < 0.5 * full_loss:
        fail(f"the loss after {VERTICAL} in batches of 16, {JUDGED}", "below half the "
             f"full-batch loss after 10 epochs, {full_loss:.4f}", loss,
             "one step per BATCH, not per epoch")
    history = vertical_runs[16]["history"]
    got = len(history["loss"]) if isinstance(history, dict) and "loss" in history else history
    expect_equal(got, 10, call=f'len(history["loss"]) after {VERTICAL} in batches of 16',
                 why="one entry per epoch, not per batch")


def test_evaluate_and_predict_report_the_trained_networks(ex, vertical_runs):
    """evaluate(X, y, batch_size=50) and predict(X, batch_size=50) of each trained model
    give the grader's own figures of its layers' weights."""
    for batch_size, run in vertical_runs.items():
        expect_reports(run, batch_size)


def expect_reports(run, batch_size):
    trained = f"the model trained on {VERTICAL}, batch_size={batch_size}"
    why = ("evaluate and predict must measure the network they are given: the forward pass "
           "of its layers' weights with training=False, in batches whose figures are "
           "sample-weighted - which the grader works out itself")
    got = run["model"].evaluate(*handed(run["X"], run["y"]), batch_size=50)
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(f"model.evaluate(X, y, batch_size=50) of {trained}", "a tuple (loss, accuracy)",
             got, why)
    loss, accuracy, unclear = run["figures"]
    expect_close(got[0], loss, rtol=LOSS_RTOL, atol=0,
                 call=f"the loss model.evaluate(X, y, batch_size=50) returns for {trained}",
                 why=why)
    if not abs(got[1] - accuracy) <= unclear / len(run["y"]) + 1e-12:  # k / n, exact
        fail(f"the accuracy model.evaluate(X, y, batch_size=50) returns for {trained}",
             f"{accuracy:.6g}" + (f" give or take {unclear} rows on a decision boundary"
                                  if unclear else ""), got[1], why)
    # Probabilities: rounding alone, under 1e-12 relative (see CLOSE); 1e-9 is ample.
    expect_close(run["model"].predict(*handed(run["X"]), batch_size=50), run["probabilities"],
                 rtol=1e-9, atol=1e-12,
                 call=f"model.predict(X, batch_size=50) of {trained}", why=why)
