"""Checks on a diagram's layout: nothing overlaps, everything lies inside the drawing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from intreg.outputs.site.diagram import (
    CHAR_WIDTH,
    FONT_SIZE,
    LINE_HEIGHT,
    NOTE_CHARS,
    Diagram,
    render_figure,
)

SVG = "{http://www.w3.org/2000/svg}"
Rect = tuple[float, float, float, float]


def assert_laid_out(d: Diagram) -> None:
    """No box, arrow label or note overlaps another, no line crosses a box it does not start
    or end at, and all of them lie inside the SVG's declared size."""
    shapes = _boxes(d) + _labels(d) + _notes(d)
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    for arrow in d.arrows:
        ends = (arrow.points[0], arrow.points[-1])
        for box in _boxes(d):
            if any(_touches(box, p) for p in ends):
                continue
            for start, end in zip(arrow.points, arrow.points[1:], strict=False):
                assert not _crosses(box, start, end), (box, start, end)
    svg = ET.fromstring(str(render_figure(d))).find(f"{SVG}svg")
    assert svg is not None
    width, height = float(svg.get("width") or 0), float(svg.get("height") or 0)
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    assert all(s[0] >= 0 and s[1] >= 0 and s[2] <= width and s[3] <= height for s in shapes)


def _boxes(d: Diagram) -> list[Rect]:
    return [(b.x, b.y, b.x + b.w, b.y + b.h) for b in d.boxes]


def _labels(d: Diagram) -> list[Rect]:
    rects = []
    for a in d.arrows:
        if a.label_at is None:
            continue
        x, y = a.label_at
        half = max(len(line) for line in a.label) * CHAR_WIDTH / 2
        rects.append((x - half, y - FONT_SIZE, x + half, y + LINE_HEIGHT * (len(a.label) - 1) + 4))
    return rects


def _notes(d: Diagram) -> list[Rect]:
    return [
        (x, y - FONT_SIZE, x + min(len(text), NOTE_CHARS) * CHAR_WIDTH, y + 4)
        for x, y, text in d.notes
    ]


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _touches(box: Rect, point: tuple[float, float]) -> bool:
    x, y = point
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _crosses(box: Rect, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """True when a horizontal or vertical segment passes through the inside of `box`."""
    (x1, y1), (x2, y2) = start, end
    segment = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    inner = (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)
    return (
        segment[0] <= inner[2]
        and inner[0] <= segment[2]
        and segment[1] <= inner[3]
        and (inner[1] <= segment[3])
    )
