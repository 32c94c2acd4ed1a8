"""`intreg validate --min-level`: CI can require a documentation level (issue 20, item 6)."""

from __future__ import annotations

import json
import re

from tests.helpers import case_text

WITHOUT_MONITORING = re.sub(r"(?ms)^monitoring:.*?(?=^[a-z_]+:)", "", case_text("full"))


def test_a_record_below_the_level_fails_with_what_to_add(make_registry, run_cli) -> None:
    root = make_registry({"full": WITHOUT_MONITORING, "minimal": case_text("minimal")})
    assert run_cli("validate", cwd=root).exit_code == 0
    assert run_cli("validate", "--min-level", "operational", cwd=root).exit_code == 1
    result = run_cli("validate", "--min-level", "complete", "registry/full.yaml", cwd=root)
    assert result.exit_code == 1
    assert result.stdout == (
        "registry/full.yaml:1:1: error: documentation level is operational, below the required "
        "complete: not documented yet: Monitoring, Data mapping [below-min-level]\n"
        "  hint: Monitoring: add `monitoring` (dashboards and alerts)\n"
        "    Data mapping: add `data_mapping` to the endpoints that carry our data (our field, "
        "the provider's field, the transformation)\n"
    )


def test_records_at_the_level_pass_and_json_names_the_code(make_registry, run_cli) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    ok = run_cli("validate", "--min-level", "operational", "registry/full.yaml", cwd=root)
    assert (ok.exit_code, ok.stdout) == (0, "")
    report = run_cli("validate", "--min-level", "basic", "--format", "json", cwd=root)
    assert [f["code"] for f in json.loads(report.stdout)] == ["below-min-level"]
    assert json.loads(report.stdout)[0]["file"] == "registry/minimal.yaml"


def test_an_unknown_level_is_a_usage_error(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    assert run_cli("validate", "--min-level", "gold", cwd=root).exit_code == 2
