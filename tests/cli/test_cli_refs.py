"""`validate`, `generate` and `contract` report a `$ref` out of a record and never follow it: a
real server on 127.0.0.1 hears nothing, and a file's contents never reach the output (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.probes import SECRET, listening_server, position_of, quoted, with_response_schema


@pytest.fixture
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A schema file outside the project, holding SECRET."""
    path = tmp_path_factory.mktemp("outside") / "schema.json"
    path.write_text(f'{{"type": "string", "description": "{SECRET}"}}', encoding="utf-8")
    return path


@pytest.fixture
def probe(make_registry, secret_file: Path):
    """A project whose record points at a listening server and at the secret file."""
    with listening_server() as (url, heard):
        schema = {
            "type": "object",
            "properties": {
                "web": {"$ref": f"{url}/s.json"},
                "file": {"$ref": secret_file.as_uri()},
            },
        }
        text = with_response_schema(schema, {"web": "x", "file": "z"})
        yield make_registry({"minimal": text}), text, url, heard


def expected_report(text: str, url: str, secret_file: Path) -> str:
    at = "registry/minimal.yaml"
    web, file = position_of(text, f"{url}/s.json"), position_of(text, secret_file.as_uri())
    hint = (
        "  hint: point to a definition in this json_schema, e.g. `#/$defs/address`: intreg "
        "never fetches or reads what a reference names\n"
    )
    field = "endpoints[0].responses.200.json_schema.properties"
    message = "`$ref` may only point inside the record"
    return (
        f"{at}:{web}: error: {field}.web.$ref: {message}: {quoted(f'{url}/s.json')} "
        f"[ref-outside-record]\n"
        f"{hint}"
        f"{at}:{file}: error: {field}.file.$ref: {message}: {quoted(secret_file.as_uri())} "
        f"[ref-outside-record]\n{hint}"
    )


def test_validate_reports_refs_out_of_the_record_and_follows_none(
    probe, run_cli, secret_file
) -> None:
    root, text, url, heard = probe
    result = run_cli("validate", cwd=root)
    assert heard == []
    assert result.exit_code == 1
    assert result.stdout == expected_report(text, url, secret_file)
    assert SECRET not in result.stdout + result.stderr


def test_generate_writes_nothing_and_follows_no_ref(probe, run_cli, secret_file) -> None:
    root, text, url, heard = probe
    result = run_cli("generate", cwd=root)
    assert heard == []
    assert result.exit_code == 1
    assert result.stdout == expected_report(text, url, secret_file)
    assert not (root / "build").exists()
    assert SECRET not in result.stdout + result.stderr


def test_contract_refuses_the_record_and_follows_no_ref(probe, run_cli) -> None:
    root, _, _, heard = probe
    result = run_cli("contract", "minimal", cwd=root)
    assert heard == []
    assert result.exit_code == 2
    assert "[ref-outside-record]" in result.stderr
    assert SECRET not in result.stdout + result.stderr
