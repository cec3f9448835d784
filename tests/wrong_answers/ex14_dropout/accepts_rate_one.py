"""The check lets rate == 1 through (0 <= rate <= 1): everything dropped, then 0 / 0."""

import numpy as np

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "ValueError"


class Dropout(_Dropout):
    def __init__(self, rate, *, rng=None):
        if not 0 <= rate <= 1:
            raise ValueError(f"Dropout rate must be in [0, 1], got {rate!r}")
        self.rate = rate
        self.rng = np.random.default_rng() if rng is None else rng
