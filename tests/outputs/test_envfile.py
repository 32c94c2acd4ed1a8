from __future__ import annotations

import io
import subprocess
from pathlib import Path, PurePosixPath

import pytest
from dotenv import dotenv_values
from pydantic import ValidationError

from intreg.outputs.envfile import generate, render_record_env
from intreg.outputs.summary import summary_of
from intreg.records.files import find_record_files
from intreg.records.model import Integration
from intreg.records.registry import load_registry

CASES = Path(__file__).parent.parent / "cases" / "valid"
RECORDS = {r.record.id: r.record for r in load_registry(find_record_files([CASES]), CASES).records}


def test_record_template_comments_every_variable_and_leaves_secrets_empty() -> None:
    text = render_record_env(RECORDS["full"]).decode()
    assert text.startswith(
        "# Example Messaging (full): environment variables.\n"
        "# Generated from registry/full.yaml by `intreg generate`; edit the record.\n"
    )
    assert (
        "\n# OAuth client secret.\n"
        "# integration: Example Messaging (full) · secret: yes · scope: backend · rotate: P90D\n"
        "# obtain: Console > Apps > Credentials\n"
        "EXAMPLE_CLIENT_SECRET=\n"
    ) in text
    assert "\nEXAMPLE_CLIENT_ID=client-id-here\n" in text  # a non-secret's placeholder
    assert text.endswith("EXAMPLE_PUBLIC_KEY=\n")


def test_system_templates_split_backend_and_frontend() -> None:
    files = generate(list(RECORDS.values()))
    assert sorted(files) == [
        PurePosixPath(p)
        for p in [
            "env/full.env.example",
            "env/linked.env.example",
            "env/minimal.env.example",
            "env/py360-renewal/backend.env.example",
            "env/py360-renewal/frontend.env.example",
            "env/saypro-classified/backend.env.example",
            "env/saypro-classified/frontend.env.example",
        ]
    ]
    frontend = files[PurePosixPath("env/py360-renewal/frontend.env.example")].decode()
    backend = files[PurePosixPath("env/py360-renewal/backend.env.example")].decode()
    assert [line for line in frontend.splitlines() if "=" in line and not line.startswith("#")] == [
        "EXAMPLE_PUBLIC_KEY="
    ]
    assert "EXAMPLE_CLIENT_SECRET=\n" in backend and "EXAMPLE_PUBLIC_KEY" not in backend
    assert "Only public values belong here" in frontend


def test_no_secret_ever_reaches_a_frontend_template() -> None:
    for path, data in generate(list(RECORDS.values())).items():
        if path.name == "frontend.env.example":
            assert "secret: yes" not in data.decode()


PLACEHOLDERS = [
    "us-east-1",
    "O'Reilly Media",
    'say "hi"',
    """it's "quoted" twice""",
    "# not a comment",
    "a=b; c",
    "  spaced  ",
    "tab\there",
    "Zürich 🙂",
    "'",
    '"',
]


def _with_placeholder(value: str) -> Integration:
    credential = {
        "env_var": "EXAMPLE_LABEL",
        "description": "A label.",
        "secret": False,
        "scope": "backend",
        "placeholder": value,
    }
    data = RECORDS["minimal"].model_dump(mode="json", exclude_none=True)
    data["auth"]["credentials"].append(credential)
    return Integration.model_validate(data)


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_python_dotenv_reads_each_placeholder_back_unchanged(value: str) -> None:
    text = render_record_env(_with_placeholder(value)).decode()
    assert dotenv_values(stream=io.StringIO(text))["EXAMPLE_LABEL"] == value


@pytest.mark.slow
def test_bash_source_reads_every_placeholder_back_unchanged(tmp_path: Path) -> None:
    script = 'set -a; . "$1"; printf "%s\\0" "$EXAMPLE_LABEL"'
    for value in PLACEHOLDERS:
        env = tmp_path / "x.env"
        env.write_bytes(render_record_env(_with_placeholder(value)))
        done = subprocess.run(
            ["bash", "-c", script, "bash", str(env)], capture_output=True, check=True, env={}
        )
        assert done.stdout.decode() == value + "\0"


@pytest.mark.parametrize("value", ["$HOME", "${HOME}", "`id`", "C:\\temp", "one\ntwo"])
def test_the_model_refuses_placeholders_no_quoting_keeps(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        _with_placeholder(value)
    [problem] = error.value.errors()
    assert (problem["loc"], problem["type"]) == (
        ("auth", "credentials", 1, "placeholder"),
        "string_pattern_mismatch",
    )


def test_a_system_records_frontend_settings_join_its_frontend_template() -> None:
    from intreg.outputs.envfile import system_files
    from intreg.records.system_loader import load_system

    text = (CASES.parent / "systems" / "shop.yaml").read_text(encoding="utf-8")
    text = text.replace("id: shop", "id: py360-renewal")
    loaded = load_system(text.encode(), "registry/systems/py360-renewal.yaml")
    assert loaded.system is not None
    summaries = [summary_of(r) for r in RECORDS.values()]
    files = system_files(summaries, [loaded.system.system])
    frontend = files[PurePosixPath("env/py360-renewal/frontend.env.example")].decode()
    assert [line for line in frontend.splitlines() if "=" in line and not line.startswith("#")] == [
        "EXAMPLE_PUBLIC_KEY=",
        "REACT_APP_PAY_URL=https://api.example.com",
        "REACT_APP_ENABLE_PAY=true",
    ]
    assert "# system setting of py360-renewal · integration: pay · secret: no\n" in frontend
    assert dotenv_values(stream=io.StringIO(frontend))["REACT_APP_ENABLE_PAY"] == "true"
    other = files[PurePosixPath("env/saypro-classified/frontend.env.example")].decode()
    assert "REACT_APP_PAY_URL" not in other
