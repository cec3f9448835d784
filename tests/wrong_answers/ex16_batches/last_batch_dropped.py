"""The last, smaller batch is dropped: range(0, n - n % size, size)."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "never dropped"


class Model(_Model):
    drop_last = True
