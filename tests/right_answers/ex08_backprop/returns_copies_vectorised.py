"""backward returns a copy of what it keeps; ReLU masks by its output; Softmax vectorised."""

import numpy as np

from solutions import ex08_backprop as _reference
from solutions.ex08_backprop import *  # noqa: F403 - the rest is the reference


class Dense(_reference.Dense):
    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = dvalues.sum(axis=0).reshape(1, -1)
        self.dinputs = np.dot(dvalues, self.weights.T)
        return self.dinputs.copy()


class ReLU(_reference.ReLU):
    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.output <= 0] = 0
        return self.dinputs.copy()


class Softmax(_reference.Softmax):
    def backward(self, dvalues):
        s = self.output
        # J @ d = s * (d - s.d) for each row: the Jacobian without building it
        self.dinputs = s * (dvalues - np.sum(s * dvalues, axis=1, keepdims=True))
        return self.dinputs.copy()


class CategoricalCrossEntropy(_reference.CategoricalCrossEntropy):
    def backward(self, dvalues, y_true):
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            y_true = np.eye(dvalues.shape[1])[y_true]
        self.dinputs = -(y_true / dvalues) / len(dvalues)
        return self.dinputs.copy()


class SoftmaxCrossEntropy(_reference.SoftmaxCrossEntropy):
    def __init__(self):
        self.activation = Softmax()
        self.loss = CategoricalCrossEntropy()

    def backward(self, dvalues, y_true):
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            y_true = np.eye(dvalues.shape[1])[y_true]
        self.dinputs = (dvalues - y_true) / len(dvalues)
        return self.dinputs.copy()
