"""The list of layers is a class attribute: every Model shares (and appends to) it."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "own list of layers"


class Model(_Model):
    layers = []  # noqa: RUF012 - the mistake

    def __init__(self):
        self.loss = self.optimizer = self.accuracy = None
