"""A site whose plugins keep state of their own is previewed by rebuilding it whole: the first
build falls back to that, and after each change the site is what a build from scratch gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from intreg.outputs.preview import whole_site
from intreg.outputs.preview.live import _first_build
from intreg.outputs.preview.whole_site import WholeSite
from tests.outputs.preview.conftest import TODAY
from tests.outputs.preview.test_mkdocs_site import CHANGES, edit, tree

pytestmark = pytest.mark.slow
URL = "http://127.0.0.1:8000/"


@pytest.fixture
def tagged(project: Path) -> Path:
    """The project with the tags plugin, which collects from every page."""
    edit(project / "mkdocs.yml", "  - search\n", "  - search\n  - tags\n")
    return project


def scratch(root: Path, name: str) -> dict[str, bytes]:
    """The same site built from scratch, as the preview builds it (for the same address)."""
    site = WholeSite(root / "mkdocs.yml", root / name, URL)
    site.build_all()
    return tree(root / name)


def test_the_first_build_falls_back_to_whole_builds(tagged: Path) -> None:
    said: list[str] = []
    site = _first_build(tagged / "mkdocs.yml", tagged / "preview-site", URL, said.append)
    assert isinstance(site, WholeSite)
    assert said[-1] == "the preview rebuilds the whole site on each change (plugins material/tags)"
    assert tree(tagged / "preview-site") == scratch(tagged, "fresh-0")


def test_each_change_rebuilds_the_site_as_from_scratch(tagged: Path, run_cli) -> None:
    site = WholeSite(tagged / "mkdocs.yml", tagged / "preview-site", URL)
    site.build_all()
    assert site.update() == []  # nothing changed: nothing built
    for step, (name, change) in enumerate(CHANGES.items()):
        change(tagged)
        assert run_cli("generate", *TODAY, cwd=tagged).exit_code == 0
        assert site.update() == ["the whole site"], name
        assert not site.step()
        assert tree(tagged / "preview-site") == scratch(tagged, f"fresh-{step}"), name


def test_a_page_that_fails_the_strict_build_is_told_then_built_once_fixed(
    tagged: Path, run_cli
) -> None:
    site = WholeSite(tagged / "mkdocs.yml", tagged / "preview-site", URL)
    site.build_all()
    page = tagged / "docs" / "index.md"
    page.write_text("# Home\n\n[broken](missing.md)\n", "utf-8")  # strict: a warning fails
    assert run_cli("generate", *TODAY, cwd=tagged).exit_code == 0
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
        site.update()
    page.write_text("# Home\n\nWelcome again.\n", "utf-8")
    assert run_cli("generate", *TODAY, cwd=tagged).exit_code == 0
    assert site.update() == ["the whole site"]
    assert b"Welcome again." in tree(tagged / "preview-site")["index.html"]


def test_a_build_that_failed_is_tried_again_with_the_same_sources(
    tagged: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = WholeSite(tagged / "mkdocs.yml", tagged / "preview-site", URL)
    site.build_all()
    CHANGES["purpose"](tagged)
    assert run_cli("generate", *TODAY, cwd=tagged).exit_code == 0
    real, calls = whole_site.mkdocs_build.build, []

    def full_disk_once(*args: Any, **kwargs: Any) -> None:
        calls.append(args)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real(*args, **kwargs)

    monkeypatch.setattr(whole_site.mkdocs_build, "build", full_disk_once)
    with pytest.raises(OSError, match="No space left"):
        site.update()
    assert site.update() == ["the whole site"]
    assert tree(tagged / "preview-site") == scratch(tagged, "fresh")
