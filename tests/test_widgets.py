"""descent.widgets: the explorers build, and moving a control redraws the right figure."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from descent import losses, widgets


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_softmax_explorer_redraws_probabilities_and_loss(monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda: drawn.append(plt.gca()))
    explorer = widgets.softmax_explorer(logits=(1.0, 2.0, 0.5), target=1)
    controls = {child.description: child for child in explorer.children[:-1]}
    assert set(controls) == {"T", "true class", "z0", "z1", "z2"}
    controls["T"].value = 2.0
    controls["true class"].value = 2
    ax = drawn[-1]
    expected = losses.softmax(np.array([1.0, 2.0, 0.5]) / 2.0)
    np.testing.assert_allclose([bar.get_height() for bar in ax.patches], expected, rtol=1e-6)
    assert f"loss = -log p[2] = {-np.log(expected[2]):.3f}" in ax.get_title()


def test_line_fit_explorer_redraws_the_line_and_its_mse(monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda: drawn.append(plt.gca()))
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    explorer = widgets.line_fit_explorer(x, y)
    controls = {child.description: child for child in explorer.children[:-1]}
    controls["w"].value = 2.0
    controls["b"].value = 1.0
    ax = drawn[-1]
    assert ax.get_title() == f"MSE = {losses.mse(2 * x + 1, y):.3f}" == "MSE = 1.000"
    line = ax.get_lines()[0]
    slope = np.diff(line.get_ydata()) / np.diff(line.get_xdata())
    np.testing.assert_allclose(slope, 2.0)
