"""Exercise 11 - more activations: sigmoid, tanh, leaky ReLU and linear.

ReLU (exercises 05 and 08) suits hidden layers. The output layer decides what a network
can say: softmax gives class probabilities; sigmoid gives independent yes/no
probabilities, one per output (binary classification, exercise 12's binary
cross-entropy); linear gives any number at all (regression, mean squared error). Tanh and
leaky ReLU are hidden-layer alternatives to ReLU. Each class here works elementwise on a
batch of any shape, and has ReLU's shape of API:

    forward(inputs)    keeps self.inputs, returns the output and keeps it as self.output
    backward(dvalues)  returns dinputs = dvalues * (the slope at each input),
                       and keeps it as self.dinputs

                output y = f(x)                   slope dy/dx
    Sigmoid     s = 1 / (1 + exp(-x))   in (0, 1)  s (1 - s)
    Tanh        t = tanh(x)             in (-1, 1) 1 - t**2
    LeakyReLU   x if x > 0, else alpha x           1 if x > 0, else alpha
    Linear      x                                  1

The sigmoid's slope, by the chain rule on s = (1 + e^-x)^-1:

    ds/dx = -(1 + e^-x)^-2 * (-e^-x) = 1/(1 + e^-x) * e^-x/(1 + e^-x) = s (1 - s)

since e^-x/(1 + e^-x) = 1 - 1/(1 + e^-x). Likewise tanh' = 1 - tanh**2. Both slopes are
written with the OUTPUT, which forward kept: no exponential in the backward pass. They
are largest at x = 0 (1/4 and 1) and vanish for large |x|: a saturated unit learns slowly.

Numerical care: exp(-x) overflows to inf for x below about -709, and NumPy warns
("overflow encountered in exp"). 1 / (1 + inf) happens to be the right 0, but a warning
at every step hides real problems. Only ever exponentiate -|x| <= 0, which lies in (0, 1]:

    e = exp(-|x|)
    s = 1 / (1 + e)   where x >= 0        (the usual formula)
    s = e / (1 + e)   where x <  0        (the same, times e^x / e^x)

Worked example:
    x                = [-1000,  -1,       0,    1,        1000]
    sigmoid(x)       = [0,      0.268941, 0.5,  0.731059, 1]
    slope s (1 - s)  = [0,      0.196612, 0.25, 0.196612, 0]
"""

import numpy as np


class Sigmoid:
    """The logistic sigmoid, elementwise: output = 1 / (1 + exp(-inputs)), in (0, 1)."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """The sigmoid of every element, finite and warning-free for any finite input.

        inputs:  any shape, float64
        returns: the same shape, values in [0, 1]: exactly 1 only above about x = 37,
                 where float64 runs out of digits, exactly 0 only below about x = -745,
                 where exp underflows. Kept as self.output, and the inputs as
                 self.inputs. The inputs are not changed.

        >>> Sigmoid().forward(np.array([[-1000.0, 0.0, 1000.0]]))
        array([[0. , 0.5, 1. ]])
        """
        raise NotImplementedError('Sigmoid.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """dinputs = dvalues * s * (1 - s), with s the output forward kept.

        dvalues: the shape of the inputs, d(loss)/d(output)
        returns: dinputs, the same shape, also kept as self.dinputs; dvalues is not changed.

        >>> sigmoid = Sigmoid()
        >>> _ = sigmoid.forward(np.array([[0.0, 0.0]]))    # s = 0.5, slope 0.25
        >>> sigmoid.backward(np.array([[1.0, -2.0]]))
        array([[ 0.25, -0.5 ]])
        """
        raise NotImplementedError('Sigmoid.backward() is not written yet: replace this line with your code')


class Tanh:
    """The hyperbolic tangent, elementwise: output = tanh(inputs), in (-1, 1)."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """tanh of every element (np.tanh is stable for any finite input).

        inputs:  any shape; returns the same shape, kept as self.output (inputs as
                 self.inputs). The inputs are not changed.

        >>> Tanh().forward(np.array([[-1000.0, 0.0, 1000.0]]))
        array([[-1.,  0.,  1.]])
        """
        raise NotImplementedError('Tanh.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """dinputs = dvalues * (1 - t**2), with t = tanh(inputs), the OUTPUT forward kept.

        returns: dinputs, the shape of dvalues, also kept as self.dinputs.

        >>> tanh = Tanh()
        >>> _ = tanh.forward(np.array([[0.0, 0.0]]))       # t = 0, slope 1
        >>> tanh.backward(np.array([[3.0, -0.5]]))
        array([[ 3. , -0.5]])
        """
        raise NotImplementedError('Tanh.backward() is not written yet: replace this line with your code')


class LeakyReLU:
    """ReLU that leaks: output = inputs where inputs > 0, alpha * inputs elsewhere.

    A plain ReLU unit whose inputs are all negative has slope 0 and never learns again
    ("dies"); a small slope alpha below 0 keeps a gradient flowing.

    >>> LeakyReLU().alpha
    0.01
    """

    def __init__(self, alpha: float = 0.01) -> None:
        self.alpha = alpha

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """inputs where they are positive, alpha * inputs elsewhere (0 stays 0).

        inputs:  any shape; returns the same shape, kept as self.output (inputs as
                 self.inputs). The inputs are not changed.

        >>> LeakyReLU(alpha=0.1).forward(np.array([[2.0, -3.0, 0.0]]))
        array([[ 2. , -0.3,  0. ]])
        """
        raise NotImplementedError('LeakyReLU.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """dvalues where the inputs were positive, alpha * dvalues elsewhere.

        At an input of exactly 0 the slope is undefined; either side's (alpha or 1) will
        do. Here 0 counts with the negatives, as for ReLU in exercise 08.

        returns: dinputs, the shape of dvalues, also kept as self.dinputs.

        >>> leaky = LeakyReLU(alpha=0.1)
        >>> _ = leaky.forward(np.array([[2.0, -3.0]]))
        >>> leaky.backward(np.array([[5.0, 5.0]]))
        array([[5. , 0.5]])
        """
        raise NotImplementedError('LeakyReLU.backward() is not written yet: replace this line with your code')


class Linear:
    """The identity, output = inputs: the output layer of a regression network."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """The inputs themselves, kept as self.output (and as self.inputs).

        >>> Linear().forward(np.array([[-2.5, 0.0, 7.0]]))
        array([[-2.5,  0. ,  7. ]])
        """
        raise NotImplementedError('Linear.forward() is not written yet: replace this line with your code')

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """The slope is 1 everywhere, so dinputs is dvalues: a copy, kept and returned.

        A copy, so that whatever the layer below does to its dvalues in place cannot
        reach back into the array the loss handed down.

        >>> linear = Linear()
        >>> _ = linear.forward(np.array([[1.0, 2.0]]))
        >>> linear.backward(np.array([[0.5, -4.0]]))
        array([[ 0.5, -4. ]])
        """
        raise NotImplementedError('Linear.backward() is not written yet: replace this line with your code')
