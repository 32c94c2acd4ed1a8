"""bytes -> LoadedSystem or findings: the only way a system file becomes a System."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from intreg.records.findings import Finding
from intreg.records.loader import id_mismatch, parse_for
from intreg.records.located import Located
from intreg.records.system import System
from intreg.records.system_facts import SystemFacts, system_facts_of
from intreg.records.system_rules import check_system


@dataclass(frozen=True)
class LoadedSystem(Located):
    """A system record that passed the model, with its file path and its source bytes."""

    path: str
    system: System
    source: bytes = field(repr=False)


@dataclass(frozen=True)
class SystemLoadResult:
    """What loading one system file gave: the system when it passed the model, every finding."""

    path: str
    system: LoadedSystem | None
    findings: list[Finding] = field(default_factory=list)
    facts: SystemFacts | None = None


def load_system(data: bytes, path: str, expected_id: str | None = None) -> SystemLoadResult:
    """Load one system file; `expected_id` is its file stem, which `id` must equal."""
    parsed = parse_for(data, path, System)
    if parsed.document is None:
        return SystemLoadResult(path, None, parsed.findings)
    document = parsed.document
    try:
        system = System.model_validate(document.data)
    except ValidationError as exc:
        return SystemLoadResult(path, None, parsed.model_findings(exc, System, path))
    loaded = LoadedSystem(path, system, data)
    loaded.__dict__["spans"] = document.spans
    findings = parsed.findings + id_mismatch(system.id, expected_id, loaded.finding)
    findings += check_system(loaded)
    return SystemLoadResult(path, loaded, parsed.finish(findings), system_facts_of(loaded))
