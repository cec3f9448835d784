"""history['learning_rate'] records the epoch's first step's rate, not its last."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "LAST step"


class Model(_Model):
    first_rate = True
