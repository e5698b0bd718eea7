"""Loss functions and information measures, from scratch with NumPy.

Regression losses take the prediction first and the truth second, as PyTorch does:
``mse(y_pred, y_true)`` equals ``torch.nn.MSELoss()(input, target)``. The information
measures follow the mathematics instead: ``cross_entropy(p, q)`` is :math:`H(p, q)`, with
``p`` the true distribution and ``q`` the model's. ``tests/test_losses.py`` checks every
function here against PyTorch.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.validation import (
    as_float_array,
    as_labels,
    require_positive,
    require_probabilities,
    require_same_shape,
)

# --- Regression losses: the error e = y_pred - y_true, averaged over the samples ----------


def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean squared error :math:`\frac1n \sum_i (\hat y_i - y_i)^2`, as ``torch.nn.MSELoss``.

    >>> mse([1, 2, 3], [1, 2, 5])
    1.3333333333333333
    """
    error = _error(y_pred, y_true)
    return float(np.mean(error**2))


def mae(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean absolute error :math:`\frac1n \sum_i |\hat y_i - y_i|`, as ``torch.nn.L1Loss``.

    >>> mae([1, 2, 3], [1, 2, 5])
    0.6666666666666666
    """
    error = _error(y_pred, y_true)
    return float(np.mean(np.abs(error)))


def huber(y_pred: ArrayLike, y_true: ArrayLike, delta: float = 1.0) -> float:
    r"""Huber loss, as ``torch.nn.HuberLoss(delta=delta)``: squared near 0, linear far out.

    Each error :math:`e` costs :math:`\tfrac12 e^2` if :math:`|e| \le \delta`, else
    :math:`\delta(|e| - \tfrac12\delta)`: the two pieces meet with the same slope at
    :math:`|e| = \delta`.

    >>> huber([0, 0], [0.5, 3])  # (0.125 + 2.5) / 2
    1.3125
    """
    require_positive(delta, "delta")
    size = np.abs(_error(y_pred, y_true))
    return float(np.mean(np.where(size <= delta, 0.5 * size**2, delta * (size - 0.5 * delta))))


def binary_cross_entropy(p_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Binary cross-entropy :math:`-\frac1n \sum_i y_i \ln p_i + (1 - y_i) \ln(1 - p_i)`.

    As in ``torch.nn.BCELoss``, each logarithm is clamped at -100, so that a confident
    wrong prediction (``p = 0`` for ``y = 1``) costs 100 nats, not infinity.
    ``p_pred`` are probabilities of class 1 (not logits), ``y_true`` targets in [0, 1].

    >>> round(binary_cross_entropy([0.9, 0.2], [1, 0]), 4)  # -(ln 0.9 + ln 0.8) / 2
    0.1643
    """
    p, y = _checked_pair(p_pred, y_true, "p_pred", "y_true")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p_pred must be probabilities in [0, 1]; for logits use a sigmoid first")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("y_true must lie in [0, 1]")
    with np.errstate(divide="ignore"):  # log 0 = -inf, clamped next
        log_p, log_not_p = np.log(p), np.log1p(-p)
    return float(-np.mean(y * np.maximum(log_p, -100) + (1 - y) * np.maximum(log_not_p, -100)))


# --- Information measures, in nats (base e) or bits (base 2) ------------------------------


def entropy(p: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Shannon entropy :math:`H(p) = -\sum_k p_k \log p_k`, with :math:`0 \log 0 = 0`.

    ``p`` is a distribution, or a batch of them along the last axis (one value each).

    >>> entropy([0.5, 0.5], base=2)
    1.0
    """
    p = _distribution(p, "p")
    return (0.0 - _sum_p_log(p, p)) / _log_of_base(base)  # 0.0 - x: a sure outcome gives 0, not -0


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Cross-entropy :math:`H(p, q) = -\sum_k p_k \log q_k` of the model ``q`` on the truth ``p``.

    Infinite when ``q`` gives probability 0 to an outcome that ``p`` says can happen.

    >>> round(cross_entropy([1, 0, 0], [0.5, 0.2, 0.3]), 4)  # ln 2
    0.6931
    """
    p, q = _distribution(p, "p"), _distribution(q, "q")
    require_same_shape(p, q, "p", "q")
    return -_sum_p_log(p, q) / _log_of_base(base)


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Kullback-Leibler divergence :math:`KL(p \| q) = \sum_k p_k \log(p_k / q_k)`.

    Always :math:`\ge 0`, zero only when ``p == q``, and not symmetric.

    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    p, q = _distribution(p, "p"), _distribution(q, "q")
    require_same_shape(p, q, "p", "q")
    with np.errstate(divide="ignore", invalid="ignore"):  # q_k = 0: the masked sum decides
        return _sum_p_log(p, p / q) / _log_of_base(base)


def _sum_p_log(p: NDArray, x: NDArray) -> float | NDArray:
    """The masked sum of p_k log x_k over the k with p_k > 0: so 0 log 0 counts 0."""
    with np.errstate(divide="ignore"):  # x_k = 0 where p_k > 0: an honest infinity
        total = np.sum(p * np.log(np.where(p > 0, x, 1.0)), axis=-1)
    return float(total) if total.ndim == 0 else total


# --- The softmax family: logits z (raw scores) to probabilities --------------------------


def softmax(z: ArrayLike, axis: int = -1) -> NDArray:
    r"""Softmax :math:`e^{z_k} / \sum_j e^{z_j}` along ``axis``, stable for huge logits.

    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    """
    z = as_float_array(z, "z")
    exps = np.exp(z - np.max(z, axis=axis, keepdims=True))  # the largest exponent is now 0
    return exps / np.sum(exps, axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, axis: int = -1) -> NDArray:
    r"""Logarithm of the softmax, :math:`z_k - \log\sum_j e^{z_j}`, computed stably."""
    z = as_float_array(z, "z")
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def logsumexp(z: ArrayLike, axis: int = -1) -> NDArray:
    r""":math:`\log\sum_k e^{z_k} = m + \log\sum_k e^{z_k - m}` with :math:`m = \max_k z_k`.

    ``axis`` is reduced away (a 0-d array for 1-D input).
    """
    z = as_float_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    return np.squeeze(m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)), axis=axis)


def one_hot(labels: ArrayLike, num_classes: int) -> NDArray:
    """Class indices as one-hot rows.

    >>> one_hot([2, 0], num_classes=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    return np.eye(num_classes)[as_labels(labels, "labels", num_classes)]


def softmax_cross_entropy(logits: ArrayLike, target: ArrayLike) -> float:
    r"""Mean cross-entropy :math:`-\frac1n \sum_i \sum_k y_{ik} \log \operatorname{softmax}(o_i)_k`.

    Equals ``torch.nn.CrossEntropyLoss()(logits, target)``. ``logits`` (raw scores, not
    probabilities) have shape (n, C), or (C,) for one sample. The target says what it is by
    its shape: (n,) are class indices, (n, C) class probabilities such as one-hot rows.

    >>> round(softmax_cross_entropy([[0.0, 0.0]], [1]), 4)  # ln 2
    0.6931
    """
    log_probs = log_softmax(logits)
    target = np.asarray(target)
    if log_probs.ndim == 1:  # one sample
        log_probs, target = log_probs[np.newaxis], target[np.newaxis]
    if log_probs.ndim != 2:
        raise ValueError(f"logits must have shape (n, C) or (C,), got {log_probs.shape}")
    if target.ndim == 2:  # class probabilities
        target = as_float_array(target, "target")
        require_same_shape(target, log_probs, "target", "logits")
        require_probabilities(
            target,
            "target",
            hint="a target is class indices (n,) or rows of "
            "class probabilities (n, C) that sum to 1",
        )
        return float(-np.mean(np.sum(target * log_probs, axis=1)))
    labels = as_labels(target, "target", num_classes=log_probs.shape[1])
    if len(labels) != len(log_probs):
        raise ValueError(f"target has {len(labels)} labels but logits has {len(log_probs)} rows")
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))


# --- Checks at the door -------------------------------------------------------------------


def _checked_pair(a: ArrayLike, b: ArrayLike, name_a: str, name_b: str) -> tuple[NDArray, NDArray]:
    a, b = as_float_array(a, name_a), as_float_array(b, name_b)
    require_same_shape(a, b, name_a, name_b)
    return a, b


def _error(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray:
    y_pred, y_true = _checked_pair(y_pred, y_true, "y_pred", "y_true")
    return y_pred - y_true


def _distribution(p: ArrayLike, name: str) -> NDArray:
    p = as_float_array(p, name)
    require_probabilities(p, name)
    return p


def _log_of_base(base: float) -> float:
    if not 0 < base < math.inf or base == 1:
        raise ValueError(f"base must be positive and not 1 (2 for bits, e for nats), got {base}")
    return math.log(base)
