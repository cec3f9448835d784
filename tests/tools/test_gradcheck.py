"""Tests of kata.gradcheck, the central-difference helper the backprop specs rely on."""

import numpy as np
import pytest

from kata.gradcheck import numerical_gradient, relative_error


def test_gradient_of_a_quadratic_form():
    # f(x) = x^T A x has gradient (A + A^T) x.
    rng = np.random.default_rng(1)
    a = rng.standard_normal((4, 4))
    x = rng.standard_normal(4)
    got = numerical_gradient(lambda v: float(v @ a @ v), x)
    assert relative_error(got, (a + a.T) @ x) < 1e-8


def test_gradient_of_a_matrix_argument_keeps_its_shape():
    # f(W) = sum(X @ W * G) has gradient X^T G, shaped like W.
    rng = np.random.default_rng(2)
    X, W, G = rng.standard_normal((5, 3)), rng.standard_normal((3, 2)), rng.standard_normal((5, 2))
    got = numerical_gradient(lambda w: float(np.sum(X @ w * G)), W)
    assert got.shape == (3, 2)
    assert relative_error(got, X.T @ G) < 1e-8


def test_x_is_left_as_it_was():
    x = np.array([[0.1, -0.2], [0.3, 1e-3]])
    before = x.copy()
    numerical_gradient(lambda v: float(np.sum(np.exp(v))), x)
    assert np.array_equal(x, before)


def test_eps_is_used():
    # For f = x^3 the central difference is 3x^2 + eps^2 exactly.
    got = numerical_gradient(lambda v: float(v[0] ** 3), np.array([2.0]), eps=0.1)
    assert got[0] == pytest.approx(12.0 + 0.01, rel=1e-12)


def test_non_float64_input_is_refused():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: float(np.sum(v)), np.array([1, 2, 3]))
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: float(np.sum(v)), [1.0, 2.0])


def test_relative_error_values():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.array([1.0]), np.array([-1.0])) == 1.0
    assert relative_error(np.array([3.0, 4.0]), np.array([0.0, 0.0])) == 1.0
    # scale-free: the same relative mismatch at two scales gives the same error
    small = relative_error(np.array([1e-5, 2e-5]), np.array([1.1e-5, 2e-5]))
    large = relative_error(np.array([1e5, 2e5]), np.array([1.1e5, 2e5]))
    assert small == pytest.approx(large, rel=1e-12)


def test_relative_error_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))
