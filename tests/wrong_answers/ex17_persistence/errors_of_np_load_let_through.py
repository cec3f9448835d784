"""load lets np.load's own errors through: a truncated file raises BadZipFile or EOFError,
a pickle an unexplained error, never one ValueError sentence."""

import json
from pathlib import Path

import numpy as np

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "ValueError"


def _raw(path):
    data = np.load(Path(path), allow_pickle=False)
    return {name: data[name] for name in data.files}


class Model(_Model):
    @classmethod
    def load(cls, path):
        arrays = _raw(path)
        json.loads(str(arrays["description"]))
        return cls._from_arrays(arrays)

    def load_parameters(self, path):
        arrays = _raw(path)
        count = len(arrays) // 2
        self.set_parameters([(arrays[f"weights_{i}"], arrays[f"biases_{i}"])
                             for i in range(count)])
