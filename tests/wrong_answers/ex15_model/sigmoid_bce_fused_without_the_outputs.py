"""backward fuses Sigmoid with binary cross-entropy too, as (s - y) / n_samples: right for
one output, but the loss is a mean over each sample's outputs as well, so with several
outputs every gradient is n_outputs times too big."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import BinaryCrossEntropy, Sigmoid
from solutions.ex15_model import Model as _Model

EXPECT = "n_outputs"


class Model(_Model):
    def backward(self, output, y):
        if not (isinstance(self.output_activation, Sigmoid)
                and isinstance(self.loss, BinaryCrossEntropy)):
            return super().backward(output, y)
        dvalues = (output - y) / len(output)
        self.output_activation.dinputs = dvalues
        for layer in reversed(self.layers[:-1]):
            dvalues = layer.backward(dvalues)
        return dvalues
