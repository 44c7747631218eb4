"""Following and suggesting: a follower's reload at 100 and 2,000 events, and the inbox.

"reload (cpu)" is the processor time of one look at a changed file in a headless follower on the
timeline pane: reading and validating the file, every pane rebuilt, the screen painted. A
follower looks every 0.5 s, so a change shows after at most 0.5 s plus this. "append" is one
suggestion written (lock, write, fsync); "read" is the whole inbox of 1,000 suggestions read.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_follow.py   (medians in ms)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_workspace  # noqa: E402

from pm_postmortem.core import inbox, store  # noqa: E402
from pm_postmortem.core.model import TimelineEvent  # noqa: E402
from pm_postmortem.tui.follow import FollowApp  # noqa: E402

REPEAT = 9
SUGGESTIONS = 1000


async def reload_cpu(events: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.toml"
        workspace = big_workspace(events=events, why_nodes=10, actions=5)
        store.save_workspace(path, workspace)
        app = FollowApp(path, cursor_blink=False)
        timings = []
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f10", "f3")
            await pilot.pause()
            for run in range(REPEAT):
                last = workspace.timeline[-1].time
                workspace.timeline.append(TimelineEvent(time=last + timedelta(minutes=1), text=f"added {run}"))
                store.save_workspace(path, workspace)
                started = time.process_time()
                app.look_again()
                await pilot.pause()
                timings.append((time.process_time() - started) * 1000)
                assert app.editor.workspace.timeline[-1].text == f"added {run}"
        return statistics.median(timings)


def inbox_times() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.toml"
        appends = []
        now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
        for number in range(SUGGESTIONS):
            suggestion = inbox.new_suggestion("Anna", "action", f"idea {number}: alert on pool use", now=now)
            started = time.perf_counter()
            inbox.add_suggestion(path, suggestion)
            appends.append((time.perf_counter() - started) * 1000)
        reads = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            assert len(inbox.read_inbox(path).suggestions) == SUGGESTIONS
            reads.append((time.perf_counter() - started) * 1000)
        return statistics.median(appends), statistics.median(reads)


def main() -> None:
    for events in (100, 2000):
        print(f"follower reload (cpu), {events:>5} events: {asyncio.run(reload_cpu(events)):7.1f} ms")
    append, read = inbox_times()
    print(f"inbox append, one suggestion:          {append:7.2f} ms")
    print(f"inbox read, {SUGGESTIONS:,} suggestions:           {read:7.2f} ms")


if __name__ == "__main__":
    main()
