"""transpose() catches a row shorter than the first, not a longer one (it drops the extra)."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "(!=, not <)"


def transpose(m):
    if not m:
        return []
    for row in m:
        if len(row) < len(m[0]):
            raise ValueError(f"ragged: row of {len(row)}, first row {len(m[0])}")
    return [[row[j] for row in m] for j in range(len(m[0]))]
