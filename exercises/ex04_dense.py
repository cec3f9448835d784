"""Exercise 04 - a dense layer, on NumPy.

Part 2 moves from lists to NumPy arrays. A dense (fully connected) layer is exercise
02's layer, kept as an object with its own parameters:

    weights: shape (n_inputs, n_neurons)   column j holds neuron j's weights
    biases:  shape (1, n_neurons)          one bias per neuron, as a row

For a batch of inputs X, shape (n_samples, n_inputs), the output is one matrix product
plus the bias row, which NumPy broadcasts onto every sample:

    output = X @ weights + biases          (n, i) @ (i, m) + (1, m) -> (n, m)

Why (n_inputs, n_neurons) and not exercise 02's "one row per neuron"? Stored this way
the forward pass needs no transpose: X @ weights pairs each sample row with each neuron
column. The numbers are the same; the weight matrix is exercise 02's, transposed.

Worked example, the bridge from Part 1 (exercise 02's layer):
    inputs  = [[1, 2, 3, 2.5]]
    Part 1 weights, one row per neuron      NumPy weights = their transpose, (4, 3)
        [[0.2, 0.8, -0.5, 1.0],                 [[0.2, 0.5, -0.26],
         [0.5, -0.91, 0.26, -0.5],               [0.8, -0.91, -0.27],
         [-0.26, -0.27, 0.17, 0.87]]             [-0.5, 0.26, 0.17],
                                                 [1.0, -0.5, 0.87]]
    biases  = [[2, 3, 0.5]]
    output  = [[4.8, 1.21, 2.385]]

A new layer starts with small random weights (so its neurons differ from each other) and
zero biases. Randomness comes only from a numpy.random.Generator you pass in, so a seed
makes the layer reproducible and NumPy's global random state is never touched.
"""

import numpy as np


class Dense:
    """A fully connected layer: output = inputs @ weights + biases.

    Dense(n_inputs, n_neurons, rng=rng) holds
        weights: (n_inputs, n_neurons) = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        biases:  (1, n_neurons), all zeros

    >>> layer = Dense(4, 3, rng=np.random.default_rng(0))
    >>> layer.weights.shape, layer.biases.shape
    ((4, 3), (1, 3))
    """

    def __init__(self, n_inputs: int, n_neurons: int, *,
                 rng: np.random.Generator | None = None) -> None:
        """Small random weights drawn from `rng`, zero biases.

        n_inputs:  how many numbers each sample has (the previous layer's n_neurons)
        n_neurons: how many outputs this layer gives per sample
        rng:       a numpy.random.Generator; None means a fresh np.random.default_rng()

        Sets self.weights, shape (n_inputs, n_neurons), to 0.01 times standard normal
        draws (scaled down so the first outputs are small and training starts gently),
        and self.biases, shape (1, n_neurons), to zeros.
        """
        raise NotImplementedError('Dense.__init__() is not written yet: replace this line with your code')

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """The layer's output for a batch: inputs @ weights + biases.

        inputs:  shape (n_samples, n_inputs), one sample per row
        returns: shape (n_samples, n_neurons), also kept as self.output;
                 the inputs are kept as self.inputs (the backward pass needs them).

        >>> layer = Dense(2, 3, rng=np.random.default_rng(0))
        >>> layer.weights = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 0.0]])
        >>> layer.biases = np.array([[0.0, 1.0, 0.5]])
        >>> layer.forward(np.array([[2.0, 4.0]]))  # [2 + 2, 0 + 8 + 1, -2 + 0.5]
        array([[ 4. ,  9. , -1.5]])
        """
        raise NotImplementedError('Dense.forward() is not written yet: replace this line with your code')
