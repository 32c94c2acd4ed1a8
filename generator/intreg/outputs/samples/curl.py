"""A ready-to-run curl command: record values quoted literally, only credentials expand."""

from __future__ import annotations

import shlex
from urllib.parse import quote

from intreg.outputs.samples.auth import Credential
from intreg.outputs.samples.request import Part, WireRequest
from intreg.records.json_text import dumps_indented


def curl_sample(request: WireRequest) -> str:
    """The request as shell text; the URL's query is percent-encoded (curl would read its
    brackets as a glob otherwise)."""
    url: list[Part] = [request.url]
    for index, (key, value) in enumerate(request.query):
        url += ["?" if index == 0 else "&", quote(key, safe="") + "="]
        url += [p if isinstance(p, Credential) else quote(p, safe=",:/") for p in value]
    # HEAD with -X would wait for a body that never comes; --head asks for headers only.
    method = "--head" if request.method == "HEAD" else f"-X {request.method}"
    args = [f"curl --fail-with-body {method} {_dq(*url)}"]
    args += [f"-H {_dq(f'{name}: ', *value)}" for name, value in request.headers]
    if request.basic is not None:
        args.append(f"-u {_dq(request.basic[0], ':', request.basic[1])}")
    args += _body(request)
    command = " \\\n  ".join(args)
    return "".join(f"# {note}\n" for note in request.notes) + command


def _body(request: WireRequest) -> list[str]:
    if request.form is not None:
        return [f"--data-urlencode {shlex.quote(f'{k}={v}')}" for k, v in request.form]
    if request.content_type is None:
        return []
    header = f"-H {shlex.quote('Content-Type: ' + request.content_type)}"
    if request.json is not None:
        return [header, f"-d {shlex.quote(dumps_indented(request.json))}"]
    return [header, f"--data-binary {shlex.quote(request.text or '')}"]


def _dq(*parts: Part) -> str:
    """Double-quoted shell text: literal parts escaped, credentials expanded as ${NAME}."""
    out = []
    for part in parts:
        if isinstance(part, Credential):
            out.append("${" + part.name + "}")
        else:
            out.append("".join("\\" + c if c in '\\"`$' else c for c in part))
    return '"' + "".join(out) + '"'
