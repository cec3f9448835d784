"""Exercise 14 - dropout: switch off a random part of a layer at every training step.

A network that overfits leans on a few neurons and on exact co-operation between them.
Dropout breaks that habit: during training, each output of a layer is set to 0 with
probability `rate`, freshly at every step, so no neuron can count on any other being
there and each has to be useful on its own. It is a layer of its own, placed after an
activation:

    Dense -> ReLU -> Dropout(0.1) -> Dense -> ...

The mask. Each unit is kept with probability q = 1 - rate. Keeping it is a coin flip, a
draw of NumPy's binomial(1, q) (1 with probability q, else 0), one per value:

    binary_mask = rng.binomial(1, 1 - rate, size=inputs.shape) / (1 - rate)
    output      = inputs * binary_mask

Why divide by the keep rate q? A unit that is kept with probability q passes on q times
its value on average: E[x * mask] = q * x * (1/q) + (1 - q) * 0 = x. Divided by q, the
expected output of every unit is the same as without dropout, so the next layer sees
inputs of the usual size in training and at inference (when nothing is dropped and the
layer does nothing at all). Without the division the next layer would be trained on
inputs q times smaller than the ones it gets once training is over.

Backward: output = inputs * mask is a product with a constant, so

    dinputs = dvalues * binary_mask

a dropped unit passes no gradient back (it took no part), a kept one passes 1/q times it.

`rate` must satisfy 0 <= rate < 1: rate = 1 would drop everything and divide by 0.
Randomness comes from a numpy.random.Generator the layer is given (a fresh default_rng()
when none is), so a seed makes training reproducible and NumPy's global state is never
touched.

Worked example (rate 0.5, so q = 0.5 and kept values are doubled):
    inputs      = [[1.0, 2.0, 3.0, 4.0]]
    a draw      = [[1,   0,   1,   1  ]]       rng.binomial(1, 0.5, size=(1, 4)), rng seed 9
    binary_mask = [[2.0, 0.0, 2.0, 2.0]]
    output      = [[2.0, 0.0, 6.0, 8.0]]       backward of [[1, 1, 1, 1]]: the mask itself
"""

import numpy as np


class Dropout:
    """Drops each value with probability `rate` in training; does nothing at inference.

    Dropout(rate, rng=rng): rate in [0, 1), the fraction of values dropped; rng a
    numpy.random.Generator (None: a fresh np.random.default_rng()). Keeps them as
    self.rate and self.rng.

    >>> Dropout(0.1, rng=np.random.default_rng(0)).rate
    0.1
    """

    def __init__(self, rate: float, *, rng: np.random.Generator | None = None) -> None:
        """Check 0 <= rate < 1 (else ValueError naming the rate) and keep rate and rng."""
        raise NotImplementedError('Dropout.__init__() is not written yet: replace this line with your code')

    def forward(self, inputs: np.ndarray, training: bool = True) -> np.ndarray:
        """inputs * binary_mask when training, the inputs unchanged when not.

        inputs:   any shape, usually (n_samples, n_neurons)
        training: True while the network trains; False to evaluate or predict
        returns:  the same shape, kept as self.output (the inputs as self.inputs). When
                  training, the mask rng.binomial(1, 1 - rate, size=inputs.shape) /
                  (1 - rate), one draw per call, is kept as self.binary_mask.
                  The inputs are not changed.

        >>> dropout = Dropout(0.5, rng=np.random.default_rng(9))
        >>> dropout.forward(np.array([[1.0, 2.0, 3.0, 4.0]]))
        array([[2., 0., 6., 8.]])
        >>> dropout.forward(np.array([[1.0, 2.0, 3.0, 4.0]]), training=False)
        array([[1., 2., 3., 4.]])
        """
        raise NotImplementedError('Dropout.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """dinputs = dvalues * binary_mask: the gradient flows only through kept units.

        dvalues: the shape of the inputs of the last training forward
        returns: dinputs, the same shape, also kept as self.dinputs; dvalues is not changed.

        >>> dropout = Dropout(0.5, rng=np.random.default_rng(9))
        >>> _ = dropout.forward(np.array([[1.0, 2.0, 3.0, 4.0]]))
        >>> dropout.backward(np.array([[1.0, 1.0, 1.0, 1.0]]))
        array([[2., 0., 2., 2.]])
        """
        raise NotImplementedError('Dropout.backward() is not written yet: replace this line with your code')
