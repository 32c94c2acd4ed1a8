"""Whole messages for the bad inputs a writer meets most; the case files cover locations."""

from __future__ import annotations

from intreg.records.findings import Finding, Severity
from intreg.records.loader import load_record
from intreg.records.yaml_reader import MAX_BYTES
from tests.helpers import case_text


def load(text: str | bytes, record_id: str = "minimal") -> list[Finding]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_record(data, f"registry/{record_id}.yaml", expected_id=record_id).findings


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_loader_accepts_the_minimal_record() -> None:
    result = load_record(case_text("minimal").encode(), "registry/minimal.yaml", "minimal")
    assert result.ok
    assert result.record is not None
    assert result.record.record.api.version == "1.10"


def test_loader_explains_a_version_read_as_a_float() -> None:
    text = case_text("minimal").replace('version: "1.10"', "version: 1.10")
    f = only(load(text))
    assert (f.location, f.field, f.code) == (
        "registry/minimal.yaml:23:12",
        "api.version",
        "wrong-type",
    )
    assert f.message == "expected text, but YAML reads `1.10` as the number 1.1"
    assert f.hint == 'quote it: "1.10"'


def test_loader_reads_no_as_text_and_warns_of_yaml_1_1() -> None:
    text = case_text("minimal").replace("name: Example Payments", "name: no")
    f = only(load(text))
    assert (f.location, f.field, f.code, f.severity) == (
        "registry/minimal.yaml:2:7",
        "name",
        "yaml11-ambiguous",
        Severity.WARNING,
    )
    assert f.message == (
        "editors and intreg (YAML 1.2) read `no` as the text `no`, "
        "YAML 1.1 readers (PyYAML, older tools) as the boolean false"
    )
    assert f.hint == 'quote it ("no") so that it means one thing to every reader'


def test_loader_rejects_duplicate_key_naming_both_lines() -> None:
    text = case_text("minimal").replace("purpose:", "name: Again\npurpose:")
    f = only(load(text))
    assert f.location == "registry/minimal.yaml:7:1"
    assert f.message == "key `name` appears twice in this mapping (first on line 2)"
    assert f.code == "duplicate-key"


def test_loader_rejects_alias_without_expanding_it() -> None:
    # A "billion laughs" document: expanding it would take gigabytes.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    findings = load("\n".join(lines) + "\n")
    assert [f.code for f in findings] == ["anchor", "anchor", "alias"]
    assert findings[-1].message == ("alias `*a0` is not allowed (aliases can expand exponentially)")


def test_loader_rejects_python_tags_without_running_them() -> None:
    f = only(load("id: !!python/object/apply:os.system ['echo hacked']\n"))
    assert f.code == "tag"
    assert f.message == "tag `!!python/object/apply:os.system` is not allowed"


def test_loader_rejects_non_utf8_with_the_byte_position() -> None:
    f = only(load(b"id: minimal\nname: Caf\xe9\n"))
    assert (f.line, f.col, f.code) == (2, 10, "not-utf8")
    assert f.message == "byte 0xe9 is not valid UTF-8"


def test_loader_rejects_files_over_one_mebibyte_before_parsing() -> None:
    data = b"# " + b"x" * MAX_BYTES + b"\n"
    f = only(load(data))
    assert f.code == "file-too-large"
    assert f.message == "the file has more than 1,048,576 bytes, the limit for a record"


def test_loader_accepts_a_utf8_byte_order_mark() -> None:
    assert load(b"\xef\xbb\xbf" + case_text("minimal").encode()) == []


def test_loader_reports_unknown_field_with_a_suggestion() -> None:
    text = case_text("minimal").replace("  contact:", "  contct:")
    findings = load(text)
    assert [(f.field, f.message, f.hint) for f in findings] == [
        (
            "owner.contact",
            "missing required field `contact`",
            "add `contact:` under `owner` (Team email address; review reminders go here)",
        ),
        ("owner.contct", "unknown field `contct`", "did you mean `contact`?"),
    ]


def test_loader_points_a_bad_status_key_at_the_key() -> None:
    text = case_text("minimal").replace("      200:", "      2OO:")
    f = only(load(text))
    assert (f.line, f.col, f.field) == (34, 7, "endpoints[0].responses.2OO")
    assert f.message == "`2OO` is not an HTTP status"


def test_loader_reports_every_placeholder_and_nothing_else_for_them() -> None:
    text = case_text("minimal").replace("last_reviewed: 2026-10-01", 'last_reviewed: "TODO date"')
    f = only(load(text))
    assert (f.field, f.code, f.message) == (
        "review.last_reviewed",
        "placeholder",
        "still a placeholder: `TODO date`",
    )


def test_loader_never_echoes_a_whole_secret() -> None:
    key = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
    text = case_text("minimal").replace("description: Secret API key.", f"description: {key}")
    f = only(load(text))
    assert f.message == "looks like a Stripe secret or restricted key: 'sk_l…' (32 characters)"
    assert key not in f.message + f.hint


def test_loader_reports_id_mismatch_with_both_fixes() -> None:
    f = only(load(case_text("minimal"), record_id="stripe"))
    assert f.message == "id `minimal` does not match the file name `stripe.yaml`"
    assert f.hint == "rename the file to minimal.yaml, or set id: stripe"


def test_loader_accepts_iso_windows_and_gives_one_message_for_a_bad_period() -> None:
    window = case_text("minimal").replace("    period: second", "    period: PT15M")
    assert load(window) == []
    f = only(load(case_text("minimal").replace("    period: second", "    period: 15m")))
    assert (f.field, f.code, f.message) == (
        "rate_limits[0].period",
        "invalid-format",
        "`15m` is not a period",
    )


def test_the_sort_key_orders_findings_as_the_dataclass_does() -> None:
    import random

    from intreg.records.findings import Severity

    rng = random.Random(7)
    findings = [
        Finding(
            rng.choice(["a.yaml", "b.yaml"]),
            rng.randint(0, 3),
            rng.randint(0, 3),
            rng.choice(["", "id", "auth"]),
            rng.choice(["x", "y"]),
            rng.choice(["m", "n"]),
            rng.choice(["", "h"]),
            rng.choice(list(Severity)),
        )
        for _ in range(300)
    ]
    assert sorted(findings, key=Finding.sort_key) == sorted(findings)
