"""Systems' maintenance tasks in `intreg reviews`: the table, JSON, the calendar and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import icalendar
from dateutil.rrule import rrulestr

from intreg.records.system_loader import load_system
from intreg.records.task_schedule import current_period, is_periodic
from intreg.reviews.checker import check_reviews
from intreg.reviews.ics import render_ics
from intreg.reviews.render import render_json, render_table, summarise
from intreg.reviews.tasks import due_tasks
from tests.helpers import CASES

SHOP = (CASES / "systems" / "shop.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)  # a Friday
WEEKLY = "  - {cadence: weekly, task: Check quotas, owner_role: qa_tester}\n"
ANNUAL = "  - {cadence: annual, task: Renew contracts, owner_role: project_manager}\n"
TASKS = "maintenance:\n" + WEEKLY + ANNUAL


def system(text: str = SHOP, path: str = "registry/systems/shop.yaml"):
    return load_system(text.encode(), path, "shop")


def report(text: str = SHOP, today: dt.date = TODAY, owner: str | None = None):
    return check_reviews([], today, 30, owner, [system(text)])


def test_each_task_is_due_at_the_end_of_its_period_with_who_does_it() -> None:
    tasks = report(SHOP.replace("maintenance:\n", TASKS)).tasks
    line = SHOP.splitlines().index("maintenance:") + 2
    assert [(t.cadence, t.task, t.who, t.due, t.period, t.line) for t in tasks] == [
        ("daily", "Check error logs", "system_administrator (Sam Admin)", TODAY, "today", line + 2),
        ("weekly", "Check quotas", "qa_tester", dt.date(2026, 11, 29), "this week", line),
        (
            "quarterly",
            "Review contracts",
            "project_manager (Pat Manager)",
            dt.date(2026, 12, 31),
            "this quarter",
            line + 3,
        ),
        (
            "annual",
            "Renew contracts",
            "project_manager (Pat Manager)",
            dt.date(2026, 12, 31),
            "this year",
            line + 1,
        ),
    ]


def test_the_text_report_lists_them_after_the_reviews_and_counts_them() -> None:
    found = report(SHOP.replace("maintenance:\n", TASKS))
    assert render_table(found) == (
        "no records\n"
        "\n"
        "maintenance tasks of the systems, soonest first:\n"
        "system  cadence    task              who                               due\n"
        "shop    daily      Check error logs  system_administrator (Sam Admin)  "
        "2026-11-27 (today)\n"
        "shop    weekly     Check quotas      qa_tester                         "
        "2026-11-29 (this week)\n"
        "shop    quarterly  Review contracts  project_manager (Pat Manager)     "
        "2026-12-31 (this quarter)\n"
        "shop    annual     Renew contracts   project_manager (Pat Manager)     "
        "2026-12-31 (this year)\n"
    )
    assert summarise(found).endswith(
        "; maintenance tasks: 2 due this week, 0 more this month, 2 later"
    )


def test_json_gives_each_task_with_its_file_line_and_days() -> None:
    data = json.loads(render_json(report()))
    assert data["tasks"][0] == {
        "system": "shop",
        "name": "Shop",
        "file": "registry/systems/shop.yaml",
        "line": SHOP.splitlines().index("maintenance:") + 2,
        "cadence": "daily",
        "task": "Check error logs",
        "owner_role": "system_administrator",
        "person": "Sam Admin",
        "owner": "shop",
        "contact": "shop@example.com",
        "period_starts": "2026-11-27",
        "due": "2026-11-27",
        "days_until_due": 0,
    }
    assert [t["due"] for t in data["tasks"]] == ["2026-11-27", "2026-12-31"]


def test_each_calendar_event_repeats_on_exactly_the_days_a_task_is_due() -> None:
    text = SHOP.replace(
        "maintenance:\n",
        TASKS + "  - {cadence: monthly, task: Costs, owner_role: project_manager}\n",
    )
    found = report(text)
    calendar = icalendar.Calendar.from_ical(render_ics(found))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365 * 2)]
    for t in found.tasks:
        event = events[f"task-shop-{t.index}@intreg"]
        start = event.decoded("DTSTART")
        assert start == dt.date(2026, 1, 1) or start.year == 2026
        rule = rrulestr(
            event["RRULE"].to_ical().decode(), dtstart=dt.datetime(*start.timetuple()[:3])
        )
        repeats = {
            d.date()
            for d in rule.between(dt.datetime(2026, 1, 1), dt.datetime(2027, 12, 31), inc=True)
        }
        # The week of 31 December 2027 ends in 2028, after the span the rule is expanded over.
        expected = {current_period(t.cadence, d).due for d in days} - {dt.date(2028, 1, 2)}
        assert repeats == expected, t.cadence
        assert str(event["SUMMARY"]) == f"{t.task} (Shop, {t.cadence})"
        assert TODAY.isoformat() not in str(event["DESCRIPTION"])  # same text every day


def test_a_system_file_that_fails_to_load_is_reported_and_makes_the_run_fail() -> None:
    broken = system(SHOP.replace("  team: shop\n", ""))
    found = check_reviews([], TODAY, 30, None, [broken])
    assert found.unloaded == ["registry/systems/shop.yaml"] and found.overdue
    assert [f.code for f in found.findings] == ["missing-field"]
    assert found.tasks == []


def test_owner_keeps_the_teams_systems_only() -> None:
    assert len(report(owner="shop").tasks) == 2


def test_a_task_done_on_an_event_has_no_due_day_and_is_left_out() -> None:
    loaded = system().system
    assert loaded is not None
    event_task = loaded.system.maintenance[0].model_copy(update={"cadence": "on_change"})
    changed = loaded.system.model_copy(
        update={"maintenance": [event_task, *loaded.system.maintenance[1:]]}
    )
    found = due_tasks([replace(loaded, system=changed)], TODAY)
    assert [t.task for t in found] == ["Review contracts"]
    assert not is_periodic("on_change") and is_periodic("quarterly")
