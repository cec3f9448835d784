"""At inference the inputs are multiplied by the keep rate ("weight scaling"), on top of the
division in training: the sizes then no longer match."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "no scaling"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        if training:
            return super().forward(inputs)
        self.inputs = inputs
        self.output = inputs * (1 - self.rate)
        return self.output
