"""The static-site builders that can turn build/docs into a site: MkDocs (default) or Zensical.

Both read the same mkdocs.yml; generating the pages never depends on either (issue 12).
"""

from __future__ import annotations

import sys
from pathlib import Path

BUILDERS = ("mkdocs", "zensical")
DEFAULT_BUILDER = "mkdocs"


def _tool(name: str) -> str:
    """The builder's console script from the environment intreg runs in."""
    return str(Path(sys.executable).parent / name)


def build_command(builder: str, config: Path) -> list[str]:
    """The command that builds the site strictly (warnings fail the build)."""
    return [_tool(builder), "build", "--strict", "--config-file", str(config)]


def serve_command(builder: str, config: Path, dev_addr: str) -> list[str]:
    """The command that serves the site with live reload on `dev_addr`."""
    return [_tool(builder), "serve", "--config-file", str(config), "--dev-addr", dev_addr]
