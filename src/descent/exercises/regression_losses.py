"""Exercises of chapter 4, regression losses.

The MAE, reductions, the MSE's gradient, the MAE's minimisers and zigzag, the Huber loss,
quantile lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.exercises.base import (
    Exercise,
    Mistake,
    PropertyExercise,
    ValueExercise,
    describe,
)


def _error(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    """Prediction minus truth, as float arrays."""
    return np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)


def mse_gradient_wrt_predictions(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    r"""Gradient of the mean squared error with respect to each prediction.

    :math:`\partial \operatorname{MSE} / \partial \hat y_i = \frac{2}{n} (\hat y_i - y_i)`,
    with :math:`n` the number of values (all of them, for a 2-D batch); the result has the
    shape of ``y_pred``.
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


def mae_minimisers(y: ArrayLike) -> NDArray:
    r"""The interval ``[low, high]`` of the constants c that minimise the MAE of a constant.

    The MAE of a constant is :math:`\frac1n\sum_i |c - y_i|`.

    Sorted, :math:`y_{(1)} \le \dots \le y_{(n)}`: the derivative counts the points below
    :math:`c` minus the points above, so it is zero between the two middle values,
    :math:`[y_{(n/2)}, y_{(n/2+1)}]` for an even :math:`n`, and the interval shrinks to the
    median :math:`y_{((n+1)/2)}` for an odd :math:`n`.
    """
    values = np.sort(np.asarray(y, dtype=float).ravel())
    if values.size == 0:
        raise ValueError("y must hold at least one value")
    n = values.size
    return np.array([values[(n - 1) // 2], values[n // 2]])


def pinball_loss(y_pred: ArrayLike, y_true: ArrayLike, tau: float) -> float:
    r"""Mean pinball (quantile) loss at level ``tau`` in (0, 1).

    With the book's error :math:`e = \hat y - y`, a point above the prediction (:math:`e < 0`)
    costs :math:`\tau |e|` and a point below costs :math:`(1 - \tau)|e|`; at
    :math:`\tau = 1/2` it is half the absolute error.
    """
    if not 0.0 < tau < 1.0:
        raise ValueError(f"tau must lie strictly between 0 and 1, got {tau!r}")
    error = _error(y_pred, y_true)
    return float(np.mean(np.maximum(-tau * error, (1.0 - tau) * error)))


def quantile_line(x: ArrayLike, y: ArrayLike, tau: float) -> NDArray:
    """The line ``[w, b]`` that minimises the mean pinball loss at level ``tau``.

    The loss is convex and piecewise linear in (w, b), so some minimiser is a corner,
    a line through two data points with different x: try every pair (chapter 4's trick
    for the MAE).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    i, j = np.triu_indices(len(x), k=1)
    keep = x[i] != x[j]
    if not keep.any():
        raise ValueError("x must hold at least two different values")
    i, j = i[keep], j[keep]
    w = (y[j] - y[i]) / (x[j] - x[i])
    b = y[i] - w * x[i]
    error = w[:, None] * x + b[:, None] - y
    cost = np.mean(np.maximum(-tau * error, (1.0 - tau) * error), axis=1)
    best = int(np.argmin(cost))
    return np.array([w[best], b[best]])


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


def _rows_divided(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    """The MSE gradient divided by the number of rows, ``len``, not of values."""
    error = _error(y_pred, y_true)
    return 2.0 * error / len(error)


# The zigzag exercise: subgradient descent on the MAE of a constant, from 0.
ZIGZAG_Y = np.array([0.5, 1.0, 2.0, 3.5, 8.0])
ZIGZAG_LR = 0.7


def zigzag_pair(y: ArrayLike = ZIGZAG_Y, lr: float = ZIGZAG_LR, steps: int = 60) -> NDArray:
    """The two values that descent on MAE(c) from c = 0 ends up alternating between.

    Found by running it with the constant learning rate ``lr``; smaller value first.
    """
    y = np.asarray(y, dtype=float)
    path = [0.0]
    for _ in range(steps):
        path.append(path[-1] - lr * float(np.mean(np.sign(path[-1] - y))))
    return np.sort(path[-2:])


def _zigzag_pair_of_the_sum(y: ArrayLike = ZIGZAG_Y, lr: float = ZIGZAG_LR) -> NDArray:
    """The pair descent ends up alternating between on the SUM of the absolute errors."""
    y = np.asarray(y, dtype=float)
    path = [0.0]
    for _ in range(60):
        path.append(path[-1] - lr * float(np.sum(np.sign(path[-1] - y))))
    return np.sort(path[-2:])


@dataclass(frozen=True, kw_only=True)
class PairInAnyOrder(ValueExercise):
    """A value exercise answered by two numbers, accepted in either order."""

    def diagnose(self, answer: Any) -> str | None:
        """Sort a pair of numbers, then compare it as a value exercise does."""
        try:
            pair = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            pair = None
        if pair is not None and pair.shape == (2,):
            answer = np.sort(pair)
        return super().diagnose(answer)


def _quantile_data(seed: int) -> tuple[NDArray, NDArray]:
    """40 points around y = 2x + 1 whose noise grows with x, so quantile lines fan out."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 5.0, size=40)
    y = 2.0 * x + 1.0 + (0.3 + 0.4 * x) * rng.normal(size=40)
    return x, y


def _least_squares_line(x: ArrayLike, y: ArrayLike, tau: float) -> NDArray:
    x = np.asarray(x, dtype=float)
    return np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]


_QUANTILE_HINTS = {
    "tau ignored": "your line does not move with tau: it is the MAE (median) line. The "
    "pinball loss charges tau |e| to points above the line and (1 - tau) |e| to those below.",
    "tau flipped": "you fitted the (1 - tau)-quantile: points ABOVE the line (y > y_hat, "
    "e < 0) cost tau |e|, so a large tau pushes the line up, leaving a fraction tau below.",
    "least squares": "that is the least-squares line, the conditional mean: minimise the "
    "pinball loss instead (its corners are lines through two data points).",
}
_QUANTILE_CASES = ((0, 0.9), (1, 0.25), (2, 0.5), (3, 0.75))


def _judge_quantile_line(answer: Callable[..., ArrayLike]) -> str | None:
    """Say whether ``answer(x, y, tau)`` reaches the smallest pinball loss, within 1 %."""
    if not callable(answer):
        return f"expected a function quantile_line(x, y, tau), got {type(answer).__name__}"
    for seed, tau in _QUANTILE_CASES:
        x, y = _quantile_data(seed)
        got = answer(x.copy(), y.copy(), tau)
        if got is None:
            return "your function returned None: did you forget the `return` statement?"
        theta = np.asarray(got, dtype=float)
        if theta.shape != (2,) or not np.all(np.isfinite(theta)):
            return f"expected an array [w, b] of two finite numbers, got {describe(got)}"
        best = quantile_line(x, y, tau)
        reached = pinball_loss(theta[0] * x + theta[1], y, tau)
        smallest = pinball_loss(best[0] * x + best[1], y, tau)
        if reached <= smallest * 1.01 + 1e-9:
            continue
        below = float(np.mean(y < theta[0] * x + theta[1]))
        lines = [
            f"at tau = {tau}, on 40 points from seed {seed}: your line [w, b] = "
            f"{describe(theta)} has a pinball loss of {reached:.4f}; the best line, "
            f"{describe(best)}, has {smallest:.4f}. A fraction {below:.2f} of the points "
            f"lie below your line (a tau-quantile line leaves about tau below it)."
        ]
        for name, wrong_tau in (("tau flipped", 1 - tau), ("tau ignored", 0.5)):
            other = quantile_line(x, y, wrong_tau)
            if np.allclose(theta, other, rtol=1e-3, atol=1e-3):
                lines.append(f"  Hint: {_QUANTILE_HINTS[name]}")
                return "\n".join(lines)
        if np.allclose(theta, _least_squares_line(x, y, tau), rtol=1e-3, atol=1e-3):
            lines.append(f"  Hint: {_QUANTILE_HINTS['least squares']}")
        return "\n".join(lines)
    return None


_NO_VALUE_ERROR_HINT = (
    "for a reduction other than 'mean', 'sum' and 'none' raise a ValueError, as PyTorch "
    "does, but with a message that, unlike PyTorch's, names the three accepted values: "
    "raise ValueError(f\"reduction must be 'mean', 'sum' or 'none', got {reduction!r}\")."
)
_REDUCTIONS = ("mean", "sum", "none")


def _reduced_mean_for_unknown_names(y_pred: ArrayLike, y_true: ArrayLike, reduction: str):
    """Right for the three reductions, but silently the mean for any other name."""
    return mse_loss(y_pred, y_true, reduction if reduction in ("sum", "none") else "mean")


def _judge_reduction(answer: Callable[..., Any]) -> str | None:
    """Compare ``answer`` with ``mse_loss`` on the cases, then try an unknown reduction.

    That must raise a ValueError whose message names the three accepted reductions.
    """
    if not callable(answer):
        return (
            f"expected a function mse_loss(y_pred, y_true, reduction), got {type(answer).__name__}"
        )
    problem = _REDUCTION_VALUES.diagnose(answer)
    if problem is not None:
        return problem
    try:
        answer(np.array([1.0, 2.0]), np.array([1.0, 3.0]), "average")
    except ValueError as error:
        missing = [repr(name) for name in _REDUCTIONS if name not in str(error)]
        if not missing:
            return None
        unnamed = " or ".join(filter(None, [", ".join(missing[:-1]), missing[-1]]))
        return (
            f"reduction='average' raised ValueError({str(error)!r}), which does not name "
            f"{unnamed}: the caller learns that the "
            f"name is wrong, not what to write instead.\n  Hint: {_NO_VALUE_ERROR_HINT}"
        )
    except Exception as error:
        return (
            f"reduction='average' raised {type(error).__name__}, not a ValueError."
            f"\n  Hint: {_NO_VALUE_ERROR_HINT}"
        )
    return f"reduction='average' returned a result.\n  Hint: {_NO_VALUE_ERROR_HINT}"


_rng = np.random.default_rng(4)
_pred5, _true5 = _rng.normal(size=5), _rng.normal(size=5)
_pred_2d = np.array([[1.0, 2.0], [3.0, 4.0]])
_true_2d = np.array([[2.0, 2.0], [5.0, 1.0]])
_pred_3x2 = np.array([[0.5, 1.0], [2.0, -1.0], [3.0, 0.0]])
_true_3x2 = np.array([[1.0, 1.0], [0.0, 1.0], [2.5, 2.0]])

_REDUCTION_VALUES = Exercise(  # the values part of reg-reduction's check
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
)


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
    PropertyExercise(
        id="reg-reduction",
        level=1,
        kind="implement",
        title="Reduction modes: mean, sum, none",
        solution=mse_loss,
        judge=_judge_reduction,
        mistakes={
            **_REDUCTION_VALUES.mistakes,
            "no ValueError": Mistake(_reduced_mean_for_unknown_names, _NO_VALUE_ERROR_HINT),
        },
    ),
    Exercise(
        id="reg-mse-gradient",
        level=2,
        kind="debug",
        title="Debug a hand-written MSE gradient",
        solution=mse_gradient_wrt_predictions,
        cases=(
            (_pred_3x2, _true_3x2),
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])),
            (np.array([3.0, 1.0]), np.array([1.0, 3.0])),
            (np.array([2.5]), np.array([1.0])),
            (_pred_2d, _true_2d),
            (_pred5, _true5),
        ),
        mistakes={
            "the snippet unchanged": Mistake(
                lambda y_pred, y_true: -_rows_divided(y_pred, y_true),
                "both bugs are still there: y_true - y_pred is the statistics residual, "
                "the opposite of the book's error, so the sign is flipped; and len() "
                "counts the rows of a 2-D batch, not its values.",
            ),
            "sign flipped": Mistake(
                lambda y_pred, y_true: -mse_gradient_wrt_predictions(y_pred, y_true),
                "the sign is flipped: differentiate (y_pred - y_true)**2 with respect to "
                "y_pred; a prediction that is too high must get a positive gradient.",
            ),
            "divided by the rows": Mistake(
                _rows_divided,
                "right for 1-D inputs, wrong for a 2-D batch: len() counts its rows, but "
                "MSELoss averages over all values, so divide by the number of values "
                "(`.size`).",
            ),
            "forgot the 2": Mistake(
                lambda y_pred, y_true: mse_gradient_wrt_predictions(y_pred, y_true) / 2,
                "off by a factor of 2: the derivative of e**2 is 2 e.",
            ),
            "forgot the 1/n": Mistake(
                lambda y_pred, y_true: (
                    mse_gradient_wrt_predictions(y_pred, y_true) * np.size(y_pred)
                ),
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
        id="reg-mae-minimisers",
        level=2,
        kind="derive",
        title="Every minimiser of the MAE",
        solution=mae_minimisers,
        cases=(
            (np.array([3.0, 1.0, 2.0]),),
            (np.array([4.0, 1.0, 3.0, 2.0]),),
            (np.array([5.0]),),
            (np.array([7.0, 2.0]),),
            (np.array([1.0, 2.0, 2.0, 5.0]),),
            (np.array([10.0, -1.0, 3.0, 3.5, 0.0, 8.0]),),
        ),
        mistakes={
            "the median only": Mistake(
                lambda y: np.full(2, np.median(y)),
                "for an even number of points the derivative is zero on the whole "
                "interval between the two middle values: every c there is a minimiser, "
                "not only their midpoint, the median.",
            ),
            "not sorted": Mistake(
                lambda y: np.array([y[(len(y) - 1) // 2], y[len(y) // 2]], dtype=float),
                "the middle values are the middle of the SORTED data: sort y first.",
            ),
            "the even-n formula for every n": Mistake(
                lambda y: np.sort(np.asarray(y, dtype=float))[[len(y) // 2 - 1, len(y) // 2]],
                "right for an even n, not for an odd one: then a single middle value "
                "y_((n+1)/2) minimises the MAE. With 0-based indices into the sorted "
                "values, [(n - 1) // 2, n // 2] covers both cases.",
            ),
            "smallest and largest": Mistake(
                lambda y: np.array([np.min(y), np.max(y)], dtype=float),
                "below the middle more points lie above c than below, so raising c "
                "lowers the MAE; only the middle values can be minimisers.",
            ),
        },
    ),
    PairInAnyOrder(
        id="reg-mae-zigzag",
        level=2,
        kind="predict",
        title="Predict the zigzag of descent on the MAE",
        solution=zigzag_pair(),
        rtol=0.0,
        atol=1e-6,
        mistakes={
            "a full step either side of the median": Mistake(
                np.median(ZIGZAG_Y) + ZIGZAG_LR / len(ZIGZAG_Y) * np.array([-1.0, 1.0]),
                "the two values are one step apart, a distance lr/n, not 2 lr/n; and "
                "where they sit depends on the path: follow the steps from c = 0.",
            ),
            "half a step either side of the median": Mistake(
                np.median(ZIGZAG_Y) + ZIGZAG_LR / len(ZIGZAG_Y) / 2 * np.array([-1.0, 1.0]),
                "the step has the right length, lr/n, but the two values need not sit "
                "symmetrically about the median: follow the steps from c = 0, counting "
                "the points below and above c at each step.",
            ),
            "forgot the 1/n": Mistake(
                _zigzag_pair_of_the_sum(),
                "your steps are n times too long: the gradient of the MEAN absolute error "
                "is (#below - #above) / n, so each step is lr (#below - #above) / n.",
            ),
            "the amplitude only": Mistake(
                ZIGZAG_LR / len(ZIGZAG_Y),
                "that is the length of one step near the median, lr/n; the answer is the "
                "pair of values [low, high] the iterate alternates between.",
            ),
        },
    ),
    Exercise(
        id="reg-huber",
        level=2,
        kind="derive",
        title="The Huber loss from its gradient",
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
                "small errors cost twice too much: the antiderivative of e is (1/2) e**2.",
            ),
            "linear branch without -delta/2": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred, y_true, delta, lambda e: 0.5 * e**2, lambda e: delta * e
                ),
                "the loss must be continuous: at |e| = delta the quadratic piece is "
                "delta**2 / 2, so the linear piece is delta * |e| - delta**2 / 2.",
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
                "the branches are swapped: the gradient equals the error, so the loss is "
                "quadratic, for small errors (|e| <= delta) and linear for large ones.",
            ),
            "linear branch without the factor delta": Mistake(
                lambda y_pred, y_true, delta: _piecewise(
                    y_pred, y_true, delta, lambda e: 0.5 * e**2, lambda e: e - 0.5 * delta
                ),
                "beyond delta the gradient is delta * sign(e), so the linear piece has "
                "slope delta: you left out the factor delta (it only shows when delta "
                "is not 1).",
            ),
            "smooth L1": Mistake(
                lambda y_pred, y_true, delta: losses.huber(y_pred, y_true, delta) / delta,
                "that is PyTorch's SmoothL1Loss(beta=delta), the Huber loss divided by "
                "delta: the gradient inside the band is e itself, not e / delta.",
            ),
        },
    ),
    PropertyExercise(
        id="reg-quantile-line",
        level=3,
        kind="implement",
        title="Quantile lines with the pinball loss",
        solution=quantile_line,
        judge=_judge_quantile_line,
        mistakes={
            name: Mistake(answer, _QUANTILE_HINTS[name])
            for name, answer in (
                ("tau ignored", lambda x, y, tau: quantile_line(x, y, 0.5)),
                ("tau flipped", lambda x, y, tau: quantile_line(x, y, 1.0 - tau)),
                ("least squares", _least_squares_line),
            )
        },
    ),
]
