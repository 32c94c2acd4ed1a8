"""Backstage catalog entities from the records: an API per integration, a Group per owner team,
a System per consuming system (from its system record when there is one), a Component per
system record (the system's application, consuming the APIs of its plan), and a Location
(catalog-info.yaml) that lists them.

Spec: https://backstage.io/docs/features/software-catalog/descriptor-format
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from intreg.outputs import openapi
from intreg.outputs.backstage_entity import UNSET_LIFECYCLE
from intreg.outputs.backstage_entity import entity as _entity
from intreg.outputs.backstage_systems import component_entity, system_entity
from intreg.outputs.dump import dump_yaml
from intreg.records.errors import IntregError
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding
from intreg.records.model import Integration, Lifecycle
from intreg.records.record import LoadedRecord
from intreg.records.system import System
from intreg.records.system_loader import LoadedSystem

CATALOG_FILE = PurePosixPath("catalog-info.yaml")
LOCATION_NAME = "intreg-registry"
# Catalog-info.yaml lists the entities in this order, so owners come before what they own.
FOLDERS = {
    "Group": PurePosixPath("groups"),
    "System": PurePosixPath("systems"),
    "Component": PurePosixPath("components"),
    "API": PurePosixPath("apis"),
}
# Backstage knows experimental, production and deprecated; it has no word for retired, so a
# retired integration is exported as deprecated and keeps our word in `intreg/lifecycle`.
LIFECYCLES = {
    Lifecycle.PLANNED: "experimental",
    Lifecycle.ACTIVE: "production",
    Lifecycle.DEPRECATED: "deprecated",
    Lifecycle.RETIRED: "deprecated",
}
# KubernetesValidatorFunctions.isValidObjectName in @backstage/catalog-model.
ENTITY_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
ENTITY_NAME_MAX = 63
INFERRED_OWNER = (
    "inferred: the team that owns most of its integrations; "
    "set it with `intreg export backstage --system-owner SYSTEM=TEAM`"
)


def owned_folders() -> list[PurePosixPath]:
    """The export folders the writer may delete stale files from."""
    return [*FOLDERS.values(), openapi.FOLDER]


def is_entity_name(value: str) -> bool:
    """True when `value` is a valid Backstage entity name (metadata.name)."""
    return len(value) <= ENTITY_NAME_MAX and ENTITY_NAME.match(value) is not None


def check_names(
    records: Sequence[LoadedRecord], systems: Sequence[LoadedSystem] = ()
) -> list[Finding]:
    """An error for each id, owner team or consumer that Backstage would refuse as a name.

    Slugs already keep to Backstage's characters, so only their length can fail.
    """
    findings = []
    everything: list[LoadedRecord | LoadedSystem] = [*records, *systems]
    for loaded in everything:
        named: list[tuple[FieldPath, str]]
        if isinstance(loaded, LoadedRecord):
            record = loaded.record
            named = [(("id",), record.id), (("owner", "team"), record.owner.team)]
            named += [(("consumers", i), system) for i, system in enumerate(record.consumers)]
        else:
            named = [(("id",), loaded.system.id), (("owner", "team"), loaded.system.owner.team)]
        findings += [
            loaded.finding(
                where,
                "backstage-name",
                f"`{value}` is not a Backstage entity name: {len(value)} characters",
                f"shorten it to at most {ENTITY_NAME_MAX} characters",
            )
            for where, value in named
            if not is_entity_name(value)
        ]
    return sorted(findings)


def check_system_owners(
    records: Sequence[Integration], given: Mapping[str, str], system_ids: Sequence[str] = ()
) -> None:
    """Raise IntregError when an owner is given for a system that no record lists and that has
    no system record."""
    systems = {system for record in records for system in record.consumers} | set(system_ids)
    unknown = sorted(set(given) - systems)
    if unknown:
        raise IntregError(
            f"--system-owner: no record lists {', '.join(unknown)} in its consumers "
            f"(known systems: {', '.join(sorted(systems)) or 'none'})"
        )
    bad = sorted(team for team in given.values() if not is_entity_name(team))
    if bad:
        raise IntregError(f"--system-owner: {', '.join(bad)} is not a Backstage entity name")


def render_catalog(
    records: Sequence[Integration],
    sources: Mapping[str, str],
    system_owners: Mapping[str, str] | None = None,
    systems: Sequence[System] = (),
    system_sources: Mapping[str, str] | None = None,
) -> dict[PurePosixPath, bytes]:
    """Every entity file, the OpenAPI stubs they reference, and catalog-info.yaml.

    `sources` maps each record id to its file's path in the project (for annotations);
    `system_owners` gives the owner team of consuming systems that have no system record (or
    overrides the record's); `systems` are the system records, and `system_sources` their
    files' paths (default registry/systems/<id>.yaml).
    """
    ordered = sorted(records, key=lambda r: r.id)
    planned = {
        s.id: (s, (system_sources or {}).get(s.id, f"registry/systems/{s.id}.yaml"))
        for s in sorted(systems, key=lambda s: s.id)
    }
    entities: dict[PurePosixPath, dict[str, Any]] = {}
    for kind, name, entity in _iter_entities(ordered, sources, system_owners or {}, planned):
        entities[entity_path(kind, name)] = entity
    files = {path: dump_yaml(entity, header=_header(entity)) for path, entity in entities.items()}
    files.update(openapi.generate(ordered))
    files[CATALOG_FILE] = dump_yaml(_location(list(entities)), header=_header(None))
    return files


def entity_path(kind: str, name: str) -> PurePosixPath:
    """Where the entity of `kind` named `name` is written in the export folder."""
    return FOLDERS[kind] / f"{name}.yaml"


def infer_system_owners(records: Sequence[Integration]) -> dict[str, str]:
    """Each consuming system's likeliest owner: the team owning most of its integrations."""
    teams: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        for system in record.consumers:
            teams[system][record.owner.team] += 1
    # Most integrations first, then the team name, so that a tie is settled the same way.
    return {
        system: min(counts, key=lambda team: (-counts[team], team))
        for system, counts in sorted(teams.items())
    }


def _iter_entities(
    records: Sequence[Integration],
    sources: Mapping[str, str],
    given: Mapping[str, str],
    systems: Mapping[str, tuple[System, str]],
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    recorded = {i: s.owner.team for i, (s, _) in systems.items()}
    owners = {**infer_system_owners(records), **recorded, **given}
    by_team: dict[str, list[Integration]] = defaultdict(list)
    for record in records:
        by_team[record.owner.team].append(record)
    contacts: dict[str, set[str]] = defaultdict(set)
    for system, _ in systems.values():
        contacts[system.owner.team].add(system.owner.contact)
    for team in sorted({*by_team, *owners.values()}):
        yield "Group", team, _group(team, by_team.get(team, []), contacts[team])
    for system_id, team in sorted(owners.items()):
        users = [r for r in records if system_id in r.consumers]
        if system_id in systems:
            system, source = systems[system_id]
            yield "System", system_id, system_entity(system, team, users, source)
        else:
            inferred = system_id not in given
            yield "System", system_id, _system(system_id, team, users, inferred)
    for system_id, (system, source) in systems.items():
        yield "Component", system_id, component_entity(system, owners[system_id], records, source)
    for record in records:
        yield "API", record.id, _api(record, sources[record.id])


def _api(record: Integration, source: str) -> dict[str, Any]:
    annotations = {
        "intreg/record": source,
        "intreg/last-reviewed": record.review.last_reviewed.isoformat(),
        "intreg/next-review": record.review.next_due.isoformat(),
        "intreg/review-cadence": record.review.cadence,
    }
    if record.lifecycle is not None:
        annotations["intreg/lifecycle"] = record.lifecycle.value
    if record.consumers:
        annotations["intreg/consumers"] = ", ".join(record.consumers)
    metadata: dict[str, Any] = {
        "name": record.id,
        "title": record.name,
        "description": record.purpose,
        "annotations": annotations,
    }
    if record.category is not None:
        metadata["tags"] = [record.category.value]
    metadata["links"] = _links(record)
    spec: dict[str, Any] = {
        "type": "openapi",
        "lifecycle": LIFECYCLES[record.lifecycle] if record.lifecycle else UNSET_LIFECYCLE,
        "owner": f"group:{record.owner.team}",
    }
    if record.consumers:
        # An API belongs to at most one system in Backstage: the first consumer listed.
        spec["system"] = f"system:{record.consumers[0]}"
    stub = PurePosixPath("..") / openapi.stub_path(record.id)
    spec["definition"] = {"$text": stub.as_posix()}
    return _entity("API", metadata, spec)


def _links(record: Integration) -> list[dict[str, str]]:
    provider = record.provider
    links = [
        {"url": provider.docs_url, "title": f"{provider.name} API reference"},
        {"url": provider.website, "title": provider.name},
    ]
    if provider.status_page is not None:
        links.append({"url": provider.status_page, "title": f"{provider.name} status"})
    return links


def _group(team: str, records: Sequence[Integration], extra: set[str]) -> dict[str, Any]:
    """The team's Group; `extra` are the contact addresses its system records give."""
    metadata: dict[str, Any] = {"name": team}
    if records:
        ids = ", ".join(r.id for r in records)
        metadata["description"] = f"Owns {_count(len(records), 'integration')}: {ids}."
    else:
        metadata["description"] = "Named as the owner of a consuming system; owns no integration."
    spec: dict[str, Any] = {"type": "team"}
    contacts = sorted({r.owner.contact for r in records} | extra)
    if len(contacts) == 1:
        spec["profile"] = {"email": contacts[0]}
    elif contacts:
        # Records disagree on the team's address: list them all rather than pick one.
        metadata["annotations"] = {"intreg/contacts": ", ".join(contacts)}
    spec["children"] = []
    return _entity("Group", metadata, spec)


def _system(
    system: str, team: str, records: Sequence[Integration], inferred: bool
) -> dict[str, Any]:
    ids = ", ".join(r.id for r in records)
    metadata: dict[str, Any] = {
        "name": system,
        "description": f"Uses {_count(len(records), 'integration')}: {ids}.",
    }
    if inferred:
        metadata["annotations"] = {"intreg/owner": INFERRED_OWNER}
    return _entity("System", metadata, {"owner": f"group:{team}"})


def _location(targets: Sequence[PurePosixPath]) -> dict[str, Any]:
    metadata = {
        "name": LOCATION_NAME,
        "description": "The intreg registry: each integration, its owner team and its systems.",
    }
    return _entity("Location", metadata, {"targets": [f"./{t.as_posix()}" for t in targets]})


def _header(entity: dict[str, Any] | None) -> str:
    source = (entity or {}).get("metadata", {}).get("annotations", {}).get("intreg/record")
    if source is not None:
        return f"Generated from {source} by `intreg export backstage`; edit the record."
    return "Generated from the records by `intreg export backstage`; edit the records."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
