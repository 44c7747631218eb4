"""Hand-computed metric cases, including an incident that crosses midnight."""

from datetime import UTC, datetime

from pm_postmortem.core.metrics import MetricState, compute_metrics, out_of_order_markers
from pm_postmortem.core.model import Marker, Targets, TimelineEvent


def event(hhmm: str, *markers: Marker, day: int = 10) -> TimelineEvent:
    hours, minutes = map(int, hhmm.split(":"))
    return TimelineEvent(time=datetime(2026, 3, day, hours, minutes, tzinfo=UTC), text=hhmm, markers=markers)


def test_all_five_metrics_from_markers():
    events = [
        event("14:00", Marker.IMPACT_START),
        event("14:07", Marker.DETECTED),
        event("14:15", Marker.MITIGATION_STARTED),
        event("14:19", Marker.DECLARED),
        event("14:30", Marker.COMMUNICATED),
        event("14:52", Marker.MITIGATED),
        event("15:35", Marker.RESOLVED),
    ]
    metrics = compute_metrics(events, Targets())
    assert metrics.ttd.minutes == 7 and metrics.ttd.over_target
    assert metrics.ttr.minutes == 8 and not metrics.ttr.over_target  # earliest of declared/mitigation
    assert metrics.ttm.minutes == 52
    assert metrics.mttr.minutes == 95 and metrics.mttr.over_target
    assert metrics.communicate.minutes == 23 and metrics.communicate.over_target
    assert metrics.duration == "01:35"
    assert metrics.ttd.display == "7 min"


def test_one_event_mitigated_and_resolved_gives_both_times():
    events = [
        event("14:00", Marker.IMPACT_START),
        event("14:07", Marker.DETECTED, Marker.DECLARED),
        event("14:47", Marker.RESOLVED, Marker.MITIGATED),
    ]
    metrics = compute_metrics(events, Targets())
    assert (metrics.ttd.minutes, metrics.ttr.minutes, metrics.ttm.minutes, metrics.mttr.minutes) == (7, 0, 47, 47)
    assert metrics.duration == "00:47"
    assert not metrics.duplicate_markers


def test_per_marker_the_earliest_event_carrying_it_counts():
    events = [
        event("14:00", Marker.IMPACT_START),
        event("14:30", Marker.MITIGATED),
        event("14:47", Marker.MITIGATED, Marker.RESOLVED),
    ]
    metrics = compute_metrics(events, Targets())
    assert (metrics.ttm.minutes, metrics.mttr.minutes) == (30, 47)
    assert metrics.duplicate_markers == {Marker.MITIGATED}


def test_crossing_midnight():
    events = [
        event("23:48", Marker.IMPACT_START, day=10),
        event("23:55", Marker.DETECTED, day=10),
        event("00:20", Marker.DECLARED, day=11),
        event("02:03", Marker.RESOLVED, day=11),
    ]
    metrics = compute_metrics(events, Targets())
    assert metrics.ttd.minutes == 7
    assert metrics.ttr.minutes == 25
    assert metrics.mttr.minutes == 135
    assert metrics.duration == "02:15"


def test_missing_marker_names_what_to_set():
    metrics = compute_metrics([event("10:00", Marker.DETECTED)], Targets())
    assert metrics.ttd.state is MetricState.MISSING
    assert metrics.ttd.display == "—"
    assert metrics.ttd.missing == (Marker.IMPACT_START,)
    assert "impact start" in metrics.ttd.explanation
    assert metrics.ttr.missing == (Marker.DECLARED,)
    assert metrics.duration == ""


def test_negative_interval_is_an_error_not_a_number():
    events = [event("10:30", Marker.IMPACT_START), event("10:00", Marker.RESOLVED)]
    metrics = compute_metrics(events, Targets())
    assert metrics.mttr.state is MetricState.NEGATIVE
    assert metrics.mttr.minutes is None
    assert "negative" in metrics.mttr.display
    assert out_of_order_markers(metrics.marker_times) == {Marker.RESOLVED: [Marker.IMPACT_START]}


def test_earliest_of_a_repeated_marker_counts():
    events = [
        event("10:00", Marker.IMPACT_START),
        event("10:20", Marker.DETECTED),
        event("10:09", Marker.DETECTED),
    ]
    metrics = compute_metrics(events, Targets(ttd=10))
    assert metrics.ttd.minutes == 9 and not metrics.ttd.over_target
    assert metrics.duplicate_markers == {Marker.DETECTED}


def test_a_missing_metric_says_which_markers_to_set_in_a_short_line():
    metrics = compute_metrics([], Targets())
    assert metrics.ttd.explanation == "mark impact start and detected in the timeline"
    assert metrics.mttr.explanation == "mark impact start and resolved in the timeline"
