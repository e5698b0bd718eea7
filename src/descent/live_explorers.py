"""Live explorers for JupyterLab: move a slider, see the model and its loss change.

They need a running Python kernel; on the static web site the book shows pictures instead.
ipywidgets is imported when an explorer is built, so importing this module costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike

from descent import optim, plots

if TYPE_CHECKING:
    import ipywidgets


def line_fit_explorer(
    x: ArrayLike,
    y: ArrayLike,
    w_range: tuple[float, float] = (-1.0, 5.0),
    b_range: tuple[float, float] = (-3.0, 3.0),
) -> ipywidgets.interactive:
    """Sliders for the slope ``w`` and intercept ``b`` of ``y = w x + b``.

    Every move redraws the data, the line, the residuals and the mean squared error.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    w_range, b_range : tuple of float
        The ranges of the two sliders.

    Returns
    -------
    ipywidgets.interactive
        Display it (make it the last line of a cell) to use it.
    """
    import ipywidgets as widgets

    def draw(w: float, b: float) -> None:
        plots.line_fit(x, y, w, b)
        plt.show()

    return widgets.interactive(
        draw,
        w=widgets.FloatSlider(
            value=1.0,
            min=w_range[0],
            max=w_range[1],
            step=0.1,
            description="w",
            continuous_update=True,
        ),
        b=widgets.FloatSlider(
            value=0.0,
            min=b_range[0],
            max=b_range[1],
            step=0.1,
            description="b",
            continuous_update=True,
        ),
    )


def learning_rate_explorer(
    x: ArrayLike,
    y: ArrayLike,
    w0: float = 1.0,
    lr_range: tuple[float, float] = (0.01, 0.25),
    max_steps: int = 60,
) -> ipywidgets.interactive:
    r"""Sliders for the learning rate and the number of steps of gradient descent on ``y = w x``.

    Every move reruns gradient descent on the mean squared error from ``w0`` and redraws
    its path on the loss curve and the loss after each step. The title gives the factor
    :math:`1 - 2\eta \operatorname{mean}(x^2)` by which each step multiplies the distance
    to the best ``w``, and what it means (:func:`descent.optim.learning_rate_verdict`).

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    w0 : float, default 1.0
        The starting weight.
    lr_range : tuple of float, default (0.01, 0.25)
        The range of the learning-rate slider.
    max_steps : int, default 60
        The largest number of steps on the steps slider.

    Returns
    -------
    ipywidgets.interactive
        Display it (make it the last line of a cell) to use it.
    """
    import ipywidgets as widgets

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    mean_x2 = float(np.mean(x**2))

    def loss(w: np.ndarray) -> np.ndarray:
        return np.mean((np.multiply.outer(w, x) - y) ** 2, axis=-1)

    def draw(lr: float, steps: int) -> None:
        path = optim.gradient_descent(lambda w: np.mean(2 * (w * x - y) * x), w0, lr, steps)
        verdict = optim.learning_rate_verdict(lr, critical_lr=1 / mean_x2)
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
        plots.descent_path_1d(loss, path, ax=left)
        plots.loss_history(loss(path), xlabel="step", ax=right)
        fig.suptitle(f"factor 1 - 2 lr mean(x^2) = {1 - 2 * lr * mean_x2:.3f}: the run {verdict}")
        fig.tight_layout()
        plt.show()

    return widgets.interactive(
        draw,
        lr=widgets.FloatSlider(
            value=0.05,
            min=lr_range[0],
            max=lr_range[1],
            step=0.005,
            readout_format=".3f",
            description="lr",
            continuous_update=True,
        ),
        steps=widgets.IntSlider(
            value=20, min=1, max=max_steps, description="steps", continuous_update=True
        ),
    )


def softmax_explorer(
    logits: tuple[float, ...] = (3.0, 7.0, 4.0), target: int = 0
) -> ipywidgets.interactive:
    r"""Sliders for the logits and the temperature of a softmax, and a choice of true class.

    Every move redraws the probabilities :math:`\operatorname{softmax}(z / T)` and the
    cross-entropy loss :math:`-\log p_{\text{target}}` of the chosen class.

    Parameters
    ----------
    logits : tuple of float, default (3, 7, 4)
        The starting logits, one slider each (from -10 to 10).
    target : int, default 0
        The starting true class.

    Returns
    -------
    ipywidgets.interactive
        Display it (make it the last line of a cell) to use it.
    """
    import ipywidgets as widgets

    names = [f"z{k}" for k in range(len(logits))]

    def draw(temperature: float, target: int, **values: float) -> None:
        plots.softmax_bars([values[name] for name in names], temperature, target=target)
        plt.show()

    sliders = {
        name: widgets.FloatSlider(
            value=value, min=-10.0, max=10.0, step=0.1, description=name, continuous_update=True
        )
        for name, value in zip(names, logits, strict=True)
    }
    return widgets.interactive(
        draw,
        temperature=widgets.FloatLogSlider(
            value=1.0, base=10, min=-1, max=1, step=0.05, description="T"
        ),
        target=widgets.Dropdown(
            options=list(range(len(logits))), value=target, description="true class"
        ),
        **sliders,
    )
