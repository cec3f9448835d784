"""The history gets an extra first entry (epochs 0..N): one more than there were epochs."""

from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import train_step

EXPECT = "one entry per epoch"


def train(model, X, y, optimizer, epochs, *, print_every=0):
    history = {"loss": [], "accuracy": [], "learning_rate": []}
    for epoch in range(epochs + 1):
        loss, acc = train_step(model, X, y, optimizer)
        history["loss"].append(loss)
        history["accuracy"].append(acc)
        history["learning_rate"].append(optimizer.current_learning_rate)
        if print_every and epoch % print_every == 0:
            print(f"epoch {epoch}  loss {loss:.4f}  accuracy {acc:.3f}  "
                  f"learning rate {optimizer.current_learning_rate:.6g}")
    return history
