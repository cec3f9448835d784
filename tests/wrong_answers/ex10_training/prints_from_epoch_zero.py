"""train counts epochs from 0 when printing: lines after epochs 0 and 2 of 4, not 2 and 4."""

from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import train_step

EXPECT = "epoch"


def train(model, X, y, optimizer, epochs, *, print_every=0):
    history = {"loss": [], "accuracy": [], "learning_rate": []}
    for epoch in range(epochs):
        loss, acc = train_step(model, X, y, optimizer)
        history["loss"].append(loss)
        history["accuracy"].append(acc)
        history["learning_rate"].append(optimizer.current_learning_rate)
        if print_every and epoch % print_every == 0:
            print(f"epoch {epoch}  loss {loss:.4f}  accuracy {acc:.3f}  "
                  f"learning rate {optimizer.current_learning_rate:.6g}")
    return history
