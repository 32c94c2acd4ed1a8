"""Diagrams drawn by intreg itself as inline SVG: boxes, arrows and labels placed by a layout.

Nothing is fetched to draw them (no Mermaid, no CDN): the SVG is in the page, its colours come
from the theme's variables (so it follows light and dark mode, see intreg.css), and every label
is escaped text in a monospace font, whose width is known without measuring (issue 20, item 5).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from intreg.outputs.markdown import Safe

FONT_SIZE = 13  # px; the CSS sets the same size (intreg.css: .intreg-diagram text)
CHAR_WIDTH = 8.0  # px a monospace character takes at FONT_SIZE (0.6 em, rounded up)
LINE_HEIGHT = 18  # px between two lines of a label
PADDING = 10  # px between a box's edge and its text
MAX_CHARS = 36  # a longer label is cut with "…" and shown whole as its tooltip
NOTE_CHARS = 72  # free text beside the boxes (a heading) may run longer
MARGIN = 12  # px around the drawing
KINDS = ("request", "webhook", "fallback", "link")  # arrow styles, one marker each


@dataclass(frozen=True)
class Box:
    """A labelled box; `x`, `y` is its top-left corner. `kind` names its CSS class."""

    x: float
    y: float
    lines: tuple[str, ...]
    kind: str = "ours"
    width: float | None = None  # None: as wide as its longest line

    @property
    def w(self) -> float:
        return self.width if self.width is not None else box_width(self.lines)

    @property
    def h(self) -> float:
        return box_height(len(self.lines))

    def right(self, dy: float = 0) -> tuple[float, float]:
        return (self.x + self.w, self.y + self.h / 2 + dy)

    def left(self, dy: float = 0) -> tuple[float, float]:
        return (self.x, self.y + self.h / 2 + dy)

    def top(self, dx: float = 0) -> tuple[float, float]:
        return (self.x + self.w / 2 + dx, self.y)

    def bottom(self, dx: float = 0) -> tuple[float, float]:
        return (self.x + self.w / 2 + dx, self.y + self.h)


@dataclass(frozen=True)
class Arrow:
    """A line through `points` ending in an arrowhead, with an optional label at `label_at`."""

    points: tuple[tuple[float, float], ...]
    kind: str = "request"
    label: tuple[str, ...] = ()
    label_at: tuple[float, float] | None = None


@dataclass(frozen=True)
class Diagram:
    """A drawing: `key` makes its ids unique on the page; `title` names it and `description`
    says all it shows in words (the figure's caption, which describes the SVG to screen
    readers)."""

    key: str
    title: str
    description: str
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...] = ()
    notes: tuple[tuple[float, float, str], ...] = ()  # free text: x, y (baseline), text


def wrap(text: str, width: int, most: int) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters, broken between words; at most `most`
    lines, the last cut with "…" when there is more."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], _cut_words(" ".join(lines[most - 1 :]), width)]
    return tuple(line if len(line) <= width else line[: width - 1] + "…" for line in lines)


def _cut_words(line: str, width: int) -> str:
    """`line` cut after its last whole word that leaves room for "…"."""
    kept = line[: width - 1].rsplit(" ", 1)[0] if " " in line[: width - 1] else line[: width - 1]
    return kept + "…"


def box_width(lines: Sequence[str]) -> float:
    return max(len(_cut(line)) for line in lines) * CHAR_WIDTH + 2 * PADDING


def box_height(count: int) -> float:
    return count * LINE_HEIGHT + 2 * PADDING - (LINE_HEIGHT - FONT_SIZE)


def render_figure(diagram: Diagram) -> Safe:
    """The diagram as one line of HTML (a <figure> that Markdown keeps as a raw block)."""
    width, height = _extent(diagram)
    ids = f"intreg-{diagram.key}"
    parts = [
        f'<figure class="intreg-diagram" id="{ids}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'aria-labelledby="{ids}-title" aria-describedby="{ids}-desc">',
        f'<title id="{ids}-title">{_esc(diagram.title)}</title>',
        _markers(ids),
        *(_arrow(a, ids) for a in diagram.arrows),
        *(_box(b) for b in diagram.boxes),
        *(
            _label((x, y), (note,), "intreg-note", "start", limit=NOTE_CHARS)
            for x, y, note in diagram.notes
        ),
        "</svg>",
        f'<figcaption id="{ids}-desc">{_esc(diagram.description)}</figcaption>',
        "</figure>",
    ]
    return Safe("".join(parts) + "\n")


def _extent(diagram: Diagram) -> tuple[float, float]:
    xs = [b.x + b.w for b in diagram.boxes] + [x for a in diagram.arrows for x, _ in a.points]
    ys = [b.y + b.h for b in diagram.boxes] + [y for a in diagram.arrows for _, y in a.points]
    for arrow in diagram.arrows:
        if arrow.label and arrow.label_at is not None:
            x, y = arrow.label_at
            half = max(len(_cut(line)) for line in arrow.label) * CHAR_WIDTH / 2
            xs.append(x + half)
            ys.append(y + LINE_HEIGHT * (len(arrow.label) - 1) + PADDING)
    xs += [x + len(_cut(n, NOTE_CHARS)) * CHAR_WIDTH for x, _, n in diagram.notes]
    ys += [y + PADDING for _, y, _ in diagram.notes]
    return max(xs) + MARGIN, max(ys) + MARGIN


def _markers(ids: str) -> str:
    markers = "".join(
        f'<marker id="{ids}-{kind}" class="intreg-head-{kind}" viewBox="0 0 10 10" refX="9" '
        'refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z"/></marker>'
        for kind in KINDS
    )
    return f"<defs>{markers}</defs>"


def _box(b: Box) -> str:
    rect = f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" rx="6" ry="6"/>'
    first = (b.x + PADDING, b.y + PADDING + FONT_SIZE - 2)
    text = _label(first, b.lines, "", "start", heading=True)
    return f'<g class="intreg-box intreg-box-{b.kind}">{rect}{text}</g>'


def _arrow(a: Arrow, ids: str) -> str:
    path = " ".join(f"{'M' if i == 0 else 'L'}{_n(x)},{_n(y)}" for i, (x, y) in enumerate(a.points))
    line = f'<path class="intreg-edge" d="{path}" marker-end="url(#{ids}-{a.kind})"/>'
    label = _label(a.label_at, a.label, "intreg-edge-label", "middle") if a.label_at else ""
    return f'<g class="intreg-arrow intreg-arrow-{a.kind}">{line}{label}</g>'


def _label(
    at: tuple[float, float],
    lines: Sequence[str],
    css: str,
    anchor: str,
    heading: bool = False,
    limit: int = MAX_CHARS,
) -> str:
    """Lines of text from baseline `at`, the first in bold with `heading`; a cut line keeps its
    whole text as a tooltip."""
    x, y = at
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + i * LINE_HEIGHT)}"'
        + (' class="intreg-box-title">' if heading and i == 0 else ">")
        + _esc(_cut(line, limit))
        + (f"<title>{_esc(line)}</title>" if _cut(line, limit) != " ".join(line.split()) else "")
        + "</tspan>"
        for i, line in enumerate(lines)
    )
    klass = f' class="{css}"' if css else ""
    return f'<text{klass} text-anchor="{anchor}">{spans}</text>'


def _cut(line: str, limit: int = MAX_CHARS) -> str:
    flat = " ".join(line.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _esc(value: str) -> str:
    # Record text as XML text or attribute value, on one line (a raw HTML block must not
    # contain a blank line, or Markdown would end it there).
    return " ".join(html.escape(value, quote=True).split())


def _n(value: float) -> str:
    """A coordinate as short, stable text (no float noise): whole pixels or one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"
