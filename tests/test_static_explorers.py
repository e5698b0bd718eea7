"""descent.static_explorers: precomputed pictures behind sliders, for pages without a kernel."""

import json
import re

import matplotlib.pyplot as plt
import pytest

from descent.static_explorers import slider_frames


def draw_line(w, b):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [b, w + b])
    ax.set_ylim(-5, 5)
    return fig


def frames_of(page):
    return json.loads(re.search(r"const frames = (\[.*?\]);", page).group(1))


def test_one_frame_per_combination_in_row_major_order():
    calls = []

    def draw(w, b):
        calls.append((w, b))
        return draw_line(w, b)

    page = slider_frames("fit", draw, w=[0, 1], b=[-1, 0, 1]).data
    assert calls == [(0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)]
    assert len(frames_of(page)) == 6
    assert all(frame.startswith("data:image/png;base64,") for frame in frames_of(page))
    assert "const strides = [3, 1];" in page
    assert 'id="fit-w" min="0" max="1"' in page
    assert 'id="fit-b" min="0" max="2"' in page


def test_frames_differ_and_the_page_is_reproducible():
    page = slider_frames("fit", draw_line, w=[0, 2], b=[0]).data
    first, second = frames_of(page)
    assert first != second
    assert page == slider_frames("fit", draw_line, w=[0, 2], b=[0]).data


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
