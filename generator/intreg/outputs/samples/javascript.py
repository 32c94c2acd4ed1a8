"""A JavaScript sample with fetch (Node.js 18+ or a browser-less runtime), as an ES module.

Literals are JSON, which is valid JavaScript; credentials come from process.env.
"""

from __future__ import annotations

import json
import re

from intreg.outputs.samples.auth import Credential
from intreg.outputs.samples.request import Value, WireRequest
from intreg.outputs.samples.sigv4_text import JAVASCRIPT_SIGNER


def javascript_sample(request: WireRequest) -> str:
    """The request as an ES module (top-level await) that prints the answer and throws on an
    error status; with AWS Signature Version 4, it signs the request itself (no SDK needed)."""
    sigv4 = request.sigv4
    lines = [*(f"// {note}" for note in request.notes)]
    if request.file is not None:
        lines.append('import { readFileSync } from "node:fs";')
    if sigv4 is not None:
        lines += [JAVASCRIPT_SIGNER]
    lines.append(f"const url = new URL({_expression(request.url)});")
    for key, value in request.query:
        lines.append(f"url.searchParams.append({_js(key)}, {_expression(value)});")
    headers = [(name, _expression(value)) for name, value in request.headers]
    if request.basic is not None:
        user, password = (_expression((c,)) for c in request.basic)
        basic = f'Buffer.from(`${{{user}}}:${{{password}}}`).toString("base64")'
        headers.append(("Authorization", f'"Basic " + {basic}'))
    body = _body(request)
    if request.content_type is not None and (request.form is None or sigv4 is not None):
        headers.append(("Content-Type", _js(request.content_type)))
    if sigv4 is None:
        lines += ["const response = await fetch(url, {", f"  method: {_js(request.method)},"]
        if headers:
            lines.append("  headers: {")
            lines += [f"    {_js(name)}: {value}," for name, value in headers]
            lines.append("  },")
        if body is not None:
            lines.append(f"  body: {body},")
    else:
        # The signature covers the body's exact bytes: the body is a string from the start.
        text = "undefined" if body is None else body
        text += ".toString()" if request.form is not None else ""
        key_id, secret = (_expression((c,)) for c in (sigv4.key_id, sigv4.secret))
        lines += [f"const body = {text};", "const headers = signAwsV4("]
        lines += [f"  {_js(request.method)},", "  url,", "  {"]
        lines += [f"    {_js(name)}: {value}," for name, value in headers]
        lines += ["  },", "  body,", f"  {_js(sigv4.region)},", f"  {_js(sigv4.service)},"]
        lines += [f"  {key_id},", f"  {secret},", ");"]
        lines += ["const response = await fetch(url, {", f"  method: {_js(request.method)},"]
        lines += ["  headers,", "  body,"]
    if request.timeout is not None:
        lines.append(f"  signal: AbortSignal.timeout({round(request.timeout * 1000)}),")
    lines += [
        "});",
        "const text = await response.text();",
        "if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);",
        "console.log(response.status, text);",
    ]
    return "\n".join(lines)


def _body(request: WireRequest) -> str | None:
    if request.form is not None:
        pairs = _with_credentials(
            json.dumps([[k, _slot(v)] for k, v in request.form], ensure_ascii=False)
        )
        return f"new URLSearchParams({pairs})"
    if request.json is not None:
        value = request.json
        if isinstance(value, dict):
            value = {k: _slot(v) for k, v in value.items()}
        text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        return f"JSON.stringify({_with_credentials(text)})"
    if request.text is not None:
        return _js(request.text)
    if request.file is not None:
        return f"readFileSync({_js(request.file)})"
    return None


# A credential inside a JSON literal is written as a marked string, then as process.env.NAME.
_SLOT = "\x00intreg-credential:"
_SLOT_IN_JSON = re.compile(r'"\\u0000intreg-credential:([A-Z][A-Z0-9_]*)"')


def _slot(value: object) -> object:
    return _SLOT + value.name if isinstance(value, Credential) else value


def _with_credentials(text: str) -> str:
    return _SLOT_IN_JSON.sub(lambda m: f"process.env.{m.group(1)}", text)


def _js(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _expression(value: Value) -> str:
    terms = [
        f"process.env.{part.name}" if isinstance(part, Credential) else _js(part)
        for part in value
        if part != ""
    ]
    return " + ".join(terms) or '""'
