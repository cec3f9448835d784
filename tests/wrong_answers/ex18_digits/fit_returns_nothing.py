"""fit trains well but forgets to return the history."""

from solutions.ex18_digits import *  # noqa: F403 - everything else is right
from solutions.ex18_digits import fit as _fit

EXPECT = "return what model.train returns"


def fit(model, X, y, *, rng=None):
    _fit(model, X, y, rng=rng)
