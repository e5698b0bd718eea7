"""Chapter 2's exercises: each reference solution against an independent oracle (exact
fractions, Python's big integers, PyTorch, brute force), and correct answers written in other
ways accepted."""

import math
from fractions import Fraction

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from descent import search
from descent.checks import EXERCISES
from descent.exercises.base import CheckFailed
from descent.exercises.exhaustive_search import (
    TILTED_B,
    TILTED_BEST_GRID_POINT,
    TILTED_MEAN_X,
    TILTED_VAR_X,
    TILTED_W,
    best_point,
    log10_grid_points,
    make_grid,
    mse_curve,
    random_search,
)

STEPS = ["0.1", "0.2", "0.25", "0.05", "0.3", "0.5"]


@settings(deadline=None)
@given(st.integers(-50, 50), st.integers(0, 60), st.sampled_from(STEPS))
def test_make_grid_gives_the_decimals_it_stands_for(first, count, step):
    # the grid start, start + step, ..., stop, computed exactly with fractions
    step_exact = Fraction(step)
    start, stop = first * step_exact, (first + count) * step_exact
    grid = make_grid(float(start), float(stop), float(step_exact))
    exact = [float(start + i * step_exact) for i in range(count + 1)]
    assert len(grid) == count + 1
    assert grid[0] == float(start) and grid[-1] == float(stop)
    np.testing.assert_allclose(grid, exact, rtol=0, atol=1e-12)


def test_make_grid_is_right_where_arange_is_not():
    # the exercise's broken snippet: right on the tutorial's grid, one too many on another
    np.testing.assert_array_equal(np.arange(0.0, 4.0 + 0.1, 0.1), make_grid(0.0, 4.0, 0.1))
    assert len(np.arange(1.0, 1.3 + 0.1, 0.1)) == 5
    np.testing.assert_array_equal(make_grid(1.0, 1.3, 0.1), [1.0, 1.1, 1.2, 1.3])


def test_search_grid_rejects_a_grid_whose_end_is_off_by_a_rounding_error():
    def half_a_step_past(start, stop, step):  # the right count, the end 0.30000000000000004
        return np.arange(start, stop + step / 2, step)

    assert len(half_a_step_past(0.0, 0.3, 0.1)) == 4 and half_a_step_past(0.0, 0.3, 0.1)[-1] != 0.3

    def in_32_bit_floats(start, stop, step):
        return torch.linspace(start, stop, round((stop - start) / step) + 1)

    with pytest.raises(CheckFailed, match="both ends must be exact"):
        EXERCISES["search-grid"].check(half_a_step_past)
    with pytest.raises(CheckFailed, match="dtype=torch.float64"):
        EXERCISES["search-grid"].check(in_32_bit_floats)


def _grid_with_a_loop(start, stop, step):
    count = round((stop - start) / step)
    values = [start + i * (stop - start) / count for i in range(count)] if count else []
    return np.array(values + [stop])


def _grid_with_torch(start, stop, step):
    count = int(round((stop - start) / step)) + 1
    return torch.linspace(start, stop, count, dtype=torch.float64).numpy()


def _grid_rounded_to_ten_decimals(start, stop, step):
    return np.round(np.arange(start, stop + step / 2, step), 10)


@pytest.mark.parametrize(
    "answer", [_grid_with_a_loop, _grid_with_torch, _grid_rounded_to_ten_decimals]
)
def test_search_grid_accepts_other_correct_answers(answer):
    assert EXERCISES["search-grid"].check(answer).passed


finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@settings(deadline=None)
@given(
    st.lists(st.tuples(finite, finite), min_size=1, max_size=8),
    st.lists(finite, min_size=1, max_size=6),
)
def test_mse_curve_matches_torch(points, ws):
    x, y = np.array(points).T
    expected = [torch.nn.MSELoss()(w * torch.tensor(x), torch.tensor(y)).item() for w in ws]
    np.testing.assert_allclose(mse_curve(x, y, np.array(ws)), expected, rtol=1e-9, atol=1e-9)


def _mse_curve_with_loops(x, y, ws):
    return [sum((w * a - b) ** 2 for a, b in zip(x, y, strict=True)) / len(x) for w in ws]


def _mse_curve_with_einsum(x, y, ws):
    errors = np.outer(ws, x) - y
    return np.einsum("ij,ij->i", errors, errors) / len(x)


def _mse_curve_with_torch(x, y, ws):
    predictions = torch.tensor(ws)[:, None] * torch.tensor(x)
    return torch.nn.functional.mse_loss(
        predictions, torch.tensor(y).expand_as(predictions), reduction="none"
    ).mean(dim=1)


@pytest.mark.parametrize(
    "answer", [_mse_curve_with_loops, _mse_curve_with_einsum, _mse_curve_with_torch]
)
def test_search_mse_curve_accepts_other_correct_answers(answer):
    assert EXERCISES["search-mse-curve"].check(answer).passed


@settings(deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 10_000))
def test_best_point_is_the_smallest_entry_found_by_brute_force(rows, columns, seed):
    rng = np.random.default_rng(seed)
    surface = rng.permutation(rows * columns).reshape(rows, columns)  # one smallest entry
    ws, bs = rng.normal(size=rows), rng.normal(size=columns)
    smallest = min((surface[i, j], ws[i], bs[j]) for i in range(rows) for j in range(columns))
    np.testing.assert_array_equal(best_point(surface, ws, bs), smallest[1:])


def _best_point_with_loops(surface, ws, bs):
    best = None
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            if best is None or surface[i][j] < best[0]:
                best = (surface[i][j], w, b)
    return [best[1], best[2]]


def _best_point_with_torch(surface, ws, bs):
    index = int(torch.argmin(torch.as_tensor(surface)))
    return [ws[index // len(bs)], bs[index % len(bs)]]


@pytest.mark.parametrize("answer", [_best_point_with_loops, _best_point_with_torch])
def test_search_best_point_accepts_other_correct_answers(answer):
    assert EXERCISES["search-best-point"].check(answer).passed


@given(st.lists(st.integers(1, 1000), min_size=1, max_size=30))
def test_log10_grid_points_matches_pythons_exact_integers(sizes):
    assert log10_grid_points(np.array(sizes)) == pytest.approx(math.log10(math.prod(sizes)))


def _log10_with_a_loop(sizes):
    total = 0.0
    for size in sizes:
        total += math.log10(size)
    return total


def _log10_with_big_integers(sizes):
    # exact: Python's integers do not overflow. Equal sizes are raised to a power at once
    # (multiplying a million twos one by one would take seconds).
    values, counts = np.unique(sizes, return_counts=True)
    return math.log10(
        math.prod(int(value) ** int(count) for value, count in zip(values, counts, strict=True))
    )


def _log10_with_torch(sizes):
    return torch.log10(torch.as_tensor(sizes, dtype=torch.float64)).sum().item()


@pytest.mark.parametrize(
    "answer", [_log10_with_a_loop, _log10_with_big_integers, _log10_with_torch]
)
def test_search_grid_points_accepts_other_correct_answers(answer):
    assert EXERCISES["search-grid-points"].check(answer).passed


def test_the_tilted_valley_answer_is_what_grid_search_finds():
    # data with mean 10 and variance 1, lying exactly on the least-squares line
    x = np.array([9.0, 11.0] * 10)
    assert x.mean() == TILTED_MEAN_X and x.var() == TILTED_VAR_X
    y = TILTED_W * x + TILTED_B
    ws, bs = np.linspace(0.0, 3.0, 31), np.linspace(-5.0, 5.0, 101)  # steps of 0.1
    best = search.best_on_grid(search.loss_surface(x, y, ws, bs), ws, bs)
    np.testing.assert_allclose(best.point, TILTED_BEST_GRID_POINT, atol=1e-9)
    nearest_on_each_axis = np.round([TILTED_W, TILTED_B], 1)
    assert np.max(np.abs(TILTED_BEST_GRID_POINT - nearest_on_each_axis)) > 0.05


@pytest.mark.parametrize(
    "answer",
    [[1.0, 0.9], (1.0, 0.9), np.array([1.0, 0.9]), torch.tensor([1.0, 0.9], dtype=torch.float64)],
    ids=["list", "tuple", "numpy", "torch"],
)
def test_search_tilted_valley_accepts_the_point_however_written(answer):
    assert EXERCISES["search-tilted-valley"].check(answer).passed


@settings(deadline=None)
@given(
    st.lists(st.tuples(finite, finite), min_size=2, max_size=10),
    st.tuples(finite, finite),
)
def test_the_excess_loss_is_the_valley_term_plus_the_variance_term(points, shift):
    x, y = np.array(points).T
    if np.ptp(x) < 1e-3:
        return
    (w_star, b_star), *_ = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)
    dw, db = shift
    surface = search.loss_surface(x, y, [w_star + dw, w_star], [b_star + db, b_star])
    excess = (db + x.mean() * dw) ** 2 + x.var() * dw**2
    assert surface[0, 0] - surface[1, 1] == pytest.approx(excess, rel=1e-6, abs=1e-6)


def _random_search_with_loops(loss, lows, highs, budget, seed):
    rng = np.random.default_rng(seed)
    best, best_loss = None, math.inf
    for _ in range(budget):
        point = [rng.uniform(low, high) for low, high in zip(lows, highs, strict=True)]
        value = loss(*point)
        if value < best_loss:
            best, best_loss = point, value
    return best


def _random_search_with_torch(loss, lows, highs, budget, seed):
    generator = torch.Generator().manual_seed(seed)
    lows, highs = torch.as_tensor(lows, dtype=torch.float64), torch.as_tensor(highs)
    points = lows + (highs - lows) * torch.rand(
        budget, len(lows), generator=generator, dtype=torch.float64
    )
    values = torch.tensor([loss(*point.tolist()) for point in points])
    return points[torch.argmin(values)].numpy()


@pytest.mark.parametrize(
    "answer", [random_search, _random_search_with_loops, _random_search_with_torch]
)
def test_search_random_accepts_correct_random_searches(answer):
    assert EXERCISES["search-random"].check(answer).passed


def test_search_random_rejects_a_regular_grid():
    def regular_grid(loss, lows, highs, budget, seed):
        k = round(math.sqrt(budget))
        axes = [np.linspace(low, high, k) for low, high in zip(lows, highs, strict=True)]
        return np.array(search.grid_search(loss, *axes).point)

    with pytest.raises(CheckFailed, match="draw every coordinate of every point afresh"):
        EXERCISES["search-random"].check(regular_grid)


def test_random_search_beats_the_grid_where_one_parameter_matters():
    def loss(w1, w2):
        return (w1 - 0.37) ** 2 + 0.01 * (w2 - 0.52) ** 2

    grid = search.grid_search(loss, np.linspace(0, 1, 5), np.linspace(0, 1, 5))
    wins = [loss(*random_search(loss, [0, 0], [1, 1], 25, seed)) < grid.loss for seed in range(200)]
    assert np.mean(wins) > 0.95


def test_search_random_names_a_loss_called_with_one_array_and_a_wrong_shape():
    def one_array(loss, lows, highs, budget, seed):
        points = np.random.default_rng(seed).uniform(lows, highs, size=(budget, len(lows)))
        return points[int(np.argmin([loss(point) for point in points]))]

    def as_a_row(loss, lows, highs, budget, seed):
        return random_search(loss, lows, highs, budget, seed)[np.newaxis, :]

    def all_points_in_one_call(loss, lows, highs, budget, seed):
        points = np.random.default_rng(seed).uniform(lows, highs, size=(budget, len(lows)))
        return points[int(np.argmin(loss(*points.T)))]  # loss(w1s, w2s): 25 points at once

    with pytest.raises(CheckFailed, match=r"loss\(\*point\)"):
        EXERCISES["search-random"].check(one_array)
    with pytest.raises(CheckFailed, match="several points in one call"):
        EXERCISES["search-random"].check(all_points_in_one_call)
    with pytest.raises(CheckFailed, match=r"shape \(2,\), got shape \(1, 2\)"):
        EXERCISES["search-random"].check(as_a_row)
