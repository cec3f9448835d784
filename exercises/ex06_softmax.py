"""Exercise 06 - softmax: turning a layer's outputs into probabilities, stably.

The last layer of a classifier gives each sample one number per class (its "logits").
Softmax makes them a probability distribution over the classes: exponentiate each
number (now all positive, and larger stays larger), then divide by the row's total
(now each row sums to 1).

    softmax(z)[i, j] = exp(z[i, j]) / sum over k of exp(z[i, k])

Shapes: (n_samples, n_classes) in, the same shape out; each row is one sample, so every
max and sum runs along axis=1, with keepdims=True so that the (n, 1) result broadcasts
back onto the (n, k) rows.

The stability trick: exp(1000) overflows to inf, and inf / inf is nan. Subtracting the
same number from every logit of a row changes nothing, because the factor cancels:

    exp(z - c) / sum(exp(z - c)) = exp(-c) exp(z) / (exp(-c) sum(exp(z))) = softmax(z)

so subtract each row's own maximum first. Then the largest exponent is exp(0) = 1, no
exp can overflow, and the row's sum is at least 1, so nothing divides by 0.

Worked example:
    z = [[1, 2, 3]]   shift by the max, 3:  [[-2, -1, 0]]
    exp:   [[0.135335, 0.367879, 1.0]]     sum = 1.503214
    softmax(z) = [[0.090031, 0.244728, 0.665241]]
"""

import numpy as np


class Softmax:
    """Softmax over each row (each sample) of a batch."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Each row of `inputs` turned into probabilities that sum to 1.

        inputs:  shape (n_samples, n_classes), any finite numbers (even +-1000)
        returns: the same shape, every entry in [0, 1], each row summing to 1;
                 also kept as self.output. The inputs are not changed.

        >>> Softmax().forward(np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])).round(6)
        array([[0.090031, 0.244728, 0.665241],
               [0.333333, 0.333333, 0.333333]])
        """
        raise NotImplementedError('Softmax.forward() is not written yet: replace this line with your code')
