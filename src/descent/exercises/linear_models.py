"""Exercises of chapter 1, linear models."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.data import synthetic_linear, toy_points
from descent.exercises.base import (
    Exercise,
    Mistake,
    PropertyExercise,
    ValueExercise,
    describe,
)


def predict(X: ArrayLike, w: ArrayLike, b: float) -> NDArray:
    """Predictions ``X @ w + b`` of a linear model for every row of ``X``."""
    return np.asarray(X) @ np.asarray(w) + b


def mse_parabola(x: ArrayLike, y: ArrayLike) -> NDArray:
    r"""Coefficients ``[a, b, c]`` of :math:`\operatorname{MSE}(w) = a w^2 + b w + c`.

    For the line through the origin, :math:`\frac1n\sum_i (w x_i - y_i)^2` expands into
    :math:`\overline{x^2}\, w^2 - 2\,\overline{x y}\, w + \overline{y^2}` (bars are means).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return np.array([np.mean(x * x), -2 * np.mean(x * y), np.mean(y * y)])


def best_bias(x: ArrayLike, y: ArrayLike, w: float) -> float:
    r"""The bias that minimises :math:`\operatorname{MSE}(w, b)` for a fixed slope ``w``.

    Setting :math:`\partial \operatorname{MSE} / \partial b = \frac2n \sum_i (w x_i + b - y_i)`
    to zero gives :math:`b = \frac1n \sum_i (y_i - w x_i)`.
    """
    return float(np.mean(np.asarray(y, dtype=float) - w * np.asarray(x, dtype=float)))


def residuals(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    """Prediction minus truth, one per sample, with the shape of ``y_true``.

    ``y_pred`` may be a column of shape (n, 1), as ``torch.nn.Linear`` returns, when
    ``y_true`` has shape (n,): it is reshaped first, so nothing is broadcast.
    """
    y_true = np.asarray(y_true, dtype=float)
    return np.reshape(np.asarray(y_pred, dtype=float), y_true.shape) - y_true


def _mae_through_origin(w: float, x: NDArray, y: NDArray) -> float:
    return float(np.mean(np.abs(w * x - y)))


def _best_mae_slope(x: NDArray, y: NDArray) -> float:
    # MAE(w) = mean of x_i |w - y_i/x_i| (x_i > 0) is convex and piecewise linear,
    # so its minimum is at one of the slopes y_i / x_i.
    candidates = y / x
    return float(min(candidates, key=lambda w: _mae_through_origin(w, x, y)))


def slopes_with_outlier(x_out: float, y_out: float) -> tuple[float, float]:
    r"""The MSE and MAE slopes of the line through the origin, on the toy points + one point.

    The MSE slope is :math:`\sum x_i y_i / \sum x_i^2`; the MAE slope minimises the mean
    absolute error, here on a fine grid (any exact or iterative method works too).
    """
    x = np.append(toy_points()[0], x_out)
    y = np.append(toy_points()[1], y_out)
    w_mse = float(np.sum(x * y) / np.sum(x * x))
    grid = np.linspace(-20.0, 20.0, 40_001)  # steps of 0.001
    mae = np.mean(np.abs(grid[:, None] * x - y), axis=1)
    return w_mse, float(grid[np.argmin(mae)])


# The points the experiment's checker tries: an outlier in y at an ordinary x, and
# outliers at a far-out x (high leverage), above and below the line.
OUTLIERS = ((4.0, 8.0), (4.0, 40.0), (4.0, -20.0), (10.0, 100.0), (10.0, -50.0))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(1.0, abs(b))


def _judge_slopes(answer: object) -> str | None:
    if not callable(answer):
        return f"expected a function slopes_with_outlier(x_out, y_out), got {type(answer).__name__}"
    toy_x, toy_y = toy_points()
    for x_out, y_out in OUTLIERS:
        got = answer(x_out, y_out)
        if got is None:
            return "your function returned None: did you forget the `return` statement?"
        try:
            w_mse, w_mae = (float(value) for value in got)
        except (TypeError, ValueError):
            return f"return two numbers, (w_mse, w_mae); got {describe(got)}"
        x, y = np.append(toy_x, x_out), np.append(toy_y, y_out)
        expected_mse = float(np.sum(x * y) / np.sum(x * x))
        expected_mae = _best_mae_slope(x, y)
        where = f"\n  with the fourth point ({x_out:g}, {y_out:g})"
        if not _close(w_mse, expected_mse):
            hint = ""
            if _close(w_mse, 2.0):
                hint = (
                    "\n  Hint: 2 is the slope of the three toy points alone: "
                    "append the fourth point to x and y."
                )
            return f"the MSE slope should be {expected_mse:.4f}, got {w_mse:.4f}{where}{hint}"
        if not _close(w_mae, expected_mae):
            hint = ""
            if _close(w_mae, expected_mse):
                hint = (
                    "\n  Hint: your MAE slope is the MSE slope: minimise the mean of "
                    "|w x - y|, not of its square."
                )
            elif _close(w_mae, float(np.median(y / x))):
                hint = (
                    "\n  Hint: the plain median of the slopes y/x treats the points as equal, "
                    "but |w x_i - y_i| = x_i |w - y_i/x_i|: a point far out in x weighs more."
                )
            elif _close(w_mae, 2.0):
                hint = (
                    "\n  Hint: 2 is the slope of the three toy points alone: "
                    "append the fourth point to x and y."
                )
            return (
                f"the MAE slope should be {expected_mae:.4f} (within 1 %), got {w_mae:.4f}"
                f"{where}{hint}"
            )
    return None


_X, _ = synthetic_linear([2.0, -3.4], 4.2, n=5, seed=1)
_toy_x, _toy_y = toy_points()
_rng = np.random.default_rng(2)
_x_rand, _y_rand = _rng.normal(size=6), _rng.normal(size=6)

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
            (np.arange(12.0).reshape(4, 3), np.array([1.0, 0.0, -1.0]), 0.0),
            ([[1.0, 2.0], [3.0, 4.0]], [0.5, -0.5], 1.0),  # lists, as the book's helpers take
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
            "a column": Mistake(
                lambda X, w, b: np.asarray(X) @ np.reshape(w, (-1, 1)) + b,
                "return one number per sample, shape (n,), not a column (n, 1): keep w "
                "one-dimensional, so that X @ w has shape (n,).",
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
            (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.0, 2.0], [3.0, 2.0]])),
            ([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]),  # lists, as the book's helpers take
        ),
        mistakes={
            "no mean": Mistake(
                lambda y_pred, y_true: (np.asarray(y_pred) - np.asarray(y_true)) ** 2,
                "those are the squared errors, one per value: average them into one number.",
            ),
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
                    np.sum((np.asarray(y_pred) - y_true) ** 2) / (np.size(y_true) - 1)
                ),
                "divide by n, the number of values, not n - 1.",
            ),
        },
    ),
    Exercise(
        id="linear-loss-parabola",
        level=2,
        kind="derive",
        title="The loss of a line through the origin is a parabola",
        solution=mse_parabola,
        cases=(
            (_toy_x, _toy_y),
            (np.array([1.0, -2.0, 0.5, 3.0]), np.array([0.0, 1.0, -1.0, 2.0])),
            (_x_rand, _y_rand),
            (np.array([2.0]), np.array([5.0])),
        ),
        mistakes={
            "sums instead of means": Mistake(
                lambda x, y: len(x) * mse_parabola(x, y),
                "n times too large: the MSE is a mean, so each coefficient is a mean "
                "(of x², of x y, of y²), not a sum.",
            ),
            "sign of the middle term": Mistake(
                lambda x, y: mse_parabola(x, y) * np.array([1.0, -1.0, 1.0]),
                "expand (w x - y)² = w² x² - 2 w x y + y²: the middle coefficient has a "
                "minus sign.",
            ),
            "middle term without the 2": Mistake(
                lambda x, y: mse_parabola(x, y) * np.array([1.0, 0.5, 1.0]),
                "(w x - y)² has the cross term 2 w x y, twice the product: the middle "
                "coefficient is -2 times the mean of x y.",
            ),
            "lowest power first": Mistake(
                lambda x, y: mse_parabola(x, y)[::-1],
                "the order is reversed: return [a, b, c], the coefficient of w² first, as "
                "np.polyfit does (np.polynomial's classes list the constant first).",
            ),
        },
    ),
    Exercise(
        id="linear-best-bias",
        level=2,
        kind="derive",
        title="The best bias for a fixed slope",
        solution=best_bias,
        atol=1e-6,  # a bias found numerically (a fine search, a few descent steps) is right too
        cases=(
            (_toy_x, _toy_y, 1.0),
            (_toy_x, _toy_y, 2.0),
            (_x_rand, _y_rand, -0.7),
            (np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([1.0, 3.0, 2.0, 7.0, 5.0]), 1.2),
        ),
        mistakes={
            "mean residual": Mistake(
                lambda x, y, w: float(np.mean(w * np.asarray(x) - y)),
                "the sign is flipped: setting (2/n) Σ (w x_i + b - y_i) to zero gives the mean "
                "of y - w x, which is minus the mean of the book's residuals w x - y.",
            ),
            "ignored the slope": Mistake(
                lambda x, y, w: float(np.mean(y)),
                "the mean of y is the best bias only when w = 0 (or when the inputs x average "
                "to 0): subtract w x from y first.",
            ),
            "mean of y minus w": Mistake(
                lambda x, y, w: float(np.mean(y) - w),
                "subtract w times the mean of x, not w itself: b = mean(y) - w mean(x).",
            ),
        },
    ),
    ValueExercise(
        id="linear-broadcast",
        level=2,
        kind="predict",
        title="Predict what an unchecked MSE returns",
        solution=22 / 3,
        rtol=1e-3,
        mistakes={
            "the right MSE": Mistake(
                14 / 3,
                "that is the MSE the code should return. A (3, 1) column minus a (3,) row "
                "broadcasts to a 3 × 3 grid: every prediction meets every target.",
            ),
            "sum of the grid": Mistake(
                66.0,
                "that is the sum of the 9 squared differences; np.mean divides by their number.",
            ),
            "divided by 3": Mistake(
                22.0,
                "np.mean averages over all 9 entries of the 3 × 3 grid, not over 3 samples.",
            ),
        },
    ),
    Exercise(
        id="linear-residuals",
        level=2,
        kind="debug",
        title="Repair the residuals of a column of predictions",
        solution=residuals,
        # A residual is a difference of close numbers: computed in float32 (torch's default)
        # it is off by about 1e-6 in absolute terms, which is still right.
        atol=1e-5,
        cases=(
            (np.array([[3.0], [3.0], [7.0]]), _toy_y),
            (np.array([1.0, 4.0, 9.0]), _toy_y),
            (np.array([[2.5]]), np.array([3.0])),
            (predict(_X, [2.0, -3.0], 4.0).reshape(-1, 1), predict(_X, [2.0, -3.4], 4.2)),
        ),
        mistakes={
            "unchanged": Mistake(
                lambda y_pred, y_true: np.asarray(y_pred) - np.asarray(y_true),
                "a column of shape (n, 1) minus an array of shape (n,) broadcasts to an "
                "(n, n) grid: reshape the predictions to the shape of the targets first.",
            ),
            "truth minus prediction": Mistake(
                lambda y_pred, y_true: np.asarray(y_true) - np.reshape(y_pred, np.shape(y_true)),
                "the sign is flipped: the book's residual is prediction minus truth.",
            ),
            "absolute value": Mistake(
                lambda y_pred, y_true: np.abs(residuals(y_pred, y_true)),
                "keep the sign: a residual says whether the model predicts too high (+) "
                "or too low (-).",
            ),
        },
    ),
    PropertyExercise(
        id="linear-outlier",
        level=3,
        kind="experiment",
        title="One outlier against the MSE and the MAE",
        solution=slopes_with_outlier,
        judge=_judge_slopes,
        mistakes={
            "MSE twice": Mistake(
                lambda x_out, y_out: (slopes_with_outlier(x_out, y_out)[0],) * 2,
                "your MAE slope is the MSE slope",
            ),
            "plain median of the slopes": Mistake(
                lambda x_out, y_out: (
                    slopes_with_outlier(x_out, y_out)[0],
                    float(np.median(np.append(_toy_y, y_out) / np.append(_toy_x, x_out))),
                ),
                "the plain median of the slopes y/x treats the points as equal",
            ),
            "forgot the outlier": Mistake(
                lambda x_out, y_out: (2.0, 2.0),
                "2 is the slope of the three toy points alone",
            ),
        },
    ),
]
