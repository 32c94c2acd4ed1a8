"""The "Edit this record" address, from mkdocs.yml's repo_url and edit_uri (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intreg.outputs.site.repository import edit_base, record_edit_url

GITHUB = "repo_url: https://github.com/acme/registry\nedit_uri: edit/main/docs/\n"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (GITHUB, "https://github.com/acme/registry/edit/main/"),
        (
            "repo_url: https://gitlab.com/acme/registry/\nedit_uri: -/edit/trunk/docs/\n",
            "https://gitlab.com/acme/registry/-/edit/trunk/",
        ),
        ("site_name: x\n", None),  # no repository
        ("repo_url: https://github.com/acme/registry\n", None),  # no edit_uri
        ("repo_url: https://github.com/a/r\nedit_uri: edit/main/site-src/\n", None),
        ("repo_url: javascript:alert(1)\nedit_uri: edit/main/docs/\n", None),
        ("repo_url: !ENV [REPO, https://x]\nedit_uri: edit/main/docs/\n", None),
        ("repo_url: [unclosed\n", None),
    ],
)
def test_edit_base_comes_from_repo_url_and_an_edit_uri_to_docs(
    config: str, expected: str | None
) -> None:
    assert edit_base(config) == expected


def test_the_record_is_edited_beside_docs() -> None:
    base = edit_base(GITHUB)
    assert base is not None
    assert record_edit_url(base, "stripe") == (
        "https://github.com/acme/registry/edit/main/registry/stripe.yaml"
    )


def test_generate_links_each_page_to_its_record_when_mkdocs_names_the_repository(
    make_registry, run_cli
) -> None:
    from tests.helpers import case_text

    project: Path = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    assert run_cli("generate", "--today", "2026-11-24", cwd=project).exit_code == 0
    page = project / "build" / "docs" / "integrations" / "full" / "index.md"
    assert "Edit this record" not in page.read_text("utf-8")
    (project / "mkdocs.yml").write_text("site_name: test\n" + GITHUB, "utf-8")
    assert run_cli("generate", "--today", "2026-11-24", cwd=project).exit_code == 0
    assert (
        "- **Source:** `registry/full.yaml` ([Edit this record]"
        "(<https://github.com/acme/registry/edit/main/registry/full.yaml>))"
    ) in page.read_text("utf-8")
