"""The backward pass jumps over the ReLU: dense1.backward(dense2.dinputs)."""

from types import FunctionType

from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import accuracy

EXPECT = "activation1"


def train_step(model, X, y, optimizer):
    model.dense1.forward(X)
    model.activation1.forward(model.dense1.output)
    model.dense2.forward(model.activation1.output)
    loss = model.loss_activation.forward(model.dense2.output, y)
    acc = accuracy(model.loss_activation.output, y)
    model.loss_activation.backward(model.loss_activation.output, y)
    model.dense2.backward(model.loss_activation.dinputs)
    model.dense1.backward(model.dense2.dinputs)
    optimizer.pre_update_params()
    for layer in model.layers:
        optimizer.update_params(layer)
    optimizer.post_update_params()
    return loss, acc


# The solution's train, run with this module's globals so that it calls the train_step above.
train = FunctionType(_solution.train.__code__, globals())
train.__kwdefaults__ = _solution.train.__kwdefaults__  # print_every=0
