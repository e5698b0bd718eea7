"""descent.optim: the finite-difference gradient and the gradient-descent loops."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent import data, losses, models, optim


def test_numerical_gradient_of_the_chapter_3_polynomial_matches_autograd():
    # y = a^3 x + b^2 x + c x + d at x = 2: PyTorch's autograd is the oracle.
    def f(v):
        a, b, c, d = v
        return a**3 * 2.0 + b**2 * 2.0 + c * 2.0 + d

    params = torch.tensor([1.0, 3.0, -1.0, 0.5], dtype=torch.float64, requires_grad=True)
    f(params).backward()
    numeric = optim.numerical_gradient(f, [1.0, 3.0, -1.0, 0.5])
    np.testing.assert_allclose(numeric, params.grad.numpy(), atol=1e-6)


def test_numerical_gradient_is_accurate_for_float32_input():
    # A step of 1e-6 is below float32's resolution near 3; the estimate must not round it away.
    numeric = optim.numerical_gradient(lambda v: float(np.sum(v**2)), np.float32([3.0, -1.0]))
    np.testing.assert_allclose(numeric, [6.0, -2.0], atol=1e-6)


@given(arrays(np.float64, (3, 4), elements=st.floats(-5, 5)), st.integers(0, 3))
def test_softmax_cross_entropy_gradient_is_softmax_minus_one_hot(logits, label):
    labels = np.array([label, (label + 1) % 4, 0])
    analytic = (losses.softmax(logits) - losses.one_hot(labels, 4)) / 3
    numeric = optim.numerical_gradient(lambda o: losses.softmax_cross_entropy(o, labels), logits)
    np.testing.assert_allclose(numeric, analytic, atol=1e-6)


def test_numerical_gradient_keeps_the_shape():
    grad = optim.numerical_gradient(lambda m: float(np.sum(m**2)), np.ones((2, 3)))
    np.testing.assert_allclose(grad, 2 * np.ones((2, 3)), atol=1e-6)


def test_gradient_descent_on_the_toy_points_converges_to_w_equals_2():
    x = np.array([1.0, 2.0, 3.0])
    y = 2 * x

    def grad(w):
        return np.mean(2 * (w * x - y) * x)

    path = optim.gradient_descent(grad, 1.0, lr=0.01, steps=100)
    assert path.shape == (101,)
    assert path[0] == 1.0
    # each step multiplies (w - 2) by 1 - 2 lr mean(x^2) = 1 - 0.02 * 14/3
    np.testing.assert_allclose(path[-1] - 2, -((1 - 0.02 * 14 / 3) ** 100))


def test_gradient_descent_diverges_visibly_with_a_large_rate():
    path = optim.gradient_descent(lambda w: 2 * w, 1.0, lr=1.5, steps=5)
    np.testing.assert_allclose(path, [1, -2, 4, -8, 16, -32])


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan")])
def test_gradient_descent_rejects_a_non_positive_learning_rate(lr):
    with pytest.raises(ValueError, match="lr must be a positive number"):
        optim.gradient_descent(lambda w: w, 1.0, lr=lr, steps=3)


# --- minibatch_sgd -------------------------------------------------------------------------


def line_grad(w, x, y):
    return np.mean(2 * (w * x - y) * x)


def line_loss(w, x, y):
    return losses.mse(w * x, y)


def linear_grad(params, X, y):
    residual = X @ params[:-1] + params[-1] - y
    return np.append(2 * X.T @ residual / len(y), 2 * residual.mean())


def linear_loss(params, X, y):
    return losses.mse(X @ params[:-1] + params[-1], y)


def test_full_batch_sgd_is_gradient_descent_and_records_the_loss_per_epoch():
    x, y = data.toy_points()
    path, history = optim.minibatch_sgd(line_grad, line_loss, 1.0, x, y, lr=0.01, epochs=100)
    expected = optim.gradient_descent(lambda w: line_grad(w, x, y), 1.0, lr=0.01, steps=100)
    np.testing.assert_allclose(path, expected)
    assert history.shape == (101,)
    np.testing.assert_allclose(history, [losses.mse(w * x, y) for w in expected])
    # MSE(w) = mean(x^2) (w - 2)^2 on these points
    np.testing.assert_allclose(history, 14 / 3 * (expected - 2) ** 2)


def test_minibatch_sgd_matches_torch_sgd_step_for_step():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=23, noise=0.1, seed=3)
    path, _ = optim.minibatch_sgd(
        linear_grad, linear_loss, np.zeros(3), X, y, lr=0.05, epochs=2, batch_size=5, seed=7
    )
    layer = torch.nn.Linear(2, 1, dtype=torch.float64)
    torch.nn.init.zeros_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
    sgd = torch.optim.SGD(layer.parameters(), lr=0.05)
    torch_path = [np.zeros(3)]
    for epoch in range(2):
        for X_batch, y_batch in data.minibatches(X, y, 5, seed=7 + epoch):
            sgd.zero_grad()
            prediction = layer(torch.from_numpy(X_batch)).squeeze(1)
            torch.nn.MSELoss()(prediction, torch.from_numpy(y_batch)).backward()
            sgd.step()
            torch_path.append(np.append(layer.weight.detach().numpy()[0], layer.bias.item()))
    assert path.shape == (2 * 5 + 1, 3)  # 23 samples in batches of 5: 5 updates an epoch
    np.testing.assert_allclose(path, torch_path, atol=1e-12)


def test_minibatch_sgd_is_the_loop_of_linear_regression():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=100, seed=0)
    path, history = optim.minibatch_sgd(
        linear_grad, linear_loss, np.zeros(3), X, y, lr=0.03, epochs=3, batch_size=10, seed=4
    )
    model = models.LinearRegression(lr=0.03, epochs=3, batch_size=10, seed=4).fit(X, y)
    np.testing.assert_allclose(path[-1], np.append(model.coef_, model.intercept_))
    np.testing.assert_allclose(history, model.history_["train_loss"])


@given(st.integers(1, 12), st.integers(1, 4), st.integers(0, 100))
def test_each_epoch_uses_every_sample_once(batch_size, epochs, seed):
    # With grad = -sum(y_batch) and lr = 1, an epoch adds sum(y) whatever the order.
    y = np.arange(1.0, 10.0)
    path, _ = optim.minibatch_sgd(
        lambda p, X_batch, y_batch: -np.sum(y_batch),
        lambda p, X, y: 0.0,
        0.0,
        y.reshape(-1, 1),
        y,
        lr=1.0,
        epochs=epochs,
        batch_size=batch_size,
        seed=seed,
    )
    updates_per_epoch = -(-len(y) // batch_size)  # ceil(9 / batch_size)
    assert path.shape == (epochs * updates_per_epoch + 1,)
    np.testing.assert_allclose(path[::updates_per_epoch], np.sum(y) * np.arange(epochs + 1))


def test_stochastic_gradient_descent_updates_after_every_sample_and_depends_on_the_seed():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 5.0, 5.0])  # not on one line
    path_a, _ = optim.minibatch_sgd(
        line_grad, line_loss, 0.0, x, y, lr=0.05, epochs=1, batch_size=1
    )
    path_b, _ = optim.minibatch_sgd(
        line_grad, line_loss, 0.0, x, y, lr=0.05, epochs=1, batch_size=1, seed=1
    )
    assert path_a.shape == path_b.shape == (4,)
    assert not np.allclose(path_a, path_b)
    # by hand: the first update uses the first sample of the shuffled order
    first = np.random.default_rng(0).permutation(3)[0]
    assert path_a[1] == pytest.approx(-0.05 * 2 * (0 - y[first]) * x[first])


def test_zero_epochs_returns_the_start():
    x, y = data.toy_points()
    path, history = optim.minibatch_sgd(line_grad, line_loss, 1.0, x, y, lr=0.1, epochs=0)
    np.testing.assert_allclose(path, [1.0])
    np.testing.assert_allclose(history, [14 / 3])


def test_minibatch_sgd_diverges_to_infinity_quietly():
    x, y = data.toy_points()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path, history = optim.minibatch_sgd(
            line_grad, lambda w, x, y: np.mean((w * x - y) ** 2), 1.0, x, y, lr=1.0, epochs=400
        )
    assert not np.isfinite(path[-1])
    assert np.isinf(history[-1]) or np.isnan(history[-1])
    assert np.all(np.diff(history[:50]) > 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lr": 0.0}, "lr must be a positive number"),
        ({"lr": -1.0}, "lr must be a positive number"),
        ({"batch_size": 0}, "batch_size must be a positive integer"),
        ({"batch_size": 2.5}, "batch_size must be a positive integer"),
    ],
)
def test_minibatch_sgd_rejects_bad_hyperparameters(kwargs, message):
    x, y = data.toy_points()
    arguments = {"lr": 0.1, "epochs": 2} | kwargs
    with pytest.raises(ValueError, match=message):
        optim.minibatch_sgd(line_grad, line_loss, 1.0, x, y, **arguments)


def test_minibatch_sgd_rejects_data_of_different_lengths():
    with pytest.raises(ValueError, match="X has 3 rows but y has 2"):
        optim.minibatch_sgd(
            line_grad, line_loss, 1.0, [1.0, 2.0, 3.0], [2.0, 4.0], lr=0.1, epochs=1
        )
    with pytest.raises(ValueError, match="X contains NaN"):
        optim.minibatch_sgd(line_grad, line_loss, 1.0, [1.0, np.nan], [2.0, 4.0], lr=0.1, epochs=1)


def test_minibatch_sgd_keeps_integer_labels_for_the_gradient():
    # A gradient that indexes with the labels needs them to stay integers.
    X, labels = np.eye(3), np.array([0, 2, 1])
    seen = []

    def grad(theta, X_batch, y_batch):
        seen.append(y_batch.dtype)
        P = losses.softmax(X_batch @ theta)
        P[np.arange(len(y_batch)), y_batch] -= 1
        return X_batch.T @ P / len(y_batch)

    def loss(theta, X, y):
        return losses.softmax_cross_entropy(X @ theta, y)

    _, history = optim.minibatch_sgd(grad, loss, np.zeros((3, 3)), X, labels, lr=1.0, epochs=5)
    assert all(np.issubdtype(dtype, np.integer) for dtype in seen)
    assert history[0] == pytest.approx(np.log(3)) and np.all(np.diff(history) < 0)


# --- learning_rate_verdict -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lr", "verdict"),
    [
        (0.05, "converges steadily"),
        (3 / 28, "converges steadily"),  # r = 0: one step lands on the minimum
        (0.18, "converges, oscillating"),
        (3 / 14, "bounces between two points forever"),
        (0.23, "diverges"),
    ],
)
def test_learning_rate_verdict_matches_what_gradient_descent_does(lr, verdict):
    x, y = data.toy_points()
    critical_lr = 1 / np.mean(x**2)  # 3/14
    assert optim.learning_rate_verdict(lr, critical_lr) == verdict
    path = optim.gradient_descent(lambda w: np.mean(2 * (w * x - y) * x), 1.0, lr=lr, steps=40)
    distance = np.abs(path - 2)
    if verdict == "converges steadily":
        assert np.all(path[1:] >= path[:-1] - 1e-12) and distance[-1] < 1e-3  # from below
    elif verdict == "converges, oscillating":
        assert np.all(np.sign(path[1:5] - 2) != np.sign(path[:4] - 2)) and distance[-1] < 1e-3
    elif verdict == "bounces between two points forever":
        np.testing.assert_allclose(path[::2], 1.0)
        np.testing.assert_allclose(path[1::2], 3.0)
    else:
        assert distance[-1] > 100 * distance[0]


@pytest.mark.parametrize(("lr", "critical_lr"), [(0.0, 1.0), (-0.1, 1.0), (0.1, 0.0)])
def test_learning_rate_verdict_rejects_non_positive_rates(lr, critical_lr):
    with pytest.raises(ValueError, match="must be a positive number"):
        optim.learning_rate_verdict(lr, critical_lr)
