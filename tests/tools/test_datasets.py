"""Tests of kata.datasets: shapes, dtypes, labels, reproducibility, the spiral's formula."""

import doctest

import numpy as np
import pytest

from kata import datasets
from kata.datasets import sine_data, spiral_data, vertical_data

CLASSIFICATION = [spiral_data, vertical_data]


def global_random_state():
    """NumPy's global random state as a comparable tuple (read only, never changed)."""
    name, key, pos, has_gauss, cached = np.random.get_state()
    return name, tuple(key.tolist()), pos, has_gauss, cached


@pytest.mark.parametrize("make", CLASSIFICATION)
@pytest.mark.parametrize(("samples", "classes"), [(100, 3), (1, 1), (7, 5)])
def test_shapes_dtypes_and_labels(make, samples, classes):
    X, y = make(samples, classes, rng=0)
    assert X.shape == (samples * classes, 2) and X.dtype == np.float64
    assert y.shape == (samples * classes,) and np.issubdtype(y.dtype, np.integer)
    # class c fills rows c*samples .. (c+1)*samples - 1
    assert np.array_equal(y, np.repeat(np.arange(classes), samples))
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("make", CLASSIFICATION)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, y1 = make(50, 3, rng=42)
    X2, y2 = make(50, 3, rng=42)
    X3, _ = make(50, 3, rng=43)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("make", CLASSIFICATION)
def test_generator_and_seed_agree_and_generator_is_consumed(make):
    X_seed, _ = make(20, 2, rng=7)
    gen = np.random.default_rng(7)
    X_gen, _ = make(20, 2, rng=gen)
    assert np.array_equal(X_seed, X_gen)
    X_next, _ = make(20, 2, rng=gen)  # the generator moved on
    assert not np.array_equal(X_gen, X_next)


@pytest.mark.parametrize("make", CLASSIFICATION)
def test_no_rng_gives_fresh_data_and_leaves_global_state_alone(make):
    before = global_random_state()
    X1, _ = make(30, 2)
    X2, _ = make(30, 2)
    assert not np.array_equal(X1, X2)
    assert global_random_state() == before


def test_spiral_matches_the_cs231n_formula():
    samples, classes, seed = 25, 3, 5
    X, _ = spiral_data(samples, classes, rng=seed)
    noise = np.random.default_rng(seed)
    r = np.linspace(0.0, 1.0, samples)
    for c in range(classes):
        t = np.linspace(c * 4, (c + 1) * 4, samples) + noise.standard_normal(samples) * 0.2
        expected = np.column_stack([r * np.sin(t * 2.5), r * np.cos(t * 2.5)])
        np.testing.assert_allclose(X[c * samples:(c + 1) * samples], expected, rtol=0, atol=1e-15)
    # radius grows from the centre (0, 0) to the unit circle along each arm
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.max() <= 1 + 1e-12
    np.testing.assert_allclose(radius[:samples], r, atol=1e-12)


def test_vertical_classes_sit_at_c_over_3():
    X, y = vertical_data(500, 3, rng=0)
    for c in range(3):
        centre = X[y == c].mean(axis=0)
        np.testing.assert_allclose(centre, [c / 3, 0.5], atol=0.02)


def test_sine_is_deterministic_and_one_period():
    X, y = sine_data(8)
    assert X.shape == y.shape == (8, 1) and X.dtype == y.dtype == np.float64
    np.testing.assert_allclose(X.ravel(), np.arange(8) / 8)
    np.testing.assert_allclose(y.ravel(), np.sin(2 * np.pi * np.arange(8) / 8), atol=1e-15)
    assert np.array_equal(sine_data(8)[1], y)
    assert sine_data()[0].shape == (1000, 1)


@pytest.mark.parametrize("call", [
    lambda: spiral_data(0, 3), lambda: spiral_data(10, 0), lambda: spiral_data(-5, 3),
    lambda: vertical_data(0, 2), lambda: vertical_data(3, -1), lambda: sine_data(0),
    lambda: sine_data(-10),
])
def test_sizes_below_one_raise_value_error_naming_the_argument(call):
    with pytest.raises(ValueError, match=r"(samples|classes) must be a positive integer"):
        call()


@pytest.mark.parametrize("call", [lambda: spiral_data(2.5, 3), lambda: sine_data("10"),
                                  lambda: vertical_data(3, True)])
def test_non_integer_sizes_raise_type_error(call):
    with pytest.raises(TypeError, match="positive integer"):
        call()


def test_numpy_integer_sizes_are_accepted():
    X, _ = spiral_data(np.int64(4), np.int32(2), rng=0)
    assert X.shape == (8, 2)


def test_docstring_examples():
    result = doctest.testmod(datasets, verbose=False)
    assert result.attempted > 0 and result.failed == 0
