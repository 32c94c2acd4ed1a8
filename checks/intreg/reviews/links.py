"""Where a reminder links to: the integration's page on the site, its record in the repository."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# mkdocs.yml may use MkDocs' own tags (`!ENV [NAME, default]`, `!relative`); their values
# do not matter here, so each becomes None instead of failing the whole file.
_BRANCH = re.compile(r"^(?:edit|blob)/([^/]+)/")


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads any tagged node as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Links:
    """The site's base URL and the repository's file-view base URL, when mkdocs.yml gives them."""

    site_url: str | None = None
    blob_url: str | None = None  # e.g. https://github.com/o/r/blob/HEAD/

    def page(self, record_id: str) -> str | None:
        """The integration's page (MkDocs' directory URLs), or None without a site_url."""
        if self.site_url is None:
            return None
        return f"{self.site_url}integrations/{record_id}/"

    def record(self, path: str, line: int) -> str | None:
        """The record's file at `line` in the repository, or None without a repo_url."""
        if self.blob_url is None:
            return None
        return f"{self.blob_url}{path}#L{line}"


def links_from_mkdocs(text: str) -> Links:
    """The links mkdocs.yml's site_url, repo_url and edit_uri give; none when they are unset.

    The record's link uses the branch edit_uri names (`edit/main/docs/`), else HEAD, which
    GitHub and GitLab resolve to the default branch.
    """
    try:
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    except yaml.YAMLError:
        return Links()  # a broken mkdocs.yml is `intreg generate`'s to report; no links here
    if not isinstance(config, dict):
        return Links()
    site_url = _url(config, "site_url")
    repo_url = _url(config, "repo_url")
    blob_url = None
    if repo_url is not None:
        edit_uri = config.get("edit_uri")
        match = _BRANCH.match(edit_uri) if isinstance(edit_uri, str) else None
        blob_url = f"{repo_url}blob/{match.group(1) if match else 'HEAD'}/"
    return Links(site_url, blob_url)


def _url(config: dict[str, Any], key: str) -> str | None:
    value = config.get(key)
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return None
    return value if value.endswith("/") else value + "/"
