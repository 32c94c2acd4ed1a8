"""The spec's servers -> the record's base URLs, and any path prefix the endpoints must carry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from intreg.importer.placeholders import Todo
from intreg.specs.refs import as_mapping

_VARIABLE = re.compile(r"\{([^{}]+)\}")
STAND_IN_BASE = "https://api.example.com"


@dataclass(frozen=True)
class ServerUrl:
    """A usable https base URL, and the templated path after it (Telegram's `/bot{token}`)."""

    base: str
    prefix: str = ""
    variables: dict[str, Any] = field(default_factory=dict)


def resolve_server(server: dict[str, Any]) -> ServerUrl | None:
    """The server with each enumerated variable set to its default; None if unusable.

    A variable without an enum is a value of ours (Telegram's bot token), not a choice among
    the provider's hosts: from its path segment on, the URL becomes the endpoints' path prefix.
    """
    variables = as_mapping(server.get("variables"))

    def substitute(match: re.Match[str]) -> str:
        variable = variables.get(match.group(1))
        if isinstance(variable, dict) and variable.get("enum") and "default" in variable:
            return str(variable["default"])
        return match.group(0)

    parts = urlsplit(_VARIABLE.sub(substitute, str(server.get("url") or "")).rstrip("/"))
    if parts.scheme != "https" or not parts.netloc or "{" in parts.netloc:
        return None
    cut = parts.path.rfind("/", 0, parts.path.find("{")) if "{" in parts.path else -1
    path, prefix = (parts.path[:cut], parts.path[cut:]) if cut >= 0 else (parts.path, "")
    return ServerUrl(f"https://{parts.netloc}{path}", prefix, variables)


def is_sandbox(server: dict[str, Any]) -> bool:
    """True for a server the spec describes (or names) as a sandbox."""
    text = f"{server.get('url')} {server.get('description') or ''}".lower()
    return "sandbox" in text


def base_urls(servers: list[dict[str, Any]]) -> tuple[str | Todo, str | None]:
    """(production base URL or a placeholder, sandbox base URL or None)."""
    production = next((u for s in servers if not is_sandbox(s) and (u := resolve_server(s))), None)
    sandbox = next((u for s in servers if is_sandbox(s) and (u := resolve_server(s))), None)
    sandbox_url = sandbox.base if sandbox is not None else None
    if production is not None:
        return production.base, sandbox_url
    given = ", ".join(str(s.get("url")) for s in servers) or "none"
    return Todo(f"TODO https base URL (the spec's servers: {given})", STAND_IN_BASE), sandbox_url


def server_of(servers: list[dict[str, Any]]) -> ServerUrl | None:
    """The first usable production server among an operation's servers, if any."""
    resolved = [(s, u) for s in servers if (u := resolve_server(s)) is not None]
    production = [u for s, u in resolved if not is_sandbox(s)]
    usable = production or [u for _, u in resolved]
    return usable[0] if usable else None
