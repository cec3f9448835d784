"""transpose() that loops over len(m) twice, so it only works for square matrices."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "columns"  # a failure message must say this


def transpose(m):
    return [[m[i][j] for i in range(len(m))] for j in range(len(m))]
