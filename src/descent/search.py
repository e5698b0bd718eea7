"""Exhaustive grid search: try every combination of parameter values, keep the best.

Two ways to fill a grid of losses:

* :func:`grid_search` calls any loss function once per grid point (a Python loop over the
  grid, so it works for every loss but is slow);
* :func:`loss_surface` computes the mean squared error of the line ``y = w x + b`` for a
  whole ``(w, b)`` grid at once with NumPy broadcasting (no Python loop at all).

:func:`best_on_grid` then finds the grid point with the smallest loss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.validation import as_float_array, require_same_shape


class GridSearchResult(NamedTuple):
    """The outcome of a grid search.

    Attributes
    ----------
    point : tuple of float
        The best grid point, one value per axis.
    loss : float
        The loss at that point, the smallest on the grid.
    loss_grid : numpy.ndarray
        The loss at every grid point; ``loss_grid[i, j, ...]`` belongs to
        ``(axes[0][i], axes[1][j], ...)``.
    """

    point: tuple[float, ...]
    loss: float
    loss_grid: NDArray


def _axes(axes: tuple[ArrayLike, ...]) -> list[NDArray]:
    if not axes:
        raise ValueError("give at least one axis: the values to try for each parameter")
    return [as_float_array(axis, f"axes[{k}]", ndim=1) for k, axis in enumerate(axes)]


def best_on_grid(loss_grid: ArrayLike, *axes: ArrayLike) -> GridSearchResult:
    """Find the grid point with the smallest loss.

    Parameters
    ----------
    loss_grid : array_like
        The loss at every grid point, of shape ``(len(axes[0]), len(axes[1]), ...)``.
        Infinite losses are allowed (they are never the best); NaN is not.
    *axes : array_like, each of shape (k_i,)
        The values tried for each parameter, in the order of ``loss_grid``'s axes.

    Returns
    -------
    GridSearchResult
        The best point, its loss and ``loss_grid``. Ties go to the first point in
        grid order (the one ``np.argmin`` finds).

    Examples
    --------
    >>> best_on_grid([[3.0, 1.0], [2.0, 5.0]], [0.0, 1.0], [10.0, 20.0]).point
    (0.0, 20.0)
    """
    axes_ = _axes(axes)
    grid = np.asarray(loss_grid, dtype=np.float64)
    shape = tuple(len(axis) for axis in axes_)
    if grid.shape != shape:
        raise ValueError(
            f"loss_grid must have shape {shape}, one axis per parameter, got {grid.shape}; "
            "a transposed grid often comes from np.meshgrid without indexing='ij'"
        )
    if np.any(np.isnan(grid)):
        raise ValueError("loss_grid contains NaN: the loss is undefined at some grid point")
    index = np.unravel_index(np.argmin(grid), grid.shape)  # flat position -> (i, j, ...)
    point = tuple(float(axis[i]) for axis, i in zip(axes_, index, strict=True))
    return GridSearchResult(point, float(grid[index]), grid)


def grid_search(loss: Callable[..., float], *axes: ArrayLike) -> GridSearchResult:
    """Evaluate ``loss`` at every point of a grid and return the best point.

    The grid holds every combination of one value from each axis, so it has
    ``len(axes[0]) * len(axes[1]) * ...`` points: with ``k`` values for each of ``d``
    parameters, ``k**d`` calls of ``loss``.

    Parameters
    ----------
    loss : callable
        Called as ``loss(v0, v1, ...)`` with one float per axis; returns a number.
    *axes : array_like, each of shape (k_i,)
        The values to try for each parameter.

    Returns
    -------
    GridSearchResult
        ``(point, loss, loss_grid)``: the best point, its loss, and the loss at every
        grid point (``loss_grid[i, j]`` is ``loss(axes[0][i], axes[1][j])``).

    Examples
    --------
    >>> result = grid_search(lambda w: (w - 2.0) ** 2, [0.0, 1.0, 2.0, 3.0])
    >>> result.point, result.loss
    ((2.0,), 0.0)
    """
    axes_ = _axes(axes)
    loss_grid = np.empty(tuple(len(axis) for axis in axes_))
    for index in np.ndindex(loss_grid.shape):  # every combination (i, j, ...) of positions
        point = [float(axis[i]) for axis, i in zip(axes_, index, strict=True)]
        value = float(loss(*point))
        if np.isnan(value):
            raise ValueError(f"loss returned NaN at the grid point {tuple(point)}")
        loss_grid[index] = value
    return best_on_grid(loss_grid, *axes_)


def loss_surface(x: ArrayLike, y: ArrayLike, ws: ArrayLike, bs: ArrayLike) -> NDArray:
    r"""Mean squared error of the line ``y = w x + b`` for every ``(w, b)`` on a grid.

    Broadcasting does all the work: ``ws`` becomes shape ``(k_w, 1, 1)``, ``bs``
    ``(1, k_b, 1)`` and ``x`` ``(n,)``, so ``w * x + b`` holds every prediction of every
    line, shape ``(k_w, k_b, n)``; averaging the squared errors over the last axis leaves
    one MSE per grid point. The intermediate array has ``k_w * k_b * n`` entries.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        One feature and its targets.
    ws, bs : array_like, shapes (k_w,) and (k_b,)
        The slopes and the intercepts to try.

    Returns
    -------
    numpy.ndarray, shape (k_w, k_b)
        ``surface[i, j]`` is :math:`\frac1n \sum_t (w_i x_t + b_j - y_t)^2`, the same
        number as ``descent.losses.mse(ws[i] * x + bs[j], y)`` (rows follow ``w``, as
        ``np.meshgrid(ws, bs, indexing="ij")`` would).

    Examples
    --------
    >>> loss_surface([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 2.0], [0.0, 1.0])
    array([[4.66666667, 1.66666667],
           [0.        , 1.        ]])
    """
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    require_same_shape(x, y, "x", "y")
    ws = as_float_array(ws, "ws", ndim=1)
    bs = as_float_array(bs, "bs", ndim=1)
    predictions = ws[:, np.newaxis, np.newaxis] * x + bs[np.newaxis, :, np.newaxis]
    return np.mean((predictions - y) ** 2, axis=-1)
