"""The epoch's loss and accuracy are the plain mean of the batch means."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "sample-weighted"


class Model(_Model):
    unweighted = True
