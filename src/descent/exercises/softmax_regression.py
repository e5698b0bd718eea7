"""Exercises of chapter 6, softmax regression."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent import losses
from descent.exercises.base import Exercise, Mistake, NotAnswered, PropertyExercise

# PyTorch's nn.CrossEntropyLoss(label_smoothing=0.1): the target becomes
# (1 - eps) * one_hot + eps / C, a mixture of the one-hot row and the uniform distribution.
LABEL_SMOOTHING = 0.1


def smoothed_targets(labels: ArrayLike, num_classes: int, eps: float = LABEL_SMOOTHING) -> NDArray:
    """One-hot rows mixed with the uniform distribution: ``(1 - eps) * y + eps / C``."""
    return (1 - eps) * losses.one_hot(labels, num_classes) + eps / num_classes


def cross_entropy_gradient(logits: ArrayLike, labels: ArrayLike) -> NDArray:
    """Gradient of the mean cross-entropy with smoothed targets ``t``: ``(softmax(o) - t) / n``.

    The loss of one sample is ``-sum_k t_k log p_k = -sum_k t_k o_k + LSE(o)``, because the
    targets sum to 1; its derivative with respect to ``o_j`` is ``p_j - t_j``.
    """
    logits = np.asarray(logits, dtype=float)
    targets = smoothed_targets(labels, logits.shape[1])
    return (losses.softmax(logits) - targets) / len(logits)


def cross_entropy_hessian(x: ArrayLike, W: ArrayLike) -> NDArray:
    r"""Hessian of one sample's loss :math:`-\log \operatorname{softmax}(xW)_c` in the weights.

    The entry for weights ``W[j, k]`` and ``W[l, m]`` is ``x_j x_l (diag(p) - p p^T)[k, m]``,
    so with the weights in the order of ``W.ravel()`` (``W[j, k]`` at ``j * C + k``) the
    matrix is the Kronecker product of ``x x^T`` and ``diag(p) - p p^T``. It does not depend
    on the true class ``c``: the loss is linear in ``o_c``.
    """
    x = np.asarray(x, dtype=float)
    p = losses.softmax(x @ np.asarray(W, dtype=float))
    return np.kron(np.outer(x, x), np.diag(p) - np.outer(p, p))


def confusion_counts(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    """``counts[i, j]`` = how many samples of true class ``i`` were predicted as class ``j``."""
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(y_true), np.asarray(y_pred)), 1)  # adds once per sample
    return counts


def _train_accuracy(X: NDArray, y: NDArray, steps: int, logit_gradient: Any) -> float:
    """Full-batch gradient descent at rate 1 from zero; the training accuracy at the end."""
    num_classes = int(y.max()) + 1
    Y = losses.one_hot(y, num_classes)
    W, b = np.zeros((X.shape[1], num_classes)), np.zeros(num_classes)
    for _ in range(steps):
        G = logit_gradient(losses.softmax(X @ W + b), Y) / len(X)  # d(mean loss)/d(logits)
        W -= X.T @ G
        b -= G.sum(axis=0)
    return float(np.mean(np.argmax(X @ W + b, axis=1) == y))


def _cross_entropy_logit_gradient(P: NDArray, Y: NDArray) -> NDArray:
    return P - Y


def _squared_error_logit_gradient(P: NDArray, Y: NDArray) -> NDArray:
    # d/do of sum_k (p_k - y_k)^2: the Jacobian of the softmax, diag(p) - p p^T, times 2(p - y)
    R = 2 * (P - Y)
    return P * R - P * np.sum(P * R, axis=1, keepdims=True)


def compare_losses(X: ArrayLike, y: ArrayLike, steps: int) -> tuple[float, float]:
    """Training accuracies after ``steps`` full-batch steps at rate 1, from zero weights.

    Returns the pair (cross-entropy model, squared-error model).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    return (
        _train_accuracy(X, y, steps, _cross_entropy_logit_gradient),
        _train_accuracy(X, y, steps, _squared_error_logit_gradient),
    )


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


def _smoothed_over_the_others(logits: ArrayLike, labels: ArrayLike) -> NDArray:
    num_classes = np.asarray(logits).shape[1]
    y = losses.one_hot(labels, num_classes)
    targets = (1 - LABEL_SMOOTHING) * y + LABEL_SMOOTHING / (num_classes - 1) * (1 - y)
    return (losses.softmax(logits) - targets) / len(targets)


def _hessian_without_p_p_transposed(x: ArrayLike, W: ArrayLike) -> NDArray:
    x = np.asarray(x, dtype=float)
    p = losses.softmax(x @ np.asarray(W, dtype=float))
    return np.kron(np.outer(x, x), np.diag(p))


def _hessian_with_classes_outside(x: ArrayLike, W: ArrayLike) -> NDArray:
    x = np.asarray(x, dtype=float)
    p = losses.softmax(x @ np.asarray(W, dtype=float))
    return np.kron(np.diag(p) - np.outer(p, p), np.outer(x, x))  # W.ravel(order="F")


def _counts_with_fancy_increment(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    counts[np.asarray(y_true), np.asarray(y_pred)] += 1  # repeated pairs count once
    return counts


def _counts_sized_by_the_data(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray:
    size = int(max(np.max(y_true), np.max(y_pred))) + 1
    return confusion_counts(y_true, y_pred, size)


def _squared_error_without_the_softmax_jacobian(P: NDArray, Y: NDArray) -> NDArray:
    return 2 * (P - Y)


def _squared_error_averaged_over_classes(P: NDArray, Y: NDArray) -> NDArray:
    return _squared_error_logit_gradient(P, Y) / P.shape[1]  # nn.MSELoss: mean over n * C


def _race_with(se_gradient: Any, swapped: bool = False) -> Any:
    def race(X: ArrayLike, y: ArrayLike, steps: int) -> tuple[float, float]:
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        ce = _train_accuracy(X, y, steps, _cross_entropy_logit_gradient)
        se = _train_accuracy(X, y, steps, se_gradient)
        return (se, ce) if swapped else (ce, se)

    return race


# ---------------------------------------------------------------------------
# The experiment's judge: run the learner's function on subsets the checker chooses
# ---------------------------------------------------------------------------

RACE_SEEDS = (101, 202)  # which training images the checker draws
RACE_SIZE = 400  # images per run
RACE_STEPS = 10  # full-batch steps at learning rate 1
RACE_MIN_CE = 0.76  # the cross-entropy model's training accuracy at least
RACE_MIN_SE = 0.54  # the squared-error model's at least
RACE_MIN_GAP = 0.12  # and at least this far below the cross-entropy model's


def _race_subsets() -> list[tuple[NDArray, NDArray]]:
    from descent.data import load_digits  # imports scikit-learn: only when judged

    X, y, _, _ = load_digits(test_fraction=0.2, seed=0)
    subsets = []
    for seed in RACE_SEEDS:
        rows = np.random.default_rng(seed).choice(len(X), size=RACE_SIZE, replace=False)
        subsets.append((X[rows], y[rows]))
    return subsets


def _judge_race(compare: Any) -> str | None:
    if not callable(compare):
        return f"expected a function compare_losses(X, y, steps), got {type(compare).__name__}"
    for X, y in _race_subsets():
        result = compare(X.copy(), y.copy(), RACE_STEPS)
        if result is Ellipsis:
            raise NotAnswered
        try:
            ce, se = (float(value) for value in result)
        except (TypeError, ValueError):
            return f"return a pair of accuracies (cross-entropy, squared error), got {result!r}"
        where = f"on {RACE_SIZE} training images after {RACE_STEPS} steps"
        if not (0 <= ce <= 1 and 0 <= se <= 1):
            return f"accuracies lie between 0 and 1, got ({ce:.3f}, {se:.3f}) {where}"
        # The thresholds sit halfway between the right answer and the nearest wrong one on
        # these subsets (cross-entropy: right 0.86 and 0.90, swapped pair 0.61 and 0.66;
        # squared error: right 0.61 and 0.66, mean over the classes 0.40 and 0.47; gap:
        # right 0.24, no Jacobian 0.00): about 25 images of margin on either side.
        if ce < RACE_MIN_CE:
            return (
                f"the cross-entropy model should classify at least {RACE_MIN_CE:.0%} of its "
                f"training images {where}; yours gets {ce:.1%}.\n  Hint: return the pair in the "
                "order (cross-entropy, squared error), and use the gradient (P - Y) / n for the "
                "cross-entropy."
            )
        if se < RACE_MIN_SE:
            return (
                f"the squared-error model learned too little ({se:.1%} {where}).\n"
                "  Hint: the loss is the SUM over the classes of (p_k - y_k)^2, averaged over "
                "the samples only (nn.MSELoss would also divide by the number of classes)."
            )
        if se > ce - RACE_MIN_GAP:
            return (
                f"the squared-error model keeps up with cross-entropy ({se:.1%} against "
                f"{ce:.1%} {where}), which the maths says it cannot do.\n  Hint: the gradient "
                "of the squared error with respect to the logits passes through the softmax: "
                "multiply 2(p - y) by its Jacobian diag(p) - p p^T."
            )
    return None


# ---------------------------------------------------------------------------
# Test inputs
# ---------------------------------------------------------------------------

_WORKED = np.array([[3.0, 7.0, 4.0], [3.0, 5.0, 8.0]])
_rng = np.random.default_rng(6)
_RANDOM_LOGITS = _rng.normal(scale=2.0, size=(5, 4))
_RANDOM_LABELS = np.array([3, 0, 1, 3, 2])
_RANDOM_TRUE = _rng.integers(0, 5, size=60)
_RANDOM_PRED = np.where(_rng.random(60) < 0.7, _RANDOM_TRUE, _rng.integers(0, 5, size=60))
_HESSIAN_X = _rng.normal(size=3)
_HESSIAN_W = _rng.normal(size=(3, 4))

CHAPTER = "06_softmax_regression"  # its notebook in chapters/

EXERCISES = [
    Exercise(
        id="softmax-stable",
        level=2,
        kind="debug",
        title="Repair a blog's softmax",
        solution=losses.softmax,
        rtol=1e-4,  # float32 logits near 1000: exp(z - logsumexp(z)) is correct to ~1e-5
        cases=(
            (_WORKED,),
            (np.array([[1.0, 2.0], [3.0, 5.0]]),),
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
                lambda logits, labels: (
                    float(-np.mean(_picked_log_probs(logits, labels))) / np.log(10)
                ),
                "use the natural logarithm (np.log): PyTorch's cross-entropy is in nats, "
                "np.log10 gives a loss smaller by a factor ln 10.",
            ),
            "softmax twice": Mistake(
                lambda logits, labels: losses.softmax_cross_entropy(losses.softmax(logits), labels),
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
        level=2,
        kind="derive",
        title="The gradient with smoothed labels",
        solution=cross_entropy_gradient,
        cases=(
            (_WORKED, np.array([1, 0])),
            (np.array([[0.5, -1.0, 2.0, 0.0]]), np.array([2])),
            (_RANDOM_LOGITS, _RANDOM_LABELS),
        ),
        mistakes={
            "one-hot targets": Mistake(
                lambda logits, labels: (
                    (losses.softmax(logits) - _one_hot(logits, labels)) / len(logits)
                ),
                "that is the gradient for one-hot targets: with label smoothing the target "
                "row is t = 0.9 y + 0.1 / C. Write the loss with t and differentiate again.",
            ),
            "smoothing over the other classes": Mistake(
                _smoothed_over_the_others,
                "PyTorch mixes the one-hot row with the uniform distribution over ALL C "
                "classes, t = (1 - eps) y + eps / C: the true class gets 1 - eps + eps / C.",
            ),
            "not averaged": Mistake(
                lambda logits, labels: (
                    losses.softmax(logits) - smoothed_targets(labels, np.asarray(logits).shape[1])
                ),
                "off by a factor of n: the loss is a mean over the samples, so its gradient "
                "is divided by n too.",
            ),
            "sign flipped": Mistake(
                lambda logits, labels: -cross_entropy_gradient(logits, labels),
                "the sign is flipped: a step against the gradient must raise the logits whose "
                "target exceeds their probability.",
            ),
        },
    ),
    Exercise(
        id="softmax-hessian",
        level=2,
        kind="derive",
        title="The Hessian in the weights",
        solution=cross_entropy_hessian,
        cases=(
            (np.array([1.0, 2.0]), np.zeros((2, 3))),
            (np.array([0.5, -1.0]), np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]])),
            (_HESSIAN_X, _HESSIAN_W),
            (np.array([3.0]), np.array([[1.0, -1.0]])),
        ),
        mistakes={
            "no p p^T": Mistake(
                _hessian_without_p_p_transposed,
                "the derivative of p_k with respect to o_m is p_k (1[k = m] - p_m): the "
                "Hessian in the logits is diag(p) - p p^T, not diag(p).",
            ),
            "classes outside": Mistake(
                _hessian_with_classes_outside,
                "the order of the weights is that of W.ravel(): W[j, k] sits at j * C + k, so "
                "the feature index j is the OUTER one: np.kron(x x^T, A), not np.kron(A, x x^T).",
            ),
            "sign": Mistake(
                lambda x, W: -cross_entropy_hessian(x, W),
                "the loss is convex, so its Hessian has a non-negative diagonal: check the sign "
                "of d p_k / d o_k = p_k (1 - p_k).",
            ),
        },
    ),
    Exercise(
        id="softmax-confusion",
        level=1,
        kind="implement",
        title="Counting a confusion matrix",
        solution=confusion_counts,
        cases=(
            (np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 2, 1, 2, 1]), 3),
            (np.array([0, 0, 1]), np.array([1, 1, 1]), 4),
            (_RANDOM_TRUE, _RANDOM_PRED, 5),
        ),
        mistakes={
            "transposed": Mistake(
                lambda y_true, y_pred, num_classes: confusion_counts(y_pred, y_true, num_classes),
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
    PropertyExercise(
        id="softmax-mse-vs-ce",
        level=3,
        kind="experiment",
        title="Squared error against cross-entropy on the digits",
        solution=compare_losses,
        judge=_judge_race,
        mistakes={
            "squared error without the softmax's Jacobian": Mistake(
                _race_with(_squared_error_without_the_softmax_jacobian),
                "multiply 2(p - y) by its Jacobian diag(p) - p p^T",
            ),
            "swapped": Mistake(
                _race_with(_squared_error_logit_gradient, swapped=True),
                "return the pair in the order (cross-entropy, squared error)",
            ),
            "mean over the classes too": Mistake(
                _race_with(_squared_error_averaged_over_classes),
                "nn.MSELoss would also divide by the number of classes",
            ),
        },
    ),
]
