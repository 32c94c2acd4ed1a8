"""A project of two records and a docs page, generated, with the shipped mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import case_text
from tests.outputs.site.conftest import REPO

TODAY = ("--today", "2026-11-24")
EPOCH = "1764000000"  # the sitemap's date and its gzip header come from it


@pytest.fixture
def project(make_registry, run_cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", "utf-8")
    assert run_cli("generate", *TODAY, cwd=root).exit_code == 0
    return root
