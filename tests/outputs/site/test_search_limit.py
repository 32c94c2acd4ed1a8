"""Pages over all records grow with the registry; Zensical refuses to index a search field of
more than 32,768 token positions, so those pages stay out of the search index and the site
builds at any size. Here a few records with long credential descriptions push the environment
variables page past the limit, while each integration page stays well under it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from intreg.outputs.builders import BUILDERS, build_command

REPO = Path(__file__).parents[3]
sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402

LIMIT = 32_768  # Zensical 0.0.73: token positions of one search field
RECORDS = 60
WORDS = 200  # of each credential description: 60 x 3 x 200 = 36,000 words on one page
# Zensical's search separator (site/search.json: config.separator)
SEPARATOR = re.compile(r"[\s\-_,:!=\[\]()\"`/]+|\.(?!\d)")


def long_record(index: int) -> str:
    record = yaml.safe_load(synth.render(index))
    for credential in record["auth"]["credentials"]:
        filler = " ".join(synth.WORDS[(index + n) % len(synth.WORDS)] for n in range(WORDS))
        credential["description"] = f"{credential['description']} {filler}."
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def large_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search-limit")
    (root / "registry").mkdir()
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
    for index in range(RECORDS):
        path = root / "registry" / f"synthetic-{index:05d}.yaml"
        path.write_text(long_record(index), encoding="utf-8")
    intreg = Path(sys.executable).parent / "intreg"
    generate = subprocess.run(
        [intreg, "generate", "--today", "2026-11-24"], cwd=root, capture_output=True, text=True
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    return root


def test_the_environment_variables_page_exceeds_the_limit(large_project: Path) -> None:
    """The premise: without exclusion, this page's text alone would be refused."""
    page = (large_project / "build" / "docs" / "env-vars.md").read_text(encoding="utf-8")
    assert len([t for t in SEPARATOR.split(page) if t]) > LIMIT


# Where each builder writes its search index, and the list of indexed sections in it
SEARCH_INDEX = {
    "mkdocs": ("search/search_index.json", "docs"),
    "zensical": ("search.json", "items"),
}


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_registry_past_the_search_limit_builds_with_each_builder(
    large_project: Path, builder: str
) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = build_command(builder, large_project / "mkdocs.yml")
    build = subprocess.run(command, cwd=large_project, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    path, key = SEARCH_INDEX[builder]
    sections = json.loads((large_project / "site" / path).read_text(encoding="utf-8"))[key]
    locations = {section["location"].split("#")[0] for section in sections}
    # The pages over all records are left out; what they list is found on each record's page.
    assert not locations & {"env-vars/", "catalogue/", "reviews/", "monitoring/", "systems/"}
    own_page = [
        s["text"] for s in sections if s["location"].startswith("integrations/synthetic-00000/")
    ]
    assert any("SYN00000_SECRET_KEY" in text for text in own_page)
