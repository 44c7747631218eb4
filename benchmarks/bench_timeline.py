"""Timeline table: keypress-to-repaint work for edits at 100 and 2,000 events, and a 5,000-line paste.

Each edit runs in a headless ``app.run_test()``: "cpu" is the processor time from the editor call
until after ``await pilot.pause()`` (the DocumentChanged message handled by every pane, the table
updated, the screen painted; autosave and the debounced coach recount are switched off so they are
not counted, and wall time is not used because ``pause`` sleeps while it waits for idle). "table" is the timeline pane's
``refresh_from`` alone. Cursor moves are timed the same way at the top and bottom of the table.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_timeline.py   (medians in ms)
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_workspace  # noqa: E402

import pm_postmortem.tui.app as app_module  # noqa: E402
from pm_postmortem.core import store  # noqa: E402
from pm_postmortem.core.model import Marker  # noqa: E402
from pm_postmortem.core.timeparse import parse_timeline_text  # noqa: E402
from pm_postmortem.tui.app import PostmortemApp  # noqa: E402
from pm_postmortem.tui.screens.timeline_paste import TimelinePasteScreen  # noqa: E402
from pm_postmortem.tui.widgets.timeline_pane import TimelinePane  # noqa: E402

REPEAT = 15
FIXED_NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def paste_text(lines: int = 5000) -> str:
    rng = random.Random(3)
    rows = []
    for index in range(lines):
        moment = datetime(2026, 3, 10, 8, 0) + timedelta(seconds=11 * index)
        rows.append(f"{moment:%H:%M:%S} anna: worker-{index % 9} queue depth {rng.randint(1, 9999)} | retry")
    return "\n".join(rows)


async def measure_app(events: int, results: dict[str, dict[int, float]]) -> None:
    app_module.AUTOSAVE_DELAY = 3600  # no save thread in the measurements
    if hasattr(app_module, "COACH_RECOUNT_DELAY"):
        app_module.COACH_RECOUNT_DELAY = 3600  # nor the debounced language-coach recount
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.toml"
        store.save_workspace(path, big_workspace(events=events, why_nodes=10, actions=5))
        app = PostmortemApp(path, cursor_blink=False, clock=lambda: FIXED_NOW)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            pane = app.screen.query_one(TimelinePane)
            editor = app.editor
            table_times: list[float] = []
            original = pane.refresh_from

            def timed_refresh(changes):
                started = time.perf_counter()
                original(changes)
                table_times.append((time.perf_counter() - started) * 1000)

            pane.refresh_from = timed_refresh

            async def timed(name: str, action) -> None:
                timings = []
                table_times.clear()
                for run in range(REPEAT):
                    started = time.process_time()
                    action(run)
                    await pilot.pause()
                    timings.append((time.process_time() - started) * 1000)
                results.setdefault(f"{name} (cpu)", {})[events] = statistics.median(timings)
                if table_times:
                    results.setdefault(f"{name} (table only)", {})[events] = statistics.median(table_times)

            middle = editor.workspace.timeline[events // 2]
            added: list[str] = []

            def add(run: int) -> None:
                event = editor.add("timeline", {"time": middle.time, "text": f"added {run}"})
                added.append(event.id)

            def edit_text(run: int) -> None:
                editor.update("timeline", middle.id, text=f"edited {run}")

            def edit_time(run: int) -> None:  # moves the row: re-places every row
                editor.update("timeline", middle.id, time=middle.time + timedelta(seconds=(-1) ** run * 40))

            def delete(run: int) -> None:
                editor.delete("timeline", added.pop())

            def marker(run: int) -> None:
                event = editor.workspace.timeline[events // 3]
                editor.toggle_marker(event.id, Marker.DETECTED)

            await timed("nothing changed: the pause alone", lambda run: None)
            await timed("add one event", add)
            await timed("edit its text", edit_text)
            await timed("edit its time (row moves)", edit_time)
            await timed("delete one event", delete)
            await timed("toggle a marker", marker)

            table = pane.grid
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                pane.redraw()  # what opening the workspace, a reload or a big paste costs
                timings.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
            results.setdefault("rebuild the whole table", {})[events] = statistics.median(timings)
            for label, row in (("cursor down (top)", 0), ("cursor down (bottom)", table.row_count - REPEAT - 2)):
                table.move_cursor(row)
                await pilot.pause()
                timings = []
                for _ in range(REPEAT):
                    started = time.process_time()
                    await pilot.press("down")
                    timings.append((time.process_time() - started) * 1000)
                results.setdefault(f"{label} (cpu)", {})[events] = statistics.median(timings)

            if events == 2000:
                text = paste_text()
                screen = TimelinePasteScreen(
                    day=date(2026, 3, 10), zone=UTC, zone_name="UTC", add=pane.add_parsed
                )
                app.push_screen(screen)
                await pilot.pause()
                screen.query_one("#paste-text").load_text(text)
                await pilot.pause()
                started = time.perf_counter()
                screen.read()
                await pilot.pause()
                results["paste 5,000 lines: parse + preview"] = {2000: (time.perf_counter() - started) * 1000}
                started = time.perf_counter()
                await pilot.press("enter")
                await pilot.pause()
                results["paste 5,000 lines: add + table"] = {2000: (time.perf_counter() - started) * 1000}
                assert len(editor.workspace.timeline) == 7000
                started = time.perf_counter()
                await pilot.press("ctrl+z")
                await pilot.pause()
                results["undo the paste"] = {2000: (time.perf_counter() - started) * 1000}


def parse_only() -> float:
    text = paste_text()
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        parse = parse_timeline_text(text, date=date(2026, 3, 10), tz="Europe/Berlin")
        timings.append((time.perf_counter() - started) * 1000)
    assert len(parse.events) == 5000
    return statistics.median(timings)


def main() -> None:
    results: dict[str, dict[int, float]] = {}
    for events in (100, 2000):
        asyncio.run(measure_app(events, results))
    results["parse 5,000 pasted lines"] = {2000: parse_only()}
    print(f"{'':<44} {'100 events':>11} {'2,000 events':>13}   (median ms)")
    for name, values in results.items():
        small = f"{values[100]:9.2f}" if 100 in values else " " * 9
        print(f"  {name:<42} {small:>11} {values.get(2000, float('nan')):13.2f}")


if __name__ == "__main__":
    main()
