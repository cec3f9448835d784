"""Specs for exercise 08: the backward passes of Dense, ReLU, Softmax, the loss, and both.

Expected gradients come from two independent places: hand-worked values (in the
comments), and central differences of a forward pass written here in the spec
(kata.gradcheck.numerical_gradient; relative error below 1e-6, float64). Layers are
turned into a scalar for the check with a fixed random upstream gradient G:
f = sum(output * G), whose gradient is what backward(G) must return.
"""

import numpy as np

from kata.gradcheck import numerical_gradient
from kata.judge.expect import expect_close, expect_gradient, returns

TOLERANCE = 1e-6  # relative error between the backward pass and the central difference


def per_sample(n):
    """What diagnose says of a gradient n times too large or too small."""
    return {n: "the number of samples: is the 1/n of the mean missing, or doubled?"}


def expect_kept(layer, returned, name):
    """`layer.dinputs` holds what backward returned (equal values; a copy is fine)."""
    expect_close(getattr(layer, "dinputs", None), returned, rtol=0, atol=0,
                 call=f"{name}.backward(dvalues) then .dinputs",
                 why="keep the result as self.dinputs as well as returning it")


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def mean_cross_entropy(p, y):
    return float(np.mean(-np.log(p[np.arange(len(p)), y])))


def dense_with(ex, weights, biases):
    layer = ex.Dense(weights.shape[0], weights.shape[1], rng=np.random.default_rng(0))
    layer.weights, layer.biases = weights.copy(), biases.copy()
    return layer


def random_dense_case(seed, n_samples, n_inputs, n_neurons):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((n_samples, n_inputs)), rng.standard_normal((n_inputs, n_neurons)),
            rng.standard_normal((1, n_neurons)), rng.standard_normal((n_samples, n_neurons)))


# ----------------------------------------------------------------------------- Dense

def test_dense_worked_example(ex):
    """X=[[1,2],[.5,-1]], W=[[3],[-1]], d=[[1],[2]]: dW=[[2],[0]], db=[[3]], dX=[[3,-1],[6,-2]]."""
    # dW = X.T @ d = [[1*1 + 0.5*2], [2*1 + (-1)*2]] = [[2], [0]]
    # db = 1 + 2 = 3;  dX = d @ W.T = [[1*3, 1*-1], [2*3, 2*-1]]
    layer = dense_with(ex, np.array([[3.0], [-1.0]]), np.zeros((1, 1)))
    layer.forward(np.array([[1.0, 2.0], [0.5, -1.0]]))
    got = layer.backward(np.array([[1.0], [2.0]]))
    call = "Dense.backward([[1], [2]]) after forward([[1, 2], [0.5, -1]]) with W=[[3], [-1]]"
    expect_close(layer.dweights, [[2.0], [0.0]], call=call + ": dweights",
                 why="dweights = inputs.T @ dvalues: each weight's gradient adds up over "
                     "the samples")
    expect_close(layer.dbiases, [[3.0]], call=call + ": dbiases",
                 why="dbiases = np.sum(dvalues, axis=0, keepdims=True): a bias is added to "
                     "every sample, so its gradient is the sum over the batch")
    expect_close(got, [[3.0, -1.0], [6.0, -2.0]], call=call + ": the returned dinputs",
                 why="dinputs = dvalues @ weights.T, returned (and kept as self.dinputs)")


def test_dense_weight_gradient_matches_central_differences(ex):
    """dweights for a seeded 5-sample, 4-in, 3-out layer against the central difference."""
    X, W, b, G = random_dense_case(1, 5, 4, 3)
    layer = dense_with(ex, W, b)
    layer.forward(X)
    layer.backward(G)
    numeric = numerical_gradient(lambda w: float(np.sum((X @ w + b) * G)), W.copy())
    expect_gradient(layer.dweights, numeric, call="dweights of a (4 in, 3 out) Dense layer",
                    why="dweights = inputs.T @ dvalues, shape (n_inputs, n_neurons) like the "
                        "weights; dvalues.T @ inputs is its transpose")


def test_square_layer_weight_gradient_is_not_transposed(ex):
    """A 3-in, 3-out layer: dweights right entry by entry, where a transpose keeps the shape."""
    X, W, b, G = random_dense_case(2, 6, 3, 3)
    layer = dense_with(ex, W, b)
    layer.forward(X)
    layer.backward(G)
    numeric = numerical_gradient(lambda w: float(np.sum((X @ w + b) * G)), W.copy())
    expect_gradient(layer.dweights, numeric, call="dweights of a (3 in, 3 out) Dense layer",
                    why="dweights[i, j] = sum over samples of inputs[k, i] * dvalues[k, j], "
                        "that is inputs.T @ dvalues; dvalues.T @ inputs is its transpose")


def test_dense_bias_gradient_matches_central_differences(ex):
    """dbiases, shape (1, n_neurons), against the central difference over a 5-sample batch."""
    X, W, b, G = random_dense_case(3, 5, 4, 3)
    layer = dense_with(ex, W, b)
    layer.forward(X)
    layer.backward(G)
    numeric = numerical_gradient(lambda bb: float(np.sum((X @ W + bb) * G)), b.copy())
    expect_gradient(layer.dbiases, numeric, call="dbiases of a (4 in, 3 out) Dense layer",
                    why="sum dvalues over the batch, np.sum(dvalues, axis=0, keepdims=True): "
                        "one number per neuron, shape (1, n_neurons) like the biases")


def test_dense_input_gradient_matches_central_differences(ex):
    """dinputs against the central difference, for a non-square and a square layer."""
    for seed, shape in ((5, (4, 3, 3)), (4, (5, 4, 3))):
        X, W, b, G = random_dense_case(seed, *shape)
        layer = dense_with(ex, W, b)
        layer.forward(X)
        got = layer.backward(G)
        numeric = numerical_gradient(lambda x, W=W, b=b, G=G: float(np.sum((x @ W + b) * G)),
                                     X.copy())
        expect_gradient(got, numeric, call=f"the dinputs Dense.backward returns, for a "
                                           f"({shape[1]} in, {shape[2]} out) layer",
                        why="dinputs = dvalues @ weights.T, shape (n_samples, n_inputs) "
                            "like the inputs")


def test_dense_keeps_dinputs_and_leaves_its_arguments_alone(ex):
    """backward keeps self.dinputs (the array it returns); dvalues and inputs stay unchanged."""
    X, W, b, G = random_dense_case(6, 4, 3, 2)
    X_before, G_before = X.copy(), G.copy()
    layer = dense_with(ex, W, b)
    layer.forward(X)
    got = layer.backward(G)
    expect_kept(layer, got, "Dense")
    expect_close(G, G_before, call="dvalues after Dense.backward(dvalues)",
                 why="do not change the gradient you were given in place")
    expect_close(X, X_before, call="the inputs after Dense.backward(dvalues)",
                 why="the inputs are the previous layer's output: do not change them in place")


# ----------------------------------------------------------------------------- ReLU

def test_relu_worked_example(ex):
    """inputs [[2, -1, 0, 0.5]], dvalues [[1, 2, 3, 4]] -> [[1, 0, 0, 4]]: at exactly 0 it stops."""
    relu = ex.ReLU()
    relu.forward(np.array([[2.0, -1.0, 0.0, 0.5]]))
    got = relu.backward(np.array([[1.0, 2.0, 3.0, 4.0]]))
    expect_close(got, [[1.0, 0.0, 0.0, 4.0]], inputs=[[2.0, -1.0, 0.0, 0.5]],
                 call="ReLU.backward([[1, 2, 3, 4]]) after forward([[2, -1, 0, 0.5]])",
                 why="the gradient passes only where the input was > 0; where it was <= 0, "
                     "at exactly 0 too, dinputs is 0 (inputs <= 0, not < 0)")


def test_relu_gradient_passes_however_small_the_positive_input(ex):
    """inputs [[1e-9, 5e-324, -5e-324]], dvalues [[1, 2, 3]] -> [[1, 2, 0]]: ReLU's slope is
    1 wherever its input is above 0, however little."""
    relu = ex.ReLU()
    relu.forward(np.array([[1e-9, 5e-324, -5e-324]]))
    got = relu.backward(np.array([[1.0, 2.0, 3.0]]))
    expect_close(got, [[1.0, 2.0, 0.0]],
                 call="ReLU.backward([[1, 2, 3]]) after forward([[1e-9, 5e-324, -5e-324]])",
                 why="the mask is inputs > 0 itself: a small threshold such as 1e-6 stops "
                     "the gradient of inputs that are positive")


def test_relu_gradient_matches_central_differences(ex):
    """A seeded 4 x 5 batch (no input within 0.05 of 0) against the central difference."""
    rng = np.random.default_rng(7)
    x = rng.uniform(0.05, 2.0, (4, 5)) * rng.choice([-1.0, 1.0], (4, 5))
    G = rng.standard_normal((4, 5))
    relu = ex.ReLU()
    relu.forward(x.copy())
    got = relu.backward(G.copy())
    numeric = numerical_gradient(lambda v: float(np.sum(np.maximum(0.0, v) * G)), x.copy())
    expect_gradient(got, numeric, call="ReLU.backward(G) for a (4, 5) batch",
                    why="pass dvalues through where the INPUT (self.inputs) was positive, "
                        "0 elsewhere; same shape as the inputs")


def test_relu_keeps_dinputs_and_leaves_dvalues_alone(ex):
    """backward keeps self.dinputs and does not write zeros into the caller's dvalues."""
    relu = ex.ReLU()
    relu.forward(np.array([[1.0, -1.0], [-2.0, 3.0]]))
    dvalues = np.array([[5.0, 6.0], [7.0, 8.0]])
    got = relu.backward(dvalues)
    expect_close(dvalues, [[5.0, 6.0], [7.0, 8.0]], call="dvalues after ReLU.backward(dvalues)",
                 why="zeroing entries in place changes the caller's array: copy first "
                     "(dvalues.copy()) or build a new one (np.where)")
    expect_kept(relu, got, "ReLU")


# ----------------------------------------------------------------------------- Softmax

def test_softmax_worked_example(ex):
    """s=[1/3]*3, d=[1,0,0] -> [2/9,-1/9,-1/9]; s=[.25,.5,.25], d=[0,1,2] -> [-.25,0,.25]."""
    # J @ d = s * (d - s.d):  row 1: s.d = 1/3, so (1/3)(1 - 1/3), (1/3)(0 - 1/3), (1/3)(0 - 1/3)
    #                         row 2: s.d = 0.5 + 0.5 = 1, so .25(0-1), .5(1-1), .25(2-1)
    sm = ex.Softmax()
    sm.forward(np.array([[0.0, 0.0, 0.0], [0.0, np.log(2.0), 0.0]]))
    got = sm.backward(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 2.0]]))
    expect_close(got, [[2 / 9, -1 / 9, -1 / 9], [-0.25, 0.0, 0.25]], rtol=1e-10, atol=1e-12,
                 call="Softmax.backward([[1, 0, 0], [0, 1, 2]]) after forward of "
                      "[[0, 0, 0], [0, ln 2, 0]]",
                 why="for each sample, J = diag(s) - s s^T (s as a column, so s s^T is the "
                     "k x k outer product), and dinputs_row = J @ dvalues_row")


def test_softmax_backward_of_integer_dvalues(ex):
    """Integer dvalues [[1, 0, 0]] after forward([[0, 0, 0]]) give [[2/9, -1/9, -1/9]], floats."""
    sm = ex.Softmax()
    sm.forward(np.array([[0.0, 0.0, 0.0]]))
    why = ("the gradient is float whatever dvalues hold: np.empty_like(dvalues) copies an "
           "integer dtype and cuts every entry to a whole number; give it dtype=float, or "
           "build the result from the float Jacobian products")
    got = returns(sm.backward, np.array([[1, 0, 0]]), why=why,
                  call="Softmax.backward(np.array([[1, 0, 0]])) after forward([[0, 0, 0]])")
    expect_close(got, [[2 / 9, -1 / 9, -1 / 9]], rtol=1e-10, atol=1e-12, why=why,
                 call="Softmax.backward(np.array([[1, 0, 0]])) (integers) after "
                      "forward([[0, 0, 0]])")


def test_softmax_gradient_matches_central_differences(ex):
    """A seeded 4-sample, 5-class batch of logits against the central difference."""
    rng = np.random.default_rng(8)
    z, G = rng.standard_normal((4, 5)), rng.standard_normal((4, 5))
    sm = ex.Softmax()
    sm.forward(z.copy())
    got = sm.backward(G.copy())
    numeric = numerical_gradient(lambda v: float(np.sum(softmax(v) * G)), z.copy())
    expect_gradient(got, numeric, call="Softmax.backward(G) for (4, 5) logits",
                    why="use the full Jacobian diag(s) - s s^T of each sample, off-diagonal "
                        "terms included (s * (1 - s) is only its diagonal), applied to that "
                        "sample's own row of dvalues")


def test_softmax_keeps_dinputs_and_leaves_dvalues_alone(ex):
    """backward keeps self.dinputs; dvalues and the kept output are unchanged."""
    sm = ex.Softmax()
    out = sm.forward(np.array([[1.0, 2.0, 3.0]])).copy()
    dvalues = np.array([[0.5, -1.0, 2.0]])
    got = sm.backward(dvalues)
    expect_close(dvalues, [[0.5, -1.0, 2.0]], call="dvalues after Softmax.backward(dvalues)",
                 why="do not change the gradient you were given in place")
    expect_close(sm.output, out, call="Softmax.output after backward",
                 why="backward reads the kept output; it must not change it")
    expect_kept(sm, got, "Softmax")


# ----------------------------------------------------------------------------- loss

def test_cross_entropy_worked_example(ex):
    """p=[[.5,.5],[.2,.8]], labels [0,1]: -1/0.5/2 = -1 and -1/0.8/2 = -0.625 at the true class."""
    got = ex.CategoricalCrossEntropy().backward(np.array([[0.5, 0.5], [0.2, 0.8]]),
                                                np.array([0, 1]))
    expect_close(got, [[-1.0, 0.0], [0.0, -0.625]], factors=per_sample(2),
                 call="CategoricalCrossEntropy().backward([[.5, .5], [.2, .8]], [0, 1])",
                 why="dinputs = -y_onehot / predictions / n: minus, only at each sample's true "
                     "class, and divided by the number of samples n = 2 (the loss is a mean)")


def test_cross_entropy_gradient_matches_central_differences(ex):
    """Seeded probabilities (6 samples, 4 classes) against central differences of the mean loss."""
    rng = np.random.default_rng(9)
    p = rng.uniform(0.05, 0.95, (6, 4))
    y = rng.integers(0, 4, 6)
    got = ex.CategoricalCrossEntropy().backward(p.copy(), y.copy())
    numeric = numerical_gradient(lambda q: mean_cross_entropy(q, y), p.copy())
    expect_gradient(got, numeric, call="CategoricalCrossEntropy().backward(p, y) for 6 samples",
                    why="the loss is the MEAN of -log p[i, y_i], so divide by the number of "
                        "samples: dinputs = -y_onehot / p / n")


def test_cross_entropy_one_hot_labels_give_the_same_gradient(ex):
    """One-hot labels [[1,0],[0,1]] give the same gradient as sparse labels [0, 1]."""
    call = "CategoricalCrossEntropy().backward([[.5, .5], [.2, .8]], [[1, 0], [0, 1]])"
    why = ("one-hot labels are already the y_onehot of -y_onehot / p / n; turn sparse labels "
           "into one-hot rows (np.eye(n_classes)[y_true]), not the other way round")
    got = returns(ex.CategoricalCrossEntropy().backward,
                       np.array([[0.5, 0.5], [0.2, 0.8]]), np.array([[1, 0], [0, 1]]),
                       call=call, why=why)
    expect_close(got, [[-1.0, 0.0], [0.0, -0.625]], call=call, why=why)


def test_cross_entropy_leaves_its_arguments_alone(ex):
    """backward keeps self.dinputs; the predictions and labels are unchanged."""
    p, y = np.array([[0.7, 0.3], [0.4, 0.6]]), np.array([0, 1])
    loss = ex.CategoricalCrossEntropy()
    got = loss.backward(p, y)
    expect_close(p, [[0.7, 0.3], [0.4, 0.6]], call="predictions after backward(p, y)",
                 why="do not change the predictions in place")
    expect_close(y, [0, 1], call="labels after backward(p, y)", why="do not change the labels")
    expect_kept(loss, got, "CategoricalCrossEntropy")


# ----------------------------------------------------------------------------- combined

def test_combined_forward_is_the_mean_loss(ex):
    """Logits [[0,0,0],[0,ln 2,0]], labels [2,1]: loss (ln 3 + ln 2) / 2, probabilities kept."""
    # row 1: s = 1/3 each, -log(1/3) = ln 3;  row 2: s = [.25, .5, .25], -log(.5) = ln 2
    loss = ex.SoftmaxCrossEntropy()
    got = loss.forward(np.array([[0.0, 0.0, 0.0], [0.0, np.log(2.0), 0.0]]), np.array([2, 1]))
    call = "SoftmaxCrossEntropy().forward([[0, 0, 0], [0, ln 2, 0]], [2, 1])"
    expect_close(got, (np.log(3.0) + np.log(2.0)) / 2, rtol=1e-9, call=call,
                 why="softmax the logits, keep them as self.output, return the MEAN "
                     "cross-entropy loss (one number)")
    expect_close(loss.output, [[1 / 3, 1 / 3, 1 / 3], [0.25, 0.5, 0.25]], rtol=1e-9,
                 call=call + ", then .output", why="keep the softmax probabilities as self.output")


def test_combined_worked_example(ex):
    """s=[[.7,.1,.2],[.1,.5,.4],[.02,.9,.08]], labels [0,1,1] -> (s - one_hot) / 3."""
    s = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]])
    got = ex.SoftmaxCrossEntropy().backward(s, np.array([0, 1, 1]))
    # s - one_hot, by hand: [[-0.3, 0.1, 0.2], [0.1, -0.5, 0.4], [0.02, -0.1, 0.08]]; then / 3
    expected = np.array([[-0.3, 0.1, 0.2], [0.1, -0.5, 0.4], [0.02, -0.1, 0.08]]) / 3
    expect_close(got, expected, rtol=1e-9, atol=1e-12, factors=per_sample(3),
                 call="SoftmaxCrossEntropy().backward(s, [0, 1, 1])",
                 why="dinputs = (s - y_onehot) / n: subtract 1 at each sample's own true "
                     "class (dinputs[range(n), y_true] -= 1), then divide by the number of "
                     "samples n = 3")


def test_combined_gradient_matches_central_differences(ex):
    """Seeded logits (5 samples, 4 classes): backward(softmax(z), y) is d(mean loss)/dz."""
    rng = np.random.default_rng(10)
    z, y = rng.standard_normal((5, 4)), rng.integers(0, 4, 5)
    got = ex.SoftmaxCrossEntropy().backward(softmax(z), y.copy())
    numeric = numerical_gradient(lambda v: mean_cross_entropy(softmax(v), y), z.copy())
    expect_gradient(got, numeric, call="SoftmaxCrossEntropy().backward(softmax(z), y)",
                    why="the gradient of the mean loss with respect to the logits is "
                        "(s - y_onehot) / n; subtract 1 at each sample's own true class and "
                        "divide by the number of samples")


def test_combined_accepts_one_hot_labels(ex):
    """One-hot labels give the same combined gradient as sparse ones."""
    s = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]])
    call = "SoftmaxCrossEntropy().backward(s, [[1, 0, 0], [0, 1, 0]])"
    why = ("with one-hot labels (y_true.ndim == 2) take each row's argmax as its class (or "
           "subtract the one-hot rows), then (s - y_onehot) / n")
    got = returns(ex.SoftmaxCrossEntropy().backward, s, np.array([[1, 0, 0], [0, 1, 0]]),
                       call=call, why=why)
    expect_close(got, [[-0.15, 0.05, 0.1], [0.05, -0.25, 0.2]], rtol=1e-9, call=call, why=why)


def test_combined_equals_softmax_after_cross_entropy(ex):
    """The shortcut equals Softmax.backward(CategoricalCrossEntropy.backward(s, y)) (your own)."""
    rng = np.random.default_rng(11)
    z, y = rng.standard_normal((6, 3)), rng.integers(0, 3, 6)
    sm = ex.Softmax()
    s = sm.forward(z)
    chained = sm.backward(ex.CategoricalCrossEntropy().backward(s, y))
    got = ex.SoftmaxCrossEntropy().backward(s.copy(), y)
    expect_close(got, chained, rtol=1e-7, atol=1e-12,
                 call="SoftmaxCrossEntropy().backward(s, y) against "
                      "Softmax.backward(CategoricalCrossEntropy().backward(s, y))",
                 why="both are d(mean loss)/d(logits): (s - y_onehot) / n, and the Jacobian "
                     "product gives the same. If only one side is wrong, the failing spec "
                     "above for that side says where")


def test_combined_leaves_dvalues_alone(ex):
    """backward keeps self.dinputs and does not subtract in place from the probabilities."""
    s = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]])
    loss = ex.SoftmaxCrossEntropy()
    got = loss.backward(s, np.array([0, 1]))
    expect_close(s, [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]],
                 call="the probabilities after SoftmaxCrossEntropy().backward(s, y)",
                 why="work on a copy (dvalues.copy()): -= and /= in place change the "
                     "caller's softmax output")
    expect_kept(loss, got, "SoftmaxCrossEntropy")
