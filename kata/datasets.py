"""The teaching data sets: small 2-D sets generated from a seed, and the 8x8 digits.

    X, y = spiral_data(100, 3, rng=0)     # X: (300, 2) float64, y: (300,) int64 in 0..2
    X, y = vertical_data(100, 3, rng=0)   # three vertical stripes, same shapes
    X, y = sine_data(1000)                # X, y: (1000, 1), y = sin(2*pi*X)
    (train_images, train_labels), (test_images, test_labels) = digits_data()
                                          # real handwriting: (1438, 8, 8) and (359, 8, 8)

`rng` is a `numpy.random.Generator` or an int seed; the same seed gives the same data.
None means a fresh `np.random.default_rng()`: different data every call. NumPy's
global random state is never used. Nothing is downloaded: the digits ship in kata/data/.

The spiral is the CS231n case study that the book "Neural Networks from Scratch" trains
on: `classes` arms wound around the origin, `samples` noisy points on each. A straight
line cannot separate the arms, which is why the network needs a hidden layer.
"""

from __future__ import annotations

import functools
import hashlib
import operator
from pathlib import Path

import numpy as np

__all__ = ["spiral_data", "vertical_data", "sine_data", "digits_data"]

RngLike = np.random.Generator | int | None


def _count(value: int, name: str) -> int:
    """`value` as a positive int, or a ValueError/TypeError that names it."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    try:
        count = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a positive integer, got {value!r}") from None
    if count <= 0:
        raise ValueError(f"{name} must be a positive integer (at least 1), got {count}")
    return count


def _generator(rng: RngLike) -> np.random.Generator:
    # default_rng passes a Generator through unchanged and seeds a new one from an int.
    return np.random.default_rng(rng)


def spiral_data(samples: int, classes: int, *,
                rng: RngLike = None) -> tuple[np.ndarray, np.ndarray]:
    """`classes` noisy spiral arms of `samples` points each.

    For class c, with n = samples points:
        r = linspace(0, 1, n)                                   radius, centre to rim
        t = linspace(4c, 4(c + 1), n) + 0.2 * standard_normal(n)  angle, with noise
        X = [r * sin(2.5 t), r * cos(2.5 t)],  y = c

    returns: X of shape (samples * classes, 2), float64, inside the unit disc;
             y of shape (samples * classes,), int64, class c on rows
             c * samples ... (c + 1) * samples - 1.

    >>> X, y = spiral_data(100, 3, rng=0)
    >>> X.shape, y.shape, y[:3].tolist(), y[-1].item()
    ((300, 2), (300,), [0, 0, 0], 2)

    Raises ValueError when samples or classes is not at least 1.
    """
    samples, classes = _count(samples, "samples"), _count(classes, "classes")
    gen = _generator(rng)
    X = np.zeros((samples * classes, 2), dtype=np.float64)
    y = np.zeros(samples * classes, dtype=np.int64)
    r = np.linspace(0.0, 1.0, samples)
    for c in range(classes):
        rows = slice(samples * c, samples * (c + 1))
        t = np.linspace(c * 4.0, (c + 1) * 4.0, samples) + gen.standard_normal(samples) * 0.2
        X[rows, 0] = r * np.sin(t * 2.5)
        X[rows, 1] = r * np.cos(t * 2.5)
        y[rows] = c
    return X, y


def vertical_data(samples: int, classes: int, *,
                  rng: RngLike = None) -> tuple[np.ndarray, np.ndarray]:
    """`classes` vertical stripes of `samples` points each: an easy, nearly linear set.

    For class c: x0 = c / 3 + 0.1 * noise,  x1 = 0.5 + 0.1 * noise,  y = c
    (noise is standard normal), so each class is a small blob centred at (c / 3, 0.5).

    returns: X of shape (samples * classes, 2), float64;
             y of shape (samples * classes,), int64 in 0 .. classes - 1.

    >>> X, y = vertical_data(50, 2, rng=1)
    >>> X.shape, sorted(set(y.tolist()))
    ((100, 2), [0, 1])

    Raises ValueError when samples or classes is not at least 1.
    """
    samples, classes = _count(samples, "samples"), _count(classes, "classes")
    gen = _generator(rng)
    X = np.zeros((samples * classes, 2), dtype=np.float64)
    y = np.zeros(samples * classes, dtype=np.int64)
    for c in range(classes):
        rows = slice(samples * c, samples * (c + 1))
        X[rows, 0] = gen.standard_normal(samples) * 0.1 + c / 3
        X[rows, 1] = gen.standard_normal(samples) * 0.1 + 0.5
        y[rows] = c
    return X, y


def sine_data(samples: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """One period of a sine wave, for regression; deterministic (no noise).

        X[i] = i / samples,  y[i] = sin(2 pi X[i])     for i = 0 .. samples - 1

    returns: X and y, each of shape (samples, 1), float64.

    >>> X, y = sine_data(4)
    >>> X.ravel().tolist(), y.ravel().round(6).tolist()
    ([0.0, 0.25, 0.5, 0.75], [0.0, 1.0, 0.0, -1.0])

    Raises ValueError when samples is not at least 1.
    """
    samples = _count(samples, "samples")
    X = (np.arange(samples, dtype=np.float64) / samples).reshape(-1, 1)
    y = np.sin(2 * np.pi * X)
    return X, y


# The UCI optical-digits test set as scikit-learn ships it (sklearn/datasets/data/
# digits.csv.gz): 1,797 rows of 64 pixel counts 0-16 and the digit. Licence and
# attribution: kata/data/README.md. The digest guards against a damaged or edited copy.
DIGITS_FILE = Path(__file__).resolve().parent / "data" / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
DIGITS_SPLIT_SEED = 1797  # the split's own generator: the same split on every machine
DIGITS_TEST_FRACTION = 0.2


@functools.cache
def _digits_table() -> np.ndarray:
    """The shipped file as one (1797, 65) int64 table, read and checked once."""
    data = DIGITS_FILE.read_bytes()
    if hashlib.sha256(data).hexdigest() != DIGITS_SHA256:
        raise ValueError(f"{DIGITS_FILE.name} in kata/data is damaged or was changed (its "
                         "sha256 differs from the shipped one); restore it with git checkout.")
    table = np.loadtxt(DIGITS_FILE, delimiter=",", dtype=np.int64)
    table.flags.writeable = False  # callers get copies; the cache stays as read
    return table


def digits_split() -> tuple[np.ndarray, np.ndarray]:
    """(train_rows, test_rows): the fixed stratified split of the 1,797 digits, sorted.

    For each digit d = 0..9 in turn, one Generator seeded with DIGITS_SPLIT_SEED permutes
    the rows holding d and sends the first round(0.2 * count) of them to the test set.
    Every digit is so about 20% test, and PCG64 gives the same draws everywhere.
    """
    labels = _digits_table()[:, -1]
    rng = np.random.default_rng(DIGITS_SPLIT_SEED)
    train, test = [], []
    for digit in range(10):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        n_test = round(DIGITS_TEST_FRACTION * len(rows))
        test.append(rows[:n_test])
        train.append(rows[n_test:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def digits_data() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The 8x8 handwritten digits, split once and for all into training and test images.

    returns: ((train_images, train_labels), (test_images, test_labels)):
             images of shape (n, 8, 8), int64 pixel values 0-16 (how many of a 4x4 block's
             16 pixels were inked); labels of shape (n,), int64 digits 0-9.
             1,438 training and 359 test images (a stratified ~80/20 split, the same on
             every machine; see digits_split). Fresh arrays on every call.

    The data: the test set of the UCI "Optical Recognition of Handwritten Digits" (E.
    Alpaydin and C. Kaynak, 1998; CC BY 4.0), written by 13 people on NIST forms.

    >>> (train_images, train_labels), (test_images, test_labels) = digits_data()
    >>> train_images.shape, test_images.shape, int(train_images.max())
    ((1438, 8, 8), (359, 8, 8), 16)
    >>> np.bincount(test_labels).tolist()   # round(0.2 * count) of each digit
    [36, 36, 35, 37, 36, 36, 36, 36, 35, 36]
    """
    table = _digits_table()
    images, labels = table[:, :64].reshape(-1, 8, 8), table[:, 64]
    train, test = digits_split()
    return (images[train], labels[train]), (images[test], labels[test])
