r"""Exercises of chapter 3, gradient descent.

All three are about the chapter's first model, the line through the origin
:math:`\hat y = w x` fitted by the mean squared error
:math:`L(w) = \frac1n \sum_i (w x_i - y_i)^2`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.data import toy_points
from descent.exercises.base import Exercise, Mistake
from descent.optim import gradient_descent


def mse_gradient(w: float, x: ArrayLike, y: ArrayLike) -> float:
    r"""The derivative :math:`\frac{dL}{dw} = \frac1n \sum_i 2 (w x_i - y_i) x_i`."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(2 * (w * x - y) * x))


def descend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, epochs: int) -> NDArray:
    r"""Gradient descent :math:`w \leftarrow w - \eta \frac{dL}{dw}`: every weight visited."""
    return gradient_descent(lambda w: mse_gradient(w, x, y), w0, lr, epochs)


def critical_learning_rate(x: ArrayLike) -> float:
    r"""The learning rate :math:`1 / \operatorname{mean}(x^2)` above which descent diverges."""
    return float(1 / np.mean(np.asarray(x, dtype=float) ** 2))


def _stale_descend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, epochs: int) -> NDArray:
    """Every step uses the gradient at the start."""
    return w0 - lr * mse_gradient(w0, x, y) * np.arange(epochs + 1)


def _descend_without_lr(x: ArrayLike, y: ArrayLike, w0: float, lr: float, epochs: int) -> NDArray:
    """Steps of the whole gradient."""
    return descend(x, y, w0, 1.0, epochs)


def _ascend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, epochs: int) -> NDArray:
    """Steps uphill."""
    return gradient_descent(lambda w: -mse_gradient(w, x, y), w0, lr, epochs)


_x, _y = toy_points()
_x2, _y2 = np.array([0.5, -1.0, 2.0]), np.array([1.0, 1.0, -3.0])

CHAPTER = "03_gradient_descent"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="gd-mse-gradient",
        level=1,
        kind="implement",
        title="The derivative of the MSE",
        solution=mse_gradient,
        cases=(
            (1.0, _x, _y),
            (2.0, _x, _y),  # at the minimum the derivative is 0
            (-0.5, _x2, _y2),
            (3.0, np.array([2.0]), np.array([1.0])),  # a single sample
        ),
        mistakes={
            "forgot the 2": Mistake(
                lambda w, x, y: np.mean((w * x - y) * x),
                "off by a factor of 2: the derivative of e^2 is 2 e.",
            ),
            "forgot the inner derivative": Mistake(
                lambda w, x, y: np.mean(2 * (w * x - y)),
                "chain rule: the derivative of (w x - y)^2 with respect to w is "
                "2 (w x - y) times the derivative of w x - y, which is x.",
            ),
            "sum": Mistake(
                lambda w, x, y: np.sum(2 * (w * x - y) * x),
                "off by a factor of n: the loss is a mean, so its derivative is a mean too.",
            ),
            "truth minus prediction": Mistake(
                lambda w, x, y: np.mean(2 * (y - w * x) * x),
                "the sign is flipped: differentiate (w x - y)^2, whose inner derivative is "
                "+x; (y - w x)^2 is the same loss, but then the inner derivative is -x.",
            ),
        },
    ),
    Exercise(
        id="gd-descend",
        level=1,
        kind="implement",
        title="Gradient descent on y = w x",
        solution=descend,
        cases=(
            (_x, _y, 1.0, 0.01, 5),
            (_x2, _y2, 0.0, 0.1, 3),
            (_x, _y, 3.0, 0.3, 4),  # a learning rate above the critical one: diverges
            (_x, _y, 3.0, 0.05, 0),  # no epochs: just the start
        ),
        mistakes={
            "no start": Mistake(
                lambda x, y, w0, lr, epochs: descend(x, y, w0, lr, epochs)[1:],
                "the path starts with w0: return epochs + 1 weights, the start included.",
            ),
            "final only": Mistake(
                lambda x, y, w0, lr, epochs: descend(x, y, w0, lr, epochs)[-1],
                "return every weight visited (an array of epochs + 1 numbers), not only "
                "the last one.",
            ),
            "ascent": Mistake(
                _ascend,
                "your steps go uphill: subtract the gradient, w - lr * gradient.",
            ),
            "stale gradient": Mistake(
                _stale_descend,
                "every step must use the gradient at the current w: recompute it inside the loop.",
            ),
            "no learning rate": Mistake(
                _descend_without_lr,
                "multiply the gradient by the learning rate lr before subtracting it.",
            ),
        },
    ),
    Exercise(
        id="gd-critical-lr",
        level=1,
        kind="implement",
        title="The critical learning rate",
        solution=critical_learning_rate,
        cases=(
            (_x,),
            (np.array([1.0, -1.0, 2.0]),),
            (np.array([-2.0, 0.0, 2.0, 4.0]),),
            (np.array([0.5]),),
        ),
        mistakes={
            "one-step rate": Mistake(
                lambda x: 1 / (2 * np.mean(np.asarray(x) ** 2)),
                "that is the rate at which one step lands exactly on the minimum (factor 0); "
                "divergence starts where the factor 1 - 2 lr mean(x^2) reaches -1.",
            ),
            "forgot the 2": Mistake(
                lambda x: 2 / np.mean(np.asarray(x) ** 2),
                "off by a factor of 2: the gradient is 2 mean(x^2) (w - w*), so the factor "
                "is 1 - 2 lr mean(x^2).",
            ),
            "sum": Mistake(
                lambda x: 1 / np.sum(np.asarray(x) ** 2),
                "off by a factor of n: the loss is a mean, so use mean(x^2), not the sum.",
            ),
            "square of the mean": Mistake(
                lambda x: 1 / np.mean(np.asarray(x)) ** 2,
                "square each x first, then average: mean(x^2), not mean(x)^2.",
            ),
        },
    ),
]
