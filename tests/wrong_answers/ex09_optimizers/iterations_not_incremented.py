"""post_update_params forgets to count the step: iterations stays 0."""

from solutions import ex09_optimizers as _right
from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right

EXPECT = "iterations"


class _NeverCounts:
    def post_update_params(self):
        pass


class SGD(_NeverCounts, _right.SGD): ...
class Adagrad(_NeverCounts, _right.Adagrad): ...
class RMSprop(_NeverCounts, _right.RMSprop): ...
class Adam(_NeverCounts, _right.Adam): ...
