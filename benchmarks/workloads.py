"""Large, deterministic workspaces for the benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from pm_postmortem.core.model import Action, Marker, TimelineEvent, WhyNode, new_workspace


def big_workspace(events: int = 2000, why_nodes: int = 300, actions: int = 100):
    rng = random.Random(7)
    ws = new_workspace("Benchmark incident", severity="S1", incident_date=date(2026, 3, 10))
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    markers = list(Marker)
    ws.timeline = [
        TimelineEvent(
            time=start + timedelta(seconds=17 * index),
            text=f"Event {index}: queue depth {rng.randint(1, 9999)} on worker-{index % 7} | retry",
            actor=f"svc-{index % 11}",
            marker=markers[index * len(markers) // events] if index % (events // len(markers)) == 0 else None,
        )
        for index in range(events)
    ]
    nodes: list[WhyNode] = []
    for index in range(why_nodes):
        parent = nodes[rng.randrange(len(nodes))].id if nodes and index % 5 else (nodes[-1].id if nodes else None)
        nodes.append(WhyNode(answer=f"because condition {index} held", parent=parent))
    ws.whys.nodes = nodes
    ws.whys.root_cause = nodes[-1].id
    ws.actions = [
        Action(number=index + 1, action=f"Action {index}", owner=f"team-{index % 5}", deadline=date(2026, 4, 1))
        for index in range(actions)
    ]
    return ws
