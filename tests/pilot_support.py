"""Waiting in Pilot tests for what debounced timers do, without betting on the machine's speed."""

from __future__ import annotations

import time
from collections.abc import Callable


async def wait_until(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail with the condition's source if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met within the timeout")
        await pilot.pause(0.05)
