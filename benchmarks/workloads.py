"""Large, deterministic workspaces for the benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from pm_postmortem.core.export import to_markdown
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
            markers=[markers[index * len(markers) // events]] if index % (events // len(markers)) == 0 else [],
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


def big_markdown(size: int = 10 * 1024 * 1024) -> str:
    """This project's markdown export of about `size` bytes, nearly all of it timeline rows.

    The events are the short ones of `big_workspace`, so the document holds as many table rows
    as an export of this size can (about 125,000 at 10 MiB): the slowest kind to import. Notes
    fill up the last kilobytes.
    """
    # Rows are measured with dates: the events span days (17 s apart), so times carry them.
    small, large = (len(to_markdown(big_workspace(events=n)).encode()) for n in (6000, 12000))
    per_event = (large - small) / 6000
    ws = big_workspace(events=int((size - small) * 0.99 / per_event) + 6000)
    line = "Padding that brings the document to its size; it is read as notes.\n"
    ws.notes = line * ((size - len(to_markdown(ws).encode())) // len(line))
    return to_markdown(ws)
