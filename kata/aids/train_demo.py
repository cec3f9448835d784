"""`nox -s train`: run your own network (exercise 10) on the spiral and watch it learn.

    nox -s train                          your exercises/ex10_training.py, 10,000 epochs
    nox -s train -- --epochs 2000 --seed 3
    nox -s train -- --tree solutions      the reference, for comparison
    nox -s train -- --out pictures/run.png

It trains SpiralClassifier with Adam(learning_rate=0.05, decay=5e-7) on spiral_data(100, 3),
prints progress ten times, and reports the training accuracy and the accuracy on a fresh
draw of the same spirals. With matplotlib installed it also saves a picture: the
decision regions over the data, and the loss and accuracy curves.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from kata.datasets import spiral_data
from kata.learner.loader import ExerciseBroken, display_path, learner_line, load_exercise
from kata.manifest import ROOT

MODULE = "ex10_training"
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nox -s train --", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=10_000, help="training epochs (10000)")
    parser.add_argument("--seed", type=int, default=10,
                        help="seed of the data and the initial weights (10, as in the specs)")
    parser.add_argument("--tree", choices=("exercises", "solutions"), default="exercises",
                        help="whose ex10_training.py to run (exercises: yours)")
    parser.add_argument("--out", default="spiral.png",
                        help="where to save the picture (spiral.png in the current folder)")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")
    return args


def train_learner(module: ModuleType, path: Path, args: argparse.Namespace) -> Any:
    """(model, history) from the module's own classes, or a one-sentence reason it failed."""
    X, y = spiral_data(100, 3, rng=args.seed)
    # One epoch on three points first: an unfinished stub stops here, before any output.
    module.train(module.SpiralClassifier(rng=np.random.default_rng(0)), X[:3], y[:3],
                 module.SGD(), 1)
    model = module.SpiralClassifier(rng=np.random.default_rng(args.seed))
    optimizer = module.Adam(learning_rate=0.05, decay=5e-7)
    print(f"Training {display_path(path)} on spiral_data(100, 3, rng={args.seed}) for "
          f"{args.epochs} epochs with Adam(learning_rate=0.05, decay=5e-7):")
    history = module.train(model, X, y, optimizer, args.epochs,
                           print_every=max(1, args.epochs // 10))
    return model, history, X, y


def save_picture(model: Any, history: dict, X: np.ndarray, y: np.ndarray, out: Path,
                 accuracy: float) -> None:
    """Decision regions over the data (left); loss and accuracy per epoch (right)."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, works over ssh and in CI
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    n_classes = int(y.max()) + 1
    colours = COLOURS[:n_classes]
    fig, (regions, curves) = plt.subplots(1, 2, figsize=(12, 5.2))
    grid = np.linspace(-1.15, 1.15, 400)
    gx, gy = np.meshgrid(grid, grid)
    classes = np.asarray(model.predict(np.c_[gx.ravel(), gy.ravel()])).reshape(gx.shape)
    regions.contourf(gx, gy, classes, levels=np.arange(n_classes + 1) - 0.5,
                     cmap=ListedColormap(colours), alpha=0.3)
    for c in range(n_classes):
        regions.scatter(*X[y == c].T, s=16, color=colours[c], edgecolors="black",
                        linewidths=0.4, label=f"class {c}")
    regions.set(title=f"Decision regions after {len(history['loss'])} epochs "
                      f"(training accuracy {accuracy:.1%})",
                xlim=(-1.15, 1.15), ylim=(-1.15, 1.15), aspect="equal")
    regions.legend(loc="upper right", fontsize="small")

    epochs = np.arange(1, len(history["loss"]) + 1)
    curves.plot(epochs, history["loss"], color="black", label="loss")
    curves.set(title="Training", xlabel="epoch", ylabel="loss (cross-entropy)", yscale="log")
    right = curves.twinx()
    right.plot(epochs, history["accuracy"], color="#9467bd", alpha=0.8, label="accuracy")
    right.set(ylabel="accuracy", ylim=(0, 1.02))
    lines = curves.get_lines() + right.get_lines()
    curves.legend(lines, [line.get_label() for line in lines], loc="center right")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    path = ROOT / args.tree / f"{MODULE}.py"
    if args.tree == "solutions" and not path.parent.is_dir():
        print("This copy of the kata has no solutions/ (it is a hand-out): "
              "`nox -s train` runs your own exercises/ex10_training.py.")
        return 1
    try:
        module = load_exercise(path, MODULE)
        model, history, X, y = train_learner(module, path, args)
        train_accuracy = float(np.mean(np.asarray(model.predict(X)) == y))
    except ExerciseBroken as exc:
        print(exc)
        return 1
    except NotImplementedError:
        print(f"Exercise 10 is not done yet: finish train_step and train in "
              f"{display_path(path)} (`nox -s grade -- 10` shows what is missing), "
              f"then run `nox -s train` again.")
        return 1
    except Exception as exc:  # learner code: one sentence, not a traceback
        where = learner_line(exc.__traceback__, {str(path.resolve())})
        print(f"{display_path(path)} raised {type(exc).__name__}: {exc}"
              f"{f' ({where})' if where else ''}; `nox -s grade -- 10` helps find out why.")
        return 1
    X_new, y_new = spiral_data(100, 3, rng=args.seed + 1000)
    new_accuracy = float(np.mean(np.asarray(model.predict(X_new)) == y_new))
    print(f"Training accuracy {train_accuracy:.1%} (loss {history['loss'][-1]:.4f}); "
          f"on a fresh draw of the spirals, never trained on: {new_accuracy:.1%} "
          f"(chance: 33.3%).")
    try:
        import matplotlib  # noqa: F401 - only to learn whether it is there
    except ImportError:
        print("For a picture of the decision regions and the loss curve, run "
              "`nox -s train -- --plot` (it installs matplotlib once).")
        return 0
    out = Path(args.out)
    save_picture(model, history, X, y, out, train_accuracy)
    print(f"Saved the decision regions and the loss curve to {out.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
