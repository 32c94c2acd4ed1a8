from __future__ import annotations

from pathlib import Path, PurePosixPath

from intreg.scaffold.init import project_files

REPO = Path(__file__).parent.parent.parent


def test_project_template_mkdocs_matches_ours_but_for_the_name() -> None:
    template = project_files('Team: "payments" registry')[PurePosixPath("mkdocs.yml")]
    ours = (REPO / "mkdocs.yml").read_text().splitlines()
    theirs = template.decode().splitlines()
    assert [a for a, b in zip(ours, theirs, strict=True) if a != b] == [
        "site_name: intreg — integration registry"
    ]
    assert 'site_name: "Team: \\"payments\\" registry"' in theirs


def test_init_writes_a_valid_project(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", "reg", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr.startswith("created 11 files in reg\n")
    validated = run_cli("validate", cwd=tmp_path / "reg")
    assert (validated.exit_code, validated.stderr) == (0, "1 record valid\n")
    assert run_cli("schema", "--check", cwd=tmp_path / "reg").exit_code == 0


def test_init_refuses_to_overwrite_unless_forced(run_cli, tmp_path: Path) -> None:
    run_cli("init", "reg", cwd=tmp_path)
    (tmp_path / "reg" / "README.md").write_text("mine\n")
    refused = run_cli("init", "reg", cwd=tmp_path)
    assert refused.exit_code == 2
    assert "pass --force to replace them" in refused.stderr
    assert (tmp_path / "reg" / "README.md").read_text() == "mine\n"
    assert run_cli("init", "reg", "--force", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "reg" / "README.md").read_text() != "mine\n"
