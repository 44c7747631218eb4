"""Typed times and pasted timeline text."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_postmortem.core.model import Marker
from pm_postmortem.core.text import line_feeds, strip_terminal_sequences
from pm_postmortem.core.timeparse import (
    _NOT_NAMES,
    MARKER_PHRASES,
    MAX_PASTE_LINES,
    ParsedEvent,
    TimelineParse,
    TimeParseError,
    parse_time_entry,
    parse_timeline_text,
    parse_zone,
    split_marker_prefixes,
    too_many_lines,
)

DAY = date(2015, 10, 21)  # Berlin is UTC+2 (summer time) on this day
WINTER = date(2015, 12, 1)  # and UTC+1 on this one
BERLIN = "Europe/Berlin"
ACCEPTED = "use 14:51, 14:51:30, 2:51 pm, 2015-10-21 14:51, an ISO time with offset, now, or +5m"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- parse_time_entry: formats -------------------------------------------------------------

ENTRY_FORMATS = [
    ("14:51", (14, 51)),
    ("14:51:30", (14, 51, 30)),
    ("9:05", (9, 5)),
    ("2:51 pm", (14, 51)),
    ("2:51pm", (14, 51)),
    ("2:51 PM", (14, 51)),
    ("2:51 p.m.", (14, 51)),
    ("12:05 am", (0, 5)),
    ("12:05 pm", (12, 5)),
    ("2015-10-21 14:51", (14, 51)),
    ("2015-10-21T14:51:30", (14, 51, 30)),
    ("21.10.2015 14:51", (14, 51)),
    ("[14:51]", (14, 51)),
]


@pytest.mark.parametrize(("text", "clock"), ENTRY_FORMATS)
def test_entry_formats_in_utc(text: str, clock: tuple[int, ...]) -> None:
    assert parse_time_entry(text, default_date=DAY) == utc(2015, 10, 21, *clock)


@pytest.mark.parametrize(("text", "clock"), ENTRY_FORMATS)
def test_entry_formats_in_berlin_are_returned_in_utc(text: str, clock: tuple[int, ...]) -> None:
    local = datetime(2015, 10, 21, *clock, tzinfo=ZoneInfo(BERLIN))
    result = parse_time_entry(text, tz=BERLIN, default_date=DAY)
    assert result == local
    assert result.tzinfo is UTC
    assert result == utc(2015, 10, 21, *clock) - timedelta(hours=2)


def test_entry_follows_daylight_saving() -> None:
    assert parse_time_entry("14:51", tz=BERLIN, default_date=WINTER) == utc(2015, 12, 1, 13, 51)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-10-21T14:51:00+02:00", utc(2015, 10, 21, 12, 51)),
        ("2015-10-21T14:51:00-05:00", utc(2015, 10, 21, 19, 51)),
        ("2015-10-21T14:51:00+0530", utc(2015, 10, 21, 9, 21)),
        ("2015-10-21T14:51:00Z", utc(2015, 10, 21, 14, 51)),
        ("2015-10-21T14:51:00.250Z", utc(2015, 10, 21, 14, 51, 0, 250000)),
        ("2015-10-21 14:51 UTC", utc(2015, 10, 21, 14, 51)),
    ],
)
def test_explicit_offset_wins_over_tz(text: str, expected: datetime) -> None:
    assert parse_time_entry(text, tz=BERLIN) == expected


def test_entry_accepts_a_tzinfo() -> None:
    eastern = timezone(timedelta(hours=-5))
    assert parse_time_entry("14:51", tz=eastern, default_date=DAY) == utc(2015, 10, 21, 19, 51)


def test_entry_trims_whitespace() -> None:
    assert parse_time_entry("  \t14:51 \n", default_date=DAY) == utc(2015, 10, 21, 14, 51)


# --- parse_time_entry: now and relative -----------------------------------------------------


@pytest.mark.parametrize("text", ["now", "NOW", " Now "])
def test_now_uses_the_given_now(text: str) -> None:
    fixed = datetime(2015, 10, 21, 16, 29, tzinfo=ZoneInfo(BERLIN))
    result = parse_time_entry(text, now=fixed)
    assert result == utc(2015, 10, 21, 14, 29)
    assert result.tzinfo is UTC


def test_naive_now_is_in_tz() -> None:
    assert parse_time_entry("now", tz=BERLIN, now=datetime(2015, 10, 21, 16, 29)) == utc(
        2015, 10, 21, 14, 29
    )


def test_now_without_now_is_the_clock() -> None:
    before = datetime.now(UTC)
    result = parse_time_entry("now")
    assert before <= result <= datetime.now(UTC)


REFERENCE = utc(2015, 10, 21, 14, 0)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("+5m", timedelta(minutes=5)),
        ("-5m", timedelta(minutes=-5)),
        ("+1h30m", timedelta(hours=1, minutes=30)),
        ("+90s", timedelta(seconds=90)),
        ("+2h", timedelta(hours=2)),
        ("+1h 30m", timedelta(hours=1, minutes=30)),
        ("+10min", timedelta(minutes=10)),
        ("-1h5m10s", -timedelta(hours=1, minutes=5, seconds=10)),
    ],
)
def test_relative_counts_from_reference(text: str, delta: timedelta) -> None:
    assert parse_time_entry(text, reference=REFERENCE) == REFERENCE + delta


def test_relative_from_naive_reference_is_in_tz() -> None:
    result = parse_time_entry("+5m", tz=BERLIN, reference=datetime(2015, 10, 21, 16, 0))
    assert result == utc(2015, 10, 21, 14, 5)


@pytest.mark.parametrize("text", ["+5m", "-1h30m"])
def test_relative_needs_a_reference(text: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time_entry(text)
    assert str(caught.value) == f"{text} needs a selected event to count from"


# --- parse_time_entry: errors and the date of bare times ------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_entry_is_an_error(text: str) -> None:
    with pytest.raises(TimeParseError, match="^a time is required$"):
        parse_time_entry(text)


def test_error_names_what_was_typed_and_what_is_accepted() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time_entry("25:99")
    assert str(caught.value) == f"'25:99' is not a time: {ACCEPTED}"


@pytest.mark.parametrize(
    "text",
    [
        "25:99",
        "14:60",
        "14:51:61",
        "24:00",
        "13:00 pm",
        "0:30 am",
        "2015-02-30 14:51",
        "32.10.2015 14:51",
        "2015-10-21T14:51+25:00",
        "2015-10-21T14:51+02:75",
        "14",
        "1451",
        "14:51 tomorrow",
        "tomorrow",
        "+5",
        "+5x",
        "+",
        "+99999999999h",
    ],
)
def test_unreadable_entries_are_errors(text: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time_entry(text, reference=REFERENCE)
    assert str(caught.value) == f"{text!r} is not a time: {ACCEPTED}"
    assert isinstance(caught.value, ValueError)


def test_unknown_timezone_is_an_error() -> None:
    with pytest.raises(TimeParseError, match="not a timezone name"):
        parse_time_entry("14:51", tz="Mars/Olympus")


def test_bare_time_takes_the_reference_date_in_tz() -> None:
    late = utc(2015, 10, 21, 23, 30)  # already 22 October in Berlin
    result = parse_time_entry("10:00", tz=BERLIN, reference=late, default_date=DAY)
    assert result == utc(2015, 10, 22, 8, 0)


def test_bare_time_takes_default_date_without_reference() -> None:
    assert parse_time_entry("10:00", default_date=date(2020, 2, 29)) == utc(2020, 2, 29, 10, 0)


def test_bare_time_takes_today_in_tz() -> None:
    late = utc(2015, 10, 21, 23, 30)  # already 22 October in Berlin
    assert parse_time_entry("10:00", tz=BERLIN, now=late) == utc(2015, 10, 22, 8, 0)
    assert parse_time_entry("10:00", now=late) == utc(2015, 10, 21, 10, 0)


def test_bare_time_without_anything_is_today() -> None:
    today = {datetime.now(UTC).date()}
    result = parse_time_entry("10:00")
    today.add(datetime.now(UTC).date())
    assert result.date() in today
    assert (result.hour, result.minute) == (10, 0)


def test_dated_entry_ignores_reference_date() -> None:
    assert parse_time_entry("2015-10-21 14:51", reference=utc(2020, 1, 1)) == utc(
        2015, 10, 21, 14, 51
    )


# --- timeline text: times and separators ----------------------------------------------------


def one(text: str, **options: object) -> ParsedEvent:
    result = parse_timeline_text(text, date=options.pop("date", DAY), **options)  # type: ignore[arg-type]
    assert result.unparsed == []
    assert len(result.events) == 1
    return result.events[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14:51 Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51:30 Alert fired", utc(2015, 10, 21, 14, 51, 30)),
        ("2:51 PM Alert fired", utc(2015, 10, 21, 14, 51)),
        ("2:51pm Alert fired", utc(2015, 10, 21, 14, 51)),
        ("12:05 am Alert fired", utc(2015, 10, 21, 0, 5)),
        ("[14:51] Alert fired", utc(2015, 10, 21, 14, 51)),
        ("[10:02 AM] Alert fired", utc(2015, 10, 21, 10, 2)),
        ("(14:51) Alert fired", utc(2015, 10, 21, 14, 51)),
        ("2015-10-22 14:51 Alert fired", utc(2015, 10, 22, 14, 51)),
        ("2015-10-22T14:51:30 Alert fired", utc(2015, 10, 22, 14, 51, 30)),
        ("22.10.2015 14:51 Alert fired", utc(2015, 10, 22, 14, 51)),
        ("2015-10-22T14:51:00+02:00 Alert fired", utc(2015, 10, 22, 12, 51)),
        ("2015-10-22T14:51:00Z Alert fired", utc(2015, 10, 22, 14, 51)),
        ("[2015-10-22 14:51:02] Alert fired", utc(2015, 10, 22, 14, 51, 2)),
        ("14:51 - Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51 – Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51 — Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51: Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51 | Alert fired", utc(2015, 10, 21, 14, 51)),
        ("14:51|Alert fired", utc(2015, 10, 21, 14, 51)),
        ("[14:51] - Alert fired", utc(2015, 10, 21, 14, 51)),
    ],
)
def test_timeline_line_formats(line: str, expected: datetime) -> None:
    event = one(line)
    assert (event.line, event.time, event.text, event.actor, event.markers) == (
        1,
        expected,
        "Alert fired",
        "",
        (),
    )


def test_timeline_times_in_berlin_are_returned_in_utc() -> None:
    result = parse_timeline_text(
        "14:51 a\n2:51 pm b\n2015-10-21 14:51 c\n2015-10-21T14:51:00Z d", date=DAY, tz=BERLIN
    )
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 12, 51),
        utc(2015, 10, 21, 12, 51),
        utc(2015, 10, 21, 12, 51),
        utc(2015, 10, 21, 14, 51),
    ]


def test_timeline_accepts_a_tzinfo() -> None:
    event = one("14:51 a", tz=timezone(timedelta(hours=-5)))
    assert event.time == utc(2015, 10, 21, 19, 51)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("2015-10-21T14:51:02.123Z ERROR something broke", "ERROR something broke"),
        ("2015-10-21 14:51:02,123 WARN pool exhausted", "WARN pool exhausted"),
        ("2015-10-21T14:51:02Z app[web.1]: request failed", "app[web.1]: request failed"),
    ],
)
def test_log_lines_keep_their_level(line: str, text: str) -> None:
    event = one(line)
    assert event.text == text
    assert event.actor == ""
    assert event.time.replace(microsecond=0) == utc(2015, 10, 21, 14, 51, 2)


def test_log_line_fraction_is_kept() -> None:
    assert one("2015-10-21T14:51:02.123Z ERROR x").time == utc(2015, 10, 21, 14, 51, 2, 123000)


# --- timeline text: actors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "actor", "text"),
    [
        ("10:02 Anna Schmidt: rolled back", "Anna Schmidt", "rolled back"),
        ("10:02 anna: ok", "anna", "ok"),
        ("10:02 @anna: ok", "anna", "ok"),
        ("10:02 pagerduty-bot: alert on checkout", "pagerduty-bot", "alert on checkout"),
        ("10:02 Jürgen Müller: rolled back", "Jürgen Müller", "rolled back"),
        ("10:02 Anna Maria Schmidt: x", "Anna Maria Schmidt", "x"),
        ("10:02 j.doe_2: x", "j.doe_2", "x"),
        ("[10:02] anna: chat text", "anna", "chat text"),
        ("[10:02 AM] Anna Schmidt: chat text", "Anna Schmidt", "chat text"),
        ("10:02 AM <anna> irc text", "anna", "irc text"),
        ("[10:02] <@anna> irc text", "anna", "irc text"),
        ("10:02 - anna: text", "anna", "text"),
        ("10:02 anna: see: the logs", "anna", "see: the logs"),
    ],
)
def test_actor_is_split_off(line: str, actor: str, text: str) -> None:
    event = one(line)
    assert (event.actor, event.text) == (actor, text)


@pytest.mark.parametrize(
    "line",
    [
        "10:02 Error: disk full",
        "10:02 ERROR: disk full",
        "10:02 Warning: disk at 90%",
        "10:02 Note: customers noticed first",
        "10:02 Root cause: expired certificate",
        "10:02 the fix: restart the pool",
        "10:02 https://status.example.com shows red",
        "10:02 we saw the errors spike: 500s everywhere",
        "10:02 deploy of the new build: done",
        "10:02 ratio was 3:1",
        "10:02 42: the answer",
        "10:02 " + "x" * 41 + ": too long for a name",
        "10:02 anna:no space after the colon",
    ],
)
def test_no_actor_when_the_colon_is_not_after_a_name(line: str) -> None:
    event = one(line)
    assert event.actor == ""
    assert event.text == line.removeprefix("10:02 ")


# --- timeline text: markdown tables ---------------------------------------------------------


def test_table_rows_with_header_and_separator() -> None:
    text = (
        "| Time (UTC) | Event | Actor/System |\n"
        "|------------|-------|--------------|\n"
        "| 14:51 | Alert fired | Prometheus |\n"
        "| 14:53 | Incident declared |  |\n"
        "| 14:55 | Paged \\| escalated<br>to SRE | Anna Schmidt |\n"
    )
    result = parse_timeline_text(text, date=DAY)
    assert result.unparsed == []
    assert [(e.line, e.time, e.text, e.actor) for e in result.events] == [
        (3, utc(2015, 10, 21, 14, 51), "Alert fired", "Prometheus"),
        (4, utc(2015, 10, 21, 14, 53), "Incident declared", ""),
        (5, utc(2015, 10, 21, 14, 55), "Paged | escalated\nto SRE", "Anna Schmidt"),
    ]


def test_table_two_columns_and_br_variants() -> None:
    text = (
        "| Time | Description |\n"
        "| :--- | ---: |\n"
        "| 14:51 | one<br/>two<BR />three |\n"
        "| 2:52 PM | four \\| five"
    )
    result = parse_timeline_text(text, date=DAY, tz=BERLIN)
    assert result.unparsed == []
    assert [(e.time, e.text, e.actor) for e in result.events] == [
        (utc(2015, 10, 21, 12, 51), "one\ntwo\nthree", ""),
        (utc(2015, 10, 21, 12, 52), "four | five", ""),
    ]


def test_table_extra_cells_stay_in_the_text() -> None:
    event = one("| 14:51 | Alert | bot | p1 | ticket-9 |")
    assert (event.text, event.actor) == ("Alert | p1 | ticket-9", "bot")


def test_table_row_without_time_is_reported() -> None:
    result = parse_timeline_text("| soon | Alert | bot |\n| 14:51 | ok | |", date=DAY)
    assert result.unparsed == [(1, "| soon | Alert | bot |")]
    assert [e.text for e in result.events] == ["ok"]


def test_table_row_does_not_split_actor_from_text() -> None:
    assert one("| 14:51 | anna: rolled back |").actor == ""


# --- markers ---------------------------------------------------------------------------------


def test_marker_phrases() -> None:
    for marker in Marker:
        assert MARKER_PHRASES[marker.label] is marker
    assert MARKER_PHRASES["OUTAGE BEGINS"] is Marker.IMPACT_START
    assert MARKER_PHRASES["INCIDENT BEGINS"] is Marker.DECLARED
    assert MARKER_PHRASES["OUTAGE MITIGATED"] is Marker.MITIGATED
    assert MARKER_PHRASES["OUTAGE ENDS"] is Marker.RESOLVED
    assert MARKER_PHRASES["INCIDENT ENDS"] is Marker.ALL_CLEAR
    assert len(MARKER_PHRASES) == 15


@pytest.mark.parametrize("phrase", sorted(MARKER_PHRASES))
def test_bold_and_plain_marker_prefixes(phrase: str) -> None:
    marker = MARKER_PHRASES[phrase]
    for written in (f"**{phrase}** rest", f"{phrase} - rest", f"{phrase}: rest", f"{phrase} rest"):
        assert split_marker_prefixes(written) == ((marker,), "rest"), written
        assert one(f"14:51 {written}").markers == (marker,)
        assert one(f"14:51 {written}").text == "rest"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**DETECTED:** Alert fired", ((Marker.DETECTED,), "Alert fired")),
        ("**MITIGATION STARTED** – failover", ((Marker.MITIGATION_STARTED,), "failover")),
        ("OUTAGE ENDS – traffic normal", ((Marker.RESOLVED,), "traffic normal")),
        ("**ALL CLEAR**", ((Marker.ALL_CLEAR,), "")),
        ("**RESOLVED** **MITIGATED** back to normal", ((Marker.MITIGATED, Marker.RESOLVED), "back to normal")),
        ("OUTAGE MITIGATED, OUTAGE ENDS: traffic normal", ((Marker.MITIGATED, Marker.RESOLVED), "traffic normal")),
        ("OUTAGE ENDS — INCIDENT ENDS — all quiet", ((Marker.RESOLVED, Marker.ALL_CLEAR), "all quiet")),
        ("RESOLVED", ((Marker.RESOLVED,), "")),
        ("Detected by a customer", ((), "Detected by a customer")),
        ("**Detected** by a customer", ((), "**Detected** by a customer")),
        ("DETECTEDX happened", ((), "DETECTEDX happened")),
        ("IMPACT STARTED early", ((), "IMPACT STARTED early")),
        ("we DETECTED it", ((), "we DETECTED it")),
        ("", ((), "")),
    ],
)
def test_split_marker_prefixes(text: str, expected: tuple[tuple[Marker, ...], str]) -> None:
    assert split_marker_prefixes(text) == expected


def test_marker_with_actor_and_in_tables() -> None:
    result = parse_timeline_text(
        "14:51 anna: **MITIGATED** failed over\n"
        "14:52 **RESOLVED** bob: traffic normal\n"
        "14:53 DETECTED: Alert fired\n"
        "| 14:54 | **COMMUNICATED** status page | carol |\n"
        "| 14:55 | OUTAGE BEGINS | |",
        date=DAY,
    )
    assert [(e.markers, e.actor, e.text) for e in result.events] == [
        ((Marker.MITIGATED,), "anna", "failed over"),
        ((Marker.RESOLVED,), "bob", "traffic normal"),
        ((Marker.DETECTED,), "", "Alert fired"),
        ((Marker.COMMUNICATED,), "carol", "status page"),
        ((Marker.IMPACT_START,), "", ""),
    ]


def test_several_markers_as_prefixes_and_tokens() -> None:
    result = parse_timeline_text(
        "14:51 **MITIGATED** anna: **RESOLVED** error rate normal\n"
        "14:52 bob: error rate normal !resolved !mitigated\n"
        "| 14:53 | **COMMUNICATED** **ALL CLEAR** status page | carol |",
        date=DAY,
    )
    assert [(e.markers, e.actor, e.text) for e in result.events] == [
        ((Marker.MITIGATED, Marker.RESOLVED), "anna", "error rate normal"),
        ((Marker.MITIGATED, Marker.RESOLVED), "bob", "error rate normal"),
        ((Marker.COMMUNICATED, Marker.ALL_CLEAR), "carol", "status page"),
    ]


# --- continuation lines and blank lines -----------------------------------------------------


def test_continuation_lines_join_the_previous_event() -> None:
    text = (
        "14:51 anna: rolled back\n"
        "    the canary first\n"
        "then everything\n"
        "\n"
        "\t(and it worked)\n"
        "14:55 done\n"
    )
    result = parse_timeline_text(text, date=DAY)
    assert result.unparsed == []
    assert [(e.line, e.text) for e in result.events] == [
        (1, "rolled back\nthe canary first\nthen everything\n(and it worked)"),
        (6, "done"),
    ]


def test_indented_time_is_a_continuation() -> None:
    result = parse_timeline_text("14:51 stack trace:\n  14:52:01 at foo()", date=DAY)
    assert [e.text for e in result.events] == ["stack trace:\n14:52:01 at foo()"]


def test_time_only_line_takes_its_text_from_the_next_lines() -> None:
    assert one("14:51\n  Alert fired").text == "Alert fired"


def test_uniformly_indented_paste_reads_as_written() -> None:
    result = parse_timeline_text("    14:51 a\n      more\n    14:52 b", date=DAY)
    assert [(e.line, e.text) for e in result.events] == [(1, "a\nmore"), (3, "b")]


def test_text_before_the_first_event_is_reported() -> None:
    result = parse_timeline_text("Timeline for INC-42\n  all times UTC\n\n14:51 a", date=DAY)
    assert result.unparsed == [(1, "Timeline for INC-42"), (2, "  all times UTC")]
    assert [e.line for e in result.events] == [4]


def test_blank_text_gives_nothing() -> None:
    assert parse_timeline_text("", date=DAY) == TimelineParse([], [])
    assert parse_timeline_text(" \n\t\n\r\n", date=DAY) == TimelineParse([], [])


def test_windows_line_endings() -> None:
    result = parse_timeline_text("14:51 a\r\n  b\r\n14:52 c\r\n", date=DAY)
    assert [e.text for e in result.events] == ["a\nb", "c"]


@given(st.lists(st.sampled_from(["14:51 anna: a", "  more", "14:52 b", "junk", " ", "| 14:53 | c | d |"]), max_size=12),
       st.lists(st.sampled_from(["\r", "\r\n", "\n"]), min_size=12, max_size=12))
def test_cr_crlf_and_lf_are_each_a_line_break(lines: list[str], breaks: list[str]) -> None:
    """A terminal sends a paste's line breaks as CR; Windows text has CRLF: both read as LF."""
    mixed = "".join(line + end for line, end in zip(lines, breaks, strict=False))
    assert parse_timeline_text(mixed, date=DAY) == parse_timeline_text("\n".join(lines) + "\n" * bool(lines), date=DAY)


# --- dates of bare times ---------------------------------------------------------------------


def test_midnight_rollover() -> None:
    result = parse_timeline_text("23:50 a\n23:58 b\n00:05 c\n00:12 d", date=DAY)
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 23, 50),
        utc(2015, 10, 21, 23, 58),
        utc(2015, 10, 22, 0, 5),
        utc(2015, 10, 22, 0, 12),
    ]


def test_small_backward_step_is_kept() -> None:
    result = parse_timeline_text("14:10 a\n14:05 b\n14:20 c", date=DAY)
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 14, 10),
        utc(2015, 10, 21, 14, 5),
        utc(2015, 10, 21, 14, 20),
    ]


@pytest.mark.parametrize(
    ("before", "after", "rolls"),
    [
        ("18:00", "05:59", True),
        ("17:59", "05:59", False),
        ("18:00", "06:00", False),
        ("11:00 pm", "1:00 am", True),
        ("02:00", "01:00", False),
    ],
)
def test_rollover_window(before: str, after: str, rolls: bool) -> None:
    second = parse_timeline_text(f"{before} a\n{after} b", date=DAY).events[1]
    assert second.time.date() == (date(2015, 10, 22) if rolls else DAY)


def test_rollover_twice_and_in_tables() -> None:
    text = "| 22:00 | a |\n| 01:00 | b |\n| 20:00 | c |\n| 03:00 | d |"
    result = parse_timeline_text(text, date=DAY, tz=BERLIN)
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 20, 0),
        utc(2015, 10, 21, 23, 0),
        utc(2015, 10, 22, 18, 0),
        utc(2015, 10, 23, 1, 0),
    ]


def test_explicit_offset_amid_bare_times() -> None:
    text = "23:50 a\n2015-10-21T21:55:00-03:00 b\n23:59 c\n00:10 d"
    result = parse_timeline_text(text, date=DAY)
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 23, 50),
        utc(2015, 10, 22, 0, 55),
        utc(2015, 10, 21, 23, 59),
        utc(2015, 10, 22, 0, 10),
    ]


def test_given_date_applies_to_bare_times_only() -> None:
    result = parse_timeline_text("2020-01-01 10:00 a\n10:05 b", date=DAY)
    assert [e.time for e in result.events] == [utc(2020, 1, 1, 10, 0), utc(2015, 10, 21, 10, 5)]


def test_without_date_bare_times_follow_the_latest_full_date() -> None:
    text = "21.10.2015 23:50 a\n00:05 b\n2015-11-02T09:00:00+01:00 c\n09:30 d"
    result = parse_timeline_text(text, tz=BERLIN)
    assert [e.time for e in result.events] == [
        utc(2015, 10, 21, 21, 50),
        utc(2015, 10, 21, 22, 5),
        utc(2015, 11, 2, 8, 0),
        utc(2015, 11, 2, 8, 30),
    ]


def test_without_date_bare_times_are_today() -> None:
    zone = ZoneInfo(BERLIN)
    today = {datetime.now(zone).date()}
    event = parse_timeline_text("10:00 a", tz=BERLIN).events[0]
    today.add(datetime.now(zone).date())
    assert event.time.astimezone(zone).date() in today
    assert event.time.astimezone(zone).time().isoformat() == "10:00:00"


# --- junk ---------------------------------------------------------------------------------------


def test_unreadable_lines_are_reported_with_their_numbers() -> None:
    text = "intro\n14:51 a\n25:99 not a time\n\n14:52 b\n99:00 nope\n  more for b"
    result = parse_timeline_text(text, date=DAY)
    assert result.unparsed == [(1, "intro"), (3, "25:99 not a time"), (6, "99:00 nope")]
    assert [(e.line, e.text) for e in result.events] == [(2, "a"), (5, "b\nmore for b")]


def test_binary_junk_gives_no_events() -> None:
    junk = bytes((i * 37 + 11) % 256 for i in range(4000)).decode("latin-1")
    junk += "\n" + b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00".decode("latin-1")
    junk += "\n" + bytes(range(256)).decode("utf-8", errors="replace")
    result = parse_timeline_text(junk, date=DAY)
    assert result.events == []
    lines = line_feeds(junk).split("\n")
    assert [n for n, _ in result.unparsed] == [i + 1 for i, s in enumerate(lines) if s.strip()]


def test_junk_after_an_event_is_reported_not_joined() -> None:
    text = "14:51 a\n\x00\x01\x02garbage\n\x1b\x1b\x07\x08\n  fine \x1b[31mred\x1b[0m"
    result = parse_timeline_text(text, date=DAY)
    assert [n for n, _ in result.unparsed] == [2, 3]
    assert result.events[0].text == "a\nfine red"  # a colour is no part of the text


def test_control_characters_in_an_event_are_kept() -> None:
    assert one("14:51 bell\x07 and \x00 nul\x0bcr").text == "bell\x07 and \x00 nul\x0bcr"


def test_very_long_lines_are_reported_cut() -> None:
    long = "14:51 " + "x" * 10_000
    result = parse_timeline_text(f"14:50 a\n{long}\n{'y' * 10_000}", date=DAY)
    assert [e.text for e in result.events] == ["a"]
    assert [n for n, _ in result.unparsed] == [2, 3]
    assert all(len(reported) == 200 for _, reported in result.unparsed)
    assert result.unparsed[0][1] == long[:199] + "…"


def test_five_thousand_lines() -> None:
    lines = []
    for i in range(5000):
        minute = i % 1440
        if i % 5 == 4:
            lines.append(f"  continued {i}")
        else:
            lines.append(f"{minute // 60:02d}:{minute % 60:02d} user{i % 7}: event {i}")
    result = parse_timeline_text("\n".join(lines), date=DAY)
    assert result.unparsed == []
    assert len(result.events) == 4000
    assert result.events[0].text == "event 0"
    assert result.events[3].text == "event 3\ncontinued 4"
    assert result.events[-1].actor == f"user{4998 % 7}"


# --- properties -------------------------------------------------------------------------------


@given(st.text())
def test_never_raises_and_every_line_is_accounted_for(text: str) -> None:
    result = parse_timeline_text(text, date=DAY, tz=BERLIN)
    reported = {n for n, _ in result.unparsed}
    starts = {e.line: e for e in result.events}
    for number, line in enumerate(strip_terminal_sequences(line_feeds(text)).split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("|"):
            continue  # blank lines and table header or separator rows are skipped
        if number in reported or number in starts:
            continue
        owner = max((n for n in starts if n < number), default=None)
        assert owner is not None, (number, line)
        assert line.strip() in starts[owner].text


# actor names: not a word the parser refuses as a name, nor one starting with am/pm ("10:02 am: x"
# and "10:02 am-: x" are 10:02 AM)
names = (
    st.lists(
        st.text(alphabet=string.ascii_letters + "-._", min_size=1, max_size=8).filter(
            lambda word: (
                any(c.isalpha() for c in word)
                and word.lower() not in _NOT_NAMES
                and re.match(r"[ap]\.?m\.?(?![a-z])", word.lower()) is None  # "AM-" is AM, then "-"
            )
        ),
        min_size=1,
        max_size=3,
    )
    .map(" ".join)
    .filter(lambda name: not split_marker_prefixes(name)[0])
)
texts = (
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(lambda text: text and not split_marker_prefixes(text)[0])
)


@given(
    st.lists(
        st.tuples(st.integers(0, 1439), names, texts),
        min_size=1,
        max_size=20,
    )
)
def test_round_trip_of_actor_lines(events: list[tuple[int, str, str]]) -> None:
    events = sorted(events, key=lambda event: event[0])
    lines = [f"{m // 60:02d}:{m % 60:02d} {actor}: {text}" for m, actor, text in events]
    result = parse_timeline_text("\n".join(lines), date=DAY)
    assert result.unparsed == []
    assert [(e.time, e.actor, e.text) for e in result.events] == [
        (utc(2015, 10, 21) + timedelta(minutes=m), actor, text) for m, actor, text in events
    ]


def test_a_text_of_at_most_the_paste_limit_is_read_and_one_line_more_is_named():
    assert too_many_lines("\n".join(["14:00 x"] * MAX_PASTE_LINES)) is None
    for newline in ("\n", "\r", "\r\n"):  # terminals paste line breaks as carriage returns
        problem = too_many_lines(newline * MAX_PASTE_LINES)
        assert problem is not None and problem.startswith(f"{MAX_PASTE_LINES + 1:,} lines is more")


def test_terminal_escape_sequences_are_dropped_so_a_coloured_log_reads_in_order():
    text = "14:01 first\n\x1b[32m14:02\x1b[0m second\n14:03 third\x1b[A\x1b[2K\n\x1b]52;c;cHduZWQ=\x0714:04 fourth\n"
    result = parse_timeline_text(text, date=DAY)
    assert [(event.time.strftime("%H:%M"), event.text) for event in result.events] == [
        ("14:01", "first"),
        ("14:02", "second"),
        ("14:03", "third"),
        ("14:04", "fourth"),
    ]
    assert result.unparsed == []


@pytest.mark.parametrize(("typed", "stored"), [("", "UTC"), ("  Europe/Berlin ", "Europe/Berlin"), ("UTC", "UTC")])
def test_a_typed_timezone_is_stored_by_its_name(typed, stored):
    assert parse_zone(typed) == stored


@pytest.mark.parametrize("typed", ["Mars/Olympus", "../etc/passwd", "Europe/"])
def test_a_wrong_timezone_name_says_what_is_expected(typed):
    with pytest.raises(ValueError, match="^a timezone name, like UTC or Europe/Berlin$"):
        parse_zone(typed)


def test_every_line_not_read_has_its_reason_in_the_capture_line_s_words() -> None:
    from pm_postmortem.core.capture import CaptureError, parse_capture_line

    text = (
        "intro\n"  # 1
        "10:00 a\n"
        "| 25:00 | bad time |\n"  # 3
        "| soon | x |\n"  # 4
        "25:99 not a time\n"  # 5
        "2025-02-30 10:00 no such day\n"  # 6
        "13:05 pm bad clock\n"  # 7
        "\x00\x01junk\n"  # 8
        "11:05 Priya: " + "z" * 5000  # 9
    )
    result = parse_timeline_text(text, date=DAY)
    assert [number for number, _ in result.unparsed] == [1, 3, 4, 5, 6, 7, 8, 9]
    assert result.reasons == {
        1: "start the line with a time: 14:09, 2:09 pm or 2025-11-06 14:09",
        3: "25:00 is not a time of day: hours go up to 23, minutes up to 59",
        4: "a table row starts with its time: | 14:09 | what happened |",
        5: "25:99 is not a time of day: hours go up to 23, minutes up to 59",
        6: "2025-02-30 10:00 is not a date and time that exists",
        7: "13:05 pm is not a time of day: hours go up to 23, minutes up to 59",
        8: "binary data or control characters, not text",
        9: "the line is too long: 5,013 characters, at most 5,000",
    }
    for number in (5, 7, 9):  # the capture line says the same of the same line
        line = text.split("\n")[number - 1]
        with pytest.raises(CaptureError) as refused:
            parse_capture_line(line, day=DAY, zone=UTC, now=datetime(2015, 10, 21, tzinfo=UTC))
        assert str(refused.value) == result.reasons[number]


@pytest.mark.parametrize(
    "line",
    [
        "06:10 first pipeline fails: x509 certificate has expired on cache.build.internal",
        "06:12 the nightly job failed: disk full on build-7",
        "06:15 deploy went: green on all hosts",
    ],
)
def test_a_sentence_before_a_colon_is_no_actor(line):
    [event] = parse_timeline_text(line, date=DAY).events
    assert event.actor == "" and event.text == line[6:]


def test_names_and_systems_before_a_colon_are_still_actors():
    parsed = parse_timeline_text("06:10 ops team: paged\n06:11 Lena Hoffmann: joined\n06:12 build-7 runner: restarted", date=DAY)
    assert [event.actor for event in parsed.events] == ["ops team", "Lena Hoffmann", "build-7 runner"]
