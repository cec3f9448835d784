"""finalize takes the fused (s - y) / n shortcut whenever Softmax is last, whatever the
loss: right for cross-entropy, wrong for a Softmax trained with mean squared error."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model
from solutions.ex15_model import Softmax

EXPECT = "both, not either"


class Model(_Model):
    def finalize(self):
        super().finalize()
        self.softmax_classifier = isinstance(self.output_activation, Softmax)
