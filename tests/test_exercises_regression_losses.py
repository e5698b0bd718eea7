"""The reference solutions of chapter 4's exercises, against PyTorch (the oracle)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent.checks import EXERCISES
from descent.exercises.regression_losses import mse_gradient, mse_loss

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def same_shape_pairs(draw):
    shape = draw(st.tuples(st.integers(1, 6)) | st.tuples(st.integers(1, 4), st.integers(1, 3)))
    return draw(arrays(np.float64, shape, elements=finite)), draw(
        arrays(np.float64, shape, elements=finite)
    )


def test_mse_gradient_of_the_worked_example():
    np.testing.assert_allclose(mse_gradient([1, 2, 3], [1, 2, 5]), [0.0, 0.0, -4 / 3])


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(same_shape_pairs())
def test_mse_gradient_matches_autograd(pair):
    pred, true = pair
    y_pred = torch.tensor(pred, requires_grad=True)
    torch.nn.MSELoss()(y_pred, torch.tensor(true)).backward()
    np.testing.assert_allclose(mse_gradient(pred, true), y_pred.grad.numpy(), atol=1e-9)


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


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(same_shape_pairs(), st.floats(0.1, 10.0))
def test_the_smooth_l1_mistake_is_what_torch_calls_smooth_l1(pair, delta):
    pred, true = pair
    smooth_l1 = EXERCISES["reg-huber"].mistakes["smooth L1"]
    expected = torch.nn.SmoothL1Loss(beta=delta)(torch.tensor(pred), torch.tensor(true)).item()
    assert smooth_l1(pred, true, delta) == pytest.approx(expected, rel=1e-9, abs=1e-9)
