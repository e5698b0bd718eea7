"""Exercises of chapter 5, entropy, KL divergence and cross-entropy.

Each wrong answer below is one that tutorials and first attempts really produce: the wrong
base of the logarithm, a forgotten minus sign, ``0 * log 0`` evaluated as ``nan``, the two
distributions swapped, ``F.kl_div``'s argument order and reduction, a log that is not
clamped. The wrong functions silence NumPy's warnings about ``log(0)`` so that the checker
can compare their ``nan`` and ``inf`` with a learner's answer quietly. The checkers use
NumPy only; a learner's answer may use NumPy, scipy, loops or PyTorch.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from descent import losses
from descent.exercises.base import (
    Exercise,
    Mistake,
    PropertyExercise,
    ValueExercise,
    describe,
)


def entropy_bits(p: ArrayLike) -> float:
    r"""Entropy of the distribution ``p`` in bits, :math:`\sum_k p_k \log_2 (1 / p_k)`.

    The outcomes with :math:`p_k = 0` are left out (0 log 0 = 0). Written with
    :math:`\log(1/p)` so that a certain outcome gives 0, not ``-0.0``.
    """
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return float(np.sum(nonzero * np.log2(1 / nonzero)))


def _naive_sum_of_w_log_x(
    w: ArrayLike, x: ArrayLike, log: Callable[[np.ndarray], np.ndarray] = np.log
) -> float:
    """``sum(w * log(x))`` as naive NumPy code computes it: ``0 * log(0)`` gives ``nan``.

    NumPy's warnings about ``log(0)`` and ``0 * inf`` are silenced.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(np.asarray(w, dtype=float) * log(np.asarray(x, dtype=float))))


def _array(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


# --- entropy in bits --------------------------------------------------------------------


def _entropy_in_nats(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return float(-np.sum(nonzero * np.log(nonzero)))


def _entropy_log10(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return float(-np.sum(nonzero * np.log10(nonzero)))


def _entropy_without_minus(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return float(np.sum(nonzero * np.log2(nonzero)))


def _entropy_nan_at_zero(p):
    p = np.asarray(p, dtype=float)
    return -_naive_sum_of_w_log_x(p, p, np.log2)


# --- cross-entropy ----------------------------------------------------------------------


def _cross_entropy_swapped(p, q):
    return float(losses.cross_entropy(q, p))


def _cross_entropy_log10(p, q):
    p = np.asarray(p, dtype=float)
    mask = p > 0
    return float(-np.sum(p[mask] * np.log10(np.asarray(q, dtype=float)[mask])))


def _cross_entropy_without_minus(p, q):
    p = np.asarray(p, dtype=float)
    mask = p > 0
    return float(np.sum(p[mask] * np.log(np.asarray(q, dtype=float)[mask])))


def _cross_entropy_bits(p, q):
    return float(losses.cross_entropy(p, q, base=2))


def _cross_entropy_nan_at_zero(p, q):
    return -_naive_sum_of_w_log_x(p, q)


def _cross_entropy_as_written(p, q):
    # The tutorial's line: np.sum(p * np.log10(q)).
    return _naive_sum_of_w_log_x(p, q, np.log10)


# --- KL divergence ----------------------------------------------------------------------


def _kl_swapped(p, q):
    return float(losses.kl_divergence(q, p))


def _kl_inverted_ratio(p, q):
    return -float(losses.kl_divergence(p, q))


def _kl_is_cross_entropy(p, q):
    return float(losses.cross_entropy(p, q))


def _kl_bits(p, q):
    return float(losses.kl_divergence(p, q, base=2))


def _kl_nan_at_zero(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return _naive_sum_of_w_log_x(p, p / q)


# --- binary cross-entropy ---------------------------------------------------------------


def _bce_unclamped(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_clipped_probabilities(p_pred, y_true):
    p = np.clip(np.asarray(p_pred, dtype=float), 1e-7, 1 - 1e-7)  # Keras's epsilon
    y = np.asarray(y_true, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_only_positive_term(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p)))


def _bce_hard_labels_only(p_pred, y_true):
    # -log of the probability of the label, right only when every label is 0 or 1
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.maximum(np.log(np.where(y == 1, p, 1 - p)), -100)))


def _bce_sum(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_swapped(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    n = len(p)
    return -(_naive_sum_of_w_log_x(p, y) + _naive_sum_of_w_log_x(1 - p, 1 - y)) / n


def _bce_without_minus(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


# --- KL divergence with F.kl_div: mean KL per sample ------------------------------------


def kl_per_sample(p: ArrayLike, q: ArrayLike) -> float:
    """Mean over the samples of KL(p_i || q_i), in nats; a 1-D ``p`` is a single sample.

    The reference is NumPy; the notebook's solution calls ``F.kl_div`` with
    ``reduction="batchmean"`` on a batch of shape (n, K).
    """
    return float(np.mean(losses.kl_divergence(p, q)))


def _rows(p, q):
    """``p`` and ``q`` as float arrays of shape (n, K)."""
    return np.atleast_2d(np.asarray(p, dtype=float)), np.atleast_2d(np.asarray(q, dtype=float))


def _kl_div_pointwise(log_q, p):
    """What F.kl_div(log_q, p, reduction="sum") computes: sum p (log p - log_q), 0 log 0 = 0."""
    log_p = np.log(np.where(p > 0, p, 1.0))
    return float(np.sum(np.where(p > 0, p * (log_p - log_q), -p * log_q)))


def _kl_div_as_written(p, q):
    # F.kl_div(tensor(p), tensor(q), reduction="batchmean"): p taken for log q, q for the truth,
    # and "batchmean" divides by the first dimension, K for a single distribution.
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return _kl_div_pointwise(p, q) / len(p)


def _kl_div_batchmean_on_one_row(p, q):
    # "batchmean" divides by the size of the first dimension: K for a 1-D distribution.
    return float(np.sum(losses.kl_divergence(p, q))) / len(np.asarray(p))


def _kl_div_default_mean(p, q):
    return float(np.sum(losses.kl_divergence(p, q))) / np.asarray(p).size


def _kl_div_without_log(p, q):
    p_rows, q_rows = _rows(p, q)
    return _kl_div_pointwise(q_rows, p_rows) / len(p_rows)


def _kl_div_log_target(p, q):
    # log_target=True with log p as the target: exp(-inf) * (-inf - log q) is nan where p = 0.
    p_rows, q_rows = _rows(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = np.log(p_rows)
        return float(np.sum(np.exp(log_p) * (log_p - np.log(q_rows)))) / len(p_rows)


def _kl_div_swapped(p, q):
    with np.errstate(divide="ignore"):
        return float(np.mean(losses.kl_divergence(q, p)))


# --- the largest entropy under a constraint ---------------------------------------------

_FIRST_FACE = 0.6  # p_1 of the five-faced die
_OTHER_FACES = 4


def _max_entropy_bits(first: float, others: int) -> float:
    """The largest H(p), in bits, over p = (first, ...) on 1 + others outcomes."""
    rest = 1 - first
    binary = -(first * np.log2(first) + rest * np.log2(rest))
    return float(binary + rest * np.log2(others))


# --- coding p with q's code ---------------------------------------------------------------


def average_code_length(p: ArrayLike, q: ArrayLike, n_days: int, seed: int) -> float:
    r"""Simulated bits per day when days drawn from ``p`` are coded with ``q``'s Shannon code.

    Outcome :math:`k` gets a codeword of :math:`\lceil -\log_2 q_k \rceil` bits; ``n_days``
    outcomes are drawn from ``p`` with ``np.random.default_rng(seed)``.
    """
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    code_bits = np.ceil(-np.log2(q))
    days = np.random.default_rng(seed).choice(len(p), size=n_days, p=p)
    return float(np.mean(code_bits[days]))


def _code_with_lengths(lengths: Callable[[np.ndarray, np.ndarray], np.ndarray]):
    """A wrong simulation that uses ``lengths(p, q)`` as the codeword lengths."""

    def simulate(p, q, n_days, seed):
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        days = np.random.default_rng(seed).choice(len(p), size=n_days, p=p)
        return float(np.mean(lengths(p, q)[days]))

    return simulate


def _ideal_lengths(p, q):
    return -np.log2(q)


def _lengths_of_p(p, q):
    return np.ceil(-np.log2(p))


def _lengths_in_nats(p, q):
    return np.ceil(-np.log(q))


_CODE_HINTS = (
    (
        _ideal_lengths,
        "your average is the cross-entropy H(p, q) in bits, the ideal: a codeword has a whole "
        "number of bits, so round -log2 q_k up (np.ceil).",
    ),
    (
        _lengths_of_p,
        "you built the code from p: the code is designed for the forecaster's q, while the "
        "days come from p. Use ceil(-log2 q_k).",
    ),
    (
        _lengths_in_nats,
        "your lengths are in nats (np.log): a bit is a binary digit, so use np.log2.",
    ),
)

# (p, q, seed): the weather, a code built for the wrong order of four outcomes, a binary case.
_CODE_CASES = (
    (_array(0.6, 0.3, 0.1), _array(0.4, 0.4, 0.2), 1),
    (_array(0.5, 0.25, 0.15, 0.1), _array(0.1, 0.2, 0.3, 0.4), 2),
    (_array(0.2, 0.8), _array(0.9, 0.1), 3),
)
_CODE_DAYS = 20_000


def _judge_code_length(simulate: Callable[..., float]) -> str | None:
    """Each simulated average must be within sampling noise of sum_k p_k ceil(-log2 q_k)."""
    for p, q, seed in _CODE_CASES:
        got = simulate(p.copy(), q.copy(), _CODE_DAYS, seed)
        if got is None:
            return "your function returned None: did you forget the `return` statement?"
        got = float(np.asarray(got, dtype=float))
        lengths = np.ceil(-np.log2(q))
        expected = float(p @ lengths)
        spread = float(np.sqrt(p @ (lengths - expected) ** 2))
        tolerance = 5 * spread / np.sqrt(_CODE_DAYS) + 1e-9
        if abs(got - expected) <= tolerance:
            continue
        message = (
            f"with p = {describe(p)}, q = {describe(q)} and {_CODE_DAYS} days the average "
            f"should be close to sum p_k ceil(-log2 q_k) = {expected:.4f} bits, got {got:.4f}"
        )
        for lengths_of, hint in _CODE_HINTS:
            wrong = lengths_of(p, q)
            wrong_mean = float(p @ wrong)
            wrong_spread = float(np.sqrt(p @ (wrong - wrong_mean) ** 2))
            if abs(got - wrong_mean) <= 5 * wrong_spread / np.sqrt(_CODE_DAYS) + 1e-9:
                return f"{message}\n  Hint: {hint}"
        return message
    return None


CHAPTER = "05_entropy_kl_cross_entropy"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="info-entropy-bits",
        level=1,
        kind="implement",
        title="Entropy in bits from scratch",
        solution=entropy_bits,
        rtol=1e-5,
        atol=1e-6,  # float32 answers: torch's Categorical gives about 1e-7 bits for (1, 0)
        cases=(
            (_array(0.5, 0.5),),
            (_array(0.25, 0.25, 0.25, 0.25),),
            (_array(0.7, 0.2, 0.1),),
            (_array(1.0, 0.0),),
            (_array(0.5, 0.25, 0.0, 0.25),),
        ),
        mistakes={
            "natural log": Mistake(
                _entropy_in_nats,
                "your answer is ln 2 = 0.693 times the right one: np.log is the natural "
                "logarithm (nats); bits need np.log2.",
            ),
            "log10": Mistake(
                _entropy_log10,
                "your answer is log10(2) = 0.301 times the right one: you used np.log10; "
                "bits need np.log2.",
            ),
            "forgot the minus": Mistake(
                _entropy_without_minus,
                "your entropy is negative: H(p) = -sum p log p, and log p <= 0, so do not "
                "forget the minus sign.",
            ),
            "0 log 0 = nan": Mistake(
                _entropy_nan_at_zero,
                "you got nan for a distribution with a zero probability: NumPy computes "
                "0 * log2(0) = 0 * (-inf) = nan, but the convention is 0 log 0 = 0. Sum over "
                "the nonzero entries only (p[p > 0]).",
            ),
        },
    ),
    Exercise(
        id="info-cross-entropy",
        level=2,
        kind="debug",
        title="Repair a tutorial's cross-entropy",
        solution=losses.cross_entropy,
        rtol=1e-5,
        atol=1e-6,
        cases=(
            (_array(0.7, 0.2, 0.1), _array(0.5, 0.3, 0.2)),
            (_array(0.2, 0.5, 0.3), _array(0.25, 0.25, 0.5)),
            (_array(1, 0, 0, 0), _array(0.9, 0.05, 0.0, 0.05)),
            (_array(0, 1, 0), _array(0.2, 0.7, 0.1)),
            (_array(0.5, 0.5), _array(0.5, 0.5)),
        ),
        mistakes={
            "swapped arguments": Mistake(
                _cross_entropy_swapped,
                "you computed H(q, p) = -sum q log p: the weights are the TRUE probabilities "
                "p (first argument), the logarithm is of the model's q.",
            ),
            "log10": Mistake(
                _cross_entropy_log10,
                "your answer is 1/ln(10) = 0.434 times the right one: np.log10 gives base-10 "
                "units; use the natural logarithm np.log (nats), as PyTorch does.",
            ),
            "forgot the minus": Mistake(
                _cross_entropy_without_minus,
                "your cross-entropy is negative: H(p, q) = -sum p log q; the tutorial's "
                "sum p log q is minus the cross-entropy.",
            ),
            "nats, not bits": Mistake(
                _cross_entropy_bits,
                "your answer is 1/ln(2) = 1.443 times the right one: np.log2 gives bits; "
                "PyTorch's losses are in nats (np.log).",
            ),
            "0 log 0 = nan": Mistake(
                _cross_entropy_nan_at_zero,
                "you got nan where the model gives probability 0 to a class whose true "
                "probability is 0: log(0) = -inf and 0 * (-inf) = nan, in NumPy as in PyTorch "
                "(F.cross_entropy(log q, p) too), but such a term counts 0. Sum over the "
                "classes with p > 0 only.",
            ),
            "the line as written": Mistake(
                _cross_entropy_as_written,
                "that is the tutorial's line unchanged: it has no minus sign, it counts in "
                "base 10, and 0 * log(0) makes it nan. Fix all three.",
            ),
        },
    ),
    Exercise(
        id="info-kl",
        level=1,
        kind="implement",
        title="KL divergence from scratch",
        solution=losses.kl_divergence,
        rtol=1e-5,
        atol=1e-6,
        cases=(
            (_array(0.7, 0.2, 0.1), _array(0.5, 0.3, 0.2)),
            (_array(0.5, 0.5), _array(0.9, 0.1)),
            (_array(1.0, 0.0), _array(0.5, 0.5)),
            (_array(0.2, 0.3, 0.5), _array(0.2, 0.3, 0.5)),
            (_array(0.25, 0.25, 0.5, 0.0), _array(0.1, 0.2, 0.3, 0.4)),
        ),
        mistakes={
            "swapped arguments": Mistake(
                _kl_swapped,
                "you computed KL(q || p): KL is not symmetric. Weight by the first argument, "
                "sum p log(p / q).",
            ),
            "inverted ratio": Mistake(
                _kl_inverted_ratio,
                "your KL is negative: the ratio inside the log is p / q, not q / p.",
            ),
            "cross-entropy": Mistake(
                _kl_is_cross_entropy,
                "that is the cross-entropy H(p, q) = -sum p log q = H(p) + KL(p || q): "
                "subtract the entropy, i.e. use log(p / q).",
            ),
            "bits": Mistake(
                _kl_bits,
                "your answer is 1/ln(2) = 1.443 times the right one: np.log2 gives bits; the "
                "question asks for nats (np.log).",
            ),
            "0 log 0 = nan": Mistake(
                _kl_nan_at_zero,
                "you got nan where p has a zero: 0 * log(0 / q) = nan in NumPy, but the "
                "convention is 0 log 0 = 0. Sum over the entries with p > 0 only.",
            ),
        },
    ),
    ValueExercise(
        id="info-max-entropy",
        level=2,
        kind="derive",
        title="The most uncertain die with one face fixed",
        solution=np.array(
            [_max_entropy_bits(_FIRST_FACE, _OTHER_FACES), (1 - _FIRST_FACE) / _OTHER_FACES]
        ),
        rtol=1e-3,
        atol=1e-4,
        mistakes={
            "ignored the constraint": Mistake(
                np.array([np.log2(1 + _OTHER_FACES), 1 / (1 + _OTHER_FACES)]),
                "log2 5 is reached only by the uniform die, whose first face has probability "
                "0.2, not 0.6: apply the bound to the four other faces only.",
            ),
            "forgot the weight 0.4": Mistake(
                np.array([_max_entropy_bits(_FIRST_FACE, _OTHER_FACES) + 0.6 * 2, 0.1]),
                "the four other faces share only 0.4 of the probability: H(p) = H(0.6, 0.4) "
                "+ 0.4 H(r), so their entropy counts 0.4 times.",
            ),
            "nats": Mistake(
                np.array([_max_entropy_bits(_FIRST_FACE, _OTHER_FACES) * np.log(2), 0.1]),
                "your entropy is in nats (ln): the question asks for bits (log2).",
            ),
            "two outcomes only": Mistake(
                np.array([_max_entropy_bits(_FIRST_FACE, 1), 0.1]),
                "H(0.6, 0.4) is the uncertainty about 'face 1 or not' only: add the "
                "uncertainty about which of the other faces, 0.4 log2 4.",
            ),
        },
    ),
    Exercise(
        id="info-kl-div",
        level=2,
        kind="debug",
        needs_torch=True,
        title="Repair an F.kl_div call",
        solution=kl_per_sample,
        rtol=1e-5,
        atol=1e-6,
        cases=(
            (
                np.random.default_rng(5).dirichlet(np.ones(5), size=4),
                np.random.default_rng(6).dirichlet(np.ones(5), size=4),
            ),
            (
                np.array([[0.6, 0.3, 0.1], [1.0, 0.0, 0.0]]),
                np.array([[0.4, 0.4, 0.2], [0.7, 0.1, 0.2]]),
            ),
            (_array(0.6, 0.3, 0.1), _array(0.4, 0.4, 0.2)),
            (_array(0.0, 0.5, 0.5, 0.0), _array(0.1, 0.4, 0.3, 0.2)),
        ),
        mistakes={
            "the call as written": Mistake(
                _kl_div_as_written,
                "that is the broken call unchanged: F.kl_div(input, target) wants the "
                "model's LOG-probabilities log q as input and the true p as target.",
            ),
            "batchmean on one distribution": Mistake(
                _kl_div_batchmean_on_one_row,
                "right on batches, wrong on a single distribution: 'batchmean' divides by "
                "the size of the first dimension, which is K for a 1-D tensor. Add a batch "
                "dimension (unsqueeze(0)).",
            ),
            "default reduction": Mistake(
                _kl_div_default_mean,
                "your result is the mean KL divided by the number of classes K: that is "
                "reduction='mean', which divides by n * K. Use reduction='batchmean'.",
            ),
            "forgot the log": Mistake(
                _kl_div_without_log,
                "the input must be log q, not q: F.kl_div does not take the logarithm of its "
                "input.",
            ),
            "swapped arguments": Mistake(
                _kl_div_swapped,
                "you computed KL(q || p): the model's log q comes first, the truth p second.",
            ),
            "log p as the target": Mistake(
                _kl_div_log_target,
                "you got nan on a p with zeros: log 0 = -inf, and with log_target=True "
                "PyTorch computes exp(-inf) * (-inf - log q) = 0 * (-inf) = nan. Pass p "
                "itself as the target: F.kl_div counts 0 log 0 as 0.",
            ),
        },
    ),
    Exercise(
        id="info-bce",
        level=2,
        kind="debug",
        title="Binary cross-entropy that survives probabilities of 0 and 1",
        solution=losses.binary_cross_entropy,
        rtol=1e-5,
        atol=1e-6,
        cases=(
            (_array(0.9, 0.2, 0.6), _array(1, 0, 1)),
            (_array(0.5), _array(1)),
            (_array(0.99, 0.01, 0.3, 0.7), _array(1, 0, 0, 1)),
            (_array(0.1, 0.25), _array(0, 0)),
            (_array(0.0, 1.0, 0.3), _array(1, 1, 0)),
            (_array(1.0, 0.0), _array(0, 0)),
            (_array(0.0, 1.0), _array(0, 1)),
            (_array(0.3, 0.8, 0.0), _array(0.25, 0.9, 0.5)),  # soft labels, as BCELoss allows
        ),
        mistakes={
            "unclamped": Mistake(
                _bce_unclamped,
                "log(0) = -inf makes your loss inf (or nan, from 0 * -inf): clamp each "
                "logarithm at -100, as nn.BCELoss does, e.g. np.maximum(np.log(p), -100).",
            ),
            "clipped probabilities": Mistake(
                _bce_clipped_probabilities,
                "clipping p to [1e-7, 1 - 1e-7] charges a certain mistake -ln(1e-7) = 16.1 "
                "nats; nn.BCELoss clamps the LOGARITHM at -100 instead, so it charges 100.",
            ),
            "only the y = 1 term": Mistake(
                _bce_only_positive_term,
                "samples with y = 0 cost nothing in your loss: add the term "
                "(1 - y) log(1 - p), the surprise at the outcome 0.",
            ),
            "hard labels only": Mistake(
                _bce_hard_labels_only,
                "right for labels 0 and 1 only: nn.BCELoss also takes soft labels y between 0 "
                "and 1, and then both terms count, y log p + (1 - y) log(1 - p).",
            ),
            "sum": Mistake(
                _bce_sum,
                "off by a factor of n: take the mean over the samples, as nn.BCELoss does, "
                "not the sum.",
            ),
            "swapped arguments": Mistake(
                _bce_swapped,
                "your loss is infinite or nan: did you take the log of the labels? The "
                "prediction comes first, binary_cross_entropy(p_pred, y_true), as in PyTorch.",
            ),
            "forgot the minus": Mistake(
                _bce_without_minus,
                "your loss is negative: BCE = -mean(y log p + (1 - y) log(1 - p)).",
            ),
        },
    ),
    PropertyExercise(
        id="info-code-length",
        level=3,
        kind="experiment",
        title="Bits per day with the wrong code",
        solution=average_code_length,
        judge=_judge_code_length,
        mistakes={
            "ideal lengths": Mistake(_code_with_lengths(_ideal_lengths), _CODE_HINTS[0][1]),
            "p's code": Mistake(_code_with_lengths(_lengths_of_p), _CODE_HINTS[1][1]),
            "nats": Mistake(_code_with_lengths(_lengths_in_nats), _CODE_HINTS[2][1]),
        },
    ),
]
