"""kata.judge.expect: failure messages that say the right thing."""

import numpy as np
import pytest

from kata.judge import expect


def message_of(function, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as caught:
        function(*args, **kwargs)
    return str(caught.value)


def test_a_wrong_exception_type_is_named_with_its_message():
    def learner(*_):
        raise AssertionError("lengths differ")

    text = message_of(expect.expect_raises, ValueError, learner, [1], [1, 2],
                      call="neuron([1], [1, 2], 0)")
    assert text.startswith("neuron([1], [1, 2], 0) should raise ValueError, but raised "
                           "AssertionError('lengths differ')")
    assert "raise ValueError(" in text


def test_the_stub_still_reports_not_implemented():
    def stub(*_):
        raise NotImplementedError("write neuron")

    with pytest.raises(NotImplementedError):
        expect.expect_raises(ValueError, stub, call="neuron()")


def test_a_missing_raise_and_a_missing_mention():
    assert "but it returned 3.0" in message_of(
        expect.expect_raises, ValueError, lambda: 3.0, call="f()")

    def vague():
        raise ValueError("bad")

    assert "should name 3 and 2" in message_of(
        expect.expect_raises, ValueError, vague, call="f()", mentions=("3", "2"))


def test_part_1_speaks_of_lists_and_lengths():
    text = message_of(expect.expect_close, [1.0, 2.0], [1.0, 2.0, 3.0], call="layer(x, w, b)")
    assert "should be a list of 3 numbers" in text and "It is a list of 2 numbers" in text
    assert "shape" not in text
    text = message_of(expect.expect_close, [[1.0, 2.0]], [[1.0], [2.0]], call="transpose(m)")
    assert "2 rows of 1 numbers" in text and "1 rows of 2 numbers" in text
    assert "transpose" in text  # and the diagnosis says what it is


def test_arrays_speak_of_shapes():
    text = message_of(expect.expect_close, np.zeros(3), np.zeros((1, 3)), call="f(x)")
    assert "should be of shape (1, 3)" in text and "wrong shape (3,)" in text


def test_long_values_are_abbreviated():
    outputs = [6.0 - 0.015 * k for k in range(201)]
    text = message_of(expect.expect_close, [0.0] * 201, outputs, call="outputs")
    assert "(201 entries)" in text and len(text) < 600
    assert len(expect.show(np.arange(1000.0))) < 400


def test_differences_below_the_print_precision_are_shown():
    text = message_of(expect.expect_close, 0.1 + 1e-12, 0.1, call="f()", rtol=0, atol=0)
    assert "got 0.10000000000100001." in text
    text = message_of(expect.expect_close, np.array([1.0, 2.0 + 3e-11]), [1.0, 2.0],
                      call="f()", rtol=1e-12, atol=0)
    assert "Largest difference 3e-11 at [1]" in text


def test_the_diagnosis_and_the_hint_are_in_the_message():
    text = message_of(expect.expect_close, np.full((4, 2), 4.0), np.ones((4, 2)), call="g",
                      why="divide by n", factors={4: "the batch size: is the 1/n missing?"})
    assert "That is: exactly 4 times too large - 4 is the batch size" in text
    assert text.splitlines()[-1] == "Hint: divide by n"


def test_a_float_is_asked_for():
    assert "It is an int" in message_of(expect.expect_float, 16, call="neuron([1], [3], 13)")
    expect.expect_float(np.float64(2.0), call="x")  # a NumPy float64 is a float
    expect.expect_float(2.0, call="x")


def test_dtype_and_described_call():
    assert "should be float64, got 'int64'" in message_of(
        expect.expect_dtype, np.zeros(2, dtype=np.int64), "float64", call="biases")
    assert expect.described("f", np.zeros((20, 3)), steps=0) == \
        "f(<array of shape (20, 3)>, steps=0)"
    assert expect.described("f", np.array([[1.0, 2.0]])) == "f([[1.0, 2.0]])"


def test_returns_names_the_call_that_raised():
    def learner(x):
        return x + "1"

    assert expect.returns(learner, "0", call="f('0')") == "01"
    text = message_of(expect.returns, learner, 0, call="f(0)", why="add numbers")
    assert text.startswith("f(0) raised TypeError(") and text.endswith("Hint: add numbers")


@pytest.mark.parametrize("got, what", [
    ("1.0", "text"), (b"1.0", "text"), ([1.0, "2.0"], "text"), (1.0 + 0j, "complex numbers"),
    (np.array([1.0, 2.0]) + 0j, "complex numbers"), ([1.0, 2.0 + 1e-30j], "complex numbers"),
])
def test_text_and_complex_numbers_are_not_real_numbers(got, what):
    """NumPy reads "1.0" as 1.0 and drops an imaginary part: either would pass unseen."""
    expected = 1.0 if np.ndim(got) == 0 and not isinstance(got, list) else [1.0, 2.0]
    for check in (expect.expect_close, expect.expect_gradient):
        text = message_of(check, got, expected, call="f(x)")
        assert f"It holds {what}, not real numbers." in text, text


def test_a_relative_tolerance_points_at_the_entry_furthest_outside_it():
    # 5e-13 off 1.0 is within rtol=1e-12; 1e-15 off 1e-13 is not: that is the one to show.
    got, expected = np.array([1.0 + 5e-13, 1.01e-13]), np.array([1.0, 1e-13])
    text = message_of(expect.expect_close, got, expected, call="f()", rtol=1e-12, atol=0)
    assert "furthest outside the tolerance, a difference of 1e-15 at [1]" in text
