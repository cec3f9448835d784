"""`nox -s train`: run your own network on a task and watch it learn.

    nox -s train                        the spiral: your exercise 10, 10,000 epochs
    nox -s train -- binary              two spiral arms, a sigmoid output (exercise 15's Model)
    nox -s train -- sine                regression: a network fits one period of a sine
    nox -s train -- regularization      the spiral with and without L2 + dropout, side by side
    nox -s train -- digits              your exercise 18 on the 8x8 handwritten digits
    nox -s train -- digits --plot       ... and a picture: confusion matrix, digits it misreads
    options: --epochs N  --seed S  --plot  --out PATH  --tree solutions (the reference)

Every run uses your own code wherever its exercise is done (graded first: the report of
your last `nox` when it is newer than your files, else a quick grade of those exercises)
and the given code elsewhere; its first line says which is which. Each ends with the
accuracy on data the network never trained on. With matplotlib installed (`--plot`
installs it) it saves a picture, never over an earlier one.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from kata import datasets, files
from kata.learner.loader import display_path, learner_line
from kata.manifest import ROOT, KataError, Manifest, Parser, run_command
from kata.manifest import load as load_manifest
from kata.processes import become_subreaper, end_children
from kata.text import clean

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")
MODEL = ["ex04_dense", "ex05_relu", "ex06_softmax", "ex07_loss", "ex08_backprop",
         "ex09_optimizers", "ex11_activations", "ex12_losses", "ex13_regularization",
         "ex14_dropout", "ex15_model"]
NEEDS = {  # the exercises whose code each task runs (each one's given imports included)
    "spiral": MODEL[:6] + ["ex10_training"],
    "binary": MODEL, "sine": MODEL, "regularization": MODEL,
    "digits": [*MODEL, "ex16_batches", "ex17_persistence", "ex18_digits"],
}
PIECES = {  # what each exercise contributes, as the first line names it
    "ex04_dense": "Dense", "ex05_relu": "ReLU", "ex06_softmax": "softmax",
    "ex07_loss": "loss", "ex08_backprop": "backprop", "ex09_optimizers": "Adam",
    "ex10_training": "training loop", "ex11_activations": "sigmoid/tanh/linear",
    "ex12_losses": "BCE/MSE", "ex13_regularization": "L2", "ex14_dropout": "dropout",
    "ex15_model": "Model", "ex16_batches": "mini-batches", "ex17_persistence": "save/load",
    "ex18_digits": "digits model",
}
EPOCHS = {"spiral": 10_000, "binary": 3_000, "sine": 2_000, "regularization": 3_000,
          "digits": None}
SEEDS = {"spiral": 10, "binary": 0, "sine": 0, "regularization": 0, "digits": 18}


class Stop(Exception):
    """One sentence for the learner, and the run ends with status 1."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during training: one sentence saying how far it got, and status 130."""


# ---------------------------------------------------------------------------- arguments

MAX_EPOCHS = 1_000_000  # hours of training: a typo, not a plan


def _whole(text: str) -> int:
    """An integer as typed, in ASCII digits: int() also takes " 5", "1_000" and "\u0663" (an
    Arabic-Indic 3), and one of thousands of digits made argparse print all of them."""
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise argparse.ArgumentTypeError(f"{clean(repr(text), 24)} is not a whole number")
    return int(text)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = Parser(prog="nox -s train --", description=__doc__.split("\n")[0])
    parser.add_argument("task", nargs="?", default="spiral", choices=list(NEEDS),
                        help="what to learn (spiral)")
    parser.add_argument("--epochs", type=_whole, help="training epochs (each task has its own "
                        "default; digits: what your fit() chooses)")
    parser.add_argument("--seed", type=_whole, help="seed of the data and the initial weights")
    parser.add_argument("--tree", choices=("exercises", "solutions"), default="exercises",
                        help="whose code to run (exercises: yours)")
    parser.add_argument("--plot", action="store_true", help="save a picture that teaches "
                        "(`nox -s train` installs matplotlib for it, once)")
    parser.add_argument("--out", help="where to save the picture (TASK.png here; implies "
                        "--plot); an existing file is never overwritten: a numbered name is used")
    args = parser.parse_args(argv)
    if args.out is not None and not args.out.strip():  # an empty variable in a script
        parser.error(f"--out needs a file name for the picture, e.g. --out {args.task}.png "
                     f"({args.out!r} was given)")
    if args.epochs is not None and not 1 <= args.epochs <= MAX_EPOCHS:
        parser.error(f"--epochs must be from 1 to {MAX_EPOCHS:,}, got {args.epochs}")
    if args.seed is not None and args.seed < 0:  # NumPy's generators take no negative seed
        parser.error(f"--seed must be 0 or more, got {args.seed}")
    if args.epochs is not None and args.task == "digits":
        parser.error("digits trains for as long as your fit() says: --epochs is not used")
    # This run again, as the learner asked for it: the picture hint repeats it exactly.
    args.again = " ".join([args.task, *(f"--{name} {value}" for name in ("epochs", "seed")
                                        if (value := getattr(args, name)) is not None),
                           *(["--tree solutions"] if args.tree == "solutions" else [])])
    args.epochs = args.epochs or EPOCHS[args.task]
    args.seed = SEEDS[args.task] if args.seed is None else args.seed
    return args


# ---------------------------------------------------------------------------- whose code

def done_exercises(manifest: Manifest, modules: list[str]) -> set[str]:
    """The modules among `modules` whose exercise is done in exercises/.

    The report (.kata/report.json) answers for free for an exercise graded after its file
    and its spec file last changed (each exercise's own time: a report merges runs that
    graded some exercises only); the others are graded here (only those).
    """
    from kata.judge.grade import DEFAULT_REPORT, grade
    from kata.judge.report import read_report

    exercises = [manifest.find(module) for module in modules]
    states: dict[str, str] = {}
    report = ROOT / DEFAULT_REPORT
    data = read_report(report)  # None: no report that can be read (safely)
    if data is not None:
        try:
            states = {e["module"]: e["state"] for e in data.get("exercises", [])}
            graded = {number: datetime.fromisoformat(when).timestamp()
                      for number, when in data.get("graded", {}).items()}
        except (ValueError, KeyError, TypeError, AttributeError, OSError):
            states, graded = {}, {}
        for ex in exercises:
            files = (ROOT / ex.stub_path, ROOT / ex.spec_path)
            when = graded.get(ex.number)  # to the second: a change in that second counts
            if when is None or any(not f.is_file() or f.stat().st_mtime >= when for f in files):
                states.pop(ex.module, None)  # changed since it was graded: grade again
    stale = [ex for ex in exercises if ex.module not in states]
    if stale:
        # A passing notice: on a terminal it is wiped again, so that the first line left
        # is the one saying whose code runs; elsewhere it goes to stderr.
        notice = (f"Grading {', '.join(ex.number for ex in stale)} first, to know which of "
                  "your exercises to run ...")
        tty = sys.stdout.isatty()
        print(notice, end="\r" if tty else "\n", flush=True, file=sys.stdout if tty else sys.stderr)
        graded, _ = grade(manifest, stale, tree="exercises")
        if tty:
            print(" " * len(notice), end="\r", flush=True)
        states.update({g.exercise.module: g.state for g in graded})
    return {module for module in modules if states.get(module) == "done"}


def choose_code(manifest: Manifest, task: str, tree: str) -> str:
    """Point kata.given at the learner's modules where done; the line saying which ran."""
    from kata.given import reference

    needed = NEEDS[task]
    if tree == "solutions":
        if not (ROOT / "solutions").is_dir():
            raise Stop("This copy of the kata has no solutions/ (it is a hand-out): "
                       "`nox -s train` runs your own exercises.")
        os.environ["KATA_GIVEN"] = ""
        return "yours: nothing (--tree solutions); given: everything, the reference solutions"
    own = done_exercises(manifest, needed)
    missing = [m for m in needed if m not in own and reference(m) is None]
    if missing:
        ex = manifest.find(missing[0])
        raise Stop(f"This task needs exercise {ex.number} ({ex.title}), which is not done "
                   f"yet, and this hand-out has no given code for it: finish it first "
                   f"(`nox -s grade -- {ex.number}`).")
    os.environ["KATA_GIVEN"] = "own:" + ",".join(sorted(own))
    os.environ["KATA_TREE"] = str(ROOT / "exercises")
    yours = [PIECES[m] for m in needed if m in own]
    given = [PIECES[m] for m in needed if m not in own]
    return (f"yours: {', '.join(yours) or 'nothing yet'}; "
            f"given: {', '.join(given) or 'nothing'}")


def given(module: str) -> Any:
    """The module as kata.given resolves it now (the learner's own, or the reference)."""
    return importlib.import_module(f"kata.given.{module}")


# ---------------------------------------------------------------------------- progress

class Progress:
    """A bar redrawn in place on a terminal; ten plain lines elsewhere (logs, CI)."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label = total, label
        self.tty = sys.stdout.isatty()
        self.shown = 0
        self.started = time.perf_counter()

    def update(self, done: int, text: str) -> None:
        seconds = time.perf_counter() - self.started
        if self.tty:
            filled = round(30 * done / self.total)
            print(f"\r{self.label} [{'#' * filled}{'-' * (30 - filled)}] {done}/{self.total}"
                  f"  {text}  {seconds:.0f} s ", end="", flush=True)
        elif done * 10 // self.total > self.shown or done == self.total:
            self.shown = done * 10 // self.total
            print(f"{self.label} {done}/{self.total}  {text}  ({seconds:.1f} s)", flush=True)

    def close(self) -> None:
        if self.tty:
            print()


def in_chunks(run: Callable[[int], dict], epochs: int, label: str,
              describe: Callable[[dict], str]) -> dict[str, list[float]]:
    """run(k) trains k more epochs and returns their history; 40 runs make `epochs`.

    Optimizers keep their step count and moments between calls, so training in chunks
    is the same training as one call: the chunks only make room for the progress bar.
    """
    history: dict[str, list[float]] = {}
    progress = Progress(epochs, label)
    done = 0
    try:
        for chunk in range(40):
            size = epochs * (chunk + 1) // 40 - done
            if size:
                for key, values in run(size).items():
                    history.setdefault(key, []).extend(values)
                done += size
                progress.update(done, describe(history))
    except KeyboardInterrupt:
        raise Interrupted(f"Stopped training ({label.strip()}) after {done:,} of {epochs:,} "
                          "epochs.") from None
    finally:
        progress.close()
    return history


def share(predicted: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean(np.asarray(predicted) == truth))


# ---------------------------------------------------------------------------- the tasks

def spiral_task(args: argparse.Namespace) -> dict:
    ex10 = given("ex10_training")
    X, y = datasets.spiral_data(100, 3, rng=args.seed)
    model = ex10.SpiralClassifier(rng=np.random.default_rng(args.seed))
    optimizer = ex10.Adam(learning_rate=0.05, decay=5e-7)
    print(f"spiral_data(100, 3, rng={args.seed}), 2-64-3, Adam(learning_rate=0.05, "
          f"decay=5e-7), {args.epochs} epochs:")
    history = in_chunks(lambda k: ex10.train(model, X, y, optimizer, k), args.epochs,
                        "spiral", lambda h: f"loss {h['loss'][-1]:.4f}  "
                                            f"accuracy {h['accuracy'][-1]:.3f}")
    X_new, y_new = datasets.spiral_data(100, 3, rng=args.seed + 1000)
    predict = model.predict
    # The loss after the last update, as the accuracy below is (the history's last loss
    # was measured before it).
    loss = model.loss_activation.forward(
        model.dense2.forward(model.activation1.forward(model.dense1.forward(X))), y)
    return {"X": X, "y": y, "history": history, "predict": predict, "loss": float(loss),
            "train": share(predict(X), y), "fresh": share(predict(X_new), y_new),
            "chance": 1 / 3}


def model_of(ex15: Any, layers: list, loss: Any, optimizer: Any, accuracy: Any) -> Any:
    model = ex15.Model()
    for layer in layers:
        model.add(layer)
    model.set(loss=loss, optimizer=optimizer, accuracy=accuracy)
    model.finalize()
    return model


def fit_model(model: Any, X: np.ndarray, y: np.ndarray, epochs: int, label: str) -> dict:
    return in_chunks(lambda k: model.train(X, y, epochs=k), epochs, label,
                     lambda h: f"loss {h['loss'][-1]:.4f}  accuracy {h['accuracy'][-1]:.3f}")


def binary_task(args: argparse.Namespace) -> dict:
    ex15 = given("ex15_model")
    rng = np.random.default_rng(args.seed)
    X, y = datasets.spiral_data(100, 2, rng=args.seed)
    model = model_of(ex15, [ex15.Dense(2, 64, rng=rng, weight_regularizer_l2=5e-4,
                                       bias_regularizer_l2=5e-4), ex15.ReLU(),
                            ex15.Dense(64, 1, rng=rng), ex15.Sigmoid()],
                     ex15.BinaryCrossEntropy(), ex15.Adam(learning_rate=0.02, decay=5e-7),
                     ex15.BinaryAccuracy())
    print(f"spiral_data(100, 2, rng={args.seed}): 2-64-1 with L2 5e-4, a sigmoid output, "
          f"binary cross-entropy, Adam(0.02), {args.epochs} epochs:")
    history = fit_model(model, X, y.reshape(-1, 1), args.epochs, "binary")
    X_new, y_new = datasets.spiral_data(100, 2, rng=args.seed + 1000)

    def predict(points: np.ndarray) -> np.ndarray:
        return (np.asarray(model.predict(points))[:, 0] > 0.5).astype(int)

    return {"X": X, "y": y, "history": history, "predict": predict,
            # after the last update, as the accuracy (evaluate: the loss without the penalty)
            "loss": float(model.evaluate(X, y.reshape(-1, 1))[0]),
            "probability": lambda p: np.asarray(model.predict(p))[:, 0],
            "train": share(predict(X), y), "fresh": share(predict(X_new), y_new),
            "chance": 1 / 2}


def sine_task(args: argparse.Namespace) -> dict:
    ex15 = given("ex15_model")
    rng = np.random.default_rng(args.seed)
    X, y = datasets.sine_data(1000)
    denses = [ex15.Dense(1, 64, rng=rng), ex15.Dense(64, 64, rng=rng),
              ex15.Dense(64, 1, rng=rng)]
    for dense in denses:  # the book's fix: 0.1 * normal, or many ReLUs start (and stay) dead
        dense.weights = dense.weights * 10
    model = model_of(ex15, [denses[0], ex15.ReLU(), denses[1], ex15.ReLU(), denses[2],
                            ex15.Linear()],
                     ex15.MeanSquaredError(), ex15.Adam(learning_rate=0.005, decay=1e-3),
                     ex15.RegressionAccuracy())
    print(f"sine_data(1000): 1-64-64-1, ReLU, weights 0.1 * normal, a linear output, mean "
          f"squared error, Adam(0.005, decay=1e-3), {args.epochs} epochs:")
    history = fit_model(model, X, y, args.epochs, "sine")
    X_new = np.random.default_rng(args.seed + 1000).uniform(0, 1, (200, 1))
    y_new = np.sin(2 * np.pi * X_new)
    error = float(np.mean(np.abs(np.asarray(model.predict(X_new)) - y_new)))
    return {"X": X, "y": y, "history": history, "predict": model.predict,
            "mse": history["data_loss"][-1], "fresh_error": error}


def regularization_task(args: argparse.Namespace) -> dict:
    ex15 = given("ex15_model")
    X, y = datasets.spiral_data(100, 3, rng=args.seed)
    X_new, y_new = datasets.spiral_data(100, 3, rng=args.seed + 1000)
    print(f"spiral_data(100, 3, rng={args.seed}), 2-256-3, Adam(0.02, decay=5e-5), "
          f"{args.epochs} epochs: once plain, once with L2 5e-4 and dropout 0.1:")
    runs = {}
    for name, l2, rate in (("plain", 0.0, None), ("L2 5e-4 + dropout 0.1", 5e-4, 0.1)):
        rng = np.random.default_rng(args.seed)
        # 256 hidden units: room enough to learn the 300 points by heart
        layers = [ex15.Dense(2, 256, rng=rng, weight_regularizer_l2=l2,
                             bias_regularizer_l2=l2), ex15.ReLU()]
        if rate:
            layers.append(ex15.Dropout(rate, rng=rng))
        layers += [ex15.Dense(256, 3, rng=rng), ex15.Softmax()]
        model = model_of(ex15, layers, ex15.CategoricalCrossEntropy(),
                         ex15.Adam(learning_rate=0.02, decay=5e-5), ex15.CategoricalAccuracy())
        history = fit_model(model, X, y, args.epochs, f"{name:<22}")

        def predict(points: np.ndarray, model: Any = model) -> np.ndarray:
            return np.argmax(np.asarray(model.predict(points)), axis=1)

        runs[name] = {"history": history, "predict": predict, "train": share(predict(X), y),
                      "fresh": share(predict(X_new), y_new)}
    return {"X": X, "y": y, "runs": runs}


def digits_task(args: argparse.Namespace) -> dict:
    ex18 = given("ex18_digits")
    (train_images, train_labels), (test_images, test_labels) = datasets.digits_data()
    X_train, X_test = ex18.preprocess(train_images), ex18.preprocess(test_images)
    model = ex18.build_model(rng=np.random.default_rng(args.seed))
    print(f"digits_data(): {len(X_train)} training images; build_model and fit with "
          f"rng=default_rng({args.seed}):")
    steps = [0]
    started = time.perf_counter()
    step = getattr(model, "step", None)
    if callable(step):  # count the steps of whatever fit() does, for a sign of life
        def counted(X: np.ndarray, y: np.ndarray) -> Any:
            steps[0] += 1
            if sys.stdout.isatty() and steps[0] % 10 == 0:
                print(f"\rdigits: {steps[0]} steps, {time.perf_counter() - started:.0f} s ",
                      end="", flush=True)
            return step(X, y)

        model.step = counted
    history = ex18.fit(model, X_train, train_labels, rng=np.random.default_rng(args.seed))
    if sys.stdout.isatty() and steps[0]:
        print()
    if callable(step):
        del model.step
    probabilities = np.asarray(model.predict(X_test))
    predicted = np.argmax(probabilities, axis=1)
    print(f"Trained: {steps[0] or 'its'} steps in {time.perf_counter() - started:.1f} s.")
    return {"history": history if isinstance(history, dict) else {}, "model": model,
            "module": ex18, "predicted": predicted, "test_images": test_images,
            "test_labels": test_labels, "train": share(
                np.argmax(np.asarray(model.predict(X_train)), axis=1), train_labels),
            "fresh": share(predicted, test_labels), "X_test": X_test,
            "probabilities": probabilities}


TASKS = {"spiral": spiral_task, "binary": binary_task, "sine": sine_task,
         "regularization": regularization_task, "digits": digits_task}


# ---------------------------------------------------------------------------- reporting

def summary(task: str, result: dict) -> list[str]:
    if task == "sine":
        return [f"Mean squared error on the training points {result['mse']:.5f}; on 200 "
                f"fresh points of the same curve the mean error is {result['fresh_error']:.4f} "
                "(the sine's values run from -1 to 1)."]
    if task == "regularization":
        lines = [f"{'':<24}{'training':>10}{'fresh draw':>12}{'gap':>8}"]
        for name, run in result["runs"].items():
            lines.append(f"{name:<24}{run['train']:>10.1%}{run['fresh']:>12.1%}"
                         f"{run['train'] - run['fresh']:>8.1%}")
        lines.append("The gap between training and fresh-draw accuracy is overfitting: the "
                     "penalty and dropout trade training accuracy for a smaller gap (on 300 "
                     "points, not always for a better fresh draw).")
        return lines
    if task == "digits":
        wrong = int(np.sum(result["predicted"] != result["test_labels"]))
        return [f"Training accuracy {result['train']:.1%}; on the {len(result['test_labels'])} "
                f"test images it never saw: {result['fresh']:.1%} ({wrong} misread; "
                "chance: 10%)."]
    return [f"Training accuracy {result['train']:.1%} (loss {result['loss']:.4f}); on a "
            f"fresh draw of the same data, never trained on: {result['fresh']:.1%} "
            f"(chance: {result['chance']:.1%})."]


def free_path(wanted: Path) -> Path:
    """`wanted`, or wanted-2, wanted-3, ... when it exists: never overwrite a picture."""
    if not wanted.exists():
        return wanted
    number = 2
    while (candidate := wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")).exists():
        number += 1
    return candidate


def curves(axis: Any, history: dict, title: str) -> None:
    """Loss (log scale, left) and accuracy (right) per epoch."""
    epochs = np.arange(1, len(history.get("loss", [])) + 1)
    axis.plot(epochs, history.get("loss", []), color="black", label="loss")
    axis.set(title=title, xlabel="epoch", ylabel="loss", yscale="log")
    if history.get("accuracy"):
        right = axis.twinx()
        right.plot(epochs, history["accuracy"], color="#9467bd", alpha=0.8, label="accuracy")
        right.set(ylabel="accuracy", ylim=(0, 1.02))
        lines = axis.get_lines() + right.get_lines()
        axis.legend(lines, [line.get_label() for line in lines], loc="center right")


def regions(axis: Any, predict: Callable, X: np.ndarray, y: np.ndarray, title: str) -> None:
    """The class the network gives every point of the plane, under the data."""
    from matplotlib.colors import ListedColormap

    n_classes = int(y.max()) + 1
    grid = np.linspace(-1.15, 1.15, 300)
    gx, gy = np.meshgrid(grid, grid)
    classes = np.asarray(predict(np.c_[gx.ravel(), gy.ravel()])).reshape(gx.shape)
    axis.contourf(gx, gy, classes, levels=np.arange(n_classes + 1) - 0.5,
                  cmap=ListedColormap(COLOURS[:n_classes]), alpha=0.3)
    for c in range(n_classes):
        axis.scatter(*X[y == c].T, s=14, color=COLOURS[c], edgecolors="black", linewidths=0.4,
                     label=f"class {c}")
    axis.set(title=title, xlim=(-1.15, 1.15), ylim=(-1.15, 1.15), aspect="equal")
    axis.legend(loc="upper right", fontsize="small")


NOTES = {
    "spiral": "The regions' edges are straight pieces meeting at angles: ReLU networks cut "
              "the plane piecewise linearly. Spikes in the loss mean the learning rate was "
              "too large for that stretch; a training accuracy well above the fresh draw's "
              "is overfitting.",
    "binary": "One sigmoid output: the boundary is where the network says 0.5. Its straight "
              "pieces come from the ReLU layer. Compare training and fresh-draw accuracy "
              "in the title: the gap is overfitting.",
    "sine": "A ReLU network draws the curve from straight pieces. Where the loss curve "
            "jumps, the learning rate was too large for that stretch (decay shrinks it).",
    "regularization": "Left: no penalty, and the regions reach out for single points (the "
                      "network learns the training set by heart). Right: L2 and dropout "
                      "give smoother regions and a smaller gap between training and "
                      "fresh-draw accuracy: less overfitting.",
    "digits": "Rows: the true digit; columns: what the network read. The diagonal is right; "
              "every other cell counts one kind of mistake, and the images on the right are "
              "those mistakes.",
}


def save_picture(task: str, result: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, works over ssh and in CI
    import matplotlib.pyplot as plt

    if task == "regularization":
        fig, axes = plt.subplots(1, 2, figsize=(12, 5.8))
        for axis, (name, run) in zip(axes, result["runs"].items()):
            regions(axis, run["predict"], result["X"], result["y"],
                    f"{name}: training {run['train']:.0%}, fresh draw {run['fresh']:.0%}")
    elif task == "digits":
        fig = digits_picture(plt, result)
    else:
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.5))
        if task == "sine":
            order = np.argsort(result["X"][:, 0])
            left.plot(result["X"][order, 0], result["y"][order, 0], color="black", lw=3,
                      alpha=0.3, label="sin(2 pi x)")
            left.plot(result["X"][order, 0], np.asarray(result["predict"](result["X"]))[order, 0],
                      color="#d62728", label="the network")
            left.set(title=f"The fit (mean squared error {result['mse']:.5f})", xlabel="x")
            left.legend()
        else:
            regions(left, result["predict"], result["X"], result["y"],
                    f"Training {result['train']:.1%}, fresh draw {result['fresh']:.1%}")
            if task == "binary":
                grid = np.linspace(-1.15, 1.15, 300)
                gx, gy = np.meshgrid(grid, grid)
                p = result["probability"](np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape)
                left.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.5)
        curves(right, result["history"], "Training")
    fig.text(0.01, 0.01, NOTES[task], wrap=True, fontsize=9, va="bottom")
    if task != "digits":  # the digits figure places its own axes
        fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def digits_picture(plt: Any, result: dict) -> Any:
    """The confusion matrix (left) and up to 24 misread test digits, true -> read (right)."""
    truth, predicted = result["test_labels"], result["predicted"]
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (truth, predicted), 1)
    fig = plt.figure(figsize=(13, 6.2))
    matrix = fig.add_axes((0.04, 0.14, 0.4, 0.78))
    matrix.imshow(confusion, cmap="Blues")
    for i in range(10):
        for j in range(10):
            if confusion[i, j]:
                matrix.text(j, i, str(confusion[i, j]), ha="center", va="center", fontsize=8,
                            color="white" if confusion[i, j] > confusion.max() / 2 else "black")
    matrix.set(xticks=range(10), yticks=range(10), xlabel="read as", ylabel="true digit",
               title=f"Test accuracy {result['fresh']:.1%} on {len(truth)} unseen digits")
    wrong = np.flatnonzero(predicted != truth)[:24]
    for k, index in enumerate(wrong):
        axis = fig.add_axes((0.5 + (k % 6) * 0.08, 0.7 - (k // 6) * 0.19, 0.07, 0.15))
        axis.imshow(result["test_images"][index], cmap="gray_r", vmin=0, vmax=16)
        axis.set_title(f"{truth[index]} -> {predicted[index]}", fontsize=9,
                       color="#d62728")
        axis.axis("off")
    if not len(wrong):
        fig.text(0.6, 0.5, "Not a single test digit misread.", fontsize=14)
    else:
        fig.text(0.5, 0.92, f"The first {len(wrong)} misread test digits (true -> read):",
                 fontsize=11)
    return fig


# ---------------------------------------------------------------------------- main

def main(argv: list[str]) -> int:
    args = parse_args(argv)
    wanted = Path(args.out or f"{args.task}.png")  # checked before training, not after
    if wanted.is_dir():
        wanted = wanted / f"{args.task}.png"
    if wanted.suffix.lower() != ".png":
        raise KataError(f"--out {args.out} is not a picture's name: end it with .png.")
    files.check_output(wanted, "picture", same_kind=lambda raw: raw.startswith(b"\x89PNG"),
                       make_parent=False)
    manifest = load_manifest()
    try:
        print(choose_code(manifest, args.task, args.tree), flush=True)
        result = TASKS[args.task](args)
    except Stop as stop:
        print(stop)
        return 1
    except NotImplementedError as exc:
        print(f"Part of this task's code is not written yet ({exc}); `nox` shows which "
              "exercise to finish.")
        return 1
    except BrokenPipeError:
        raise  # `train | head`: the reader left (kata.manifest.run_command says nothing)
    except Exception as exc:  # learner code: one sentence, not a traceback
        own = {str(path) for path in (ROOT / "exercises").glob("ex*.py")}
        where = learner_line(exc.__traceback__, own)
        print(f"Your code raised {type(exc).__name__}: {exc}"
              f"{f' ({where})' if where else ''}; `nox -s grade` helps find out why.")
        return 1
    for line in summary(args.task, result):
        print(line)
    try:
        import matplotlib  # noqa: F401 - only to learn whether it is there
    except ImportError:
        print(f"For a picture, run `nox -s train -- {args.again} --plot` (it installs "
              "matplotlib once).")
        return 0
    out = free_path(wanted)
    try:
        save_picture(args.task, result, out)
    except OSError as exc:
        raise KataError(f"Could not save the picture to {out}: "
                        f"{exc.strerror or exc}.") from None
    note = f" ({wanted.name} was already there, so it is kept)" if out != wanted else ""
    print(f"Saved the picture to {display_path(out)}{note}.")
    return 0


if __name__ == "__main__":
    for _name in ("stdout", "stderr"):  # `train >&-`: what is printed goes nowhere
        if getattr(sys, _name) is None:
            setattr(sys, _name, open(os.devnull, "w"))  # noqa: SIM115 - for the whole run
    become_subreaper()  # so that a process the learner's code started is ours to end
    try:
        status = run_command("train", lambda: main(sys.argv[1:]))
    except KeyboardInterrupt as stop:  # Ctrl-C: how far it got, never a traceback
        print(stop if isinstance(stop, Interrupted) else "\nStopped (Ctrl-C).", flush=True)
        status = 130
    except SystemExit as stop:  # SIGTERM or SIGHUP (run_command): end as below all the same
        status = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    end_children()
    os._exit(status)  # a thread the learner's code left running does not hold the shell
