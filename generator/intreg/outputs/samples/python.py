"""A runnable Python sample with requests (the HTTP library most readers already have).

Values become Python literals through repr and pprint, never by pasting text into quotes, so
no apostrophe or backslash in a record can break the sample.
"""

from __future__ import annotations

from typing import Any

from intreg.outputs.samples.auth import Credential
from intreg.outputs.samples.request import Value, WireRequest
from intreg.outputs.samples.sigv4_text import PYTHON_IMPORTS, PYTHON_SIGNER


def python_sample(request: WireRequest) -> str:
    """The request as a Python script that prints the answer and fails on an error status;
    with AWS Signature Version 4, it signs the request itself (no SDK needed)."""
    sigv4 = request.sigv4
    needs_os = bool(request.env_vars) or sigv4 is not None
    lines = [*(f"# {note}" for note in request.notes)]
    if sigv4 is not None:
        lines += [*PYTHON_IMPORTS, ""]
    elif needs_os:
        lines += ["import os", ""]
    lines += ["import requests", ""]
    arguments = _arguments(request)
    if sigv4 is None:
        lines += [f"response = requests.{request.method.lower()}(", *arguments]
        lines.append(f"    timeout={request.timeout or 10:g},")
        lines.append(")")
    else:
        lines += [PYTHON_SIGNER, "", "request = requests.Request(", f"    {request.method!r},"]
        lines += [*arguments, ").prepare()"]
        key_id, secret = (_expression((c,)) for c in (sigv4.key_id, sigv4.secret))
        lines.append(
            f"sign_aws_v4(request, {sigv4.region!r}, {sigv4.service!r}, {key_id}, {secret})"
        )
        lines.append(
            f"response = requests.Session().send(request, timeout={request.timeout or 10:g})"
        )
    lines += ["response.raise_for_status()", "print(response.status_code, response.text)"]
    return "\n".join(lines)


def _arguments(request: WireRequest) -> list[str]:
    """The URL, params, headers, auth and body arguments, one per line."""
    lines = [f"    {_expression(request.url)},"]
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
    return lines + _body(request)


def _body(request: WireRequest) -> list[str]:
    if request.form is not None:
        return [_argument("data", _literal(list(request.form)))]
    if request.json is not None:
        return [_argument("json", _literal(request.json))]
    if request.text is not None:
        return [_argument("data", repr(request.text.encode("utf-8")))]
    if request.file is not None:
        return [_argument("data", f"open({request.file!r}, 'rb').read()")]
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
