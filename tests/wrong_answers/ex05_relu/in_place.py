"""Zeroes the negatives of the caller's array in place (inputs[inputs < 0] = 0)."""

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "in place"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        inputs[inputs < 0] = 0
        self.output = inputs
        return self.output
