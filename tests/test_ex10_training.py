"""Specs for exercise 10: train_step and train, up to the spiral learnt.

Expected losses, accuracies and updated weights come from a forward and backward pass
written out here, in the spec, from the model's own weights (independent of the
exercise's layers). The long run - 10,000 epochs of Adam on the spiral - happens once
per module, in a fixture, and only after train() has matched the short checks.

The learner's code gets copies of the spec's data, never the arrays the spec judges
with: an argument the learner keeps and changes later is mirrored into the array that
was passed (tests/SPECS.md), so a spec that passed its own labels could be made to
compare predictions with labels the learner rewrote. The trained network is judged here,
in the judge, from the weights train() left in model.dense1 and model.dense2 - not from
the learner's predict() or the history it reports.
"""

import hashlib
import math
import re

import numpy as np
import pytest

from kata.datasets import spiral_data
from kata.judge.expect import expect_close, expect_equal, fail
from kata.judge.models import handed

SPIRAL_SEED = 10  # the data and the model's initial weights; 0.97 training accuracy
FRESH_SEED = 1010  # with the trained weights' digest: a draw never trained on (fresh_draw)
EPOCHS = 10_000


def logits_of(params, X):
    """The network's logits for X, computed here from the weights: dense1, ReLU, dense2."""
    W1, b1, W2, b2 = params
    return np.maximum(0.0, X @ W1 + b1) @ W2 + b2


def fresh_draw(params):
    """A new draw of the spirals, seeded by FRESH_SEED and a digest of the trained weights.

    What it proves: the points cannot have been trained on, nor looked up by regenerating
    spiral_data over guessed seeds - they are fixed only once training is over (any
    change to the weights draws other points), they never cross to the learner's process
    for the accuracy check, and the seed holds 128 bits of that digest, not a small number.
    What it cannot prove: that the weights were reached by training; weights found
    elsewhere and copied in would be judged like any others.
    """
    digest = hashlib.sha256(b"".join(np.ascontiguousarray(p, dtype=np.float64).tobytes()
                                     for p in params)).digest()
    entropy = [FRESH_SEED, int.from_bytes(digest[:16], "big")]  # 128 bits: no guessing
    return spiral_data(100, 3, rng=np.random.default_rng(entropy)), entropy


def by_hand(params, X, y):
    """(loss, accuracy, gradients) of the 2-layer network with params [W1, b1, W2, b2]."""
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    h = np.maximum(0.0, z1)
    logits = h @ W2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    n = len(X)
    loss = float(np.mean(-np.log(np.clip(p[np.arange(n), y], 1e-7, 1 - 1e-7))))
    acc = float(np.mean(np.argmax(p, axis=1) == y))
    dlogits = p.copy()
    dlogits[np.arange(n), y] -= 1
    dlogits /= n
    dh = dlogits @ W2.T
    dz1 = dh * (z1 > 0)
    grads = [X.T @ dz1, dz1.sum(axis=0, keepdims=True), h.T @ dlogits,
             dlogits.sum(axis=0, keepdims=True)]
    return loss, acc, grads


def params_of(model):
    return [model.dense1.weights.copy(), model.dense1.biases.copy(),
            model.dense2.weights.copy(), model.dense2.biases.copy()]


def small_case(ex, seed=3):
    X, y = spiral_data(10, 3, rng=seed)
    model = ex.SpiralClassifier(2, 8, 3, rng=np.random.default_rng(seed))
    # Larger weights than the 0.01 default, so that one step changes things visibly.
    for dense in (model.dense1, model.dense2):
        dense.weights *= 100.0
    return X, y, model


def sgd_by_hand(params, X, y, rates):
    """Plain gradient descent by hand: the losses, accuracies and final params per step."""
    losses, accs = [], []
    for lr in rates:
        loss, acc, grads = by_hand(params, X, y)
        losses.append(loss)
        accs.append(acc)
        params = [p - lr * g for p, g in zip(params, grads)]
    return losses, accs, params


NAMES = ("dense1.weights", "dense1.biases", "dense2.weights", "dense2.biases")


def expect_params(model, expected, call, why):
    for name, got, want in zip(NAMES, params_of(model), expected):
        expect_close(got, want, rtol=1e-9, atol=1e-12, call=f"{call}: {name}", why=why)


# ----------------------------------------------------------------------------- one step

def test_train_step_returns_loss_and_accuracy_before_the_update(ex):
    """train_step gives (loss, accuracy) of its forward pass, measured before the update."""
    X, y, model = small_case(ex)
    loss, acc, _ = by_hand(params_of(model), X, y)
    got = ex.train_step(model, *handed(X, y), ex.SGD(learning_rate=0.5))
    if not (isinstance(got, tuple) and len(got) == 2):
        fail("train_step(model, X, y, SGD(0.5))", "a tuple (loss, accuracy)", got,
             "return both numbers: return loss, accuracy")
    expect_close(got[0], loss, rtol=1e-9, call="the loss train_step returns",
                 why="the mean loss of this step's forward pass, what loss_activation.forward "
                     "returns, taken before the update changes the weights")
    expect_close(got[1], acc, call="the accuracy train_step returns",
                 why="accuracy(model.loss_activation.output, y), measured before the update")


def test_train_step_updates_every_layer_by_its_gradient(ex):
    """After one SGD(0.5) step each parameter is p - 0.5 * dloss/dp, for both layers."""
    X, y, model = small_case(ex)
    _, _, expected = sgd_by_hand(params_of(model), X, y, [0.5])
    ex.train_step(model, *handed(X, y), ex.SGD(learning_rate=0.5))
    expect_params(model, expected, "after train_step(model, X, y, SGD(0.5))",
                  "backward through every layer in reverse order, each taking the dinputs "
                  "of the one after it: loss_activation.backward(loss_activation.output, y), "
                  "dense2, activation1, dense1; then update every layer in model.layers")


def test_one_step_lowers_the_loss(ex):
    """On a fixed batch, one Adam(0.05) step lowers the loss (worked out by hand after it)."""
    X, y, model = small_case(ex, seed=4)
    before, _, _ = by_hand(params_of(model), X, y)
    ex.train_step(model, *handed(X, y), ex.Adam(learning_rate=0.05))
    after, _, _ = by_hand(params_of(model), X, y)
    if not after < before:
        fail("the loss on the same batch after one train_step with Adam(0.05)",
             f"below {before:.6f} (the loss before the step)", after,
             "step against the gradient: the backward pass must reach every layer before "
             "optimizer.update_params(layer) is called for each")


def test_train_step_counts_optimizer_steps(ex):
    """Three train_steps leave optimizer.iterations at 3: pre_update, updates, post_update."""
    X, y, model = small_case(ex)
    optimizer = ex.SGD(learning_rate=0.1)
    for _ in range(3):
        ex.train_step(model, *handed(X, y), optimizer)
    expect_equal(optimizer.iterations, 3, call="optimizer.iterations after three train_steps",
                 why="each step calls optimizer.pre_update_params(), update_params(layer) for "
                     "every layer, then optimizer.post_update_params(), which counts the step")


# ----------------------------------------------------------------------------- train

def test_history_has_one_entry_per_epoch(ex):
    """train(..., epochs=5) returns lists loss, accuracy, learning_rate of 5 floats each."""
    X, y, model = small_case(ex)
    history = ex.train(model, *handed(X, y), ex.SGD(learning_rate=0.1), 5)
    if not isinstance(history, dict) or not {"loss", "accuracy", "learning_rate"} <= set(history):
        fail("train(model, X, y, SGD(0.1), 5)",
             'a dict with (at least) the keys "loss", "accuracy", "learning_rate"', history,
             "return the history dict; more lists of your own are welcome")
    for key in ("loss", "accuracy", "learning_rate"):
        values = history[key]
        expect_equal(len(values), 5, call=f'len(history["{key}"]) after 5 epochs',
                     why="one entry per epoch: append once per train_step, no initial entry")


def test_history_follows_each_epoch(ex):
    """Three SGD(0.5) epochs: the history's losses and accuracies and the final weights by hand."""
    X, y, model = small_case(ex)
    losses, accs, params = sgd_by_hand(params_of(model), X, y, [0.5, 0.5, 0.5])
    history = ex.train(model, *handed(X, y), ex.SGD(learning_rate=0.5), 3)
    expect_close(history["loss"], losses, rtol=1e-9, call='history["loss"] after 3 epochs',
                 why="each epoch's loss comes from its own forward pass, before its update; "
                     "make a fresh history dict in every call of train")
    expect_close(history["accuracy"], accs, call='history["accuracy"] after 3 epochs',
                 why="each epoch's accuracy comes from its own forward pass, before its update")
    expect_params(model, params, "after train(model, X, y, SGD(0.5), 3)",
                  "one train_step per epoch, each updating every layer once")


def test_history_learning_rate_is_the_rate_each_update_used(ex):
    """SGD(1.0, decay=1.0) for 3 epochs: learning_rate [1, 1/2, 1/3] and weights to match."""
    X, y, model = small_case(ex)
    rates = [1.0, 0.5, 1 / 3]
    _, _, params = sgd_by_hand(params_of(model), X, y, rates)
    history = ex.train(model, *handed(X, y), ex.SGD(learning_rate=1.0, decay=1.0), 3)
    expect_close(history["learning_rate"], rates, rtol=1e-12,
                 call='history["learning_rate"] with SGD(1.0, decay=1.0)',
                 why="record optimizer.current_learning_rate AFTER the epoch's train_step: "
                     "that is the learning rate its update used (pre_update_params set it)")
    expect_params(model, params, "after 3 epochs of SGD(1.0, decay=1.0)",
                  "each epoch's update uses that epoch's decayed learning rate")


def test_print_every_prints_a_progress_line(ex):
    """print_every=2 over 4 epochs prints 2 lines: epoch, loss, accuracy and learning rate."""
    X, y, model = small_case(ex)
    with ex.observe() as seen:
        history = ex.train(model, *handed(X, y), ex.SGD(learning_rate=0.5), 4, print_every=2)
    lines = [line for line in seen.printed.splitlines() if line.strip()]
    why = ("after every print_every-th epoch (2 and 4 here) print one line naming the epoch, "
           "the loss, the accuracy and the learning rate, e.g. "
           "'epoch 2/4  loss 1.0986  accuracy 0.333  learning rate 0.5'")
    if len(lines) != 2:
        fail("the lines printed by train(..., 4, print_every=2)", "2 lines", lines, why)
    for line, epoch in zip(lines, (2, 4)):
        text = line.lower()
        numbers = [float(n) for n in re.findall(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", text)]
        has = {
            f"the epoch number {epoch}": epoch in numbers,
            "the word loss": "loss" in text,
            "the word accuracy (or acc)": "acc" in text,
            "the learning rate (or lr)": "learning rate" in text or "lr" in text,
            f"the loss, {history['loss'][epoch - 1]:.3f}":
                any(abs(n - history["loss"][epoch - 1]) < 6e-4 for n in numbers),
            f"the accuracy, {history['accuracy'][epoch - 1]:.3f}":
                any(abs(n - history["accuracy"][epoch - 1]) < 6e-4 or
                    abs(n - 100 * history["accuracy"][epoch - 1]) < 6e-2 for n in numbers),
        }
        missing = [name for name, ok in has.items() if not ok]
        if missing:
            fail(f"the progress line after epoch {epoch}", "a line with " + ", ".join(missing),
                 line, why)


def test_print_every_zero_prints_nothing(ex):
    """The default print_every=0 trains silently."""
    X, y, model = small_case(ex)
    with ex.observe() as seen:
        ex.train(model, *handed(X, y), ex.SGD(learning_rate=0.5), 3)
    out = seen.printed
    if out.strip():
        fail("the output of train(model, X, y, SGD(0.5), 3)", "nothing (print_every=0)", out,
             "print only when print_every is given: if print_every and epoch % print_every "
             "== 0")


# ----------------------------------------------------------------------------- the spiral

@pytest.fixture(scope="module")
def spiral_run(ex):
    """10,000 epochs of Adam(0.05, decay=5e-7) on spiral_data(100, 3), judged here.

    Returns the history, the spec's own data, and the weights before and right after
    train(), read once: every check of the run is computed from these, in the judge.
    """
    # A wrong train() would spend seconds to fail here too; check it on the small case first.
    X, y, model = small_case(ex)
    losses, _, params = sgd_by_hand(params_of(model), X, y, [0.5, 0.25])
    try:
        history = ex.train(model, *handed(X, y), ex.SGD(learning_rate=0.5, decay=1.0), 2)
        ok = np.allclose(history["loss"], losses, rtol=1e-9) and np.allclose(
            history["learning_rate"], [0.5, 0.25], rtol=1e-12) and all(
            np.allclose(got, want, rtol=1e-9, atol=1e-12)
            for got, want in zip(params_of(model), params))
    except NotImplementedError:
        raise
    except Exception:
        ok = False
    if not ok:  # an AssertionError, so that the message reaches the learner as it is
        raise AssertionError("The 10,000-epoch spiral run was not started: first make "
                             "train() pass the short specs above (its losses, learning rates "
                             "or updated weights do not match yet).")
    X, y = spiral_data(100, 3, rng=SPIRAL_SEED)
    model = ex.SpiralClassifier(rng=np.random.default_rng(SPIRAL_SEED))
    initial = params_of(model)
    optimizer = ex.Adam(learning_rate=0.05, decay=5e-7)
    history = ex.train(model, *handed(X, y), optimizer, EPOCHS)
    trained = params_of(model)
    steps = optimizer.iterations
    shapes = [p.shape for p in initial]
    if [np.shape(p) for p in trained] != shapes or not all(
            np.all(np.isfinite(p)) for p in trained):
        fail(f"model.dense1/dense2 weights and biases after train(..., {EPOCHS})",
             f"finite arrays of the shapes they started with, {shapes}",
             [np.shape(p) for p in trained],
             "train() changes the weights only through the optimizer's updates")
    return {"model": model, "history": history, "X": X, "y": y, "initial": initial,
            "trained": [np.asarray(p, dtype=np.float64) for p in trained], "steps": steps}


RUN = (f"train() for {EPOCHS} epochs (spiral_data(100, 3, rng={SPIRAL_SEED}), "
       f"SpiralClassifier(rng=default_rng({SPIRAL_SEED})), Adam(0.05, decay=5e-7))")
JUDGED = ("measured by the grader from the trained weights (model.dense1 and model.dense2 "
          "after train), not from model.predict or the history")


@pytest.mark.timeout(120)
def test_learns_the_spiral(ex, spiral_run):
    """Adam(0.05, decay=5e-7), 10,000 epochs on 3 spiral arms of 100: at least 90% right."""
    run = spiral_run
    _, got, _ = by_hand(run["trained"], run["X"], run["y"])
    if not got >= 0.9:
        fail(f"the training accuracy after {RUN}, {JUDGED}", "at least 0.9", got,
             "every step must update both layers with correct gradients, and train() must "
             "really run all its epochs on the X and y it is given; check the short specs "
             "above first")


@pytest.mark.timeout(120)
def test_the_loss_falls(ex, spiral_run):
    """The loss starts at about log 3 = 1.0986 and ends below 0.3; the history agrees."""
    run = spiral_run
    history = run["history"]
    start, _, _ = by_hand(run["initial"], run["X"], run["y"])
    end, _, _ = by_hand(run["trained"], run["X"], run["y"])
    if not end < 0.3:
        fail(f"the training loss after {RUN}, {JUDGED}", "below 0.3", end,
             "training should drive the loss down steadily: every epoch one train_step on "
             "the whole data set")
    if not isinstance(history, dict) or not isinstance(history.get("loss"), list):
        fail(f"the history {RUN} returns", 'a dict with a list "loss"', history,
             "return the history dict")
    expect_equal(len(history["loss"]), EPOCHS, call=f'len(history["loss"]) after {RUN}',
                 why="one entry per epoch, every epoch one train_step")
    expect_close(history["loss"][0], start, rtol=1e-7,
                 call=f'history["loss"][0] of {RUN}',
                 why=f"the loss of the untrained weights, worked out by the grader: about "
                     f"log 3 = {math.log(3):.4f}, since small initial weights give about 1/3 "
                     "per class; the history reports each epoch's own forward pass")
    expect_close(history["loss"][-1], end, rtol=0, atol=0.02,
                 call=f'history["loss"][-1] of {RUN}',
                 why="the last epoch's loss, measured before its update, is within a step of "
                     "the loss of the trained weights (worked out by the grader); the history "
                     "reports what the network really did")


@pytest.mark.timeout(120)
def test_every_epoch_of_the_long_run_is_one_step(ex, spiral_run):
    """10,000 epochs are 10,000 optimizer steps, each recorded with the rate it used."""
    # A train() that stops early and repeats its last figures (trained half as long, the
    # spiral is learnt just as well) leaves a history of the right length and loss. The
    # optimizer's own count says how many steps were taken, and Adam's decay gives each
    # epoch's rate by hand: epoch i (from 1) updates with 0.05 / (1 + 5e-7 * (i - 1)).
    run = spiral_run
    expect_equal(run["steps"], EPOCHS, call=f"optimizer.iterations after {RUN}",
                 why="every epoch one train_step, each one optimizer step: train() runs "
                     "all its epochs, never stopping early")
    rates = [0.05 / (1 + 5e-7 * step) for step in range(EPOCHS)]
    history = run["history"]
    got = history.get("learning_rate") if isinstance(history, dict) else history
    expect_close(got, rates, rtol=1e-12, call=f'history["learning_rate"] of {RUN}',
                 why="each entry is optimizer.current_learning_rate after that epoch's own "
                     "step, which decays a little every step")


@pytest.mark.timeout(120)
def test_classifies_a_fresh_draw_of_the_spiral(ex, spiral_run):
    """A new draw of the same spirals, never trained on, is classified far better than chance."""
    (X_new, y_new), entropy = fresh_draw(spiral_run["trained"])
    _, got, _ = by_hand(spiral_run["trained"], X_new, y_new)
    if not got >= 0.7:
        fail(f"the accuracy on a fresh draw, spiral_data(100, 3, rng=default_rng({entropy})), "
             f"never trained on, {JUDGED}", "at least 0.7 (chance is 0.333)", got,
             "the network should learn the arms' shape, not the single points")


@pytest.mark.timeout(120)
def test_predict_is_the_forward_pass_of_the_trained_weights(ex, spiral_run):
    """model.predict gives the argmax of dense1 -> ReLU -> dense2 of its own weights."""
    model, trained = spiral_run["model"], spiral_run["trained"]
    (X_new, _), entropy = fresh_draw(trained)
    for X, name in ((spiral_run["X"], f"the training points (rng={SPIRAL_SEED})"),
                    (X_new, f"a fresh draw (rng=default_rng({entropy}))")):
        logits = logits_of(trained, X)
        expected = np.argmax(logits, axis=1)
        top_two = np.sort(logits, axis=1)[:, -2:]
        clear = top_two[:, 1] - top_two[:, 0] > 1e-9  # rows without a near tie
        got = np.asarray(model.predict(*handed(X)))
        if got.shape != expected.shape or np.any((got != expected) & clear):
            wrong = int(np.sum((got != expected) & clear)) if got.shape == expected.shape else "?"
            fail(f"model.predict(X) on {name}, after {RUN} ({wrong} rows differ)",
                 "the class of the largest logit of the forward pass of its own weights: "
                 "argmax(relu(X @ W1 + b1) @ W2 + b2), worked out by the grader",
                 got, "predict is given: it reads the answer off the network's weights, "
                      "never from labels or data sets kept or regenerated elsewhere")
