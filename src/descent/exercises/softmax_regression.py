"""Exercises of chapter 6, softmax regression."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.exercises.base import Exercise, Mistake


def cross_entropy_gradient(logits: ArrayLike, labels: ArrayLike) -> NDArray:
    """Gradient of the mean softmax cross-entropy with respect to the logits: (P - Y) / n."""
    logits = np.asarray(logits, dtype=float)
    targets = losses.one_hot(labels, logits.shape[1])
    return (losses.softmax(logits) - targets) / len(logits)


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    """``counts[i, j]`` = how many samples of true class ``i`` were predicted as class ``j``."""
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(y_true), np.asarray(y_pred)), 1)  # adds once per sample
    return counts


# ---------------------------------------------------------------------------
# Wrong answers a learner is likely to give
# ---------------------------------------------------------------------------


def _naive_softmax(Z: ArrayLike) -> NDArray:
    with np.errstate(over="ignore", invalid="ignore"):
        exps = np.exp(np.asarray(Z, dtype=float))
        return exps / exps.sum(axis=1, keepdims=True)


def _softmax_minus_global_max(Z: ArrayLike) -> NDArray:
    Z = np.asarray(Z, dtype=float)
    with np.errstate(invalid="ignore"):
        exps = np.exp(Z - Z.max())
        return exps / exps.sum(axis=1, keepdims=True)


def _log_of_softmax_loss(logits: ArrayLike, labels: ArrayLike) -> float:
    probs = losses.softmax(logits)
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log(probs[np.arange(len(probs)), labels])))


def _picked_log_probs(logits: ArrayLike, labels: ArrayLike) -> NDArray:
    """The log-probability (natural log) of each sample's true class."""
    log_probs = losses.log_softmax(logits)
    return log_probs[np.arange(len(log_probs)), np.asarray(labels)]


def _one_hot(logits: ArrayLike, labels: ArrayLike) -> NDArray:
    return losses.one_hot(labels, np.asarray(logits).shape[1])


def _counts_with_fancy_increment(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    counts[np.asarray(y_true), np.asarray(y_pred)] += 1  # repeated pairs count once
    return counts


def _counts_sized_by_the_data(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    size = int(max(np.max(y_true), np.max(y_pred))) + 1
    return confusion_matrix(y_true, y_pred, size)


# ---------------------------------------------------------------------------
# Test inputs
# ---------------------------------------------------------------------------

_WORKED = np.array([[3.0, 7.0, 4.0], [3.0, 5.0, 8.0]])
_rng = np.random.default_rng(6)
_RANDOM_LOGITS = _rng.normal(scale=2.0, size=(5, 4))
_RANDOM_LABELS = np.array([3, 0, 1, 3, 2])
_RANDOM_TRUE = _rng.integers(0, 5, size=60)
_RANDOM_PRED = np.where(_rng.random(60) < 0.7, _RANDOM_TRUE, _rng.integers(0, 5, size=60))

CHAPTER = "06_softmax_regression"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="softmax-stable",
        level=1,
        kind="implement",
        title="A softmax that does not overflow",
        solution=losses.softmax,
        cases=(
            (_WORKED,),
            (np.array([[1000.0, 1001.0], [0.0, 1.0]]),),
            (np.array([[-1000.0, -1001.0, -1002.0]]),),
            (np.array([[5.0, 5.0, 5.0, 5.0]]),),
            (np.array([[1000.0, 1001.0, 1000.5]], dtype=np.float32),),
            (_RANDOM_LOGITS,),
        ),
        mistakes={
            "wrong axis": Mistake(
                lambda Z: losses.softmax(Z, axis=0),
                "each ROW must sum to 1: take the max and the sum over axis=1 (the classes), "
                "with keepdims=True so that they broadcast against Z.",
            ),
            "naive": Mistake(
                _naive_softmax,
                "np.exp(1000) overflows to inf and inf / inf is nan: subtract each row's "
                "maximum before taking np.exp (the result does not change).",
            ),
            "global maximum": Mistake(
                _softmax_minus_global_max,
                "subtract each row's own maximum (Z.max(axis=1, keepdims=True)), not the "
                "maximum of the whole array: a row far below it underflows to 0 / 0 = nan.",
            ),
        },
    ),
    Exercise(
        id="softmax-cross-entropy",
        level=1,
        kind="implement",
        title="Cross-entropy loss from logits",
        solution=losses.softmax_cross_entropy,
        cases=(
            (_WORKED, np.array([1, 0])),
            (np.array([[2.0, 0.5, -1.0, 0.0]]), np.array([3])),
            (_RANDOM_LOGITS, _RANDOM_LABELS),
            (np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 0.0]]), np.array([1, 1])),
        ),
        mistakes={
            "sum": Mistake(
                lambda logits, labels: float(-np.sum(_picked_log_probs(logits, labels))),
                "off by a factor of n: take the mean over the samples, not the sum "
                "(nn.CrossEntropyLoss averages by default).",
            ),
            "no minus sign": Mistake(
                lambda logits, labels: float(np.mean(_picked_log_probs(logits, labels))),
                "log-probabilities are negative: the loss is MINUS their mean.",
            ),
            "log base 10": Mistake(
                lambda logits, labels: float(-np.mean(_picked_log_probs(logits, labels)))
                / np.log(10),
                "use the natural logarithm (np.log): PyTorch's cross-entropy is in nats, "
                "np.log10 gives a loss smaller by a factor ln 10.",
            ),
            "softmax twice": Mistake(
                lambda logits, labels: losses.softmax_cross_entropy(
                    losses.softmax(logits), labels
                ),
                "the inputs are logits, but your softmax was applied twice: apply it once "
                "(or pass the logits, not probabilities, to the cross-entropy).",
            ),
            "log of softmax": Mistake(
                _log_of_softmax_loss,
                "np.log(softmax(z)) gives log(0) = -inf when a probability underflows: "
                "compute log-probabilities directly, z - logsumexp(z) (a log_softmax).",
            ),
        },
    ),
    Exercise(
        id="softmax-gradient",
        level=1,
        kind="implement",
        title="The gradient of cross-entropy with respect to the logits",
        solution=cross_entropy_gradient,
        cases=(
            (_WORKED, np.array([1, 0])),
            (np.array([[0.5, -1.0, 2.0, 0.0]]), np.array([2])),
            (_RANDOM_LOGITS, _RANDOM_LABELS),
        ),
        mistakes={
            "not averaged": Mistake(
                lambda logits, labels: losses.softmax(logits) - _one_hot(logits, labels),
                "off by a factor of n: the loss is a mean over the samples, so its gradient "
                "is divided by n too.",
            ),
            "sign flipped": Mistake(
                lambda logits, labels: (_one_hot(logits, labels) - losses.softmax(logits))
                / len(logits),
                "the sign is flipped: it is softmax(o) - y, so that a step against the "
                "gradient raises the true class's logit.",
            ),
            "forgot the labels": Mistake(
                lambda logits, labels: losses.softmax(logits) / len(logits),
                "subtract the one-hot labels y from the probabilities: softmax(o) - y.",
            ),
            "logits instead of probabilities": Mistake(
                lambda logits, labels: (np.asarray(logits) - _one_hot(logits, labels))
                / len(logits),
                "apply the softmax to the logits first: the gradient is softmax(o) - y, "
                "not o - y.",
            ),
        },
    ),
    Exercise(
        id="softmax-confusion",
        level=1,
        kind="implement",
        title="A confusion matrix",
        solution=confusion_matrix,
        cases=(
            (np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 2, 1, 2, 1]), 3),
            (np.array([0, 0, 1]), np.array([1, 1, 1]), 4),
            (_RANDOM_TRUE, _RANDOM_PRED, 5),
        ),
        mistakes={
            "transposed": Mistake(
                lambda y_true, y_pred, num_classes: confusion_matrix(y_pred, y_true, num_classes),
                "rows are the TRUE classes and columns the PREDICTED ones: counts[i, j] "
                "counts samples of class i predicted as j.",
            ),
            "fancy increment": Mistake(
                _counts_with_fancy_increment,
                "counts[y_true, y_pred] += 1 adds only once for a pair that occurs several "
                "times: use np.add.at(counts, (y_true, y_pred), 1).",
            ),
            "size from the data": Mistake(
                _counts_sized_by_the_data,
                "the matrix is num_classes x num_classes, even when a class never occurs "
                "in y_true or y_pred.",
            ),
        },
    ),
]
