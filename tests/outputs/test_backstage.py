"""Backstage export core: entity shapes, lifecycle mapping, owners, names, determinism."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import pytest
import yaml

from intreg.outputs.backstage import (
    check_names,
    check_system_owners,
    infer_system_owners,
    is_entity_name,
    render_catalog,
)
from intreg.outputs.openapi import generate as generate_stubs
from intreg.records.errors import IntregError
from intreg.records.loader import load_record
from intreg.records.model import Integration
from intreg.records.record import LoadedRecord
from intreg.records.system import System
from intreg.records.system_loader import load_system
from tests.helpers import CASES, case_text, with_id


def loaded(text: str, record_id: str) -> LoadedRecord:
    result = load_record(with_id(text, record_id).encode(), f"registry/{record_id}.yaml", record_id)
    assert result.record is not None, result.findings
    return result.record


def record(text: str, record_id: str) -> Integration:
    return loaded(text, record_id).record


def sources(*records: Integration) -> dict[str, str]:
    return {r.id: f"registry/{r.id}.yaml" for r in records}


def parse(files: dict[PurePosixPath, bytes], path: str) -> Any:
    return yaml.safe_load(files[PurePosixPath(path)])


MINIMAL = record(case_text("minimal"), "minimal")
FULL = record(case_text("full"), "full")


def test_api_entity_of_the_full_case() -> None:
    files = render_catalog([FULL], sources(FULL))
    assert parse(files, "apis/full.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "API",
        "metadata": {
            "name": "full",
            "title": FULL.name,
            "description": FULL.purpose,
            "annotations": {
                "intreg/record": "registry/full.yaml",
                "intreg/last-reviewed": FULL.review.last_reviewed.isoformat(),
                "intreg/next-review": FULL.review.next_due.isoformat(),
                "intreg/review-cadence": FULL.review.cadence,
                "intreg/lifecycle": "active",
                "intreg/consumers": "py360-renewal, saypro-classified",
            },
            "tags": ["sms"],
            "links": [
                {"url": FULL.provider.docs_url, "title": f"{FULL.provider.name} API reference"},
                {"url": FULL.provider.website, "title": FULL.provider.name},
                {"url": "https://status.example.com", "title": f"{FULL.provider.name} status"},
            ],
        },
        "spec": {
            "type": "openapi",
            "lifecycle": "production",
            "owner": "group:messaging",
            "system": "system:py360-renewal",
            "definition": {"$text": "../openapi/full.openapi.yaml"},
        },
    }


def test_the_definition_is_the_generated_stub_beside_it() -> None:
    files = render_catalog([FULL], sources(FULL))
    stub = PurePosixPath("openapi/full.openapi.yaml")
    assert files[stub] == generate_stubs([FULL])[stub]
    assert files[PurePosixPath("apis/full.yaml")].startswith(
        b"# Generated from registry/full.yaml by `intreg export backstage`; edit the record.\n"
    )


def test_minimal_record_has_no_system_tags_or_lifecycle_annotation() -> None:
    api = parse(render_catalog([MINIMAL], sources(MINIMAL)), "apis/minimal.yaml")
    assert api["spec"] == {
        "type": "openapi",
        "lifecycle": "unknown",
        "owner": "group:payments",
        "definition": {"$text": "../openapi/minimal.openapi.yaml"},
    }
    assert "tags" not in api["metadata"]
    assert set(api["metadata"]["annotations"]) == {
        "intreg/record",
        "intreg/last-reviewed",
        "intreg/next-review",
        "intreg/review-cadence",
    }


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("planned", "experimental"),
        ("active", "production"),
        ("deprecated", "deprecated"),
        ("retired", "deprecated"),
    ],
)
def test_lifecycle_mapping_keeps_ours_in_an_annotation(ours: str, theirs: str) -> None:
    text = case_text("full").replace("lifecycle: active", f"lifecycle: {ours}")
    item = record(text, "full")
    api = parse(render_catalog([item], sources(item)), "apis/full.yaml")
    assert api["spec"]["lifecycle"] == theirs
    assert api["metadata"]["annotations"]["intreg/lifecycle"] == ours


def test_catalog_info_lists_every_entity_groups_first() -> None:
    files = render_catalog([FULL, MINIMAL], sources(FULL, MINIMAL))
    assert parse(files, "catalog-info.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Location",
        "metadata": {
            "name": "intreg-registry",
            "description": "The intreg registry: each integration, its owner team and its systems.",
        },
        "spec": {
            "targets": [
                "./groups/messaging.yaml",
                "./groups/payments.yaml",
                "./systems/py360-renewal.yaml",
                "./systems/saypro-classified.yaml",
                "./apis/full.yaml",
                "./apis/minimal.yaml",
            ]
        },
    }
    listed = {f"./{p}" for p in files if p.parts[0] in {"apis", "groups", "systems"}}
    assert listed == set(parse(files, "catalog-info.yaml")["spec"]["targets"])


def test_group_per_owner_team_with_its_address() -> None:
    files = render_catalog([FULL, MINIMAL], sources(FULL, MINIMAL))
    assert parse(files, "groups/payments.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Group",
        "metadata": {"name": "payments", "description": "Owns 1 integration: minimal."},
        "spec": {"type": "team", "profile": {"email": "payments@example.com"}, "children": []},
    }


def test_group_whose_records_disagree_on_the_address_lists_them_all() -> None:
    other = record(case_text("minimal").replace("payments@", "billing@"), "other")
    group = parse(render_catalog([MINIMAL, other], sources(MINIMAL, other)), "groups/payments.yaml")
    assert group["metadata"] == {
        "name": "payments",
        "description": "Owns 2 integrations: minimal, other.",
        "annotations": {"intreg/contacts": "billing@example.com, payments@example.com"},
    }
    assert group["spec"] == {"type": "team", "children": []}


def test_system_owner_is_inferred_and_says_so() -> None:
    files = render_catalog([FULL], sources(FULL))
    assert parse(files, "systems/saypro-classified.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "System",
        "metadata": {
            "name": "saypro-classified",
            "description": "Uses 1 integration: full.",
            "annotations": {
                "intreg/owner": "inferred: the team that owns most of its integrations; set it "
                "with `intreg export backstage --system-owner SYSTEM=TEAM`"
            },
        },
        "spec": {"owner": "group:messaging"},
    }


def test_system_owner_given_needs_no_annotation_and_gets_a_group() -> None:
    files = render_catalog([FULL], sources(FULL), {"py360-renewal": "platform"})
    system = parse(files, "systems/py360-renewal.yaml")
    assert system["spec"] == {"owner": "group:platform"}
    assert "annotations" not in system["metadata"]
    assert parse(files, "groups/platform.yaml")["metadata"] == {
        "name": "platform",
        "description": "Named as the owner of a consuming system; owns no integration.",
    }


def test_inferred_owner_is_the_team_with_most_integrations_ties_by_name() -> None:
    def owned(team: str, record_id: str) -> Integration:
        text = case_text("full").replace("team: messaging", f"team: {team}")
        return record(text, record_id)

    records = [owned("zeta", "a"), owned("zeta", "b"), owned("alpha", "c"), owned("beta", "d")]
    assert infer_system_owners(records) == {"py360-renewal": "zeta", "saypro-classified": "zeta"}
    assert infer_system_owners(records[2:]) == {
        "py360-renewal": "alpha",
        "saypro-classified": "alpha",
    }


def test_check_system_owners_rejects_an_unknown_system() -> None:
    with pytest.raises(IntregError) as error:
        check_system_owners([FULL], {"billing": "payments"})
    assert str(error.value) == (
        "--system-owner: no record lists billing in its consumers "
        "(known systems: py360-renewal, saypro-classified)"
    )


def test_entity_names_follow_backstage_rules() -> None:
    assert is_entity_name("a" * 63) and is_entity_name("aws-s3") and is_entity_name("a.b_c")
    assert not is_entity_name("a" * 64)
    assert not is_entity_name("-a") and not is_entity_name("a-") and not is_entity_name("")


def test_check_names_reports_a_64_character_id_at_its_line() -> None:
    long_id = "a" * 64
    findings = check_names([loaded(case_text("minimal"), long_id)])
    assert [(f.location, f.field, f.code, f.message, f.hint) for f in findings] == [
        (
            f"registry/{long_id}.yaml:1:5",
            "id",
            "backstage-name",
            f"`{long_id}` is not a Backstage entity name: 64 characters",
            "shorten it to at most 63 characters",
        )
    ]


def test_same_bytes_whatever_the_record_order() -> None:
    records = [FULL, MINIMAL, record(case_text("minimal"), "other")]
    first = render_catalog(records, sources(*records))
    shuffled = records[::-1]
    assert render_catalog(shuffled, sources(*records)) == first
    assert list(render_catalog(shuffled, sources(*records))) == list(first)


def shop_system() -> System:
    text = (CASES / "systems" / "shop.yaml").read_text(encoding="utf-8")
    result = load_system(text.encode(), "registry/systems/shop.yaml", "shop")
    assert result.system is not None, result.findings
    return result.system.system


def shop_records() -> list[Integration]:
    pay = FULL.model_copy(update={"id": "pay", "consumers": ["shop"], "fallback": None})
    backup = MINIMAL.model_copy(update={"id": "backup-pay", "consumers": ["shop"]})
    return [pay, backup]


def test_a_system_record_gives_its_system_entity_and_a_component_consuming_its_apis() -> None:
    records = shop_records()
    files = render_catalog(records, sources(*records), systems=[shop_system()])
    assert parse(files, "systems/shop.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "System",
        "metadata": {
            "name": "shop",
            "title": "Shop",
            "description": "Sells listings to the public. Uses 2 integrations: backup-pay, pay.",
            "annotations": {
                "intreg/record": "registry/systems/shop.yaml",
                "intreg/plan-document": "Shop integration plan (January 2025)",
                "intreg/budget": "100 USD a month",
                "intreg/phases": "1: MVP, 2: Enhanced",
            },
        },
        "spec": {"owner": "group:shop"},  # the record's owner, not inferred from integrations
    }
    assert parse(files, "components/shop.yaml") == {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Component",
        "metadata": {
            "name": "shop",
            "title": "Shop",
            "description": "The Shop application, as the consumer of its integrations.",
            "annotations": {"intreg/record": "registry/systems/shop.yaml"},
        },
        "spec": {
            "type": "service",
            "lifecycle": "unknown",
            "owner": "group:shop",
            "system": "system:shop",
            "consumesApis": ["api:backup-pay", "api:pay"],
        },
    }
    assert parse(files, "apis/pay.yaml")["spec"]["system"] == "system:shop"
    group = parse(files, "groups/shop.yaml")
    assert group["spec"]["profile"] == {"email": "shop@example.com"}
    assert files[PurePosixPath("systems/shop.yaml")].startswith(
        b"# Generated from registry/systems/shop.yaml by `intreg export backstage`"
    )
    catalog = parse(files, "catalog-info.yaml")["spec"]["targets"]
    assert "./components/shop.yaml" in catalog
    assert catalog.index("./systems/shop.yaml") < catalog.index("./components/shop.yaml")


def test_system_owner_overrides_the_records_owner_and_may_name_a_recorded_system() -> None:
    records = shop_records()
    check_system_owners(records, {"shop": "platform"}, ["shop"])
    files = render_catalog(records, sources(*records), {"shop": "platform"}, [shop_system()])
    assert parse(files, "systems/shop.yaml")["spec"] == {"owner": "group:platform"}
    assert parse(files, "components/shop.yaml")["spec"]["owner"] == "group:platform"
    check_system_owners([], {"shop": "platform"}, ["shop"])  # a system record alone suffices
