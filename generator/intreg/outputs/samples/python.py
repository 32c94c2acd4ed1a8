"""A runnable Python sample with requests (the HTTP library most readers already have).

Values become Python literals through repr and pprint, never by pasting text into quotes, so
no apostrophe or backslash in a record can break the sample.
"""

from __future__ import annotations

from typing import Any

from intreg.outputs.samples.auth import Credential
from intreg.outputs.samples.request import Value, WireRequest


def python_sample(request: WireRequest) -> str:
    """The request as a Python script that prints the answer and fails on an error status."""
    needs_os = bool(request.env_vars)
    lines = [*(f"# {note}" for note in request.notes)]
    if request.sigv4 is not None:
        lines.append(
            f"# Sign with AWS Signature Version 4 ({request.sigv4.region}, "
            f"{request.sigv4.service}): the AWS SDK does it (boto3); requests alone does not."
        )
    lines += ["import os", ""] if needs_os else []
    lines += ["import requests", "", f"response = requests.{request.method.lower()}("]
    lines.append(f"    {_expression(request.url)},")
    if request.query:
        items = "".join(f"        ({k!r}, {_expression(v)}),\n" for k, v in request.query)
        lines.append(_argument("params", f"[\n{items}    ]"))
    headers = [(name, _expression(value)) for name, value in request.headers]
    if request.content_type is not None and request.json is None and request.form is None:
        headers.append(("Content-Type", repr(request.content_type)))
    if headers:
        lines.append("    headers={")
        lines += [f"        {name!r}: {value}," for name, value in headers]
        lines.append("    },")
    if request.basic is not None:
        user, password = (_expression((c,)) for c in request.basic)
        lines.append(f"    auth=({user}, {password}),")
    lines += _body(request)
    lines.append(f"    timeout={request.timeout or 10:g},")
    lines += [")", "response.raise_for_status()", "print(response.status_code, response.text)"]
    return "\n".join(lines)


def _body(request: WireRequest) -> list[str]:
    if request.form is not None:
        return [_argument("data", _literal(list(request.form)))]
    if request.json is not None:
        return [_argument("json", _literal(request.json))]
    if request.text is not None:
        return [_argument("data", repr(request.text.encode("utf-8")))]
    return []


def _argument(name: str, literal: str) -> str:
    return f"    {name}={literal},"


def _literal(value: Any, indent: str = "    ") -> str:
    """A Python literal laid out one item per line (repr for every scalar and key)."""
    inner = indent + "    "
    if isinstance(value, dict) and value:
        items = [f"{inner}{k!r}: {_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        items = [f"{inner}{_literal(v, inner)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{indent}]"
    if isinstance(value, tuple):
        return (
            "("
            + ", ".join(_literal(v, indent) for v in value)
            + ("," if len(value) == 1 else "")
            + ")"
        )
    if isinstance(value, Credential):
        return f"os.environ[{value.name!r}]"
    return repr(value)


def _expression(value: Value) -> str:
    """Text and credentials joined: 'Bearer ' + os.environ['TOKEN']."""
    terms = [
        f"os.environ[{part.name!r}]" if isinstance(part, Credential) else repr(part)
        for part in value
        if part != ""
    ]
    return " + ".join(terms) or "''"
