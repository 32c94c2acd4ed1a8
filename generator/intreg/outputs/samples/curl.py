"""A ready-to-run curl command: record values quoted literally, only credentials expand."""

from __future__ import annotations

import re
import shlex
from typing import Any
from urllib.parse import quote

from intreg.outputs.samples.auth import Credential, Part
from intreg.outputs.samples.request import WireRequest
from intreg.records.json_text import dumps_indented


def curl_sample(request: WireRequest) -> str:
    """The request as shell text; the URL's query is percent-encoded (curl would read its
    brackets as a glob otherwise)."""
    url: list[Part] = list(request.url)
    for index, (key, value) in enumerate(request.query):
        url += ["?" if index == 0 else "&", quote(key, safe="") + "="]
        url += [p if isinstance(p, Credential) else quote(p, safe=",:/") for p in value]
    # HEAD with -X would wait for a body that never comes; --head asks for headers only.
    method = "--head" if request.method == "HEAD" else f"-X {request.method}"
    args = [f"curl --fail-with-body {method} {_dq(*url)}"]
    args += [f"-H {_dq(f'{name}: ', *value)}" for name, value in request.headers]
    if request.basic is not None:
        args.append(f"-u {_dq(request.basic[0], ':', request.basic[1])}")
    if request.sigv4 is not None:
        sigv4 = request.sigv4  # curl signs it (--aws-sigv4, curl 7.75 and later)
        scope = f"aws:amz:{sigv4.region}:{sigv4.service}"
        args.append(f"--aws-sigv4 {_dq(scope)} -u {_dq(sigv4.key_id, ':', sigv4.secret)}")
        if sigv4.service == "s3":  # S3 requires the payload hash header; curl 7.x omits it
            args.append("-H 'x-amz-content-sha256: UNSIGNED-PAYLOAD'")
    args += _body(request)
    command = " \\\n  ".join(args)
    return "".join(f"# {note}\n" for note in request.notes) + command


def _body(request: WireRequest) -> list[str]:
    if request.form is not None:
        return [_form_field(k, v) for k, v in request.form]
    if request.content_type is None:
        return []
    header = f"-H {shlex.quote('Content-Type: ' + request.content_type)}"
    if request.json is not None:
        return [header, f"-d {_with_credentials(dumps_indented(_slotted(request.json)))}"]
    if request.file is not None:
        return [header, f"--data-binary {shlex.quote('@' + request.file)}"]
    return [header, f"--data-binary {shlex.quote(request.text or '')}"]


def _form_field(key: str, value: Part) -> str:
    if isinstance(value, Credential):
        return f"--data-urlencode {_dq(key + '=', value)}"
    return f"--data-urlencode {shlex.quote(f'{key}={value}')}"


# A credential in a JSON body is written as a marked string, then as "${NAME}" in the shell.
_SLOT = "\x00intreg-credential:"
_SLOT_IN_JSON = re.compile(r'"\\u0000intreg-credential:([A-Z][A-Z0-9_]*)"')


def _slotted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _SLOT + v.name if isinstance(v, Credential) else v for k, v in value.items()}
    return value


def _with_credentials(data: str) -> str:
    """JSON text single-quoted for the shell, each credential a double-quoted ${NAME}."""
    pieces = _SLOT_IN_JSON.split(data)
    out = [shlex.quote(pieces[0] + ('"' if len(pieces) > 1 else ""))]
    for index in range(1, len(pieces), 2):
        last = index + 2 >= len(pieces)
        out += [
            _dq(Credential(pieces[index])),
            shlex.quote('"' + pieces[index + 1] + ("" if last else '"')),
        ]
    return "".join(out)


def _dq(*parts: Part) -> str:
    """Double-quoted shell text: literal parts escaped, credentials expanded as ${NAME}."""
    out = []
    for part in parts:
        if isinstance(part, Credential):
            out.append("${" + part.name + "}")
        else:
            out.append("".join("\\" + c if c in '\\"`$' else c for c in part))
    return '"' + "".join(out) + '"'
