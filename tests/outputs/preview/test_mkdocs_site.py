"""The preview's page-by-page MkDocs build gives the same bytes as `mkdocs build --strict`, after
every kind of change, and a page whose change leaves the navigation alone is rebuilt alone."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import pytest

from intreg.outputs.builders import build_command
from intreg.outputs.preview.mkdocs_site import IncrementalSite, UnsupportedSite
from tests.helpers import case_text
from tests.outputs.preview.conftest import TODAY

pytestmark = pytest.mark.slow
MINIMAL_PAGE = "integrations/minimal/index.html"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def full_build(root: Path) -> dict[str, bytes]:
    """What `mkdocs build --strict` makes of the project as it is now."""
    site = root / "full-site"
    command = [*build_command("mkdocs", root / "mkdocs.yml"), "--site-dir", str(site)]
    result = subprocess.run(command, cwd=root, env=os.environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return tree(site)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def other_record() -> str:
    return case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_")


CHANGES = {
    "purpose": lambda root: edit(
        root / "registry" / "minimal.yaml", "Charge listing fees.", "Charge fees monthly."
    ),
    "name": lambda root: edit(
        root / "registry" / "minimal.yaml", "name: Example Payments", "name: Renamed Payments"
    ),
    "docs page": lambda root: edit(root / "docs" / "index.md", "Welcome.", "Welcome back."),
    "new record": lambda root: (root / "registry" / "other.yaml").write_text(other_record()),
    "removed record": lambda root: (root / "registry" / "other.yaml").unlink(),
    "settings": lambda root: edit(root / "mkdocs.yml", "site_name: intreg", "site_name: Our"),
}


def test_each_change_gives_the_bytes_of_a_full_build(
    project: Path, run_cli, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mkdocs")
    out = project / "preview-site"
    site = IncrementalSite(project / "mkdocs.yml", out)
    site.build_all()
    assert tree(out) == full_build(project)
    for name, change in CHANGES.items():
        change(project)
        assert run_cli("generate", *TODAY, cwd=project).exit_code == 0
        shown = site.update()
        expected = full_build(project)
        if name == "purpose":
            # The navigation is as it was: only the page itself is rebuilt, and it is already
            # final; the search index (then the theme's templates) is all that follows.
            assert shown == ["integrations/minimal/"]
            assert site.pending == 1
        if name in ("purpose", "name"):
            assert tree(out)[MINIMAL_PAGE] == expected[MINIMAL_PAGE], name
        while site.step():
            pass
        assert tree(out) == expected, name
    assert [r.getMessage() for r in caplog.records] == []


def test_nothing_changed_rebuilds_nothing(project: Path) -> None:
    site = IncrementalSite(project / "mkdocs.yml", project / "preview-site")
    site.build_all()
    before = {p: p.stat().st_mtime_ns for p in (project / "preview-site").rglob("*")}
    assert site.update() == []
    assert site.pending == 0
    assert {p: p.stat().st_mtime_ns for p in (project / "preview-site").rglob("*")} == before


def test_a_plugin_with_state_of_its_own_is_refused(project: Path) -> None:
    # Such a plugin may collect from every page, as search does: the preview cannot keep it.
    edit(project / "mkdocs.yml", "  - search\n", "  - search\n  - tags\n")
    site = IncrementalSite(project / "mkdocs.yml", project / "preview-site")
    with pytest.raises(UnsupportedSite, match=r"^plugins material/tags$"):
        site.build_all()
