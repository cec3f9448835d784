"""Exercise 07 - categorical cross-entropy, the loss, and accuracy.

A classifier's softmax gives each sample a probability for every class. The loss says
how wrong that is, in one number per sample: minus the log of the probability given to
the sample's true class (its "confidence").

    loss_i = -log(y_pred[i, true class of i])        0 when confident and right,
                                                      large when confident and wrong

This is categorical cross-entropy, -sum_j y_true[i, j] log(y_pred[i, j]), for a one-hot
y_true: every term but the true class's is 0. The labels come in two forms:
    sparse:  y_true shape (n,), the class index of each sample, e.g. [0, 1, 1]
    one-hot: y_true shape (n, k), a 1 in the true class's column, e.g. [[1,0,0], [0,1,0], ...]
Sparse labels pick the confidences by fancy indexing, y_pred[range(n), y_true]; one-hot
labels by summing y_pred * y_true along axis=1. Both give the same losses.

log(0) is -inf, so a prediction of exactly 0 would make the loss infinite (and the mean
with it). The predictions are clipped to [1e-7, 1 - 1e-7] first. Clipping both ends keeps
the loss symmetric: a confidence of 1 gives -log(1 - 1e-7), about 1e-7, not exactly 0.

The loss of a batch is the mean of the per-sample losses. An untrained network that
predicts 1/3 for each of 3 classes has loss -log(1/3) = log 3 = 1.0986: a useful first
check of any new network.

Accuracy is simpler and is what people report: the fraction of samples whose most
probable class (argmax along axis=1) is the true one.

Worked example (3 samples, 3 classes):
    y_pred = [[0.7, 0.1, 0.2],        y_true = [0, 1, 1]  (one-hot: [[1,0,0],
              [0.1, 0.5, 0.4],                                       [0,1,0],
              [0.02, 0.9, 0.08]]                                     [0,1,0]])
    confidences  = [0.7, 0.5, 0.9]
    losses       = [0.356675, 0.693147, 0.105361]    mean 0.385061
    argmax       = [0, 1, 1]                          accuracy 1.0
"""

import numpy as np


class CategoricalCrossEntropy:
    """Categorical cross-entropy between predicted probabilities and true labels."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """One loss per sample: -log(clipped confidence in the true class).

        y_pred:  shape (n_samples, n_classes), probabilities (e.g. softmax output)
        y_true:  shape (n_samples,) of int class indices (sparse),
                 or shape (n_samples, n_classes) one-hot rows
        returns: shape (n_samples,), also kept as self.output. Inputs are not changed.

        >>> y_pred = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]])
        >>> CategoricalCrossEntropy().forward(y_pred, np.array([0, 1])).round(6)
        array([0.356675, 0.693147])
        >>> CategoricalCrossEntropy().forward(y_pred, np.array([[1, 0, 0], [0, 1, 0]])).round(6)
        array([0.356675, 0.693147])
        """
        ### BEGIN SOLUTION
        # np.clip returns a new array; log(0) = -inf is clipped out at both ends.
        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:  # sparse: one class index per sample
            confidences = clipped[np.arange(len(clipped)), y_true]
        else:  # one-hot: the only nonzero term of each row is the true class
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
        ### END SOLUTION

    def calculate(self, y_pred: np.ndarray, y_true: np.ndarray) -> float:
        """The mean loss over the batch, as a float (labels sparse or one-hot).

        >>> y_pred = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]])
        >>> round(CategoricalCrossEntropy().calculate(y_pred, np.array([0, 1, 1])), 6)
        0.385061
        """
        ### BEGIN SOLUTION
        return float(np.mean(self.forward(y_pred, y_true)))
        ### END SOLUTION


def accuracy(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """The fraction of samples whose most probable class is the true one.

    The predicted class is np.argmax of the row: on a tie, the first of the equal maxima.

    y_pred:  shape (n_samples, n_classes)
    y_true:  shape (n_samples,) class indices, or (n_samples, n_classes) one-hot
    returns: a float in [0, 1]

    >>> y_pred = np.array([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]])
    >>> accuracy(y_pred, np.array([0, 1, 1]))   # predicted [0, 0, 1]: 2 of 3 right
    0.6666666666666666
    """
    ### BEGIN SOLUTION
    predictions = np.argmax(y_pred, axis=1)
    y_true = np.asarray(y_true)
    if y_true.ndim == 2:  # one-hot rows -> class indices
        y_true = np.argmax(y_true, axis=1)
    return float(np.mean(predictions == y_true))
    ### END SOLUTION
