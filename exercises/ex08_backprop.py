"""Exercise 08 - backpropagation: every layer's backward pass.

Exercise 03 walked the chain rule through one neuron. Here every layer of Part 2 learns
to do the same for a whole batch. A backward pass receives `dvalues`, the gradient of
the loss with respect to the layer's OUTPUT (same shape as the output), and returns
`dinputs`, the gradient with respect to its INPUT (same shape as the input): the next
layer down takes that as its own `dvalues`. Layers with parameters also keep the
gradients of the loss with respect to them, for the optimizer (exercise 09).

    Dense     output = X @ W + b             dW = X.T @ dvalues          (i, n)(n, m) -> (i, m)
                                             db = sum of dvalues over the batch, (1, m)
                                             dX = dvalues @ W.T          (n, m)(m, i) -> (n, i)
    ReLU      output = max(0, x)             dx = dvalues where x > 0, else 0
    Softmax   s = softmax(z), per sample     dz = J @ dvalues_row, J = diag(s) - s s^T
    Cross-    loss = mean_i -log(p[i, y_i])  dp[i, j] = -y_onehot[i, j] / p[i, j] / n
    entropy
    Softmax + cross-entropy, together:       dz = (s - y_onehot) / n

Every gradient has the shape of the thing it is the gradient of: dW like W, db like b,
dX like X. When a shape does not come out right, a transpose is missing or misplaced.

Why 1/n? The loss is the MEAN over the n samples, so each sample's share of the
gradient is divided by n; the batch size then does not change the step size.

The combined gradient is why every classifier fuses softmax with its loss: the
Jacobian product collapses into one subtraction, cheaper and exact.

Worked example (the combined gradient, n = 3 samples, labels [0, 1, 1]):
    s = [[0.7, 0.1, 0.2],         s - y_onehot = [[-0.3,  0.1, 0.2],
         [0.1, 0.5, 0.4],                         [ 0.1, -0.5, 0.4],
         [0.02, 0.9, 0.08]]                       [ 0.02, -0.1, 0.08]]
    divided by 3:  [[-0.1,    0.0333,  0.0667],
                    [ 0.0333, -0.1667, 0.1333],
                    [ 0.0067, -0.0333, 0.0267]]

Check your own backward passes with kata.gradcheck.numerical_gradient: nudge each input
by +-1e-6 and see how the loss moves.
"""

import numpy as np

# Given: each layer's forward pass, from exercises 04 to 07. Each class below is that
# layer with its backward pass added: only the backward methods are yours to write.
from kata.given.ex04_dense import Dense as _Dense
from kata.given.ex05_relu import ReLU as _ReLU
from kata.given.ex06_softmax import Softmax as _Softmax
from kata.given.ex07_loss import CategoricalCrossEntropy as _CategoricalCrossEntropy


class Dense(_Dense):
    """Exercise 04's dense layer, output = inputs @ weights + biases, with its backward."""

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """Gradients of the loss for the weights, the biases and the inputs.

        dvalues: shape (n_samples, n_neurons), d(loss)/d(output)
        sets:    self.dweights (n_inputs, n_neurons) = inputs.T @ dvalues
                 self.dbiases  (1, n_neurons)        = dvalues summed over the samples
                 self.dinputs  (n_samples, n_inputs) = dvalues @ weights.T
        returns: self.dinputs. dvalues and the kept inputs are not changed.

        Each weight W[i, j] touches every sample, so its gradient adds up over the batch:
        sum_k X[k, i] * dvalues[k, j], which is (X.T @ dvalues)[i, j]. A bias is added to
        every sample, so its gradient is the column sum of dvalues.

        >>> layer = Dense(2, 1)
        >>> layer.weights = np.array([[3.0], [-1.0]])
        >>> _ = layer.forward(np.array([[1.0, 2.0], [0.5, -1.0]]))
        >>> layer.backward(np.array([[1.0], [2.0]]))       # [[1*3, 1*-1], [2*3, 2*-1]]
        array([[ 3., -1.],
               [ 6., -2.]])
        >>> layer.dweights.tolist(), layer.dbiases.tolist()  # [1*1 + .5*2, 2*1 - 1*2]
        ([[2.0], [0.0]], [[3.0]])
        """
        raise NotImplementedError('Dense.backward() is not written yet: replace this line with your code')


class ReLU(_ReLU):
    """Exercise 05's ReLU, output = max(0, inputs) elementwise, with its backward."""

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """The gradient passes where the input was positive and stops elsewhere.

        dvalues: the shape of the inputs, d(loss)/d(output)
        returns: dinputs, the same shape: dvalues where inputs > 0, 0.0 where inputs <= 0
                 (ReLU's slope is 0 there, and at 0 itself we take 0, as in exercise 03).
                 Also kept as self.dinputs; dvalues is not changed.

        >>> relu = ReLU()
        >>> _ = relu.forward(np.array([[2.0, -1.0, 0.0]]))
        >>> relu.backward(np.array([[5.0, 5.0, 5.0]]))
        array([[5., 0., 0.]])
        """
        raise NotImplementedError('ReLU.backward() is not written yet: replace this line with your code')


class Softmax(_Softmax):
    """Exercise 06's softmax over each row of a batch, with its backward."""

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """Each sample's upstream gradient times that sample's softmax Jacobian.

        For one sample with probabilities s (k entries), ds_i/dz_j = s_i (delta_ij - s_j):

            J = diag(s) - s s^T          (k, k), symmetric;  s s^T is the OUTER product
            dinputs_row = J @ dvalues_row

        dvalues: shape (n_samples, n_classes), d(loss)/d(softmax output)
        returns: the same shape, also kept as self.dinputs; dvalues is not changed.

        >>> softmax = Softmax()
        >>> _ = softmax.forward(np.array([[0.0, 0.0]]))    # s = [0.5, 0.5]
        >>> softmax.backward(np.array([[1.0, 0.0]]))       # J = [[.25, -.25], [-.25, .25]]
        array([[ 0.25, -0.25]])
        """
        raise NotImplementedError('Softmax.backward() is not written yet: replace this line with your code')


class CategoricalCrossEntropy(_CategoricalCrossEntropy):
    """Exercise 07's categorical cross-entropy (sparse or one-hot labels), with its backward."""

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """The gradient of the MEAN loss with respect to the predicted probabilities.

        loss = (1/n) sum_i -sum_j y_onehot[i, j] log p[i, j], so

            dinputs[i, j] = -y_onehot[i, j] / p[i, j] / n

        dvalues: shape (n_samples, n_classes), the predictions p (softmax output)
        y_true:  shape (n_samples,) class indices, or (n_samples, n_classes) one-hot
        returns: shape (n_samples, n_classes), nonzero only at each true class;
                 also kept as self.dinputs. The inputs are not changed.

        >>> CategoricalCrossEntropy().backward(np.array([[0.5, 0.5], [0.2, 0.8]]),
        ...                                    np.array([0, 1]))   # -1/0.5/2, -1/0.8/2
        array([[-1.   , -0.   ],
               [-0.   , -0.625]])
        """
        raise NotImplementedError('CategoricalCrossEntropy.backward() is not written yet: replace this line with your code')


class SoftmaxCrossEntropy:
    """Softmax and categorical cross-entropy as one step, for a fast, exact backward."""

    def __init__(self) -> None:
        self.activation = Softmax()
        self.loss = CategoricalCrossEntropy()

    def forward(self, inputs: np.ndarray, y_true: np.ndarray) -> float:
        """Softmax of the logits, then the mean cross-entropy loss.

        inputs:  shape (n_samples, n_classes), the last dense layer's output (logits)
        y_true:  shape (n_samples,) class indices, or (n_samples, n_classes) one-hot
        returns: the mean loss, a float; the probabilities are kept as self.output.

        >>> loss = SoftmaxCrossEntropy()
        >>> round(loss.forward(np.array([[0.0, 0.0, 0.0]]), np.array([2])), 6)  # log 3
        1.098612
        >>> loss.output.round(4)
        array([[0.3333, 0.3333, 0.3333]])
        """
        raise NotImplementedError('SoftmaxCrossEntropy.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """The gradient of the mean loss with respect to the logits: (s - y_onehot) / n.

        dvalues: shape (n_samples, n_classes), the softmax output s (self.output)
        y_true:  shape (n_samples,) class indices, or (n_samples, n_classes) one-hot
        returns: the same shape, also kept as self.dinputs; dvalues is not changed.

        It equals Softmax.backward applied after CategoricalCrossEntropy.backward: the
        Jacobian of softmax times -y/s/n collapses to (s - y)/n.

        >>> SoftmaxCrossEntropy().backward(np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]]),
        ...                                np.array([0, 1]))   # (s - one_hot) / 2
        array([[-0.15,  0.05,  0.1 ],
               [ 0.05, -0.25,  0.2 ]])
        """
        raise NotImplementedError('SoftmaxCrossEntropy.backward() is not written yet: replace this line with your code')
