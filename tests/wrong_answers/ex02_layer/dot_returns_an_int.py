"""dot() of whole numbers returns an int: -> float broken."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "float"


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"dot got vectors of lengths {len(a)} and {len(b)}")
    return sum(x * y for x, y in zip(a, b))
