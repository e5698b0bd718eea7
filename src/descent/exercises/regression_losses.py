"""Exercises of chapter 4, regression losses: MAE, the MSE gradient, Huber, reductions."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.exercises.base import Exercise, Mistake


def _error(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    """Prediction minus truth, as float arrays."""
    return np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)


def mse_gradient(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    r"""Gradient of the mean squared error with respect to each prediction.

    :math:`\partial \operatorname{MSE} / \partial \hat y_i = \frac{2}{n} (\hat y_i - y_i)`,
    with :math:`n` the number of values; the result has the shape of ``y_pred``.
    """
    error = _error(y_pred, y_true)
    return 2.0 * error / error.size


def mse_loss(y_pred: ArrayLike, y_true: ArrayLike, reduction: str = "mean") -> float | NDArray:
    """Squared errors, reduced as ``torch.nn.MSELoss(reduction=reduction)`` does.

    ``"none"`` gives one squared error per value (an array of the input's shape),
    ``"sum"`` their total and ``"mean"`` their average (both numbers).
    """
    squared = _error(y_pred, y_true) ** 2
    if reduction == "none":
        return squared
    if reduction == "sum":
        return float(squared.sum())
    if reduction == "mean":
        return float(squared.mean())
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")


def _piecewise(
    y_pred: ArrayLike,
    y_true: ArrayLike,
    delta: float,
    small: Callable[[NDArray], NDArray],
    large: Callable[[NDArray], NDArray],
    *,
    swap: bool = False,
) -> float:
    """Mean of ``small(|e|)`` where ``|e| <= delta`` and ``large(|e|)`` elsewhere."""
    error = np.abs(_error(y_pred, y_true))
    inside = error <= delta
    if swap:
        inside = ~inside
    return float(np.mean(np.where(inside, small(error), large(error))))


_rng = np.random.default_rng(4)
_pred5, _true5 = _rng.normal(size=5), _rng.normal(size=5)
_pred_2d = np.array([[1.0, 2.0], [3.0, 4.0]])
_true_2d = np.array([[2.0, 2.0], [5.0, 1.0]])

CHAPTER = "04_regression_losses"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="reg-mae",
        level=1,
        kind="implement",
        title="Mean absolute error from scratch",
        solution=losses.mae,
        cases=(
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])),
            (np.array([3.0, 1.0]), np.array([1.0, 3.0])),
            (np.array([0.5]), np.array([2.0])),
            (_pred_2d, _true_2d),
            (_pred5, _true5),
        ),
        mistakes={
            "absolute value of the mean": Mistake(
                lambda y_pred, y_true: abs(np.mean(_error(y_pred, y_true))),
                "you took the absolute value of the mean error, so errors of opposite sign "
                "cancelled first: take the absolute value of each error, then the mean.",
            ),
            "no absolute value": Mistake(
                lambda y_pred, y_true: np.mean(_error(y_pred, y_true)),
                "that is the mean error, which can be negative: take the absolute value "
                "of each error before averaging.",
            ),
            "sum": Mistake(
                lambda y_pred, y_true: np.sum(np.abs(_error(y_pred, y_true))),
                "off by a factor of n: did you forget to divide by the number of samples?",
            ),
            "squared": Mistake(
                lambda y_pred, y_true: np.mean(_error(y_pred, y_true) ** 2),
                "that is the mean squared error: take the absolute value of each error "
                "instead of squaring it.",
            ),
        },
    ),
    Exercise(
        id="reg-mse-gradient",
        level=1,
        kind="implement",
        title="Gradient of the MSE with respect to the predictions",
        solution=mse_gradient,
        cases=(
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])),
            (np.array([3.0, 1.0]), np.array([1.0, 3.0])),
            (np.array([2.5]), np.array([1.0])),
            (_pred_2d, _true_2d),
            (_pred5, _true5),
        ),
        mistakes={
            "returned the loss": Mistake(
                lambda y_pred, y_true: np.mean(_error(y_pred, y_true) ** 2),
                "you returned the loss, one number; the gradient has one entry per "
                "prediction: the derivative of the loss with respect to that prediction.",
            ),
            "sign flipped": Mistake(
                lambda y_pred, y_true: -mse_gradient(y_pred, y_true),
                "the sign is flipped: differentiate (y_pred - y_true)**2 with respect to "
                "y_pred; a prediction that is too high must get a positive gradient.",
            ),
            "forgot the 2": Mistake(
                lambda y_pred, y_true: mse_gradient(y_pred, y_true) / 2,
                "off by a factor of 2: the derivative of e**2 is 2 e.",
            ),
            "forgot the 1/n": Mistake(
                lambda y_pred, y_true: mse_gradient(y_pred, y_true) * np.size(y_pred),
                "off by a factor of n: the loss is a mean, so each prediction's "
                "derivative is divided by the number of values n.",
            ),
            "MAE gradient": Mistake(
                lambda y_pred, y_true: np.sign(_error(y_pred, y_true)) / np.size(y_pred),
                "that is the gradient of the MAE (only the sign of each error): the MSE's "
                "gradient is proportional to the error itself.",
            ),
        },
    ),
    Exercise(
        id="reg-huber",
        level=1,
        kind="implement",
        title="Huber loss from scratch",
        solution=losses.huber,
        cases=(
            (np.zeros(4), np.array([0.5, -2.0, 3.0, 0.0]), 1.0),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]), 1.0),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]), 2.5),
            (np.array([1.0]), np.array([1.3]), 0.1),
            (_pred5, 3 * _true5, 0.7),
        ),
        mistakes={
            "forgot the 1/2": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred, y_true, delta, lambda e: e**2, lambda e: delta * (e - 0.5 * delta)
                ),
                "small errors cost twice too much: the quadratic branch is (1/2) e**2.",
            ),
            "linear branch without -delta/2": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred, y_true, delta, lambda e: 0.5 * e**2, lambda e: delta * e
                ),
                "the linear branch is delta * (|e| - delta / 2): without the - delta / 2 "
                "the two pieces do not meet at |e| = delta.",
            ),
            "swapped branches": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred,
                    y_true,
                    delta,
                    lambda e: 0.5 * e**2,
                    lambda e: delta * (e - 0.5 * delta),
                    swap=True,
                ),
                "the branches are swapped: the loss is quadratic for small errors "
                "(|e| <= delta) and linear for large ones.",
            ),
            "linear branch without the factor delta": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred, y_true, delta, lambda e: 0.5 * e**2, lambda e: e - 0.5 * delta
                ),
                "the linear branch is delta * (|e| - delta / 2): you left out the factor "
                "delta (it only shows when delta is not 1).",
            ),
            "smooth L1": Mistake(
                lambda y_pred, y_true, delta: losses.huber(y_pred, y_true, delta) / delta,
                "that is PyTorch's SmoothL1Loss(beta=delta), the Huber loss divided by "
                "delta: the quadratic branch is (1/2) e**2, not (1/2) e**2 / delta.",
            ),
        },
    ),
    Exercise(
        id="reg-reduction",
        level=1,
        kind="implement",
        title="Reduction modes: mean, sum, none",
        solution=mse_loss,
        cases=(
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]), "mean"),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]), "sum"),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]), "none"),
            (_pred_2d, _true_2d, "none"),
            (_pred5, _true5, "mean"),
            (_pred5, _true5, "sum"),
        ),
        mistakes={
            "reduction ignored": Mistake(
                lambda y_pred, y_true, reduction: mse_loss(y_pred, y_true, "mean"),
                "every reduction gave the mean: read the `reduction` argument and "
                "return the sum for 'sum' and the array of squared errors for 'none'.",
            ),
            "mean and sum swapped": Mistake(
                lambda y_pred, y_true, reduction: mse_loss(
                    y_pred, y_true, {"mean": "sum", "sum": "mean"}.get(reduction, reduction)
                ),
                "'mean' and 'sum' are swapped: 'mean' divides the total by the number "
                "of values, 'sum' does not.",
            ),
            "none gives the errors": Mistake(
                lambda y_pred, y_true, reduction: (
                    _error(y_pred, y_true)
                    if reduction == "none"
                    else mse_loss(y_pred, y_true, reduction)
                ),
                "with 'none' return the squared error of each value, not the plain error.",
            ),
            "none flattens": Mistake(
                lambda y_pred, y_true, reduction: (
                    np.ravel(mse_loss(y_pred, y_true, reduction))
                    if reduction == "none"
                    else mse_loss(y_pred, y_true, reduction)
                ),
                "with 'none' keep the shape of the inputs (one squared error per value), "
                "as PyTorch does.",
            ),
        },
    ),
]
