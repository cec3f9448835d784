"""read_arrays opens the file with np.load(path, allow_pickle=True): a pickled object
array in the file is unpickled, and its payload runs."""

import numpy as np

import solutions.ex17_persistence as _solution
from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "allow_pickle=False"


def read_arrays(path):
    try:
        with np.load(path, allow_pickle=True) as data:
            arrays = {name: data[name] for name in data.files}
    except Exception as exc:
        raise ValueError(f"{path} could not be read: {type(exc).__name__}") from None
    for name, array in arrays.items():
        if array.dtype == object:
            raise ValueError(f"{path} holds an object array {name}")
    return arrays


class Model(_Model):
    @classmethod
    def load(cls, path):
        _solution.read_arrays = read_arrays  # the mistake, wherever the model reads a file
        return super().load(path)

    def load_parameters(self, path):
        _solution.read_arrays = read_arrays
        return super().load_parameters(path)
