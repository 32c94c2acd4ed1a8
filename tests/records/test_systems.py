"""System records (registry/systems/<id>.yaml): the loader, the rules within one, the schema."""

from __future__ import annotations

import json
from pathlib import Path

from intreg.records.export import render_system_schema, system_schema
from intreg.records.system_loader import load_system
from intreg.records.system_rules import secret_looking
from tests.helpers import CASES, REPO

SHOP = (CASES / "systems" / "shop.yaml").read_text(encoding="utf-8")


def load(text: str, record_id: str = "shop"):
    return load_system(text.encode(), f"registry/systems/{record_id}.yaml", record_id)


def shown(result) -> list[str]:
    return [f"{f.line}:{f.col} {f.field} [{f.code}] {f.message}" for f in result.findings]


def test_the_case_loads_without_findings() -> None:
    result = load(SHOP)
    assert shown(result) == []
    assert result.system is not None
    system = result.system.system
    assert [p.number for p in system.phases] == [1, 2]
    assert system.owner.roles is not None and system.owner.roles.project_manager is not None
    assert result.facts is not None
    assert result.facts.plan[0].integration == "pay"


def test_an_unknown_field_is_reported_at_its_line_with_did_you_mean() -> None:
    result = load(SHOP.replace("  monthly: 100\n", "  monthly: 100\n  curency: USD\n"))
    assert result.system is None
    line = SHOP.splitlines().index("  monthly: 100") + 2
    assert [(f.line, f.field, f.code, f.hint) for f in result.findings] == [
        (line, "budget.curency", "unknown-field", "did you mean `currency`?")
    ]


def test_a_plan_entry_in_a_phase_the_system_lacks_is_an_error() -> None:
    text = SHOP.replace("    phase: 1\n    priority: medium", "    phase: 3\n    priority: medium")
    result = load(text)
    line = text.splitlines().index("    phase: 3") + 1
    assert shown(result) == [
        f"{line}:12 plan[1].phase [unknown-phase] phase 3 is not among the system's phases (1, 2)"
    ]


def test_a_secret_looking_frontend_variable_is_an_error() -> None:
    text = SHOP.replace("REACT_APP_ENABLE_PAY", "REACT_APP_PAY_SECRET_KEY")
    result = load(text)
    assert [(f.field, f.code) for f in result.findings] == [
        ("frontend.feature_flags[0].env_var", "frontend-secret")
    ]
    assert (
        result.findings[0].line
        == text.splitlines().index(
            "    - {env_var: REACT_APP_PAY_SECRET_KEY, default: true, integration: pay}"
        )
        + 1
    )


def test_names_that_look_secret() -> None:
    secret = ["REACT_APP_STRIPE_SECRET", "API_TOKEN", "X_KEY", "X_API_KEY", "DB_PASSWORD",
              "AWS_ACCESS_KEY_ID", "APIKEY", "PRIVATE_URL"]  # fmt: skip
    public = ["REACT_APP_STRIPE_PUBLISHABLE_KEY", "REACT_APP_API_BASE_URL", "X_PUBLIC_KEY",
              "REACT_APP_ENABLE_AI_ASSISTANT", "ALGOLIA_SEARCH_ONLY_API_KEY"]  # fmt: skip
    assert [n for n in secret if not secret_looking(n)] == []
    assert [n for n in public if secret_looking(n)] == []


def test_a_task_for_a_role_nobody_holds_is_a_warning() -> None:
    text = SHOP.replace("owner_role: project_manager}", "owner_role: qa_tester}")
    result = load(text)
    assert [(f.field, f.code, str(f.severity)) for f in result.findings] == [
        ("maintenance[1].owner_role", "role-unfilled", "warning")
    ]


def test_a_plan_figure_without_a_figure_is_an_error() -> None:
    result = load(SHOP.replace("{monthly_amount: 10}", "{quote: ten dollars}"))
    assert [(f.field, f.code) for f in result.findings] == [
        ("plan[0].plan_estimate", "empty-plan-figure")
    ]


def test_duplicates_in_phases_and_plan_are_errors() -> None:
    text = SHOP.replace("  - number: 2", "  - number: 1").replace(
        "integration: backup-pay", "integration: pay"
    )
    codes = [(f.field, f.code) for f in load(text).findings]
    assert codes == [
        ("phases[1].number", "duplicate-phase"),
        ("plan[1].integration", "duplicate-plan-entry"),
    ]


def test_id_must_equal_the_file_name() -> None:
    assert [f.code for f in load(SHOP, "other").findings] == ["id-mismatch"]


def test_placeholders_and_secrets_are_reported_as_in_integration_records() -> None:
    text = SHOP.replace("name: Shop\n", 'name: "TODO the system\'s name"\n')
    result = load(text)
    assert [(f.field, f.code) for f in result.findings] == [("name", "placeholder")]
    assert "Display name." in result.findings[0].hint


def test_committed_system_schema_is_current() -> None:
    committed = (REPO / "schemas" / "system.schema.json").read_bytes()
    assert committed == render_system_schema(), "run `intreg schema` and commit the result"


def test_the_system_schema_accepts_the_case() -> None:
    from jsonschema import Draft202012Validator

    from intreg.records.yaml_reader import read_yaml

    schema = system_schema()
    Draft202012Validator.check_schema(schema)
    document, _ = read_yaml(SHOP.encode(), "shop.yaml")
    assert document is not None
    data = json.loads(json.dumps(document.data, default=str))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert Path(REPO / "schemas" / "system.schema.json").exists()
