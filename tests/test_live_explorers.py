"""descent.live_explorers: the explorers build, and moving a control redraws the right figure."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from descent import data, live_explorers, losses, optim


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_softmax_explorer_redraws_probabilities_and_loss(monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda: drawn.append(plt.gca()))
    explorer = live_explorers.softmax_explorer(logits=(1.0, 2.0, 0.5), target=1)
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
    explorer = live_explorers.line_fit_explorer(x, y)
    controls = {child.description: child for child in explorer.children[:-1]}
    controls["w"].value = 2.0
    controls["b"].value = 1.0
    ax = drawn[-1]
    assert ax.get_title() == f"MSE = {losses.mse(2 * x + 1, y):.3f}" == "MSE = 1.000"
    line = ax.get_lines()[0]
    slope = np.diff(line.get_ydata()) / np.diff(line.get_xdata())
    np.testing.assert_allclose(slope, 2.0)


@pytest.mark.parametrize(
    ("lr", "verdict"),
    [(0.05, "converges steadily"), (0.18, "converges, oscillating"), (0.23, "diverges")],
)
def test_learning_rate_explorer_reruns_descent_and_names_the_behaviour(monkeypatch, lr, verdict):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    x, y = data.toy_points()
    explorer = live_explorers.learning_rate_explorer(x, y, w0=1.0)
    controls = {child.description: child for child in explorer.children[:-1]}
    assert set(controls) == {"lr", "steps"}
    controls["steps"].value = 7
    controls["lr"].value = lr
    figure = shown[-1]
    factor = 1 - 2 * lr * np.mean(x**2)
    assert figure.get_suptitle() == (f"factor 1 - 2 lr mean(x^2) = {factor:.3f}: the run {verdict}")
    left, right = figure.axes
    expected = optim.gradient_descent(lambda w: np.mean(2 * (w * x - y) * x), 1.0, lr, steps=7)
    np.testing.assert_allclose(left.lines[1].get_xdata(), expected)
    np.testing.assert_allclose(right.lines[0].get_ydata(), np.mean(x**2) * (expected - 2) ** 2)


def test_learning_rate_explorer_names_the_endless_bounce_at_the_critical_rate(monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    x, y = np.ones(3), 2 * np.ones(3)  # mean(x^2) = 1, so the critical rate is 1/1 = 1
    explorer = live_explorers.learning_rate_explorer(x, y, w0=1.0, lr_range=(0.1, 1.5))
    controls = {child.description: child for child in explorer.children[:-1]}
    controls["lr"].value = 1.0
    title = shown[-1].get_suptitle()
    assert title == "factor 1 - 2 lr mean(x^2) = -1.000: the run bounces between two points forever"
