"""Exercise 02 - a layer of neurons, then a batch of inputs, in plain Python.

A layer is several neurons that all read the same inputs. Each neuron has its own row
of weights and its own bias, so a layer of m neurons over n inputs holds

    weights: m rows of n numbers (row j belongs to neuron j)
    biases:  m numbers

and its output is one number per neuron:

    output[j] = dot(inputs, weights[j]) + biases[j]
    dot(a, b) = a[0]*b[0] + a[1]*b[1] + ... + a[n-1]*b[n-1]

A batch is several input rows at once (one row per sample). Stacking the samples as
the rows of a matrix X (k x n), the layer's output for every sample is a matrix
product: each entry pairs a sample row of X with a neuron row of W, which is a row of X
with a column of W transposed:

    output = X @ transpose(W) + biases        (k x n) @ (n x m) -> (k x m)
    output[i][j] = dot(X[i], W[j]) + biases[j]

matmul(a, b) needs a's rows as long as b's columns: (r x k) @ (k x c) -> (r x c).
Every size mismatch is an error, named with both sizes, never silently truncated.

Worked example (the same numbers come back in exercise 04, with NumPy):
    inputs  = [1, 2, 3, 2.5]
    weights = [[0.2, 0.8, -0.5, 1.0],
               [0.5, -0.91, 0.26, -0.5],
               [-0.26, -0.27, 0.17, 0.87]]
    biases  = [2, 3, 0.5]
    neuron 0: 0.2 + 1.6 - 1.5 + 2.5 = 2.8,      + 2   = 4.8
    neuron 1: 0.5 - 1.82 + 0.78 - 1.25 = -1.79,  + 3   = 1.21
    neuron 2: -0.26 - 0.54 + 0.51 + 2.175 = 1.885, + 0.5 = 2.385
    layer(inputs, weights, biases) = [4.8, 1.21, 2.385]

Part 1 is bare metal: plain lists and the standard library only, no NumPy.
"""

Vector = list[float]
Matrix = list[list[float]]


def dot(a: Vector, b: Vector) -> float:
    """The dot product of two equally long vectors: sum(a[i] * b[i]).

    a, b:    n numbers each
    returns: one float

    >>> dot([1, 2, 3, 2.5], [0.25, 0.75, -0.5, 1.0])  # 0.25 + 1.5 - 1.5 + 2.5
    2.75

    Raises ValueError naming both lengths when they differ (zip would quietly stop at
    the shorter one).
    """
    ### BEGIN SOLUTION
    if len(a) != len(b):
        raise ValueError(f"dot got vectors of lengths {len(a)} and {len(b)}; they must match")
    return float(sum(x * y for x, y in zip(a, b)))
    ### END SOLUTION


def layer(inputs: Vector, weights: Matrix, biases: Vector) -> Vector:
    """The outputs of a layer of neurons for one input vector.

    inputs:  n numbers
    weights: m rows of n numbers, one row per neuron
    biases:  m numbers, one per neuron
    returns: m numbers, output[j] = dot(inputs, weights[j]) + biases[j]

    >>> layer([1.0, 2.0], [[1.0, 0.0], [0.5, 0.5], [0.0, -1.0]], [0.0, 1.0, 2.0])
    [1.0, 2.5, 0.0]

    Raises ValueError naming both sizes when a weight row's length differs from the
    number of inputs, or the number of rows from the number of biases.
    """
    ### BEGIN SOLUTION
    if len(weights) != len(biases):
        raise ValueError(f"layer got {len(weights)} weight rows (neurons) but {len(biases)} "
                         "biases; it needs one bias per neuron")
    return [dot(inputs, row) + bias for row, bias in zip(weights, biases)]
    ### END SOLUTION


def transpose(m: Matrix) -> Matrix:
    """The matrix with rows and columns swapped: result[j][i] = m[i][j].

    m:       r rows of c numbers
    returns: c rows of r numbers (a new list of lists)

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]

    Raises ValueError naming both lengths when the rows are not all equally long.
    """
    ### BEGIN SOLUTION
    if not m:
        return []
    columns = len(m[0])
    for i, row in enumerate(m):
        if len(row) != columns:
            raise ValueError(f"transpose got a ragged matrix: row 0 has {columns} entries "
                             f"but row {i} has {len(row)}")
    return [[row[j] for row in m] for j in range(columns)]
    ### END SOLUTION


def matmul(a: Matrix, b: Matrix) -> Matrix:
    """The matrix product a @ b: result[i][j] = dot(row i of a, column j of b).

    a:       r rows of k numbers
    b:       k rows of c numbers
    returns: r rows of c numbers

    >>> matmul([[1, 2, 3], [4, 5, 6]], [[1, 0], [0, 1], [1, 1]])
    [[4.0, 5.0], [10.0, 11.0]]

    Raises ValueError naming both sizes when a's rows are not as long as b has rows
    (the inner dimensions), or when either matrix is ragged.
    """
    ### BEGIN SOLUTION
    if a and len(a[0]) != len(b):
        raise ValueError(f"matmul: a is {len(a)}x{len(a[0])} but b has {len(b)} rows; "
                         "the inner dimensions (columns of a, rows of b) must match")
    columns = transpose(b)  # column j of b is row j of its transpose
    # dot() catches a ragged row of a: it will not match the length of b's columns.
    return [[dot(row, column) for column in columns] for row in a]
    ### END SOLUTION


def layer_batch(batch: Matrix, weights: Matrix, biases: Vector) -> Matrix:
    """The layer's outputs for a batch of samples: one output row per input row.

    batch:   k rows of n numbers, one row per sample
    weights: m rows of n numbers, one row per neuron
    biases:  m numbers
    returns: k rows of m numbers, matmul(batch, transpose(weights)) plus biases[j] in
             column j of every row

    >>> layer_batch([[1.0, 2.0], [0.0, 1.0]], [[1.0, 0.0], [0.5, 0.5]], [0.0, 1.0])
    [[1.0, 2.5], [0.0, 1.5]]
    """
    ### BEGIN SOLUTION
    if len(weights) != len(biases):
        raise ValueError(f"layer_batch got {len(weights)} weight rows (neurons) but "
                         f"{len(biases)} biases; it needs one bias per neuron")
    products = matmul(batch, transpose(weights))  # (k x n) @ (n x m) -> (k x m)
    return [[value + bias for value, bias in zip(row, biases)] for row in products]
    ### END SOLUTION
