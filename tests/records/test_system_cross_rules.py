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
    (root / "registry" / "systems").mkdir()
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
