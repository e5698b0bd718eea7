"""descent.static_explorers: precomputed pictures behind sliders, for pages without a kernel."""

import json
import re
import shutil
import subprocess

import matplotlib.pyplot as plt
import pytest

from descent.static_explorers import slider_frames


def draw_line(w, b):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [b, w + b])
    ax.set_ylim(-5, 5)
    return fig


def picture_of(page):
    """The picture the page shows before any slider moves."""
    return re.search(r'<img id="[^"]+" src="([^"]+)"', page).group(1)


# A stand-in for the browser: the elements the explorer's script touches, by id.
FAKE_DOM = """
const elements = {};
const document = {getElementById: (id) => elements[id] ??= {
  id, value: "0", textContent: "", src: "", alt: "", listeners: [], attributes: {},
  addEventListener(type, listener) { this.listeners.push(listener); },
  setAttribute(name, value) { this.attributes[name] = value; },
}};
"""


def move_sliders(page, name, positions):
    """Run the page's script in Node, set each slider, fire "input"; return what it shows."""
    script = re.search(r"<script>(.*)</script>", page, re.DOTALL).group(1)
    moves = "".join(
        f'document.getElementById("{name}-{key}").value = "{step}";\n'
        f'document.getElementById("{name}-{key}").listeners.forEach((f) => f());\n'
        for key, step in positions.items()
    )
    report = (
        f'console.log(JSON.stringify({{src: document.getElementById("{name}-image").src, '
        f'alt: document.getElementById("{name}-image").alt, '
        f"values: Object.fromEntries(Object.keys(elements).filter((id) => id.endsWith('-value'))"
        ".map((id) => [id, elements[id].textContent]))}));"
    )
    result = subprocess.run(
        ["node", "-e", FAKE_DOM + script + moves + report],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")


def test_one_picture_per_combination_drawn_in_order():
    calls = []

    def draw(w, b):
        calls.append((w, b))
        return draw_line(w, b)

    page = slider_frames("fit", draw, w=[0, 1], b=[-1, 0, 1]).data
    assert calls == [(0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)]
    assert picture_of(page).startswith("data:image/png;base64,")
    assert picture_of(page) == picture_of(slider_frames("one", draw_line, w=[0], b=[-1]).data)


@needs_node
@pytest.mark.parametrize(("w", "b"), [(0, 0), (1, 2), (0, 2), (1, 0), (1, 1)])
def test_moving_the_sliders_shows_the_picture_of_those_values(w, b):
    ws, bs = [0.0, 1.0], [-1.0, 0.0, 1.0]
    page = slider_frames("fit", draw_line, w=ws, b=bs).data
    shown = move_sliders(page, "fit", {"w": w, "b": b})
    alone = slider_frames("alone", draw_line, w=[ws[w]], b=[bs[b]]).data
    assert shown["src"] == picture_of(alone)
    assert float(shown["values"]["fit-w-value"]) == ws[w]
    assert float(shown["values"]["fit-b-value"]) == bs[b]


def test_frames_differ_and_the_page_is_reproducible():
    page = slider_frames("fit", draw_line, w=[0, 2], b=[0]).data
    assert picture_of(page) != picture_of(slider_frames("fit", draw_line, w=[2], b=[0]).data)
    assert page == slider_frames("fit", draw_line, w=[0, 2], b=[0]).data


def test_each_slider_spans_its_values():
    page = slider_frames("fit", draw_line, w=[0, 1], b=[-1, 0, 1]).data
    assert re.search(r'id="fit-w" min="0" max="1"', page)
    assert re.search(r'id="fit-b" min="0" max="2"', page)


def test_the_page_loads_nothing_from_the_network():
    page = slider_frames("fit", draw_line, w=[0], b=[0]).data
    assert "http" not in page
    assert "<script src" not in page


@pytest.mark.parametrize(
    ("name", "parameters", "message"),
    [
        ("bad name!", {"w": [1]}, "name must contain only"),
        ("ok", {}, "at least one parameter"),
        ("ok", {"w": []}, "parameter w has no values"),
    ],
)
def test_bad_arguments_are_refused(name, parameters, message):
    with pytest.raises(ValueError, match=message):
        slider_frames(name, draw_line, **parameters)


def draw_titled(w, b):
    fig = draw_line(w, b)
    fig.axes[0].set_title(f"loss = {w * w + b * b:.2f}")
    return fig


def test_the_first_picture_says_what_it_shows_not_its_file():
    page = slider_frames("fit", draw_titled, w=[0.5, 1], b=[0, 1]).data
    alt = re.search(r'<img id="fit-image" src="[^"]+" alt="([^"]+)"', page).group(1)
    assert alt == "fit explorer at w = 0.5, b = 0: loss = 0.25"
    assert 'aria-valuetext="0.5"' in page


@needs_node
def test_moving_a_slider_changes_the_alt_text_with_the_values_and_the_loss():
    page = slider_frames("fit", draw_titled, w=[0.5, 1], b=[0, 1]).data
    shown = move_sliders(page, "fit", {"w": 1, "b": 1})
    assert shown["alt"] == "fit explorer at w = 1, b = 1: loss = 2.00"


def test_titles_that_already_give_the_values_are_not_repeated():
    def draw(w, b):
        fig = draw_line(w, b)
        fig.suptitle(f"w = {w:g}, b = {b:g}")
        return fig

    page = slider_frames("fit", draw, w=[0.5], b=[2]).data
    assert 'alt="fit explorer: w = 0.5, b = 2"' in page
