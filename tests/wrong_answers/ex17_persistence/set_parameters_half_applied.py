"""set_parameters changes each layer as it goes: a bad pair later leaves earlier layers
already changed."""

import numpy as np

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "before anything changes"


class Model(_Model):
    def set_parameters(self, parameters):
        parameters = list(parameters)
        if len(parameters) != len(self.trainable_layers):
            raise ValueError(f"{len(parameters)} pairs for {len(self.trainable_layers)} layers")
        for index, (layer, (weights, biases)) in enumerate(zip(self.trainable_layers,
                                                                parameters)):
            for name, new, old in (("weights", weights, layer.weights),
                                   ("biases", biases, layer.biases)):
                if np.shape(new) != old.shape:
                    raise ValueError(f"layer {index} (Dense): {name} {old.shape} expected, "
                                     f"got {np.shape(new)}")
                setattr(layer, name, np.array(new, dtype=float))
