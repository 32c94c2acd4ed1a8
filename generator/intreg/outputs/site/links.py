"""Where each generated page and download lives, and links between them."""

from __future__ import annotations

import functools
from pathlib import PurePosixPath

from intreg.outputs import envfile, openapi

DOCS = PurePosixPath("docs")


@functools.lru_cache(maxsize=100_000)  # each page over all records links every integration
def integration_page(record_id: str) -> PurePosixPath:
    """The integration's page: the index of its folder, so its URL is integrations/<id>/."""
    return PurePosixPath("integrations") / record_id / "index.md"


def system_page(system: str) -> PurePosixPath:
    return PurePosixPath("systems") / f"{system}.md"


def download(derived: PurePosixPath) -> PurePosixPath:
    """Where a derived file (openapi/..., env/...) is offered for download on the site."""
    return PurePosixPath("downloads") / derived


def stub_download(record_id: str) -> PurePosixPath:
    return download(openapi.stub_path(record_id))


def env_download(record_id: str) -> PurePosixPath:
    return download(envfile.env_path(record_id))


@functools.lru_cache(maxsize=100_000)
def relative(source: PurePosixPath, target: PurePosixPath) -> str:
    """A link from page `source` to file `target`, both relative to the docs folder."""
    up = len(source.parent.parts)
    return "/".join([".."] * up + list(target.parts))
