"""transpose() of a square matrix swaps the caller's entries in place and returns it."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import transpose as _transpose

EXPECT = "caller's"


def transpose(m):
    if m and len(m) == len(m[0]) and all(len(row) == len(m) for row in m):
        for i in range(len(m)):
            for j in range(i + 1, len(m)):
                m[i][j], m[j][i] = m[j][i], m[i][j]
        return m
    return _transpose(m)
