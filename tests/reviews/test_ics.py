from __future__ import annotations

import datetime as dt

import icalendar

from intreg.records.loader import load_record
from intreg.reviews.checker import check_reviews
from intreg.reviews.ics import escape_text, event_uid, fold_line, render_ics
from tests.reviews.records import D, change, named, reviewed, with_writer


def load(text: str, record_id: str):
    return load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id).report


TODAY = D(2026, 11, 1)
STRIPE = load(with_writer(named("stripe")), "stripe")  # due 2027-01-01
LONG_NAME = "Zahlungsdienst für Überweisungen; Lastschriften, Karten - und mehr"
PAY_TEXT = change(named("pay"), "Example Payments", LONG_NAME)
PAY = load(reviewed("2028-01-31", "monthly", PAY_TEXT), "pay")  # due 2028-02-29


def render(records=(STRIPE, PAY), today=TODAY, name="intreg reviews") -> str:
    return render_ics(check_reviews(list(records), today, 30), name)


def test_calendar_parses_with_one_event_per_record():
    calendar = icalendar.Calendar.from_ical(render())
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == (
        "2.0",
        "-//intreg//integration reviews//EN",
    )
    events = [
        (str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")
    ]
    assert events == [
        ("review-pay@intreg", D(2028, 2, 29), f"Review {LONG_NAME} (pay)"),
        ("review-stripe@intreg", D(2027, 1, 1), "Review Example Payments (stripe)"),
    ]
    stamp = calendar.walk("VEVENT")[0].decoded("DTSTAMP")
    assert stamp == dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def test_description_says_who_owns_it_and_what_to_do():
    [pay, _] = icalendar.Calendar.from_ical(render()).walk("VEVENT")
    assert str(pay["DESCRIPTION"]) == (
        "Owner: payments (payments@example.com)\n"
        "Record: registry/pay.yaml\n"
        "Last reviewed 2028-01-31, cadence monthly, due 2028-02-29.\n"
        "Check the record against the provider's documentation, then set "
        "review.last_reviewed to the date of the review.\n"
        "Also to do:\n"
        "- warning: no person is named for team `payments`; reminders reach only "
        "payments@example.com [owner-contact-missing]\n"
        "- warning: last_reviewed 2028-01-31 is after today (2026-11-01) [review-in-future]"
    )


def test_lines_end_in_crlf_and_fold_at_75_octets():
    data = render().encode("utf-8")
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode("utf-8")  # a fold never splits a character


def test_fold_keeps_multibyte_characters_whole():
    folded = fold_line("X:" + "€" * 30)  # 2 + 90 octets
    assert folded == "X:" + "€" * 24 + "\r\n " + "€" * 6 + "\r\n"
    assert fold_line("A" * 75) == "A" * 75 + "\r\n"
    assert fold_line("A" * 76) == "A" * 75 + "\r\n A\r\n"


def test_text_values_escape_backslash_semicolon_comma_and_newline():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_uids_are_stable_and_output_is_deterministic():
    assert event_uid("stripe") == "review-stripe@intreg"
    assert render() == render(records=(PAY, STRIPE))
    later = render(records=(STRIPE,), today=D(2026, 12, 1))
    assert "UID:review-stripe@intreg\r\n" in later
    assert "DTSTAMP:20261201T000000Z\r\n" in later


def test_calendar_name_is_escaped():
    assert "X-WR-CALNAME:intreg reviews: payments\\, cards\r\n" in render(
        name="intreg reviews: payments, cards"
    )


def test_sunsets_and_dated_rotations_are_events_too():
    scope = "      scope: backend\n"
    text = change(
        with_writer(named("keys")),
        scope,
        f"{scope}      rotation: P90D\n      last_rotated: 2026-10-01\n",
    )
    text += "versioning:\n  sunset_on: 2027-03-01\n  changelog_url: https://example.com/log\n"
    calendar = icalendar.Calendar.from_ical(render([load(text, "keys")]))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert list(events) == ["review-keys@intreg", "sunset-keys@intreg", "rotation-keys-0@intreg"]
    sunset, rotation = events["sunset-keys@intreg"], events["rotation-keys-0@intreg"]
    assert (sunset.decoded("DTSTART"), str(sunset["SUMMARY"])) == (
        D(2027, 3, 1),
        "Sunset of Example Payments API 1.10 (keys)",
    )
    assert str(sunset["DESCRIPTION"]) == (
        "Owner: payments (payments@example.com)\n"
        "Record: registry/keys.yaml\n"
        "API version 1.10 stops working on 2027-03-01. Move to a supported version, then "
        "update api.version and versioning.\n"
        "Changelog: https://example.com/log"
    )
    assert rotation.decoded("DTSTART") == D(2026, 12, 30)
    assert str(rotation["SUMMARY"]) == "Rotate `EXAMPLE_SECRET_KEY` for Example Payments (keys)"


def test_an_undated_rotation_has_no_event():
    scope = "      scope: backend\n"
    text = change(with_writer(named("keys")), scope, f"{scope}      rotation: P90D\n")
    calendar = icalendar.Calendar.from_ical(render([load(text, "keys")]))
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["review-keys@intreg"]
