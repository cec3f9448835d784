"""Exercise 05 - the ReLU activation, on a whole batch at once.

Exercise 01's relu(z) = max(0, z), applied to every number of an array: positive values
pass through unchanged, negative values and 0 become 0.

    output = np.maximum(0, inputs)        same shape as inputs, any shape

Why an activation at all? Stacked dense layers without one are still one linear map
(a matrix product of matrix products). ReLU bends it: each neuron switches off below 0,
and many such bends let a network draw curved boundaries, like the spiral's arms.

Worked example:
    inputs = [[ 1.0, -2.0,  0.0],
              [-0.5,  3.3, -0.0]]
    output = [[ 1.0,  0.0,  0.0],
              [ 0.0,  3.3,  0.0]]

The batch you are given belongs to the caller: build a new array, never change it in
place (the previous layer keeps it as its own output).
"""

import numpy as np


class ReLU:
    """The rectified linear unit, elementwise: output = max(0, inputs)."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """ReLU of every element of `inputs`.

        inputs:  any shape, usually (n_samples, n_neurons): a dense layer's output
        returns: the same shape, inputs where they are positive, 0.0 elsewhere;
                 also kept as self.output, and the inputs as self.inputs
                 (the backward pass needs to know where inputs were positive).

        >>> ReLU().forward(np.array([[1.0, -2.0, 0.0], [-0.5, 3.3, 7.0]]))
        array([[1. , 0. , 0. ],
               [0. , 3.3, 7. ]])
        """
        ### BEGIN SOLUTION
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs)
        return self.output
        ### END SOLUTION
