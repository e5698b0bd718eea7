"""Loss functions and information measures, written from scratch with NumPy.

Regression losses take the prediction first and the truth second, as PyTorch does:
``mse(y_pred, y_true)`` equals ``torch.nn.MSELoss()(input, target)``.
The information measures follow the mathematics instead: ``cross_entropy(p, q)`` is
:math:`H(p, q)` with ``p`` the true distribution and ``q`` the model's.

Every function here is checked against PyTorch in ``tests/test_losses.py``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import rel_entr, xlogy

from descent.validation import (
    as_float_array,
    as_labels,
    require_positive,
    require_probabilities,
    require_same_shape,
)

# ---------------------------------------------------------------------------
# Regression losses
# ---------------------------------------------------------------------------


def _prediction_and_truth(y_pred: ArrayLike, y_true: ArrayLike) -> tuple[NDArray, NDArray]:
    pred = as_float_array(y_pred, "y_pred")
    true = as_float_array(y_true, "y_true")
    require_same_shape(pred, true, "y_pred", "y_true")
    return pred, true


def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean squared error, :math:`\frac{1}{n}\sum_i (\hat y_i - y_i)^2`.

    Parameters
    ----------
    y_pred : array_like
        Predictions.
    y_true : array_like
        Targets, of the same shape as ``y_pred``.

    Returns
    -------
    float
        The mean of the squared errors; equals ``torch.nn.MSELoss()(y_pred, y_true)``.

    Examples
    --------
    >>> mse([1, 2, 3], [1, 2, 5])
    1.3333333333333333
    """
    pred, true = _prediction_and_truth(y_pred, y_true)
    return float(np.mean((pred - true) ** 2))


def mae(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean absolute error, :math:`\frac{1}{n}\sum_i |\hat y_i - y_i|`.

    Equals ``torch.nn.L1Loss()(y_pred, y_true)``.

    Examples
    --------
    >>> mae([1, 2, 3], [1, 2, 5])
    0.6666666666666666
    """
    pred, true = _prediction_and_truth(y_pred, y_true)
    return float(np.mean(np.abs(pred - true)))


def huber(y_pred: ArrayLike, y_true: ArrayLike, delta: float = 1.0) -> float:
    r"""Huber loss: squared for small errors, linear for large ones.

    For an error :math:`e = \hat y - y` the loss is :math:`\tfrac12 e^2` when
    :math:`|e| \le \delta` and :math:`\delta(|e| - \tfrac12\delta)` otherwise; the mean
    over samples equals ``torch.nn.HuberLoss(delta=delta)(y_pred, y_true)``.
    """
    require_positive(delta, "delta")
    pred, true = _prediction_and_truth(y_pred, y_true)
    error = np.abs(pred - true)
    quadratic = 0.5 * error**2
    linear = delta * (error - 0.5 * delta)
    return float(np.mean(np.where(error <= delta, quadratic, linear)))


def binary_cross_entropy(p_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Binary cross-entropy of predicted probabilities against 0/1 targets.

    :math:`-\frac{1}{n}\sum_i \big(y_i \ln p_i + (1 - y_i)\ln(1 - p_i)\big)`, in nats.
    As in ``torch.nn.BCELoss``, each logarithm is clamped at -100 so that a confident
    wrong prediction (``p = 0`` for ``y = 1``) gives a large finite loss, not infinity.

    Parameters
    ----------
    p_pred : array_like
        Predicted probabilities of class 1, in [0, 1] (not logits).
    y_true : array_like
        Targets in [0, 1], of the same shape.
    """
    p, y = _prediction_and_truth(p_pred, y_true)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p_pred must be probabilities in [0, 1]; for logits use a sigmoid first")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("y_true must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100.0)
        log_not_p = np.maximum(np.log1p(-p), -100.0)
    return float(-np.mean(y * log_p + (1 - y) * log_not_p))


# ---------------------------------------------------------------------------
# Information measures: entropy, cross-entropy, KL divergence
# ---------------------------------------------------------------------------


def _log_of_base(base: float) -> float:
    if not base > 0 or base == 1 or not math.isfinite(base):
        raise ValueError(f"base must be positive and not 1 (2 for bits, e for nats), got {base}")
    return math.log(base)


def _distribution(p: ArrayLike, name: str) -> NDArray:
    array = as_float_array(p, name)
    require_probabilities(array, name)
    return array


def _sum_last_axis(values: NDArray) -> float | NDArray:
    total = values.sum(axis=-1)
    return float(total) if total.ndim == 0 else total


def entropy(p: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Shannon entropy :math:`H(p) = -\sum_k p_k \log p_k`, with :math:`0 \log 0 = 0`.

    Parameters
    ----------
    p : array_like
        A probability distribution, or a batch of them along the last axis.
    base : float, default e
        Base of the logarithm: ``e`` gives nats, ``2`` gives bits.

    Returns
    -------
    float or numpy.ndarray
        The entropy (one value per distribution for a batch).

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    """
    log_base = _log_of_base(base)
    p = _distribution(p, "p")
    return _sum_last_axis(-xlogy(p, p)) / log_base  # xlogy(p, p) = p log p, 0 where p = 0


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Cross-entropy :math:`H(p, q) = -\sum_k p_k \log q_k`.

    ``p`` is the true distribution, ``q`` the model's. The result is infinite when
    ``q`` gives probability 0 to an outcome that ``p`` says can happen.

    Examples
    --------
    >>> round(cross_entropy([1, 0, 0], [0.5, 0.2, 0.3]), 4)
    0.6931
    """
    log_base = _log_of_base(base)
    p = _distribution(p, "p")
    q = _distribution(q, "q")
    require_same_shape(p, q, "p", "q")
    with np.errstate(divide="ignore"):
        return _sum_last_axis(-xlogy(p, q)) / log_base


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float | NDArray:
    r"""Kullback-Leibler divergence :math:`KL(p \| q) = \sum_k p_k \log(p_k / q_k)`.

    Always :math:`\ge 0`, zero only when ``p == q``, and not symmetric.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    log_base = _log_of_base(base)
    p = _distribution(p, "p")
    q = _distribution(q, "q")
    require_same_shape(p, q, "p", "q")
    return _sum_last_axis(rel_entr(p, q)) / log_base  # rel_entr = p log(p/q), 0 where p = 0


# ---------------------------------------------------------------------------
# The softmax family
# ---------------------------------------------------------------------------


def logsumexp(z: ArrayLike, axis: int = -1) -> NDArray:
    r""":math:`\log\sum_k e^{z_k}`, computed without overflow.

    Subtracting the largest entry :math:`m` first keeps every exponent at most 0:
    :math:`\log\sum_k e^{z_k} = m + \log\sum_k e^{z_k - m}`.

    Returns
    -------
    numpy.ndarray
        The input with ``axis`` reduced away (a 0-d array for 1-D input).
    """
    z = as_float_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    result = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return np.squeeze(result, axis=axis)


def log_softmax(z: ArrayLike, axis: int = -1) -> NDArray:
    r"""Logarithm of the softmax, :math:`z_k - \log\sum_j e^{z_j}`, computed stably."""
    z = as_float_array(z, "z")
    return z - np.expand_dims(logsumexp(z, axis=axis), axis)


def softmax(z: ArrayLike, axis: int = -1) -> NDArray:
    r"""Softmax :math:`e^{z_k} / \sum_j e^{z_j}`, stable for large logits.

    Parameters
    ----------
    z : array_like
        Logits; the softmax is taken along ``axis``.
    axis : int, default -1
        The axis that runs over the classes.

    Returns
    -------
    numpy.ndarray
        Probabilities of the same shape as ``z``, summing to 1 along ``axis``.

    Examples
    --------
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    """
    z = as_float_array(z, "z")
    shifted = z - np.max(z, axis=axis, keepdims=True)  # the largest exponent is now 0
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=axis, keepdims=True)


def one_hot(labels: ArrayLike, num_classes: int) -> NDArray:
    """Encode class indices as one-hot rows.

    Examples
    --------
    >>> one_hot([2, 0], num_classes=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    labels = as_labels(labels, "labels", num_classes)
    return np.eye(num_classes)[labels]


def softmax_cross_entropy(logits: ArrayLike, target: ArrayLike) -> float:
    r"""Mean cross-entropy between ``softmax(logits)`` and the targets.

    Equals ``torch.nn.CrossEntropyLoss()(logits, target)``: the input is **logits**
    (raw scores, not probabilities), and the target is either class indices (integers)
    or class probabilities (floats of the same shape as ``logits``).

    Parameters
    ----------
    logits : array_like, shape (n, C) or (C,)
        Raw scores of ``n`` samples for ``C`` classes.
    target : array_like, shape (n,) of int, or (n, C) of float
        The true class of each sample, or its class probabilities (e.g. one-hot rows).

    Returns
    -------
    float
        :math:`-\frac1n \sum_i \sum_k y_{ik} \log \operatorname{softmax}(o_i)_k`, in nats.
    """
    logits = as_float_array(logits, "logits", ndim=(1, 2))
    target = np.asarray(target)
    if logits.ndim == 1:  # a single sample
        logits, target = logits[np.newaxis], target[np.newaxis]
    log_probs = log_softmax(logits, axis=-1)
    if np.issubdtype(target.dtype, np.floating):
        if target.shape != logits.shape:
            raise ValueError(
                f"target has a float dtype, so it must hold class probabilities of the "
                f"logits' shape {logits.shape}, got {target.shape}; "
                "class indices must be integers"
            )
        target = as_float_array(target, "target")
        require_probabilities(target, "target")
        return float(-np.mean(np.sum(target * log_probs, axis=-1)))
    labels = as_labels(target, "target", num_classes=logits.shape[1])
    if labels.shape[0] != logits.shape[0]:
        raise ValueError(
            f"target has {labels.shape[0]} labels but logits has {logits.shape[0]} rows"
        )
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))
