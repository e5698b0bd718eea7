"""Live explorers for JupyterLab: move a slider, see the model and its loss change.

They need a running Python kernel; on the static web site the book shows pictures instead.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from numpy.typing import ArrayLike

from descent import plots


def line_fit_explorer(
    x: ArrayLike,
    y: ArrayLike,
    w_range: tuple[float, float] = (-1.0, 5.0),
    b_range: tuple[float, float] = (-3.0, 3.0),
) -> widgets.interactive:
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
