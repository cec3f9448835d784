"""matmul() with index loops and only the inner check: a ragged b ends in an IndexError."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "should raise ValueError, but raised IndexError"


def matmul(a, b):
    if a and len(a[0]) != len(b):
        raise ValueError(f"a's rows have {len(a[0])} entries but b has {len(b)} rows")
    for row in a:
        if len(row) != len(b):
            raise ValueError(f"a row of {len(row)} entries, b has {len(b)} rows")
    return [[float(sum(row[t] * b[t][j] for t in range(len(b)))) for j in range(len(b[0]))]
            for row in a]
