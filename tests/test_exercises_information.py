"""Chapter 5's exercises: the reference answers against independent oracles (PyTorch, scipy,
values derived by hand), and correct answers written in other ways are accepted."""

import math

import numpy as np
import pytest
import scipy.stats
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from descent.checks import EXERCISES
from descent.exercises.base import CheckFailed
from descent.exercises.information import (
    _kl_div_as_written,
    _kl_div_log_target,
    _kl_div_without_log,
    _max_entropy_bits,
    average_code_length,
    entropy_bits,
    kl_per_sample,
)


@st.composite
def distributions(draw, size=None):
    """A probability vector of ``size`` outcomes (2 to 6 if not given), zeros allowed."""
    size = size or draw(st.integers(2, 6))
    weights = np.array(draw(st.lists(st.integers(0, 10), min_size=size, max_size=size)), float)
    weights[draw(st.integers(0, size - 1))] += 1  # at least one outcome is possible
    return weights / weights.sum()


# --- info-entropy-bits --------------------------------------------------------------------


@given(distributions())
def test_entropy_bits_is_scipys_entropy_in_base_2(p):
    assert entropy_bits(p) == pytest.approx(scipy.stats.entropy(p, base=2), abs=1e-12)


def test_entropy_bits_of_hand_derived_distributions():
    assert entropy_bits([0.5, 0.25, 0.25]) == pytest.approx(1.5)
    assert entropy_bits(np.full(8, 1 / 8)) == pytest.approx(3.0)
    assert entropy_bits([1.0, 0.0, 0.0]) == 0.0


def _entropy_bits_loop(p):
    total = 0.0
    for probability in p:
        if probability > 0:
            total -= probability * math.log2(probability)
    return total


def _entropy_bits_torch(p):
    return torch.distributions.Categorical(probs=torch.as_tensor(p)).entropy().item() / math.log(2)


@pytest.mark.parametrize(
    "answer",
    [
        _entropy_bits_loop,
        lambda p: scipy.stats.entropy(p, base=2),
        _entropy_bits_torch,
        lambda p: -np.sum(scipy.special.xlogy(p, p)) / np.log(2),
    ],
    ids=["loop", "scipy", "torch", "xlogy"],
)
def test_entropy_bits_accepts_correct_answers_however_written(answer):
    assert EXERCISES["info-entropy-bits"].check(answer).passed


def test_entropy_bits_accepts_torchs_float32_rounding():
    """Categorical in float32 gives about 1e-7 bits, not 0, for the certain coin (1, 0)."""

    def float32(p):
        probs = torch.tensor(p, dtype=torch.float32)
        return torch.distributions.Categorical(probs=probs).entropy().item() / math.log(2)

    assert float32(np.array([1.0, 0.0])) > 0  # the rounding the tolerance must absorb
    assert EXERCISES["info-entropy-bits"].check(float32).passed


def test_the_certain_coins_reference_entropy_is_plus_zero():
    """A learner's message reads 'expected 0.', never 'expected -0.'."""
    assert math.copysign(1.0, entropy_bits(np.array([1.0, 0.0]))) == 1.0


# --- info-cross-entropy -------------------------------------------------------------------


def _cross_entropy_torch(p, q):
    p, q = torch.as_tensor(p), torch.as_tensor(q)
    return -torch.special.xlogy(p, q).sum().item()


def _cross_entropy_scipy(p, q):
    return scipy.stats.entropy(p) + scipy.stats.entropy(p, q)  # H(p) + KL(p || q)


@pytest.mark.parametrize(
    "answer",
    [_cross_entropy_torch, _cross_entropy_scipy],
    ids=["torch-xlogy", "scipy-identity"],
)
def test_cross_entropy_accepts_correct_answers_however_written(answer):
    assert EXERCISES["info-cross-entropy"].check(answer).passed


def test_cross_entropy_matches_torchs_probability_target():
    p, q = np.array([0.2, 0.5, 0.3]), np.array([0.25, 0.25, 0.5])
    oracle = F.cross_entropy(torch.log(torch.tensor(q)), torch.tensor(p)).item()
    assert EXERCISES["info-cross-entropy"].solution(p, q) == pytest.approx(oracle, rel=1e-9)


def test_cross_entropy_in_bits_gets_the_bits_hint():
    with pytest.raises(CheckFailed, match="np.log2 gives bits"):
        EXERCISES["info-cross-entropy"].check(
            lambda p, q: -np.sum(p * np.log2(np.where(p > 0, q, 1)))
        )


def test_torchs_cross_entropy_of_log_q_is_nan_where_q_is_zero_and_says_so():
    """log 0 = -inf as a logit gives nan even where p = 0: the hint names PyTorch too."""

    def via_torch(p, q):
        return F.cross_entropy(torch.log(torch.tensor(q)), torch.tensor(p)).item()

    with pytest.raises(CheckFailed, match=r"in NumPy as in PyTorch"):
        EXERCISES["info-cross-entropy"].check(via_torch)


def test_the_tutorials_line_is_rejected():
    with pytest.raises(CheckFailed, match="tutorial's line unchanged"):
        EXERCISES["info-cross-entropy"].check(lambda p, q: np.sum(p * np.log10(q)))


# --- info-kl ------------------------------------------------------------------------------


def test_kl_accepts_scipy_and_torch():
    exercise = EXERCISES["info-kl"]
    assert exercise.check(lambda p, q: scipy.stats.entropy(p, q)).passed
    assert exercise.check(
        lambda p, q: F.kl_div(torch.log(torch.tensor(q)), torch.tensor(p), reduction="sum").item()
    ).passed


def test_kl_in_bits_gets_the_bits_hint():
    with pytest.raises(CheckFailed, match="np.log2 gives bits"):
        EXERCISES["info-kl"].check(lambda p, q: scipy.stats.entropy(p, q, base=2))


# --- info-max-entropy ---------------------------------------------------------------------


def test_max_entropy_by_brute_force():
    """No distribution over five faces with p_1 = 0.6 beats the derived maximum."""
    rng = np.random.default_rng(0)
    others = 0.4 * rng.dirichlet(np.ones(4), size=20_000)
    candidates = np.column_stack([np.full(len(others), 0.6), others])
    best = scipy.stats.entropy(candidates, base=2, axis=1).max()
    answer = EXERCISES["info-max-entropy"].solution
    assert best <= answer[0] + 1e-12
    assert best == pytest.approx(answer[0], abs=1e-3)
    assert scipy.stats.entropy([0.6, 0.1, 0.1, 0.1, 0.1], base=2) == pytest.approx(answer[0])
    assert answer[1] == pytest.approx(0.1)


def test_max_entropy_without_a_constraint_is_log_k():
    assert _max_entropy_bits(0.2, 4) == pytest.approx(np.log2(5))


def test_max_entropy_accepts_a_value_computed_with_scipy():
    value = [scipy.stats.entropy([0.6, 0.1, 0.1, 0.1, 0.1], base=2), 0.1]
    assert EXERCISES["info-max-entropy"].check(value).passed


# --- info-kl-div --------------------------------------------------------------------------


def _kl_div_torch(p, q):
    p, q = torch.as_tensor(p), torch.as_tensor(q)
    if p.dim() == 1:
        p, q = p.unsqueeze(0), q.unsqueeze(0)
    return F.kl_div(torch.log(q), p, reduction="batchmean")


def _kl_per_sample_loop(p, q):
    rows = np.atleast_2d(p), np.atleast_2d(q)
    total = 0.0
    for p_row, q_row in zip(*rows, strict=True):
        total += sum(a * math.log(a / b) for a, b in zip(p_row, q_row, strict=True) if a > 0)
    return total / len(rows[0])


@pytest.mark.parametrize(
    "answer",
    [_kl_div_torch, lambda p, q: np.mean(scipy.stats.entropy(p, q, axis=-1)), _kl_per_sample_loop],
    ids=["batchmean-tensor", "scipy", "loop"],
)
def test_kl_div_accepts_correct_answers_however_written(answer):
    assert EXERCISES["info-kl-div"].check(answer).passed


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(
    st.integers(1, 5).flatmap(lambda n: st.lists(distributions(4), min_size=2 * n, max_size=2 * n))
)
def test_kl_per_sample_is_torchs_batchmean(rows):
    half = len(rows) // 2
    p, q = np.array(rows[:half]), np.array(rows[half:])
    q = (q + 0.01) / (q + 0.01).sum(axis=1, keepdims=True)  # the model gives every class some
    oracle = F.kl_div(torch.log(torch.tensor(q)), torch.tensor(p), reduction="batchmean").item()
    assert kl_per_sample(p, q) == pytest.approx(oracle, rel=1e-9, abs=1e-12)


_KL_DIV_INPUTS = [
    (np.array([[0.6, 0.3, 0.1], [1.0, 0.0, 0.0]]), np.array([[0.4, 0.4, 0.2], [0.7, 0.1, 0.2]])),
    (np.array([0.0, 0.5, 0.5, 0.0]), np.array([0.1, 0.4, 0.3, 0.2])),
]


@pytest.mark.parametrize(("p", "q"), _KL_DIV_INPUTS)
def test_the_kl_div_mistakes_are_what_pytorch_computes(p, q):
    """Each modelled mistake equals the PyTorch call it stands for, zeros in p included."""
    p_t, q_t = torch.tensor(p), torch.tensor(q)
    as_written = F.kl_div(p_t, q_t, reduction="batchmean").item()
    rows_p, rows_q = torch.atleast_2d(p_t), torch.atleast_2d(q_t)
    without_log = F.kl_div(rows_q, rows_p, reduction="batchmean").item()
    log_target = F.kl_div(rows_q.log(), rows_p.log(), reduction="batchmean", log_target=True)
    assert _kl_div_as_written(p, q) == pytest.approx(as_written, rel=1e-12)
    assert _kl_div_without_log(p, q) == pytest.approx(without_log, rel=1e-12)
    assert math.isnan(_kl_div_log_target(p, q)) and torch.isnan(log_target)


def test_log_p_as_the_target_is_rejected_with_its_hint():
    def log_target(p, q):
        p, q = torch.atleast_2d(torch.tensor(p)), torch.atleast_2d(torch.tensor(q))
        return F.kl_div(q.log(), p.log(), reduction="batchmean", log_target=True).item()

    with pytest.raises(CheckFailed, match="Pass p itself as the target"):
        EXERCISES["info-kl-div"].check(log_target)


def test_the_broken_kl_div_call_is_rejected_with_its_hint():
    def broken(p, q):
        return F.kl_div(torch.tensor(p), torch.tensor(q), reduction="batchmean").item()

    with pytest.raises(CheckFailed, match="broken call unchanged"):
        EXERCISES["info-kl-div"].check(broken)


# --- info-bce -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p_pred", "y_true"),
    [([0.0, 1.0], [0.0, 1.0]), ([1.0], [0.0]), ([0.0, 1.0, 0.3], [1.0, 1.0, 0.0])],
)
def test_bce_matches_torch_at_probabilities_0_and_1(p_pred, y_true):
    oracle = torch.nn.BCELoss()(torch.tensor(p_pred), torch.tensor(y_true)).item()
    got = EXERCISES["info-bce"].solution(np.array(p_pred), np.array(y_true))
    assert got == pytest.approx(oracle, rel=1e-6)


def test_bce_matches_torch_on_soft_labels():
    p_pred, y_true = np.array([0.3, 0.8, 0.0]), np.array([0.25, 0.9, 0.5])
    oracle = torch.nn.BCELoss()(torch.tensor(p_pred), torch.tensor(y_true)).item()
    assert EXERCISES["info-bce"].solution(p_pred, y_true) == pytest.approx(oracle, rel=1e-9)


def test_bce_for_hard_labels_only_is_rejected_with_its_hint():
    def hard_labels_only(p_pred, y_true):
        with np.errstate(divide="ignore"):
            return -np.mean(np.maximum(np.log(np.where(y_true == 1, p_pred, 1 - p_pred)), -100))

    with pytest.raises(CheckFailed, match="soft labels"):
        EXERCISES["info-bce"].check(hard_labels_only)


def test_bce_accepts_torch_and_the_tutorials_line_is_rejected():
    exercise = EXERCISES["info-bce"]
    assert exercise.check(
        lambda p, y: torch.nn.BCELoss()(torch.tensor(p), torch.tensor(y)).item()
    ).passed
    assert exercise.check(  # float32, PyTorch's default
        lambda p, y: torch.nn.BCELoss()(
            torch.tensor(p, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
        ).item()
    ).passed

    def tutorial(p_pred, y_true):
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.mean(y_true * np.log(p_pred) + (1 - y_true) * np.log(1 - p_pred))

    with pytest.raises(CheckFailed, match="clamp each logarithm at -100"):
        exercise.check(tutorial)


# --- info-code-length ---------------------------------------------------------------------


def test_code_lengths_lie_between_the_cross_entropy_and_one_bit_more():
    p, q = np.array([0.6, 0.3, 0.1]), np.array([0.4, 0.4, 0.2])
    cross_entropy_bits = -np.sum(p * np.log2(q))
    average = average_code_length(p, q, 100_000, seed=0)
    assert cross_entropy_bits <= average < cross_entropy_bits + 1
    assert average == pytest.approx(2.1, abs=0.02)  # 0.6 * 2 + 0.3 * 2 + 0.1 * 3, by hand


def test_code_length_accepts_the_exact_expectation_and_a_loop():
    exercise = EXERCISES["info-code-length"]
    assert exercise.check(lambda p, q, n, seed: float(p @ np.ceil(-np.log2(q)))).passed

    def loop(p, q, n_days, seed):
        rng = np.random.default_rng(seed)
        bits = 0
        for day in rng.choice(len(p), size=n_days, p=p):
            bits += math.ceil(-math.log2(q[day]))
        return bits / n_days

    assert exercise.check(loop).passed


def test_code_length_rejects_a_wrong_answer_that_matches_no_known_mistake():
    with pytest.raises(CheckFailed, match="should be close to") as failure:
        EXERCISES["info-code-length"].check(lambda p, q, n, seed: 0.0)
    assert "Hint" not in str(failure.value)
