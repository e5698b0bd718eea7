r"""Exercises of chapter 3, gradient descent.

Two models of the chapter: the line through the origin :math:`\hat y = w x` and the line
with a bias :math:`\hat y = w x + b`, both fitted by the mean squared error. For the second,
the loss is a quadratic bowl in :math:`(w, b)` whose Hessian (海森矩阵) is

.. math::

    H = 2 \begin{pmatrix} \overline{x^2} & \bar x \\ \bar x & 1 \end{pmatrix},

and gradient descent with learning rate :math:`\eta` multiplies the error along each
eigenvector of :math:`H` by :math:`1 - \eta \lambda`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.data import synthetic_linear, toy_points
from descent.exercises.base import Exercise, Mistake, PropertyExercise, ValueExercise
from descent.optim import gradient_descent, minibatch_sgd


def mse_slope_gradient(w: float, x: ArrayLike, y: ArrayLike) -> float:
    r"""The derivative of the MSE of :math:`\hat y = w x` with respect to its slope ``w``.

    :math:`\frac{dL}{dw} = \frac1n \sum_i 2 (w x_i - y_i) x_i`.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(2 * (w * x - y) * x))


def descend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    r"""Gradient descent :math:`w \leftarrow w - \eta \frac{dL}{dw}`: every weight visited."""
    return gradient_descent(lambda w: mse_slope_gradient(w, x, y), w0, lr, steps)


def hessian_wb(x: ArrayLike) -> NDArray:
    r"""The Hessian of the MSE of :math:`\hat y = w x + b` in :math:`(w, b)`; it ignores ``y``."""
    x = np.asarray(x, dtype=float)
    return 2 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])


def critical_learning_rate(x: ArrayLike) -> float:
    r"""The rate :math:`2 / \lambda_{\max}(H)` above which descent on :math:`(w, b)` diverges."""
    return float(2 / np.linalg.eigvalsh(hessian_wb(x))[-1])


def best_learning_rate(x: ArrayLike) -> float:
    r"""The fixed rate :math:`2 / (\lambda_{\min} + \lambda_{\max})` that contracts fastest.

    For a 2 x 2 Hessian the two eigenvalues add up to its trace,
    :math:`2\,(\overline{x^2} + 1)`, so the rate is :math:`1 / (\overline{x^2} + 1)`.
    """
    return float(1 / (np.mean(np.asarray(x, dtype=float) ** 2) + 1))


# gd-steps-to-tolerance: on the toy points, from w0 = 0 with rate 0.2, how many steps until
# |w_t - w*| <= 1e-6?  w_t - w* = r^t (w0 - w*) with r = 1 - 2 lr mean(x^2) = -13/15.
_x, _y = toy_points()
_STEP_RATE, _STEP_START, _STEP_TOLERANCE = 0.2, 0.0, 1e-6
_r = 1 - 2 * _STEP_RATE * float(np.mean(_x**2))
_distance = abs(_STEP_START - 2.0)
STEPS_TO_TOLERANCE = math.ceil(math.log(_STEP_TOLERANCE / _distance) / math.log(abs(_r)))

# gd-noise-floor: the noisy line of the chapter's section on mini-batches.
_X_noisy, _y_noisy = synthetic_linear([2.0], -1.0, n=100, noise=0.5, seed=1)
_x_noisy = _X_noisy[:, 0]
_design = np.stack([_x_noisy, np.ones_like(_x_noisy)], axis=1)
_best_wb = np.linalg.lstsq(_design, _y_noisy, rcond=None)[0]


def _mse_wb(params: NDArray, x: NDArray, y: NDArray) -> float:
    return float(np.mean((params[0] * x + params[1] - y) ** 2))


def _grad_wb(params: NDArray, x: NDArray, y: NDArray) -> NDArray:
    error = params[0] * x + params[1] - y
    return np.array([np.mean(2 * error * x), np.mean(2 * error)])


_BEST_LOSS = _mse_wb(_best_wb, _x_noisy, _y_noisy)


def _mean_excess_loss(lr: float, seed: int, batch_size: int | None) -> float:
    path, _ = minibatch_sgd(
        _grad_wb,
        _mse_wb,
        _best_wb,
        _x_noisy,
        _y_noisy,
        lr=lr,
        epochs=5,
        batch_size=batch_size,
        seed=seed,
    )
    losses = np.mean((path[1:, :1] * _x_noisy + path[1:, 1:] - _y_noisy) ** 2, axis=1)
    return float(np.mean(losses) - _BEST_LOSS)


def sgd_noise_floor(lr: float, seed: int) -> float:
    """SGD (one sample per update) from the least-squares line, 5 epochs at rate ``lr``.

    Returns the mean, over the 500 updates, of the loss on all the data minus the
    least-squares loss: how far above the minimum the constant-rate walk stays.
    """
    return _mean_excess_loss(lr, seed, batch_size=1)


_FLOOR_RATES, _FLOOR_SEEDS = (0.005, 0.02, 0.08), (3, 11)


def _judge_noise_floor(answer: object) -> str | None:
    if not callable(answer):
        return f"expected a function sgd_noise_floor(lr, seed), got {type(answer).__name__}"
    for seed in _FLOOR_SEEDS:
        floors = [float(answer(lr, seed)) for lr in _FLOOR_RATES]
        where = f"with seed {seed}, rates {_FLOOR_RATES} gave {np.round(floors, 6).tolist()}"
        if not np.all(np.isfinite(floors)):
            return f"{where}: not finite. Hint: keep the rates as given; check the update."
        if max(abs(v) for v in floors) < 1e-9:
            return (
                f"{where}: no noise at all. Hint: full-batch steps from the least-squares "
                "line stay there; use one sample per update (batch_size=1)."
            )
        if floors[0] > floors[-1]:
            return (
                f"{where}: the smallest rate stays highest, which is the slow approach from "
                "a distant start, not the floor. Hint: start at the least-squares line "
                "best_wb, so that only the noise of the updates remains."
            )
        if floors[0] > 0.5 * _BEST_LOSS:
            return (
                f"{where}: far too large. Hint: subtract the least-squares loss "
                f"({_BEST_LOSS:.4f}); the floor is the excess over the minimum."
            )
        if min(floors) <= 0:
            return f"{where}: an excess loss over the minimum cannot be negative."
        if not floors[0] < floors[1] < floors[2] or floors[2] < 4 * floors[0]:
            return (
                f"{where}: the floor should grow clearly with the rate. Hint: does every "
                "update use the rate lr you were given?"
            )
    return None


def _noise_floor_from_far(lr: float, seed: int) -> float:
    """The same measurement started at (-1, 3), far from the minimum."""
    path, _ = minibatch_sgd(
        _grad_wb,
        _mse_wb,
        np.array([-1.0, 3.0]),
        _x_noisy,
        _y_noisy,
        lr=lr,
        epochs=5,
        batch_size=1,
        seed=seed,
    )
    losses = np.mean((path[1:, :1] * _x_noisy + path[1:, 1:] - _y_noisy) ** 2, axis=1)
    return float(np.mean(losses) - _BEST_LOSS)


def fixed_training_loop(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    """The repaired PyTorch loop: gradient descent on the MSE of y = w x, every w visited."""
    import torch  # only this exercise needs PyTorch

    x_t, y_t = torch.as_tensor(x, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)
    w = torch.tensor(float(w0), dtype=torch.float64, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = ((w * x_t - y_t) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None  # the repair: forget this step's gradient
        path.append(w.item())
    return np.array(path)


def broken_training_loop(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    """The loop as the exercise shows it: it never resets ``w.grad``."""
    import torch

    x_t, y_t = torch.as_tensor(x, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)
    w = torch.tensor(float(w0), dtype=torch.float64, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = ((w * x_t - y_t) ** 2).mean()
        loss.backward()  # adds to w.grad: the sum of all gradients so far
        with torch.no_grad():
            w -= lr * w.grad
        path.append(w.item())
    return np.array(path)


def _zeroed_before_the_update(
    x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int
) -> NDArray:
    """Resets the gradient between backward() and the update: w never moves."""
    return np.full(steps + 1, float(w0))


def _stale_descend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    """Every step uses the gradient at the start."""
    return w0 - lr * mse_slope_gradient(w0, x, y) * np.arange(steps + 1)


def _descend_without_lr(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    """Steps of the whole gradient."""
    return descend(x, y, w0, 1.0, steps)


def _ascend(x: ArrayLike, y: ArrayLike, w0: float, lr: float, steps: int) -> NDArray:
    """Steps uphill."""
    return gradient_descent(lambda w: -mse_slope_gradient(w, x, y), w0, lr, steps)


def _eigenvalues(x: ArrayLike) -> NDArray:
    return np.linalg.eigvalsh(hessian_wb(x))


_x2, _y2 = np.array([0.5, -1.0, 2.0]), np.array([1.0, 1.0, -3.0])

CHAPTER = "03_gradient_descent"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="gd-mse-gradient",
        level=1,
        kind="implement",
        title="The derivative of the MSE",
        solution=mse_slope_gradient,
        rtol=1e-4,  # a float32 answer (PyTorch's default dtype) is right too
        atol=1e-4,
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
        title="Gradient descent from scratch",
        solution=descend,
        rtol=1e-4,
        atol=1e-5,
        cases=(
            (_x, _y, 1.0, 0.01, 5),
            (_x2, _y2, 0.0, 0.1, 3),
            (_x, _y, 3.0, 0.3, 4),  # a learning rate above the critical one: diverges
            (_x, _y, 3.0, 0.05, 0),  # no steps: just the start
        ),
        mistakes={
            "no start": Mistake(
                lambda x, y, w0, lr, steps: descend(x, y, w0, lr, steps)[1:],
                "the path starts with w0: return steps + 1 weights, the start included.",
            ),
            "final only": Mistake(
                lambda x, y, w0, lr, steps: descend(x, y, w0, lr, steps)[-1],
                "return every weight visited (an array of steps + 1 numbers), not only "
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
    ValueExercise(
        id="gd-steps-to-tolerance",
        level=2,
        kind="predict",
        title="How many steps?",
        solution=STEPS_TO_TOLERANCE,
        rtol=0.0,
        atol=0.1,
        mistakes={
            "forgot the starting distance": Mistake(
                math.ceil(math.log(_STEP_TOLERANCE) / math.log(abs(_r))),
                "the error starts at |w0 - w*| = 2, not 1: solve |r|^t * 2 <= 1e-6.",
            ),
            "rounded down": Mistake(
                STEPS_TO_TOLERANCE - 1,
                "after that many steps the error is still just above 1e-6: round t up "
                "(ceil), not down.",
            ),
            "loss factor": Mistake(
                math.ceil(math.log(_STEP_TOLERANCE / _distance) / math.log(_r**2)),
                "r^2 shrinks the loss; the distance |w_t - w*| shrinks by |r| per step.",
            ),
            "forgot the 2 in r": Mistake(
                math.ceil(
                    math.log(_STEP_TOLERANCE / _distance)
                    / math.log(abs(1 - _STEP_RATE * float(np.mean(_x**2))))
                ),
                "the factor is r = 1 - 2 lr mean(x^2): the derivative of the MSE has a 2.",
            ),
        },
    ),
    Exercise(
        id="gd-critical-lr",
        level=2,
        kind="derive",
        title="The critical learning rate of y = w x + b",
        solution=critical_learning_rate,
        rtol=1e-4,  # float32 eigenvalues are right too
        cases=(
            (_x,),
            (np.array([1.0, -1.0, 2.0]),),
            (np.array([-2.0, 0.0, 2.0, 4.0]),),
            (np.array([0.5]),),  # one sample: the Hessian is singular, its top eigenvalue is not
        ),
        mistakes={
            "one parameter": Mistake(
                lambda x: 1 / np.mean(np.asarray(x) ** 2),
                "that is the critical rate of y = w x, without the bias. With b the Hessian "
                "is 2 x 2, [[2 mean(x^2), 2 mean(x)], [2 mean(x), 2]]: use its largest "
                "eigenvalue.",
            ),
            "forgot the 2 of the Hessian": Mistake(
                lambda x: 2 * critical_learning_rate(x),
                "off by a factor of 2: the second derivative of (w x + b - y)^2 carries a "
                "2, so the Hessian is 2 [[mean(x^2), mean(x)], [mean(x), 1]].",
            ),
            "one-step rate": Mistake(
                lambda x: critical_learning_rate(x) / 2,
                "1 / lambda_max makes the steepest direction's factor 1 - lr lambda equal "
                "0; divergence starts where it reaches -1, at 2 / lambda_max.",
            ),
            "smallest eigenvalue": Mistake(
                lambda x: 2 / _eigenvalues(x)[0],
                "every direction must stay stable: the steepest one, with the largest "
                "eigenvalue, is the first to diverge.",
            ),
        },
    ),
    Exercise(
        id="gd-best-rate",
        level=2,
        kind="derive",
        title="The best fixed learning rate",
        solution=best_learning_rate,
        rtol=1e-4,  # float32 eigenvalues are right too
        cases=(
            (_x,),
            (np.array([1.0, -1.0, 2.0]),),
            (np.array([-2.0, 0.0, 2.0, 4.0]),),
            (np.array([0.1, 0.2, 0.4]),),
        ),
        mistakes={
            "critical rate": Mistake(
                critical_learning_rate,
                "at 2 / lambda_max the steepest direction bounces forever (factor -1): "
                "that rate is the edge of divergence, not the fastest.",
            ),
            "one over lambda_max": Mistake(
                lambda x: critical_learning_rate(x) / 2,
                "1 / lambda_max is safe, but the slow direction then shrinks only by "
                "1 - lambda_min / lambda_max; balance the two factors |1 - lr lambda_min| "
                "and |1 - lr lambda_max| instead.",
            ),
            "one-parameter optimum": Mistake(
                lambda x: 1 / (2 * np.mean(np.asarray(x) ** 2)),
                "that is the one-step rate of y = w x; with the bias there are two "
                "eigenvalues to balance.",
            ),
            "forgot the 2 of the Hessian": Mistake(
                lambda x: 2 * best_learning_rate(x),
                "off by a factor of 2: the Hessian is 2 [[mean(x^2), mean(x)], [mean(x), 1]].",
            ),
        },
    ),
    Exercise(
        id="gd-zero-grad",
        level=2,
        kind="debug",
        title="Repair the training loop",
        solution=fixed_training_loop,
        cases=(
            (_x, _y, 1.0, 0.01, 5),
            (_x2, _y2, 0.0, 0.1, 4),
            (_x, _y, 1.0, 0.05, 1),  # one step: the bug cannot show yet
            (_x, _y, 3.0, 0.05, 0),
        ),
        rtol=1e-4,  # a float32 loop is right too
        atol=1e-6,
        needs_torch=True,
        mistakes={
            "gradients accumulate": Mistake(
                broken_training_loop,
                "backward() adds to w.grad, so from the second step on you subtract the "
                "sum of all gradients so far: reset it every step (w.grad = None or "
                "w.grad.zero_()).",
            ),
            "reset before the update": Mistake(
                _zeroed_before_the_update,
                "w never moves: you reset the gradient between backward() and the "
                "update. Reset it after the update (or before backward()).",
            ),
        },
    ),
    PropertyExercise(
        id="gd-noise-floor",
        level=3,
        kind="experiment",
        title="The noise floor of SGD",
        solution=sgd_noise_floor,
        judge=_judge_noise_floor,
        mistakes={
            "total loss": Mistake(
                lambda lr, seed: sgd_noise_floor(lr, seed) + _BEST_LOSS,
                "subtract the least-squares loss",
            ),
            "full batch": Mistake(
                lambda lr, seed: _mean_excess_loss(lr, seed, batch_size=None),
                "use one sample per update (batch_size=1)",
            ),
            "a fixed rate": Mistake(
                lambda lr, seed: sgd_noise_floor(0.02, seed),
                "does every update use the rate lr you were given?",
            ),
            "far start": Mistake(
                _noise_floor_from_far,
                "start at the least-squares line best_wb",
            ),
        },
    ),
]
