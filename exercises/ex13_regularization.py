"""Exercise 13 - regularization: L1 and L2 penalties on a dense layer's parameters.

Exercise 10's network reaches about 97% on its training spiral but only about 82% on a
fresh draw: it has learned the training points, noise and all (overfitting). Large
weights are how a network bends its boundary around single points. Regularization adds
a penalty on the size of the parameters to the loss, so that a weight only grows when it
pays for itself in data loss:

    loss = data loss + regularization loss
    regularization loss = l1 * sum |w|  +  l2 * sum w**2       (weights, with their own l1, l2)
                        + l1_b * sum |b|  +  l2_b * sum b**2    (biases, with theirs)

Each penalty adds its derivative to the gradient the optimizer follows:

    d(l2 * sum w**2)/dw = 2 * l2 * w          d(l1 * sum |w|)/dw = l1 * sign(w)

Why L2 shrinks weights but L1 zeroes them: gradient descent with rate r moves each
weight by -r * 2 * l2 * w from L2 alone, a fixed FRACTION of the weight ("weight decay"):
a big weight shrinks fast, a small one slowly, and none reaches 0 exactly - L2 makes all
weights small. L1 moves each weight by -r * l1 * sign(w), the same AMOUNT whatever its
size: a weight the data does not need is walked all the way to 0 (and then jitters around
it), so L1 makes many weights exactly 0 (a sparse layer) and leaves useful ones large.

|w| has a corner at w = 0, where no single slope exists: any value in [-1, 1] is a valid
"subgradient". np.sign gives 0 there; the book uses 1. Both are fine.

Typical values are small: l2 = 5e-4 on the spiral's 64-neuron layer.

Worked example (one weight matrix, l1 = 0.1, l2 = 0.5, no bias penalties):
    w = [[1.0, -2.0]]
    regularization loss = 0.1 * (1 + 2) + 0.5 * (1 + 4) = 0.3 + 2.5 = 2.8
    added to dweights   = 0.1 * [[1, -1]] + 2 * 0.5 * [[1, -2]] = [[1.1, -2.1]]
"""

import numpy as np

# Given: exercise 04's Dense (init, forward) with exercise 08's backward.
from kata.given.ex08_backprop import Dense as _Dense


class Dense(_Dense):
    """Exercise 08's dense layer with L1 and L2 penalties on its weights and biases.

    Dense(n_inputs, n_neurons, rng=rng, weight_regularizer_l2=5e-4) keeps the four
    penalty strengths (0.0: no penalty) as attributes of the same names.

    >>> layer = Dense(2, 3, rng=np.random.default_rng(0), weight_regularizer_l2=5e-4)
    >>> layer.weight_regularizer_l2, layer.bias_regularizer_l1
    (0.0005, 0.0)
    """

    def __init__(self, n_inputs: int, n_neurons: int, *,
                 rng: np.random.Generator | None = None,
                 weight_regularizer_l1: float = 0.0, weight_regularizer_l2: float = 0.0,
                 bias_regularizer_l1: float = 0.0, bias_regularizer_l2: float = 0.0) -> None:
        super().__init__(n_inputs, n_neurons, rng=rng)
        self.weight_regularizer_l1 = weight_regularizer_l1
        self.weight_regularizer_l2 = weight_regularizer_l2
        self.bias_regularizer_l1 = bias_regularizer_l1
        self.bias_regularizer_l2 = bias_regularizer_l2

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """Exercise 08's gradients, plus each penalty's gradient on dweights and dbiases.

        dvalues: shape (n_samples, n_neurons), d(data loss)/d(output)
        sets:    self.dweights = inputs.T @ dvalues + l1 * sign(weights) + 2 * l2 * weights
                 self.dbiases  = summed dvalues + l1_b * sign(biases) + 2 * l2_b * biases
                 self.dinputs  = dvalues @ weights.T (the penalties do not depend on the
                                 inputs, so they add nothing here)
        returns: self.dinputs. dvalues, the inputs and the parameters are not changed.

        >>> layer = Dense(2, 1, rng=np.random.default_rng(0),
        ...               weight_regularizer_l1=0.1, weight_regularizer_l2=0.5)
        >>> layer.weights = np.array([[1.0], [-2.0]])
        >>> _ = layer.forward(np.array([[0.0, 0.0]]))    # zero inputs: zero data gradient
        >>> _ = layer.backward(np.array([[1.0]]))
        >>> layer.dweights                                # 0.1 * sign(w) + 2 * 0.5 * w
        array([[ 1.1],
               [-2.1]])
        """
        raise NotImplementedError('Dense.backward() is not written yet: replace this line with your code')


def regularization_loss(layer: object) -> float:
    """The layer's penalty: l1 * sum|w| + l2 * sum w**2 + l1_b * sum|b| + l2_b * sum b**2.

    layer:   any layer; one without the four regularizer attributes (a ReLU, exercise
             08's Dense) has none, and gives 0.0. A missing strength counts as 0.
    returns: a float >= 0, to add to the data loss.

    >>> layer = Dense(1, 2, rng=np.random.default_rng(0),
    ...               weight_regularizer_l1=0.1, weight_regularizer_l2=0.5)
    >>> layer.weights = np.array([[1.0, -2.0]])
    >>> round(regularization_loss(layer), 12)         # 0.1 * 3 + 0.5 * 5
    2.8
    >>> regularization_loss(object())
    0.0
    """
    raise NotImplementedError('regularization_loss() is not written yet: replace this line with your code')
