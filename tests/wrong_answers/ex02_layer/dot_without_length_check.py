"""dot() without a length check: zip silently drops the extra entries."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "zip"  # a failure message must say this


def dot(a, b):
    return float(sum(x * y for x, y in zip(a, b)))
