"""The capture line's reader: one typed line, one event, or one clear reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_postmortem.core.capture import CaptureError, parse_capture_line, typed_after
from pm_postmortem.core.model import Marker
from pm_postmortem.core.timeparse import _NOT_NAMES, MAX_LINE_LENGTH

DAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
actors = words.filter(lambda word: word not in _NOT_NAMES) | st.characters(categories=["Lu", "Ll"])
"""Words that can be names ("he:", "note:" start a sentence), and one-letter names ("a:", "I:")."""


@given(
    minutes=st.integers(0, 24 * 60 - 1),
    actor=actors,
    text=st.lists(words, min_size=1, max_size=5).map(" ".join),
    markers=st.lists(st.sampled_from(Marker), max_size=3),
    dashes=st.booleans(),
)
def test_a_written_line_reads_back(minutes, actor, text, markers, dashes):
    hour, minute = divmod(minutes, 60)
    tokens = "".join(" !" + (marker.value.replace("_", "-") if dashes else marker.value) for marker in markers)
    captured = parse_capture_line(f"{hour:02d}:{minute:02d} {actor}: {text}{tokens}", day=DAY, zone=BERLIN, now=NOW)
    assert captured.time == datetime(2026, 3, 10, hour, minute, tzinfo=BERLIN).astimezone(UTC)
    assert (captured.actor, captured.text) == (actor, text)
    assert captured.markers == tuple(marker for marker in Marker if marker in markers)


@pytest.mark.parametrize(("line", "reason"), [
    ("", "type a time"),
    ("the database fell over", "start the line with a time"),
    ("25:99 bob: weird time", "25:99 is not a time of day"),
    ("[24:00] bob: weird time", "24:00 is not a time of day"),
    ("13:05 pm bob: weird time", "13:05 pm is not a time of day"),
    ("14:09", "say what happened"),
    ("14:09 db: failover !mit", "could be !mitigation_started or !mitigated"),
    ("14:09 db: failover !rca", "is not a marker"),
    ("14:09 db: failover !resolved !mit", "could be !mitigation_started or !mitigated"),
])
def test_a_line_that_cannot_be_read_says_why(line, reason):
    with pytest.raises(CaptureError, match=reason):
        parse_capture_line(line, day=DAY, zone=UTC, now=NOW)


def test_now_and_markup_and_unique_starts():
    captured = parse_capture_line("now @anna: [red]paged[/] the DBA !decl", day=DAY, zone=UTC, now=NOW)
    assert (captured.time, captured.actor, captured.text, captured.markers) == (
        NOW, "anna", "[red]paged[/] the DBA", (Marker.DECLARED,))


def test_several_markers_on_one_line():
    captured = parse_capture_line("15:02 api: error rate normal !mitigated !resolved", day=DAY, zone=UTC, now=NOW)
    assert (captured.time, captured.actor, captured.text, captured.markers) == (
        datetime(2026, 3, 10, 15, 2, tzinfo=UTC), "api", "error rate normal", (Marker.MITIGATED, Marker.RESOLVED))
    prefixed = parse_capture_line("15:02 **RESOLVED** api: error rate normal !mitigated", day=DAY, zone=UTC, now=NOW)
    assert prefixed.markers == (Marker.MITIGATED, Marker.RESOLVED)


def test_a_bare_time_follows_the_event_before_it_past_midnight():
    late = datetime(2026, 3, 10, 23, 55, tzinfo=UTC)
    after_midnight = parse_capture_line("00:30 ops: queue drained", day=DAY, zone=UTC, now=NOW, after=late)
    assert after_midnight.time == late + timedelta(minutes=35)
    earlier = parse_capture_line("14:00 ops: an earlier note", day=DAY, zone=UTC, now=NOW, after=late)
    assert earlier.time == datetime(2026, 3, 10, 14, tzinfo=UTC)


# --- what a newcomer ran into ------------------------------------------------------------


@pytest.mark.parametrize("token", ["!m", "!mi", "!mit", "!M", "!MIT"])
def test_every_start_of_two_markers_names_both(token):
    with pytest.raises(CaptureError, match=r"could be !mitigation_started or !mitigated$"):
        parse_capture_line(f"12:21 Jonas: x {token}", day=DAY, zone=UTC, now=NOW)


def test_a_start_too_short_for_the_one_marker_it_starts_says_what_to_type():
    with pytest.raises(CaptureError, match=r"^!c is too short: type !com or more for !communicated$"):
        parse_capture_line("12:21 Jonas: x !c", day=DAY, zone=UTC, now=NOW)
    assert parse_capture_line("12:21 Jonas: x !com", day=DAY, zone=UTC, now=NOW).markers == (Marker.COMMUNICATED,)


@pytest.mark.parametrize(("line", "reason"), [
    # the next line typed onto a refused one: never one event with both texts
    ("10:12 Jonas: paused DATEV export job !mit10:30 Lea: found the mapping changed !root",
     "!mit could be !mitigation_started or !mitigated"),
    ("10:12 Jonas: paused !rca10:30 Lea: found", "!rca is not a marker"),
    ("10:12 Jonas: rolled back !mitigated10:30 Lea: found", r"put a space after !mitigated \(it runs into 10:30\)"),
    ("10:12 Jonas: rolled back !resolved, all good", r"put a space after !resolved \(it runs into ,\)"),
])
def test_a_marker_run_into_more_text_is_refused(line, reason):
    with pytest.raises(CaptureError, match=reason):
        parse_capture_line(line, day=DAY, zone=UTC, now=NOW)


def test_exclamation_marks_inside_words_and_alone_stay_text():
    captured = parse_capture_line("10:12 ops: it broke! again!! 5 ! 1!x", day=DAY, zone=UTC, now=NOW)
    assert (captured.text, captured.markers) == ("it broke! again!! 5 ! 1!x", ())


def test_a_line_over_the_limit_says_it_is_too_long():
    line = "10:33 Priya: " + "y" * (MAX_LINE_LENGTH - 12)
    with pytest.raises(CaptureError, match=f"^the line is too long: {MAX_LINE_LENGTH + 1:,} characters, at most 5,000$"):
        parse_capture_line(line, day=DAY, zone=UTC, now=NOW)
    assert parse_capture_line(line[:-1], day=DAY, zone=UTC, now=NOW).actor == "Priya"


@pytest.mark.parametrize(("line", "refused", "expected"), [
    ("10:12 a: job !mit10:30 Lea: found", "10:12 a: job !mit", "10:30 Lea: found"),
    ("14:09 10:30 Lea: found", "14:09 ", "10:30 Lea: found"),
    ("10:12 a: job !mit now ops: paged", "10:12 a: job !mit", "now ops: paged"),
    ("25:99 x2025-11-06 10:30 b: c", "25:99 x", "2025-11-06 10:30 b: c"),
    ("10:12 a: job !mitigated", "10:12 a: job !mit", None),  # put right: the same line
    ("10:12 a: job !mit 10:30", "10:12 b: other", None),  # not the refused line any more
])
def test_what_was_typed_after_a_refused_line(line, refused, expected):
    assert typed_after(line, refused) == expected


@given(
    first=st.lists(words, min_size=1, max_size=4).map(" ".join),
    token=st.sampled_from(["!m", "!mi", "!mit", "!d", "!de", "!rca", "!x", "!re"]),
    minutes=st.integers(0, 24 * 60 - 1),
    actor=actors,
    second=st.lists(words, min_size=1, max_size=4).map(" ".join),
)
def test_a_line_typed_onto_a_refused_one_is_never_read_as_one_event(first, token, minutes, actor, second):
    refused = f"10:12 jonas: {first} {token}"
    with pytest.raises(CaptureError):
        parse_capture_line(refused, day=DAY, zone=UTC, now=NOW)
    hour, minute = divmod(minutes, 60)
    following = f"{hour:02d}:{minute:02d} {actor}: {second}"
    glued = refused + following
    with pytest.raises(CaptureError):
        parse_capture_line(glued, day=DAY, zone=UTC, now=NOW)
    assert typed_after(glued, refused) == following
