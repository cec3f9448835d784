"""Tests of kata.datasets: shapes, dtypes, labels, reproducibility, the spiral's formula."""

import doctest
from pathlib import Path

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


# ----------------------------------------------------------------------------- digits

def test_digits_file_is_the_shipped_one():
    """The shipped file's size and sha256 are those of scikit-learn's digits.csv.gz."""
    import hashlib

    data = datasets.DIGITS_FILE.read_bytes()
    assert len(data) == 57_523
    assert hashlib.sha256(data).hexdigest() == \
        "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
    readme = (datasets.DIGITS_FILE.parent / "README.md").read_text(encoding="utf-8")
    for must in ("Alpaydin", "Kaynak", "UCI", "CC BY 4.0", datasets.DIGITS_SHA256):
        assert must in readme


def test_digits_shapes_dtypes_and_values():
    (train_x, train_y), (test_x, test_y) = datasets.digits_data()
    assert train_x.shape == (1438, 8, 8) and test_x.shape == (359, 8, 8)
    assert train_y.shape == (1438,) and test_y.shape == (359,)
    for array in (train_x, train_y, test_x, test_y):
        assert np.issubdtype(array.dtype, np.integer)
    both = np.concatenate([train_x, test_x])
    assert both.min() == 0 and both.max() == 16
    assert set(np.concatenate([train_y, test_y]).tolist()) == set(range(10))


def test_digits_counts_and_stratified_split():
    """UCI's test set has 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 of 0..9;
    the test part takes round(0.2 * count) of each digit, the training part the rest."""
    counts = np.array([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    (_, train_y), (_, test_y) = datasets.digits_data()
    expected_test = np.array([round(0.2 * c) for c in counts])  # 36, 36, 35, 37, ...
    assert np.bincount(test_y, minlength=10).tolist() == expected_test.tolist()
    assert np.bincount(train_y, minlength=10).tolist() == (counts - expected_test).tolist()
    assert abs(len(test_y) / counts.sum() - 0.2) < 0.005


def test_digits_split_is_a_partition_of_the_file():
    train, test = datasets.digits_split()
    assert len(np.intersect1d(train, test)) == 0
    assert np.array_equal(np.sort(np.concatenate([train, test])), np.arange(1797))


def test_digits_first_image_is_the_file_first_line():
    """Row 0 of the file (a 0) is in the training or the test set, image intact."""
    import gzip

    with gzip.open(datasets.DIGITS_FILE, "rt") as handle:
        first = [int(v) for v in handle.readline().split(",")]
    train, test = datasets.digits_split()
    (train_x, train_y), (test_x, test_y) = datasets.digits_data()
    images, labels, rows = (train_x, train_y, train) if 0 in train else (test_x, test_y, test)
    where = int(np.flatnonzero(rows == 0)[0])
    assert images[where].ravel().tolist() == first[:64] and labels[where] == first[64] == 0


def test_digits_are_deterministic_fresh_and_leave_global_state_alone():
    before = global_random_state()
    first = datasets.digits_data()
    second = datasets.digits_data()
    assert global_random_state() == before
    for part_a, part_b in zip(first, second):
        for a, b in zip(part_a, part_b):
            assert np.array_equal(a, b)
    first[0][0][0, 0, 0] = 99  # the caller's copy: the next call is untouched
    assert datasets.digits_data()[0][0][0, 0, 0] != 99


def test_digits_split_matches_its_rule():
    """The split re-derived here from its rule: one generator, digits in order."""
    import gzip

    with gzip.open(datasets.DIGITS_FILE, "rt") as handle:
        labels = np.array([int(line.rsplit(",", 1)[1]) for line in handle])
    rng = np.random.default_rng(1797)
    test = []
    for digit in range(10):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        test += rows[:round(0.2 * len(rows))].tolist()
    assert datasets.digits_split()[1].tolist() == sorted(test)


def test_damaged_digits_file_is_one_sentence(tmp_path, monkeypatch):
    damaged = tmp_path / "digits.csv.gz"
    damaged.write_bytes(datasets.DIGITS_FILE.read_bytes()[:-10])
    monkeypatch.setattr(datasets, "DIGITS_FILE", damaged)
    datasets._digits_table.cache_clear()
    try:
        with pytest.raises(ValueError, match="damaged or was changed"):
            datasets.digits_data()
    finally:
        datasets._digits_table.cache_clear()


def test_datasets_do_not_import_scikit_learn():
    source = Path(datasets.__file__).read_text(encoding="utf-8")
    assert "import sklearn" not in source and "from sklearn" not in source
