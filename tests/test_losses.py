"""descent.losses against PyTorch (the oracle), hand-derived values, and properties."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from descent import losses

# ---------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def same_shape_pairs(draw):
    shape = draw(st.tuples(st.integers(1, 6), st.integers(1, 4)) | st.tuples(st.integers(1, 8)))
    return draw(arrays(np.float64, shape, elements=finite)), draw(
        arrays(np.float64, shape, elements=finite)
    )


@st.composite
def distributions(draw, k=None, strictly_positive=False):
    k = k or draw(st.integers(2, 8))
    low = 1e-3 if strictly_positive else 0.0
    weights = draw(arrays(np.float64, k, elements=st.floats(low, 1.0)))
    if weights.sum() == 0:
        weights[0] = 1.0
    return weights / weights.sum()


@st.composite
def distribution_pairs(draw):
    k = draw(st.integers(2, 8))
    return draw(distributions(k)), draw(distributions(k, strictly_positive=True))


def t(x):
    return torch.tensor(np.asarray(x), dtype=torch.float64)


# ---------------------------------------------------------------------------
# Regression losses
# ---------------------------------------------------------------------------


def test_worked_example_of_chapter_4():
    assert losses.mae([1, 2, 3], [1, 2, 5]) == pytest.approx(2 / 3)
    assert losses.mse([1, 2, 3], [1, 2, 5]) == pytest.approx(4 / 3)


@given(same_shape_pairs())
def test_mse_matches_torch(pair):
    pred, true = pair
    assert losses.mse(pred, true) == pytest.approx(
        torch.nn.MSELoss()(t(pred), t(true)).item(), rel=1e-9, abs=1e-9
    )


@given(same_shape_pairs())
def test_mae_matches_torch(pair):
    pred, true = pair
    assert losses.mae(pred, true) == pytest.approx(
        torch.nn.L1Loss()(t(pred), t(true)).item(), rel=1e-9, abs=1e-9
    )


@given(same_shape_pairs(), st.floats(0.1, 10.0))
def test_huber_matches_torch(pair, delta):
    pred, true = pair
    expected = torch.nn.HuberLoss(delta=delta)(t(pred), t(true)).item()
    assert losses.huber(pred, true, delta) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@given(
    arrays(np.float64, 6, elements=st.floats(0.0, 1.0)),
    arrays(np.float64, 6, elements=st.sampled_from([0.0, 1.0])),
)
def test_binary_cross_entropy_matches_torch_including_clamping(p, y):
    expected = torch.nn.BCELoss()(t(p), t(y)).item()
    assert losses.binary_cross_entropy(p, y) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_binary_cross_entropy_of_a_certain_mistake_is_large_but_finite():
    assert losses.binary_cross_entropy([0.0], [1.0]) == pytest.approx(100.0)


def test_returns_python_floats():
    assert type(losses.mse([1.0], [2.0])) is float
    assert type(losses.entropy([0.5, 0.5])) is float


def test_float32_stays_float32_where_an_array_is_returned():
    z = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    assert losses.softmax(z).dtype == losses.log_softmax(z).dtype == np.float32
    assert losses.logsumexp(z).dtype == np.float32
    assert losses.entropy(np.array([[0.5, 0.5]], dtype=np.float32)).dtype == np.float32


# ---------------------------------------------------------------------------
# Bad input: clear ValueErrors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [losses.mse, losses.mae, losses.huber])
def test_regression_losses_refuse_to_broadcast(loss):
    with pytest.raises(ValueError, match=r"same shape.*\(3,\) and \(3, 1\)"):
        loss([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]])


@pytest.mark.parametrize(
    ("y_pred", "y_true", "message"),
    [
        ([], [], "y_pred is empty"),
        ([1.0, float("nan")], [1.0, 2.0], "y_pred contains NaN"),
        ([1.0, 2.0], [1.0, float("inf")], "y_true contains NaN or infinity"),
        (["a"], [1.0], "y_pred must contain numbers"),
    ],
)
def test_regression_losses_reject_bad_values(y_pred, y_true, message):
    with pytest.raises(ValueError, match=message):
        losses.mse(y_pred, y_true)


def test_huber_rejects_non_positive_delta():
    with pytest.raises(ValueError, match="delta must be a positive number"):
        losses.huber([1.0], [2.0], delta=0.0)


def test_binary_cross_entropy_rejects_logits():
    with pytest.raises(ValueError, match="p_pred must be probabilities"):
        losses.binary_cross_entropy([2.5, -1.0], [1.0, 0.0])


# ---------------------------------------------------------------------------
# Information measures
# ---------------------------------------------------------------------------


def test_fair_coin_has_one_bit_of_entropy():
    assert losses.entropy([0.5, 0.5], base=2) == pytest.approx(1.0)
    assert losses.entropy([0.5, 0.5]) == pytest.approx(math.log(2))


def test_zero_log_zero_is_zero():
    assert losses.entropy([1.0, 0.0]) == 0.0
    assert losses.kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == pytest.approx(1.0)


def test_cross_entropy_worked_examples_of_chapter_5():
    label = [1, 0, 0, 0, 0]
    assert losses.cross_entropy(label, [0.4, 0.3, 0.05, 0.05, 0.2]) == pytest.approx(-math.log(0.4))
    assert losses.cross_entropy(label, [0.98, 0.01, 0, 0, 0.01]) == pytest.approx(-math.log(0.98))
    in_base_10 = losses.cross_entropy([1, 0, 0], [0.5, 0.2, 0.3], base=10)
    assert in_base_10 == pytest.approx(0.30103, abs=1e-5)


def test_cross_entropy_is_infinite_when_the_model_rules_out_the_truth():
    assert losses.cross_entropy([0.0, 1.0], [1.0, 0.0]) == math.inf


@given(distribution_pairs())
def test_gibbs_inequality_kl_is_non_negative(pair):
    p, q = pair
    assert losses.kl_divergence(p, q) >= -1e-12


@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_kl(pair):
    p, q = pair
    assert losses.cross_entropy(p, q) == pytest.approx(
        losses.entropy(p) + losses.kl_divergence(p, q), abs=1e-9
    )


@given(distributions())
def test_cross_entropy_of_p_with_itself_is_its_entropy(p):
    assert losses.cross_entropy(p, p) == pytest.approx(losses.entropy(p), abs=1e-12)
    assert losses.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


@given(distribution_pairs(), st.sampled_from([2.0, 10.0]))
def test_the_base_only_rescales(pair, base):
    p, q = pair
    assert losses.entropy(p, base=base) == pytest.approx(losses.entropy(p) / math.log(base))
    assert losses.kl_divergence(p, q, base=base) == pytest.approx(
        losses.kl_divergence(p, q) / math.log(base), abs=1e-12
    )


@given(distribution_pairs())
def test_kl_matches_torch(pair):
    p, q = pair
    # F.kl_div takes the log of the *model* first and the target second: KL(target || model).
    expected = F.kl_div(t(q).log(), t(p), reduction="sum").item()
    assert losses.kl_divergence(p, q) == pytest.approx(expected, abs=1e-9)


@given(distribution_pairs())
def test_information_measures_agree_with_scipy(pair):
    special = pytest.importorskip("scipy.special")
    p, q = pair
    assert losses.entropy(p) == pytest.approx(-np.sum(special.xlogy(p, p)), abs=1e-12)
    assert losses.cross_entropy(p, q) == pytest.approx(-np.sum(special.xlogy(p, q)), abs=1e-12)
    assert losses.kl_divergence(p, q) == pytest.approx(np.sum(special.rel_entr(p, q)), abs=1e-12)


def test_kl_divergence_is_infinite_where_q_rules_out_what_p_allows():
    assert losses.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert losses.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2))


def test_entropy_of_a_batch_is_one_value_per_row():
    np.testing.assert_allclose(losses.entropy([[0.5, 0.5], [1.0, 0.0]], base=2), [1.0, 0.0])


@pytest.mark.parametrize(
    ("p", "message"),
    [
        ([0.5, 0.6], "must sum to 1"),
        ([1.5, -0.5], "negative"),
        ([2.0, 1.0, -1.0], "negative"),
    ],
)
def test_information_measures_reject_non_distributions(p, message):
    with pytest.raises(ValueError, match=message):
        losses.entropy(p)
    with pytest.raises(ValueError, match=message):
        losses.cross_entropy(p, [0.5, 0.5])


@pytest.mark.parametrize("base", [1.0, 0.0, -2.0, float("nan")])
def test_information_measures_reject_bad_bases(base):
    with pytest.raises(ValueError, match="base must be positive and not 1"):
        losses.entropy([0.5, 0.5], base=base)


# ---------------------------------------------------------------------------
# The softmax family
# ---------------------------------------------------------------------------


def test_softmax_worked_example_of_chapter_6():
    z = np.array([[3.0, 7.0, 4.0], [3.0, 5.0, 8.0]])
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(losses.softmax(z), expected)


@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite))
def test_softmax_family_matches_torch(z):
    np.testing.assert_allclose(losses.softmax(z), torch.softmax(t(z), dim=-1), atol=1e-12)
    np.testing.assert_allclose(losses.log_softmax(z), torch.log_softmax(t(z), dim=-1), atol=1e-9)
    np.testing.assert_allclose(losses.logsumexp(z), torch.logsumexp(t(z), dim=-1), atol=1e-9)


def test_softmax_along_another_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(losses.softmax(z, axis=0), torch.softmax(t(z), dim=0))


def test_softmax_stays_finite_for_huge_float32_logits():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]], dtype=np.float32)
    p = losses.softmax(z)
    assert p.dtype == np.float32
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-6)
    assert np.all(np.isfinite(losses.log_softmax(z)))


def test_one_hot():
    np.testing.assert_array_equal(losses.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([0, 3], r"must lie in \[0, 3\)"),
        ([-1], r"must lie in \[0, 3\)"),
        ([0.0, 1.5], "whole class indices"),
        ([[0, 1]], "1-D array of class indices"),
    ],
)
def test_one_hot_rejects_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        losses.one_hot(labels, 3)


@given(
    arrays(np.float64, (5, 4), elements=st.floats(-50, 50)),
    arrays(np.int64, 5, elements=st.integers(0, 3)),
)
def test_softmax_cross_entropy_with_indices_matches_torch(logits, labels):
    expected = torch.nn.CrossEntropyLoss()(t(logits), torch.tensor(labels)).item()
    assert losses.softmax_cross_entropy(logits, labels) == pytest.approx(expected, rel=1e-9)


@given(
    arrays(np.float64, (3, 4), elements=st.floats(-50, 50)),
    st.lists(distributions(4), min_size=3, max_size=3),
)
def test_softmax_cross_entropy_with_probabilities_matches_torch(logits, rows):
    target = np.array(rows)
    expected = torch.nn.CrossEntropyLoss()(t(logits), t(target)).item()
    assert losses.softmax_cross_entropy(logits, target) == pytest.approx(expected, rel=1e-9)


def test_softmax_cross_entropy_of_a_single_sample():
    logits = np.array([2.0, 1.0, 0.1])
    expected = torch.nn.CrossEntropyLoss()(t(logits), torch.tensor(0)).item()
    assert losses.softmax_cross_entropy(logits, 0) == pytest.approx(expected)


def test_softmax_cross_entropy_reads_the_target_by_its_shape_not_its_dtype():
    logits = np.array([[1.0, 2.0, 0.5], [0.5, 0.1, -1.0]])
    expected = torch.nn.CrossEntropyLoss()(t(logits), torch.tensor([2, 0])).item()
    for target in (
        [2, 0],  # class indices, (n,)
        np.array([2.0, 0.0]),  # whole numbers in a float array are still indices
        np.array([[0, 0, 1], [1, 0, 0]]),  # an integer one-hot, (n, C): probabilities
        np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]),
    ):
        assert losses.softmax_cross_entropy(logits, target) == pytest.approx(expected, rel=1e-12)


def test_softmax_cross_entropy_rejects_fractional_class_indices():
    with pytest.raises(ValueError, match="target must be whole class indices"):
        losses.softmax_cross_entropy([[1.0, 2.0], [0.5, 0.1]], [0.0, 0.5])


def test_softmax_cross_entropy_rejects_probabilities_of_another_shape():
    with pytest.raises(ValueError, match=r"same shape, got \(1, 3\) and \(1, 2\)"):
        losses.softmax_cross_entropy([[1.0, 2.0]], [[0.2, 0.3, 0.5]])


def test_softmax_cross_entropy_rejects_labels_out_of_range():
    with pytest.raises(ValueError, match=r"target must lie in \[0, 2\)"):
        losses.softmax_cross_entropy([[1.0, 2.0]], [2])


def test_softmax_cross_entropy_rejects_probability_targets_that_do_not_sum_to_one():
    with pytest.raises(ValueError, match="target must sum to 1"):
        losses.softmax_cross_entropy([[1.0, 2.0]], [[0.5, 0.6]])


def test_softmax_cross_entropy_rejects_mismatched_rows():
    with pytest.raises(ValueError, match="2 labels but logits has 1 rows"):
        losses.softmax_cross_entropy([[1.0, 2.0]], [0, 1])


def test_a_sure_outcome_has_entropy_zero_not_minus_zero():
    assert math.copysign(1.0, losses.entropy([1.0, 0.0])) == 1.0
    assert str(losses.entropy([0.0, 1.0], base=2)) == "0.0"


def test_a_target_that_does_not_sum_to_one_is_told_what_a_target_is():
    with pytest.raises(ValueError, match="a target is class indices"):
        losses.softmax_cross_entropy([[1.0, 2.0, 3.0]], [[1.0, 2.0, 5.0]])
    with pytest.raises(ValueError, match="are these logits"):
        losses.entropy([1.0, 2.0, 5.0])
