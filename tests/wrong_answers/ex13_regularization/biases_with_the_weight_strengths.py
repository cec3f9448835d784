"""The biases' penalty gradient uses weight_regularizer_l1/l2 instead of the bias strengths."""

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "their own strengths"


class Dense(_Penalised):
    def bias_strengths(self):
        return self.weight_regularizer_l1, self.weight_regularizer_l2
