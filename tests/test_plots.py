"""descent.plots: each figure draws what it claims (heights, counts, titles, limits)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from descent import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_softmax_bars_draw_the_probabilities_at_a_temperature():
    logits = np.array([3.0, 7.0, 4.0])
    ax = plots.softmax_bars(logits, temperature=2.0, target=0)
    heights = [bar.get_height() for bar in ax.patches]
    expected = torch.softmax(torch.tensor(logits) / 2.0, dim=0).numpy()
    np.testing.assert_allclose(heights, expected)
    loss = torch.nn.CrossEntropyLoss()(torch.tensor(logits[np.newaxis] / 2.0), torch.tensor([0]))
    assert ax.get_title() == f"T = 2,  loss = -log p[0] = {loss.item():.3f}"
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()  # the target stands out


def test_softmax_bars_without_target_and_with_names():
    ax = plots.softmax_bars([0.0, 0.0], class_names=["cat", "dog"])
    assert [bar.get_height() for bar in ax.patches] == [0.5, 0.5]
    assert ax.get_title() == "T = 1"
    assert [label.get_text() for label in ax.get_xticklabels()] == ["cat", "dog"]


@pytest.mark.parametrize("temperature", [0.0, -1.0])
def test_softmax_bars_reject_a_non_positive_temperature(temperature):
    with pytest.raises(ValueError, match="temperature must be a positive number"):
        plots.softmax_bars([1.0, 2.0], temperature)


def test_confusion_heatmap_writes_every_count_in_its_cell():
    counts = np.array([[5, 1], [0, 7]])
    ax = plots.confusion_heatmap(counts, class_names=["a", "b"])
    cells = {(text.get_position(), text.get_text()) for text in ax.texts}
    assert cells == {((0, 0), "5"), ((1, 0), "1"), ((0, 1), "0"), ((1, 1), "7")}
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    np.testing.assert_array_equal(ax.images[0].get_array(), counts)


def test_image_grid_reshapes_square_images_and_centres_signed_ones():
    weights = np.linspace(-2.0, 1.0, 3 * 16).reshape(3, 16)
    fig = plots.image_grid(weights, titles=["0", "1", "2"], ncols=2, centered=True)
    drawn = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 4 and len(drawn) == 3  # a 2 x 2 grid, the last cell empty
    image = drawn[0].images[0]
    assert image.get_array().shape == (4, 4)
    low, high = image.get_clim()
    assert low == -high == -np.abs(weights[0]).max()  # white is exactly 0
    assert [ax.get_title() for ax in drawn] == ["0", "1", "2"]


def test_learning_curves_plot_each_recorded_series():
    history = {
        "train_loss": [1.0, 0.5],
        "train_accuracy": [0.6, 0.8],
        "val_loss": [1.1, 0.7],
        "val_accuracy": [0.5, 0.7],
    }
    loss_ax, accuracy_ax = plots.learning_curves(history, val_label="test")
    assert [line.get_label() for line in loss_ax.lines] == ["training", "test"]
    np.testing.assert_array_equal(loss_ax.lines[1].get_ydata(), [1.1, 0.7])
    np.testing.assert_array_equal(accuracy_ax.lines[0].get_xdata(), [0, 1])  # 0: the start
    train_only = {key: value for key, value in history.items() if key.startswith("train")}
    assert len(plots.learning_curves(train_only)[0].lines) == 1


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
