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
    history = model.history_["train_loss"]
    assert len(history) == 201  # the start and every epoch
    assert history[0] == pytest.approx(losses.mse(np.zeros_like(y), y))  # the start: w = b = 0
    assert history[-1] == pytest.approx(losses.mse(model.predict(X), y))


def test_linear_regression_with_minibatches():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=500, seed=0)
    model = models.LinearRegression(lr=0.03, epochs=20, batch_size=10).fit(X, y)
    np.testing.assert_allclose(model.predict(X), X @ [2.0, -3.4] + 4.2, atol=0.05)


def test_linear_regression_records_validation_loss():
    X, y = data.synthetic_linear([1.0, -1.0], 0.5, n=60, noise=0.3, seed=1)
    model = models.LinearRegression(lr=0.1, epochs=5).fit(X[:40], y[:40], X[40:], y[40:])
    assert set(model.history_) == {"train_loss", "val_loss"}
    assert len(model.history_["val_loss"]) == 6
    assert model.history_["val_loss"][-1] == pytest.approx(
        losses.mse(model.predict(X[40:]), y[40:])
    )


def test_linear_regression_gradient_matches_autograd():
    X, y = data.synthetic_linear([1.0, 2.0, -1.0], 0.5, n=7, seed=2)
    theta = np.array([0.3, -0.2, 0.1, 0.7])  # w, then b
    params = torch.tensor(theta, requires_grad=True)
    prediction = torch.tensor(X) @ params[:-1] + params[-1]
    torch.nn.MSELoss()(prediction, torch.tensor(y)).backward()
    np.testing.assert_allclose(models.LinearRegression.gradient(theta, X, y), params.grad.numpy())
    assert models.LinearRegression.loss(theta, X, y) == pytest.approx(
        losses.mse(X @ theta[:-1] + theta[-1], y)
    )


def test_softmax_regression_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    X, labels = rng.normal(size=(6, 3)), np.array([0, 1, 2, 1, 0, 2])
    theta = rng.normal(size=(4, 3))  # W (3, 3), then b as the last row
    Y = losses.one_hot(labels, 3)
    numeric = optim.numerical_gradient(lambda t: models.SoftmaxRegression.loss(t, X, Y), theta)
    np.testing.assert_allclose(models.SoftmaxRegression.gradient(theta, X, Y), numeric, atol=1e-6)


def test_softmax_regression_gradient_and_loss_match_autograd():
    rng = np.random.default_rng(1)
    X, labels = rng.normal(size=(5, 4)), np.array([2, 0, 1, 2, 2])
    theta = rng.normal(size=(5, 3))
    params = torch.tensor(theta, requires_grad=True)
    loss = torch.nn.CrossEntropyLoss()(
        torch.tensor(X) @ params[:-1] + params[-1], torch.tensor(labels)
    )
    loss.backward()
    Y = losses.one_hot(labels, 3)
    np.testing.assert_allclose(
        models.SoftmaxRegression.gradient(theta, X, Y), params.grad.numpy(), atol=1e-12
    )
    assert models.SoftmaxRegression.loss(theta, X, Y) == pytest.approx(loss.item())


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
    assert all(len(values) == 31 for values in history.values())  # the start and 30 epochs
    assert history["train_loss"][0] == pytest.approx(np.log(10))  # zero weights: uniform
    assert history["train_accuracy"][0] == pytest.approx(np.mean(y_train == 0))  # argmax = 0
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


def test_softmax_regression_trains_exactly_like_pytorch_sgd(digits):
    """Same start (zeros), same batches, same updates: nn.Linear + SGD ends at the same weights."""
    X_train, y_train, _, _ = digits
    settings = DIGITS_SETTINGS | {"epochs": 3}  # 135 updates prove it as well as 1,350
    model = models.SoftmaxRegression(**settings).fit(X_train, y_train)
    layer = torch.nn.Linear(64, 10, dtype=torch.float64)
    torch.nn.init.zeros_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.SGD(layer.parameters(), lr=settings["lr"])
    losses_per_epoch = []
    for epoch in range(settings["epochs"]):
        batches = data.minibatches(X_train, y_train, settings["batch_size"], seed=epoch)
        for X_batch, y_batch in batches:
            optimizer.zero_grad()
            logits = layer(torch.from_numpy(X_batch))
            torch.nn.CrossEntropyLoss()(logits, torch.from_numpy(y_batch)).backward()
            optimizer.step()
        with torch.no_grad():
            logits = layer(torch.from_numpy(X_train))
            losses_per_epoch.append(torch.nn.CrossEntropyLoss()(logits, torch.from_numpy(y_train)))
    np.testing.assert_allclose(layer.weight.detach().numpy().T, model.coef_, atol=1e-10)
    np.testing.assert_allclose(layer.bias.detach().numpy(), model.intercept_, atol=1e-10)
    np.testing.assert_allclose(model.history_["train_loss"][1:], losses_per_epoch, rtol=1e-10)


def test_softmax_regression_without_validation_data_records_training_only():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    model = models.SoftmaxRegression(epochs=3, batch_size=2).fit(X, [0, 1, 2])
    assert set(model.history_) == {"train_loss", "train_accuracy"}
    assert [len(values) for values in model.history_.values()] == [4, 4]
    assert model.coef_.shape == (2, 3) and model.intercept_.shape == (3,)
    with pytest.raises(ValueError, match="pass both X_val and y_val, or neither"):
        models.SoftmaxRegression().fit(X, [0, 1, 2], X_val=X)


@pytest.mark.parametrize("model_class", [models.LinearRegression, models.SoftmaxRegression])
def test_batch_size_none_is_full_batch_gradient_descent_in_both_models(model_class):
    # SoftmaxRegression(batch_size=None) used to raise a TypeError from inside data.py.
    X, y = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 0.5]]), np.array([0, 1, 1, 0])
    full = model_class(lr=0.1, epochs=4, batch_size=None).fit(X, y)
    whole = model_class(lr=0.1, epochs=4, batch_size=len(X)).fit(X, y)
    np.testing.assert_array_equal(full.coef_, whole.coef_)
    # one update an epoch: the same as plain gradient descent on the model's loss
    theta0 = np.zeros((3,) if model_class is models.LinearRegression else (3, 2))
    Y = y if model_class is models.LinearRegression else losses.one_hot(y, 2)
    path = optim.gradient_descent(lambda t: model_class.gradient(t, X, Y), theta0, 0.1, steps=4)
    np.testing.assert_allclose(full.coef_, path[-1][:-1])
    np.testing.assert_allclose(full.intercept_, path[-1][-1])
    assert isinstance(full.history_, dict) and len(full.history_["train_loss"]) == 5


@pytest.mark.parametrize("model_class", [models.LinearRegression, models.SoftmaxRegression])
def test_zero_epochs_leave_the_parameters_at_zero_in_both_models(model_class):
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    model = model_class(epochs=0).fit(X, y)
    assert not np.any(model.coef_) and not np.any(model.intercept_)
    assert len(model.history_["train_loss"]) == 1


def test_models_reject_bad_hyperparameters_and_data():
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match="lr must be a positive number"):
        models.LinearRegression(lr=0).fit(X, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="X has 3 rows but y has 2"):
        models.LinearRegression().fit(X, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"y must have 1 dimension\(s\), got shape \(3, 1\)"):
        models.LinearRegression().fit(X, [[1.0], [2.0], [3.0]])  # would broadcast to (3, 3)
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        models.LinearRegression().fit([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="y must be whole class indices"):
        models.SoftmaxRegression().fit(X, [0.0, 0.5, 1.0])
    with pytest.raises(ValueError, match=r"y must lie in \[0, inf\)"):
        models.SoftmaxRegression().fit(X, [0, -1, 1])
    fitted = models.SoftmaxRegression(epochs=1).fit(X, [0, 1, 2])
    with pytest.raises(ValueError, match=r"y must lie in \[0, 3\)"):
        fitted.score(X, [0, 1, 3])
