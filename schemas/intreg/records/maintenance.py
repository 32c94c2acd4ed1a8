"""Who maintains the record, when it is reviewed, how the API is versioned, what changed."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from intreg.records.cadence import DUE_SOON_DAYS, ReviewState, next_due, review_state
from intreg.records.types import Cadence, Count, Day, Email, Markdown, Part, Slug, Text, Url


class Person(Part):
    """Someone in a maintenance role, with the address their reminders go to."""

    name: Text = Field(description="Full name.", examples=["Jane Doe"])
    email: Email = Field(description="Where review reminders for this role reach them.")
    chat: Text | None = Field(
        default=None, description="Chat handle, shown in chat reminders.", examples=["@jane"]
    )

    def __str__(self) -> str:
        # Pages show the name; the address is for reminders, not for publishing.
        return self.name


# A role holds a name (as before; reminders then reach only the team address) or a Person.
RoleHolder = Text | Person


class Roles(Part):
    """The people who maintain the integration, by role: each a name or {name, email, chat}."""

    api_developer: RoleHolder | None = Field(
        default=None, description="Writes and fixes the code; told of sunsets and rate limits."
    )
    technical_writer: RoleHolder | None = Field(
        default=None, description="Keeps this record current; told of reviews."
    )
    qa_tester: RoleHolder | None = Field(default=None, description="Owns its tests.")
    system_administrator: RoleHolder | None = Field(
        default=None, description="Owns credentials and infrastructure; told of rotations."
    )
    project_manager: RoleHolder | None = Field(
        default=None,
        description="Project manager or team lead; told when an item is overdue for longer "
        "than review.escalate_after_days.",
    )


class Owner(Part):
    """The team that owns the integration."""

    team: Slug = Field(description="Owning team, as a slug.", examples=["payments"])
    contact: Email = Field(description="Team email address; review reminders go here.")
    roles: Roles | None = Field(default=None, description="People in each maintenance role.")


class Review(Part):
    """When the record was last reviewed, and how often it must be."""

    last_reviewed: Day = Field(description="Date of the last review (YYYY-MM-DD).")
    cadence: Cadence = Field(
        description="How often to review: monthly, quarterly, annual, or an ISO 8601 duration."
    )
    reviewers: list[Text] = Field(default_factory=list, description="Who reviewed it last.")
    escalate_after_days: Count | None = Field(
        default=None,
        ge=0,
        description="Days an item may be overdue before its reminder also goes to "
        "owner.roles.project_manager (default 14).",
    )

    @property
    def next_due(self) -> dt.date:
        """The date the next review is due."""
        return next_due(self.last_reviewed, self.cadence)

    def state(self, today: dt.date, within: int = DUE_SOON_DAYS) -> ReviewState:
        """Overdue after the due date; due soon from `within` days before it; else ok."""
        return review_state(self.next_due, today, within)


class Versioning(Part):
    """How the provider versions its API, and the state of the version we use."""

    deprecated_on: Day | None = Field(
        default=None, description="When the provider deprecated the version we use."
    )
    sunset_on: Day | None = Field(
        default=None, description="When the version we use stops working."
    )
    upgrade_plan: Markdown | None = Field(
        default=None, description="How and when we move to a newer version, in Markdown."
    )
    policy: Text | None = Field(
        default=None, description="The provider's versioning policy in a sentence."
    )
    changelog_url: Url | None = Field(default=None, description="The provider's API changelog.")
    source: Url | None = Field(default=None, description="Provider page on versioning.")


class Change(Part):
    """One entry of the record's change log."""

    date: Day = Field(description="When the change was made (YYYY-MM-DD).")
    summary: Text = Field(description="What changed.")
    author: Text | None = Field(default=None, description="Who made the change.")


class Source(Part):
    """A page the record's facts come from."""

    title: Text = Field(description="What the page is.")
    url: Url = Field(description="Its address.")
