"""shuffle=True is ignored: the batches are the same every epoch."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "rng.permutation(n)"


class Model(_Model):
    never_shuffle = True
