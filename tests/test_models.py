"""descent.models against closed-form answers, PyTorch and scikit-learn."""

import numpy as np
import pytest
import torch
from sklearn.linear_model import LogisticRegression

from descent import data, losses, models, optim


def test_linear_regression_recovers_the_true_parameters():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=500, seed=0)
    model = models.LinearRegression(lr=0.1, epochs=200).fit(X, y)
    np.testing.assert_allclose(model.coef_, [2.0, -3.4], atol=0.01)
    assert model.intercept_ == pytest.approx(4.2, abs=0.01)
    assert model.score(X, y) > 0.9999
    assert model.history_[-1] < model.history_[0]


def test_linear_regression_with_minibatches():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=500, seed=0)
    model = models.LinearRegression(lr=0.03, epochs=20, batch_size=10).fit(X, y)
    np.testing.assert_allclose(model.predict(X), X @ [2.0, -3.4] + 4.2, atol=0.05)


def test_linear_regression_gradients_match_autograd():
    X, y = data.synthetic_linear([1.0, 2.0, -1.0], 0.5, n=7, seed=2)
    W, b = np.array([0.3, -0.2, 0.1]), np.array([0.7])
    grad_W, grad_b = models.LinearRegression._gradients(W, b)(X, y)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    torch.nn.MSELoss()(torch.tensor(X) @ Wt + bt, torch.tensor(y)).backward()
    np.testing.assert_allclose(grad_W, Wt.grad.numpy())
    np.testing.assert_allclose(grad_b, bt.grad.numpy())


def test_softmax_regression_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    X, labels = rng.normal(size=(6, 3)), np.array([0, 1, 2, 1, 0, 2])
    W, b = rng.normal(size=(3, 3)), rng.normal(size=3)
    grad_W, grad_b = models.SoftmaxRegression._gradients(W, b)(X, losses.one_hot(labels, 3))
    numeric_W = optim.numerical_gradient(
        lambda V: losses.softmax_cross_entropy(X @ V + b, labels), W
    )
    numeric_b = optim.numerical_gradient(
        lambda c: losses.softmax_cross_entropy(X @ W + c, labels), b
    )
    np.testing.assert_allclose(grad_W, numeric_W, atol=1e-6)
    np.testing.assert_allclose(grad_b, numeric_b, atol=1e-6)


def test_softmax_regression_gradients_match_autograd():
    rng = np.random.default_rng(1)
    X, labels = rng.normal(size=(5, 4)), np.array([2, 0, 1, 2, 2])
    W, b = rng.normal(size=(4, 3)), rng.normal(size=3)
    grad_W, grad_b = models.SoftmaxRegression._gradients(W, b)(X, losses.one_hot(labels, 3))
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    torch.nn.CrossEntropyLoss()(torch.tensor(X) @ Wt + bt, torch.tensor(labels)).backward()
    np.testing.assert_allclose(grad_W, Wt.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(grad_b, bt.grad.numpy(), atol=1e-12)


# The settings of chapter 6.
DIGITS_SETTINGS = {"lr": 1.0, "epochs": 30, "batch_size": 32}


@pytest.fixture(scope="module")
def digits():
    return data.load_digits()


@pytest.fixture(scope="module")
def digits_model(digits):
    X_train, y_train, X_test, y_test = digits
    return models.SoftmaxRegression(**DIGITS_SETTINGS).fit(X_train, y_train, X_test, y_test)


def test_softmax_regression_on_digits_is_within_one_point_of_scikit_learn(digits, digits_model):
    X_train, y_train, X_test, y_test = digits
    reference = LogisticRegression(max_iter=1000).fit(X_train, y_train).score(X_test, y_test)
    assert abs(digits_model.score(X_test, y_test) - reference) <= 0.01
    history = digits_model.history_
    assert set(history) == {"train_loss", "train_accuracy", "val_loss", "val_accuracy"}
    assert all(len(values) == 30 for values in history.values())
    assert history["train_loss"][-1] < history["train_loss"][0] / 3
    assert history["val_accuracy"][-1] == digits_model.score(X_test, y_test)
    proba = digits_model.predict_proba(X_test)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(digits_model.predict(X_test), proba.argmax(axis=1))
    assert history["val_loss"][-1] == pytest.approx(
        torch.nn.CrossEntropyLoss()(
            torch.tensor(digits_model.decision_function(X_test)), torch.tensor(y_test)
        ).item()
    )


def test_softmax_regression_trains_exactly_like_pytorch_sgd(digits, digits_model):
    """Same start (zeros), same batches, same updates: nn.Linear + SGD ends at the same weights."""
    X_train, y_train, _, _ = digits
    layer = torch.nn.Linear(64, 10, dtype=torch.float64)
    torch.nn.init.zeros_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.SGD(layer.parameters(), lr=DIGITS_SETTINGS["lr"])
    for epoch in range(DIGITS_SETTINGS["epochs"]):
        batches = data.minibatches(X_train, y_train, DIGITS_SETTINGS["batch_size"], seed=epoch)
        for X_batch, y_batch in batches:
            optimizer.zero_grad()
            logits = layer(torch.from_numpy(X_batch))
            torch.nn.CrossEntropyLoss()(logits, torch.from_numpy(y_batch)).backward()
            optimizer.step()
    np.testing.assert_allclose(layer.weight.detach().numpy().T, digits_model.coef_, atol=1e-10)
    np.testing.assert_allclose(layer.bias.detach().numpy(), digits_model.intercept_, atol=1e-10)


def test_softmax_regression_without_validation_data_records_training_only():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    model = models.SoftmaxRegression(epochs=3, batch_size=2).fit(X, [0, 1, 2])
    assert set(model.history_) == {"train_loss", "train_accuracy"}
    assert model.coef_.shape == (2, 3) and model.intercept_.shape == (3,)
    with pytest.raises(ValueError, match="pass both X_val and y_val, or neither"):
        models.SoftmaxRegression().fit(X, [0, 1, 2], X_val=X)


def test_models_reject_bad_hyperparameters_and_data():
    with pytest.raises(ValueError, match="lr must be a positive number"):
        models.LinearRegression(lr=0)
    with pytest.raises(ValueError, match="epochs must be a positive integer"):
        models.SoftmaxRegression(epochs=0)
    with pytest.raises(ValueError, match="X has 3 rows but y has 2"):
        models.LinearRegression().fit(np.zeros((3, 1)), [1.0, 2.0])
    with pytest.raises(ValueError, match="must be integer class indices"):
        models.SoftmaxRegression().fit(np.zeros((2, 1)), [0.0, 1.0])
    model = models.LinearRegression(epochs=1).fit(np.ones((3, 2)), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="X has 3 features, but the model was fit with 2"):
        model.predict(np.ones((1, 3)))
