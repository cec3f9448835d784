"""transpose() returns list(zip(*m)): rows that are tuples, not lists."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import transpose as _transpose

EXPECT = "tuples"


def transpose(m):
    _transpose(m)  # the right checks
    return list(zip(*m))
