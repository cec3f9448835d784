"""X is shuffled but y is taken in its old order: samples get other samples' labels."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "SAME order for both"


class Model(_Model):
    shuffle_x_only = True
