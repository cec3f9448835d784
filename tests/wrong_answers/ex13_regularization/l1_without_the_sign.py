"""The L1 slope as l1 * w, as if |w| were w (or w**2 / 2): no sign."""

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "sign(w)"


class Dense(_Penalised):
    def slope(self, values, l1, l2):
        return l1 * values + 2 * l2 * values
