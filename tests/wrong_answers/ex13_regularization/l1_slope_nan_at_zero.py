"""The L1 slope as l1 * w / |w|: the sign, except 0 / 0 = nan at a weight of exactly 0."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "nan"


class Dense(_Penalised):
    def slope(self, values, l1, l2):
        with np.errstate(invalid="ignore"):
            return l1 * values / np.abs(values) + 2 * l2 * values
