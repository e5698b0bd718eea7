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


def test_softmax_regression_on_digits_is_close_to_scikit_learn():
    X_train, y_train, X_test, y_test = data.load_digits()
    model = models.SoftmaxRegression(lr=0.5, epochs=30, batch_size=64).fit(
        X_train, y_train, X_test, y_test
    )
    reference = LogisticRegression(max_iter=2000).fit(X_train, y_train).score(X_test, y_test)
    assert model.score(X_test, y_test) >= reference - 0.02
    assert len(model.history_["val_accuracy"]) == 30
    assert model.history_["train_loss"][-1] < model.history_["train_loss"][0]
    proba = model.predict_proba(X_test)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.predict(X_test), proba.argmax(axis=1))


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
