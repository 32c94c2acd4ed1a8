"""Rules between system records and integration records, through `intreg validate`."""

from __future__ import annotations

import json

from tests.helpers import CASES, with_id

SHOP = (CASES / "systems" / "shop.yaml").read_text(encoding="utf-8")


def with_consumers(text: str, *consumers: str) -> str:
    listed = ", ".join(consumers)
    return text.replace(
        "purpose: Charge listing fees.\n", f"purpose: Charge listing fees.\nconsumers: [{listed}]\n"
    )


def project(make_registry, minimal_text, pay=("shop",), backup=("shop",), system=SHOP):
    root = make_registry(
        {
            "pay": with_consumers(with_id(minimal_text, "pay"), *pay),
            "backup-pay": with_consumers(with_id(minimal_text, "backup-pay"), *backup).replace(
                "EXAMPLE_SECRET_KEY", "BACKUP_SECRET_KEY"
            ),
        }
    )
    (root / "registry" / "systems").mkdir(exist_ok=True)
    (root / "registry" / "systems" / "shop.yaml").write_text(system, encoding="utf-8")
    return root


def findings(run_cli, root, *args):
    result = run_cli("validate", *args, "--format", "json", cwd=root)
    return result.exit_code, [
        (f["file"], f["line"], f["column"], f["path"], f["code"], f["message"])
        for f in json.loads(result.stdout)
    ]


def test_a_registry_with_systems_validates(run_cli, make_registry, minimal_text) -> None:
    root = project(make_registry, minimal_text)
    assert findings(run_cli, root) == (0, [])


def test_a_typo_in_consumers_is_an_error_at_its_line(run_cli, make_registry, minimal_text) -> None:
    root = project(make_registry, minimal_text, pay=("shop", "shp"))
    code, found = findings(run_cli, root)
    assert code == 1
    assert found == [
        (
            "registry/pay.yaml",
            8,
            19,
            "consumers[1]",
            "unknown-system",
            "no system record has the id `shp` (did you mean `shop`?)",
        )
    ]


def test_validating_one_record_still_knows_the_systems(
    run_cli, make_registry, minimal_text
) -> None:
    root = project(make_registry, minimal_text, pay=("shp",))
    code, found = findings(run_cli, root, "registry/pay.yaml")
    assert code == 1
    assert [f[4] for f in found] == ["unknown-system"]


def test_a_consumer_the_system_does_not_plan(run_cli, make_registry, minimal_text) -> None:
    system = SHOP.replace(
        "  - integration: backup-pay\n    phase: 1\n    priority: medium\n    role: option 2\n", ""
    )
    root = project(make_registry, minimal_text, system=system)
    code, found = findings(run_cli, root)
    assert code == 1
    assert found == [
        ("registry/backup-pay.yaml", 8, 13, "consumers[0]", "unplanned-consumer",
         "`shop` lists no `backup-pay` in its plan"),
    ]  # fmt: skip


def test_a_plan_entry_for_a_record_without_the_consumer(
    run_cli, make_registry, minimal_text
) -> None:
    root = project(make_registry, minimal_text, backup=())
    assert findings(run_cli, root)[0] == 1
    found = findings(run_cli, root)[1]
    line = SHOP.splitlines().index("  - integration: backup-pay") + 1
    assert found == [
        ("registry/systems/shop.yaml", line, 18, "plan[1].integration", "not-a-consumer",
         "`backup-pay` does not list `shop` in its consumers"),
    ]  # fmt: skip


def test_a_plan_entry_for_an_unknown_record(run_cli, make_registry, minimal_text) -> None:
    root = project(
        make_registry, minimal_text, system=SHOP.replace("integration: pay\n", "integration: pya\n")
    )
    code, found = findings(run_cli, root)
    assert code == 1
    message = "no integration record has the id `pya` (did you mean `pay`?)"
    assert ("plan[0].integration", "unknown-integration", message) in [f[3:] for f in found]


def test_without_system_records_consumers_stay_names(run_cli, make_registry, minimal_text) -> None:
    root = make_registry({"pay": with_consumers(with_id(minimal_text, "pay"), "anything")})
    assert findings(run_cli, root) == (0, [])


def fallback(to: str, *extra: str) -> str:
    lines = "".join(f"  {line}\n" for line in extra)
    return f"fallback:\n  integration: {to}\n  description: Switch over.\n{lines}"


def two_records(make_registry, minimal_text, pay_extra="", backup_extra="", system=SHOP,
                pay=("shop",), backup=("shop",)):  # fmt: skip
    root = project(make_registry, minimal_text, pay=pay, backup=backup, system=system)
    for name, extra in (("pay", pay_extra), ("backup-pay", backup_extra)):
        path = root / "registry" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


def line_of(root, name: str, text: str) -> int:
    lines = (root / "registry" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_a_fallback_in_the_same_phase_is_fine(run_cli, make_registry, minimal_text) -> None:
    root = two_records(make_registry, minimal_text, pay_extra=fallback("backup-pay"))
    assert findings(run_cli, root) == (0, [])


def test_a_fallback_that_ships_later_is_an_error(run_cli, make_registry, minimal_text) -> None:
    system = SHOP.replace(
        "    phase: 1\n    priority: medium", "    phase: 2\n    priority: medium"
    )
    root = two_records(make_registry, minimal_text, pay_extra=fallback("backup-pay"), system=system)
    line = line_of(root, "pay", "  integration: backup-pay")
    assert findings(run_cli, root) == (
        1,
        [
            ("registry/pay.yaml", line, 16, "fallback.integration", "fallback-later-phase",
             "`backup-pay` ships in phase 2 of `shop`, after `pay` (phase 1): there is nothing "
             "to fall back to until then"),
        ],
    )  # fmt: skip


def test_a_fallback_serving_another_system_is_an_error(
    run_cli, make_registry, minimal_text
) -> None:
    other = SHOP.replace("id: shop", "id: office").replace(
        "  - integration: pay\n", "  - integration: office-only\n"
    )
    root = two_records(
        make_registry, minimal_text, pay_extra=fallback("backup-pay"), pay=("shop", "office"),
        backup=("shop",),
    )  # fmt: skip
    (root / "registry" / "systems" / "office.yaml").write_text(
        other.replace("  - integration: backup-pay\n    phase: 1\n    priority: medium\n"
                      "    role: option 2\n", "").replace("office-only", "pay"),
        encoding="utf-8",
    )  # fmt: skip
    line = line_of(root, "pay", "  integration: backup-pay")
    code, found = findings(run_cli, root)
    assert code == 1
    assert found == [
        ("registry/pay.yaml", line, 16, "fallback.integration", "fallback-other-system",
         "`backup-pay` does not serve `office`, which uses `pay`"),
    ]  # fmt: skip
    # Limited to the systems it serves, the fallback is fine.
    scoped = root / "registry" / "pay.yaml"
    text = scoped.read_text(encoding="utf-8")
    limited = "  description: Switch over.\n  systems: [shop]\n"
    scoped.write_text(text.replace("  description: Switch over.\n", limited), encoding="utf-8")
    assert findings(run_cli, root) == (0, [])


def test_undeclared_mutual_fallbacks_are_errors(run_cli, make_registry, minimal_text) -> None:
    root = two_records(
        make_registry,
        minimal_text,
        pay_extra=fallback("backup-pay"),
        backup_extra=fallback("pay", "mutual: true"),
    )
    code, found = findings(run_cli, root)
    assert code == 1
    assert [(f[0], f[3], f[4]) for f in found] == [
        ("registry/backup-pay.yaml", "fallback.integration", "undeclared-mutual-fallback"),
        ("registry/pay.yaml", "fallback.integration", "undeclared-mutual-fallback"),
    ]
    both = two_records(
        make_registry,
        minimal_text,
        pay_extra=fallback("backup-pay", "mutual: true"),
        backup_extra=fallback("pay", "mutual: true"),
    )
    assert findings(run_cli, both) == (0, [])


def test_mutual_where_the_other_does_not_fall_back_is_an_error(
    run_cli, make_registry, minimal_text
) -> None:
    root = two_records(
        make_registry, minimal_text, pay_extra=fallback("backup-pay", "mutual: true")
    )
    line = line_of(root, "pay", "  mutual: true")
    assert findings(run_cli, root) == (
        1,
        [("registry/pay.yaml", line, 11, "fallback.mutual", "not-mutual",
          "`mutual: true`, but `backup-pay` has no fallback")],
    )  # fmt: skip


def priced(price: str) -> str:
    return f"cost:\n{price}  source: https://example.com/pricing\n  as_of: 2026-11-01\n"


def test_an_estimate_above_the_budget_is_a_warning(run_cli, make_registry, minimal_text) -> None:
    # 1,000 units at $0.15 = $150, above the case's budget of $100.
    cost = priced("  model: per_unit\n  unit_price: 0.15\n  unit: call\n  currency: USD\n")
    root = two_records(make_registry, minimal_text, pay_extra=cost)
    line = SHOP.splitlines().index("  monthly: 100") + 1
    result = run_cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 0  # warnings do not fail by default
    found = json.loads(result.stdout)
    assert [(f["file"], f["line"], f["path"], f["code"], f["severity"], f["message"])
            for f in found] == [
        ("registry/systems/shop.yaml", line, "budget.monthly", "over-budget", "warning",
         "the estimated monthly cost, 150.00 USD (without transaction fees), is above the "
         "budget of 100 USD"),
    ]  # fmt: skip
    cheaper = priced("  model: per_unit\n  unit_price: 0.05\n  unit: call\n  currency: USD\n")
    within = two_records(make_registry, minimal_text, pay_extra=cheaper)
    assert findings(run_cli, within) == (0, [])


def test_a_transaction_fee_never_counts_against_the_budget(
    run_cli, make_registry, minimal_text
) -> None:
    fee = priced("  model: percentage\n  percent_fee: 2.5\n")
    root = two_records(make_registry, minimal_text, pay_extra=fee)
    assert findings(run_cli, root) == (0, [])


def test_priority_and_phase_in_a_planned_record_are_warnings(
    run_cli, make_registry, minimal_text
) -> None:
    root = two_records(make_registry, minimal_text, pay_extra="priority: high\nphase: 1\n")
    result = run_cli("validate", "--format", "json", cwd=root)
    assert [(f["path"], f["code"], f["severity"]) for f in json.loads(result.stdout)] == [
        ("priority", "moved-to-system-plan", "warning"),
        ("phase", "moved-to-system-plan", "warning"),
    ]


def test_the_cache_keeps_system_facts_and_rules_across_records_still_run(
    run_cli, make_registry, minimal_text
) -> None:
    root = project(make_registry, minimal_text, pay=("shop", "shp"))
    first = findings(run_cli, root)
    entries = json.loads((root / ".intreg-cache" / "records.json").read_text())["entries"]
    kinds = sorted(str(entry[1].get("kind")) for entry in entries.values())
    assert kinds == ["None", "None", "system"]  # two integrations and the system's facts
    assert findings(run_cli, root) == first  # answered from the cache, the same findings
    system = root / "registry" / "systems" / "shop.yaml"
    system.write_text(system.read_text().replace("id: shop", "id: shp"), encoding="utf-8")
    system.rename(system.with_name("shp.yaml"))
    code, found = findings(run_cli, root)
    assert code == 1
    assert [(f[0], f[3], f[4]) for f in found] == [
        ("registry/backup-pay.yaml", "consumers[0]", "unknown-system"),  # `shop` has gone
        ("registry/pay.yaml", "consumers[0]", "unknown-system"),
        ("registry/systems/shp.yaml", "plan[1].integration", "not-a-consumer"),
    ]
