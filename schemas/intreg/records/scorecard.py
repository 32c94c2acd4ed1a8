"""The documentation scorecard: which of the standard's sections a record completes, and the
level that earns it (issue 20, item 6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intreg.records.auth import AuthMethod
from intreg.records.levels import Level
from intreg.records.model import Integration


@dataclass(frozen=True)
class Section:
    """One section of the standard: its name, the level that needs it, and what to add."""

    name: str
    level: Level
    add: str
    done: Callable[[Integration], bool]


SECTIONS = (
    Section("Overview", Level.BASIC, "`summary`: how it is integrated, in Markdown",
            lambda r: r.summary is not None),
    Section("Authentication", Level.BASIC,
            "`auth.source` (the provider's page) and `auth.credentials`",
            lambda r: r.auth.source is not None
            and (bool(r.auth.credentials) or r.auth.method == AuthMethod.NONE)),
    Section("Endpoints", Level.BASIC, "`endpoints`, each with its responses",
            lambda r: bool(r.endpoints)),
    Section("Maintenance", Level.BASIC, "`owner` and `review`", lambda r: True),
    Section("Errors and troubleshooting", Level.OPERATIONAL,
            "`errors` (status, meaning, resolution), a `retry` policy or a `fallback`",
            lambda r: bool(r.errors) or r.retry is not None or r.fallback is not None),
    Section("Testing", Level.OPERATIONAL, "`testing` (tools, sandbox, cases) or `api.sandbox_url`",
            lambda r: r.testing is not None or r.api.sandbox_url is not None),
    Section("Configuration", Level.OPERATIONAL,
            "`configuration` (where it is set, feature flag) or `webhooks`",
            lambda r: r.configuration is not None or r.webhooks is not None),
    Section("Versioning", Level.COMPLETE,
            "`versioning` (policy, changelog, deprecation and sunset dates)",
            lambda r: r.versioning is not None),
    Section("Monitoring", Level.COMPLETE, "`monitoring` (dashboards and alerts)",
            lambda r: r.monitoring is not None
            and bool(r.monitoring.dashboards or r.monitoring.alerts)),
    Section("Data mapping", Level.COMPLETE,
            "`data_mapping` to the endpoints that carry our data (our field, the provider's "
            "field, the transformation)",
            lambda r: any(e.data_mapping for e in r.endpoints)),
)  # fmt: skip
_BY_NAME = {s.name: s for s in SECTIONS}


@dataclass(frozen=True)
class Score:
    """A record's level and the sections it has not documented yet."""

    level: Level
    missing: tuple[Section, ...]

    @property
    def done(self) -> int:
        return len(SECTIONS) - len(self.missing)


def score(record: Integration) -> Score:
    """The highest level whose sections (and every lower level's) the record all completes."""
    missing = tuple(s for s in SECTIONS if not s.done(record))
    level = Level.COMPLETE
    for s in missing:
        level = min(level, Level(s.level - 1))
    return Score(level, missing)


def missing_section(record: Integration, name: str) -> Section | None:
    """The section `name` when the record has not documented it yet; else None."""
    section = _BY_NAME[name]
    return None if section.done(record) else section
