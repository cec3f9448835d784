"""kata.judge.diagnose names the relation between a wrong value and the right one."""

import numpy as np
import pytest

from kata.judge.diagnose import diagnose

RIGHT = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]])


@pytest.mark.parametrize(("got", "expected", "kwargs", "phrase"), [
    (RIGHT * 4, RIGHT, {"factors": {4: "the batch size: is the 1/n missing?"}},
     "exactly 4 times too large - 4 is the batch size: is the 1/n missing?"),
    (RIGHT / 3, RIGHT, {"factors": {3: "the batch size"}}, "exactly 3 times too small"),
    (RIGHT * 2, RIGHT, {}, "exactly 2 times too large"),
    (RIGHT * 0.7, RIGHT, {}, "0.7 times the right one"),
    (-RIGHT, RIGHT, {}, "sign is flipped"),
    (RIGHT.T, RIGHT, {}, "transpose"),
    (np.array([[1.0, 3.0], [2.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), {}, "transpose"),
    (RIGHT.ravel(), RIGHT, {}, "wrong shape (6,) instead of (2, 3)"),
    (RIGHT + [[0.5, -1.0, 2.0]], RIGHT, {"offsets": {"the biases": [[0.5, -1.0, 2.0]]}},
     "off by exactly the biases: is it added twice?"),
    (RIGHT - [[0.5, -1.0, 2.0]], RIGHT, {"offsets": {"the biases": [[0.5, -1.0, 2.0]]}},
     "off by exactly the biases: is it missing?"),
    (RIGHT + 0.25, RIGHT, {}, "off by the same 0.25"),
    (np.array([[0.2, 0.5], [0.8, 0.5]]), np.array([[0.2, 0.8], [0.5, 0.5]]), {},
     "transpose"),
    (np.array([[0.1, 0.6, 0.5], [0.9, 0.4, 0.5]]),
     np.array([[0.2, 0.4, 0.4], [0.3, 0.3, 0.4]]), {}, "columns sum to 1"),
    (np.array([1.0, 0.0, 2.0]), np.array([1.0, 5.0, 2.0]), {"inputs": [3.0, 0.0, 1.0]},
     "only where the input is exactly 0"),
    (np.array([0.0, 2.0, 3.0, 4.0]), np.array([1.0, 2.0, 3.0, 4.0]), {}, "first entry"),
    (np.array([1.0, 2.0, 3.0, 0.0]), np.array([1.0, 2.0, 3.0, 4.0]), {}, "last entry"),
    (np.array([[1.0, 2.0], [3.0, 9.0], [5.0, 6.0]]),
     np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), {}, "only row 1"),
    (np.array([[1.0, 7.0], [3.0, 9.0], [5.0, 1.0]]),
     np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), {}, "only column 1"),
    ([3.0, 2.0, 1.0], [1.0, 2.0, 3.0], {}, "reverse order"),
    ([2.0, 3.0], [1.0, 2.0, 3.0], {}, "the first entry is missing"),
    ([1.0, 2.0], [1.0, 2.0, 3.0], {}, "the last entry is missing"),
    ([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0], {}, "the first entry is one too many"),
    (np.array([0.0, 2.0, -1.0]), np.array([0.3, 2.7, -1.2]), {}, "whole numbers"),
    (np.float32(0.1) * np.ones(3), np.full(3, 0.1), {}, "float32"),
])
def test_names_the_relation(got, expected, kwargs, phrase):
    assert phrase in diagnose(got, expected, **kwargs)


@pytest.mark.parametrize(("got", "expected"), [
    ([1.0, 2.0], [5.0, -7.0]),          # no relation worth naming
    (RIGHT, RIGHT),                     # right
    ("text", RIGHT),                    # not numbers at all
    ([[1.0, 2.0], [3.0]], RIGHT),       # ragged
    ([np.nan, 1.0], [1.0, 1.0]),        # not finite: say nothing rather than guess
    (np.zeros(3), [1.0, 2.0, 3.0]),     # 0 is no multiple of anything
])
def test_says_nothing_without_a_clear_relation(got, expected):
    assert diagnose(got, expected) == ""
