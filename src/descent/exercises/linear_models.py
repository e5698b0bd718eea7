"""Exercises of chapter 1, linear models."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.data import synthetic_linear, toy_points
from descent.exercises.base import Exercise, Mistake


def predict(X: ArrayLike, w: ArrayLike, b: float) -> NDArray:
    """Predictions ``X @ w + b`` of a linear model for every row of ``X``."""
    return np.asarray(X) @ np.asarray(w) + b


def residuals(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    """The error of each sample, prediction minus truth."""
    return np.asarray(y_pred) - np.asarray(y_true)


_X, _ = synthetic_linear([2.0, -3.4], 4.2, n=5, seed=1)
_toy_x, _toy_y = toy_points()

CHAPTER = "01_linear_models"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="linear-predict",
        level=1,
        kind="implement",
        title="Vectorised prediction",
        solution=predict,
        cases=(
            (_X, np.array([2.0, -3.4]), 4.2),
            (_toy_x.reshape(-1, 1), np.array([1.5]), 0.5),
            (np.array([[1.0, 2.0, 3.0]]), np.array([0.5, -1.0, 2.0]), -1.0),
        ),
        mistakes={
            "forgot the bias": Mistake(
                lambda X, w, b: np.asarray(X) @ w,
                "every prediction is off by the same amount b: did you forget to add the bias?",
            ),
            "subtracted the bias": Mistake(
                lambda X, w, b: np.asarray(X) @ w - b,
                "the model is X @ w + b: the bias is added, not subtracted.",
            ),
            "summed over samples": Mistake(
                lambda X, w, b: (np.asarray(X) * w).sum(axis=0) + b,
                "sum over the features of each sample (axis=1), not over the samples; "
                "X @ w does it for you.",
            ),
        },
    ),
    Exercise(
        id="linear-residuals",
        level=1,
        kind="implement",
        title="The residual vector",
        solution=residuals,
        cases=(
            (np.array([1.0, 4.0, 9.0]), _toy_y),
            (np.array([2.5]), np.array([3.0])),
            (predict(_X, [2.0, -3.0], 4.0), predict(_X, [2.0, -3.4], 4.2)),
        ),
        mistakes={
            "truth minus prediction": Mistake(
                lambda y_pred, y_true: np.asarray(y_true) - y_pred,
                "the sign is flipped: the book's residual is prediction minus truth.",
            ),
            "absolute value": Mistake(
                lambda y_pred, y_true: np.abs(np.asarray(y_pred) - y_true),
                "keep the sign: a residual says whether the model predicts too high (+) "
                "or too low (-).",
            ),
            "squared": Mistake(
                lambda y_pred, y_true: (np.asarray(y_pred) - y_true) ** 2,
                "these are squared errors; the residual is the plain difference.",
            ),
        },
    ),
    Exercise(
        id="linear-mse",
        level=1,
        kind="implement",
        title="Mean squared error from scratch",
        solution=losses.mse,
        cases=(
            (np.array([1.0, 4.0, 9.0]), _toy_y),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])),
            (np.array([3.0, 1.0]), np.array([1.0, 3.0])),
            (np.array([7.0]), np.array([7.0])),
        ),
        mistakes={
            "sum": Mistake(
                lambda y_pred, y_true: np.sum((np.asarray(y_pred) - y_true) ** 2),
                "off by a factor of n: did you forget to divide by the number of samples?",
            ),
            "root": Mistake(
                lambda y_pred, y_true: np.sqrt(np.mean((np.asarray(y_pred) - y_true) ** 2)),
                "that is the root of the MSE (RMSE): leave out the square root.",
            ),
            "absolute": Mistake(
                lambda y_pred, y_true: np.mean(np.abs(np.asarray(y_pred) - y_true)),
                "that is the mean absolute error: square each error instead.",
            ),
            "squared the mean": Mistake(
                lambda y_pred, y_true: np.mean(np.asarray(y_pred) - y_true) ** 2,
                "you squared the mean error, so errors of opposite sign cancel: "
                "square each error first, then take the mean.",
            ),
            "n - 1": Mistake(
                lambda y_pred, y_true: (
                    np.sum((np.asarray(y_pred) - y_true) ** 2) / (len(y_true) - 1)
                ),
                "divide by n, the number of samples, not n - 1.",
            ),
        },
    ),
]
