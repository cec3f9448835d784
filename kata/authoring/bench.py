"""`nox -s bench`: how fast is the reference training loop, next to the same math done
other ways?

Three runs of the same training - spiral_data(100, 3), a 2-64-3 network from the same
initial weights, Adam(learning_rate=0.05, decay=5e-7), loss and accuracy recorded every
epoch - timed in turns (reference, fused, PyTorch, reference, ...) so that a busy machine
slows all alike; the figures are medians.

  reference  solutions/ex10_training.py: train(), layer objects and all
  fused      the same math as one hand-written NumPy loop (below): no objects, no
             method calls, nothing computed that the loop does not use
  PyTorch    the same network and optimizer on the CPU, with autograd (when installed)

Targets: the reference within 1.3x the fused loop (the layers' clarity costs little),
and at most 0.6x PyTorch's time (for a network this small, NumPy beats a framework).

The digits task does the same for Part 4's Model: the reference exercise 18 network
(64-64-10, ReLU, softmax, Adam(0.01)) trained by Model.train in shuffled mini-batches of
64 - layer objects, predictions, accuracy objects, sample-weighted epoch figures - against
one hand-fused NumPy loop doing the same steps on the same batches from the same start.
Target: within 1.3x.

    nox -s bench -- training --epochs 3000 --rounds 5 --digits-epochs 30
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from types import ModuleType

import numpy as np

from kata.datasets import digits_data, spiral_data
from kata.learner.loader import load_exercise
from kata.manifest import ROOT

TARGET_FUSED = 1.3  # reference time / fused time, at most
TARGET_TORCH = 0.6  # reference time / PyTorch time, at most
LR, DECAY, BETA_1, BETA_2, EPSILON = 0.05, 5e-7, 0.9, 0.999, 1e-7
N_HIDDEN = 64


def initial_weights(seed: int) -> list[np.ndarray]:
    """W1, b1, W2, b2 exactly as SpiralClassifier(rng=default_rng(seed)) draws them."""
    rng = np.random.default_rng(seed)
    W1 = 0.01 * rng.standard_normal((2, N_HIDDEN))
    W2 = 0.01 * rng.standard_normal((N_HIDDEN, 3))
    return [W1, np.zeros((1, N_HIDDEN)), W2, np.zeros((1, 3))]


@functools.cache
def reference(module: str) -> ModuleType:
    """solutions/<module>.py (and through it the exercises it builds on), imported once: the
    import is not what is timed."""
    return load_exercise(ROOT / "solutions" / f"{module}.py", module)


def reference_run(X: np.ndarray, y: np.ndarray, seed: int, epochs: int) -> float:
    """The reference solution's train(); returns the last epoch's loss."""
    ex10 = reference("ex10_training")
    model = ex10.SpiralClassifier(rng=np.random.default_rng(seed))
    history = ex10.train(model, X, y, ex10.Adam(learning_rate=LR, decay=DECAY), epochs)
    return history["loss"][-1]


def fused_step(params: list[np.ndarray], moments: list[np.ndarray], caches: list[np.ndarray],
               X: np.ndarray, y: np.ndarray, lr: float, t: int) -> tuple[float, float]:
    """One forward pass, backward pass and Adam step (the t-th, from 0) of the ReLU-softmax
    network `params` = [W1, b1, W2, b2] on the batch (X, y), in place: (loss, accuracy)."""
    W1, b1, W2, b2 = params
    rows = np.arange(len(X))
    hidden_in = X @ W1 + b1
    hidden = np.maximum(hidden_in, 0.0)
    logits = hidden @ W2 + b2
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = exp / exp.sum(axis=1, keepdims=True)
    loss = float(-np.log(np.clip(probs[rows, y], 1e-7, 1 - 1e-7)).mean())
    accuracy = float((probs.argmax(axis=1) == y).mean())  # the reference records it too
    dlogits = probs
    dlogits[rows, y] -= 1.0
    dlogits /= len(X)
    dhidden = dlogits @ W2.T
    dhidden[hidden_in <= 0] = 0.0
    grads = (X.T @ dhidden, dhidden.sum(axis=0, keepdims=True),
             hidden.T @ dlogits, dlogits.sum(axis=0, keepdims=True))
    m_correction, v_correction = 1 - BETA_1 ** (t + 1), 1 - BETA_2 ** (t + 1)
    for p, g, m, v in zip(params, grads, moments, caches):
        m *= BETA_1
        m += (1 - BETA_1) * g
        v *= BETA_2
        v += (1 - BETA_2) * g * g
        p -= lr * (m / m_correction) / (np.sqrt(v / v_correction) + EPSILON)
    return loss, accuracy


def fused_run(X: np.ndarray, y: np.ndarray, seed: int, epochs: int) -> float:
    """The same training as one loop of NumPy expressions; returns the last epoch's loss."""
    params = initial_weights(seed)
    moments = [np.zeros_like(p) for p in params]
    caches = [np.zeros_like(p) for p in params]
    losses, accuracies = [], []
    for t in range(epochs):
        loss, accuracy = fused_step(params, moments, caches, X, y, LR / (1.0 + DECAY * t), t)
        losses.append(loss)
        accuracies.append(accuracy)
    return losses[-1]


DIGITS_LR, DIGITS_BATCH = 0.01, 64


def digits_reference_run(X: np.ndarray, y: np.ndarray, seed: int, epochs: int) -> float:
    """The reference build_model, trained by Model.train; returns the last epoch's loss."""
    ex18 = reference("ex18_digits")
    model = ex18.build_model(rng=np.random.default_rng(seed))
    history = model.train(X, y, epochs=epochs, batch_size=DIGITS_BATCH,
                          rng=np.random.default_rng(seed))
    return history["loss"][-1]


def digits_fused_run(X: np.ndarray, y: np.ndarray, seed: int, epochs: int) -> float:
    """The same mini-batch training as one NumPy loop; returns the last epoch's loss."""
    rng = np.random.default_rng(seed)  # drawn in build_model's order: W1, then W2
    W1 = 0.01 * rng.standard_normal((64, 64))
    W2 = 0.01 * rng.standard_normal((64, 10))
    params = [W1, np.zeros((1, 64)), W2, np.zeros((1, 10))]
    moments = [np.zeros_like(p) for p in params]
    caches = [np.zeros_like(p) for p in params]
    shuffle = np.random.default_rng(seed)
    n, t = len(X), 0
    losses, accuracies = [], []
    for _ in range(epochs):
        order = shuffle.permutation(n)
        loss_sum = accuracy_sum = 0.0
        for start in range(0, n, DIGITS_BATCH):
            rows = order[start:start + DIGITS_BATCH]
            loss, accuracy = fused_step(params, moments, caches, X[rows], y[rows], DIGITS_LR, t)
            loss_sum += loss * len(rows)  # the epoch's figures weigh each batch by its size
            accuracy_sum += accuracy * len(rows)
            t += 1
        losses.append(loss_sum / n)
        accuracies.append(accuracy_sum / n)
    return losses[-1]


def torch_run_factory() -> Callable[[np.ndarray, np.ndarray, int, int], float] | None:
    """A PyTorch CPU run of the same training, or None when torch does not import."""
    try:
        import torch
    except ImportError:
        return None

    def torch_run(X: np.ndarray, y: np.ndarray, seed: int, epochs: int) -> float:
        W1, b1, W2, b2 = initial_weights(seed)
        model = torch.nn.Sequential(torch.nn.Linear(2, N_HIDDEN), torch.nn.ReLU(),
                                    torch.nn.Linear(N_HIDDEN, 3)).double()
        with torch.no_grad():  # the same start as the NumPy runs (Linear keeps W.T)
            model[0].weight.copy_(torch.from_numpy(W1.T))
            model[0].bias.copy_(torch.from_numpy(b1.ravel()))
            model[2].weight.copy_(torch.from_numpy(W2.T))
            model[2].bias.copy_(torch.from_numpy(b2.ravel()))
        inputs, labels = torch.from_numpy(X), torch.from_numpy(y)
        optimizer = torch.optim.Adam(model.parameters(), lr=LR, betas=(BETA_1, BETA_2),
                                     eps=EPSILON)
        loss_fn = torch.nn.CrossEntropyLoss()
        losses, accuracies = [], []
        for t in range(epochs):
            for group in optimizer.param_groups:
                group["lr"] = LR / (1.0 + DECAY * t)
            logits = model(inputs)
            loss = loss_fn(logits, labels)
            losses.append(loss.item())
            accuracies.append((logits.argmax(dim=1) == labels).double().mean().item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return losses[-1]

    return torch_run


Run = Callable[[np.ndarray, np.ndarray, int, int], float]


def compare(title: str, runs: dict[str, Run], X: np.ndarray, y: np.ndarray, seed: int,
            epochs: int, rounds: int, targets: dict[str, float]) -> bool:
    """Time `runs` in interleaved rounds; print medians and reference/other ratios.

    targets: the largest allowed reference / run ratio, per run name. True when met.
    """
    final_losses = {name: run(X, y, seed, 3) for name, run in runs.items()}  # warm-up
    spread = max(final_losses.values()) - min(final_losses.values())
    if spread > 1e-9:
        print(f"Warning: the runs disagree after 3 epochs (losses {final_losses}); "
              "they are not doing the same math.")
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run(X, y, seed, epochs)
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{title}, {epochs} epochs, median of {rounds} interleaved rounds:")
    for name, seconds in medians.items():
        print(f"  {name:<12} {seconds:6.3f} s   {1e6 * seconds / epochs:8.1f} us/epoch")
    ok = True
    for name, target in targets.items():
        ratio = medians["reference"] / medians[name]
        ok &= ratio <= target
        print(f"  reference / {name:<12} {ratio:5.2f}x   (target <= {target}x)")
    print(f"  {'within' if ok else 'OUTSIDE'} the targets")
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="nox -s bench -- training",
                                     description="Time the reference training loops.")
    parser.add_argument("--epochs", type=int, default=3000, help="spiral epochs per run (3000)")
    parser.add_argument("--digits-epochs", type=int, default=30,
                        help="digits epochs per run (30; 23 mini-batches each)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    parser.add_argument("--seed", type=int, default=10, help="data and weights seed (10)")
    args = parser.parse_args(argv)
    X, y = spiral_data(100, 3, rng=args.seed)
    runs: dict[str, Run] = {"reference": reference_run, "fused NumPy": fused_run}
    targets = {"fused NumPy": TARGET_FUSED}
    torch_run = torch_run_factory()
    if torch_run is None:
        print("PyTorch is not installed here, so it is left out (pip install torch to add it).")
    else:
        import torch

        runs["PyTorch CPU"] = torch_run
        targets["PyTorch CPU"] = TARGET_TORCH
        print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), float64.")
    compare(f"Training speed: spiral 100 x 3, 2-{N_HIDDEN}-3, Adam", runs, X, y, args.seed,
            args.epochs, args.rounds, targets)
    (images, labels), _ = digits_data()
    X_digits = (images.reshape(len(images), 64) - 8.0) / 8.0
    print()
    compare(f"Digits: {len(X_digits)} images, 64-64-10, Adam({DIGITS_LR}), batches of "
            f"{DIGITS_BATCH}, Model.train", {"reference": digits_reference_run,
                                             "fused NumPy": digits_fused_run},
            X_digits, labels, args.seed, args.digits_epochs, args.rounds,
            {"fused NumPy": TARGET_FUSED})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
