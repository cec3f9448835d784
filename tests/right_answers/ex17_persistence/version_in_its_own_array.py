"""The format's name and version kept as arrays of their own beside the JSON description
(which then describes only the model: layers, loss, accuracy), checked before the JSON is
read. The contract asks for "one .npz holding arrays and a JSON description" and for a
file of another version to be refused; it does not say the version lives in the JSON."""

import json
from pathlib import Path

import numpy as np

from solutions import ex17_persistence as _reference
from solutions.ex17_persistence import *  # noqa: F403 - the rest is the reference
from solutions.ex17_persistence import (
    ACCURACIES,
    FORMAT,
    LAYERS,
    LOSSES,
    SETTINGS,
    VERSION,
    read_arrays,
    write_arrays,
)


class Model(_reference.Model):
    def save(self, path):
        layers = []
        for layer in self.layers:
            name = _reference._name_of(layer, LAYERS, "layer")
            layers.append({"type": name, **{key: float(getattr(layer, key))
                                             for key in SETTINGS.get(name, ())}})
        accuracy = None
        if self.accuracy is not None:
            accuracy = {"type": _reference._name_of(self.accuracy, ACCURACIES, "accuracy"),
                        "precision": getattr(self.accuracy, "precision", None)}
        model = {"layers": layers, "accuracy": accuracy,
                 "loss": None if self.loss is None else
                 _reference._name_of(self.loss, LOSSES, "loss")}
        arrays = {"format": np.array(FORMAT), "version": np.array(VERSION),
                  "model": np.array(json.dumps(model))}
        for index, (weights, biases) in enumerate(self.get_parameters()):
            arrays[f"weights_{index}"], arrays[f"biases_{index}"] = weights, biases
        write_arrays(path, arrays)

    @classmethod
    def load(cls, path):
        arrays = read_arrays(path)
        name = Path(path).name
        fmt, version = arrays.pop("format", None), arrays.pop("version", None)
        if fmt is None or fmt.shape != () or fmt.dtype.kind != "U" or str(fmt) != FORMAT:
            raise ValueError(f"{name} is not a model saved by Model.save.")
        if version is None or version.shape != () or version.dtype.kind not in "iu" \
                or int(version) != VERSION:
            raise ValueError(f"{name} is a model file of another version than {VERSION}, "
                             "which this code does not read.")
        model = arrays.pop("model", None)
        try:
            if model is None or model.shape != () or model.dtype.kind != "U":
                raise _reference._NotAModel("it has no model description")
            try:
                description = json.loads(str(model))
            except ValueError:
                raise _reference._NotAModel("its description is not JSON") from None
            if not isinstance(description, dict):
                raise _reference._NotAModel("its description is not a JSON object")
            # the checks already made, in the form the given builder reads
            description.update(format=FORMAT, version=VERSION)
            arrays["description"] = np.array(json.dumps(description))
            return cls._from_arrays(arrays)
        except _reference._NotAModel as reason:
            raise ValueError(f"{name} is not a model saved by Model.save: {reason}.") from None
