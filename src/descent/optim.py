"""Gradient descent, and the finite-difference check that keeps gradients honest."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.data import minibatches
from descent.validation import as_float_array, require_positive


def numerical_gradient(f: Callable[[NDArray], float], x: ArrayLike, eps: float = 1e-6) -> NDArray:
    r"""Estimate the gradient of ``f`` at ``x`` by central differences.

    Each partial derivative is :math:`\frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}`,
    whose error shrinks like :math:`\epsilon^2`. Use it to test an analytic gradient,
    never to train: it costs two evaluations of ``f`` per parameter.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a number.
    x : array_like
        The point at which to differentiate.
    eps : float, default 1e-6
        The step.

    Returns
    -------
    numpy.ndarray
        The gradient, of the same shape as ``x`` (float64).

    Examples
    --------
    >>> numerical_gradient(lambda v: float(v @ v), [1.0, -2.0]).round(6)
    array([ 2., -4.])
    """
    require_positive(eps, "eps")
    x = as_float_array(x, "x").astype(np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):  # one coordinate at a time
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def gradient_descent(
    grad: Callable[[NDArray], ArrayLike], x0: ArrayLike, lr: float, steps: int
) -> NDArray:
    r"""Run ``steps`` updates :math:`x \leftarrow x - \eta \nabla f(x)` and return the path.

    Parameters
    ----------
    grad : callable
        Returns the gradient of the function to minimise at a point.
    x0 : array_like
        The starting point.
    lr : float
        The learning rate :math:`\eta` (学习率), a positive number.
    steps : int
        How many updates to make.

    Returns
    -------
    numpy.ndarray, shape (steps + 1, *x0.shape)
        Every point visited, starting with ``x0``. The path may run off to infinity if
        the learning rate is too large: that is a result worth seeing, not an error.
    """
    require_positive(lr, "lr")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a non-negative integer, got {steps}")
    x = as_float_array(x0, "x0").astype(np.float64)
    path = [x]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(steps)):
            x = x - lr * np.asarray(grad(x), dtype=np.float64)
            path.append(x)
    return np.array(path)


def learning_rate_verdict(lr: float, critical_lr: float) -> str:
    r"""What gradient descent does on a quadratic loss with learning rate ``lr``.

    On a quadratic such as the MSE of :math:`\hat y = w x`, every step multiplies the
    distance to the minimum by :math:`r = 1 - 2\eta / \eta_c`, where :math:`\eta_c` is the
    critical learning rate (:math:`1 / \operatorname{mean}(x^2)` for that MSE). So the run

    - converges steadily if :math:`0 \le r < 1` (:math:`\eta \le \eta_c / 2`),
    - converges, oscillating, if :math:`-1 < r < 0`,
    - bounces between two points forever if :math:`r = -1` (:math:`\eta = \eta_c` exactly,
      up to rounding),
    - diverges if :math:`r < -1` (:math:`\eta > \eta_c`).

    Parameters
    ----------
    lr : float
        The learning rate :math:`\eta`, a positive number.
    critical_lr : float
        The critical learning rate :math:`\eta_c`, a positive number.

    Returns
    -------
    str
        The verdict, worded to follow "the run": ``"converges steadily"``,
        ``"converges, oscillating"``, ``"bounces between two points forever"`` or
        ``"diverges"``.

    Examples
    --------
    >>> learning_rate_verdict(0.3, critical_lr=1.0)
    'converges steadily'
    >>> learning_rate_verdict(0.7, critical_lr=1.0)
    'converges, oscillating'
    >>> learning_rate_verdict(1.0, critical_lr=1.0)
    'bounces between two points forever'
    >>> learning_rate_verdict(1.2, critical_lr=1.0)
    'diverges'
    """
    require_positive(lr, "lr")
    require_positive(critical_lr, "critical_lr")
    if math.isclose(lr, critical_lr, rel_tol=1e-9):
        return "bounces between two points forever"
    if lr > critical_lr:
        return "diverges"
    if lr > critical_lr / 2:
        return "converges, oscillating"
    return "converges steadily"


def minibatch_sgd(
    grad: Callable[[NDArray, NDArray, NDArray], ArrayLike],
    loss: Callable[[NDArray, NDArray, NDArray], float],
    params0: ArrayLike,
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
) -> tuple[NDArray, NDArray]:
    r"""Minibatch stochastic gradient descent (小批量随机梯度下降), with its history.

    Each epoch shuffles the samples (with seed ``seed + epoch``, as
    :class:`descent.models.LinearRegression` does), cuts them into batches with
    :func:`descent.data.minibatches`, and makes one update
    :math:`\theta \leftarrow \theta - \eta \nabla_\theta L_{\text{batch}}(\theta)` per batch.
    ``batch_size=None`` uses all samples in one batch (batch gradient descent), and
    ``batch_size=1`` one sample at a time (stochastic gradient descent).

    Parameters
    ----------
    grad : callable
        ``grad(params, X_batch, y_batch)`` returns the gradient of the loss on that batch
        with respect to ``params``, an array shaped like ``params``.
    loss : callable
        ``loss(params, X, y)`` returns the loss on the data as a number; it is recorded on
        all the data before training and after every epoch.
    params0 : array_like
        The starting parameters.
    X : array_like, shape (n, ...)
        Features; the first axis runs over samples.
    y : array_like, shape (n,)
        Targets.
    lr : float
        The learning rate :math:`\eta`, a positive number.
    epochs : int
        Passes over the data, a non-negative integer.
    batch_size : int or None, default None
        Samples per update; ``None`` means all of them.
    seed : int, default 0
        Seed of the order of the samples.

    Returns
    -------
    path : numpy.ndarray, shape (updates + 1, *params0.shape)
        The parameters before training and after every update.
    losses : numpy.ndarray, shape (epochs + 1,)
        The loss on all the data before training and after every epoch. Like the path, it
        may run off to infinity if the learning rate is too large.

    Examples
    --------
    Fit :math:`\hat y = w x` to the points (1, 2), (2, 4), (3, 6), one batch per epoch:

    >>> x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    >>> path, losses = minibatch_sgd(
    ...     lambda w, xb, yb: np.mean(2 * (w * xb - yb) * xb),
    ...     lambda w, xb, yb: np.mean((w * xb - yb) ** 2),
    ...     1.0, x, y, lr=0.1, epochs=2)
    >>> path.round(4)
    array([1.    , 1.9333, 1.9956])
    >>> losses.round(2)
    array([4.67, 0.02, 0.  ])
    """
    require_positive(lr, "lr")
    if int(epochs) != epochs or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs}")
    if batch_size is not None and (int(batch_size) != batch_size or batch_size < 1):
        raise ValueError(f"batch_size must be a positive integer or None, got {batch_size}")
    X = as_float_array(X, "X")
    y = as_float_array(y, "y", ndim=1)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} values")
    params = as_float_array(params0, "params0").astype(np.float64)
    batch_size = int(batch_size) if batch_size is not None else len(y)
    path, losses = [params], [float(loss(params, X, y))]
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(int(epochs)):
            for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, seed=seed + epoch):
                params = params - lr * np.asarray(grad(params, X_batch, y_batch), dtype=np.float64)
                path.append(params)
            losses.append(float(loss(params, X, y)))
    return np.array(path), np.array(losses)
