"""The flow diagram of one integration: our systems call the provider's API host, the provider
sends webhooks back, and where we turn when it is down (issue 20, item 5)."""

from __future__ import annotations

from urllib.parse import urlsplit

from intreg.outputs.markdown import Safe
from intreg.outputs.site.diagram import (
    CHAR_WIDTH,
    LINE_HEIGHT,
    MARGIN,
    Arrow,
    Box,
    Diagram,
    render_figure,
)
from intreg.records.model import Integration

GAP = 64  # px of clear line between two boxes, besides the labels on it
SPREAD = 10  # px between the request line and the webhook line


def render_flow(record: Integration) -> Safe:
    """The flow diagram of `record` as an HTML figure."""
    return render_figure(flow_diagram(record))


def flow_diagram(r: Integration) -> Diagram:
    """Boxes and arrows: consumers on the left, the provider on the right, the fallback below."""
    ours_lines = ("Our systems", *(r.consumers or ("(no consumer listed)",)))
    provider_lines: tuple[str, ...] = (r.provider.name, _host(r.api.base_url))
    if r.api.sandbox_url:
        provider_lines += (f"sandbox: {_host(r.api.sandbox_url)}",)
    request = (f"calls {_count(len(r.endpoints), 'endpoint')}", f"auth: {r.auth.method}")
    webhook = _webhook_label(r)
    labels = (request, webhook) if webhook else (request,)
    span = GAP + max(len(line) for label in labels for line in label) * CHAR_WIDTH
    ours = Box(MARGIN, MARGIN + LINE_HEIGHT * len(request), ours_lines, "ours")
    provider = Box(ours.x + ours.w + span, ours.y, provider_lines, "provider")
    middle = ours.y + min(ours.h, provider.h) / 2
    centre = (ours.x + ours.w + provider.x) / 2
    arrows = [
        Arrow(
            ((ours.x + ours.w, middle - SPREAD), (provider.x, middle - SPREAD)),
            "request",
            request,
            (centre, middle - SPREAD - 6 - LINE_HEIGHT * (len(request) - 1)),
        )
    ]
    if webhook:
        arrows.append(
            Arrow(
                ((provider.x, middle + SPREAD), (ours.x + ours.w, middle + SPREAD)),
                "webhook",
                webhook,
                (centre, middle + SPREAD + LINE_HEIGHT),
            )
        )
    boxes = [ours, provider]
    below = max(ours.y + ours.h, provider.y + provider.h, middle + SPREAD + LINE_HEIGHT * 3)
    if r.fallback is not None:
        target = r.fallback.integration
        lines = (f"fallback: {target}",) if target else ("no automatic fallback",)
        label = f"when {r.provider.name} is down"
        x = ours.x + ours.w / 2
        # The label sits on the line's horizontal run, between its corner and the box.
        left = max(provider.x, x + 2 * CHAR_WIDTH + len(label) * CHAR_WIDTH + GAP / 2)
        fallback = Box(left, below + LINE_HEIGHT, lines, "fallback" if target else "none")
        y = fallback.y + fallback.h / 2
        arrows.append(
            Arrow(
                ((x, ours.y + ours.h), (x, y), (fallback.x, y)),
                "fallback",
                (label,),
                (x + CHAR_WIDTH + len(label) * CHAR_WIDTH / 2, y - 6),
            )
        )
        boxes.append(fallback)
    return Diagram(
        key=f"flow-{r.id}",
        title=f"How {r.name} connects our systems and {r.provider.name}",
        description=_description(r),
        boxes=tuple(boxes),
        arrows=tuple(arrows),
    )


def _webhook_label(r: Integration) -> tuple[str, ...]:
    if r.webhooks is None:
        return ()
    label = (f"webhooks: {_count(len(r.webhooks.events), 'event')}",)
    return label + ((f"to {r.webhooks.receiver_path}",) if r.webhooks.receiver_path else ())


def _description(r: Integration) -> str:
    """The diagram in one paragraph, for readers who do not see it."""
    who = ", ".join(r.consumers) if r.consumers else "No consumer is listed; our systems"
    sentences = [
        f"{who} {'calls' if len(r.consumers) == 1 else 'call'} {r.provider.name} at "
        f"{_host(r.api.base_url)} ({_count(len(r.endpoints), 'endpoint')}, "
        f"{r.auth.method} auth)."
    ]
    if r.webhooks is not None:
        to = f" to {r.webhooks.receiver_path}" if r.webhooks.receiver_path else ""
        events = ", ".join(r.webhooks.events)
        sentences.append(f"{r.provider.name} sends webhooks{to}: {events}.")
    if r.fallback is None:
        sentences.append("No fallback is recorded.")
    elif r.fallback.integration:
        sentences.append(f"When it is down, we fall back to {r.fallback.integration}.")
    else:
        sentences.append("When it is down, no other integration takes over (see Fallback).")
    return " ".join(sentences)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
