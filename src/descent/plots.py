"""The book's figures, drawn in one consistent style with matplotlib.

Each function draws onto an ``Axes`` you pass (or a new one) and returns it, so a chapter
can put several pictures side by side and still add its own labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from descent.losses import log_softmax, mse, softmax
from descent.validation import as_float_array, require_positive

#: The Okabe–Ito palette: eight colours that stay distinct under the common colour-vision
#: deficiencies (protanopia, deuteranopia, tritanopia). The book draws every line from it.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Colours of the book: data, model, error.
DATA_COLOR = OKABE_ITO[0]
MODEL_COLOR = OKABE_ITO[1]
ERROR_COLOR = "#666666"


def use_book_style() -> None:
    """Set matplotlib's defaults for the book: size, grid, fonts, a colour-blind-safe palette.

    Call once per notebook.
    """
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
            "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
            # perceptually uniform and readable without colour vision
            "image.cmap": "viridis",
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


def _spaced_levels(values: np.ndarray, count: int) -> np.ndarray:
    """Contour levels packed near the minimum, where a quadratic bowl's rings are spread."""
    low, high = float(np.min(values)), float(np.max(values))
    return low + (high - low) * np.linspace(0.0, 1.0, count + 1)[1:] ** 2


def descent_path_1d(
    f: Callable[[np.ndarray], np.ndarray],
    path: ArrayLike,
    *,
    color: str = MODEL_COLOR,
    label: str | None = None,
    xlabel: str = "w",
    ax: Axes | None = None,
) -> Axes:
    """Draw a function of one parameter and the points that gradient descent visited on it.

    The curve spans every finite point of the path; consecutive points are joined, the start
    is a square and the end a star.

    Parameters
    ----------
    f : callable
        The function minimised, applied to an array of parameter values.
    path : array_like, shape (steps + 1,)
        The parameter after each step, starting point first.
    color : str, default MODEL_COLOR
        Colour of the path.
    label : str, optional
        Legend entry of the path.
    xlabel : str, default "w"
        Name of the parameter.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    path = np.asarray(path, dtype=float)
    path = path[np.isfinite(path)]
    low, high = path.min(), path.max()
    margin = 0.1 * (high - low) + 0.5
    grid = np.linspace(low - margin, high + margin, 200)
    ax.plot(grid, f(grid), color=ERROR_COLOR, zorder=1)
    ax.plot(path, f(path), "o-", color=color, markersize=4, linewidth=1, label=label, zorder=2)
    ax.plot(path[:1], f(path[:1]), "s", color="black", markersize=7, zorder=3)
    ax.plot(path[-1:], f(path[-1:]), "*", color="black", markersize=12, zorder=3)
    ax.set(xlabel=xlabel, ylabel="loss")
    if label is not None:
        ax.legend()
    return ax


def loss_history(
    losses: ArrayLike,
    *,
    label: str | None = None,
    color: str | None = None,
    log: bool = True,
    xlabel: str = "epoch",
    ax: Axes | None = None,
) -> Axes:
    """Draw a loss against the epoch (or step) at which it was recorded.

    Parameters
    ----------
    losses : array_like, shape (k,)
        The loss before training and after each epoch.
    label : str, optional
        Legend entry.
    color : str, optional
        Line colour; matplotlib's next colour if omitted.
    log : bool, default True
        Use a logarithmic loss axis, on which a loss that shrinks by a constant factor
        each epoch is a straight line.
    xlabel : str, default "epoch"
        Name of the horizontal axis.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    losses = np.asarray(losses, dtype=float)
    ax.plot(np.arange(len(losses)), losses, color=color, label=label)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel="loss")
    if label is not None:
        ax.legend()
    return ax


def descent_paths_2d(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    paths: Sequence[ArrayLike],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    labels: Sequence[str] | None = None,
    names: tuple[str, str] = ("w", "b"),
    levels: int = 15,
    ax: Axes | None = None,
) -> Axes:
    """Draw the contours of a function of two parameters and descent paths over them.

    Parameters
    ----------
    f : callable
        ``f(U, V)`` evaluates the function on two grids of the same shape.
    paths : sequence of array_like, each of shape (steps + 1, 2)
        The paths to draw, each starting point first (a square) and end last (a star).
    xlim, ylim : tuple of float
        The ranges of the two parameters.
    labels : sequence of str, optional
        A legend entry for each path.
    names : tuple of str, default ("w", "b")
        The names of the two parameters, for the axes.
    levels : int, default 15
        The number of contour lines, packed closer near the minimum.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    U, V = np.meshgrid(np.linspace(*xlim, 120), np.linspace(*ylim, 120))
    Z = f(U, V)
    ax.contour(U, V, Z, levels=_spaced_levels(Z, levels), colors=ERROR_COLOR, linewidths=0.7)
    labels = labels if labels is not None else [None] * len(paths)
    for path, label in zip(paths, labels, strict=True):
        path = np.asarray(path, dtype=float)
        (line,) = ax.plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1, label=label)
        ax.plot(*path[0], "s", color=line.get_color(), markersize=6)
        ax.plot(*path[-1], "*", color=line.get_color(), markersize=11)
    ax.set(xlabel=names[0], ylabel=names[1], xlim=xlim, ylim=ylim)
    ax.grid(False)
    if any(label is not None for label in labels):
        ax.legend(loc="upper right")
    return ax


def computational_graph(
    nodes: Mapping[str, tuple[float, float, str]],
    edges: Sequence[tuple[str, str, str]],
    *,
    ax: Axes | None = None,
) -> Axes:
    """Draw a computational graph (计算图): values in boxes, operations as labelled arrows.

    Parameters
    ----------
    nodes : mapping of str to (x, y, text)
        Each node's position and the text in its box (matplotlib mathtext allowed).
    edges : sequence of (source, target, label)
        An arrow from node ``source`` to node ``target``, with ``label`` written at its
        middle (for example the local derivative); ``""`` for none.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    box = {"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": DATA_COLOR}
    for x, y, text in nodes.values():
        ax.text(x, y, text, ha="center", va="center", bbox=box, zorder=3)
    for source, target, label in edges:
        (x0, y0, _), (x1, y1, _) = nodes[source], nodes[target]
        arrow = {"arrowstyle": "->", "color": ERROR_COLOR, "shrinkA": 14, "shrinkB": 14}
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=arrow, zorder=2)
        if label:
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                label,
                ha="center",
                va="center",
                color=MODEL_COLOR,
                fontsize=9,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            )
    xs = [x for x, _, _ in nodes.values()]
    ys = [y for _, y, _ in nodes.values()]
    ax.set(xlim=(min(xs) - 0.6, max(xs) + 0.6), ylim=(min(ys) - 0.6, max(ys) + 0.6))
    ax.set_axis_off()
    return ax


def softmax_bars(
    logits: ArrayLike,
    temperature: float = 1.0,
    *,
    target: int | None = None,
    class_names: list[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw the probabilities :math:`\operatorname{softmax}(z / T)` as bars.

    Parameters
    ----------
    logits : array_like, shape (C,)
        The scores :math:`z` of one sample.
    temperature : float, default 1.0
        :math:`T > 0`: below 1 sharpens the probabilities, above 1 flattens them.
    target : int, optional
        The true class: its bar is drawn in the model colour and the title shows the
        cross-entropy loss :math:`-\log p_{\text{target}}`.
    class_names : list of str, optional
        Labels of the bars; the class indices if omitted.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.
    """
    require_positive(temperature, "temperature")
    z = as_float_array(logits, "logits", ndim=1) / temperature
    ax = _axes(ax)
    names = class_names if class_names is not None else [str(k) for k in range(len(z))]
    colors = [MODEL_COLOR if k == target else DATA_COLOR for k in range(len(z))]
    bars = ax.bar(names, softmax(z), color=colors)
    if target is not None:  # a hatch as well as a colour marks the true class
        bars[target].set_hatch("//")
    ax.bar_label(bars, fmt="%.3f")
    title = f"T = {temperature:g}"
    if target is not None:
        title += f",  loss = -log p[{target}] = {-log_softmax(z)[target]:.3f}"
    ax.set(ylim=(0, 1.12), xlabel="class", ylabel="probability", title=title)
    return ax


def confusion_heatmap(
    counts: ArrayLike, *, class_names: list[str] | None = None, ax: Axes | None = None
) -> Axes:
    """Draw a confusion matrix: row = true class, column = predicted class, with counts.

    Parameters
    ----------
    counts : array_like, shape (C, C)
        ``counts[i, j]`` is how many samples of class ``i`` were predicted as ``j``.
    class_names : list of str, optional
        Labels of the classes; their indices if omitted.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.
    """
    counts = np.asarray(counts)
    ax = _axes(ax)
    ax.imshow(counts, cmap="Blues")
    ax.grid(False)
    for (i, j), value in np.ndenumerate(counts):
        dark = value > counts.max() / 2
        ax.text(j, i, str(value), ha="center", va="center", color="white" if dark else "black")
    names = class_names if class_names is not None else [str(k) for k in range(len(counts))]
    ticks = np.arange(len(counts))
    ax.set_xticks(ticks, names)
    ax.set_yticks(ticks, names)
    ax.set(xlabel="predicted class", ylabel="true class")
    return ax


def image_grid(
    images: ArrayLike,
    *,
    titles: list[str] | None = None,
    ncols: int = 5,
    centered: bool = False,
    size: float = 1.6,
) -> Figure:
    """Show small images side by side, e.g. 8x8 digits or learned weights.

    Parameters
    ----------
    images : array_like, shape (n, h, w), or (n, h * w) for square images
        The images, one per row.
    titles : list of str, optional
        A title above each image.
    ncols : int, default 5
        Images per row of the grid.
    centered : bool, default False
        For signed values such as weights: a red-white-blue scale with white at 0
        (red positive, blue negative). Otherwise grey levels, dark for large values.
    size : float, default 1.6
        Width and height of each image, in inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    images = np.asarray(images, dtype=float)
    if images.ndim == 2:  # flattened square images
        side = int(round(np.sqrt(images.shape[1])))
        images = images.reshape(len(images), side, side)
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size * ncols, size * nrows + 0.3 * nrows), squeeze=False
    )
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k >= len(images):
            continue
        if centered:
            limit = np.abs(images[k]).max() or 1.0
            ax.imshow(images[k], cmap="RdBu_r", vmin=-limit, vmax=limit)
        else:
            ax.imshow(images[k], cmap="gray_r")
        if titles is not None:
            ax.set_title(titles[k], fontsize=9)
    fig.tight_layout()
    return fig


def learning_curves(
    history: dict[str, list[float]],
    *,
    val_label: str = "validation",
    axes: Sequence[Axes] | None = None,
) -> np.ndarray:
    """Draw loss and accuracy per epoch, for training and (if recorded) validation data.

    Parameters
    ----------
    history : dict of str to list of float
        ``train_loss`` and ``train_accuracy``, and optionally ``val_loss`` and
        ``val_accuracy``, before training and after each epoch (as ``SoftmaxRegression.history_``).
    val_label : str, default "validation"
        Legend label of the held-out data (e.g. "test").
    axes : sequence of two matplotlib.axes.Axes, optional
        Where to draw the loss and the accuracy; a new figure if omitted.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The two axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    epochs = np.arange(len(history["train_loss"]))  # epoch 0: before training
    # colour and line style both tell the curves apart
    curves = [("train", "training", DATA_COLOR, "-"), ("val", val_label, MODEL_COLOR, "--")]
    for prefix, label, color, style in curves:
        if f"{prefix}_loss" in history:
            for ax, key in zip(axes, ("loss", "accuracy"), strict=True):
                ax.plot(epochs, history[f"{prefix}_{key}"], color=color, ls=style, label=label)
    axes[0].set(xlabel="epoch", ylabel="cross-entropy loss")
    axes[1].set(xlabel="epoch", ylabel="accuracy")
    axes[0].legend()
    axes[1].legend()
    return np.asarray(axes)


def reliability_diagram(
    confidence: ArrayLike,
    correct: ArrayLike,
    edges: ArrayLike,
    *,
    label: str | None = None,
    marker: str = "o",
    color: str = MODEL_COLOR,
    ax: Axes | None = None,
) -> Axes:
    """Draw accuracy against confidence, bin by bin: a calibrated model lies on the diagonal.

    Parameters
    ----------
    confidence : array_like, shape (n,)
        The probability the model gave its predicted class, for each sample.
    correct : array_like of bool, shape (n,)
        Whether each prediction was right.
    edges : array_like
        Edges of the confidence bins, increasing, from at most the smallest confidence to 1.
    label, marker, color : optional
        Legend label, marker and colour of this model's points.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.
    """
    confidence = as_float_array(confidence, "confidence", ndim=1)
    correct = np.asarray(correct, dtype=bool)
    edges = as_float_array(edges, "edges", ndim=1)
    if correct.shape != confidence.shape:
        raise ValueError(
            f"confidence and correct must have the same shape, got {confidence.shape} "
            f"and {correct.shape}"
        )
    bins = np.clip(np.searchsorted(edges, confidence, side="right") - 1, 0, len(edges) - 2)
    used = [k for k in range(len(edges) - 1) if np.any(bins == k)]
    mean_confidence = [confidence[bins == k].mean() for k in used]
    accuracy = [correct[bins == k].mean() for k in used]
    ax = _axes(ax)
    ax.plot([0, 1], [0, 1], color=ERROR_COLOR, ls=":", label="calibrated")
    ax.plot(mean_confidence, accuracy, marker=marker, color=color, label=label)
    ax.set(xlabel="mean confidence in the bin", ylabel="accuracy in the bin")
    return ax
