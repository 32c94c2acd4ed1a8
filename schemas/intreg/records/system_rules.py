"""Rules one system record must follow beyond field types; each returns findings, never raises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from intreg.records.findings import Finding, Severity
from intreg.records.system_operations import FeatureFlag, PublicUrl
from intreg.records.system_plan import PlanFigure

if TYPE_CHECKING:
    from intreg.records.system_loader import LoadedSystem

# Words of a variable name that say it holds a secret, whatever else it says.
_SECRET_WORDS = frozenset({"SECRET", "PASSWORD", "PASSWD", "TOKEN", "PRIVATE", "CREDENTIAL",
                           "CREDENTIALS", "AUTH"})  # fmt: skip
_PUBLIC_MARKERS = ("PUBLISHABLE", "PUBLIC_KEY", "SEARCH_ONLY")


def secret_looking(name: str) -> bool:
    """True when an environment variable's name says it holds a secret (`*_SECRET`,
    `*_TOKEN`, `*_KEY`...), unless it says the key is publishable (`*_PUBLISHABLE_KEY`,
    `*_PUBLIC_KEY`, `*_SEARCH_ONLY_KEY`)."""
    words = name.split("_")
    if _SECRET_WORDS.intersection(words):
        return True
    keyish = any(w == "KEY" or w.endswith("KEY") or w == "KEYS" for w in words)
    return keyish and not any(marker in name for marker in _PUBLIC_MARKERS)


def check_system(s: LoadedSystem) -> list[Finding]:
    """Every finding of the rules within one system record."""
    return [
        *_phases(s),
        *_plan(s),
        *_frontend(s),
        *_roles(s),
        *_figures(s),
    ]


def _phases(s: LoadedSystem) -> Iterator[Finding]:
    seen: set[int] = set()
    for i, phase in enumerate(s.system.phases):
        if phase.number in seen:
            yield s.finding(
                ("phases", i, "number"),
                "duplicate-phase",
                f"phase {phase.number} is listed twice",
                "give each phase its own number",
            )
        seen.add(phase.number)


def _plan(s: LoadedSystem) -> Iterator[Finding]:
    numbers = sorted({p.number for p in s.system.phases})
    seen: set[str] = set()
    for i, entry in enumerate(s.system.plan):
        if entry.integration in seen:
            yield s.finding(
                ("plan", i, "integration"),
                "duplicate-plan-entry",
                f"`{entry.integration}` is planned twice",
                "keep one entry per integration",
            )
        seen.add(entry.integration)
        if entry.phase not in numbers:
            yield s.finding(
                ("plan", i, "phase"),
                "unknown-phase",
                f"phase {entry.phase} is not among the system's phases "
                f"({', '.join(map(str, numbers))})",
                "use the number of one of `phases`, or add that phase",
            )


def _frontend(s: LoadedSystem) -> Iterator[Finding]:
    frontend = s.system.frontend
    if frontend is None:
        return
    planned = {p.integration for p in s.system.plan}
    seen: set[str] = set()
    entries: list[tuple[str, int, PublicUrl | FeatureFlag]]
    entries = [("public_urls", i, v) for i, v in enumerate(frontend.public_urls)]
    entries += [("feature_flags", i, v) for i, v in enumerate(frontend.feature_flags)]
    for key, i, item in entries:
        where = ("frontend", key, i)
        if secret_looking(item.env_var):
            yield s.finding(
                (*where, "env_var"),
                "frontend-secret",
                f"`{item.env_var}` looks like a secret, and everything the frontend reads is "
                "public",
                "keep secrets in the backend (the integration's auth.credentials); a key meant "
                "for browsers says so in its name, e.g. STRIPE_PUBLISHABLE_KEY",
            )
        if item.env_var in seen:
            yield s.finding(
                (*where, "env_var"),
                "duplicate-env-var",
                f"`{item.env_var}` is set twice in the frontend",
                "keep one entry per variable",
            )
        seen.add(item.env_var)
        if item.integration is not None and item.integration not in planned:
            yield s.finding(
                (*where, "integration"),
                "unplanned-integration",
                f"`{item.integration}` is not in this system's plan",
                "name an integration of `plan`, or plan it",
            )


def _roles(s: LoadedSystem) -> Iterator[Finding]:
    roles = s.system.owner.roles
    held = set() if roles is None else {k for k, v in roles if v is not None}
    for i, task in enumerate(s.system.maintenance):
        if str(task.owner_role) not in held:
            yield s.finding(
                ("maintenance", i, "owner_role"),
                "role-unfilled",
                f"nobody holds `{task.owner_role}` in owner.roles, so nobody is told of it",
                f"name the {str(task.owner_role).replace('_', ' ')} in owner.roles",
                Severity.WARNING,
            )


def _figures(s: LoadedSystem) -> Iterator[Finding]:
    system = s.system
    figures: list[tuple[tuple[str | int, ...], PlanFigure | None]] = [
        (("phases", i, "plan_estimate"), p.plan_estimate) for i, p in enumerate(system.phases)
    ]
    figures += [(("plan", i, "plan_estimate"), p.plan_estimate) for i, p in enumerate(system.plan)]
    if system.budget is not None:
        figures.append((("budget", "plan_total"), system.budget.plan_total))
    for where, figure in figures:
        amounts = (figure.monthly_amount, figure.percent_fee, figure.unit_price) if figure else ()
        if figure is not None and all(a is None for a in amounts):
            yield s.finding(
                where,
                "empty-plan-figure",
                "a plan figure needs `monthly_amount`, `percent_fee` or `unit_price`",
                "copy the plan document's figure, or remove the entry",
            )
