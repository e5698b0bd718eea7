"""Linear and softmax regression from scratch, with scikit-learn's ``fit``, ``predict``, ``score``.

Each model is a loss and its gradient, written out by hand. ``fit`` starts from zero and
hands both to :func:`descent.optim.minibatch_sgd`, the book's one training loop. The
parameters live in one array ``theta``: the weights, then the bias as the last row, so that
the model computes ``X @ theta[:-1] + theta[-1]``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import optim
from descent.losses import log_softmax, one_hot, softmax
from descent.validation import as_float_array, as_labels


def affine(theta: NDArray, X: NDArray) -> NDArray:
    """:math:`X W + b`, with the weights ``W = theta[:-1]`` and the bias ``b = theta[-1]``."""
    return X @ theta[:-1] + theta[-1]


class LinearRegression:
    r"""Linear regression :math:`\hat y = X w + b`, trained by minibatch SGD on the MSE.

    ``lr`` is the learning rate, ``epochs`` the number of passes over the data (0 leaves the
    parameters at zero), ``batch_size`` the samples per update (``None``: all of them, batch
    gradient descent), and epoch ``e`` shuffles the samples with seed ``seed + e``.
    :meth:`fit` sets ``coef_`` (the weights :math:`w`), ``intercept_`` (the bias :math:`b`)
    and ``history_``: ``{"train_loss": [...]}``, the MSE before training and after every
    epoch, with ``"val_loss"`` too when validation data are given.
    """

    def __init__(
        self, lr: float = 0.1, epochs: int = 100, batch_size: int | None = None, seed: int = 0
    ) -> None:
        self.lr, self.epochs, self.batch_size, self.seed = lr, epochs, batch_size, seed

    @staticmethod
    def loss(theta: NDArray, X: NDArray, y: NDArray) -> float:
        r"""The MSE :math:`\frac1n \sum_i e_i^2` of the errors :math:`e = Xw + b - y`."""
        return float(np.mean((affine(theta, X) - y) ** 2))

    @staticmethod
    def gradient(theta: NDArray, X: NDArray, y: NDArray) -> NDArray:
        r"""Its gradient, stacked like ``theta``.

        :math:`\partial L / \partial w = \frac2n X^\top e` and
        :math:`\partial L / \partial b = \frac2n \sum_i e_i`.
        """
        error = affine(theta, X) - y
        return 2 * np.append(X.T @ error, error.sum()) / len(y)

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
    ) -> LinearRegression:
        """Learn ``coef_`` and ``intercept_`` from features ``X`` (n, d) and targets ``y`` (n,)."""
        X, y = as_float_array(X, "X", ndim=2), as_float_array(y, "y", ndim=1)
        thetas, train_loss = _train(self, np.zeros(X.shape[1] + 1), X, y)
        self.coef_, self.intercept_ = thetas[-1][:-1], float(thetas[-1][-1])
        self.history_ = {"train_loss": train_loss}
        if _validation(X_val, y_val):
            X_val = as_float_array(X_val, "X_val", ndim=2)
            y_val = as_float_array(y_val, "y_val", ndim=1)
            self.history_["val_loss"] = [self.loss(theta, X_val, y_val) for theta in thetas]
        return self

    def predict(self, X: ArrayLike) -> NDArray:
        """Predict the targets of the rows of ``X``."""
        return as_float_array(X, "X", ndim=2) @ self.coef_ + self.intercept_

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""The coefficient of determination :math:`R^2 = 1 - SSE/SST`; 1 is a perfect fit."""
        y = as_float_array(y, "y", ndim=1)
        return float(1 - np.sum((y - self.predict(X)) ** 2) / np.sum((y - y.mean()) ** 2))


class SoftmaxRegression:
    r"""Softmax regression (multinomial logistic regression), trained by minibatch SGD.

    The class probabilities are :math:`\hat P = \operatorname{softmax}(X W + b)`, row by row,
    and training minimises their mean cross-entropy with the one-hot labels :math:`Y`. The
    settings are those of :class:`LinearRegression`. :meth:`fit` sets ``coef_`` (the weights,
    one column per class), ``intercept_`` (the biases) and ``history_``: ``train_loss`` and
    ``train_accuracy`` before training and after every epoch, and ``val_loss`` and
    ``val_accuracy`` when validation data are given.
    """

    def __init__(
        self, lr: float = 0.5, epochs: int = 30, batch_size: int | None = 64, seed: int = 0
    ) -> None:
        self.lr, self.epochs, self.batch_size, self.seed = lr, epochs, batch_size, seed

    @staticmethod
    def loss(theta: NDArray, X: NDArray, Y: NDArray) -> float:
        r"""The mean cross-entropy :math:`-\frac1n \sum_i \sum_k Y_{ik} \log \hat P_{ik}`."""
        return float(-np.mean(np.sum(Y * log_softmax(affine(theta, X)), axis=1)))

    @staticmethod
    def gradient(theta: NDArray, X: NDArray, Y: NDArray) -> NDArray:
        r"""Its gradient, stacked like ``theta``.

        With the errors :math:`E = \hat P - Y` (the gradient of the loss with respect to the
        logits, times :math:`n`): :math:`\partial L / \partial W = X^\top E / n` and
        :math:`\partial L / \partial b = \sum_i E_i / n`, the rows of :math:`E` summed.
        """
        error = softmax(affine(theta, X)) - Y
        return np.vstack([X.T @ error, error.sum(axis=0)]) / len(Y)

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
    ) -> SoftmaxRegression:
        """Learn weights from features ``X`` (n, d) and labels ``y`` (n,) in 0, 1, ..., C - 1.

        The number of classes ``C`` is ``max(y) + 1``. Validation data, if given, are only
        evaluated after every epoch; they play no part in the updates.
        """
        X, labels = as_float_array(X, "X", ndim=2), as_labels(y, "y")
        num_classes = int(labels.max()) + 1
        theta0 = np.zeros((X.shape[1] + 1, num_classes))
        thetas, train_loss = _train(self, theta0, X, one_hot(labels, num_classes))
        self.coef_, self.intercept_ = thetas[-1][:-1], thetas[-1][-1]
        self.history_ = {"train_loss": train_loss, "train_accuracy": _accuracies(thetas, X, labels)}
        if _validation(X_val, y_val):
            X_val = as_float_array(X_val, "X_val", ndim=2)
            y_val = as_labels(y_val, "y_val", num_classes)
            Y_val = one_hot(y_val, num_classes)
            self.history_["val_loss"] = [self.loss(theta, X_val, Y_val) for theta in thetas]
            self.history_["val_accuracy"] = _accuracies(thetas, X_val, y_val)
        return self

    def decision_function(self, X: ArrayLike) -> NDArray:
        """The logits :math:`X W + b`, shape (n, C)."""
        return as_float_array(X, "X", ndim=2) @ self.coef_ + self.intercept_

    def predict_proba(self, X: ArrayLike) -> NDArray:
        """Class probabilities, shape (n, C); each row sums to 1."""
        return softmax(self.decision_function(X))

    def predict(self, X: ArrayLike) -> NDArray:
        """The most probable class of each row of ``X``."""
        return np.argmax(self.decision_function(X), axis=1)

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy: the share of rows whose predicted class is the true one."""
        return float(np.mean(self.predict(X) == as_labels(y, "y", self.coef_.shape[1])))


def _train(model, theta0: NDArray, X: NDArray, Y: NDArray) -> tuple[NDArray, list[float]]:
    """Run minibatch SGD; return theta at the start and after every epoch, and the loss.

    The path holds theta after every update: on Fashion-MNIST's 60,000 images in batches
    of 256, ten epochs keep 2,350 copies of a 785 x 10 matrix, about 150 MB.
    """
    path, losses = optim.minibatch_sgd(
        model.gradient, model.loss, theta0, X, Y,
        lr=model.lr, epochs=model.epochs, batch_size=model.batch_size, seed=model.seed,
    )  # fmt: skip
    updates_per_epoch = -(-len(X) // (model.batch_size or len(X)))  # the last batch may be small
    return path[::updates_per_epoch], losses.tolist()


def _accuracies(thetas: NDArray, X: NDArray, labels: NDArray) -> list[float]:
    return [float(np.mean(np.argmax(affine(theta, X), axis=1) == labels)) for theta in thetas]


def _validation(X_val: ArrayLike | None, y_val: ArrayLike | None) -> bool:
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val, or neither")
    return X_val is not None
