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


def test_confusion_matrix_writes_every_count_in_its_cell():
    counts = np.array([[5, 1], [0, 7]])
    ax = plots.confusion_matrix(counts, class_names=["a", "b"])
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
    np.testing.assert_array_equal(accuracy_ax.lines[0].get_xdata(), [1, 2])
    train_only = {key: value for key, value in history.items() if key.startswith("train")}
    assert len(plots.learning_curves(train_only)[0].lines) == 1
