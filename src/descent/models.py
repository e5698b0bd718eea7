"""From-scratch NumPy models with a scikit-learn-style API: ``fit``, ``predict``, ``score``.

Both models are trained by minibatch stochastic gradient descent on their loss; the
gradients are written out by hand (and checked against finite differences and PyTorch
in the tests).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.data import minibatches
from descent.losses import mse, one_hot, softmax, softmax_cross_entropy
from descent.validation import as_float_array, as_labels, require_positive

# A gradient function takes a batch (X, Y) and returns the gradients of the loss with
# respect to the weights and the bias.
GradientFn = Callable[[NDArray, NDArray], tuple[NDArray, NDArray]]


def _check_hyperparameters(lr: float, epochs: int, batch_size: int | None) -> None:
    require_positive(lr, "lr")
    if int(epochs) != epochs or epochs < 1:
        raise ValueError(f"epochs must be a positive integer, got {epochs}")
    if batch_size is not None and (int(batch_size) != batch_size or batch_size < 1):
        raise ValueError(f"batch_size must be a positive integer or None, got {batch_size}")


def _features(X: ArrayLike, n_features: int | None = None) -> NDArray:
    X = as_float_array(X, "X", ndim=2)
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but the model was fit with {n_features}")
    return X


def _sgd_epoch(
    W: NDArray,
    b: NDArray,
    gradients: GradientFn,
    X: NDArray,
    Y: NDArray,
    lr: float,
    batch_size: int,
    seed: int,
) -> None:
    """One pass over the data, updating ``W`` and ``b`` in place after every batch."""
    for X_batch, Y_batch in minibatches(X, Y, batch_size, shuffle=True, seed=seed):
        grad_W, grad_b = gradients(X_batch, Y_batch)
        W -= lr * grad_W
        b -= lr * grad_b


class LinearRegression:
    r"""Linear regression :math:`\hat y = X w + b`, trained by gradient descent on the MSE.

    Parameters
    ----------
    lr : float, default 0.1
        Learning rate.
    epochs : int, default 100
        Passes over the training data.
    batch_size : int or None, default None
        Samples per update; ``None`` uses the whole data set (batch gradient descent).
    seed : int, default 0
        Seed of the order of the minibatches.

    Attributes
    ----------
    coef_ : numpy.ndarray, shape (d,)
        The learned weights :math:`w`.
    intercept_ : float
        The learned bias :math:`b`.
    history_ : list of float
        The training MSE after each epoch.
    """

    def __init__(
        self, lr: float = 0.1, epochs: int = 100, batch_size: int | None = None, seed: int = 0
    ) -> None:
        _check_hyperparameters(lr, epochs, batch_size)
        self.lr, self.epochs, self.batch_size, self.seed = lr, epochs, batch_size, seed

    @staticmethod
    def _gradients(W: NDArray, b: NDArray) -> GradientFn:
        def gradients(X: NDArray, y: NDArray) -> tuple[NDArray, NDArray]:
            residual = X @ W + b - y  # d(mean r^2)/dW = 2 X^T r / n
            return 2 * X.T @ residual / len(y), 2 * residual.mean(keepdims=True)

        return gradients

    def fit(self, X: ArrayLike, y: ArrayLike) -> LinearRegression:
        """Learn ``coef_`` and ``intercept_`` from features ``X`` (n, d) and targets ``y`` (n,)."""
        X = _features(X)
        y = as_float_array(y, "y", ndim=1)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} values")
        W, b = np.zeros(X.shape[1]), np.zeros(1)
        batch_size = self.batch_size or len(X)
        gradients = self._gradients(W, b)
        self.history_: list[float] = []
        for epoch in range(self.epochs):
            _sgd_epoch(W, b, gradients, X, y, self.lr, batch_size, self.seed + epoch)
            self.history_.append(mse(X @ W + b, y))
        self.coef_, self.intercept_ = W, float(b[0])
        return self

    def predict(self, X: ArrayLike) -> NDArray:
        """Predict targets for the rows of ``X``."""
        return _features(X, len(self.coef_)) @ self.coef_ + self.intercept_

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""The coefficient of determination :math:`R^2 = 1 - SSE/SST`; 1 is a perfect fit."""
        y = as_float_array(y, "y", ndim=1)
        residual = y - self.predict(X)
        return float(1 - np.sum(residual**2) / np.sum((y - y.mean()) ** 2))


class SoftmaxRegression:
    r"""Softmax regression (multinomial logistic regression), trained by minibatch SGD.

    Class probabilities are :math:`\operatorname{softmax}(X W + b)`, and training
    minimises their mean cross-entropy with the true labels, whose gradient with respect
    to the logits is :math:`(\operatorname{softmax}(o) - y) / n`.

    Parameters
    ----------
    lr : float, default 0.5
        Learning rate.
    epochs : int, default 30
        Passes over the training data.
    batch_size : int, default 64
        Samples per update.
    seed : int, default 0
        Seed of the order of the minibatches.

    Attributes
    ----------
    coef_ : numpy.ndarray, shape (d, C)
        The learned weights, one column per class.
    intercept_ : numpy.ndarray, shape (C,)
        The learned biases.
    history_ : dict of str to list of float
        ``train_loss`` and ``train_accuracy`` after each epoch, and ``val_loss`` and
        ``val_accuracy`` when validation data are passed to :meth:`fit`.
    """

    def __init__(
        self, lr: float = 0.5, epochs: int = 30, batch_size: int = 64, seed: int = 0
    ) -> None:
        _check_hyperparameters(lr, epochs, batch_size)
        self.lr, self.epochs, self.batch_size, self.seed = lr, epochs, batch_size, seed

    @staticmethod
    def _gradients(W: NDArray, b: NDArray) -> GradientFn:
        def gradients(X: NDArray, Y: NDArray) -> tuple[NDArray, NDArray]:
            d_logits = (softmax(X @ W + b) - Y) / len(Y)  # one-hot Y
            return X.T @ d_logits, d_logits.sum(axis=0)

        return gradients

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
    ) -> SoftmaxRegression:
        """Learn weights from features ``X`` (n, d) and integer labels ``y`` (n,).

        The weights start at zero. The number of classes is ``max(y) + 1``. If ``X_val``
        and ``y_val`` are given, their loss and accuracy are recorded after every epoch too.
        """
        X = _features(X)
        labels = as_labels(y, "y")
        if len(labels) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(labels)} labels")
        if (X_val is None) != (y_val is None):
            raise ValueError("pass both X_val and y_val, or neither")
        num_classes = int(labels.max()) + 1
        Y = one_hot(labels, num_classes)
        self.coef_ = np.zeros((X.shape[1], num_classes))
        self.intercept_ = np.zeros(num_classes)
        self.history_: dict[str, list[float]] = {"train_loss": [], "train_accuracy": []}
        if X_val is not None:
            self.history_ |= {"val_loss": [], "val_accuracy": []}
        gradients = self._gradients(self.coef_, self.intercept_)
        for epoch in range(self.epochs):
            _sgd_epoch(
                self.coef_,
                self.intercept_,
                gradients,
                X,
                Y,
                self.lr,
                self.batch_size,
                self.seed + epoch,
            )
            self._record("train", X, labels)
            if "val_loss" in self.history_:
                self._record("val", X_val, y_val)
        return self

    def _record(self, prefix: str, X: ArrayLike, y: ArrayLike) -> None:
        self.history_[f"{prefix}_loss"].append(softmax_cross_entropy(self.decision_function(X), y))
        self.history_[f"{prefix}_accuracy"].append(self.score(X, y))

    def decision_function(self, X: ArrayLike) -> NDArray:
        """The logits :math:`X W + b`, shape (n, C)."""
        return _features(X, self.coef_.shape[0]) @ self.coef_ + self.intercept_

    def predict_proba(self, X: ArrayLike) -> NDArray:
        """Class probabilities, shape (n, C); each row sums to 1."""
        return softmax(self.decision_function(X))

    def predict(self, X: ArrayLike) -> NDArray:
        """The most probable class of each row of ``X``."""
        return np.argmax(self.decision_function(X), axis=1)

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy: the share of rows whose predicted class is the true one."""
        labels = as_labels(y, "y", num_classes=self.coef_.shape[1])
        return float(np.mean(self.predict(X) == labels))
