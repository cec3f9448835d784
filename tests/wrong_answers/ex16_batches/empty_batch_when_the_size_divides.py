"""The step count is n // batch_size + 1 (the book's "+ 1 for the remainder" taken
unconditionally): when batch_size divides n, the last step is on an empty batch."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "empty"


class Model(_Model):
    empty_last = True
