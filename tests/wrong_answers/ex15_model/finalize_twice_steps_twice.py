"""finalize appends to a list of trainable layers made in __init__: finalized again (after
a new set), the model holds every Dense layer twice, and each step updates it twice."""

import inspect

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import CategoricalCrossEntropy, Softmax, SoftmaxCrossEntropy
from solutions.ex15_model import Model as _Model

EXPECT = "finalize"


class Model(_Model):
    def __init__(self):
        super().__init__()
        self.trainable_layers = []

    def finalize(self):
        for layer in self.layers:
            if hasattr(layer, "weights"):
                self.trainable_layers.append(layer)
        self.output_activation = self.layers[-1]
        self.softmax_classifier = (isinstance(self.output_activation, Softmax)
                                   and isinstance(self.loss, CategoricalCrossEntropy))
        self._fused = SoftmaxCrossEntropy()
        self._takes_training = ["training" in inspect.signature(layer.forward).parameters
                                for layer in self.layers]
