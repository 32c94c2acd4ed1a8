"""A system's diagrams: its phases as a timeline, and its map of integrations by phase with
the fallbacks between them (issue 19, item 4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intreg.outputs.site.diagram import (
    CHAR_WIDTH,
    LINE_HEIGHT,
    MARGIN,
    NOTE_CHARS,
    Arrow,
    Box,
    Diagram,
    box_height,
    box_width,
    wrap,
)
from intreg.outputs.summary import RecordSummary
from intreg.records.system import System
from intreg.records.system_plan import Phase, PlannedIntegration

GAP = 36  # px between two phases of the timeline
PER_ROW = 3  # phases in a row of the timeline, so it fits a page
PHASE_CHARS = 22  # characters in a line of a phase's box
LANE = 12  # px between two fallback lines running side by side
ROW = 12  # px between two boxes of the column
SPLIT = 6  # px above (out) or below (in) a box's middle where fallback lines meet it
_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def timeline_diagram(system: System) -> Diagram:
    """The phases left to right, PER_ROW to a row, each with its name, timeline and how many
    integrations ship in it; an arrow leads from each phase to the next."""
    counts = {p.number: sum(e.phase == p.number for e in system.plan) for p in system.phases}
    phases = sorted(system.phases, key=lambda p: p.number)
    lines = [
        (
            f"Phase {p.number}",
            *wrap(p.name, PHASE_CHARS, 2),
            *wrap(_when(p), PHASE_CHARS, 1),
            _count(counts[p.number]),
        )
        for p in phases
    ]
    width = max((box_width(ls) for ls in lines), default=0.0)
    height = max((box_height(len(ls)) for ls in lines), default=0.0)
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    for n, phase_lines in enumerate(lines):
        row, column = divmod(n, PER_ROW)
        x = MARGIN + column * (width + GAP)
        y = MARGIN + row * (height + GAP)
        box = Box(x, y, phase_lines, "phase", width)
        if boxes and column:
            arrows.append(Arrow((boxes[-1].right(), box.left()), "link"))
        elif boxes:  # to the start of the next row, through the gap between the rows
            last, down = boxes[-1], boxes[-1].y + height + GAP / 2
            points = (last.bottom(), (last.bottom()[0], down), (box.top()[0], down), box.top())
            arrows.append(Arrow(points, "link"))
        boxes.append(box)
    described = "; ".join(
        f"phase {p.number}, {p.name} ({_when(p)}): {_count(counts[p.number])}" for p in phases
    )
    return Diagram(
        key=f"timeline-{system.id}",
        title=f"Phases of {system.name}",
        description=f"{system.name} ships in {len(boxes)} phases: {described}.",
        boxes=tuple(boxes),
        arrows=tuple(arrows),
    )


@dataclass(frozen=True, order=True)
class _Fallback:
    source: str
    target: str


def map_diagram(system: System, records: Mapping[str, RecordSummary]) -> Diagram:
    """The plan's integrations in one column, grouped by phase under a heading, high priority
    first; a dashed arrow from each to the integration it falls back to, each in its own lane
    to the right of the column, so no line crosses a box and the map never grows wider than
    a page however many integrations there are."""
    columns = _columns(system)
    fallbacks = _fallbacks(system, records)
    width = max(
        [Box(0, 0, _lines(e, records)).w for _, entries in columns for e in entries]
        + [min(len(_heading(system, n)), NOTE_CHARS) * CHAR_WIDTH for n, _ in columns]
    )
    boxes: dict[str, Box] = {}
    notes: list[tuple[float, float, str]] = []
    y = float(MARGIN)
    for number, entries in columns:
        notes.append((MARGIN, y + LINE_HEIGHT - 4, _heading(system, number)))
        y += LINE_HEIGHT + 8
        for entry in entries or ():
            box = Box(MARGIN, y, _lines(entry, records), "integration", width)
            boxes[entry.integration] = box
            y += box.h + ROW
        if not entries:
            notes.append((MARGIN + CHAR_WIDTH, y + LINE_HEIGHT - 4, "(no integration)"))
            y += LINE_HEIGHT + ROW
        y += ROW
    # Short hops take the lanes nearest the boxes, so long lines pass outside them.
    by_span = sorted(fallbacks, key=lambda f: (abs(boxes[f.source].y - boxes[f.target].y), f))
    arrows = [
        _route(boxes[f.source], boxes[f.target], MARGIN + width + LANE * (k + 1))
        for k, f in enumerate(by_span)
    ]
    if fallbacks:
        notes.append((MARGIN, y + LINE_HEIGHT - 4, _LEGEND))
    return Diagram(
        key=f"map-{system.id}",
        title=f"Integrations of {system.name} by phase, with their fallbacks",
        description=_map_description(system, columns, fallbacks, records),
        boxes=tuple(boxes.values()),
        arrows=tuple(arrows),
        notes=tuple(notes),
    )


_LEGEND = "dashed arrow: falls back to"


def _heading(system: System, number: int) -> str:
    name = next((p.name for p in system.phases if p.number == number), "")
    return f"Phase {number}: {name}" if name else f"Phase {number}"


def _columns(system: System) -> list[tuple[int, list[PlannedIntegration]]]:
    ordered = sorted(
        system.plan, key=lambda e: (_PRIORITY_ORDER.get(str(e.priority), 3), e.integration)
    )
    return [
        (p.number, [e for e in ordered if e.phase == p.number])
        for p in sorted(system.phases, key=lambda p: p.number)
    ]


def _fallbacks(system: System, records: Mapping[str, RecordSummary]) -> list[_Fallback]:
    """The fallbacks between integrations of the plan that serve this system."""
    planned = {e.integration for e in system.plan}
    found = []
    for source in sorted(planned):
        r = records.get(source)
        if r is None or r.fallback is None or r.fallback.integration not in planned:
            continue
        if r.fallback.systems and system.id not in r.fallback.systems:
            continue
        found.append(_Fallback(source, r.fallback.integration))
    return found


def _route(source: Box, target: Box, lane: float) -> Arrow:
    """Out of the source's right edge (a little above its middle), along the lane, and into
    the target's right edge (a little below its middle, so lines in and out never overlap)."""
    start, end = source.right(-SPLIT), target.right(SPLIT)
    return Arrow((start, (lane, start[1]), (lane, end[1]), end), "fallback")


def _lines(entry: PlannedIntegration, records: Mapping[str, RecordSummary]) -> tuple[str, ...]:
    r = records.get(entry.integration)
    name = r.name if r is not None else entry.integration
    return (name, f"{entry.priority} · {entry.role}")


def _map_description(
    system: System,
    columns: Sequence[tuple[int, list[PlannedIntegration]]],
    fallbacks: Sequence[_Fallback],
    records: Mapping[str, RecordSummary],
) -> str:
    def name(integration: str) -> str:
        r = records.get(integration)
        return r.name if r is not None else integration

    phases = "; ".join(
        f"phase {number}: "
        + (", ".join(f"{name(e.integration)} ({e.priority}, {e.role})" for e in entries) or "none")
        for number, entries in columns
    )
    text = f"{system.name} plans {len(system.plan)} integrations. {phases}."
    if fallbacks:
        text += " Fallbacks: " + "; ".join(
            f"{name(f.source)} falls back to {name(f.target)}" for f in fallbacks
        )
        text += "."
    else:
        text += " No integration of the plan falls back to another."
    return text


def _when(phase: Phase) -> str:
    if phase.weeks:
        return str(phase.weeks)
    if phase.starts_on and phase.target_on:
        return f"{phase.starts_on} to {phase.target_on}"
    if phase.target_on:
        return f"by {phase.target_on}"
    return "no dates set"


def _count(n: int) -> str:
    return f"{n} integration{'' if n == 1 else 's'}"
