"""Explorers that work without Python: precomputed pictures behind sliders.

A live ipywidgets explorer needs a running kernel, which a static web page does not have.
:func:`slider_frames` draws a figure for every combination of a few parameter values in
advance and wraps the pictures in a small self-contained HTML page fragment: one slider per
parameter, and a few lines of JavaScript that show the matching picture. Nothing is loaded
from the network, so it works on the book's web site, offline, and in JupyterLab.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from IPython.display import HTML


def _png_data_uri(figure: Figure, dpi: int) -> str:
    buffer = io.BytesIO()
    # No metadata: identical figures give identical bytes, hence reproducible pages.
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _describe(figure: Figure, name: str, values: dict[str, float]) -> str:
    """The picture's alt text: the explorer, the parameter values and the figure's titles."""
    settings = ", ".join(f"{key} = {value:g}" for key, value in values.items())
    titles = [figure.get_suptitle()] + [ax.get_title() for ax in figure.axes]
    shown = "; ".join(" ".join(title.split()) for title in titles if title.strip())
    if shown and all(f"{key} = {value:g}" in shown for key, value in values.items()):
        return f"{name} explorer: {shown}"  # the titles already say the values
    return f"{name} explorer at {settings}" + (f": {shown}" if shown else "")


def slider_frames(
    name: str,
    draw: Callable[..., Figure],
    dpi: int = 72,
    **parameters: Sequence[float],
) -> HTML:
    """Draw ``draw(**values)`` for every combination of parameter values, behind sliders.

    Parameters
    ----------
    name : str
        A short identifier, unique on the page (letters, digits, dashes), e.g. ``"line-fit"``.
    draw : callable
        Called with one keyword argument per parameter; returns a matplotlib ``Figure``
        (which is closed after rendering).
    dpi : int, default 72
        Resolution of the pictures: every frame is stored in the page, so keep them light.
    **parameters : sequence of float
        For each parameter, the values its slider steps through, e.g. ``w=[0, 1, 2]``.

    Returns
    -------
    IPython.display.HTML
        Display it (last line of a cell) to get the sliders and the picture.

    Examples
    --------
    >>> def draw(w):
    ...     fig, ax = plt.subplots()
    ...     ax.plot([0, 1], [0, w])
    ...     return fig
    >>> explorer = slider_frames("demo", draw, w=[0.0, 1.0, 2.0])
    """
    if not name.replace("-", "").isalnum():
        raise ValueError(f"name must contain only letters, digits and dashes, got {name!r}")
    if not parameters:
        raise ValueError("give at least one parameter, e.g. w=[0.0, 1.0, 2.0]")
    values = {key: [float(v) for v in vals] for key, vals in parameters.items()}
    for key, vals in values.items():
        if not vals:
            raise ValueError(f"parameter {key} has no values")
    # Frames in row-major order: the last parameter changes fastest. Each has an alt text
    # that says what it shows (the values and the figure's titles, e.g. the loss), for a
    # reader who cannot see the picture.
    frames, alts = [], []
    for combination in itertools.product(*values.values()):
        setting = dict(zip(values, combination, strict=True))
        figure = draw(**setting)
        alts.append(_describe(figure, name, setting))
        frames.append(_png_data_uri(figure, dpi))
    strides = np.cumprod([1] + [len(v) for v in values.values()][:0:-1])[::-1].tolist()
    sliders = "".join(
        f'<label style="margin-right:1.5em">{html.escape(key)} = '
        f'<output id="{name}-{key}-value">{vals[0]:g}</output><br>'
        f'<input type="range" id="{name}-{key}" min="0" max="{len(vals) - 1}" '
        f'step="1" value="0" aria-label="{html.escape(key)}" aria-valuetext="{vals[0]:g}"></label>'
        for key, vals in values.items()
    )
    script = f"""
(function () {{
  const frames = {json.dumps(frames)};
  const alts = {json.dumps(alts)};
  const values = {json.dumps(values)};
  const strides = {json.dumps(strides)};
  const image = document.getElementById("{name}-image");
  function show() {{
    let index = 0;
    Object.keys(values).forEach(function (key, i) {{
      const slider = document.getElementById("{name}-" + key);
      const step = Number(slider.value);
      document.getElementById("{name}-" + key + "-value").textContent = values[key][step];
      slider.setAttribute("aria-valuetext", String(values[key][step]));
      index += step * strides[i];
    }});
    image.src = frames[index];
    image.alt = alts[index];
  }}
  Object.keys(values).forEach(function (key) {{
    document.getElementById("{name}-" + key).addEventListener("input", show);
  }});
}})();"""
    from IPython.display import HTML  # imported here: the module itself needs only matplotlib

    return HTML(
        f'<div class="slider-frames" id="{name}">{sliders}<br>'
        f'<img id="{name}-image" src="{frames[0]}" alt="{html.escape(alts[0])}">'
        f"<script>{script}</script></div>"
    )
