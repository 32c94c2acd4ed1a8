from __future__ import annotations

from intreg.notify.retry import DeliveryError, Outcome, with_retries


def flaky(failures: list[DeliveryError]):
    calls = []

    def action() -> None:
        calls.append(len(calls) + 1)
        if failures:
            raise failures.pop(0)

    return action, calls


def test_success_at_the_first_attempt_does_not_wait():
    action, calls = flaky([])
    waits: list[float] = []
    assert with_retries(action, waits.append) == Outcome(True, 1)
    assert (calls, waits) == ([1], [])


def test_two_failures_then_success_back_off_exponentially():
    action, calls = flaky([DeliveryError("HTTP 500"), DeliveryError("HTTP 503")])
    waits: list[float] = []
    assert with_retries(action, waits.append) == Outcome(True, 3)
    assert (calls, waits) == ([1, 2, 3], [1.0, 2.0])


def test_three_failures_give_up_with_the_last_reason():
    action, _ = flaky([DeliveryError("a"), DeliveryError("b"), DeliveryError("c")])
    waits: list[float] = []
    assert with_retries(action, waits.append) == Outcome(False, 3, "c")
    assert waits == [1.0, 2.0]


def test_a_permanent_failure_is_not_retried():
    action, calls = flaky([DeliveryError("HTTP 404 Not Found", retryable=False)])
    waits: list[float] = []
    assert with_retries(action, waits.append) == Outcome(False, 1, "HTTP 404 Not Found")
    assert (calls, waits) == ([1], [])
