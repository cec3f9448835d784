"""dot() raises when a is longer than b, but zips away the extra entries of a longer b."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "whichever is longer"


def dot(a, b):
    if len(a) > len(b):
        raise ValueError(f"dot got vectors of lengths {len(a)} and {len(b)}")
    return float(sum(x * y for x, y in zip(a, b)))
