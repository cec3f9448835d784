"""Specs for exercise 02: dot, layer, transpose, matmul and layer_batch in plain Python.

Expected values are worked by hand in the comments, or computed independently with
math.fsum over explicit index loops; none is copied from the solution's output.
"""

import copy
import math
import random

from kata.judge.expect import described, expect_close, expect_equal, expect_float, expect_raises

# The book's classic layer: 4 inputs, 3 neurons (one weight row each).
INPUTS = [1, 2, 3, 2.5]
WEIGHTS = [[0.2, 0.8, -0.5, 1.0],
           [0.5, -0.91, 0.26, -0.5],
           [-0.26, -0.27, 0.17, 0.87]]
BIASES = [2, 3, 0.5]
# By hand, neuron by neuron (products, their sum, plus the bias):
#   0:  1*0.2 + 2*0.8 + 3*(-0.5) + 2.5*1.0          = 0.2 + 1.6 - 1.5 + 2.5       = 2.8   + 2
#   1:  1*0.5 + 2*(-0.91) + 3*0.26 + 2.5*(-0.5)     = 0.5 - 1.82 + 0.78 - 1.25    = -1.79 + 3
#   2:  1*(-0.26) + 2*(-0.27) + 3*0.17 + 2.5*0.87   = -0.26 - 0.54 + 0.51 + 2.175 = 1.885 + 0.5
LAYER_OUTPUT = [4.8, 1.21, 2.385]

BATCH = [[1, 2, 3, 2.5],
         [2, 5, -1, 2],
         [-1.5, 2.7, 3.3, -0.8]]
# Row 0 is INPUTS (above). Row 1, [2, 5, -1, 2]:
#   0:  0.4 + 4.0 + 0.5 + 2.0        = 6.9    + 2   = 8.9
#   1:  1.0 - 4.55 - 0.26 - 1.0      = -4.81  + 3   = -1.81
#   2:  -0.52 - 1.35 - 0.17 + 1.74   = -0.3   + 0.5 = 0.2
# Row 2, [-1.5, 2.7, 3.3, -0.8]:
#   0:  -0.3 + 2.16 - 1.65 - 0.8     = -0.59  + 2   = 1.41
#   1:  -0.75 - 2.457 + 0.858 + 0.4  = -1.949 + 3   = 1.051
#   2:  0.39 - 0.729 + 0.561 - 0.696 = -0.474 + 0.5 = 0.026
BATCH_OUTPUT = [[4.8, 1.21, 2.385],
                [8.9, -1.81, 0.2],
                [1.41, 1.051, 0.026]]

TOL = {"rtol": 1e-9, "atol": 1e-12}


def fresh(value):
    """A deep copy, so a function that changes its arguments spoils no other spec."""
    return copy.deepcopy(value)


def fsum_dot(a, b):
    return math.fsum(a[i] * b[i] for i in range(len(a)))


def random_matrix(rng, rows, columns):
    return [[rng.uniform(-2, 2) for _ in range(columns)] for _ in range(rows)]


# dot -------------------------------------------------------------------------------


def test_dot_worked_example(ex):
    """dot([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0]) = 0.2 + 1.6 - 1.5 + 2.5 = 2.8."""
    expect_close(ex.dot([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0]), 2.8, **TOL,
                 call="dot([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0])",
                 why="multiply the entries at the same position and add all the products")


def test_dot_random_vectors(ex):
    """Forty seeded random vector pairs against math.fsum of the products."""
    rng = random.Random(202)
    for _ in range(40):
        n = rng.randint(1, 9)
        a = [rng.uniform(-3, 3) for _ in range(n)]
        b = [rng.uniform(-3, 3) for _ in range(n)]
        call = described("dot", a, b)  # before the call, which might change a or b
        expect_close(ex.dot(a, b), fsum_dot(a, b), **TOL, call=call,
                     why="dot(a, b) = a[0]*b[0] + ... + a[n-1]*b[n-1]")


def test_dot_length_mismatch_raises(ex):
    """dot of a 3-vector and a 2-vector, either way round, raises ValueError naming 3 and 2."""
    for a, b in (([1.5, 1.5, 1.5], [0.5, 0.5]), ([0.5, 0.5], [1.5, 1.5, 1.5])):
        expect_raises(ValueError, ex.dot, a, b, call=described("dot", a, b),
                      mentions=("3", "2"),
                      why="zip() stops at the shorter list and silently drops the extra "
                          "entry: compare len(a) != len(b) first, whichever is longer")


def test_dot_of_whole_numbers_is_a_float(ex):
    """dot([1, 2], [3, 4]) = 1*3 + 2*4 = 11.0, a float."""
    got = ex.dot([1, 2], [3, 4])
    expect_close(got, 11.0, call="dot([1, 2], [3, 4])", why="1*3 + 2*4 = 11")
    expect_float(got, call="dot([1, 2], [3, 4])",
                 why="dot() -> float: float(sum(...)), so whole numbers still give a float")


# layer -----------------------------------------------------------------------------


def test_layer_classic_example(ex):
    """The classic layer: inputs [1, 2, 3, 2.5], three neurons -> [4.8, 1.21, 2.385]."""
    expect_close(ex.layer(fresh(INPUTS), fresh(WEIGHTS), fresh(BIASES)), LAYER_OUTPUT, **TOL,
                 call=f"layer({INPUTS}, {WEIGHTS}, {BIASES})",
                 why="one output per neuron: dot(inputs, weights[j]) + biases[j]")


def test_layer_weights_are_rows(ex):
    """Row j of weights belongs to neuron j: [[1, 2], [3, 4]] on [1, 10] gives [21, 43]."""
    # neuron 0: 1*1 + 10*2 = 21; neuron 1: 1*3 + 10*4 = 43 (columns would give 31, 42)
    expect_close(ex.layer([1.0, 10.0], [[1.0, 2.0], [3.0, 4.0]], [0.0, 0.0]), [21.0, 43.0],
                 **TOL, call="layer([1.0, 10.0], [[1.0, 2.0], [3.0, 4.0]], [0.0, 0.0])",
                 why="each row of weights is one neuron's weights: neuron j uses weights[j], "
                     "not column j")


def test_layer_zero_weights_give_the_biases(ex):
    """With every weight 0 each neuron outputs its own bias."""
    got = ex.layer([4.0, -7.0, 1.5], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [5.0, -1.0])
    expect_close(got, [5.0, -1.0], **TOL,
                 call="layer([4.0, -7.0, 1.5], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [5.0, -1.0])",
                 why="add each neuron's bias once, after its weighted sum - not to every product")


def test_layer_random(ex):
    """Thirty seeded random layers against output[j] = fsum(inputs[i]*weights[j][i]) + biases[j]."""
    rng = random.Random(303)
    for _ in range(30):
        n, m = rng.randint(1, 6), rng.randint(1, 5)
        x = [rng.uniform(-3, 3) for _ in range(n)]
        w = random_matrix(rng, m, n)
        b = [rng.uniform(-1, 1) for _ in range(m)]
        expected = [fsum_dot(x, w[j]) + b[j] for j in range(m)]
        call = described("layer", x, w, b)
        expect_close(ex.layer(x, w, b), expected, **TOL, call=call,
                     why="output[j] = dot(inputs, weights[j]) + biases[j], one per neuron")


def test_layer_row_length_mismatch_raises(ex):
    """4 inputs with 3 weights per neuron (or 3 with 4) raises ValueError naming 4 and 3."""
    short, long_ = [[0.5, 0.5, 0.5]] * 2, [[0.5, 0.5, 0.5, 0.5]] * 2
    for x, w in (([1.0] * 4, short), ([1.0] * 3, long_)):
        expect_raises(ValueError, ex.layer, x, w, [0.0, 0.0],
                      call=described("layer", x, w, [0.0, 0.0]), mentions=("4", "3"),
                      why="each neuron needs exactly one weight per input, no more, no less")


def test_layer_bias_count_mismatch_raises(ex):
    """3 neurons with 2 biases, or 2 neurons with 3 biases: ValueError naming 3 and 2."""
    for w, b in (([[0.5, 0.5]] * 3, [0.0, 0.0]), ([[0.5, 0.5]] * 2, [0.0, 0.0, 0.0])):
        expect_raises(ValueError, ex.layer, [1.0, 1.0], w, b,
                      call=described("layer", [1.0, 1.0], w, b), mentions=("3", "2"),
                      why="one bias per neuron: compare len(weights) != len(biases) - zip() "
                          "would silently drop a neuron or a bias")


def test_layer_inputs_are_not_modified(ex):
    """layer() leaves its inputs, weights and biases as they were."""
    x, w, b = copy.deepcopy(INPUTS), copy.deepcopy(WEIGHTS), copy.deepcopy(BIASES)
    ex.layer(x, w, b)
    expect_equal((x, w, b), (INPUTS, WEIGHTS, BIASES),
                 call="inputs, weights, biases after layer(inputs, weights, biases)",
                 why="build a new output list; do not change the caller's lists")


# transpose -------------------------------------------------------------------------


def test_transpose_non_square(ex):
    """A 2x3 matrix transposes to 3x2, and a 3x1 column to a 1x3 row."""
    expect_close(ex.transpose([[1, 2, 3], [4, 5, 6]]), [[1, 4], [2, 5], [3, 6]], **TOL,
                 call="transpose([[1, 2, 3], [4, 5, 6]])",
                 why="a 2x3 matrix has 3 columns, so its transpose has 3 rows: loop over the "
                     "columns (len(m[0])) for the rows of the result, not over len(m) twice")
    expect_close(ex.transpose([[7], [8], [9]]), [[7, 8, 9]], **TOL,
                 call="transpose([[7], [8], [9]])",
                 why="row j of the result is column j of m: [m[i][j] for every row i]")


def test_transpose_random(ex):
    """Seeded random r x c matrices: result[j][i] == m[i][j], shape c x r."""
    rng = random.Random(404)
    for _ in range(20):
        r, c = rng.randint(1, 5), rng.randint(1, 5)
        m = random_matrix(rng, r, c)
        expected = [[m[i][j] for i in range(r)] for j in range(c)]
        call = described("transpose", m)
        expect_equal(ex.transpose(m), expected, call=call,
                     why="result[j][i] = m[i][j]: c rows (lists) of r numbers - zip(*m) "
                         "gives tuples, so make each row a list")


def test_transpose_ragged_raises(ex):
    """Rows of 3 and 2 entries, in either order, are not a matrix: ValueError naming 3 and 2."""
    for m in ([[1, 1, 1], [1, 1]], [[1, 1], [1, 1, 1]], [[1, 1], [1, 1], [1, 1, 1]]):
        expect_raises(ValueError, ex.transpose, m, call=described("transpose", m),
                      mentions=("3", "2"),
                      why="check that every row is as long as the first (!=, not <) before "
                          "transposing")


# matmul ----------------------------------------------------------------------------


def test_matmul_worked_example(ex):
    """[[1, 2, 3], [4, 5, 6]] @ [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]]."""
    # 1*7 + 2*9 + 3*11 = 58    1*8 + 2*10 + 3*12 = 64
    # 4*7 + 5*9 + 6*11 = 139   4*8 + 5*10 + 6*12 = 154
    got = ex.matmul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])
    expect_close(got, [[58, 64], [139, 154]], **TOL,
                 call="matmul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])",
                 why="result[i][j] = dot(row i of a, column j of b)")


def test_matmul_shape_rule(ex):
    """(r x k) @ (k x c) is r x c: seeded random shapes against an fsum triple loop."""
    rng = random.Random(505)
    for _ in range(25):
        r, k, c = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
        a, b = random_matrix(rng, r, k), random_matrix(rng, k, c)
        expected = [[math.fsum(a[i][t] * b[t][j] for t in range(k)) for j in range(c)]
                    for i in range(r)]
        call = described("matmul", a, b)
        expect_close(ex.matmul(a, b), expected, **TOL, call=call,
                     why=f"a {r}x{k} matrix times a {k}x{c} matrix is {r}x{c}: one row per "
                         "row of a, one column per column of b")


def test_matmul_inner_mismatch_raises(ex):
    """2x3 times 2x2, or 2x2 times 3x2: ValueError naming the inner sizes 3 and 2."""
    for a, b in (([[1, 1, 1], [1, 1, 1]], [[1, 0], [0, 1]]),
                 ([[1, 1], [1, 1]], [[1, 0], [0, 1], [1, 1]])):
        expect_raises(ValueError, ex.matmul, a, b, call=described("matmul", a, b),
                      mentions=("3", "2"),
                      why="the inner dimensions must agree: the length of a's rows must equal "
                          "the number of b's rows - check len(a[0]) != len(b), either way")


def test_matmul_ragged_raises(ex):
    """A ragged matrix on either side (rows of 3 and 2) raises ValueError naming 2 and 3."""
    a, b = [[1, 1, 1], [1, 1]], [[1], [1], [1]]
    expect_raises(ValueError, ex.matmul, a, b, call=described("matmul", a, b),
                  mentions=("2", "3"),
                  why="every row of a must be as long as b has rows, not just the first")
    a, b = [[1, 1], [1, 1]], [[1, 1, 1], [1, 1]]
    expect_raises(ValueError, ex.matmul, a, b, call=described("matmul", a, b),
                  mentions=("2", "3"),
                  why="every row of b must be as long as its first: transpose(b) checks that")


def test_transpose_and_matmul_leave_inputs_alone(ex):
    """transpose() and matmul() return new lists and leave their arguments unchanged."""
    a, b = [[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]
    square = [[1, 2], [3, 4]]
    ex.transpose(a)
    ex.transpose(square)
    ex.matmul(a, b)
    ex.matmul(square, square)
    expect_equal((a, b, square),
                 ([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]], [[1, 2], [3, 4]]),
                 call="a, b and a square matrix after transpose() and matmul() of them",
                 why="build new lists for the result; do not change the caller's matrices "
                     "(swapping entries in place is tempting for a square one)")


# layer_batch -----------------------------------------------------------------------


def test_layer_batch_classic_example(ex):
    """The classic batch of three samples through the classic layer."""
    expect_close(ex.layer_batch(fresh(BATCH), fresh(WEIGHTS), fresh(BIASES)), BATCH_OUTPUT, **TOL,
                 call=f"layer_batch({BATCH}, {WEIGHTS}, {BIASES})",
                 why="output[i][j] = dot(batch[i], weights[j]) + biases[j]")


def test_layer_batch_one_row_per_sample(ex):
    """Two samples through three neurons give 2 rows of 3 (samples x neurons)."""
    got = ex.layer_batch(fresh(BATCH[:2]), fresh(WEIGHTS), fresh(BIASES))
    expect_close(got, BATCH_OUTPUT[:2], **TOL,
                 call=f"layer_batch({BATCH[:2]}, {WEIGHTS}, {BIASES})",
                 why="one row per sample, one column per neuron: "
                     "matmul(batch, transpose(weights)), not matmul(weights, ...)")


def test_layer_batch_zero_weights_give_the_biases(ex):
    """With every weight 0 each sample's row is the biases themselves."""
    w = [[0.0, 0.0]] * 3
    got = ex.layer_batch([[1.0, 2.0], [3.0, 4.0]], w, [1.0, 2.0, 3.0])
    expect_close(got, [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], **TOL,
                 call=f"layer_batch([[1.0, 2.0], [3.0, 4.0]], {w}, [1.0, 2.0, 3.0])",
                 why="add biases[j] once to column j of every sample's row")


def test_layer_batch_random(ex):
    """Seeded random batches against output[i][j] = fsum(batch[i][t]*weights[j][t]) + biases[j]."""
    rng = random.Random(606)
    for _ in range(20):
        k, n, m = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5)
        x, w = random_matrix(rng, k, n), random_matrix(rng, m, n)
        b = [rng.uniform(-1, 1) for _ in range(m)]
        expected = [[fsum_dot(x[i], w[j]) + b[j] for j in range(m)] for i in range(k)]
        call = described("layer_batch", x, w, b)
        expect_close(ex.layer_batch(x, w, b), expected, **TOL, call=call,
                     why="each sample row goes through the layer: a k x m result")


def test_layer_batch_mismatches_raise(ex):
    """Samples of 3 for weight rows of 4, and 3 neurons with 2 biases, raise ValueError."""
    batch = [[1.0, 1.0, 1.0], [0.5, 0.5, 0.5]]
    expect_raises(ValueError, ex.layer_batch, batch, fresh(WEIGHTS), fresh(BIASES),
                  call=described("layer_batch", batch, WEIGHTS, BIASES), mentions=("3", "4"),
                  why="every sample needs exactly one entry per weight in a neuron's row")
    for b in ([0.5, 0.5], [0.5, 0.5, 0.5, 0.5]):
        expect_raises(ValueError, ex.layer_batch, fresh(BATCH), fresh(WEIGHTS), b,
                      call=described("layer_batch", BATCH, WEIGHTS, b),
                      why="one bias per neuron: compare len(weights) != len(biases)")


def test_layer_batch_inputs_are_not_modified(ex):
    """layer_batch() leaves the batch, weights and biases as they were."""
    x, w, b = copy.deepcopy(BATCH), copy.deepcopy(WEIGHTS), copy.deepcopy(BIASES)
    ex.layer_batch(x, w, b)
    expect_equal((x, w, b), (BATCH, WEIGHTS, BIASES),
                 call="batch, weights, biases after layer_batch(batch, weights, biases)",
                 why="build a new output matrix; do not change the caller's lists")
