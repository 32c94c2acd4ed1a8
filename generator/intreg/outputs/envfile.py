"""`.env.example` templates: one per record, and backend/frontend ones per consuming system.

Values are always empty, or a record's harmless placeholder for a non-secret setting.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import PurePosixPath

from intreg.outputs.dump import comment_lines, generated_notice
from intreg.outputs.summary import CredentialSummary, RecordSummary, summary_of
from intreg.records.auth import Credential, CredentialScope
from intreg.records.model import Integration
from intreg.records.system import System

FOLDER = PurePosixPath("env")
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_./:@+-]*$")
_UNQUOTABLE = re.compile(r"[$`\\\n\r]")
_WIDTH = 98  # comment text width, so lines stay under 100 characters


def env_path(record_id: str) -> PurePosixPath:
    """Where the template of `record_id` is written, relative to the output folder."""
    return FOLDER / f"{record_id}.env.example"


def system_env_path(system: str, scope: CredentialScope) -> PurePosixPath:
    """Where a consuming system's combined backend or frontend template is written."""
    return FOLDER / system / f"{scope.value}.env.example"


def generate(records: Sequence[Integration]) -> dict[PurePosixPath, bytes]:
    """A template per record, and a backend and a frontend template per consuming system."""
    files = {env_path(r.id): render_record_env(r) for r in records}
    return {**files, **system_files([summary_of(r) for r in records])}


def system_files(
    records: Sequence[RecordSummary], systems: Sequence[System] = ()
) -> dict[PurePosixPath, bytes]:
    """A backend and a frontend template for each system that consumes any of `records`; a
    system record's frontend configuration (public URLs, feature flags) joins its frontend
    template."""
    files = {}
    records_of = {s.id: s for s in systems}
    names = sorted({system for r in records for system in r.consumers})
    for system in names:
        users = [r for r in sorted(records, key=lambda r: r.id) if system in r.consumers]
        for scope in CredentialScope:
            files[system_env_path(system, scope)] = render_system_env(
                system, scope, users, records_of.get(system)
            )
    return files


def render_record_env(record: Integration) -> bytes:
    """Every variable of one record, backend and frontend, each with its comment."""
    header = f"{record.name} ({record.id}): environment variables.\n{generated_notice(record.id)}"
    blocks = [_variable(record, c) for c in record.auth.credentials]
    return _join(header, blocks or ["# This integration reads no environment variables.\n"])


def render_system_env(
    system: str,
    scope: CredentialScope,
    records: Sequence[RecordSummary],
    plan: System | None = None,
) -> bytes:
    """The `scope` variables of every record `system` consumes (shared ones appear once), and
    for the frontend the settings of the system record `plan`, if there is one."""
    header = (
        f"{system}: {scope.value} environment variables, from every integration it uses.\n"
        "Generated from registry/ by `intreg generate`; edit the records."
    )
    if scope == CredentialScope.FRONTEND:
        header += "\nOnly public values belong here: secrets are never exposed to front-end code."
    blocks: list[str] = []
    seen: set[str] = set()
    for record in records:
        for credential in record.auth.credentials:
            if credential.scope != scope or credential.env_var in seen:
                continue
            if scope == CredentialScope.FRONTEND and credential.secret:  # pragma: no cover
                raise ValueError(f"{record.id}: secret {credential.env_var} in a frontend file")
            seen.add(credential.env_var)
            blocks.append(_variable(record, credential))
    if scope == CredentialScope.FRONTEND and plan is not None and plan.frontend is not None:
        blocks += _frontend_settings(plan, seen)
    return _join(header, blocks or [f"# No integration needs {scope.value} variables.\n"])


def _frontend_settings(system: System, seen: set[str]) -> list[str]:
    """The system's public URLs and feature flags (its plan's frontend configuration); a
    variable an integration already gave is not repeated."""
    assert system.frontend is not None
    settings: list[tuple[str, str, str | None, str]] = [
        (u.env_var, u.value, u.integration, u.description or "Public service URL.")
        for u in system.frontend.public_urls
    ]
    settings += [
        (f.env_var, "true" if f.default else "false", f.integration,
         f.description or "Feature flag.")
        for f in system.frontend.feature_flags
    ]  # fmt: skip
    blocks = []
    for env_var, value, integration, description in settings:
        if env_var in seen:
            continue
        seen.add(env_var)
        facts = [f"system setting of {system.id}", "secret: no"]
        if integration is not None:
            facts.insert(1, f"integration: {integration}")
        text = "\n".join([_wrap(description), _wrap(" · ".join(facts))])
        blocks.append(comment_lines(text) + f"{env_var}={_quote(value)}\n")
    return blocks


def _variable(
    record: Integration | RecordSummary, credential: Credential | CredentialSummary
) -> str:
    facts = [
        f"integration: {record.name} ({record.id})",
        f"secret: {'yes' if credential.secret else 'no'}",
        f"scope: {credential.scope.value}",
    ]
    if credential.rotation is not None:
        facts.append(f"rotate: {credential.rotation}")
    if credential.shared:
        facts.append("shared with other integrations")
    lines = [_wrap(credential.description), _wrap(" · ".join(facts))]
    if credential.obtain is not None:
        lines.append(_wrap(f"obtain: {credential.obtain}"))
    value = "" if credential.secret else _quote(credential.placeholder or "")
    return comment_lines("\n".join(lines)) + f"{credential.env_var}={value}\n"


def _wrap(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _WIDTH:  # what fill gives a line that fits, without its cost
        return flat
    return textwrap.fill(flat, width=_WIDTH, break_on_hyphens=False, break_long_words=False)


def _quote(value: str) -> str:
    """A dotenv value that bash `source`, docker compose and python-dotenv all read as `value`.

    Bare when safe; otherwise single-quoted (literal in all three), or double-quoted with `"`
    escaped when it holds an apostrophe. The model keeps `$`, backquotes, backslashes and line
    breaks out of placeholders (types.ENV_VALUE_PATTERN): no quoting reads those alike in all.
    """
    if _SAFE_VALUE.fullmatch(value):
        return value
    if _UNQUOTABLE.search(value):
        raise ValueError(f"placeholder {value!r} cannot be written to a .env file")
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', '\\"') + '"'


def _join(header: str, blocks: list[str]) -> bytes:
    return (comment_lines(header) + "".join("\n" + b for b in blocks)).encode("utf-8")
