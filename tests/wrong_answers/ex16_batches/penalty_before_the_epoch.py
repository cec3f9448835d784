"""The regularization loss is taken before the epoch's steps, not after the last."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "after the epoch's last step"


class Model(_Model):
    penalty_first = True
