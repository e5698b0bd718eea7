"""Exercises of chapter 2, exhaustive search."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import search
from descent.data import synthetic_linear, toy_points
from descent.exercises.base import Exercise, Mistake


def make_grid(start: float, stop: float, step: float) -> NDArray:
    """The values ``start, start + step, ..., stop``, both ends included.

    ``(stop - start) / step`` is a whole number up to rounding error, so it is rounded,
    never truncated, and ``np.linspace`` places both ends exactly.
    """
    count = round((stop - start) / step) + 1
    return np.linspace(start, stop, count)


def mse_curve(x: ArrayLike, y: ArrayLike, ws: ArrayLike) -> NDArray:
    """The MSE of the line ``y = w x`` for every ``w`` in ``ws``, by broadcasting."""
    x, y, ws = np.asarray(x), np.asarray(y), np.asarray(ws)
    predictions = ws[:, np.newaxis] * x  # shape (k, n): one row per w
    return np.mean((predictions - y) ** 2, axis=1)


def best_point(surface: ArrayLike, ws: ArrayLike, bs: ArrayLike) -> NDArray:
    """The ``[w, b]`` of the smallest entry of ``surface[i, j]`` (rows follow ``ws``)."""
    return np.array(search.best_on_grid(surface, ws, bs).point)


def log10_grid_points(sizes: ArrayLike) -> float:
    """``log10`` of the number of points of a grid with ``sizes[i]`` values on axis ``i``.

    The number of points is the product of the sizes, which overflows for many axes;
    the logarithm of a product is the sum of the logarithms, which does not.
    """
    return float(np.sum(np.log10(sizes)))


def _log10_of_product(sizes: ArrayLike) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.log10(np.prod(sizes)))


def _mse_of_everything(x: ArrayLike, y: ArrayLike, ws: ArrayLike) -> float:
    predictions = np.asarray(ws)[:, np.newaxis] * np.asarray(x)
    return float(np.mean((predictions - y) ** 2))


def _best_indices(surface: ArrayLike, ws: ArrayLike, bs: ArrayLike) -> NDArray:
    surface = np.asarray(surface)
    return np.array(np.unravel_index(np.argmin(surface), surface.shape), dtype=float)


def _swapped(surface: ArrayLike, ws: ArrayLike, bs: ArrayLike) -> NDArray:
    surface = np.asarray(surface)
    i, j = np.unravel_index(np.argmin(surface), surface.shape)
    return np.array([np.asarray(ws)[j], np.asarray(bs)[i]])


def _worst(surface: ArrayLike, ws: ArrayLike, bs: ArrayLike) -> NDArray:
    surface = np.asarray(surface)
    i, j = np.unravel_index(np.argmax(surface), surface.shape)
    return np.array([np.asarray(ws)[i], np.asarray(bs)[j]])


_toy_x, _toy_y = toy_points()
_X, _y_noisy = synthetic_linear([1.5], 0.8, n=7, noise=0.5, seed=3)
_x_noisy = _X[:, 0]

# A 3 x 3 grid whose minimum is off the diagonal, at w = 2.0, b = -1.0 (row 1, column 0).
_ws_square, _bs_square = np.array([1.5, 2.0, 2.5]), np.array([-1.0, 0.0, 1.0])
_surface_square = np.array([[4.0, 6.0, 8.0], [0.5, 3.0, 9.0], [7.0, 2.0, 5.0]])
# A 4 x 2 grid from real data, and a 1 x 1 grid.
_ws_tall, _bs_tall = np.linspace(0.5, 2.0, 4), np.array([0.0, 1.0])
_surface_tall = search.loss_surface(_x_noisy, _y_noisy, _ws_tall, _bs_tall)

CHAPTER = "02_exhaustive_search"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="search-grid",
        level=1,
        kind="implement",
        title="A grid that hits both ends",
        solution=make_grid,
        cases=(
            (0.0, 0.3, 0.1),
            (1.0, 1.3, 0.1),
            (0.0, 4.0, 0.1),
            (-1.0, 1.0, 0.5),
            (0.0, 0.7, 0.1),
            (2.0, 2.0, 0.1),
        ),
        mistakes={
            "arange": Mistake(
                lambda start, stop, step: np.arange(start, stop, step),
                "the last value is missing: np.arange(start, stop, step) stops before `stop` "
                "(and so does a loop `while w <= stop: w += step`, once rounding pushes w "
                "a hair past stop).",
            ),
            "truncated count": Mistake(
                lambda start, stop, step: np.linspace(start, stop, int((stop - start) / step) + 1),
                "one value too few: (stop - start) / step can come out as 2.9999999999999996, "
                "and int() truncates it to 2. Round it with round() instead.",
            ),
            "arange past stop": Mistake(
                lambda start, stop, step: np.arange(start, stop + step, step),
                "one value too many: np.arange(start, stop + step, step) sometimes includes "
                "stop + step too, because (stop + step - start) / step is a hair above a whole "
                "number. Count the values with round() and use np.linspace.",
            ),
        },
    ),
    Exercise(
        id="search-mse-curve",
        level=1,
        kind="implement",
        title="The MSE curve by broadcasting",
        solution=mse_curve,
        cases=(
            (_toy_x, _toy_y, np.array([0.0, 1.0, 2.0, 3.0])),
            (_x_noisy, _y_noisy, np.linspace(0.0, 3.0, 7)),
            (_toy_x, _toy_y, np.array([2.0])),
            (np.array([2.0]), np.array([-1.0]), np.array([-1.0, 0.5])),
        ),
        mistakes={
            "sum": Mistake(
                lambda x, y, ws: np.sum((np.asarray(ws)[:, np.newaxis] * x - y) ** 2, axis=1),
                "off by a factor of n: divide by the number of samples (np.mean, not np.sum).",
            ),
            "mean of everything": Mistake(
                _mse_of_everything,
                "you returned one number: np.mean without axis= averages over every w too. "
                "Average over the samples only (axis=1) to keep one MSE per w.",
            ),
            "wrong axis": Mistake(
                lambda x, y, ws: np.mean((np.asarray(ws)[:, np.newaxis] * x - y) ** 2, axis=0),
                "you averaged over the grid (axis=0) and kept one value per sample; average "
                "over the samples, axis=1, to keep one value per w.",
            ),
            "absolute": Mistake(
                lambda x, y, ws: np.mean(np.abs(np.asarray(ws)[:, np.newaxis] * x - y), axis=1),
                "that is the mean absolute error: square each error instead.",
            ),
        },
    ),
    Exercise(
        id="search-best-point",
        level=1,
        kind="implement",
        title="The best point of a loss surface",
        solution=best_point,
        cases=(
            (_surface_square, _ws_square, _bs_square),
            (_surface_tall, _ws_tall, _bs_tall),
            (np.array([[1.0]]), np.array([0.5]), np.array([-0.5])),
        ),
        mistakes={
            "indices": Mistake(
                _best_indices,
                "these are the positions (i, j) of the best entry; return the values "
                "ws[i] and bs[j] at those positions.",
            ),
            "swapped": Mistake(
                _swapped,
                "w and b are mixed up: rows of the surface follow ws (index i) and columns "
                "follow bs (index j), so the answer is [ws[i], bs[j]].",
            ),
            "argmax": Mistake(
                _worst,
                "that is the worst point: the best point has the smallest loss (np.argmin).",
            ),
        },
    ),
    Exercise(
        id="search-grid-points",
        level=1,
        kind="implement",
        title="How many grid points?",
        solution=log10_grid_points,
        cases=(
            (np.array([10, 10, 10]),),
            (np.array([51, 51]),),
            (np.array([41]),),
            (np.array([11, 26, 5]),),
            (np.full(1_000_000, 2),),
        ),
        mistakes={
            "sum of sizes": Mistake(
                lambda sizes: math.log10(np.sum(sizes)),
                "a grid is not a list of values: each axis MULTIPLIES the number of points "
                "(every value of one axis meets every value of the others), so the count is "
                "the product of the sizes.",
            ),
            "natural log": Mistake(
                lambda sizes: float(np.sum(np.log(sizes))),
                "that is the natural logarithm; use np.log10.",
            ),
            "product overflows": Mistake(
                _log10_of_product,
                "the product of the sizes overflowed (2**1000000 does not fit in a float or "
                "a 64-bit integer). Add the logarithms instead: log10(a b) = log10 a + log10 b.",
            ),
        },
    ),
]
