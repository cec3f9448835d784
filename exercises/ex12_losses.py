"""Exercise 12 - more losses: binary cross-entropy, mean squared and mean absolute error.

Categorical cross-entropy (exercise 07) scores one choice among classes. Two other kinds
of output need their own loss:

    binary (yes/no) outputs, each a sigmoid probability p      binary cross-entropy
    regression outputs, any number p                            squared / absolute error

Here a network can have several outputs per sample (n_outputs of them: several
independent yes/no questions, or several numbers to predict), so y_pred and y_true both
have shape (n_samples, n_outputs). Each loss averages twice:

    forward(y_pred, y_true)    -> per-sample losses, shape (n_samples,): the mean of the
                                  per-output losses L(p, y) over each sample's outputs
    calculate(y_pred, y_true)  -> the mean of those, one float: the loss of the batch
    backward(dvalues, y_true)  -> d(calculate)/d(y_pred), shape (n_samples, n_outputs)

The per-output losses and their derivatives (p = y_pred, y = y_true):

    BinaryCrossEntropy  L = -(y log p + (1 - y) log(1 - p))    dL/dp = -(y/p - (1 - y)/(1 - p))
    MeanSquaredError    L = (y - p)**2                          dL/dp = -2 (y - p)
    MeanAbsoluteError   L = |y - p|                             dL/dp = sign(p - y)

Mind MAE's sign: |y - p| grows as p moves away from y, so its slope in p is +1 when
p > y, that is sign(p - y) = -sign(y - p). (The book's chapter 17 code writes
sign(y - p): a network trained with it walks away from its targets.)

Why divide by n_outputs and n_samples in backward? calculate is a mean of means: every
single prediction p[i, j] enters it with weight 1 / (n_samples * n_outputs). So each
entry of the gradient is dL/dp[i, j] / n_outputs / n_samples. Neither the batch size nor
the number of outputs then changes the size of a step.

Binary cross-entropy takes log p and log(1 - p), so p is clipped to [1e-7, 1 - 1e-7]
first, in forward AND in backward (where 1/p and 1/(1 - p) would divide by 0), exactly
as exercise 07 did.

Worked example (MSE, 2 samples, 2 outputs):
    y_pred = [[1.0, 2.0],    y_true = [[0.0, 2.0],    squared errors [[1, 0],
              [3.0, 1.0]]              [1.0, 1.0]]                    [4, 0]]
    forward   = [0.5, 2.0]   (the mean of each row)       calculate = 1.25
    backward  = -2 (y - p) / 2 / 2 = [[0.5, 0.0], [1.0, 0.0]]
"""

import numpy as np

CLIP = 1e-7  # binary cross-entropy keeps predictions in [CLIP, 1 - CLIP]


class Loss:
    """What every loss here shares: calculate, the mean of the per-sample losses."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """Per-sample losses, shape (n_samples,); each loss defines its own."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward")

    def calculate(self, y_pred: np.ndarray, y_true: np.ndarray) -> float:
        """The mean of forward's per-sample losses: the loss of the batch, as a float.

        >>> round(MeanSquaredError().calculate(np.array([[1.0, 2.0], [3.0, 1.0]]),
        ...                                    np.array([[0.0, 2.0], [1.0, 1.0]])), 6)
        1.25
        """
        raise NotImplementedError('Loss.calculate() is not written yet: replace this line with your code')


class BinaryCrossEntropy(Loss):
    """Cross-entropy of independent yes/no outputs, each a probability p in (0, 1)."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """-(y log p + (1 - y) log(1 - p)), p clipped, averaged over each sample's outputs.

        y_pred:  shape (n_samples, n_outputs), sigmoid outputs
        y_true:  the same shape, 0 or 1 for each output
        returns: shape (n_samples,). Neither argument is changed.

        >>> BinaryCrossEntropy().forward(np.array([[0.5, 0.5], [1.0, 0.0]]),
        ...                              np.array([[1.0, 0.0], [1.0, 0.0]])).round(6)
        array([0.693147, 0.      ])
        """
        raise NotImplementedError('BinaryCrossEntropy.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """-(y/p - (1 - y)/(1 - p)) / n_outputs / n_samples, with p = dvalues clipped.

        dvalues: shape (n_samples, n_outputs), the predictions p
        y_true:  the same shape
        returns: the same shape, also kept as self.dinputs. Neither argument is changed.

        >>> BinaryCrossEntropy().backward(np.array([[0.5, 0.5]]),
        ...                               np.array([[1.0, 0.0]]))  # -(1/.5)/2, (1/.5)/2
        array([[-1.,  1.]])
        """
        raise NotImplementedError('BinaryCrossEntropy.backward() is not written yet: replace this line with your code')


class MeanSquaredError(Loss):
    """The squared error (y - p)**2, averaged over each sample's outputs (L2 loss)."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """mean over outputs of (y_true - y_pred)**2, one loss per sample.

        y_pred, y_true: shape (n_samples, n_outputs); returns shape (n_samples,).

        >>> MeanSquaredError().forward(np.array([[1.0, 2.0], [3.0, 1.0]]),
        ...                            np.array([[0.0, 2.0], [1.0, 1.0]]))
        array([0.5, 2. ])
        """
        raise NotImplementedError('MeanSquaredError.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """-2 (y_true - dvalues) / n_outputs / n_samples = 2 (dvalues - y_true) / ... .

        dvalues: shape (n_samples, n_outputs), the predictions p; y_true the same shape.
        returns: the same shape, also kept as self.dinputs. Neither argument is changed.

        >>> MeanSquaredError().backward(np.array([[1.0, 2.0], [3.0, 1.0]]),
        ...                             np.array([[0.0, 2.0], [1.0, 1.0]]))
        array([[0.5, 0. ],
               [1. , 0. ]])
        """
        raise NotImplementedError('MeanSquaredError.backward() is not written yet: replace this line with your code')


class MeanAbsoluteError(Loss):
    """The absolute error |y - p|, averaged over each sample's outputs (L1 loss)."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """mean over outputs of |y_true - y_pred|, one loss per sample.

        y_pred, y_true: shape (n_samples, n_outputs); returns shape (n_samples,).

        >>> MeanAbsoluteError().forward(np.array([[1.0, 2.0], [3.0, 1.0]]),
        ...                             np.array([[0.0, 2.0], [1.0, 1.0]]))
        array([0.5, 1. ])
        """
        raise NotImplementedError('MeanAbsoluteError.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """sign(dvalues - y_true) / n_outputs / n_samples: +1 where the prediction is too big.

        Where a prediction equals its target |y - p| has a corner; any slope in [-1, 1]
        will do there, and np.sign gives 0.

        dvalues: shape (n_samples, n_outputs), the predictions p; y_true the same shape.
        returns: the same shape, also kept as self.dinputs. Neither argument is changed.

        >>> MeanAbsoluteError().backward(np.array([[1.0, 2.0], [3.0, 0.0]]),
        ...                              np.array([[0.0, 2.0], [1.0, 1.0]]))
        array([[ 0.25,  0.  ],
               [ 0.25, -0.25]])
        """
        raise NotImplementedError('MeanAbsoluteError.backward() is not written yet: replace this line with your code')
