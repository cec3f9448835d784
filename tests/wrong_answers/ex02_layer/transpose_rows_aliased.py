"""transpose() builds its result as [[0] * r] * c: every row is one and the same list."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import transpose as _transpose

EXPECT = "result[j][i] = m[i][j]"


def transpose(m):
    _transpose(m)  # the right checks
    if not m:
        return []
    result = [[0] * len(m)] * len(m[0])
    for i, row in enumerate(m):
        for j, value in enumerate(row):
            result[j][i] = value
    return result
