"""print_every is taken and ignored: the batched train never prints its progress."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "progress lines"


class Model(_Model):
    silent = True
