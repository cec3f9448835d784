"""Only dense2 is handed to the optimizer: the hidden layer never learns."""

from types import FunctionType

from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import accuracy

EXPECT = "every layer"


def train_step(model, X, y, optimizer):
    model.dense1.forward(X)
    model.activation1.forward(model.dense1.output)
    model.dense2.forward(model.activation1.output)
    loss = model.loss_activation.forward(model.dense2.output, y)
    acc = accuracy(model.loss_activation.output, y)
    model.loss_activation.backward(model.loss_activation.output, y)
    model.dense2.backward(model.loss_activation.dinputs)
    optimizer.pre_update_params()
    optimizer.update_params(model.dense2)
    optimizer.post_update_params()
    return loss, acc


# The solution's train, run with this module's globals so that it calls the train_step above.
train = FunctionType(_solution.train.__code__, globals())
train.__kwdefaults__ = _solution.train.__kwdefaults__  # print_every=0
