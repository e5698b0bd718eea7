r"""Gradient descent: step downhill, :math:`\theta \leftarrow \theta - \eta \nabla L(\theta)`.

:func:`gradient_descent` makes full-batch ``steps``; :func:`minibatch_sgd` makes one step per
batch for a number of ``epochs`` (passes over the data) and is the book's one training loop:
the models of :mod:`descent.models` train with it. :func:`numerical_gradient` checks a
gradient written by hand, and :func:`learning_rate_verdict` says what a learning rate does.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.data import minibatches
from descent.validation import as_float_array, require_positive


def gradient_descent(
    grad: Callable[[NDArray], ArrayLike], x0: ArrayLike, lr: float, steps: int
) -> NDArray:
    r"""Make ``steps`` updates :math:`x \leftarrow x - \eta \nabla f(x)` from ``x0``.

    ``grad(x)`` returns the gradient of the function to minimise, ``lr`` is the learning
    rate :math:`\eta` (学习率). Returns every point visited, ``x0`` first: an array of shape
    ``(steps + 1, *x0.shape)``. With too large a rate the path runs off to infinity: a
    result worth seeing, not an error.

    >>> gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, steps=3)  # f(x) = x^2
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    require_positive(lr, "lr")
    x = as_float_array(x0, "x0")
    path = [x]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            x = x - lr * np.asarray(grad(x))
            path.append(x)
    return np.array(path)


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

    Each epoch shuffles the samples (with seed ``seed + epoch``), cuts them into batches
    (:func:`descent.data.minibatches`) and makes one update
    :math:`\theta \leftarrow \theta - \eta \nabla_\theta L_{\text{batch}}(\theta)` per batch.
    ``batch_size=None`` puts all samples in one batch (batch gradient descent),
    ``batch_size=1`` one sample (stochastic gradient descent).

    ``grad(params, X_batch, y_batch)`` returns the gradient of the loss on a batch, shaped
    like ``params``; ``loss(params, X, y)`` returns the loss on all the data, recorded before
    training and after every epoch. ``X`` has one row per sample; ``y`` as many rows, of any
    shape and dtype (labels stay integers).

    Returns ``path``, the parameters before training and after every update (shape
    ``(updates + 1, *params0.shape)``), and ``losses``, shape ``(epochs + 1,)``. Like the
    path, the loss may run off to infinity if the learning rate is too large.

    Fit :math:`\hat y = w x` to the points (1, 2), (2, 4), (3, 6), one batch per epoch:

    >>> x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    >>> path, losses = minibatch_sgd(
    ...     lambda w, xb, yb: np.mean(2 * (w * xb - yb) * xb),
    ...     lambda w, xb, yb: np.mean((w * xb - yb) ** 2),
    ...     1.0, x, y, lr=0.1, epochs=2)
    >>> path.round(4), losses.round(2)
    (array([1.    , 1.9333, 1.9956]), array([4.67, 0.02, 0.  ]))
    """
    require_positive(lr, "lr")
    X, y = as_float_array(X, "X"), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
    params = as_float_array(params0, "params0")
    path, losses = [params], [float(loss(params, X, y))]
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs):
            size = len(X) if batch_size is None else batch_size
            for X_batch, y_batch in minibatches(X, y, size, seed=seed + epoch):
                params = params - lr * np.asarray(grad(params, X_batch, y_batch))
                path.append(params)
            losses.append(float(loss(params, X, y)))
    return np.array(path), np.array(losses)


def numerical_gradient(f: Callable[[NDArray], float], x: ArrayLike, eps: float = 1e-6) -> NDArray:
    r"""Estimate the gradient of ``f`` at ``x`` by central differences.

    Each partial derivative is :math:`\frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}`,
    whose error shrinks like :math:`\epsilon^2`. Use it to test a gradient written by hand,
    never to train: it costs two evaluations of ``f`` per parameter.

    >>> numerical_gradient(lambda v: float(v @ v), [1.0, -2.0]).round(6)
    array([ 2., -4.])
    """
    x = as_float_array(x, "x").astype(np.float64)  # float32 would round the tiny step away
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):  # one coordinate at a time
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def learning_rate_verdict(lr: float, critical_lr: float) -> str:
    r"""What gradient descent with learning rate ``lr`` does on a quadratic loss.

    On a quadratic such as the MSE of :math:`\hat y = w x`, every step multiplies the
    distance to the minimum by :math:`r = 1 - 2\eta / \eta_c`, where :math:`\eta_c` is the
    critical learning rate (:math:`1 / \operatorname{mean}(x^2)` for that MSE). So the run
    converges steadily if :math:`0 \le r < 1` (:math:`\eta \le \eta_c / 2`), converges,
    oscillating, if :math:`-1 < r < 0`, bounces between two points forever if :math:`r = -1`
    (:math:`\eta = \eta_c` up to rounding), and diverges if :math:`r < -1`. The verdict is
    worded to follow "the run".

    >>> [learning_rate_verdict(lr, critical_lr=1.0) for lr in (0.3, 0.7)]
    ['converges steadily', 'converges, oscillating']
    >>> [learning_rate_verdict(lr, critical_lr=1.0) for lr in (1.0, 1.2)]
    ['bounces between two points forever', 'diverges']
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
