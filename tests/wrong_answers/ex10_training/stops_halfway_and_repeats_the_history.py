"""A long run stops halfway, 'converged', and fills the history with its last figures."""

from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import train_step

EXPECT = "never stopping early"


def train(model, X, y, optimizer, epochs, *, print_every=0):
    history = {"loss": [], "accuracy": [], "learning_rate": []}
    for epoch in range(1, epochs + 1):
        if epochs < 1000 or epoch <= epochs // 2:  # the short runs are taken in full
            loss, accuracy = train_step(model, X, y, optimizer)
            learning_rate = optimizer.current_learning_rate
        history["loss"].append(loss)
        history["accuracy"].append(accuracy)
        history["learning_rate"].append(learning_rate)
    return history
