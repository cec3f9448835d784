"""Specs for exercise 17: parameters out and in, and whole models saved and loaded safely.

Model.load(path) is called on the class, as the contract says (a classmethod). The
safety specs plant files a
careless loader would execute: a pickle, and .npz/.npy files holding a pickled object,
whose payload - if it ever ran - would create a marker file. Loading each must raise
ValueError and the marker must never appear. The spec only ever WRITES those files
(pickle.dumps runs nothing); it never loads them itself.
"""

import io
import json
import pickle
import zipfile

import numpy as np
import pytest

from kata.judge.expect import expect_close, expect_equal, expect_raises, fail, read_saved

X8 = np.random.default_rng(17).standard_normal((8, 3))
Y8 = np.array([0, 1, 2, 1, 0, 2, 2, 1])


def make_classifier(ex, seed=0, l2=0.0):
    """Dense(3, 5, L1/L2) - ReLU - Dropout(0.25) - Dense(5, 4) - LeakyReLU(0.2) - Dense(4, 3)
    - Softmax, with weights larger than the default."""
    rng = np.random.default_rng(seed)
    dense1 = ex.Dense(3, 5, rng=rng, weight_regularizer_l2=l2, bias_regularizer_l1=l2 / 2)
    dense1.weights = rng.standard_normal((3, 5))  # larger than 0.01: outputs that differ
    dense2, dense3 = ex.Dense(5, 4, rng=rng), ex.Dense(4, 3, rng=rng)
    dense2.weights, dense3.weights = rng.standard_normal((5, 4)), rng.standard_normal((4, 3))
    dense3.biases = rng.standard_normal((1, 3))
    model = ex.Model()
    for layer in (dense1, ex.ReLU(), ex.Dropout(0.25, rng=rng), dense2, ex.LeakyReLU(0.2),
                  dense3, ex.Softmax()):
        model.add(layer)
    model.set(loss=ex.CategoricalCrossEntropy(), optimizer=ex.SGD(learning_rate=0.5),
              accuracy=ex.CategoricalAccuracy())
    model.finalize()
    return model, (dense1, dense2, dense3)


def make_regressor(ex, seed=0):
    """Dense(1, 6) - Tanh - Dense(6, 1) - Linear, mean squared error, RegressionAccuracy()."""
    rng = np.random.default_rng(seed)
    model = ex.Model()
    for layer in (ex.Dense(1, 6, rng=rng), ex.Tanh(), ex.Dense(6, 1, rng=rng), ex.Linear()):
        model.add(layer)
    model.set(loss=ex.MeanSquaredError(), optimizer=ex.Adam(learning_rate=0.05),
              accuracy=ex.RegressionAccuracy())
    model.finalize()
    return model


def make_binary(ex, seed=0):
    rng = np.random.default_rng(seed)
    model = ex.Model()
    for layer in (ex.Dense(3, 4, rng=rng), ex.Sigmoid(), ex.Dense(4, 2, rng=rng), ex.Sigmoid()):
        model.add(layer)
    model.set(loss=ex.BinaryCrossEntropy(), optimizer=ex.SGD(), accuracy=ex.BinaryAccuracy())
    model.finalize()
    return model


# ----------------------------------------------------------------- parameters

def test_get_parameters_gives_one_pair_per_dense_layer(ex):
    model, denses = make_classifier(ex)
    got = model.get_parameters()
    if not isinstance(got, (list, tuple)) or len(got) != 3:
        fail("len(model.get_parameters()) for a model with 3 Dense layers and 4 others", "3",
             got, "one (weights, biases) pair per layer that has weights, in order")
    for index, (pair, dense) in enumerate(zip(got, denses)):
        if len(pair) != 2:
            fail(f"model.get_parameters()[{index}]", "a (weights, biases) pair", pair)
        expect_close(pair[0], dense.weights, call=f"model.get_parameters()[{index}][0]",
                     why="the weights of the layer's own (weights, biases)")
        expect_close(pair[1], dense.biases, call=f"model.get_parameters()[{index}][1]",
                     why="the biases of the layer's own (weights, biases)")


def test_set_parameters_puts_them_in_and_predict_follows(ex):
    source, _ = make_classifier(ex, seed=1)
    target, denses = make_classifier(ex, seed=2)
    parameters = source.get_parameters()
    target.set_parameters(parameters)
    for index, ((weights, biases), dense) in enumerate(zip(parameters, denses)):
        expect_close(dense.weights, weights, call=f"layer {index}'s weights after set_parameters",
                     why="each trainable layer takes its pair, in order")
        expect_close(dense.biases, biases, call=f"layer {index}'s biases after set_parameters")
    expect_close(target.predict(X8), source.predict(X8), rtol=0, atol=0,
                 call="predict after set_parameters(other.get_parameters())",
                 why="the same parameters give the same outputs")


def test_set_parameters_keeps_copies(ex):
    """The caller's arrays stay the caller's: training afterwards changes only the model's.

    The model's SGD updates its layers' arrays in place (weights -= ...). A model that kept
    the very arrays it was given would change them under the caller, whose saved parameters
    would then be the trained ones. The grader sees it: arrays a learner keeps and changes
    in a later call are mirrored back to it."""
    model, (dense1, _, _) = make_classifier(ex)
    parameters = [(np.array(w), np.array(b)) for w, b in model.get_parameters()]
    originals = [(w.copy(), b.copy()) for w, b in parameters]
    model.set_parameters(parameters)
    before = np.asarray(dense1.weights)
    model.train(X8, Y8, epochs=1)
    if np.array_equal(np.asarray(dense1.weights), before):
        fail("layer 0's weights after set_parameters and one epoch of train",
             "changed by the optimizer's step", before, "set_parameters puts the arrays into "
             "the layers the optimizer updates")
    for index, ((weights, biases), (w0, b0)) in enumerate(zip(parameters, originals)):
        for name, now, was in (("weights", weights, w0), ("biases", biases, b0)):
            expect_close(now, was, rtol=0, atol=0,
                         call=f"the caller's {name} array of pair {index} passed to "
                              "set_parameters, after the model then trained one epoch",
                         why="set_parameters keeps copies (np.array(weights, "
                             "dtype=np.float64)): training then changed the caller's own "
                             "arrays")


def test_set_parameters_wrong_count_raises(ex):
    model, _ = make_classifier(ex)
    two = model.get_parameters()[:2]
    expect_raises(ValueError, model.set_parameters, two,
                  call="model.set_parameters(2 pairs) for a model with 3 Dense layers",
                  why="check len(parameters) against the number of trainable layers",
                  mentions=("2", "3"))


def shapes_named(message, *shapes):
    """True when the message names each shape, as (64, 3) or 64x3."""
    flat = message.replace(" ", "")
    return all(str(s).replace(" ", "") in flat or "x".join(map(str, s)) in flat for s in shapes)


def test_set_parameters_wrong_shape_names_layer_and_shapes_and_changes_nothing(ex):
    model, denses = make_classifier(ex)
    before = [(d.weights, d.biases) for d in denses]
    parameters = model.get_parameters()
    parameters[0] = (parameters[0][0] + 1.0, parameters[0][1] + 1.0)  # fits, but changed
    parameters[1] = (np.zeros((5, 7)), parameters[1][1])              # (5, 4) expected
    error = expect_raises(ValueError, model.set_parameters, parameters,
                          call="model.set_parameters(...) with weights of shape (5, 7) for "
                               "the second Dense layer, which has (5, 4)",
                          why="compare every array's shape with the layer's before using it")
    message = str(error)
    if not shapes_named(message, (5, 4), (5, 7)):
        fail("the ValueError's message", "one that names both shapes, (5, 4) and (5, 7)",
             message, "say which shape the layer has and which one came")
    # The layer by its class, as a layer, by its place (model.layers[3], trainable [1]) or
    # its order (the second, pair 1 counted from 0 or 2 from 1, #2): any way a reader can find it.
    names = ("dense", "layer", "[3]", "[1]", "second", "2nd", "pair 1", "pair 2", "#1", "#2",
             "index 1", "index 3", "number 2")
    if not any(word in message.lower() for word in names):
        fail("the ValueError's message", "one that names the layer (e.g. 'model.layers[3] "
             "(Dense)')", message, "say which layer the wrong array was for")
    for index, (dense, (weights, biases)) in enumerate(zip(denses, before)):
        expect_close(dense.weights, weights, call=f"layer {index}'s weights after the "
                     "failed set_parameters", why="check every pair before anything changes: "
                     "a half-applied set leaves a model that is neither old nor new")
        expect_close(dense.biases, biases, call=f"layer {index}'s biases after the failed "
                     "set_parameters", why="check every pair before anything changes")


def test_save_and_load_parameters_round_trip(ex, tmp_path):
    source, _ = make_classifier(ex, seed=3)
    target, _ = make_classifier(ex, seed=4)
    path = tmp_path / "parameters.npz"
    source.save_parameters(path)
    call = f"the file save_parameters({path.name!r}) wrote"
    data = read_saved(path, call=call)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        fail(call, "a .npz (a zip of .npy arrays)", data[:20],
             "np.savez into the path: only arrays, never a pickle")
    target.load_parameters(path)
    expect_close(target.predict(X8), source.predict(X8), rtol=0, atol=0,
                 call="predict after load_parameters of another model's saved parameters",
                 why="load_parameters reads the arrays back and set_parameters them")


def both_ways(ex, model, other, model_path, weights_path) -> tuple:
    """The two round trips, as (load's name, save's name, save, load, path): the whole
    model by model.save and Model.load, and its parameters by model.save_parameters and
    other.load_parameters (load_parameters returns None: `other` is then the loaded one)."""
    return (("Model.load", "model.save", model.save, ex.Model.load, model_path),
            ("other.load_parameters", "model.save_parameters", model.save_parameters,
             other.load_parameters, weights_path))


def test_save_and_load_at_paths_without_npz(ex, tmp_path):
    """save("classifier.model") and save_parameters("weights") load back from the very
    paths given, though their names do not end in .npz."""
    model, _ = make_classifier(ex, seed=8)
    other, _ = make_classifier(ex, seed=9)
    why = ("np.savez(path, ...) adds \".npz\" to a file name without it, so the file is not "
           "where load looks: save into the file you open yourself (with open(path, \"wb\") "
           "as file: np.savez(file, ...)), as the given write_arrays does")
    model_path, weights_path = tmp_path / "classifier.model", tmp_path / "weights"
    for what, saved_by, save, load, path in both_ways(ex, model, other, model_path,
                                                      weights_path):
        save(path)
        try:
            loaded = load(path)
        except (OSError, ValueError) as error:
            fail(f"{what}({path.name!r}) after {saved_by}({path.name!r})",
                 "the model saved there", f"{type(error).__name__}: {error}", why)
        target = other if loaded is None else loaded
        expect_close(target.predict(X8), model.predict(X8), rtol=0, atol=0,
                     call=f"predict after {what}({path.name!r})", why=why)


def test_paths_may_be_plain_strings(ex, tmp_path, judge_path):
    """save, Model.load, save_parameters and load_parameters given str paths, as callers
    mostly write them ("digits.npz"), round-trip like with pathlib.Path ones; a file that
    is not a model, named by a str, is refused with ValueError like any other."""
    model, _ = make_classifier(ex, seed=10)
    other, _ = make_classifier(ex, seed=11)
    why = ("a path may come as a str or as a pathlib.Path: hand it to open(path, ...) or "
           "np.load(path), which take both, or make it Path(path) first; path.name, "
           "path.open or path.is_file() exist on a Path only")
    model_path, weights_path = str(tmp_path / "model.npz"), str(tmp_path / "weights.npz")
    for what, saved_by, save, load, path in both_ways(ex, model, other, model_path,
                                                      weights_path):
        call = f"{saved_by}(a str path), then {what}(the same str)"
        try:
            save(path)
            loaded = load(path)
        except (AttributeError, TypeError) as error:
            fail(call, "the model saved and loaded back", f"{type(error).__name__}: {error}",
                 why)
        target = other if loaded is None else loaded
        expect_close(target.predict(X8), model.predict(X8), rtol=0, atol=0,
                     call=f"predict after {call}", why=why)
    foreign = judge_path / "foreign.npz"
    np.savez(foreign, a=np.arange(3.0))
    expect_refused(ex, str(foreign), "a foreign .npz named by a str path")


def test_load_parameters_of_another_shape_raises(ex, tmp_path):
    path = tmp_path / "regressor.npz"
    make_regressor(ex).save_parameters(path)
    model, _ = make_classifier(ex)
    expect_raises(ValueError, model.load_parameters, path,
                  call="classifier.load_parameters(a regressor's parameters file)",
                  why="the arrays go through set_parameters, which checks count and shapes")


# ----------------------------------------------------------------- whole models

@pytest.fixture(scope="module")
def saved(ex, tmp_path_factory):
    """A classifier trained 3 epochs, a regressor trained 20, a 2-output sigmoid model:
    each saved to a file of its own."""
    folder = tmp_path_factory.mktemp("saved")
    classifier, _ = make_classifier(ex, seed=5, l2=0.01)
    classifier.train(X8, Y8, epochs=3, batch_size=3, rng=np.random.default_rng(0))
    regressor = make_regressor(ex, seed=6)
    X, y = np.linspace(0, 1, 20).reshape(-1, 1), np.sin(np.linspace(0, 3, 20)).reshape(-1, 1)
    regressor.train(X, y, epochs=20, rng=np.random.default_rng(0))
    binary = make_binary(ex, seed=7)
    paths = {name: folder / f"{name}.npz" for name in ("classifier", "regressor", "binary")}
    for name, model in (("classifier", classifier), ("regressor", regressor),
                        ("binary", binary)):
        model.save(paths[name])
    return {"classifier": classifier, "regressor": regressor, "binary": binary}, paths


def test_save_writes_a_npz_of_plain_arrays_and_json(ex, saved):
    _, paths = saved
    for name, path in paths.items():
        call = f"the file model.save wrote for the {name}"
        data = read_saved(path, call=call)
        if not zipfile.is_zipfile(io.BytesIO(data)):
            fail(call, "a .npz (a zip of .npy files)", data[:20], "never pickle: np.savez "
                 "of the arrays and the description as a string array")
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                arrays = {key: npz[key] for key in npz.files}
        except ValueError as exc:
            fail(f"np.load(the {name}'s file, allow_pickle=False)", "every array readable "
                 "without unpickling", str(exc), "an object array (dtype=object) is stored "
                 "as a pickle: keep the description as a plain string, np.array(json.dumps(...))")
        if not described_in(arrays):
            fail(f"the arrays in the {name}'s file", "one array holding the JSON description "
                 "(a string array, or its UTF-8 bytes)", list(arrays),
                 "np.array(json.dumps(description))")


def test_loaded_models_predict_and_evaluate_identically(ex, saved):
    models, paths = saved
    X_reg = np.linspace(0, 1, 7).reshape(-1, 1)
    y_reg = np.sin(np.linspace(0, 3, 7)).reshape(-1, 1)
    y_bin = np.array([[0, 1], [1, 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0], [1, 1]])
    cases = {"classifier": (X8, Y8), "regressor": (X_reg, y_reg), "binary": (X8, y_bin)}
    for name, (X, y) in cases.items():
        loaded = ex.Model.load(paths[name])
        expect_close(loaded.predict(X), models[name].predict(X), rtol=0, atol=0,
                     call=f"Model.load(path).predict(X) for the saved {name}",
                     why="every layer rebuilt in order, with its parameters")
        expect_close(loaded.evaluate(X, y), models[name].evaluate(X, y), rtol=1e-12, atol=0,
                     call=f"Model.load(path).evaluate(X, y) for the saved {name}",
                     why="the loss and the accuracy are saved and rebuilt too (a "
                         "RegressionAccuracy with its precision)")


def test_loaded_regression_accuracy_keeps_its_precision(ex, saved):
    """Evaluated on targets of another spread, a rebuilt RegressionAccuracy() would set a
    new precision; the saved one is kept."""
    models, paths = saved
    X = np.array([[0.1], [0.5], [0.9]])
    y = models["regressor"].predict(X) + np.array([[0.001], [0.01], [0.2]])
    loaded = ex.Model.load(paths["regressor"])
    expect_close(loaded.evaluate(X, y)[1], models["regressor"].evaluate(X, y)[1],
                 call="the loaded regressor's accuracy on new targets",
                 why="save the accuracy's precision and give it back on load")


def test_loaded_model_keeps_its_regularization(ex, saved):
    """Same parameters and the same L1/L2 settings: the same regularization loss (an epoch
    with learning rate 0 measures it without moving the weights)."""
    models, paths = saved
    loaded = ex.Model.load(paths["classifier"])
    original, _ = make_classifier(ex, seed=5, l2=0.01)
    original.set_parameters(models["classifier"].get_parameters())
    histories = []
    for model in (original, loaded):
        model.set(loss=ex.CategoricalCrossEntropy(), optimizer=ex.SGD(learning_rate=0.0),
                  accuracy=ex.CategoricalAccuracy())
        model.finalize()
        histories.append(model.train(X8, Y8, epochs=1, rng=np.random.default_rng(1)))
    expect_close(histories[1]["regularization_loss"], histories[0]["regularization_loss"],
                 rtol=1e-12, call='history["regularization_loss"] of the loaded model',
                 why="each layer's settings (the L1 and L2 strengths) are saved with it")


def test_loaded_dropout_keeps_its_rate(ex, tmp_path):
    """Dense(1, 1000) of ones, Dropout(0.25), Linear, saved and loaded: a training forward of
    the loaded model scales every kept unit by 1 / (1 - 0.25) = 4/3, whatever it drops."""
    dense = ex.Dense(1, 1000, rng=np.random.default_rng(0))
    dense.weights = np.ones((1, 1000))
    model = ex.Model()
    for layer in (dense, ex.Dropout(0.25, rng=np.random.default_rng(1)), ex.Linear()):
        model.add(layer)
    model.set(loss=ex.MeanSquaredError(), optimizer=ex.SGD(),
              accuracy=ex.RegressionAccuracy(precision=0.1))
    model.finalize()
    path = tmp_path / "dropout.npz"
    model.save(path)
    got = np.asarray(ex.Model.load(path).forward(np.ones((1, 1)), training=True))
    kept = np.unique(np.round(got[got != 0], 12))  # all 1000 dropped: chance 0.25 ** 1000
    expect_close(kept, [4 / 3], rtol=1e-9,
                 call="the values a loaded model's Dropout(0.25) keeps in forward(ones, "
                      "training=True), its inputs all 1",
                 why="save each layer with its settings - a Dropout's rate, the fraction "
                     "DROPPED, as layer.rate holds it - and rebuild it with that rate: kept "
                     "units are divided by 1 - rate = 0.75. Lost, the loaded model trains on "
                     "with another rate, though its predictions (dropout off) look the same")


# ----------------------------------------------------------------- files that are not models

def one_sentence(error, call):
    text = str(error).strip()
    if not text or "\n" in text or len(text) > 400:
        fail(f"the ValueError of {call}", "one sentence saying what the file is not",
             text, "catch what np.load raises and raise ValueError(...) from None")


def expect_refused(ex, path, call):
    for what, load in (("Model.load", ex.Model.load),
                       ("model.load_parameters", make_binary(ex).load_parameters)):
        why = ("anything that is not a saved model is refused with one ValueError: catch "
               "what np.load and reading its arrays raise (OSError, ValueError, EOFError, "
               "zipfile.BadZipFile, ...) and raise ValueError('...') from None")
        try:
            error = expect_raises(ValueError, load, path, call=f"{what}({call})", why=why)
        except AssertionError:
            raise
        except Exception as other:
            fail(f"{what}({call})", "refused with a ValueError",
                 f"{type(other).__name__}: {other}", why)
        one_sentence(error, f"{what}({call})")


class Payload:
    """Unpickling this calls open(marker, "w"): a file appears if anything unpickles it."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def expect_no_marker(marker, call):
    if marker.exists():
        fail(f"the marker file after {call}", "absent", "it was created: the file's "
             "pickled payload RAN", "never unpickle a file: np.load(path, allow_pickle=False), "
             "never pickle.load and never allow_pickle=True")


def test_a_planted_pickle_is_refused_and_never_run(ex, tmp_path, judge_path):
    marker = tmp_path / "pickle-ran"  # where the learner's code may write, should it unpickle
    path = judge_path / "model.npz"
    path.write_bytes(pickle.dumps(Payload(marker)))
    for what, load in (("Model.load", ex.Model.load),
                       ("model.load_parameters", make_binary(ex).load_parameters)):
        try:
            load(path)
        except ValueError as error:
            one_sentence(error, f"{what}(a pickle)")
        except NotImplementedError:
            raise  # the stub, not yet written: the grader says so
        except Exception as error:
            expect_no_marker(marker, f"{what}(a pickle)")
            fail(f"{what}(a pickle file named model.npz)", "a ValueError",
                 f"{type(error).__name__}: {error}", "a file that is not a model is a ValueError")
        else:
            expect_no_marker(marker, f"{what}(a pickle)")
            fail(f"{what}(a pickle file named model.npz)", "a ValueError", "no error")
        expect_no_marker(marker, f"{what}(a pickle file named model.npz)")


def test_a_pickled_object_inside_a_npz_or_npy_is_refused_and_never_run(ex, tmp_path, saved,
                                                                        judge_path):
    marker = tmp_path / "object-array-ran"
    payload = np.empty(1, dtype=object)
    payload[0] = Payload(marker)
    # A real saved model with one pickled object array added, so that a loader which
    # reads every member (allow_pickle=True) would run it.
    _, paths = saved
    saved_file = read_saved(paths["classifier"], call="the file model.save wrote")
    with zipfile.ZipFile(io.BytesIO(saved_file)) as original:
        members = {name: original.read(name) for name in original.namelist()}
    buffer = io.BytesIO()
    np.save(buffer, payload, allow_pickle=True)
    members["extra.npy"] = buffer.getvalue()
    evil_npz = judge_path / "evil.npz"
    with zipfile.ZipFile(evil_npz, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    evil_npy = judge_path / "evil.npy"
    np.save(evil_npy, payload, allow_pickle=True)
    for path in (evil_npz, evil_npy):
        call = f"{path.name}, holding a pickled object array"
        try:
            expect_refused(ex, path, call)
        finally:
            expect_no_marker(marker, f"loading {call}")


def test_truncated_foreign_and_damaged_files_are_refused(ex, saved, judge_path):
    _, paths = saved
    data = read_saved(paths["classifier"], call="the file model.save wrote")
    cases = {
        "truncated.npz": data[: len(data) // 2],
        "tiny.npz": data[:10],
        "empty.npz": b"",
        "text.npz": b"weights = [[1, 2], [3, 4]]\n",
    }
    foreign = io.BytesIO()
    np.savez(foreign, a=np.arange(3.0), b=np.eye(2))
    cases["foreign.npz"] = foreign.getvalue()
    single = io.BytesIO()
    np.save(single, np.arange(4.0))
    cases["single.npy"] = single.getvalue()
    for name, content in cases.items():
        path = judge_path / name
        path.write_bytes(content)
        expect_refused(ex, path, name)


def text_of(array):
    """The text an array holds: a str array (0-d or one element), or UTF-8 bytes; else None."""
    try:
        if array.dtype.kind in "US" and array.size == 1:
            value = array.reshape(-1)[0]
            return value.decode("utf-8") if isinstance(value, bytes) else str(value)
        if array.dtype == np.uint8 and array.ndim == 1:
            return array.tobytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None


def described_in(arrays):
    """[(key, description)] for every array holding a JSON object or list."""
    found = []
    for key, array in arrays.items():
        text = text_of(array)
        if text is not None:
            try:
                description = json.loads(text)
            except ValueError:
                continue
            if isinstance(description, (dict, list)):
                found.append((key, description))
    return found


def saved_arrays(source):
    with np.load(io.BytesIO(read_saved(source, call="the file model.save wrote")),
                 allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def stored_like(old, text):
    """`text` stored the way the string `old` was: a string array, or UTF-8 bytes."""
    if old.dtype == np.uint8:
        return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    return np.array(text, dtype=old.dtype.kind).reshape(old.shape)


def rewrite_description(source, target, change):
    """Copy the .npz `source` to `target` with its JSON description changed by `change`."""
    arrays = saved_arrays(source)
    found = described_in(arrays)
    if not found:
        fail("the saved file", "a JSON description in one of its arrays", list(arrays))
    key, description = found[0]
    arrays[key] = stored_like(arrays[key], change(description))
    np.savez(target, **arrays)


def next_version(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value + 1
    return f"{value}-next"


def rewrite_version(source, target):
    """Copy the .npz `source` to `target` as a file of the next version of its format, or
    fail: the version is a "version" entry of a JSON description (at its top level) or an
    array of its own whose name says version."""
    arrays = saved_arrays(source)
    for key, description in described_in(arrays):
        names = [k for k in description if "version" in str(k).lower()] \
            if isinstance(description, dict) else []
        if names:
            description[names[0]] = next_version(description[names[0]])
            arrays[key] = stored_like(arrays[key], json.dumps(description))
            return np.savez(target, **arrays)
    for key, array in arrays.items():
        if "version" in key.lower() and array.size == 1:
            text = text_of(array)
            arrays[key] = (stored_like(array, next_version(text)) if text is not None
                           else np.asarray(next_version(array.item())).reshape(array.shape))
            return np.savez(target, **arrays)
    fail("the saved model's format version", 'a "version" entry at the top level of its JSON '
         'description, or an array of its own named "version"', list(arrays),
         "say which version of the format a file is, so that one of another version can be "
         "refused rather than misread")


def test_another_version_and_a_broken_description_are_refused(ex, saved, judge_path):
    _, paths = saved
    rewrite_version(paths["classifier"], judge_path / "newer.npz")
    expect_refused(ex, judge_path / "newer.npz", "a model file of another version")
    rewrite_description(paths["classifier"], judge_path / "garbled.npz",
                        lambda d: json.dumps(d)[:-7])
    expect_refused(ex, judge_path / "garbled.npz", "a model file whose description is cut short")


def test_a_description_that_is_python_code_is_refused_and_never_run(ex, tmp_path, saved,
                                                                    judge_path):
    """The saved classifier with its description replaced by a Python expression that
    would create a marker file and then give the description back: not JSON, so refused;
    a loader that eval()s the text would run it (JSON without null is valid Python)."""
    marker = tmp_path / "description-ran"
    _, paths = saved

    def as_code(description):
        return f"[open({str(marker)!r}, 'w').close(), {json.dumps(description)}][1]"

    path = judge_path / "code.npz"
    rewrite_description(paths["classifier"], path, as_code)
    call = "a model file whose description is Python code, not JSON"
    try:
        expect_refused(ex, path, call)
    finally:
        if marker.exists():
            fail(f"the marker file after Model.load({call})", "absent", "it was created: the "
                 "description's code RAN", "the description is data: read it with "
                 "json.loads, never eval() or exec() - nothing in a file is ever executed")


def test_save_refuses_nothing_it_knows_and_models_stay_separate(ex, tmp_path, saved):
    models, paths = saved
    first = ex.Model.load(paths["classifier"])
    second = ex.Model.load(paths["classifier"])
    first.set_parameters([(w * 0, b * 0) for w, b in first.get_parameters()])
    expect_close(second.predict(X8), models["classifier"].predict(X8), rtol=0, atol=0,
                 call="a second Model.load of the same file after the first was changed",
                 why="every load builds new layers and arrays of its own")
    expect_equal(len(second.get_parameters()), 3, call="len(Model.load(path).get_parameters())",
                 why="the three Dense layers, rebuilt")
