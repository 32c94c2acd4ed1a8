"""Trimmed real provider specs (tests/specs/corpus), and filling an imported draft's TODOs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from intreg.importer.examples import TEXT_TODO

CORPUS = Path(__file__).resolve().parent / "specs" / "corpus"


def corpus_spec(relative: str) -> Path:
    """The trimmed copy of a provider spec; its source and licence are in CORPUS/MANIFEST.md."""
    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(f"no trimmed copy {path}: add it to KEEP in {CORPUS / 'trim.py'} and run it")
    return path


# A real value for each kind of placeholder an imported draft has, by the field's key.
STAND_INS: dict[str, Any] = {
    "name": "Acme",
    "website": "https://acme.example",
    "docs_url": "https://acme.example/docs",
    "purpose": "Charge listing fees.",
    "team": "payments",
    "contact": "payments@example.com",
    "description": "Filled in.",
    "obtain": "Dashboard > API keys",
    "source": "https://acme.example/docs",
    "url": "https://acme.example/spec.yaml",
    "limit": 100,
    "period": "second",
    "scope": "per account",
    "last_reviewed": dt.date(2026, 11, 24),
    "cadence": "quarterly",
    "date": dt.date(2026, 11, 24),
}


def fill_draft(text: str) -> str:
    """The draft with every TODO value replaced by a real one (comments are dropped)."""
    return yaml.safe_dump(_fill(yaml.safe_load(text), ""), sort_keys=False, allow_unicode=True)


def _fill(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, key) for v in value]
    if isinstance(value, str) and value.startswith("TODO"):
        # Example values are placeholders under any field name (issue 17): they get text.
        return "example text" if value == TEXT_TODO else STAND_INS[key]
    return value
