"""Specs for exercise 07: categorical cross-entropy and accuracy.

Expected losses are -math.log of confidences read off by hand (commented), and expected
accuracies are counted by hand or by a plain Python loop; never taken from the solution.
Losses are compared with rtol=1e-12 unless a spec says otherwise.
"""

import math

import numpy as np

from kata.judge.expect import expect_close, expect_float

# The worked example: 3 samples, 3 classes; the true classes are 0, 1, 1.
Y_PRED = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]
SPARSE = [0, 1, 1]
ONE_HOT = [[1, 0, 0], [0, 1, 0], [0, 1, 0]]
LOSSES = [-math.log(0.7), -math.log(0.5), -math.log(0.9)]  # 0.356675, 0.693147, 0.105361

SPARSE_WHY = ("sparse labels are one class index per sample: pick one confidence per sample, "
              "y_pred[range(n), y_true] (row i, column y_true[i]), then take -log")
ONE_HOT_WHY = ("one-hot labels are rows like [0, 1, 0]: the confidence is "
               "np.sum(y_pred * y_true, axis=1); check y_true.ndim to tell the two forms apart")
CLIP_LOW_WHY = ("clip the predictions to [1e-7, 1 - 1e-7] before the log (np.clip makes a new "
                "array): log(0) is -inf, and one infinite loss makes the whole mean infinite")
CLIP_HIGH_WHY = ("clip at the top as well, to 1 - 1e-7: a confidence of 1 then gives "
                 "-log(1 - 1e-7), about 1e-7, not exactly 0")


def arrays():
    """Fresh copies of the worked example (a spec may not share arrays with another)."""
    return np.array(Y_PRED), np.array(SPARSE), np.array(ONE_HOT)


def test_worked_example_sparse_labels(ex):
    """Labels [0, 1, 1]: losses -log 0.7, -log 0.5, -log 0.9 = 0.356675, 0.693147, 0.105361."""
    y_pred, sparse, _ = arrays()
    got = ex.CategoricalCrossEntropy().forward(y_pred, sparse)
    expect_close(got, LOSSES, rtol=1e-12, atol=0,
                 call=f"CategoricalCrossEntropy().forward({Y_PRED}, {SPARSE})",
                 why=SPARSE_WHY + "; the loss is -log(confidence), positive, one loss per "
                                  "sample (the mean is calculate's job)")


def test_worked_example_one_hot_labels(ex):
    """One-hot labels [[1,0,0], [0,1,0], [0,1,0]] give the same losses as [0, 1, 1]."""
    y_pred, _, one_hot = arrays()
    got = ex.CategoricalCrossEntropy().forward(y_pred, one_hot)
    expect_close(got, LOSSES, rtol=1e-12, atol=0,
                 call=f"CategoricalCrossEntropy().forward({Y_PRED}, {ONE_HOT})",
                 why=ONE_HOT_WHY)


def test_sparse_and_one_hot_agree_on_a_random_batch(ex):
    """A seeded batch of 6 samples x 4 classes: both label forms give -log(y_pred[i, label])."""
    rng = np.random.default_rng(9)
    y_pred = rng.uniform(0.05, 1.0, (6, 4))
    y_pred /= y_pred.sum(axis=1, keepdims=True)
    labels = rng.integers(0, 4, 6)
    one_hot = np.eye(4)[labels]
    expected = [-math.log(y_pred[i, labels[i]]) for i in range(6)]
    loss = ex.CategoricalCrossEntropy()
    expect_close(loss.forward(y_pred.copy(), labels.copy()), expected, rtol=1e-12, atol=0,
                 call=f"forward(y_pred of shape (6, 4), labels {labels.tolist()})", why=SPARSE_WHY)
    expect_close(loss.forward(y_pred.copy(), one_hot), expected, rtol=1e-12, atol=0,
                 call="forward(y_pred of shape (6, 4), the same labels one-hot)", why=ONE_HOT_WHY)


def test_calculate_is_the_mean_loss(ex):
    """calculate() on the worked example is (0.356675 + 0.693147 + 0.105361) / 3 = 0.385061."""
    expected = math.fsum(LOSSES) / 3
    for labels, name in ((SPARSE, "sparse"), (ONE_HOT, "one-hot")):
        got = ex.CategoricalCrossEntropy().calculate(np.array(Y_PRED), np.array(labels))
        expect_float(got, call=f"CategoricalCrossEntropy().calculate({Y_PRED}, {labels})",
                     why="calculate() -> float: one number, float(np.mean(losses))")
        expect_close(got, expected, rtol=1e-12, atol=0,
                     factors={3: "the number of samples: the mean, not the sum"},
                     call=f"CategoricalCrossEntropy().calculate({Y_PRED}, {labels}) ({name})",
                     why="the batch's loss is the mean of the per-sample losses (np.mean), "
                         "not their sum: it must not grow with the batch size")


def test_untrained_network_loss_is_log_3(ex):
    """Uniform predictions of 1/3 over 3 classes give -log(1/3) = 1.0986 per sample and mean."""
    y_pred = np.full((5, 3), 1 / 3)
    labels = np.array([0, 2, 1, 1, 0])
    loss = ex.CategoricalCrossEntropy()
    expect_close(loss.forward(y_pred, labels), np.full(5, math.log(3)), rtol=1e-12, atol=0,
                 call="forward(1/3 everywhere, labels [0, 2, 1, 1, 0])",
                 why="each sample's confidence is 1/3, so its loss is -log(1/3) = 1.0986")
    expect_close(loss.calculate(y_pred, labels), math.log(3), rtol=1e-12, atol=0,
                 call="calculate(1/3 everywhere, labels [0, 2, 1, 1, 0])",
                 why="the mean of five losses of 1.0986 is 1.0986: use the mean, not the sum")


def test_confidence_zero_gives_a_finite_loss(ex):
    """A true class predicted with probability 0 costs -log(1e-7) = 16.118, not infinity."""
    y_pred = np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
    for labels in (np.array([0, 1]), np.array([[1, 0, 0], [0, 1, 0]])):
        with np.errstate(all="ignore"):  # an unclipped log(0) warns; the message explains
            got = ex.CategoricalCrossEntropy().forward(y_pred.copy(), labels)
        expect_close(got, [-math.log(1e-7), -math.log(0.5)], rtol=1e-12, atol=0,
                     call=f"forward([[0, 1, 0], [0.5, 0.5, 0]], {labels.tolist()})",
                     why=CLIP_LOW_WHY)


def test_confidence_one_gives_minus_log_of_one_minus_1e7(ex):
    """A true class predicted with probability 1 costs -log(1 - 1e-7), about 1e-7, not 0."""
    y_pred = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    expected = [-math.log(1 - 1e-7)] * 2  # 1.00000005e-07
    for labels in (np.array([0, 2]), np.array([[1, 0, 0], [0, 0, 1]])):
        got = ex.CategoricalCrossEntropy().forward(y_pred.copy(), labels)
        expect_close(got, expected, rtol=1e-6, atol=0,
                     call=f"forward([[1, 0, 0], [0, 0, 1]], {labels.tolist()})",
                     why=CLIP_HIGH_WHY)


def test_forward_keeps_its_output(ex):
    """forward() returns the per-sample losses and keeps them as self.output."""
    y_pred, sparse, _ = arrays()
    loss = ex.CategoricalCrossEntropy()
    returned = loss.forward(y_pred, sparse)
    expect_close(getattr(loss, "output", None), returned, atol=0,
                 call="loss.output after loss.forward(y_pred, y_true)",
                 why="keep the per-sample losses as self.output as well as returning them")


def test_nothing_modifies_its_inputs(ex):
    """forward(), calculate() and accuracy() leave y_pred and y_true as they were."""
    y_pred = np.array([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])
    for labels in (np.array([1, 2, 0]), np.eye(3)[[1, 2, 0]]):
        for name, call in (
            ("CategoricalCrossEntropy().forward", ex.CategoricalCrossEntropy().forward),
            ("CategoricalCrossEntropy().calculate", ex.CategoricalCrossEntropy().calculate),
            ("accuracy", ex.accuracy),
        ):
            p, t = y_pred.copy(), labels.copy()
            call(p, t)
            expect_close(p, y_pred, atol=0, rtol=0,
                         call=f"y_pred after {name}(y_pred, y_true)",
                         why="clip into a new array (np.clip(y_pred, ...) without out=): "
                             "clipping in place changes the caller's predictions")
            expect_close(t, labels, atol=0, rtol=0, call=f"y_true after {name}(y_pred, y_true)",
                         why="read the labels; convert them into a new array if you need to")


def test_accuracy_with_sparse_labels(ex):
    """argmax per row [1, 1, 0] against labels [1, 1, 2]: 2 of 3 right, accuracy 2/3."""
    # row argmax: [0.1, 0.8, 0.1] -> 1, [0.2, 0.7, 0.1] -> 1, [0.5, 0.2, 0.3] -> 0
    y_pred = np.array([[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.5, 0.2, 0.3]])
    got = ex.accuracy(y_pred, np.array([1, 1, 2]))
    expect_close(got, 2 / 3, rtol=1e-12, atol=0,
                 call="accuracy([[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.5, 0.2, 0.3]], [1, 1, 2])",
                 why="each sample's prediction is the argmax of its row, np.argmax(y_pred, "
                     "axis=1); accuracy is the mean of (prediction == label)")


def test_accuracy_with_one_hot_labels(ex):
    """The same predictions against one-hot labels [[0,1,0], [0,1,0], [0,0,1]]: 2/3."""
    y_pred = np.array([[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.5, 0.2, 0.3]])
    one_hot = np.array([[0, 1, 0], [0, 1, 0], [0, 0, 1]])
    got = ex.accuracy(y_pred, one_hot)
    expect_close(got, 2 / 3, rtol=1e-12, atol=0,
                 call="accuracy(y_pred, [[0, 1, 0], [0, 1, 0], [0, 0, 1]])",
                 why="turn one-hot labels into class indices first (np.argmax(y_true, "
                     "axis=1) when y_true.ndim == 2), then compare")


def test_accuracy_on_a_random_batch(ex):
    """20 seeded samples x 4 classes, against a count made in a plain Python loop."""
    rng = np.random.default_rng(10)
    y_pred = rng.uniform(0, 1, (20, 4))
    labels = rng.integers(0, 4, 20)
    right = sum(1 for row, label in zip(y_pred.tolist(), labels.tolist())
                if row.index(max(row)) == label)
    expected = right / 20
    for y_true, name in ((labels, "sparse"), (np.eye(4)[labels], "one-hot")):
        expect_close(ex.accuracy(y_pred.copy(), y_true.copy()), expected, rtol=1e-12, atol=0,
                     call=f"accuracy(y_pred of shape (20, 4), {name} labels)",
                     why="argmax along axis=1 (one prediction per sample), compared with "
                         "the labels, averaged")


def test_accuracy_on_ties_takes_the_first_class(ex):
    """[[0.4, 0.4, 0.2], [0.1, 0.45, 0.45]]: argmax picks 0 and 1, so labels [1, 2] are wrong."""
    # A tie is no correct prediction: np.argmax takes the first of equal maxima (0, then 1).
    y_pred = np.array([[0.4, 0.4, 0.2], [0.1, 0.45, 0.45], [0.3, 0.3, 0.4]])
    for y_true, name in ((np.array([1, 2, 2]), "[1, 2, 2]"),
                         (np.eye(3)[[1, 2, 2]], "one-hot [1, 2, 2]")):
        expect_close(ex.accuracy(y_pred.copy(), y_true), 1 / 3, rtol=1e-12, atol=0,
                     call=f"accuracy([[0.4, 0.4, 0.2], [0.1, 0.45, 0.45], [0.3, 0.3, 0.4]], "
                          f"{name})",
                     why="the prediction is np.argmax(y_pred, axis=1), the first class of a "
                         "tie; a label that only ties with the maximum is not a right "
                         "prediction")
