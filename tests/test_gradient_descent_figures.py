"""The figures and the explorer of chapter 3: each draws what it claims."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from descent import data, optim, plots, widgets


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def parabola(w):
    return (w - 2.0) ** 2


def test_descent_path_1d_draws_the_curve_the_path_and_its_ends():
    path = np.array([0.0, 1.0, 1.5, 1.75])
    ax = plots.descent_path_1d(parabola, path, label="run")
    curve, steps, start, end = ax.lines
    np.testing.assert_allclose(steps.get_xdata(), path)
    np.testing.assert_allclose(steps.get_ydata(), parabola(path))
    np.testing.assert_allclose(curve.get_ydata(), parabola(curve.get_xdata()))
    assert curve.get_xdata().min() < path.min() and curve.get_xdata().max() > path.max()
    assert (start.get_xdata()[0], end.get_xdata()[0]) == (0.0, 1.75)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["run"]


def test_descent_path_1d_leaves_out_points_that_ran_off_to_infinity():
    ax = plots.descent_path_1d(parabola, [1.0, -3.0, np.inf, np.nan])
    steps = ax.lines[1]
    np.testing.assert_allclose(steps.get_xdata(), [1.0, -3.0])
    assert np.all(np.isfinite(ax.lines[0].get_xdata()))
    assert ax.get_legend() is None


def test_loss_history_draws_one_point_per_epoch_on_a_log_scale():
    history = np.array([4.0, 1.0, 0.25])
    ax = plots.loss_history(history, label="batch")
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(line.get_ydata(), history)
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    linear = plots.loss_history(history, log=False, ax=plt.figure().add_subplot())
    assert linear.get_yscale() == "linear"


def test_descent_paths_2d_draws_contours_packed_near_the_minimum_and_each_path():
    paths = [np.array([[0.0, 0.0], [1.0, 0.5], [2.0, 1.0]]), np.array([[3.0, 3.0], [2.0, 1.0]])]
    ax = plots.descent_paths_2d(
        lambda w, b: (w - 2) ** 2 + (b - 1) ** 2,
        paths,
        xlim=(-1.0, 4.0),
        ylim=(-1.0, 4.0),
        labels=["first", "second"],
        names=("u", "v"),
        levels=6,
    )
    levels = ax.collections[0].levels
    assert len(levels) == 6 and np.all(np.diff(np.diff(levels)) > 0)  # gaps widen uphill
    drawn = [line for line in ax.lines if line.get_label() in ("first", "second")]
    for line, path in zip(drawn, paths, strict=True):
        np.testing.assert_allclose(line.get_xydata(), path)
    assert (ax.get_xlim(), ax.get_ylim()) == ((-1.0, 4.0), (-1.0, 4.0))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("u", "v")


def test_descent_paths_2d_can_draw_the_contours_alone():
    ax = plots.descent_paths_2d(lambda w, b: w**2 + b**2, [], xlim=(-1, 1), ylim=(-1, 1))
    assert ax.collections and not ax.lines and ax.get_legend() is None


def test_computational_graph_draws_every_node_edge_and_label():
    nodes = {"a": (0, 0, "$a$"), "b": (0, 1, "$b$"), "y": (1, 0.5, "$y$")}
    edges = [("a", "y", "2"), ("b", "y", "")]
    ax = plots.computational_graph(nodes, edges)
    texts = [text.get_text() for text in ax.texts if text.get_text()]
    assert sorted(texts) == ["$a$", "$b$", "$y$", "2"]
    arrows = [text for text in ax.texts if getattr(text, "arrow_patch", None) is not None]
    assert [(arrow.xy, arrow.xyann) for arrow in arrows] == [((1, 0.5), (0, 0)), ((1, 0.5), (0, 1))]
    assert not ax.axison


@pytest.mark.parametrize(
    ("lr", "verdict"),
    [(0.05, "converges steadily"), (0.18, "converges, oscillating"), (0.23, "diverges")],
)
def test_learning_rate_explorer_reruns_descent_and_names_the_behaviour(monkeypatch, lr, verdict):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    x, y = data.toy_points()
    explorer = widgets.learning_rate_explorer(x, y, w0=1.0)
    controls = {child.description: child for child in explorer.children[:-1]}
    assert set(controls) == {"lr", "epochs"}
    controls["epochs"].value = 7
    controls["lr"].value = lr
    figure = shown[-1]
    factor = 1 - 2 * lr * np.mean(x**2)
    assert figure._suptitle.get_text() == (
        f"factor 1 - 2 lr mean(x^2) = {factor:.3f}: the run {verdict}"
    )
    left, right = figure.axes
    expected = optim.gradient_descent(lambda w: np.mean(2 * (w * x - y) * x), 1.0, lr, 7)
    np.testing.assert_allclose(left.lines[1].get_xdata(), expected)
    np.testing.assert_allclose(right.lines[0].get_ydata(), np.mean(x**2) * (expected - 2) ** 2)


def test_learning_rate_explorer_names_the_endless_bounce_at_the_critical_rate(monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    x, y = np.ones(3), 2 * np.ones(3)  # mean(x^2) = 1, so the critical rate is 1/1 = 1
    explorer = widgets.learning_rate_explorer(x, y, w0=1.0, lr_range=(0.1, 1.5))
    controls = {child.description: child for child in explorer.children[:-1]}
    controls["lr"].value = 1.0
    title = shown[-1]._suptitle.get_text()
    assert title == "factor 1 - 2 lr mean(x^2) = -1.000: the run bounces between two points forever"
