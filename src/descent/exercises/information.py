"""Exercises of chapter 5, entropy, KL divergence and cross-entropy.

Each wrong answer below is one that tutorials and first attempts really produce: the wrong
base of the logarithm, a forgotten minus sign, ``0 * log 0`` evaluated as ``nan``, the two
distributions swapped. The wrong functions silence NumPy's warnings about ``log(0)`` so that
the checker can compare their ``nan`` and ``inf`` with a learner's answer quietly.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from descent import losses
from descent.exercises.base import Exercise, Mistake


def entropy_bits(p: ArrayLike) -> float:
    """Entropy of the distribution ``p`` in bits, with the convention 0 log 0 = 0."""
    return losses.entropy(p, base=2)


def _naive_sum_of_w_log_x(
    w: ArrayLike, x: ArrayLike, log: Callable[[np.ndarray], np.ndarray] = np.log
) -> float:
    """``sum(w * log(x))`` as naive NumPy code computes it: ``0 * log(0)`` gives ``nan``.

    NumPy's warnings about ``log(0)`` and ``0 * inf`` are silenced.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(np.asarray(w, dtype=float) * log(np.asarray(x, dtype=float))))


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


def _cross_entropy_nan_at_zero(p, q):
    return -_naive_sum_of_w_log_x(p, q)


# --- KL divergence ----------------------------------------------------------------------


def _kl_swapped(p, q):
    return float(losses.kl_divergence(q, p))


def _kl_inverted_ratio(p, q):
    return -float(losses.kl_divergence(p, q))


def _kl_is_cross_entropy(p, q):
    return float(losses.cross_entropy(p, q))


def _kl_nan_at_zero(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return _naive_sum_of_w_log_x(p, p / q)


# --- binary cross-entropy ---------------------------------------------------------------


def _bce_only_positive_term(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    return float(-np.mean(y * np.log(p)))


def _bce_sum(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_swapped(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    n = len(p)
    return -(_naive_sum_of_w_log_x(p, y) + _naive_sum_of_w_log_x(1 - p, 1 - y)) / n


def _bce_without_minus(p_pred, y_true):
    p, y = np.asarray(p_pred, dtype=float), np.asarray(y_true, dtype=float)
    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _array(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


CHAPTER = "05_entropy_kl_cross_entropy"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="info-entropy-bits",
        level=1,
        kind="implement",
        title="Entropy in bits from scratch",
        solution=entropy_bits,
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
        level=1,
        kind="implement",
        title="Cross-entropy from scratch",
        solution=losses.cross_entropy,
        cases=(
            (_array(0.7, 0.2, 0.1), _array(0.5, 0.3, 0.2)),
            (_array(1, 0, 0, 0, 0), _array(0.4, 0.3, 0.05, 0.05, 0.2)),
            (_array(1, 0, 0, 0, 0), _array(0.98, 0.01, 0, 0, 0.01)),
            (_array(1, 0, 0), _array(0.5, 0.2, 0.3)),
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
                "your cross-entropy is negative: H(p, q) = -sum p log q; do not forget the "
                "minus sign.",
            ),
            "0 log 0 = nan": Mistake(
                _cross_entropy_nan_at_zero,
                "you got nan where the model gives probability 0 to a class whose true "
                "probability is 0: 0 * log(0) = nan in NumPy, but such a term counts 0. "
                "Sum over the classes with p > 0 only.",
            ),
        },
    ),
    Exercise(
        id="info-kl",
        level=1,
        kind="implement",
        title="KL divergence from scratch",
        solution=losses.kl_divergence,
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
            "0 log 0 = nan": Mistake(
                _kl_nan_at_zero,
                "you got nan where p has a zero: 0 * log(0 / q) = nan in NumPy, but the "
                "convention is 0 log 0 = 0. Sum over the entries with p > 0 only.",
            ),
        },
    ),
    Exercise(
        id="info-bce",
        level=1,
        kind="implement",
        title="Binary cross-entropy",
        solution=losses.binary_cross_entropy,
        cases=(
            (_array(0.9, 0.2, 0.6), _array(1, 0, 1)),
            (_array(0.5), _array(1)),
            (_array(0.99, 0.01, 0.3, 0.7), _array(1, 0, 0, 1)),
            (_array(0.1, 0.25), _array(0, 0)),
        ),
        mistakes={
            "only the y = 1 term": Mistake(
                _bce_only_positive_term,
                "samples with y = 0 cost nothing in your loss: add the term "
                "(1 - y) log(1 - p), the surprise at the outcome 0.",
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
]
