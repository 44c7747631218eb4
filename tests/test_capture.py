"""The capture line's reader: one typed line, one event, or one clear reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_postmortem.core.capture import CaptureError, parse_capture_line
from pm_postmortem.core.model import Marker
from pm_postmortem.core.timeparse import _NOT_NAMES

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
