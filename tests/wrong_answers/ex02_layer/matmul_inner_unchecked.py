"""matmul() loops over b's rows without checking them against the length of a's rows."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "inner dimensions"  # a failure message must say this


def matmul(a, b):
    rows, inner, columns = len(a), len(b), len(b[0]) if b else 0
    return [[float(sum(a[i][t] * b[t][j] for t in range(inner))) for j in range(columns)]
            for i in range(rows)]
