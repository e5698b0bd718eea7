"""Gradient descent, and the finite-difference check that keeps gradients honest."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.validation import as_float_array, check_positive


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
    check_positive(eps, "eps")
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
    check_positive(lr, "lr")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a non-negative integer, got {steps}")
    x = as_float_array(x0, "x0").astype(np.float64)
    path = [x]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(steps)):
            x = x - lr * np.asarray(grad(x), dtype=np.float64)
            path.append(x)
    return np.array(path)
