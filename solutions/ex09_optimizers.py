"""Exercise 09 - optimizers: turning gradients into better weights.

After a backward pass every layer holds dweights and dbiases: the direction in which the
loss grows fastest. An optimizer moves each parameter a little the other way. It reads
only four names of a layer - weights, biases, dweights, dbiases - and keeps whatever
else it needs (momentum, caches) itself, separately for every layer.

One training step calls, in this order:
    optimizer.pre_update_params()          set this step's current_learning_rate
    optimizer.update_params(layer)         once for every layer with parameters
    optimizer.post_update_params()         iterations += 1

Learning-rate decay (every optimizer here): smaller steps as training settles,

    current_learning_rate = learning_rate / (1 + decay * iterations)

iterations counts the steps already taken, so the first step (iterations = 0) uses the
full learning_rate, and decay starts to act from the second step on.

The four update rules, for a parameter p with gradient g (biases alike), lr the current
learning rate:

    SGD       u = momentum * u_previous - lr * g;   p += u      (u starts at 0)
              (momentum = 0: plain gradient descent, p -= lr * g)
    Adagrad   cache += g**2;                        p -= lr * g / (sqrt(cache) + epsilon)
    RMSprop   cache = rho * cache + (1 - rho) * g**2;   p -= lr * g / (sqrt(cache) + epsilon)
    Adam      m = beta_1 * m + (1 - beta_1) * g           (momentum: a running mean of g)
              v = beta_2 * v + (1 - beta_2) * g**2        (cache: a running mean of g**2)
              m_hat = m / (1 - beta_1 ** (iterations + 1))   bias correction: m and v start
              v_hat = v / (1 - beta_2 ** (iterations + 1))   at 0, this undoes that pull
              p -= lr * m_hat / (sqrt(v_hat) + epsilon)

epsilon sits OUTSIDE the square root: it only keeps the division away from 0.

Worked example (Adam, learning_rate 0.1, one weight w = 1.0, gradient 0.5):
    m = 0.1 * 0.5 = 0.05,   m_hat = 0.05 / (1 - 0.9) = 0.5
    v = 0.001 * 0.25 = 0.00025,   v_hat = 0.00025 / (1 - 0.999) = 0.25
    w = 1.0 - 0.1 * 0.5 / (sqrt(0.25) + 1e-7) = 0.90000002
"""

from types import SimpleNamespace

import numpy as np


class Optimizer:
    """What every optimizer here shares: the learning rate, its decay and the step count.

    learning_rate:          the step size before any decay
    decay:                  0 for none; else current_learning_rate shrinks as 1/(1 + decay * t)
    current_learning_rate:  the rate of the step being taken (learning_rate at first)
    iterations:             how many steps have been completed (0 at first)
    """

    def __init__(self, learning_rate: float, decay: float = 0.0) -> None:
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self._states: dict[int, tuple[object, SimpleNamespace]] = {}

    def layer_state(self, layer: object) -> SimpleNamespace:
        """This layer's own momentums and caches, all zeros the first time it is asked for.

        returns: an object with weight_momentums, weight_cache (shaped like layer.weights)
                 and bias_momentums, bias_cache (shaped like layer.biases). Replace or
                 update them; they stay this layer's. Two layers never share state: it is
                 kept in a dict keyed by the layer's identity, id(layer).

        >>> class Layer: weights, biases = np.ones((2, 1)), np.ones((1, 1))
        >>> Optimizer(0.1).layer_state(Layer()).weight_cache
        array([[0.],
               [0.]])
        """
        key = id(layer)  # identity works for any layer object, hashable or not
        if key not in self._states:
            state = SimpleNamespace(
                weight_momentums=np.zeros_like(layer.weights),
                weight_cache=np.zeros_like(layer.weights),
                bias_momentums=np.zeros_like(layer.biases),
                bias_cache=np.zeros_like(layer.biases))
            # Holding on to the layer keeps it alive, so its id cannot pass to a new one.
            self._states[key] = (layer, state)
        return self._states[key][1]

    def pre_update_params(self) -> None:
        """Set current_learning_rate = learning_rate / (1 + decay * iterations).

        Called once per step, before any update_params.

        >>> sgd = SGD(learning_rate=1.0, decay=0.5)
        >>> sgd.pre_update_params(); sgd.current_learning_rate      # iterations 0
        1.0
        >>> sgd.iterations = 2; sgd.pre_update_params(); sgd.current_learning_rate
        0.5
        """
        ### BEGIN SOLUTION
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1.0 + self.decay * self.iterations)
        ### END SOLUTION

    def post_update_params(self) -> None:
        """Count the step just taken: iterations += 1. Called once per step, after updates.

        >>> sgd = SGD(); sgd.post_update_params(); sgd.iterations
        1
        """
        ### BEGIN SOLUTION
        self.iterations += 1
        ### END SOLUTION

    def update_params(self, layer: object) -> None:
        """Change layer.weights and layer.biases by one step (each optimizer its own way)."""
        raise NotImplementedError(f"{type(self).__name__} does not define update_params")


class SGD(Optimizer):
    """Stochastic gradient descent, with optional learning-rate decay and momentum."""

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0,
                 momentum: float = 0.0) -> None:
        super().__init__(learning_rate, decay)
        self.momentum = momentum

    def update_params(self, layer: object) -> None:
        """One SGD step for `layer`'s weights and biases.

        Without momentum:  p -= current_learning_rate * g
        With momentum:     u = momentum * u_previous - current_learning_rate * g;  p += u
                           u is this layer's own, starting at zeros:
                           self.layer_state(layer).weight_momentums and .bias_momentums

        layer: has weights, biases, dweights, dbiases (nothing else is read); the
               gradients are not changed.

        >>> class Layer: pass
        >>> layer = Layer()
        >>> layer.weights, layer.biases = np.array([[1.0]]), np.array([[0.0]])
        >>> layer.dweights, layer.dbiases = np.array([[0.5]]), np.array([[-1.0]])
        >>> sgd = SGD(learning_rate=0.1, momentum=0.9)
        >>> for _ in range(2):                  # u1 = -0.05, u2 = 0.9 * -0.05 - 0.05
        ...     sgd.pre_update_params(); sgd.update_params(layer); sgd.post_update_params()
        >>> layer.weights.round(6), layer.biases.round(6)      # 1 - .05 - .095;  .1 + .19
        (array([[0.855]]), array([[0.29]]))
        """
        ### BEGIN SOLUTION
        lr = self.current_learning_rate
        if self.momentum:
            s = self.layer_state(layer)
            # The new update remembers the previous one: steps build up along steady slopes.
            s.weight_momentums = self.momentum * s.weight_momentums - lr * layer.dweights
            s.bias_momentums = self.momentum * s.bias_momentums - lr * layer.dbiases
            layer.weights += s.weight_momentums
            layer.biases += s.bias_momentums
        else:
            layer.weights -= lr * layer.dweights
            layer.biases -= lr * layer.dbiases
        ### END SOLUTION


class Adagrad(Optimizer):
    """Adagrad: each parameter's step shrinks with the sum of its own squared gradients."""

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0,
                 epsilon: float = 1e-7) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon

    def update_params(self, layer: object) -> None:
        """cache += g**2;  p -= current_learning_rate * g / (sqrt(cache) + epsilon).

        The cache is this layer's own (self.layer_state(layer).weight_cache and
        .bias_cache), zeros at first.

        >>> class Layer: pass
        >>> layer = Layer()
        >>> layer.weights, layer.biases = np.array([[1.0]]), np.array([[0.0]])
        >>> layer.dweights, layer.dbiases = np.array([[2.0]]), np.array([[0.0]])
        >>> adagrad = Adagrad(learning_rate=0.1, epsilon=0.5)
        >>> adagrad.pre_update_params(); adagrad.update_params(layer)
        >>> layer.weights.round(6)              # 1 - 0.1 * 2 / (sqrt(4) + 0.5)
        array([[0.92]])
        """
        ### BEGIN SOLUTION
        s = self.layer_state(layer)
        s.weight_cache = s.weight_cache + layer.dweights ** 2
        s.bias_cache = s.bias_cache + layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)
        ### END SOLUTION


class RMSprop(Optimizer):
    """RMSprop: like Adagrad, with a running mean of squared gradients instead of a sum."""

    def __init__(self, learning_rate: float = 0.001, decay: float = 0.0,
                 epsilon: float = 1e-7, rho: float = 0.9) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.rho = rho

    def update_params(self, layer: object) -> None:
        """cache = rho * cache + (1 - rho) * g**2;  p -= lr * g / (sqrt(cache) + epsilon).

        >>> class Layer: pass
        >>> layer = Layer()
        >>> layer.weights, layer.biases = np.array([[1.0]]), np.array([[0.0]])
        >>> layer.dweights, layer.dbiases = np.array([[0.5]]), np.array([[0.0]])
        >>> rms = RMSprop(learning_rate=0.1)
        >>> rms.pre_update_params(); rms.update_params(layer)
        >>> layer.weights.round(6)              # cache 0.025: 1 - 0.1 * 0.5 / 0.158114
        array([[0.683772]])
        """
        ### BEGIN SOLUTION
        s, rho = self.layer_state(layer), self.rho
        s.weight_cache = rho * s.weight_cache + (1 - rho) * layer.dweights ** 2
        s.bias_cache = rho * s.bias_cache + (1 - rho) * layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)
        ### END SOLUTION


class Adam(Optimizer):
    """Adam: momentum plus RMSprop's cache, both bias-corrected."""

    def __init__(self, learning_rate: float = 0.001, decay: float = 0.0,
                 epsilon: float = 1e-7, beta_1: float = 0.9, beta_2: float = 0.999) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def update_params(self, layer: object) -> None:
        """One Adam step for `layer`; the bias correction uses step count iterations + 1.

            m = beta_1 m + (1 - beta_1) g          m_hat = m / (1 - beta_1 ** (iterations + 1))
            v = beta_2 v + (1 - beta_2) g**2       v_hat = v / (1 - beta_2 ** (iterations + 1))
            p -= current_learning_rate * m_hat / (sqrt(v_hat) + epsilon)

        >>> class Layer: pass
        >>> layer = Layer()
        >>> layer.weights, layer.biases = np.array([[1.0]]), np.array([[0.0]])
        >>> layer.dweights, layer.dbiases = np.array([[0.5]]), np.array([[0.0]])
        >>> adam = Adam(learning_rate=0.1)
        >>> adam.pre_update_params(); adam.update_params(layer)
        >>> layer.weights.round(6)              # m_hat 0.5, v_hat 0.25: 1 - 0.1 * 0.5 / 0.5
        array([[0.9]])
        """
        ### BEGIN SOLUTION
        s = self.layer_state(layer)
        b1, b2 = self.beta_1, self.beta_2
        s.weight_momentums = b1 * s.weight_momentums + (1 - b1) * layer.dweights
        s.bias_momentums = b1 * s.bias_momentums + (1 - b1) * layer.dbiases
        s.weight_cache = b2 * s.weight_cache + (1 - b2) * layer.dweights ** 2
        s.bias_cache = b2 * s.bias_cache + (1 - b2) * layer.dbiases ** 2
        # m and v start at 0, which pulls the first steps' means towards 0; dividing by
        # 1 - beta ** step (step 1 for the first update) undoes exactly that pull.
        step = self.iterations + 1
        m_correction, v_correction = 1 - b1 ** step, 1 - b2 ** step
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= (lr * (s.weight_momentums / m_correction)
                          / (np.sqrt(s.weight_cache / v_correction) + eps))
        layer.biases -= (lr * (s.bias_momentums / m_correction)
                         / (np.sqrt(s.bias_cache / v_correction) + eps))
        ### END SOLUTION
