"""Pilot test helpers: waiting for what debounced timers do (without betting on the machine's
speed) and reading the screen as the person in front of it sees it."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from rich.console import Console


async def wait_until(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail with the condition's source if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met within the timeout")
        await pilot.pause(0.05)


def screen_lines(app) -> list[str]:
    """The rows of the terminal as plain text: the current screen over the ones behind it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()
