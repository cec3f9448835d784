"""The L2 slope as l2 * w: the 2 of the derivative of w**2 left out."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "the 2 stays"


class Dense(_Penalised):
    def slope(self, values, l1, l2):
        return l1 * np.sign(values) + l2 * values
