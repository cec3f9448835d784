"""Loss and accuracy measured by a second forward pass after the update, not before it."""

from types import FunctionType

from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import accuracy
from solutions.ex10_training import train_step as _train_step

EXPECT = "before the update"


def train_step(model, X, y, optimizer):
    _train_step(model, X, y, optimizer)
    model.dense1.forward(X)
    model.activation1.forward(model.dense1.output)
    model.dense2.forward(model.activation1.output)
    loss = model.loss_activation.forward(model.dense2.output, y)
    return loss, accuracy(model.loss_activation.output, y)


# The solution's train, run with this module's globals so that it calls the train_step above.
train = FunctionType(_solution.train.__code__, globals())
train.__kwdefaults__ = _solution.train.__kwdefaults__  # print_every=0
