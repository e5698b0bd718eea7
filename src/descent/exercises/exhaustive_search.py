"""Exercises of chapter 2, exhaustive search."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import search
from descent.data import synthetic_linear, toy_points
from descent.exercises.base import (
    CheckFailed,
    Exercise,
    Mistake,
    PropertyExercise,
    ValueExercise,
    mismatch,
)


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


# The tilted valley of the exercise "search-tilted-valley": inputs with mean 10 and variance 1,
# least-squares line w* = 1.04, b* = 0.5. The excess loss of (w, b) over the minimum is
# (db + mean_x dw)^2 + var_x dw^2 with dw = w - w*, db = b - b*: on the grid of step 0.1 the
# valley term vanishes at b = b* - mean_x dw, so the grid trades a small error in w for a
# large one in b.
TILTED_MEAN_X, TILTED_VAR_X = 10.0, 1.0
TILTED_W, TILTED_B = 1.04, 0.5
TILTED_BEST_GRID_POINT = np.array([1.0, 0.9])


def random_search(
    loss: Callable[..., float], lows: ArrayLike, highs: ArrayLike, budget: int, seed: int
) -> NDArray:
    """The best of ``budget`` points drawn uniformly in the box ``[lows, highs]``.

    ``loss`` is called like :func:`descent.search.grid_search`'s, ``loss(v0, v1, ...)``,
    exactly ``budget`` times; the same ``seed`` gives the same points.
    """
    rng = np.random.default_rng(seed)
    points = rng.uniform(lows, highs, size=(budget, len(lows)))  # one row per point
    losses = [loss(*point) for point in points]
    return points[int(np.argmin(losses))]


def _log10_of_product(sizes: ArrayLike) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.log10(np.prod(sizes)))


def _log10_of_float_product(sizes: ArrayLike) -> float:
    with np.errstate(over="ignore"):
        return float(np.log10(np.prod(sizes, dtype=float)))


def _log10_of_integer_product(sizes: ArrayLike) -> float:
    with np.errstate(over="ignore"):
        return math.log10(math.prod(sizes))  # NumPy integers wrap round to 0 on overflow


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


def _random_search_in_unit_box(loss, lows, highs, budget, seed):
    points = np.random.default_rng(seed).uniform(size=(budget, len(lows)))
    return points[int(np.argmin([loss(*point) for point in points]))]


def _random_search_budget_per_axis(loss, lows, highs, budget, seed):
    rng = np.random.default_rng(seed)
    axes = [rng.uniform(low, high, size=budget) for low, high in zip(lows, highs, strict=True)]
    return np.array(search.grid_search(loss, *axes).point)


def _random_search_unseeded(loss, lows, highs, budget, seed):
    return random_search(loss, lows, highs, budget, seed=None)


def _random_values_on_a_grid(loss, lows, highs, budget, seed):
    rng = np.random.default_rng(seed)
    k = round(budget ** (1 / len(lows)))  # k values per axis, k**d = budget points
    axes = [rng.uniform(low, high, size=k) for low, high in zip(lows, highs, strict=True)]
    return np.array(search.grid_search(loss, *axes).point)


def _last_point(loss, lows, highs, budget, seed):
    points = np.random.default_rng(seed).uniform(lows, highs, size=(budget, len(lows)))
    [loss(*point) for point in points]
    return points[-1]


class _CountingLoss:
    """A loss that records the points it is called at."""

    def __init__(self, loss: Callable[..., float]) -> None:
        self.loss, self.points = loss, []

    def __call__(self, *point: float) -> float:
        if len(point) == 1 and np.ndim(point[0]) == 1:
            raise CheckFailed(
                "you called the loss with one array; call it with one number per parameter, "
                "loss(*point), as search.grid_search does."
            )
        if any(np.ndim(value) > 0 for value in point):
            raise CheckFailed(
                "you called the loss with arrays, several points in one call; call it once "
                "per point with one number per parameter, loss(*point), as "
                "search.grid_search does: the budget counts these calls."
            )
        self.points.append(point)
        return self.loss(*point)


def _bowl(w1: float, w2: float) -> float:
    return (w1 + 1.3) ** 2 + (w2 - 4.2) ** 2


def _one_parameter_matters(w1: float, w2: float) -> float:
    return (w1 - 0.37) ** 2 + 0.01 * (w2 - 0.52) ** 2


def _judge_random_search(answer: Callable[..., ArrayLike]) -> str | None:
    """None if ``answer`` is a random search, else what is wrong with it, with a hint.

    It must keep to its budget and its box, return the best point it tried, repeat itself
    for the same seed, and beat the grid where only one parameter matters.
    """
    if not callable(answer):
        return f"expected a function, got {type(answer).__name__}"
    lows, highs, budget = np.array([-2.0, 3.0]), np.array([-1.0, 5.0]), 25
    counted = _CountingLoss(_bowl)
    point = np.asarray(answer(counted, lows, highs, budget, 0), dtype=float)
    tried = np.array(counted.points, dtype=float)
    if len(tried) != budget:
        return (
            f"with budget={budget} your function called the loss {len(tried)} times. Hint: "
            "the budget counts loss evaluations in total, not values per axis."
        )
    if np.any(tried < lows) or np.any(tried > highs):
        return (
            f"some points lie outside the box lows={lows.tolist()}, highs={highs.tolist()}. "
            "Hint: draw each coordinate between its low and its high, "
            "rng.uniform(lows, highs, size=(budget, d))."
        )
    if point.shape != (2,):
        return f"expected the best point as an array of shape (2,), got shape {point.shape}"
    values = [_bowl(*p) for p in tried]
    if not np.isclose(_bowl(*point), min(values), rtol=1e-12):
        return (
            f"you returned {point}, which is not the best of the points you tried. Hint: "
            "keep the point with the smallest loss (np.argmin)."
        )
    if not np.array_equal(point, np.asarray(answer(_bowl, lows, highs, budget, 0))):
        return (
            "the same seed gave two different answers. Hint: make every random draw with "
            "np.random.default_rng(seed), so that a run can be repeated."
        )
    if len(np.unique(tried[:, 0])) < budget:
        return (
            f"your {budget} points share only {len(np.unique(tried[:, 0]))} values of the "
            "first parameter. Hint: draw every coordinate of every point afresh; a grid, "
            "even of random values, tries only k values on each axis, which is the "
            "weakness random search removes."
        )
    grid = search.grid_search(_one_parameter_matters, np.linspace(0, 1, 5), np.linspace(0, 1, 5))
    wins = sum(
        _one_parameter_matters(*answer(_one_parameter_matters, [0, 0], [1, 1], 25, seed))
        < grid.loss
        for seed in range(20)
    )
    if wins < 15:
        return (
            f"on a loss where only the first parameter matters, your search beat the 5 x 5 "
            f"grid in {wins} of 20 seeds; a uniform random search beats it in almost all. "
            "Hint: draw the points uniformly over the whole box."
        )
    return None


_END_HINT = (
    "np.arange computes each value as start + i * step, and the step it uses is "
    "(start + step) - start, so its last value is off by a rounding error (0.1 * 3 is "
    "0.30000000000000004, not 0.3). Count the values with round() and let np.linspace "
    "place them: it puts the last one exactly at stop."
)


class _GridExercise(Exercise):
    """An exercise on a grid that must also hit ``start`` and ``stop`` exactly."""

    def diagnose(self, answer: Callable[..., ArrayLike]) -> str | None:
        """The usual comparison, then both ends compared with ``==``."""
        problem = super().diagnose(answer)
        if problem is not None:
            return problem
        for start, stop, step in self.cases:
            grid = np.asarray(answer(start, stop, step))
            if grid.dtype == np.float32:
                return (
                    f"your grid holds 32-bit floats, so for stop={stop} its last value is "
                    f"{float(grid[-1])!r}, not {stop!r}. Hint: compute in 64-bit floats, "
                    "NumPy's default (torch.linspace needs dtype=torch.float64)."
                )
            grid = grid.astype(float)
            if grid[0] != start or grid[-1] != stop:
                return (
                    f"the values are right up to rounding, but for start={start}, "
                    f"stop={stop}, step={step} your grid runs from {grid[0]!r} to "
                    f"{grid[-1]!r}, and both ends must be exact.\n  Hint: {_END_HINT}"
                )
        return None


_OVERFLOW_HINT = (
    "the product of the sizes overflowed: 2**1000000 does not fit in a float (np.prod gives "
    "inf or 0) nor in a 64-bit integer (math.prod of NumPy integers wraps round to 0, and "
    "log10(0) fails). Add the logarithms instead: log10(a b) = log10 a + log10 b."
)


class _GridPointsExercise(Exercise):
    """A crash on the huge grid alone is an overflow: say so."""

    def diagnose(self, answer: Callable[..., float]) -> str | None:
        """The usual comparison; a crash that only the largest case causes gets the hint."""
        problem = super().diagnose(answer)
        if problem is None or not problem.startswith("your function raised"):
            return problem
        try:
            small_cases_pass = all(
                mismatch(answer(*args), self.solution(*args), self.rtol, self.atol) is None
                for args in self.cases[:-1]
            )
        except Exception:
            return problem
        return f"{problem}\n  Hint: {_OVERFLOW_HINT}" if small_cases_pass else problem


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
    _GridExercise(
        id="search-grid",
        level=2,
        kind="debug",
        title="Repair a grid that misses its end",
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
                "that is the broken snippet itself: np.arange(start, stop + step, step) "
                "includes stop + step too whenever (stop + step - start) / step comes out a "
                "hair above a whole number. Count the values with round() and use np.linspace.",
            ),
            "ceil count": Mistake(
                lambda start, stop, step: np.linspace(
                    start, stop, math.ceil((stop - start) / step) + 1
                ),
                "one value too many: (stop - start) / step can come out as 3.0000000000000004, "
                "and math.ceil() lifts it to 4, the very rule that makes np.arange fragile. "
                "Round it with round() instead.",
            ),
            "arange half a step past stop": Mistake(
                lambda start, stop, step: np.arange(start, stop + step / 2, step), _END_HINT
            ),
        },
    ),
    ValueExercise(
        id="search-tilted-valley",
        level=2,
        kind="predict",
        title="Where does the grid land in a tilted valley?",
        solution=TILTED_BEST_GRID_POINT,
        atol=1e-6,
        mistakes={
            "nearest on each axis": Mistake(
                np.array([1.0, 0.5]),
                "that is the grid point nearest the minimum on each axis separately, the "
                "answer only when the mean of x is 0. Here the valley term (db + 10 dw)^2 "
                "costs (0.4)^2 = 0.16 there: move b along the valley, to where it vanishes.",
            ),
            "least squares": Mistake(
                np.array([TILTED_W, TILTED_B]),
                "that is the least-squares point, and it is not on the grid: w = 1.04 is "
                "not a multiple of 0.1. The grid's answer is always one of its own points.",
            ),
            "wrong tilt": Mistake(
                np.array([1.0, 0.1]),
                "the valley runs the other way: the valley term is (db + mean_x dw)^2, so it "
                "vanishes where db = -mean_x dw. A smaller slope needs a larger intercept.",
            ),
            "second best": Mistake(
                np.array([1.1, -0.1]),
                "that point lies on the valley floor too, but its error in w is 0.06, and "
                "var_x dw^2 = 0.0036 there, against 0.0016 at w = 1.0.",
            ),
        },
    ),
    _GridPointsExercise(
        id="search-grid-points",
        level=1,
        kind="derive",
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
            "product overflows": Mistake(_log10_of_product, _OVERFLOW_HINT),
            "float product overflows": Mistake(_log10_of_float_product, _OVERFLOW_HINT),
            "integer product overflows": Mistake(_log10_of_integer_product, _OVERFLOW_HINT),
        },
    ),
    PropertyExercise(
        id="search-random",
        level=3,
        kind="experiment",
        title="Random search against grid search",
        solution=random_search,
        judge=_judge_random_search,
        mistakes={
            "budget per axis": Mistake(
                _random_search_budget_per_axis,
                "the budget counts loss evaluations in total, not values per axis.",
            ),
            "unit box": Mistake(
                _random_search_in_unit_box, "draw each coordinate between its low and its high"
            ),
            "last point": Mistake(_last_point, "keep the point with the smallest loss"),
            "unseeded": Mistake(
                _random_search_unseeded, "make every random draw with np.random.default_rng(seed)"
            ),
            "random grid": Mistake(
                _random_values_on_a_grid, "draw every coordinate of every point afresh"
            ),
        },
    ),
]
