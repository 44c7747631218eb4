"""Typing cost: the facilitator's keys against a minimal Textual app doing the same, in one run.

- "form burst": ``a``, a time, tab, a text, tab, an actor, enter (21 keys) at 2,000 events, in
  pm-postmortem (the event form) and in a minimal Textual app (a DataTable of 2,000 rows, a modal
  of three Inputs, ``add_row`` on enter). The event form is built at the first ``a`` and kept,
  so the first burst of a session is measured on its own too. Also the same event through the
  capture line (``i``, the line, enter, escape).
- "grid keys": down, up, a marker (``m``, ``d``, enter: detected on or off) and delete + undo on
  the timeline at 50 and at 2,000 events.

Each figure is the process CPU time (``time.process_time``) from posting the keys to the app
having handled them and repainted (``pilot.pause`` until idle), median of several runs; autosave
and the coach recount are switched off in pm-postmortem so that only typing is measured.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_typing.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import Vertical  # noqa: E402
from textual.screen import ModalScreen  # noqa: E402
from textual.widgets import DataTable, Input  # noqa: E402
from workloads import big_workspace  # noqa: E402

import pm_postmortem.tui.app as app_module  # noqa: E402
from pm_postmortem.core import store  # noqa: E402
from pm_postmortem.tui.app import PostmortemApp  # noqa: E402

REPEAT = 7
FIXED_NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b"}


def spelled(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


FORM_BURST = ["a", *"15:40", "tab", *spelled("queue backs"), "tab", *"anna", "enter"]
CAPTURE_BURST = ["i", *spelled("15:40 anna: queue backs"), "enter", "escape"]


def post(app: App, keys: list[str]) -> None:
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else CHARACTERS.get(key)))


class EventForm(ModalScreen[tuple[str, str, str] | None]):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(id="time")
            yield Input(id="text")
            yield Input(id="actor")

    def on_input_submitted(self) -> None:
        self.dismiss(tuple(self.query_one(f"#{name}", Input).value for name in ("time", "text", "actor")))


class MinimalApp(App):
    """What Textual needs for the same work: a table, a form of three inputs, add_row."""

    BINDINGS = [("a", "add", "Add")]

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Time", "Event", "Actor")
        table.add_rows((f"08:{index % 60:02d}", f"Event {index}", "svc") for index in range(self.rows))
        table.focus()

    def action_add(self) -> None:
        self.push_screen(EventForm(), lambda row: row and self.query_one(DataTable).add_row(*row))


async def measure(app: App, keys: list[str], done, reset, first: tuple[str, ...] = (), repeat: int = REPEAT) -> float:
    """Median CPU of posting ``keys`` until ``done(app)``, ``reset`` between runs; ``first`` is
    pressed once before (the pane to type in)."""
    timings = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*first)
        await pilot.pause()
        for _ in range(repeat):
            started = time.process_time()
            post(app, keys)
            while not done(app):
                await pilot.pause()
            await pilot.pause()
            timings.append((time.process_time() - started) * 1000)
            await reset(pilot)
    return statistics.median(timings)


def workspace_app(folder: str, events_count: int) -> PostmortemApp:
    path = Path(folder) / f"typing-{events_count}.toml"
    store.save_workspace(path, big_workspace(events=events_count, why_nodes=10, actions=5))
    app = PostmortemApp(path, cursor_blink=False, clock=lambda: FIXED_NOW)
    app.animation_level = "none"
    return app


def added_one_row(app: MinimalApp) -> bool:
    return not isinstance(app.screen, EventForm) and app.query_one(DataTable).row_count > app.rows


def added_one_event(app: PostmortemApp) -> bool:
    return len(app.editor.workspace.timeline) > app.start_count and app.screen is app.workspace_screen


async def undo(pilot) -> None:
    pilot.app.editor.undo()
    await pilot.pause()


async def undo_row(pilot) -> None:
    table = pilot.app.query_one(DataTable)
    table.remove_row(list(table.rows)[-1])
    await pilot.pause()


async def main() -> None:
    app_module.AUTOSAVE_DELAY = 3600
    app_module.COACH_RECOUNT_DELAY = 3600
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["minimal Textual: form burst, 2,000 rows"] = await measure(
            MinimalApp(2000), FORM_BURST, added_one_row, undo_row
        )
        for name, keys in (("form burst", FORM_BURST), ("capture-line burst", CAPTURE_BURST)):
            app = workspace_app(folder, 2000)
            app.start_count = 2000
            results[f"pm-postmortem: {name}, 2,000 events"] = await measure(
                app, keys, added_one_event, undo, first=("f3",)
            )
        first_bursts = []
        for _ in range(3):
            app = workspace_app(folder, 2000)
            app.start_count = 2000
            first_bursts.append(await measure(app, FORM_BURST, added_one_event, undo, first=("f3",), repeat=1))
        results["pm-postmortem: first form burst (builds the form), 2,000 events"] = statistics.median(first_bursts)
        for count in (50, 2000):
            for label, keys in (("down", ["down"]), ("up", ["up"]), ("marker", ["m", "d", "enter"]), ("delete+undo", ["d", "ctrl+z"])):
                results[f"grid {label}, {count} events"] = await measure_grid(workspace_app(folder, count), keys)
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:7.1f} ms")
    minimal_ms = results["minimal Textual: form burst, 2,000 rows"]
    for name in ("form burst", "capture-line burst"):
        ratio = results[f"pm-postmortem: {name}, 2,000 events"] / minimal_ms
        print(f"{name} / minimal Textual form burst: {ratio:.2f}x (goal 1.5x)")
    for label in ("down", "up", "marker", "delete+undo"):
        ratio = results[f"grid {label}, 2000 events"] / results[f"grid {label}, 50 events"]
        print(f"grid {label}: 2,000 / 50 events = {ratio:.2f}x (goal 1.25x)")


async def measure_grid(app: PostmortemApp, keys: list[str]) -> float:
    timings = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("down")
        for _ in range(REPEAT):
            started = time.process_time()
            post(app, keys)
            await pilot.pause()
            await pilot.pause()
            timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    asyncio.run(main())
