"""The hybrid meeting end to end: a browser follows `serve`, suggests; the facilitator accepts.

Needs Playwright and a Chromium (the system's; CI installs it with apt-get). Without them the test
is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pm_postmortem.core import inbox, store
from pm_postmortem.core.export import export
from pm_postmortem.core.model import TimelineEvent, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from tests.pilot_support import wait_until
from tests.test_serve import start_serving, wait_ready

async_api = pytest.importorskip("playwright.async_api", reason="Playwright is not installed (pip install playwright)")
CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium) for the browser test"
)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


async def eventually(condition: Callable[[], object], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the browser never showed {what}")
        await asyncio.sleep(0.1)


async def open_follower(browser, url: str):
    """A new tab on ``url`` and everything its terminal is sent (canvas text cannot be read)."""
    page = await browser.new_page(viewport={"width": 1400, "height": 900})
    shown = bytearray()

    def record(payload: bytes | str) -> None:
        shown.extend(payload.encode() if isinstance(payload, str) else payload)

    page.on("websocket", lambda socket: socket.on("framereceived", record))
    await page.goto(url)
    return page, shown


async def test_a_browser_follows_suggests_and_the_facilitator_accepts(tmp_path: Path) -> None:
    path = tmp_path / "checkout.toml"
    workspace = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    workspace.timeline = [TimelineEvent(time=datetime(2026, 3, 10, 14, 2, tzinfo=UTC), text="deploy of checkout 4.2")]
    store.save_workspace(path, workspace)
    served = start_serving(path)
    try:
        wait_ready(served.url)
        facilitator = PostmortemApp(path, cursor_blink=False)
        async with async_api.async_playwright() as playwright, facilitator.run_test(size=(120, 36)) as pilot:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page, shown = await open_follower(browser, served.url)
            other_page, other_shown = await open_follower(browser, served.url)  # several browsers at once
            await eventually(lambda: b"Checkout outage" in shown and b"Checkout outage" in other_shown, "the workspace")

            await pilot.press("f3")  # the followers go where the facilitator goes
            await eventually(lambda: b"deploy of checkout 4.2" in shown, "the timeline")

            await pilot.press("a")
            for key in ["1", "4", ":", "3", "1", "tab", *"failover", "space", *"done", "tab", "d", "b", "enter"]:
                await pilot.press(key)
            await eventually(
                lambda: b"failover done" in shown and b"failover done" in other_shown, "the facilitator's new event"
            )
            await other_page.close()

            await page.click("#terminal")
            await page.keyboard.press("F9")
            await eventually(lambda: b"Suggest to the facilitator" in shown, "the suggest box")
            await page.keyboard.type("Anna")
            await page.keyboard.press("Enter")
            await page.keyboard.type("14:45 anna: rolled back the deploy !mitigated")
            await page.keyboard.press("Enter")
            await eventually(lambda: inbox.read_inbox(path).pending, "a sent suggestion")
            await browser.close()

            [sent] = inbox.read_inbox(path).suggestions
            assert (sent.author, sent.text) == ("Anna", "14:45 anna: rolled back the deploy !mitigated")

            await wait_until(pilot, lambda: facilitator.session.room.pending_count == 1)
            await pilot.press("f9", "enter")
            await wait_until(pilot, lambda: facilitator.session.room.pending_count == 0)
            markdown = export(facilitator.editor.workspace, "markdown")
            assert "**MITIGATED** rolled back the deploy" in markdown and "failover done" in markdown
        assert "rolled back the deploy" in export(store.load_workspace(path), "markdown")
    finally:
        served.process.terminate()
        served.process.wait(timeout=60)
