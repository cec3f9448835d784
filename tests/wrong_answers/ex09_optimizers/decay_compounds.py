"""Decay applied to the previous rate: current /= (1 + decay * iterations), compounding."""

from solutions import ex09_optimizers as _right
from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right

EXPECT = "current_learning_rate"


class _Compounds:
    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.current_learning_rate / (
                1.0 + self.decay * self.iterations)


class SGD(_Compounds, _right.SGD): ...
class Adagrad(_Compounds, _right.Adagrad): ...
class RMSprop(_Compounds, _right.RMSprop): ...
class Adam(_Compounds, _right.Adam): ...
