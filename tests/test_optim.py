"""descent.optim: the finite-difference gradient and the gradient-descent loop."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent import losses, optim


def test_numerical_gradient_of_the_chapter_3_polynomial_matches_autograd():
    # y = a^3 x + b^2 x + c x + d at a = 1, b = 3, c = 1, d = 1, x = 1: gradients 3, 6, 1, 1.
    def f(v):
        a, b, c, d = v
        return a**3 * 1.0 + b**2 * 1.0 + c * 1.0 + d

    params = torch.tensor([1.0, 3.0, 1.0, 1.0], dtype=torch.float64, requires_grad=True)
    f(params).backward()
    np.testing.assert_allclose(
        optim.numerical_gradient(f, [1.0, 3.0, 1.0, 1.0]), [3, 6, 1, 1], atol=1e-6
    )
    np.testing.assert_allclose(params.grad.numpy(), [3, 6, 1, 1])


@given(arrays(np.float64, (3, 4), elements=st.floats(-5, 5)), st.integers(0, 3))
def test_softmax_cross_entropy_gradient_is_softmax_minus_one_hot(logits, label):
    labels = np.array([label, (label + 1) % 4, 0])
    analytic = (losses.softmax(logits) - losses.one_hot(labels, 4)) / 3
    numeric = optim.numerical_gradient(lambda o: losses.softmax_cross_entropy(o, labels), logits)
    np.testing.assert_allclose(numeric, analytic, atol=1e-6)


def test_numerical_gradient_keeps_the_shape():
    grad = optim.numerical_gradient(lambda m: float(np.sum(m**2)), np.ones((2, 3)))
    np.testing.assert_allclose(grad, 2 * np.ones((2, 3)), atol=1e-6)


def test_gradient_descent_on_the_toy_points_converges_to_w_equals_2():
    x = np.array([1.0, 2.0, 3.0])
    y = 2 * x

    def grad(w):
        return np.mean(2 * (w * x - y) * x)

    path = optim.gradient_descent(grad, 1.0, lr=0.01, steps=100)
    assert path.shape == (101,)
    assert path[0] == 1.0
    # each step multiplies (w - 2) by 1 - 2 lr mean(x^2) = 1 - 0.02 * 14/3
    np.testing.assert_allclose(path[-1] - 2, -((1 - 0.02 * 14 / 3) ** 100))


def test_gradient_descent_diverges_visibly_with_a_large_rate():
    path = optim.gradient_descent(lambda w: 2 * w, 1.0, lr=1.5, steps=5)
    np.testing.assert_allclose(path, [1, -2, 4, -8, 16, -32])


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan")])
def test_gradient_descent_rejects_a_non_positive_learning_rate(lr):
    with pytest.raises(ValueError, match="lr must be a positive number"):
        optim.gradient_descent(lambda w: w, 1.0, lr=lr, steps=3)


def test_numerical_gradient_rejects_a_bad_step():
    with pytest.raises(ValueError, match="eps must be a positive number"):
        optim.numerical_gradient(lambda v: 0.0, [1.0], eps=0)
