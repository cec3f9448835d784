"""training=False is ignored: values are still dropped at inference."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "training=False"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        return super().forward(inputs, training=True)
