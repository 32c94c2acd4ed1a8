"""The Content-Security-Policy override: theme scripts allowed by hash, inline script refused."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

from intreg.outputs.site.csp import SCOPE, inline_script_hashes, render_override


def test_the_override_extends_the_theme_and_states_the_policy() -> None:
    page = render_override(["'sha256-AAAA'", "'sha256-BBBB'"]).decode()
    assert page.splitlines()[1:] == [
        '{% extends "base.html" %}',
        "{% block site_meta %}",
        "  {{- super() }}",
        "  {%- if not config.extra.intreg_preview %}",
        '  <meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        "script-src 'self' 'sha256-AAAA' 'sha256-BBBB'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'\">",
        "  {%- endif %}",
        "{% endblock %}",
    ]


def test_material_storage_script_is_allowed_as_it_renders_with_the_fixed_scope() -> None:
    partial = resources.files("material").joinpath("templates/partials/javascripts/base.html")
    script = re.search(r"<script>(.*)</script>", partial.read_text(encoding="utf-8"), re.DOTALL)
    assert script is not None
    rendered = script.group(1).replace("{{ config.extra.scope | d(base_url) }}", SCOPE)
    digest = base64.b64encode(hashlib.sha256(rendered.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in inline_script_hashes()


def test_hashes_are_sorted_and_never_unsafe_keywords() -> None:
    hashes = inline_script_hashes()
    assert hashes == sorted(set(hashes)) and len(hashes) >= 2
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", h) for h in hashes)
