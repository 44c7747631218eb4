"""The incident metrics, computed from the markers on timeline events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pm_postmortem.core.model import Marker, Targets, TimelineEvent


class MetricState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    NEGATIVE = "negative"


@dataclass(frozen=True)
class Metric:
    """One metric: its value in minutes, or why it has none."""

    key: str
    name: str
    minutes: int | None
    target: int | None
    state: MetricState
    missing: tuple[Marker, ...] = ()

    @property
    def over_target(self) -> bool:
        return self.minutes is not None and self.target is not None and self.minutes > self.target

    @property
    def display(self) -> str:
        """``12 min``, ``—`` when a marker is missing, an error text when negative."""
        if self.state is MetricState.OK:
            return f"{self.minutes} min"
        if self.state is MetricState.NEGATIVE:
            return "error: negative interval"
        return "—"

    @property
    def explanation(self) -> str:
        """What a person should do about a metric without a value."""
        if self.state is MetricState.MISSING:
            names = " and ".join(marker.label.lower() for marker in self.missing)
            return f"mark {names} in the timeline"
        if self.state is MetricState.NEGATIVE:
            return "the end marker comes before the start marker: check their times"
        return ""


@dataclass(frozen=True)
class Metrics:
    ttd: Metric
    ttr: Metric
    ttm: Metric
    mttr: Metric
    communicate: Metric
    marker_times: dict[Marker, datetime]
    duplicate_markers: frozenset[Marker]

    @property
    def all(self) -> tuple[Metric, ...]:
        return (self.ttd, self.ttr, self.ttm, self.mttr, self.communicate)

    @property
    def duration(self) -> str:
        """Time to resolve as HH:MM, or "" when it cannot be computed."""
        if self.mttr.minutes is None:
            return ""
        hours, minutes = divmod(self.mttr.minutes, 60)
        return f"{hours:02d}:{minutes:02d}"

    def replaces_typed(self, typed: str) -> bool:
        """Whether the markers' duration differs from a ``typed`` one, which it then replaces."""
        return bool(typed and self.duration and typed != self.duration)

    def duration_or(self, typed: str) -> str:
        """The incident's duration: the markers' (impact start → resolved) when they are set, else
        the one typed; Overview, Preview and the export all show this one."""
        return self.duration or typed


def first_marker_times(events: Iterable[TimelineEvent]) -> tuple[dict[Marker, datetime], set[Marker]]:
    """The earliest time of each marker, and the markers on more than one event."""
    times: dict[Marker, datetime] = {}
    duplicates: set[Marker] = set()
    for event in events:
        for marker in event.markers:
            if marker in times:
                duplicates.add(marker)
                times[marker] = min(times[marker], event.time)
            else:
                times[marker] = event.time
    return times, duplicates


def _interval(
    key: str,
    name: str,
    times: dict[Marker, datetime],
    start: Marker,
    ends: tuple[Marker, ...],
    target: int | None,
) -> Metric:
    end_times = [times[marker] for marker in ends if marker in times]
    missing = tuple(marker for marker in (start,) if marker not in times)
    if not end_times:
        missing += ends[:1]
    if missing:
        return Metric(key, name, None, target, MetricState.MISSING, missing)
    seconds = (min(end_times) - times[start]).total_seconds()
    if seconds < 0:
        return Metric(key, name, None, target, MetricState.NEGATIVE)
    return Metric(key, name, round(seconds / 60), target, MetricState.OK)


def compute_metrics(events: Iterable[TimelineEvent], targets: Targets) -> Metrics:
    times, duplicates = first_marker_times(events)
    return Metrics(
        ttd=_interval(
            "ttd", "Time to Detect (TTD)", times, Marker.IMPACT_START, (Marker.DETECTED,), targets.ttd
        ),
        ttr=_interval(
            "ttr",
            "Time to Respond (TTR)",
            times,
            Marker.DETECTED,
            (Marker.DECLARED, Marker.MITIGATION_STARTED),
            targets.ttr,
        ),
        ttm=_interval(
            "ttm", "Time to Mitigate (TTM)", times, Marker.IMPACT_START, (Marker.MITIGATED,), targets.ttm
        ),
        mttr=_interval(
            "mttr", "Time to Resolve (MTTR)", times, Marker.IMPACT_START, (Marker.RESOLVED,), targets.mttr
        ),
        communicate=_interval(
            "communicate",
            "Time to Communicate",
            times,
            Marker.DETECTED,
            (Marker.COMMUNICATED,),
            targets.communicate,
        ),
        marker_times=times,
        duplicate_markers=frozenset(duplicates),
    )


_EXPECTED_BEFORE = {
    Marker.DETECTED: (Marker.IMPACT_START,),
    Marker.DECLARED: (Marker.DETECTED, Marker.IMPACT_START),
    Marker.MITIGATION_STARTED: (Marker.DETECTED, Marker.IMPACT_START),
    Marker.MITIGATED: (Marker.MITIGATION_STARTED, Marker.IMPACT_START),
    Marker.ROOT_CAUSE_IDENTIFIED: (Marker.IMPACT_START,),
    Marker.FIX_DEPLOYED: (Marker.IMPACT_START,),
    Marker.RESOLVED: (Marker.MITIGATED, Marker.DETECTED, Marker.IMPACT_START),
    Marker.COMMUNICATED: (Marker.DETECTED,),
    Marker.ALL_CLEAR: (Marker.RESOLVED,),
}


def out_of_order_markers(times: dict[Marker, datetime]) -> dict[Marker, list[Marker]]:
    """Markers set earlier than a marker that should precede them, e.g. resolved before detected."""
    problems: dict[Marker, list[Marker]] = {}
    for marker, earlier in _EXPECTED_BEFORE.items():
        if marker not in times:
            continue
        for expected in earlier:
            if expected in times and times[expected] > times[marker]:
                problems.setdefault(marker, []).append(expected)
    return problems
