"""The mock rehearses trouble: rate limits per window with 429 and Retry-After, on a stepped
clock (no sleeps), and the record's documented errors."""

from __future__ import annotations

import json

import pytest

from intreg.mock.launch import describe_limits, mock_setup
from intreg.mock.responder import PROBLEM_HEADER, Mock
from intreg.mock.simulation import (
    DocumentedError,
    Limit,
    RateLimiter,
    Simulation,
    simulation_of,
    window_seconds,
)
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import TOKEN, post_message, record_from, send


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("period", "seconds"),
    [("second", 1), ("minute", 60), ("hour", 3600), ("day", 86400), ("month", 2592000),
     ("PT15M", 900), ("P1D", 86400), ("P1DT1H1M1S", 90061), ("PT0S", 0)],
)  # fmt: skip
def test_window_seconds(period: str, seconds: float) -> None:
    assert window_seconds(period) == seconds


def test_a_limit_admits_its_count_per_window_then_refuses_until_the_window_closes() -> None:
    clock = Clock()
    limiter = RateLimiter([Limit(3, 1.0, "per account")], clock)
    assert [limiter.admit() for _ in range(3)] == [None, None, None]
    refusal = limiter.admit()
    assert refusal is not None
    assert refusal.retry_after == 1
    assert refusal.problem == ("rate limit 3 per second (per account) exceeded; retry after 1 s")
    clock.now += 0.999
    assert limiter.admit() is not None  # the same window
    clock.now += 0.001
    assert limiter.admit() is None  # a new window opens with this request


def test_retry_after_counts_whole_seconds_to_the_end_of_the_window() -> None:
    clock = Clock()
    limiter = RateLimiter([Limit(1, 900.0, "per user")], clock)
    assert limiter.admit() is None
    clock.now += 100.5
    refusal = limiter.admit()
    assert refusal is not None and refusal.retry_after == 800


def test_every_limit_must_have_room_and_a_refused_request_is_not_counted() -> None:
    clock = Clock()
    second, hour = Limit(2, 1.0, "burst"), Limit(3, 3600.0, "hourly")
    limiter = RateLimiter([second, hour], clock)
    assert [limiter.admit() for _ in range(2)] == [None, None]
    assert limiter.admit().limit == second  # type: ignore[union-attr]
    clock.now += 1
    assert limiter.admit() is None  # third of the hour; the refused one did not count
    refusal = limiter.admit()
    assert refusal is not None and (refusal.limit, refusal.retry_after) == (hour, 3599)


def full_mock_with(simulation: Simulation) -> Mock:
    return Mock(render_openapi(record_from(case_text("full"), "full")), TOKEN, simulation)


def test_over_the_limit_gets_the_documented_429_with_retry_after() -> None:
    clock = Clock()
    mock = full_mock_with(Simulation((Limit(2, 1.0, "per sender number"),), (), clock))
    assert [post_message(mock).status for _ in range(2)] == [201, 201]
    response = post_message(mock)
    assert response.status == 429
    assert response.header("Retry-After") == "1"
    assert response.header(PROBLEM_HEADER) == (
        "rate limit 2 per second (per sender number) exceeded; retry after 1 s"
    )
    # full documents 4XX (not 429): its example is the body
    assert json.loads(response.body)["error"]["code"] == "invalid_number"
    clock.now += 1
    assert post_message(mock).status == 201


def test_over_the_limit_without_a_documented_429_gets_the_record_error_or_the_mocks_own() -> None:
    record = record_from(case_text("minimal"), "minimal")
    limit = (Limit(1, 60.0, "per account"),)
    error = DocumentedError(429, "rate_limit", "Too many requests.")
    with_error = Mock(render_openapi(record), None, Simulation(limit, (error,), Clock()))
    send(with_error, "GET", "/v1/charges/ch_1", Authorization=TOKEN)
    response = send(with_error, "GET", "/v1/charges/ch_1", Authorization=TOKEN)
    assert (response.status, response.header("Retry-After")) == (429, "60")
    assert json.loads(response.body) == {
        "error": {"status": 429, "code": "rate_limit", "message": "Too many requests."}
    }
    bare = Mock(render_openapi(record), None, Simulation(limit, (), Clock()))
    send(bare, "GET", "/v1/charges/ch_1", Authorization=TOKEN)
    response = send(bare, "GET", "/v1/charges/ch_1", Authorization=TOKEN)
    assert json.loads(response.body) == {
        "error": {
            "status": 429,
            "message": "rate limit 1 per minute (per account) exceeded; retry after 60 s",
        }
    }


def test_requests_refused_for_their_credential_do_not_count() -> None:
    mock = full_mock_with(Simulation((Limit(1, 1.0, "per account"),), (), Clock()))
    assert send(mock, "POST", "/v2/messages").status == 401
    assert post_message(mock).status == 201


def test_the_records_limits_and_errors_make_the_simulation() -> None:
    simulation = simulation_of(record_from(case_text("full"), "full"))
    # the second limit has no figure: nothing to enforce; the second error has no status
    assert simulation.limits == (Limit(10, 1.0, "per sender number"),)
    assert simulation.errors == (DocumentedError(429, "rate_limited", "Too many requests."),)
    assert simulation_of(record_from(case_text("full"), "full"), False).limits == ()


def test_the_mock_of_a_record_enforces_its_limits_unless_told_not_to() -> None:
    record = record_from(case_text("full"), "full")
    assert mock_setup(record, None).mock.limiter.limits == (Limit(10, 1.0, "per sender number"),)
    assert mock_setup(record, None, enforce_limits=False).mock.limiter.limits == ()


def test_describe_limits() -> None:
    assert describe_limits([]) == "rate limits: none enforced"
    assert describe_limits([Limit(10, 1.0, "per number"), Limit(100, 900.0, "per user")]) == (
        "rate limits: 10 per second (per number); 100 per 900 s (per user) "
        "(over one: 429; --no-rate-limits turns them off)"
    )
