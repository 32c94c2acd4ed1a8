"""`intreg mock`: serve one integration's stub as a local mock until Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from intreg.mock.responder import Mock
from intreg.mock.server import MockServer
from intreg.mock.simulation import Limit, simulation_of
from intreg.outputs.credentials import AuthPlan, plan_auth
from intreg.outputs.openapi import render_openapi
from intreg.records.errors import IntregError
from intreg.records.files import display_path
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.registry import load_registry


@dataclass(frozen=True)
class MockSetup:
    """A mock ready to serve, and how its credential was chosen (None: the API has no auth)."""

    mock: Mock
    plan: AuthPlan | None
    values: tuple[str, ...]


def load_integration(project: Project, record_id: str, cwd: Path) -> Integration:
    """The valid record `record_id` of `project`; IntregError when it is missing or invalid."""
    path = project.record_file(record_id)
    shown = display_path(project.registry / f"{record_id}.yaml", cwd)
    if path is None:
        raise IntregError(f"no record {record_id!r}: {shown} does not exist")
    registry = load_registry([path], cwd, context=project.record_files())
    result = registry.results[0]
    if result.record is None or not registry.ok:
        first = registry.findings[0]
        raise IntregError(
            f"{first.location}: {first.message} [{first.code}] (run `intreg validate {shown}`)"
        )
    return result.record.record


def mock_setup(
    record: Integration, env: Mapping[str, str] | None, enforce_limits: bool = True
) -> MockSetup:
    """The mock of `record`: it accepts the credential from `env` where a variable is set,
    otherwise the plan's stand-in value (with `env` None, only stand-in values). It serves the
    record's documented errors on request, and enforces its rate limits if `enforce_limits`."""
    plan = plan_auth(record)
    simulation = simulation_of(record, enforce_limits)
    if plan is None:
        return MockSetup(Mock(render_openapi(record), None, simulation), None, ())
    dummies = plan.dummy_values()
    found = env or {}
    values = tuple(found.get(n) or d for n, d in zip(plan.all_vars, dummies, strict=True))
    secrets = dict(zip(plan.all_vars, values, strict=True))
    mock = Mock(render_openapi(record), None, simulation, secrets=secrets)
    return MockSetup(mock, plan, values)


def secrets_of(setup: MockSetup) -> dict[str, str]:
    """The values the mock accepts, by variable name ({} when the API has no auth)."""
    if setup.plan is None:
        return {}
    return dict(zip(setup.plan.all_vars, setup.values, strict=True))


def describe_credential(setup: MockSetup, env: Mapping[str, str]) -> str:
    """One line saying which credential the mock accepts, without showing a secret value."""
    if setup.plan is None:
        return "credential: none (the API declares no auth)"
    unset = [
        f"${name}={value}"
        for name, value in zip(setup.plan.all_vars, setup.values, strict=True)
        if not env.get(name)
    ]
    where = (
        f" (unset, so the mock accepts {', '.join(unset)})" if unset else " (from the environment)"
    )
    return f"credential: {setup.plan.describe()}{where}"


def describe_limits(limits: Sequence[Limit]) -> str:
    """One line listing the rate limits the mock enforces."""
    if not limits:
        return "rate limits: none enforced"
    listed = "; ".join(limit.describe() for limit in limits)
    return f"rate limits: {listed} (over one: 429; --no-rate-limits turns them off)"


def serve_mock(server: MockServer, ready: Callable[[str], None], say: Callable[[str], None]) -> int:
    """Serve until Ctrl-C or SIGTERM; `ready` gets the base URL once the port is bound."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        ready(server.base_url)
        server.serve_forever()
    except KeyboardInterrupt:
        say("mock stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
