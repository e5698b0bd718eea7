"""Chapter 6's exercises: the reference solutions against PyTorch and scikit-learn (the
oracles), and correct answers written other ways (loops, NumPy, PyTorch, scipy) accepted."""

import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import confusion_matrix

from descent.checks import EXERCISES, CheckFailed
from descent.exercises.softmax_regression import (
    LABEL_SMOOTHING,
    RACE_MIN_CE,
    RACE_MIN_GAP,
    RACE_MIN_SE,
    RACE_SIZE,
    RACE_STEPS,
    _race_subsets,
    _race_with,
    _squared_error_averaged_over_classes,
    _squared_error_without_the_softmax_jacobian,
    compare_losses,
    confusion_counts,
    cross_entropy_gradient,
    cross_entropy_hessian,
)

logits_2d = arrays(
    np.float64,
    st.tuples(st.integers(1, 5), st.integers(2, 5)),
    elements=st.floats(-30, 30, allow_nan=False, allow_infinity=False),
)


# --- softmax-stable ---------------------------------------------------------------------


def softmax_with_loops(Z):
    rows = []
    for row in np.asarray(Z, dtype=float):
        top = max(row)
        exps = [np.exp(value - top) for value in row]
        rows.append([value / sum(exps) for value in exps])
    return np.array(rows)


def softmax_with_torch(Z):
    return torch.softmax(torch.as_tensor(np.asarray(Z, dtype=float)), dim=1).numpy()


def softmax_with_logsumexp(Z):
    # in float32 (one test input is float32) this is right to about 1e-5, not 1e-7
    return np.exp(Z - scipy.special.logsumexp(Z, axis=1, keepdims=True))


@pytest.mark.parametrize(
    "answer",
    [
        softmax_with_loops,
        softmax_with_torch,
        softmax_with_logsumexp,
        lambda Z: scipy.special.softmax(Z, axis=1),
    ],
)
def test_the_softmax_checker_accepts_answers_written_other_ways(answer):
    assert EXERCISES["softmax-stable"].check(answer).passed


def test_the_blogs_softmax_is_rejected():
    def blog(Z):
        exps = np.exp(Z)
        return exps / exps.sum(axis=0)

    with np.errstate(over="ignore", invalid="ignore"), pytest.raises(CheckFailed):
        EXERCISES["softmax-stable"].check(blog)


# --- softmax-cross-entropy ----------------------------------------------------------------


def cross_entropy_with_torch(logits, labels):
    return torch.nn.CrossEntropyLoss()(torch.tensor(logits), torch.tensor(labels)).item()


def cross_entropy_with_scipy(logits, labels):
    log_probs = logits - scipy.special.logsumexp(logits, axis=1, keepdims=True)
    return -np.mean(log_probs[np.arange(len(labels)), labels])


@pytest.mark.parametrize("answer", [cross_entropy_with_torch, cross_entropy_with_scipy])
def test_the_cross_entropy_checker_accepts_answers_written_other_ways(answer):
    assert EXERCISES["softmax-cross-entropy"].check(answer).passed


# --- softmax-gradient: label smoothing ----------------------------------------------------


@settings(deadline=None)  # torch's first calls can be slow on a busy machine
@given(logits_2d, st.data())
def test_the_smoothed_gradient_matches_autograd(logits, data):
    labels = np.array(
        data.draw(
            st.lists(
                st.integers(0, logits.shape[1] - 1), min_size=len(logits), max_size=len(logits)
            )
        )
    )
    tensor = torch.tensor(logits, requires_grad=True)
    torch.nn.CrossEntropyLoss(label_smoothing=LABEL_SMOOTHING)(
        tensor, torch.tensor(labels)
    ).backward()
    np.testing.assert_allclose(
        cross_entropy_gradient(logits, labels), tensor.grad.numpy(), atol=1e-12
    )


def smoothed_gradient_with_autograd(logits, labels):
    tensor = torch.tensor(np.asarray(logits, dtype=float), requires_grad=True)
    loss = torch.nn.CrossEntropyLoss(label_smoothing=0.1)(tensor, torch.tensor(labels))
    loss.backward()
    return tensor.grad.numpy()


def smoothed_gradient_with_loops(logits, labels):
    logits = np.asarray(logits, dtype=float)
    n, C = logits.shape
    gradient = np.zeros_like(logits)
    for i in range(n):
        exps = np.exp(logits[i] - logits[i].max())
        for k in range(C):
            target = 0.9 * (k == labels[i]) + 0.1 / C
            gradient[i, k] = (exps[k] / exps.sum() - target) / n
    return gradient


@pytest.mark.parametrize("answer", [smoothed_gradient_with_autograd, smoothed_gradient_with_loops])
def test_the_gradient_checker_accepts_answers_written_other_ways(answer):
    assert EXERCISES["softmax-gradient"].check(answer).passed


# --- softmax-hessian ---------------------------------------------------------------------


@settings(deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda d: st.tuples(
            arrays(np.float64, d, elements=st.floats(-3, 3)),
            arrays(np.float64, (d, 3), elements=st.floats(-3, 3)),
        )
    ),
    st.integers(0, 2),
)
def test_the_hessian_matches_autograd_for_any_label(x_and_W, label):
    x, W = x_and_W

    def loss(flat_weights):
        logits = torch.tensor(x) @ flat_weights.reshape(W.shape)
        return -torch.log_softmax(logits, dim=0)[label]

    expected = torch.autograd.functional.hessian(loss, torch.tensor(W.ravel()))
    np.testing.assert_allclose(cross_entropy_hessian(x, W), expected.numpy(), atol=1e-10)


def hessian_with_loops(x, W):
    x, W = np.asarray(x, dtype=float), np.asarray(W, dtype=float)
    d, C = W.shape
    logits = x @ W
    p = np.exp(logits - logits.max())
    p /= p.sum()
    H = np.zeros((d * C, d * C))
    for j in range(d):
        for k in range(C):
            for l in range(d):  # noqa: E741 (the index of the derivation)
                for m in range(C):
                    H[j * C + k, l * C + m] = x[j] * x[l] * (p[k] * (k == m) - p[k] * p[m])
    return H


def hessian_with_torch(x, W):
    x = torch.tensor(np.asarray(x, dtype=float))
    shape = np.shape(W)
    hessian = torch.autograd.functional.hessian(
        lambda w: torch.logsumexp(x @ w.reshape(shape), dim=0),  # the label's term is linear
        torch.tensor(np.asarray(W, dtype=float).ravel()),
    )
    return hessian.numpy()


@pytest.mark.parametrize("answer", [hessian_with_loops, hessian_with_torch])
def test_the_hessian_checker_accepts_answers_written_other_ways(answer):
    assert EXERCISES["softmax-hessian"].check(answer).passed


def test_the_hessian_is_positive_semidefinite():
    rng = np.random.default_rng(1)
    H = cross_entropy_hessian(rng.normal(size=4), rng.normal(size=(4, 5)))
    assert np.linalg.eigvalsh(H).min() > -1e-12


# --- softmax-confusion -------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@settings(deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda C: st.tuples(
            st.just(C),
            st.lists(
                st.tuples(st.integers(0, C - 1), st.integers(0, C - 1)), min_size=1, max_size=40
            ),
        )
    )
)
def test_the_confusion_counts_match_scikit_learn(classes_and_pairs):
    num_classes, pairs = classes_and_pairs
    y_true, y_pred = np.array(pairs).T
    expected = confusion_matrix(y_true, y_pred, labels=range(num_classes))
    np.testing.assert_array_equal(confusion_counts(y_true, y_pred, num_classes), expected)


def confusion_with_loops(y_true, y_pred, num_classes):
    counts = [[0] * num_classes for _ in range(num_classes)]
    for true, pred in zip(y_true, y_pred, strict=True):
        counts[true][pred] += 1
    return counts


def confusion_with_bincount(y_true, y_pred, num_classes):
    flat = np.asarray(y_true) * num_classes + np.asarray(y_pred)
    return np.bincount(flat, minlength=num_classes**2).reshape(num_classes, num_classes)


@pytest.mark.parametrize(
    "answer",
    [
        confusion_with_loops,
        confusion_with_bincount,
        lambda t, p, c: confusion_matrix(t, p, labels=range(c)),
    ],
)
def test_the_confusion_checker_accepts_answers_written_other_ways(answer):
    assert EXERCISES["softmax-confusion"].check(answer).passed


# --- softmax-mse-vs-ce -------------------------------------------------------------------


def compare_losses_with_autograd(X, y, steps):
    X, y = torch.tensor(X), torch.tensor(y)
    Y = torch.nn.functional.one_hot(y).double()
    accuracies = []
    for loss_name in ("cross-entropy", "squared error"):
        W = torch.zeros(X.shape[1], Y.shape[1], dtype=torch.float64, requires_grad=True)
        b = torch.zeros(Y.shape[1], dtype=torch.float64, requires_grad=True)
        for _ in range(steps):
            logits = X @ W + b
            if loss_name == "cross-entropy":
                loss = torch.nn.functional.cross_entropy(logits, y)
            else:
                loss = ((torch.softmax(logits, dim=1) - Y) ** 2).sum(dim=1).mean()
            W.grad = b.grad = None
            loss.backward()
            with torch.no_grad():
                W -= W.grad
                b -= b.grad
        accuracies.append(((X @ W + b).argmax(dim=1) == y).double().mean().item())
    return accuracies[0], accuracies[1]


def test_the_race_checker_accepts_an_autograd_answer():
    assert EXERCISES["softmax-mse-vs-ce"].check(compare_losses_with_autograd).passed


def test_the_reference_race_agrees_with_autograd_on_the_checkers_subsets():
    for X, y in _race_subsets():
        np.testing.assert_allclose(
            compare_losses(X, y, RACE_STEPS), compare_losses_with_autograd(X, y, RACE_STEPS)
        )


def test_the_race_thresholds_leave_a_margin_of_many_images_on_both_sides():
    """Not a coin flip: the right answer and the nearest wrong ones are >= 20 images away."""
    margin = 20 / RACE_SIZE
    no_jacobian = _race_with(_squared_error_without_the_softmax_jacobian)
    mean_over_classes = _race_with(_squared_error_averaged_over_classes)
    for X, y in _race_subsets():
        ce, se = compare_losses(X, y, RACE_STEPS)
        assert ce >= RACE_MIN_CE + margin and se <= RACE_MIN_CE - margin  # swapped pair fails
        assert se >= RACE_MIN_SE + margin and se <= ce - RACE_MIN_GAP - margin
        assert mean_over_classes(X, y, RACE_STEPS)[1] <= RACE_MIN_SE - margin
        ce_wrong, se_wrong = no_jacobian(X, y, RACE_STEPS)
        assert se_wrong >= ce_wrong - RACE_MIN_GAP + margin


def test_the_race_checker_rejects_made_up_numbers():
    with pytest.raises(CheckFailed, match="between 0 and 1"):
        EXERCISES["softmax-mse-vs-ce"].check(lambda X, y, steps: (95.0, 60.0))
    with pytest.raises(CheckFailed, match="pair of accuracies"):
        EXERCISES["softmax-mse-vs-ce"].check(lambda X, y, steps: 0.9)


# --- the chapter's figure helper ---------------------------------------------------------


def test_the_reliability_diagram_plots_each_bins_mean_confidence_and_accuracy():
    from descent import plots

    confidence = np.array([0.55, 0.65, 0.95, 0.97, 1.0])
    correct = np.array([True, False, True, True, False])
    ax = plots.reliability_diagram(confidence, correct, [0.5, 0.9, 1.0], label="model")
    diagonal, points = ax.lines
    np.testing.assert_allclose(points.get_xdata(), [0.6, (0.95 + 0.97 + 1.0) / 3])
    np.testing.assert_allclose(points.get_ydata(), [0.5, 2 / 3])
    assert diagonal.get_label() == "calibrated"


def test_the_reliability_diagram_names_mismatched_inputs():
    from descent import plots

    with pytest.raises(ValueError, match="same shape"):
        plots.reliability_diagram([0.5, 0.9], [True], [0.0, 1.0])


def test_softmax_bars_mark_the_true_class_by_a_hatch_as_well_as_a_colour():
    from descent import plots

    ax = plots.softmax_bars([3.0, 7.0, 4.0], target=1)
    assert [bar.get_hatch() for bar in ax.patches] == [None, "//", None]
