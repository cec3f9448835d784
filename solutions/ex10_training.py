"""Exercise 10 - training: a network that learns the spiral.

Everything is here already, written and marked as given: the dense layer, ReLU,
softmax, the loss and their backward passes (exercises 04-08), the optimizers (09),
accuracy, and a model, SpiralClassifier, wiring them into a 2-64-3 network:

    X (n, 2) -> dense1 (2 -> 64) -> ReLU -> dense2 (64 -> 3) -> softmax + cross-entropy

What is left is the loop that makes it learn. One training step (train_step):
    1. forward:   dense1, activation1, dense2, then loss_activation with the labels,
                  which returns the mean loss and keeps the probabilities as .output
    2. measure:   accuracy of those probabilities, before anything changes
    3. backward:  from the loss back to dense1, each layer's dinputs being the dvalues
                  of the layer before it:
                  loss_activation -> dense2 -> activation1 -> dense1
    4. update:    optimizer.pre_update_params(), update_params(layer) for every layer
                  in model.layers, optimizer.post_update_params()

train repeats that for a number of epochs (one epoch = one step over the whole data
set here) and keeps a history: per epoch the loss and accuracy measured in its forward
pass (before its update), and the learning rate its update used.

What to expect: the untrained network predicts about 1/3 per class, loss log 3 = 1.0986,
accuracy about 1/3. With Adam(learning_rate=0.05, decay=5e-7) the spiral's three arms
(100 points each) reach over 90% training accuracy within 10,000 epochs.

Run it yourself and see the picture: `nox -s train`.
"""

from types import SimpleNamespace

import numpy as np

# ---------------------------------------------------------------- given: exercises 04-08


class Dense:
    """A fully connected layer: output = inputs @ weights + biases (given: 04 and 08)."""

    def __init__(self, n_inputs: int, n_neurons: int, *,
                 rng: np.random.Generator | None = None) -> None:
        if rng is None:
            rng = np.random.default_rng()
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = dvalues @ self.weights.T
        return self.dinputs


class ReLU:
    """max(0, inputs), elementwise (given: 05 and 08)."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs)
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        self.dinputs = np.where(self.inputs > 0, dvalues, 0.0)
        return self.dinputs


class Softmax:
    """Softmax over each row, shifted by the row maximum (given: 06)."""

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        return self.output


class CategoricalCrossEntropy:
    """Mean -log(confidence in the true class), clipped to [1e-7, 1 - 1e-7] (given: 07)."""

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            confidences = clipped[np.arange(len(clipped)), y_true]
        else:
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output

    def calculate(self, y_pred: np.ndarray, y_true: np.ndarray) -> float:
        return float(np.mean(self.forward(y_pred, y_true)))


class SoftmaxCrossEntropy:
    """Softmax and cross-entropy in one, backward = (s - y_onehot) / n (given: 08)."""

    def __init__(self) -> None:
        self.activation = Softmax()
        self.loss = CategoricalCrossEntropy()

    def forward(self, inputs: np.ndarray, y_true: np.ndarray) -> float:
        self.output = self.activation.forward(inputs)
        return self.loss.calculate(self.output, y_true)

    def backward(self, dvalues: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        n_samples = len(dvalues)
        y_true = np.asarray(y_true)
        if y_true.ndim == 2:
            y_true = np.argmax(y_true, axis=1)
        self.dinputs = dvalues.copy()
        self.dinputs[np.arange(n_samples), y_true] -= 1
        self.dinputs /= n_samples
        return self.dinputs


def accuracy(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """The fraction of rows whose argmax is the true class (given: 07)."""
    predictions = np.argmax(y_pred, axis=1)
    y_true = np.asarray(y_true)
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    return float(np.mean(predictions == y_true))


# ---------------------------------------------------------------- given: exercise 09


class Optimizer:
    """Learning rate, decay lr / (1 + decay * iterations), step count (given: 09)."""

    def __init__(self, learning_rate: float, decay: float = 0.0) -> None:
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self._states: dict[int, tuple[object, SimpleNamespace]] = {}

    def layer_state(self, layer: object) -> SimpleNamespace:
        key = id(layer)
        if key not in self._states:
            state = SimpleNamespace(
                weight_momentums=np.zeros_like(layer.weights),
                weight_cache=np.zeros_like(layer.weights),
                bias_momentums=np.zeros_like(layer.biases),
                bias_cache=np.zeros_like(layer.biases))
            self._states[key] = (layer, state)
        return self._states[key][1]

    def pre_update_params(self) -> None:
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1.0 + self.decay * self.iterations)

    def post_update_params(self) -> None:
        self.iterations += 1

    def update_params(self, layer: object) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not define update_params")


class SGD(Optimizer):
    """p += u, u = momentum * u_previous - lr * g (given: 09)."""

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0,
                 momentum: float = 0.0) -> None:
        super().__init__(learning_rate, decay)
        self.momentum = momentum

    def update_params(self, layer: object) -> None:
        lr = self.current_learning_rate
        if self.momentum:
            s = self.layer_state(layer)
            s.weight_momentums = self.momentum * s.weight_momentums - lr * layer.dweights
            s.bias_momentums = self.momentum * s.bias_momentums - lr * layer.dbiases
            layer.weights += s.weight_momentums
            layer.biases += s.bias_momentums
        else:
            layer.weights -= lr * layer.dweights
            layer.biases -= lr * layer.dbiases


class Adagrad(Optimizer):
    """cache += g**2; p -= lr * g / (sqrt(cache) + epsilon) (given: 09)."""

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0,
                 epsilon: float = 1e-7) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon

    def update_params(self, layer: object) -> None:
        s = self.layer_state(layer)
        s.weight_cache = s.weight_cache + layer.dweights ** 2
        s.bias_cache = s.bias_cache + layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)


class RMSprop(Optimizer):
    """cache = rho cache + (1 - rho) g**2; p -= lr * g / (sqrt(cache) + eps) (given: 09)."""

    def __init__(self, learning_rate: float = 0.001, decay: float = 0.0,
                 epsilon: float = 1e-7, rho: float = 0.9) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.rho = rho

    def update_params(self, layer: object) -> None:
        s, rho = self.layer_state(layer), self.rho
        s.weight_cache = rho * s.weight_cache + (1 - rho) * layer.dweights ** 2
        s.bias_cache = rho * s.bias_cache + (1 - rho) * layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)


class Adam(Optimizer):
    """Bias-corrected momentum and cache, step count iterations + 1 (given: 09)."""

    def __init__(self, learning_rate: float = 0.001, decay: float = 0.0,
                 epsilon: float = 1e-7, beta_1: float = 0.9, beta_2: float = 0.999) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def update_params(self, layer: object) -> None:
        s = self.layer_state(layer)
        b1, b2 = self.beta_1, self.beta_2
        s.weight_momentums = b1 * s.weight_momentums + (1 - b1) * layer.dweights
        s.bias_momentums = b1 * s.bias_momentums + (1 - b1) * layer.dbiases
        s.weight_cache = b2 * s.weight_cache + (1 - b2) * layer.dweights ** 2
        s.bias_cache = b2 * s.bias_cache + (1 - b2) * layer.dbiases ** 2
        step = self.iterations + 1
        m_correction, v_correction = 1 - b1 ** step, 1 - b2 ** step
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= (lr * (s.weight_momentums / m_correction)
                          / (np.sqrt(s.weight_cache / v_correction) + eps))
        layer.biases -= (lr * (s.bias_momentums / m_correction)
                         / (np.sqrt(s.bias_cache / v_correction) + eps))


# ---------------------------------------------------------------- given: the model


class SpiralClassifier:
    """A 2-64-3 classifier: dense1 -> ReLU -> dense2 -> softmax + cross-entropy.

    layers: the layers with parameters, [dense1, dense2], for the optimizer.

    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> model.dense1.weights.shape, model.dense2.weights.shape
    ((2, 64), (64, 3))
    """

    def __init__(self, n_inputs: int = 2, n_hidden: int = 64, n_classes: int = 3, *,
                 rng: np.random.Generator | None = None) -> None:
        if rng is None:
            rng = np.random.default_rng()
        self.dense1 = Dense(n_inputs, n_hidden, rng=rng)
        self.activation1 = ReLU()
        self.dense2 = Dense(n_hidden, n_classes, rng=rng)
        self.loss_activation = SoftmaxCrossEntropy()
        self.layers = [self.dense1, self.dense2]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row of X, shape (n_samples,).

        Softmax keeps the order of the logits, so the argmax of dense2's output is the
        argmax of the probabilities. The model's kept outputs are not disturbed.
        """
        hidden = np.maximum(0.0, X @ self.dense1.weights + self.dense1.biases)
        logits = hidden @ self.dense2.weights + self.dense2.biases
        return np.argmax(logits, axis=1)


# ---------------------------------------------------------------- the learner writes


def train_step(model: SpiralClassifier, X: np.ndarray, y: np.ndarray,
               optimizer: Optimizer) -> tuple[float, float]:
    """One forward pass, one backward pass and one optimizer update over (X, y).

    model:     a SpiralClassifier (any model with the same four parts and .layers)
    X:         shape (n_samples, n_inputs); y: shape (n_samples,) class indices
    optimizer: any optimizer of exercise 09
    returns:   (loss, accuracy) as floats, both measured in this step's forward pass,
               before the update changes the weights.

    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [-1.0, 0.0]])
    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> loss, acc = train_step(model, X, np.array([0, 1, 2]), SGD())
    >>> round(loss, 3)                          # untrained: about log 3
    1.099
    """
    ### BEGIN SOLUTION
    model.dense1.forward(X)
    model.activation1.forward(model.dense1.output)
    model.dense2.forward(model.activation1.output)
    loss = model.loss_activation.forward(model.dense2.output, y)
    acc = accuracy(model.loss_activation.output, y)

    # Backward: each layer's dinputs is the dvalues of the layer before it.
    model.loss_activation.backward(model.loss_activation.output, y)
    model.dense2.backward(model.loss_activation.dinputs)
    model.activation1.backward(model.dense2.dinputs)
    model.dense1.backward(model.activation1.dinputs)

    optimizer.pre_update_params()
    for layer in model.layers:
        optimizer.update_params(layer)
    optimizer.post_update_params()
    return float(loss), float(acc)
    ### END SOLUTION


def train(model: SpiralClassifier, X: np.ndarray, y: np.ndarray, optimizer: Optimizer,
          epochs: int, *, print_every: int = 0) -> dict[str, list[float]]:
    """`epochs` training steps over (X, y), with a history of how they went.

    returns: {"loss": [...], "accuracy": [...], "learning_rate": [...]}, one entry per
             epoch: the loss and accuracy of that epoch's forward pass (before its
             update) and the learning rate that epoch's update used.
    print_every: 0 prints nothing; k prints one line after every k-th epoch
             (epochs counted from 1), e.g.
             epoch  100/1000  loss 1.0532  accuracy 0.423  learning rate 0.05

    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [-1.0, 0.0]])
    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> history = train(model, X, np.array([0, 1, 2]), SGD(decay=1.0), 2)
    >>> len(history["loss"]), history["learning_rate"]
    (2, [1.0, 0.5])
    """
    ### BEGIN SOLUTION
    history: dict[str, list[float]] = {"loss": [], "accuracy": [], "learning_rate": []}
    width = len(str(epochs))
    for epoch in range(1, epochs + 1):
        loss, acc = train_step(model, X, y, optimizer)
        # After the step, current_learning_rate is still the rate this step's update used.
        learning_rate = optimizer.current_learning_rate
        history["loss"].append(loss)
        history["accuracy"].append(acc)
        history["learning_rate"].append(learning_rate)
        if print_every and epoch % print_every == 0:
            print(f"epoch {epoch:>{width}}/{epochs}  loss {loss:.4f}  accuracy {acc:.3f}  "
                  f"learning rate {learning_rate:.6g}")
    return history
    ### END SOLUTION
