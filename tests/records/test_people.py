from __future__ import annotations

from intreg.records.facts import PersonFacts
from intreg.records.loader import load_record
from tests.reviews.records import MINIMAL, change

CONTACT = "  contact: payments@example.com\n"


def load(roles: str):
    text = change(MINIMAL, CONTACT, CONTACT + "  roles:\n" + roles)
    return load_record(text.encode("utf-8"), "registry/minimal.yaml", "minimal")


def test_a_role_holds_a_name_or_a_person_with_email_and_chat():
    result = load(
        "    technical_writer: T. Writer\n"
        "    project_manager: {name: Pat Manager, email: pat@example.com, chat: '@pat'}\n"
    )
    assert result.facts is not None, result.findings
    assert result.facts.people == (
        PersonFacts("technical_writer", "T. Writer"),
        PersonFacts("project_manager", "Pat Manager", "pat@example.com", "@pat"),
    )
    assert result.facts.person_named


def test_a_person_needs_a_valid_email():
    result = load("    api_developer: {name: Dee Veloper, email: not-an-address}\n")
    assert result.facts is None
    assert any(f.field.startswith("owner.roles.api_developer") for f in result.findings)
