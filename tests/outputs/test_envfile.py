from __future__ import annotations

from pathlib import Path, PurePosixPath

from intreg.outputs.envfile import generate, render_record_env
from intreg.records.files import find_record_files
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
