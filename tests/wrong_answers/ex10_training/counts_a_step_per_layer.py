"""train_step calls pre_update_params and post_update_params around every layer's update."""

from types import FunctionType

from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - everything else is right
from solutions.ex10_training import accuracy

EXPECT = "post_update_params()"


def train_step(model, X, y, optimizer):
    model.dense1.forward(X)
    model.activation1.forward(model.dense1.output)
    model.dense2.forward(model.activation1.output)
    loss = model.loss_activation.forward(model.dense2.output, y)
    acc = accuracy(model.loss_activation.output, y)
    model.loss_activation.backward(model.loss_activation.output, y)
    model.dense2.backward(model.loss_activation.dinputs)
    model.activation1.backward(model.dense2.dinputs)
    model.dense1.backward(model.activation1.dinputs)
    for layer in model.layers:
        optimizer.pre_update_params()
        optimizer.update_params(layer)
        optimizer.post_update_params()
    return float(loss), float(acc)


train = FunctionType(_solution.train.__code__, globals())
train.__kwdefaults__ = _solution.train.__kwdefaults__  # print_every=0
