"""Where a record can be edited: read from mkdocs.yml's repo_url and edit_uri.

MkDocs' edit_uri points at the hand-written docs/ folder in the repository (for example
`edit/main/docs/` on GitHub, `-/edit/main/docs/` on GitLab); records live beside it in
registry/, so the same address without `docs/` is where records are edited.
"""

from __future__ import annotations

from urllib.parse import urljoin

import yaml

_DOCS = "docs/"


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' own tags (`!ENV`, `!relative`) as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def edit_base(mkdocs_yml: str) -> str | None:
    """The address that `registry/<id>.yaml` is appended to for an edit link; None when
    mkdocs.yml sets no http(s) repo_url, or an edit_uri that does not end in docs/."""
    try:
        config = yaml.load(mkdocs_yml, Loader=_ConfigLoader)  # a SafeLoader subclass
    except yaml.YAMLError:
        return None  # the builders report a broken mkdocs.yml; the pages just get no link
    if not isinstance(config, dict):
        return None
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not isinstance(repo_url, str) or not repo_url.startswith(("https://", "http://")):
        return None
    if not isinstance(edit_uri, str) or not edit_uri.endswith(_DOCS):
        return None  # pages elsewhere than docs/: we cannot tell where registry/ is
    base = repo_url if repo_url.endswith("/") else repo_url + "/"
    return urljoin(base, edit_uri[: -len(_DOCS)])


def record_edit_url(base: str, record_id: str) -> str:
    """The edit address of registry/<record_id>.yaml."""
    return f"{base}registry/{record_id}.yaml"
