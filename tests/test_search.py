"""descent.search: grid search and loss surfaces, against PyTorch and hand-derived values."""

import doctest

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent import data, losses, search

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def line_data_and_grid(draw):
    n = draw(st.integers(1, 8))
    x = draw(arrays(np.float64, n, elements=finite))
    y = draw(arrays(np.float64, n, elements=finite))
    ws = draw(arrays(np.float64, draw(st.integers(1, 5)), elements=finite))
    bs = draw(arrays(np.float64, draw(st.integers(1, 5)), elements=finite))
    return x, y, ws, bs


def least_squares_line(x, y):
    """Slope and intercept of the least-squares line, solved by PyTorch.

    driver="gelsd" (SVD) because the default "gelsy" can return a wrong solution for
    rank-deficient data such as a single sample (pytorch/pytorch#92537).
    """
    design = torch.stack([torch.from_numpy(x), torch.ones(len(x), dtype=torch.float64)], dim=1)
    target = torch.from_numpy(y).unsqueeze(1)
    solution = torch.linalg.lstsq(design, target, driver="gelsd").solution
    return solution.squeeze(1).numpy()


def test_docstring_examples():
    assert doctest.testmod(search).failed == 0


# ---------------------------------------------------------------------------
# grid_search
# ---------------------------------------------------------------------------


def test_the_classic_experiment_finds_w_equals_2_on_the_toy_points():
    x, y = data.toy_points()
    ws = np.linspace(0.0, 4.0, 41)
    point, best_loss, loss_grid = search.grid_search(lambda w: losses.mse(w * x, y), ws)
    assert point == (2.0,)
    assert best_loss == 0.0
    # MSE(w) = (w - 2)^2 * mean(x^2) = 14/3 (w - 2)^2 on these points
    np.testing.assert_allclose(loss_grid, 14 / 3 * (ws - 2) ** 2, atol=1e-12)


def test_calls_the_loss_once_per_grid_point_in_ij_order():
    calls = []

    def loss(a, b, c):
        calls.append((a, b, c))
        return (a - 1) ** 2 + (b + 2) ** 2 + (c - 0.5) ** 2

    axes = ([0.0, 1.0, 2.0], [-2.0, 0.0], [0.5, 1.5, 2.5, 3.5])
    result = search.grid_search(loss, *axes)
    assert len(calls) == 3 * 2 * 4
    assert len(set(calls)) == len(calls)
    assert result.point == (1.0, -2.0, 0.5)
    assert result.loss == 0.0
    assert result.loss_grid.shape == (3, 2, 4)
    assert result.loss_grid[2, 1, 3] == loss(2.0, 0.0, 3.5)


def test_the_loss_receives_python_floats():
    seen = []
    search.grid_search(lambda w: seen.append(type(w)) or 0.0, np.array([1, 2], dtype=np.int64))
    assert seen == [float, float]


def test_ties_go_to_the_first_point_in_grid_order():
    result = search.grid_search(lambda a, b: 0.0, [3.0, 1.0], [5.0, 4.0])
    assert result.point == (3.0, 5.0)


def test_a_single_point_grid():
    result = search.grid_search(lambda w, b: w + b, [1.5], [2.0])
    assert result.point == (1.5, 2.0)
    assert result.loss == 3.5


def test_infinite_losses_are_allowed_and_never_best():
    result = search.grid_search(lambda w: np.inf if w < 1 else w, [0.0, 0.5, 1.0, 2.0])
    assert result.point == (1.0,)


@settings(max_examples=50, deadline=None)
@given(line_data_and_grid())
def test_grid_search_agrees_with_loss_surface_and_its_minimum_is_the_grids(case):
    x, y, ws, bs = case
    result = search.grid_search(lambda w, b: losses.mse(w * x + b, y), ws, bs)
    np.testing.assert_allclose(
        result.loss_grid, search.loss_surface(x, y, ws, bs), rtol=1e-12, atol=1e-9
    )
    assert result.loss == result.loss_grid.min()
    assert result.loss == pytest.approx(losses.mse(result.point[0] * x + result.point[1], y))


def test_two_parameters_on_noisy_data_land_within_a_step_of_least_squares():
    X, y = data.synthetic_linear([1.5], 0.8, n=30, noise=0.5, seed=2)
    x = X[:, 0]
    ws, bs = np.linspace(-1, 4, 51), np.linspace(-2, 3, 51)  # steps of 0.1
    result = search.grid_search(lambda w, b: losses.mse(w * x + b, y), ws, bs)
    w_ls, b_ls = least_squares_line(x, y)
    assert abs(result.point[0] - w_ls) <= 0.1
    assert abs(result.point[1] - b_ls) <= 0.1
    # least squares is the true minimum: the grid can only do as well or worse
    assert result.loss >= losses.mse(w_ls * x + b_ls, y)


# ---------------------------------------------------------------------------
# loss_surface
# ---------------------------------------------------------------------------


def test_loss_surface_by_hand():
    # toy points: w = 2, b = 0 is perfect; b = 1 shifts every error by 1
    surface = search.loss_surface([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 2.0, 3.0], [0.0, 1.0])
    np.testing.assert_allclose(
        surface, [[14 / 3, (0 + 1 + 4) / 3], [0.0, 1.0], [14 / 3, (4 + 9 + 16) / 3]]
    )


@settings(max_examples=50, deadline=None)
@given(line_data_and_grid())
def test_loss_surface_matches_torch_mse_loss_at_every_grid_point(case):
    x, y, ws, bs = case
    surface = search.loss_surface(x, y, ws, bs)
    assert surface.shape == (len(ws), len(bs))
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            expected = torch.nn.MSELoss()(w * x_t + b, y_t).item()
            assert surface[i, j] == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(line_data_and_grid())
def test_no_grid_point_beats_least_squares(case):
    x, y, ws, bs = case
    w_ls, b_ls = least_squares_line(x, y)
    best_possible = losses.mse(w_ls * x + b_ls, y)
    assert search.loss_surface(x, y, ws, bs).min() >= best_possible - 1e-7 * (1 + best_possible)


def test_loss_surface_rows_follow_w_even_when_the_grid_is_not_square():
    x, y = data.toy_points()
    surface = search.loss_surface(x, y, [2.0, 0.0], [0.0, 1.0, -1.0])
    assert surface.shape == (2, 3)
    np.testing.assert_allclose(surface[0], [0.0, 1.0, 1.0])


# ---------------------------------------------------------------------------
# best_on_grid
# ---------------------------------------------------------------------------


def test_best_on_grid_unravels_the_flat_index():
    loss_grid = np.array([[5.0, 4.0, 3.0], [2.0, 9.0, 1.0]])
    result = search.best_on_grid(loss_grid, [10.0, 20.0], [0.1, 0.2, 0.3])
    assert result.point == (20.0, 0.3)
    assert result.loss == 1.0
    assert type(result.loss) is float


def test_best_on_grid_refuses_a_transposed_grid():
    with pytest.raises(ValueError, match=r"shape \(2, 3\).*got \(3, 2\).*indexing='ij'"):
        search.best_on_grid(np.zeros((3, 2)), [1.0, 2.0], [1.0, 2.0, 3.0])


# ---------------------------------------------------------------------------
# Bad input: clear ValueErrors
# ---------------------------------------------------------------------------


def test_grid_search_needs_an_axis():
    with pytest.raises(ValueError, match="at least one axis"):
        search.grid_search(lambda: 0.0)


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        ([], r"axes\[1\] is empty"),
        ([[1.0, 2.0]], r"axes\[1\] must have 1 dimension"),
        ([1.0, float("nan")], r"axes\[1\] contains NaN"),
        (["a", "b"], r"axes\[1\] must contain numbers"),
    ],
)
def test_grid_search_rejects_bad_axes(axis, message):
    with pytest.raises(ValueError, match=message):
        search.grid_search(lambda w, b: 0.0, [1.0], axis)


def test_grid_search_names_the_point_where_the_loss_is_nan():
    with pytest.raises(ValueError, match=r"NaN at the grid point \(2.0,\)"):
        search.grid_search(lambda w: np.sqrt(1.0 - w) if w < 2 else float("nan"), [0.0, 2.0])


def test_best_on_grid_rejects_nan():
    with pytest.raises(ValueError, match="loss_grid contains NaN"):
        search.best_on_grid([1.0, float("nan")], [0.0, 1.0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1.0, 2.0], [1.0, 2.0, 3.0], [1.0], [0.0]), r"x and y must have the same shape"),
        (([[1.0], [2.0]], [1.0, 2.0], [1.0], [0.0]), r"x must have 1 dimension"),
        (([1.0, 2.0], [1.0, 2.0], [], [0.0]), r"ws is empty"),
        (([1.0, 2.0], [1.0, 2.0], [1.0], [np.inf]), r"bs contains NaN or infinity"),
    ],
)
def test_loss_surface_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        search.loss_surface(*args)
