"""Chapter 1's exercises: reference solutions against independent oracles (PyTorch, values
derived by hand, brute force), and correct answers written in several ways are accepted."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent.checks import EXERCISES
from descent.exercises.base import CheckFailed
from descent.exercises.linear_models import (
    OUTLIERS,
    best_bias,
    mse_parabola,
    predict,
    residuals,
    slopes_with_outlier,
)

finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@st.composite
def linear_problems(draw):
    n, d = draw(st.integers(1, 6)), draw(st.integers(1, 4))
    X = draw(arrays(np.float64, (n, d), elements=finite))
    w = draw(arrays(np.float64, (d,), elements=finite))
    return X, w, draw(finite)


@st.composite
def samples(draw):
    n = draw(st.integers(1, 8))
    return (
        draw(arrays(np.float64, (n,), elements=finite)),
        draw(arrays(np.float64, (n,), elements=finite)),
    )


# --- linear-predict -------------------------------------------------------------------


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(linear_problems())
def test_predict_is_what_nn_linear_computes(problem):
    X, w, b = problem
    layer = torch.nn.Linear(len(w), 1, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(w).reshape(1, -1))
        layer.bias.fill_(b)
        expected = layer(torch.tensor(X)).squeeze(1).numpy()
    np.testing.assert_allclose(predict(X, w, b), expected, rtol=1e-9, atol=1e-9)


def _predict_with_loops(X, w, b):
    return np.array([sum(x_j * w_j for x_j, w_j in zip(row, w, strict=True)) + b for row in X])


def _predict_with_torch(X, w, b):
    return (torch.tensor(X) @ torch.tensor(w) + b).numpy()


@pytest.mark.parametrize(
    "answer",
    [
        _predict_with_loops,
        _predict_with_torch,
        lambda X, w, b: np.dot(X, w) + b,
        lambda X, w, b: np.einsum("nd,d->n", X, w) + b,
        lambda X, w, b: np.column_stack([X, np.ones(len(X))]) @ np.append(w, b),
    ],
)
def test_predict_accepts_every_correct_way_of_writing_it(answer):
    assert EXERCISES["linear-predict"].check(answer).passed


def test_predict_refuses_weights_of_the_wrong_length():
    with pytest.raises(ValueError):
        predict(np.ones((3, 2)), np.ones(3), 0.0)


# --- linear-mse -----------------------------------------------------------------------


def _mse_with_loops(y_pred, y_true):
    flat_pred, flat_true = np.ravel(y_pred), np.ravel(y_true)
    return sum((p - t) ** 2 for p, t in zip(flat_pred, flat_true, strict=True)) / len(flat_true)


@pytest.mark.parametrize(
    "answer",
    [
        _mse_with_loops,
        lambda y_pred, y_true: torch.nn.MSELoss()(torch.tensor(y_pred), torch.tensor(y_true)),
        lambda y_pred, y_true: ((np.asarray(y_pred) - y_true) ** 2).mean(),
    ],
)
def test_mse_accepts_every_correct_way_of_writing_it(answer):
    assert EXERCISES["linear-mse"].check(answer).passed


# --- linear-loss-parabola --------------------------------------------------------------


def test_mse_parabola_of_the_toy_points_is_14_thirds_of_w_minus_2_squared():
    # (14/3)(w - 2)^2 = 14/3 w^2 - 56/3 w + 56/3, expanded by hand
    np.testing.assert_allclose(mse_parabola([1, 2, 3], [2, 4, 6]), [14 / 3, -56 / 3, 56 / 3])


@settings(deadline=None)
@given(samples(), finite)
def test_mse_parabola_gives_the_mse_at_every_slope(data, w):
    x, y = data
    a, b, c = mse_parabola(x, y)
    expected = torch.nn.MSELoss()(w * torch.tensor(x), torch.tensor(y)).item()
    assert a * w**2 + b * w + c == pytest.approx(expected, rel=1e-7, abs=1e-6)


def _parabola_from_three_evaluations(x, y):
    x, y = np.asarray(x), np.asarray(y)
    ws = np.array([-1.0, 0.0, 1.0])
    losses = [np.mean((w * x - y) ** 2) for w in ws]
    return np.polyfit(ws, losses, 2)


def test_mse_parabola_accepts_a_fit_through_three_evaluations():
    assert EXERCISES["linear-loss-parabola"].check(_parabola_from_three_evaluations).passed


# --- linear-best-bias -----------------------------------------------------------------


def test_best_bias_of_the_toy_points_by_hand():
    assert best_bias([1, 2, 3], [2, 4, 6], 1.0) == pytest.approx(2.0)  # mean of 1, 2, 3
    assert best_bias([1, 2, 3], [2, 4, 6], 2.0) == pytest.approx(0.0)


@settings(deadline=None)
@given(samples(), finite)
def test_best_bias_zeroes_the_autograd_derivative(data, w):
    x, y = data
    b = torch.tensor(best_bias(x, y, w), dtype=torch.float64, requires_grad=True)
    loss = torch.nn.MSELoss()(w * torch.tensor(x) + b, torch.tensor(y))
    loss.backward()
    assert abs(b.grad.item()) <= 1e-9 * (1 + np.abs(y).max() + abs(w) * np.abs(x).max())


def _best_bias_by_least_squares(x, y, w):
    ones = np.ones((len(x), 1))
    return np.linalg.lstsq(ones, np.asarray(y) - w * np.asarray(x), rcond=None)[0][0]


@pytest.mark.parametrize(
    "answer",
    [
        _best_bias_by_least_squares,
        lambda x, y, w: np.mean(y) - w * np.mean(x),
        lambda x, y, w: sum(yi - w * xi for xi, yi in zip(x, y, strict=True)) / len(x),
    ],
)
def test_best_bias_accepts_every_correct_way_of_writing_it(answer):
    assert EXERCISES["linear-best-bias"].check(answer).passed


# --- linear-broadcast -----------------------------------------------------------------


def test_the_unchecked_mse_is_what_torch_returns_when_it_broadcasts():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch warns about the sizes
        broadcast = torch.nn.MSELoss()(
            torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([2.0, 4.0, 6.0])
        ).item()
    assert EXERCISES["linear-broadcast"].solution == pytest.approx(broadcast, rel=1e-6)
    assert EXERCISES["linear-broadcast"].check(22 / 3).passed
    assert EXERCISES["linear-broadcast"].check(7.3333).passed


# --- linear-residuals -----------------------------------------------------------------


def test_residuals_of_a_column_are_one_per_sample():
    np.testing.assert_array_equal(residuals([[1.0], [2.0], [3.0]], [2.0, 4.0, 6.0]), [-1, -2, -3])


def test_residuals_refuse_arrays_of_different_sizes():
    with pytest.raises(ValueError):
        residuals(np.ones((3, 1)), np.ones(4))


@pytest.mark.parametrize(
    "answer",
    [
        lambda y_pred, y_true: np.ravel(y_pred) - y_true,
        lambda y_pred, y_true: np.asarray(y_pred).reshape(-1) - np.asarray(y_true),
        lambda y_pred, y_true: (torch.tensor(y_pred).reshape(-1) - torch.tensor(y_true)).numpy(),
        lambda y_pred, y_true: np.array(
            [float(np.ravel(p)[0]) - t for p, t in zip(y_pred, y_true, strict=True)]
        ),
    ],
)
def test_residuals_accept_every_correct_repair(answer):
    assert EXERCISES["linear-residuals"].check(answer).passed


# --- linear-outlier -------------------------------------------------------------------


def _brute_force_mae_slope(x, y):
    grid = np.linspace(-20, 20, 400_001)
    return grid[np.argmin(np.abs(grid[:, None] * x - y).sum(axis=1))]


@pytest.mark.parametrize(("x_out", "y_out"), OUTLIERS)
def test_slopes_with_outlier_against_least_squares_and_a_finer_grid(x_out, y_out):
    x, y = np.array([1.0, 2.0, 3.0, x_out]), np.array([2.0, 4.0, 6.0, y_out])
    w_mse, w_mae = slopes_with_outlier(x_out, y_out)
    w_lstsq = np.linalg.lstsq(x[:, None], y, rcond=None)[0][0]
    assert w_mse == pytest.approx(w_lstsq, rel=1e-9)
    assert w_mae == pytest.approx(_brute_force_mae_slope(x, y), abs=2e-3)


def test_the_mae_slope_resists_an_outlier_in_y_but_follows_a_point_of_high_leverage():
    assert slopes_with_outlier(4.0, 1000.0)[1] == pytest.approx(2.0)
    assert slopes_with_outlier(10.0, 130.0)[1] == pytest.approx(13.0)


def _exact_slopes(x_out, y_out):
    x, y = np.array([1.0, 2.0, 3.0, x_out]), np.array([2.0, 4.0, 6.0, y_out])
    w_mse = x @ y / (x @ x)
    # the weighted median of the slopes y/x, with weights x
    order = np.argsort(y / x)
    cumulative = np.cumsum(x[order])
    w_mae = (y / x)[order][np.searchsorted(cumulative, cumulative[-1] / 2)]
    return w_mse, w_mae


def _slopes_by_torch_gradient_steps(x_out, y_out):
    x = torch.tensor([1.0, 2.0, 3.0, x_out], dtype=torch.float64)
    y = torch.tensor([2.0, 4.0, 6.0, y_out], dtype=torch.float64)
    w_mse = (x @ y / (x @ x)).item()
    ws = torch.linspace(-20, 20, 8001, dtype=torch.float64)  # steps of 0.005
    w_mae = ws[(ws[:, None] * x - y).abs().mean(dim=1).argmin()].item()
    return w_mse, w_mae


@pytest.mark.parametrize("answer", [_exact_slopes, _slopes_by_torch_gradient_steps])
def test_slopes_with_outlier_accepts_every_correct_way(answer):
    assert EXERCISES["linear-outlier"].check(answer).passed


def test_slopes_with_outlier_names_a_wrong_return_value():
    with pytest.raises(CheckFailed, match="two numbers"):
        EXERCISES["linear-outlier"].check(lambda x_out, y_out: 2.0)
    with pytest.raises(CheckFailed, match="return"):
        EXERCISES["linear-outlier"].check(lambda x_out, y_out: None)


# --- the two ★ exercises are not answered by retyping the text's cells ------------------


def test_the_texts_array_code_retyped_fails_on_lists_with_a_message():
    """The text computes on NumPy arrays; the exercises ask for array-likes, lists included."""
    with pytest.raises(CheckFailed, match="TypeError"):
        EXERCISES["linear-mse"].check(lambda y_pred, y_true: np.mean((y_pred - y_true) ** 2))
    with pytest.raises(CheckFailed, match="TypeError"):
        EXERCISES["linear-predict"].check(lambda X, w, b: X @ w + b)


def test_mse_parabola_accepts_numpy_polynomial_reversed_to_the_asked_order():
    def answer(x, y):
        x, y = np.asarray(x), np.asarray(y)
        ws = np.array([-1.0, 0.0, 1.0])
        fit = np.polynomial.Polynomial.fit(ws, [np.mean((w * x - y) ** 2) for w in ws], 2)
        return fit.convert().coef[::-1]  # constant first, so reversed

    assert EXERCISES["linear-loss-parabola"].check(answer).passed


def _best_bias_by_gradient_descent(x, y, w):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    b = 1.0
    for _ in range(25):  # d/db MSE = 2 mean(w x + b - y); a rate of 0.25 halves the error
        b -= 0.25 * 2 * np.mean(w * x + b - y)
    return b  # within about 3e-8 of the best bias times its distance from 1


def test_best_bias_accepts_a_bias_found_by_descent_not_by_the_formula():
    assert EXERCISES["linear-best-bias"].check(_best_bias_by_gradient_descent).passed


def _float32(values):
    return torch.tensor(np.asarray(values, dtype=np.float32))


@pytest.mark.parametrize(
    ("exercise", "answer"),
    [
        ("linear-predict", lambda X, w, b: (_float32(X) @ _float32(w) + b).numpy()),
        (
            "linear-mse",
            lambda y_pred, y_true: torch.nn.MSELoss()(_float32(y_pred), _float32(y_true)),
        ),
        ("linear-best-bias", lambda x, y, w: (_float32(y) - w * _float32(x)).mean()),
        (
            "linear-residuals",
            lambda y_pred, y_true: _float32(y_pred).reshape(-1) - _float32(y_true),
        ),
    ],
)
def test_answers_computed_in_float32_with_torch_are_accepted(exercise, answer):
    assert EXERCISES[exercise].check(answer).passed
