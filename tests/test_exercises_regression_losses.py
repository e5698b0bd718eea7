"""The reference solutions of chapter 4's exercises, against independent oracles (PyTorch,
scipy's linear programming, scikit-learn, hand-derived values), and correct answers written
in other ways, which the checkers must accept."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent.checks import EXERCISES
from descent.exercises.base import CheckFailed
from descent.exercises.regression_losses import (
    ZIGZAG_LR,
    ZIGZAG_Y,
    _quantile_data,
    mae_minimisers,
    mse_gradient_wrt_predictions,
    mse_loss,
    pinball_loss,
    quantile_line,
    zigzag_pair,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def same_shape_pairs(draw):
    shape = draw(st.tuples(st.integers(1, 6)) | st.tuples(st.integers(1, 4), st.integers(1, 3)))
    return draw(arrays(np.float64, shape, elements=finite)), draw(
        arrays(np.float64, shape, elements=finite)
    )


def test_mse_gradient_of_the_worked_example():
    np.testing.assert_allclose(
        mse_gradient_wrt_predictions([1, 2, 3], [1, 2, 5]), [0.0, 0.0, -4 / 3]
    )


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(same_shape_pairs())
def test_mse_gradient_matches_autograd(pair):
    pred, true = pair
    y_pred = torch.tensor(pred, requires_grad=True)
    torch.nn.MSELoss()(y_pred, torch.tensor(true)).backward()
    np.testing.assert_allclose(
        mse_gradient_wrt_predictions(pred, true), y_pred.grad.numpy(), atol=1e-9
    )


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(pair=same_shape_pairs())
def test_mse_loss_matches_torch_for_each_reduction(pair, reduction):
    pred, true = pair
    expected = torch.nn.MSELoss(reduction=reduction)(torch.tensor(pred), torch.tensor(true))
    got = mse_loss(pred, true, reduction)
    assert np.shape(got) == tuple(expected.shape)
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-9, atol=1e-9)


def test_mse_loss_names_a_wrong_reduction():
    with pytest.raises(ValueError, match="reduction must be 'mean', 'sum' or 'none'"):
        mse_loss([1.0], [2.0], "average")


def test_the_reduction_checker_accepts_torch_and_loops_that_raise_on_an_unknown_name():
    def by_torch(y_pred, y_true, reduction):
        if reduction not in ("none", "sum", "mean"):
            raise ValueError(f"{reduction!r} is not one of 'none', 'sum', 'mean'")
        loss = torch.nn.MSELoss(reduction=reduction)
        return loss(torch.as_tensor(y_pred), torch.as_tensor(y_true)).numpy()

    def by_loops(y_pred, y_true, reduction):
        squared = [(p - t) ** 2 for p, t in zip(np.ravel(y_pred), np.ravel(y_true), strict=True)]
        if reduction == "none":
            return np.reshape(squared, np.shape(y_pred))
        if reduction == "sum":
            return sum(squared)
        if reduction == "mean":
            return sum(squared) / len(squared)
        raise ValueError(f"unknown reduction {reduction!r}: use 'mean', 'sum' or 'none'")

    assert EXERCISES["reg-reduction"].check(by_torch).passed
    assert EXERCISES["reg-reduction"].check(by_loops).passed


def test_the_reduction_checker_wants_a_message_that_names_the_accepted_values():
    def torch_alone(y_pred, y_true, reduction):
        loss = torch.nn.MSELoss(reduction=reduction)  # its ValueError names no valid value
        return loss(torch.as_tensor(y_pred), torch.as_tensor(y_true)).numpy()

    def names_two(y_pred, y_true, reduction):
        if reduction not in ("none", "sum", "mean"):
            raise ValueError("use 'mean' or 'sum'")
        return mse_loss(y_pred, y_true, reduction)

    with pytest.raises(CheckFailed, match="does not name 'mean', 'sum' or 'none':"):
        EXERCISES["reg-reduction"].check(torch_alone)
    with pytest.raises(CheckFailed, match=r"does not name 'none':"):
        EXERCISES["reg-reduction"].check(names_two)


def test_the_reduction_checker_wants_a_value_error_not_a_key_error():
    def by_dict(y_pred, y_true, reduction):
        squared = (np.asarray(y_pred) - np.asarray(y_true)) ** 2
        return {"none": squared, "sum": float(squared.sum()), "mean": float(squared.mean())}[
            reduction
        ]

    with pytest.raises(CheckFailed, match="raised KeyError, not a ValueError"):
        EXERCISES["reg-reduction"].check(by_dict)


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(same_shape_pairs(), st.floats(0.1, 10.0))
def test_the_smooth_l1_mistake_is_what_torch_calls_smooth_l1(pair, delta):
    pred, true = pair
    smooth_l1 = EXERCISES["reg-huber"].mistakes["smooth L1"]
    expected = torch.nn.SmoothL1Loss(beta=delta)(torch.tensor(pred), torch.tensor(true)).item()
    assert smooth_l1(pred, true, delta) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_the_mse_gradient_checker_accepts_autograd_and_a_loop():
    def by_autograd(y_pred, y_true):
        pred = torch.tensor(y_pred, dtype=torch.float64, requires_grad=True)
        torch.nn.MSELoss()(pred, torch.tensor(y_true, dtype=torch.float64)).backward()
        return pred.grad.numpy()

    def by_loop(y_pred, y_true):
        flat_pred, flat_true = np.ravel(y_pred), np.ravel(y_true)
        n = len(flat_pred)
        grad = [2 * (p - t) / n for p, t in zip(flat_pred, flat_true, strict=True)]
        return np.reshape(grad, np.shape(y_pred))

    assert EXERCISES["reg-mse-gradient"].check(by_autograd).passed
    assert EXERCISES["reg-mse-gradient"].check(by_loop).passed


def test_the_mae_checker_accepts_torch_a_loop_and_scikit_learn():
    from sklearn.metrics import mean_absolute_error

    def by_loop(y_pred, y_true):
        errors = [abs(p - t) for p, t in zip(np.ravel(y_pred), np.ravel(y_true), strict=True)]
        return sum(errors) / len(errors)

    def by_torch(y_pred, y_true):
        return torch.nn.L1Loss()(torch.as_tensor(y_pred), torch.as_tensor(y_true)).item()

    for answer in (by_loop, by_torch, lambda y_pred, y_true: mean_absolute_error(y_true, y_pred)):
        assert EXERCISES["reg-mae"].check(answer).passed


def test_the_mae_minimisers_by_hand():
    np.testing.assert_array_equal(mae_minimisers([3, 1, 2]), [2, 2])
    np.testing.assert_array_equal(mae_minimisers([4, 1, 3, 2]), [2, 3])
    np.testing.assert_array_equal(mae_minimisers([1, 2, 2, 5]), [2, 2])


def test_mae_minimisers_names_empty_input():
    with pytest.raises(ValueError, match="at least one value"):
        mae_minimisers([])


@settings(deadline=None)  # a busy machine can be slow
@given(arrays(np.float64, st.integers(1, 9), elements=st.integers(-20, 20).map(float)))
def test_the_mae_is_smallest_exactly_on_the_interval(y):
    low, high = mae_minimisers(y)

    def mae_of(c):
        return float(np.mean(np.abs(c - y)))

    smallest = min(mae_of(c) for c in y)  # a convex piecewise-linear minimum is at a kink
    for c in np.linspace(low, high, 5):
        assert mae_of(c) == pytest.approx(smallest, abs=1e-12)
    assert mae_of(low - 0.5) > smallest + 1e-12
    assert mae_of(high + 0.5) > smallest + 1e-12


def test_the_mae_minimisers_checker_accepts_a_loop_and_numpy_percentiles():
    def by_loop(y):
        values = sorted(y)
        n = len(values)
        if n % 2:
            return [values[n // 2], values[n // 2]]
        return [values[n // 2 - 1], values[n // 2]]

    def by_percentile(y):
        return np.percentile(y, 50, method="lower"), np.percentile(y, 50, method="higher")

    assert EXERCISES["reg-mae-minimisers"].check(by_loop).passed
    assert EXERCISES["reg-mae-minimisers"].check(by_percentile).passed


def test_the_zigzag_pair_by_hand():
    # From 0 all five points lie above c, then one, two, three lie below: steps of
    # 0.7, 0.7 * 3/5 = 0.42, then 0.7/5 = 0.14 up to 1.96, 2.10, and back.
    assert ZIGZAG_LR == 0.7 and list(ZIGZAG_Y) == [0.5, 1.0, 2.0, 3.5, 8.0]
    np.testing.assert_allclose(zigzag_pair(), [1.96, 2.10], atol=1e-12)
    assert EXERCISES["reg-mae-zigzag"].check([1.96, 2.1]).passed


def test_the_zigzag_checker_takes_the_pair_in_either_order_and_as_a_simulation_gives_it():
    c, path = 0.0, []
    for _ in range(50):  # the learner's own loop, in plain Python
        below = sum(value < c for value in ZIGZAG_Y)
        above = sum(value > c for value in ZIGZAG_Y)
        c -= ZIGZAG_LR * (below - above) / len(ZIGZAG_Y)
        path.append(c)
    assert EXERCISES["reg-mae-zigzag"].check(path[-2:]).passed
    assert EXERCISES["reg-mae-zigzag"].check((2.1, 1.96)).passed


def test_the_zigzag_mistake_of_the_sum_by_hand():
    # Without 1/n: steps of 0.7 * 5 = 3.5 to the data value 3.5 (3 below, 1 above),
    # -0.7 * 2 = -1.4 to 2.1 (3 below, 2 above), -0.7 to 1.4 (2 below, 3 above), +0.7 to 2.1.
    mistake = EXERCISES["reg-mae-zigzag"].mistakes["forgot the 1/n"]
    np.testing.assert_allclose(mistake.answer, [1.4, 2.1], atol=1e-12)
    with pytest.raises(CheckFailed, match="MEAN absolute error"):
        EXERCISES["reg-mae-zigzag"].check([2.1, 1.4])


def test_the_huber_checker_accepts_torch():
    def by_torch(y_pred, y_true, delta):
        loss = torch.nn.HuberLoss(delta=delta)
        return loss(torch.as_tensor(y_pred), torch.as_tensor(y_true)).item()

    assert EXERCISES["reg-huber"].check(by_torch).passed


def test_the_huber_checker_accepts_a_loop_and_scipy():
    from scipy.special import huber as scipy_huber  # scipy_huber(delta, r), one per error

    def by_loop(y_pred, y_true, delta):
        total = 0.0
        for p, t in zip(np.ravel(y_pred), np.ravel(y_true), strict=True):
            e = abs(p - t)
            total += 0.5 * e * e if e <= delta else delta * (e - 0.5 * delta)
        return total / np.size(y_pred)

    def by_scipy(y_pred, y_true, delta):
        return np.mean(scipy_huber(delta, np.asarray(y_pred) - np.asarray(y_true)))

    assert EXERCISES["reg-huber"].check(by_loop).passed
    assert EXERCISES["reg-huber"].check(by_scipy).passed


def test_pinball_loss_by_hand_and_at_one_half():
    # errors -2 (a point above: tau * 2) and +1 (a point below: (1 - tau) * 1)
    assert pinball_loss([0.0, 1.0], [2.0, 0.0], 0.9) == pytest.approx((0.9 * 2 + 0.1 * 1) / 2)
    pred, true = np.array([1.0, -2.0, 3.0]), np.array([0.5, 1.0, 3.5])
    assert pinball_loss(pred, true, 0.5) == pytest.approx(np.mean(np.abs(pred - true)) / 2)


@pytest.mark.parametrize("tau", [0.0, 1.0, -0.1, 1.5])
def test_pinball_loss_names_a_tau_outside_zero_one(tau):
    with pytest.raises(ValueError, match="tau must lie strictly between 0 and 1"):
        pinball_loss([1.0], [2.0], tau)


def _linprog_quantile_line(x, y, tau):
    """Quantile regression as a linear programme: min tau u+ + (1 - tau) u-, y - Ab = u+ - u-."""
    from scipy.optimize import linprog

    n = len(x)
    A = np.column_stack([x, np.ones(n)])
    cost = np.concatenate([np.zeros(2), np.full(n, tau), np.full(n, 1 - tau)])
    equality = np.hstack([A, np.eye(n), -np.eye(n)])
    bounds = [(None, None)] * 2 + [(0, None)] * (2 * n)
    result = linprog(cost, A_eq=equality, b_eq=y, bounds=bounds, method="highs")
    return result.x[:2]


@pytest.mark.parametrize(("seed", "tau"), [(0, 0.9), (1, 0.25), (5, 0.5), (6, 0.1)])
def test_quantile_line_reaches_the_linear_programmes_optimum(seed, tau):
    x, y = _quantile_data(seed)
    theta, oracle = quantile_line(x, y, tau), _linprog_quantile_line(x, y, tau)
    loss = pinball_loss(theta[0] * x + theta[1], y, tau)
    assert loss == pytest.approx(pinball_loss(oracle[0] * x + oracle[1], y, tau), rel=1e-9)
    # A quantile line with an intercept leaves at most n tau points below it and at most
    # n (1 - tau) above it.
    below = np.sum(y < theta[0] * x + theta[1] - 1e-9)
    above = np.sum(y > theta[0] * x + theta[1] + 1e-9)
    assert below <= len(x) * tau + 1e-9 and above <= len(x) * (1 - tau) + 1e-9


def test_quantile_line_names_x_without_two_different_values():
    with pytest.raises(ValueError, match="two different values"):
        quantile_line([1.0, 1.0, 1.0], [0.0, 1.0, 2.0], 0.5)


def test_the_quantile_checker_accepts_linprog_and_scikit_learn():
    from sklearn.linear_model import QuantileRegressor

    def by_sklearn(x, y, tau):
        model = QuantileRegressor(quantile=tau, alpha=0.0, solver="highs")
        model.fit(np.reshape(x, (-1, 1)), y)
        return np.array([model.coef_[0], model.intercept_])

    assert EXERCISES["reg-quantile-line"].check(_linprog_quantile_line).passed
    assert EXERCISES["reg-quantile-line"].check(by_sklearn).passed


def test_the_quantile_checker_accepts_subgradient_descent_with_a_shrinking_rate():
    def by_descent(x, y, tau):
        A = np.column_stack([x, np.ones_like(x)])
        theta = np.zeros(2)
        best, best_loss = theta, np.inf
        for step in range(1, 20001):
            e = A @ theta - y
            grad = A.T @ np.where(e > 0, 1 - tau, -tau) / len(x)
            theta = theta - 0.5 / np.sqrt(step) * grad
            loss = pinball_loss(A @ theta, y, tau)
            if loss < best_loss:
                best, best_loss = theta, loss
        return best

    assert EXERCISES["reg-quantile-line"].check(by_descent).passed


def test_the_quantile_checker_rejects_a_line_that_is_not_a_function_of_the_data():
    with pytest.raises(CheckFailed, match="expected an array"):
        EXERCISES["reg-quantile-line"].check(lambda x, y, tau: [1.0, 2.0, 3.0])
    with pytest.raises(CheckFailed, match="fraction"):
        EXERCISES["reg-quantile-line"].check(lambda x, y, tau: np.array([0.0, 0.0]))
