"""The bias L2 slope is added only when weight_regularizer_l2 is set: a copy-pasted guard
that checks the weights' strength instead of the biases' own."""

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "guard each one with its own strength"


class Dense(_Penalised):
    def bias_strengths(self):
        l2 = self.bias_regularizer_l2 if self.weight_regularizer_l2 > 0 else 0.0
        return self.bias_regularizer_l1, l2
