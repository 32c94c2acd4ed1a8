from __future__ import annotations

import pytest

from intreg.records.findings import Finding, Severity
from intreg.reviews.lifecycle import deprecated_in_use_findings, owner_contact_findings
from tests.reviews.records import MINIMAL, D, change, loaded, with_writer

TODAY = D(2026, 11, 1)


@pytest.mark.parametrize("lifecycle", ["deprecated", "retired"])
def test_ended_integration_still_used_is_a_warning(lifecycle):
    text = MINIMAL + f"lifecycle: {lifecycle}\nconsumers: [web, billing]\n"
    assert deprecated_in_use_findings([loaded(text)], TODAY) == [
        Finding(
            "registry/minimal.yaml",
            46,
            12,
            "consumers",
            "deprecated-in-use",
            f"the integration is {lifecycle} but still used by billing, web",
            "move those systems off it and remove them from consumers",
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    "extra",
    ["lifecycle: deprecated\n", "lifecycle: active\nconsumers: [web]\n", "consumers: [web]\n"],
)
def test_no_warning_when_not_ended_or_not_used(extra):
    assert deprecated_in_use_findings([loaded(MINIMAL + extra)], TODAY) == []


def test_owner_without_named_people_is_a_warning():
    assert owner_contact_findings([loaded()], TODAY) == [
        Finding(
            "registry/minimal.yaml",
            9,
            3,
            "owner",
            "owner-contact-missing",
            "no person is named for team `payments`; reminders reach only payments@example.com",
            "name at least the technical_writer (who keeps the record current) in owner.roles, "
            "with an email ({name, email}) so reminders reach them",
            Severity.WARNING,
        )
    ]


def test_empty_roles_are_reported_at_roles():
    text = change(
        MINIMAL,
        "  contact: payments@example.com\n",
        "  contact: payments@example.com\n  roles: {}\n",
    )
    [finding] = owner_contact_findings([loaded(text)], TODAY)
    assert (finding.field, finding.line, finding.code) == (
        "owner.roles",
        11,
        "owner-contact-missing",
    )


def test_a_named_person_is_enough():
    assert owner_contact_findings([loaded(with_writer())], TODAY) == []
