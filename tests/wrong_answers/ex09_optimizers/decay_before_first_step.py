"""Decay applied before the first step: learning_rate / (1 + decay * (iterations + 1))."""

from solutions import ex09_optimizers as _right
from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right

EXPECT = "first step"


class _DecaysTooEarly:
    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate / (
                1.0 + self.decay * (self.iterations + 1))


class SGD(_DecaysTooEarly, _right.SGD): ...
class Adagrad(_DecaysTooEarly, _right.Adagrad): ...
class RMSprop(_DecaysTooEarly, _right.RMSprop): ...
class Adam(_DecaysTooEarly, _right.Adam): ...
