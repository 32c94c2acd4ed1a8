"""Placeholders in a draft: `TODO ...` text for the writer, and a stand-in to test the draft.

Any text starting with TODO is reported by `intreg validate` (schemas/intreg/records/loader.py). The
stand-in is a valid value of the same field, so the importer can check that the draft passes
the model and the rules once every placeholder is filled.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from intreg.records.loader import PLACEHOLDER_PREFIX

STAND_IN_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Todo:
    """A value the spec cannot give: `text` goes into the draft, `stand_in` into the check."""

    text: str
    stand_in: Any

    def __post_init__(self) -> None:
        if not self.text.startswith(PLACEHOLDER_PREFIX):
            raise ValueError(f"a placeholder must start with {PLACEHOLDER_PREFIX}: {self.text!r}")


def realise(tree: Any, filled: bool) -> Any:
    """`tree` with each Todo replaced by its text, or (when `filled`) by its stand-in."""
    if isinstance(tree, Todo):
        # A fresh copy each time: the YAML dumper would turn a shared object into an alias.
        return copy.deepcopy(tree.stand_in) if filled else tree.text
    if isinstance(tree, dict):
        return {key: realise(value, filled) for key, value in tree.items()}
    if isinstance(tree, list):
        return [realise(value, filled) for value in tree]
    return tree


def todo_url(what: str) -> Todo:
    """A placeholder for a web address."""
    return Todo(f"TODO {what}", "https://example.com")


def todo_text(what: str) -> Todo:
    """A placeholder for free text."""
    return Todo(f"TODO {what}", "Filled in.")


def todo_examples(example: Any, marker: str) -> Any:
    """`example` with each text equal to `marker` made a placeholder (stand-in: plain text)."""
    if isinstance(example, dict):
        return {key: todo_examples(value, marker) for key, value in example.items()}
    if isinstance(example, list):
        return [todo_examples(value, marker) for value in example]
    return Todo(marker, "example text") if example == marker else example
