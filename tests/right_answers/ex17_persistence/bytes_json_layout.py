"""Another file layout the contract allows: the JSON description stored as its UTF-8 bytes
(a uint8 array) under a key of its own, with "format_version" and a list of [type,
settings] pairs; parameters named by the layer's index in the model; save_parameters with
np.savez's positional arr_0, arr_1, ...; np.savez and np.savez_compressed given the path
itself, which add ".npz" to a name without it, and load reading from that same name;
np.load called directly with allow_pickle=False and anything it raises turned into one
ValueError; messages in other words (shapes as 5x4)."""

import json

import numpy as np

from solutions import ex17_persistence as _reference
from solutions.ex17_persistence import *  # noqa: F403 - the rest is the reference

KIND = "nn-kata-model"
FORMAT_VERSION = 1
_given = _reference._given
LAYER_TYPES = {cls.__name__: cls for cls in (
    _given.Dense, _given.ReLU, _given.LeakyReLU, _given.Tanh, _given.Sigmoid, _given.Linear,
    _given.Softmax, _given.Dropout)}
LAYER_SETTINGS = {"Dense": ("weight_regularizer_l1", "weight_regularizer_l2",
                            "bias_regularizer_l1", "bias_regularizer_l2"),
                  "Dropout": ("rate",), "LeakyReLU": ("alpha",)}
LOSS_TYPES = {cls.__name__: cls for cls in (
    _given.CategoricalCrossEntropy, _given.BinaryCrossEntropy, _given.MeanSquaredError,
    _given.MeanAbsoluteError)}
ACCURACY_TYPES = {cls.__name__: cls for cls in (
    _given.CategoricalAccuracy, _given.BinaryAccuracy, _given.RegressionAccuracy)}


def _shape(shape):
    return "x".join(str(size) for size in shape)


def _npz_name(path):
    """The name np.savez(path, ...) writes to: path, with ".npz" added unless it ends so."""
    path = str(path)
    return path if path.endswith(".npz") else path + ".npz"


def _load_npz(path):
    """Every array in the .npz np.savez(path) wrote; ValueError (one sentence) otherwise."""
    try:
        data = np.load(_npz_name(path), allow_pickle=False)
        if not isinstance(data, np.lib.npyio.NpzFile):
            raise TypeError("one array, not an archive")
        with data:
            return {key: data[key] for key in data.files}
    except Exception as error:  # noqa: BLE001 - whatever it is, the file is not ours
        raise ValueError(f"cannot read {path} as an archive of plain arrays "
                         f"({type(error).__name__})") from None


def _class_name(thing, table, what):
    name = type(thing).__name__
    if table.get(name) is not type(thing):
        raise ValueError(f"cannot save a {what} of class {name}")
    return name


class Model(_reference.Model):
    def get_parameters(self):
        return [(np.copy(layer.weights), np.copy(layer.biases))
                for layer in self.trainable_layers]

    def set_parameters(self, parameters):
        parameters = list(parameters)
        if len(parameters) != len(self.trainable_layers):
            raise ValueError(f"expected {len(self.trainable_layers)} (weights, biases) "
                             f"pairs, one per Dense layer, but got {len(parameters)}")
        new = []
        for layer, (weights, biases) in zip(self.trainable_layers, parameters):
            number = self.layers.index(layer)
            weights = np.array(weights, dtype=np.float64)
            biases = np.array(biases, dtype=np.float64)
            for what, have, got in (("weights", layer.weights, weights),
                                    ("biases", layer.biases, biases)):
                if have.shape != got.shape:
                    raise ValueError(f"layer {number} ({type(layer).__name__}) has {what} "
                                     f"{_shape(have.shape)}, the new ones are "
                                     f"{_shape(got.shape)}")
            new.append((weights, biases))
        for layer, (weights, biases) in zip(self.trainable_layers, new):
            layer.weights = weights
            layer.biases = biases

    def save_parameters(self, path):
        flat = [array for pair in self.get_parameters() for array in pair]
        np.savez(path, *flat)

    def load_parameters(self, path):
        arrays = _load_npz(path)
        names = [f"arr_{i}" for i in range(len(arrays))]
        if sorted(arrays) != sorted(names) or len(arrays) % 2:
            raise ValueError(f"{path} does not hold parameters written by save_parameters")
        flat = [arrays[name] for name in names]
        self.set_parameters(list(zip(flat[0::2], flat[1::2])))

    def save(self, path):
        network, arrays = [], {}
        for number, layer in enumerate(self.layers):
            name = _class_name(layer, LAYER_TYPES, "layer")
            network.append([name, {key: float(getattr(layer, key))
                                   for key in LAYER_SETTINGS.get(name, ())}])
            if name == "Dense":
                arrays[f"layer{number}_weights"] = layer.weights
                arrays[f"layer{number}_biases"] = layer.biases
        accuracy = None
        if self.accuracy is not None:
            accuracy = {"class": _class_name(self.accuracy, ACCURACY_TYPES, "accuracy"),
                        "precision": getattr(self.accuracy, "precision", None)}
        spec = {"kata": KIND, "format_version": FORMAT_VERSION, "network": network,
                "loss": None if self.loss is None else
                {"class": _class_name(self.loss, LOSS_TYPES, "loss")},
                "accuracy": accuracy}
        text = json.dumps(spec, indent=1)
        arrays["spec"] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path):
        arrays = _load_npz(path)
        try:
            return cls._rebuild(arrays)
        except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError) as error:
            reason = str(error).strip().replace("\n", " ")[:200]
            raise ValueError(f"{path} is not a saved model of this kata: {reason}") from None

    @classmethod
    def _rebuild(cls, arrays):
        raw = arrays.pop("spec")
        if raw.dtype != np.uint8 or raw.ndim != 1:
            raise ValueError("its spec is not text")
        spec = json.loads(raw.tobytes().decode("utf-8"))
        if not isinstance(spec, dict) or spec.get("kata") != KIND:
            raise ValueError("it is not of this kata's kind")
        if spec.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"it is format version {spec.get('format_version')!r}, not "
                             f"{FORMAT_VERSION}")
        model = cls()
        used = 0
        for number, (name, settings) in enumerate(spec["network"]):
            if name not in LAYER_TYPES or not isinstance(settings, dict) \
                    or set(settings) != set(LAYER_SETTINGS.get(name, ())):
                raise ValueError(f"layer {number} is not one it can build")
            values = {key: float(value) for key, value in settings.items()}
            if name == "Dense":
                weights = arrays[f"layer{number}_weights"]
                biases = arrays[f"layer{number}_biases"]
                if weights.dtype.kind != "f" or weights.ndim != 2 \
                        or biases.shape != (1, weights.shape[1]):
                    raise ValueError(f"layer {number} has parameters of the wrong shape")
                layer = LAYER_TYPES[name](*weights.shape, rng=np.random.default_rng(0),
                                          **values)
                layer.weights = weights.astype(np.float64)
                layer.biases = biases.astype(np.float64)
                used += 2
            elif name == "Dropout":
                layer = LAYER_TYPES[name](values["rate"])
            else:
                layer = LAYER_TYPES[name](**values)
            model.add(layer)
        if used != len(arrays):
            raise ValueError("it holds arrays that belong to no layer")
        loss = spec.get("loss")
        accuracy = spec.get("accuracy")
        model.set(loss=None if loss is None else LOSS_TYPES[loss["class"]](),
                  accuracy=None if accuracy is None else ACCURACY_TYPES[accuracy["class"]]())
        if accuracy is not None and accuracy.get("precision") is not None:
            model.accuracy.precision = float(accuracy["precision"])
        model.finalize()
        return model
