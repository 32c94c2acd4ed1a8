"""The documentation levels of the scorecard, apart from it so that the command line and
validate can name them without importing the model."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """How far a record meets the documentation standard, lowest first."""

    DRAFT = 0  # a required section is still thin
    BASIC = 1  # what it is, how to call it, who owns it
    OPERATIONAL = 2  # also what fails, how to test it, where it is configured
    COMPLETE = 3  # also the version's future and how we watch it

    @property
    def label(self) -> str:
        return self.name.lower()
