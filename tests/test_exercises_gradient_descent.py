"""The reference solutions of chapter 3's exercises, against independent oracles (PyTorch's
autograd and optimiser, gradient descent itself), and correct answers written in other ways."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent import optim
from descent.checks import EXERCISES
from descent.exercises.base import CheckFailed
from descent.exercises.gradient_descent import (
    best_learning_rate,
    broken_training_loop,
    critical_learning_rate,
    descend,
    fixed_training_loop,
    mse_slope_gradient,
    sgd_noise_floor,
)

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
inputs = arrays(np.float64, st.integers(1, 6), elements=finite)
spread_inputs = inputs.filter(lambda x: np.ptp(x) > 0.1)  # not all equal: lambda_min > 0


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(st.floats(-5, 5), inputs, st.data())
def test_mse_slope_gradient_matches_autograd(w, x, data):
    y = data.draw(arrays(np.float64, x.shape, elements=finite))
    w_t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    torch.nn.MSELoss()(w_t * torch.from_numpy(x), torch.from_numpy(y)).backward()
    assert mse_slope_gradient(w, x, y) == pytest.approx(w_t.grad.item(), rel=1e-9, abs=1e-9)


def test_the_mse_gradient_checker_accepts_a_loop_numpy_and_torch():
    def with_a_loop(w, x, y):
        total = 0.0
        for xi, yi in zip(x, y, strict=True):
            total += 2 * (w * xi - yi) * xi
        return total / len(x)

    def with_dot(w, x, y):
        x, y = np.asarray(x), np.asarray(y)
        return 2 * np.dot(w * x - y, x) / len(x)

    def with_autograd(w, x, y):
        w_t = torch.tensor(float(w), dtype=torch.float64, requires_grad=True)
        loss = ((w_t * torch.as_tensor(x) - torch.as_tensor(y)) ** 2).mean()
        loss.backward()
        return w_t.grad.item()

    for answer in (with_a_loop, with_dot, with_autograd):
        assert EXERCISES["gd-mse-gradient"].check(answer).passed


def test_descend_matches_torch_sgd():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    sgd = torch.optim.SGD([w], lr=0.05)
    path = [w.item()]
    for _ in range(8):
        sgd.zero_grad()
        torch.nn.MSELoss()(w * torch.from_numpy(x), torch.from_numpy(y)).backward()
        sgd.step()
        path.append(w.item())
    np.testing.assert_allclose(descend(x, y, 1.0, 0.05, 8), path, rtol=1e-12)


def test_the_descend_checker_accepts_a_while_loop_and_a_preallocated_array():
    def with_while(x, y, w0, lr, steps):
        path, w = [w0], w0
        while len(path) <= steps:
            w = w - lr * sum(2 * (w * a - b) * a for a, b in zip(x, y, strict=True)) / len(x)
            path.append(w)
        return path

    def preallocated(x, y, w0, lr, steps):
        x, y = np.asarray(x), np.asarray(y)
        path = np.empty(steps + 1)
        path[0] = w0
        for t in range(steps):
            path[t + 1] = path[t] - lr * 2 * np.mean((path[t] * x - y) * x)
        return path

    for answer in (with_while, preallocated):
        assert EXERCISES["gd-descend"].check(answer).passed


@settings(deadline=None)
@given(spread_inputs)
def test_critical_rate_is_two_over_the_top_eigenvalue_of_the_autograd_hessian(x):
    y = np.zeros_like(x)  # the Hessian does not depend on y

    def loss(params):
        return ((params[0] * torch.from_numpy(x) + params[1] - torch.from_numpy(y)) ** 2).mean()

    hessian = torch.autograd.functional.hessian(loss, torch.zeros(2, dtype=torch.float64))
    top = np.linalg.eigvalsh(hessian.numpy())[-1]
    assert critical_learning_rate(x) == pytest.approx(2 / top, rel=1e-9)


def _distance_after(x, lr, steps=200):
    """|(w, b) - minimum| after gradient descent from a generic start; the minimum of
    y = 0 is (0, 0)."""

    def grad(params):
        error = params[0] * x + params[1]
        return np.array([np.mean(2 * error * x), np.mean(2 * error)])

    return np.linalg.norm(optim.gradient_descent(grad, [1.0, -0.7], lr, steps)[-1])


@pytest.mark.parametrize("x", [np.array([1.0, 2.0, 3.0]), np.array([-2.0, 0.5, 4.0, 1.0])])
def test_descent_converges_just_below_the_critical_rate_and_diverges_just_above(x):
    rate = critical_learning_rate(x)
    assert _distance_after(x, 0.98 * rate, steps=2000) < 1e-3
    assert _distance_after(x, 1.02 * rate) > 1e3


@settings(deadline=None)
@given(spread_inputs)
def test_best_rate_minimises_the_slowest_contraction_factor(x):
    hessian = 2 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    eigenvalues = np.linalg.eigvalsh(hessian)
    rates = np.linspace(1e-4, critical_learning_rate(x), 20001)
    worst = np.max(np.abs(1 - np.outer(rates, eigenvalues)), axis=1)
    best = rates[np.argmin(worst)]
    assert best_learning_rate(x) == pytest.approx(best, rel=1e-3)


def test_the_predicted_number_of_steps_is_what_a_run_takes():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    path = descend(x, y, 0.0, 0.2, 300)
    first = int(np.argmax(np.abs(path - 2.0) <= 1e-6))
    assert EXERCISES["gd-steps-to-tolerance"].solution == first
    assert EXERCISES["gd-steps-to-tolerance"].check(float(first)).passed


def test_the_fixed_loop_is_gradient_descent_and_the_broken_one_is_not():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    expected = descend(x, y, 1.0, 0.01, 6)
    np.testing.assert_allclose(fixed_training_loop(x, y, 1.0, 0.01, 6), expected, rtol=1e-12)
    broken = broken_training_loop(x, y, 1.0, 0.01, 6)
    assert broken[1] == pytest.approx(expected[1])  # the first step is right ...
    assert not np.allclose(broken[2:], expected[2:])  # ... and then the gradients pile up


def test_the_zero_grad_checker_accepts_an_optimiser_loop_in_float32():
    def with_an_optimiser(x, y, w0, lr, steps):
        x = torch.tensor(np.asarray(x), dtype=torch.float32)
        y = torch.tensor(np.asarray(y), dtype=torch.float32)
        w = torch.tensor([float(w0)], requires_grad=True)
        optimizer = torch.optim.SGD([w], lr=lr)
        path = [w.item()]
        for _ in range(steps):
            optimizer.zero_grad()
            torch.nn.MSELoss()(w * x, y).backward()
            optimizer.step()
            path.append(w.item())
        return np.array(path)

    assert EXERCISES["gd-zero-grad"].check(with_an_optimiser).passed
    with pytest.raises(CheckFailed, match="backward\\(\\) adds to w.grad"):
        EXERCISES["gd-zero-grad"].check(broken_training_loop)


def test_the_noise_floor_grows_with_the_rate_for_every_seed():
    for seed in range(3):
        floors = [sgd_noise_floor(lr, seed) for lr in (0.005, 0.02, 0.08)]
        assert 0 < floors[0] < floors[1] < floors[2]


def test_the_noise_floor_checker_accepts_an_answer_written_with_torch():
    from descent.exercises import gradient_descent as chapter

    x, y = chapter._x_noisy, chapter._y_noisy

    def with_torch(lr, seed):
        rng = np.random.default_rng(seed)
        params = torch.tensor(chapter._best_wb, dtype=torch.float64, requires_grad=True)
        x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
        excess = []
        for _ in range(5):
            for i in rng.permutation(len(x)):
                loss = (params[0] * x_t[i] + params[1] - y_t[i]) ** 2
                loss.backward()
                with torch.no_grad():
                    params -= lr * params.grad
                params.grad = None
                with torch.no_grad():
                    full = ((params[0] * x_t + params[1] - y_t) ** 2).mean().item()
                excess.append(full - chapter._BEST_LOSS)
        return float(np.mean(excess))

    assert EXERCISES["gd-noise-floor"].check(with_torch).passed


def test_the_noise_floor_checker_names_a_total_loss_and_a_rate_that_is_ignored():
    floor = EXERCISES["gd-noise-floor"]
    with pytest.raises(CheckFailed, match="subtract the least-squares loss"):
        floor.check(lambda lr, seed: sgd_noise_floor(lr, seed) + 0.3)
    with pytest.raises(CheckFailed, match="use the rate lr"):
        floor.check(lambda lr, seed: math.pi * 1e-3)


def test_float32_answers_written_with_pytorch_are_accepted():
    def gradient_in_float32(w, x, y):
        w_t = torch.tensor(float(w), requires_grad=True)  # float32, PyTorch's default
        x_t, y_t = (
            torch.tensor(np.asarray(x), dtype=torch.float32),
            torch.tensor(np.asarray(y), dtype=torch.float32),
        )
        torch.nn.MSELoss()(w_t * x_t, y_t).backward()
        return w_t.grad.item()

    def critical_rate_in_float32(x):
        x_t = torch.tensor(np.asarray(x), dtype=torch.float32)

        def loss(params):
            return ((params[0] * x_t + params[1]) ** 2).mean()

        hessian = torch.autograd.functional.hessian(loss, torch.zeros(2))
        return 2 / torch.linalg.eigvalsh(hessian)[-1].item()

    def best_rate_from_eigenvalues(x):
        x = np.asarray(x, dtype=np.float32)
        hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1]], dtype=np.float32)
        return 2 / np.sum(np.linalg.eigvalsh(hessian))

    assert EXERCISES["gd-mse-gradient"].check(gradient_in_float32).passed
    assert EXERCISES["gd-critical-lr"].check(critical_rate_in_float32).passed
    assert EXERCISES["gd-best-rate"].check(best_rate_from_eigenvalues).passed


def test_the_noise_floor_checker_names_a_distant_start():
    from descent.exercises import gradient_descent as chapter

    with pytest.raises(CheckFailed, match="start at the least-squares line"):
        EXERCISES["gd-noise-floor"].check(chapter._noise_floor_from_far)


def test_descend_written_with_autograd_and_an_integer_prediction_are_accepted():
    def with_autograd(x, y, w0, lr, steps):
        x_t, y_t = torch.as_tensor(np.asarray(x)), torch.as_tensor(np.asarray(y))
        w = torch.tensor(float(w0), dtype=torch.float64, requires_grad=True)
        path = [w.detach().clone()]
        for _ in range(steps):
            ((w * x_t - y_t) ** 2).mean().backward()
            with torch.no_grad():
                w -= lr * w.grad
            w.grad = None
            path.append(w.detach().clone())
        return torch.stack(path)

    assert EXERCISES["gd-descend"].check(with_autograd).passed
    steps = EXERCISES["gd-steps-to-tolerance"].solution
    for answer in (int(steps), np.int64(steps), float(steps)):
        assert EXERCISES["gd-steps-to-tolerance"].check(answer).passed
