"""The mock's answers, built from an operation's documented responses (or the record's errors)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intreg.mock.request import is_json
from intreg.mock.sample import sample_value
from intreg.mock.simulation import DocumentedError

PROBLEM_HEADER = "X-Intreg-Mock-Problem"
# A response's single `example` answers to this name, as in Prism.
DEFAULT_EXAMPLE = "default"


class NoSuchExample(LookupError):
    """The chosen response has no example of the name asked for (Prism answers 404)."""


@dataclass(frozen=True)
class MockResponse:
    """What the mock answers."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header `name` (any case), or None."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def with_header(self, name: str, value: str) -> MockResponse:
        """This response with header `name` set to `value` (replacing any value it had)."""
        kept = tuple((k, v) for k, v in self.headers if k.lower() != name.lower())
        return MockResponse(self.status, (*kept, (name, value)), self.body)


def success(
    operation: Mapping[str, Any], include_body: bool, example: str | None = None
) -> MockResponse:
    """The first documented 2xx (else 3xx, else default as 200); NoSuchExample when it has no
    example named `example`."""
    responses: Mapping[str, Any] = operation.get("responses", {})
    for wanted in ("2", "3"):
        for key, response in responses.items():
            if key.startswith(wanted):
                status = int(key) if key.isdigit() else int(wanted + "00")
                return answer(status, response, include_body, example)
    return answer(200, responses.get("default", {}), include_body, example)


def status_answer(
    operation: Mapping[str, Any],
    status: int,
    errors: Mapping[int, DocumentedError],
    include_body: bool,
    example: str | None = None,
) -> MockResponse | None:
    """The answer with `status`: the operation's response for it (exact, else the `4XX`-style
    range or `default`, unless that has no body and the record documents an error with this
    status), else the record's documented error; None when neither exists. NoSuchExample when
    the response has no example named `example`."""
    responses: Mapping[str, Any] = operation.get("responses", {})
    documented = errors.get(status)
    if str(status) in responses:
        return answer(status, responses[str(status)], include_body, example)
    for key in (f"{str(status)[0]}XX", "default"):
        # a range or default without a body says less than the record's error of that status
        if key in responses and (responses[key].get("content") or documented is None):
            return answer(status, responses[key], include_body, example)
    if documented is None:
        return None
    if example is not None:
        raise NoSuchExample(f"the record's error {status} has no example named {example!r}")
    fields = {"status": status, "code": documented.code, "message": documented.meaning}
    body = {"error": {k: v for k, v in fields.items() if v is not None}}
    return _json(status, body, include_body)


def documented(
    operation: Mapping[str, Any], keys: tuple[str, ...], fallback: int, problem: str
) -> MockResponse:
    """The first of the operation's responses under `keys` (a range or default answers as
    `fallback`), with `problem` in a header; the mock's own error when none is documented."""
    responses: Mapping[str, Any] = operation.get("responses", {})
    key = next((k for k in keys if k in responses), None)
    status = int(key) if key is not None and key.isdigit() else fallback
    if key is None or not responses[key].get("content"):
        return error(status, problem)
    found = answer(status, responses[key], include_body=True)
    return found.with_header(*problem_header(problem))


def problem_header(problem: str) -> tuple[str, str]:
    """The X-Intreg-Mock-Problem header, in ASCII."""
    return PROBLEM_HEADER, problem.encode("ascii", "backslashreplace").decode("ascii")


def answer(
    status: int, response: Mapping[str, Any], include_body: bool, example: str | None = None
) -> MockResponse:
    """`response` answered with `status` and its example (the one named `example` if given;
    NoSuchExample when it has a body but no example of that name)."""
    headers = [(name, "example") for name in sorted(response.get("headers", {}))]
    content: Mapping[str, Any] = response.get("content", {})
    if not content:
        return MockResponse(status, tuple(headers), b"")  # no body: no example to pick (Prism)
    media_type, media = next(iter(content.items()))
    examples = _examples(media)
    if example is not None and example not in examples:
        raise NoSuchExample(f"the {status} response has no example named {example!r}")
    value = examples[example] if example is not None else _first_example(media, examples)
    headers.append(("Content-Type", media_type))
    body = _encode(media_type, value) if include_body else b""
    return MockResponse(status, tuple(headers), body)


def error(status: int, problem: str, allow: str | None = None) -> MockResponse:
    """The mock's own JSON error, for answers the stub does not document."""
    response = _json(status, {"error": {"status": status, "message": problem}}, True)
    response = response.with_header(*problem_header(problem))
    return response if allow is None else response.with_header("Allow", allow)


def _json(status: int, value: Any, include_body: bool) -> MockResponse:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8") if include_body else b""
    return MockResponse(status, (("Content-Type", "application/json"),), body)


def _examples(media: Mapping[str, Any]) -> dict[str, Any]:
    named = {
        str(name): example["value"]
        for name, example in media.get("examples", {}).items()
        if isinstance(example, Mapping) and "value" in example
    }
    if "example" in media:
        named.setdefault(DEFAULT_EXAMPLE, media["example"])
    return named


def _first_example(media: Mapping[str, Any], examples: Mapping[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    if examples:
        return next(iter(examples.values()))
    return sample_value(media.get("schema", {}))


def _encode(media_type: str, value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str) and not is_json(media_type):
        return value.encode("utf-8")
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
