"""The GitHub issues channel's settings, from INTREG_GITHUB_* and the token variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from intreg.records.errors import IntregError

GITHUB_REPOSITORY = "INTREG_GITHUB_REPOSITORY"
GITHUB_API_URL = "INTREG_GITHUB_API_URL"
TOKEN_VARIABLES = ("INTREG_GITHUB_TOKEN", "GITHUB_TOKEN")  # the first one set wins
DEFAULT_API_URL = "https://api.github.com"


@dataclass(frozen=True)
class GithubConfig:
    """Where the issues live; the token is kept out of the repr."""

    repository: str  # owner/name
    api_url: str = DEFAULT_API_URL
    token: str = field(default="", repr=False)


def github_from_env(values: Mapping[str, str]) -> GithubConfig | None:
    """The GitHub channel INTREG_GITHUB_REPOSITORY turns on (None when it is unset);
    IntregError when the repository or token is missing or malformed."""
    repository = values.get(GITHUB_REPOSITORY)
    if repository is None:
        return None
    owner, _, name = repository.partition("/")
    if not owner or not name or "/" in name or any(c.isspace() for c in repository):
        raise IntregError(f"{GITHUB_REPOSITORY} must be owner/name, not {repository!r}")
    token = next((values[v] for v in TOKEN_VARIABLES if v in values), None)
    if token is None:
        raise IntregError(
            f"{GITHUB_REPOSITORY} is set, so {' or '.join(TOKEN_VARIABLES)} must hold a token "
            "that may write issues"
        )
    api_url = values.get(GITHUB_API_URL, DEFAULT_API_URL).rstrip("/")
    if not api_url.startswith(("https://", "http://")):
        raise IntregError(f"{GITHUB_API_URL} must be an http(s):// URL")
    return GithubConfig(repository, api_url, token)
