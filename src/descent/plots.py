"""The book's figures, drawn in one consistent style with matplotlib.

Each function draws onto an ``Axes`` you pass (or a new one) and returns it, so a chapter
can put several pictures side by side and still add its own labels.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from descent.losses import mse

#: Colours of the book: data, model, error.
DATA_COLOR = "#1f77b4"
MODEL_COLOR = "#d62728"
ERROR_COLOR = "#7f7f7f"


def use_book_style() -> None:
    """Set matplotlib's defaults for the book: size, grid, fonts. Call once per notebook."""
    mpl.rcParams.update(
        {
            "figure.figsize": (6.0, 4.0),
            "figure.dpi": 100,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 11,
            "legend.frameon": False,
            "svg.hashsalt": "descent",  # identical figures give identical files
        }
    )


def _axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else plt.figure().add_subplot()


def line_fit(
    x: ArrayLike,
    y: ArrayLike,
    w: float,
    b: float = 0.0,
    *,
    show_residuals: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw data points, the line ``y = w x + b`` and each point's residual.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    w, b : float
        Slope and intercept of the line.
    show_residuals : bool, default True
        Draw a dashed segment from each point to the line.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    y_pred = w * x + b
    margin = 0.1 * (x.max() - x.min()) + 0.5
    grid = np.linspace(x.min() - margin, x.max() + margin, 2)
    if show_residuals:
        ax.vlines(x, y, y_pred, colors=ERROR_COLOR, linestyles="dashed", label="residual")
    ax.plot(grid, w * grid + b, color=MODEL_COLOR, label=f"y = {w:.2f}x + {b:.2f}")
    ax.scatter(x, y, color=DATA_COLOR, zorder=3, label="data")
    ax.set(xlabel="x", ylabel="y", title=f"MSE = {mse(y_pred, y):.3f}")
    ax.legend(loc="upper left")
    return ax


def loss_curve(
    parameter: ArrayLike,
    loss: ArrayLike,
    *,
    label: str = "w",
    ax: Axes | None = None,
) -> Axes:
    """Draw a loss against one parameter and mark its smallest value.

    Parameters
    ----------
    parameter, loss : array_like, shape (k,)
        Parameter values and the loss at each.
    label : str, default "w"
        Name of the parameter, for the x axis.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.
    """
    ax = _axes(ax)
    parameter, loss = np.asarray(parameter), np.asarray(loss)
    best = np.argmin(loss)
    ax.plot(parameter, loss, color=MODEL_COLOR)
    ax.scatter(
        [parameter[best]],
        [loss[best]],
        color="black",
        zorder=3,
        label=f"minimum at {label} = {parameter[best]:.3g}",
    )
    ax.set(xlabel=label, ylabel="loss")
    ax.legend()
    return ax
