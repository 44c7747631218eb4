"""Render the real app on the demo workspace to SVG files in this folder (`make screenshots`)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (120, 36)


async def capture(app, name: str, keys: tuple[str, ...]) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
    print(f"screenshots/{name}.svg")


async def main() -> None:
    from datetime import UTC, datetime

    from pm_postmortem.core import store
    from pm_postmortem.core.demo import demo_workspace
    from pm_postmortem.core.domain import load_domain_context
    from pm_postmortem.core.paths import shipped_file, workspaces_dir
    from pm_postmortem.tui.app import PostmortemApp

    context = load_domain_context(shipped_file("domain-context.md"))
    demo_path = workspaces_dir() / "demo.toml"
    store.save_workspace(demo_path, demo_workspace(context))
    now = datetime(2025, 11, 11, 9, 30, tzinfo=UTC)

    def app(path: Path | None):
        return PostmortemApp(path, context=context, cursor_blink=False, clock=lambda: now)

    await capture(app(None), "picker", ())
    await capture(app(workspaces_dir() / "new.toml"), "intake", ("y",))
    panes = {"overview": "f2", "timeline": "f3", "whys": "f4", "actions": "f5", "review": "f6", "preview": "f7"}
    for name, key in panes.items():
        await capture(app(demo_path), name, (key,))
    await capture(app(demo_path), "help", ("f1",))
    await capture(app(demo_path), "export", ("ctrl+e",))

    from pm_postmortem.core import inbox
    from pm_postmortem.tui.follow import FollowApp

    for author, kind, text in (
        ("Jonas (support)", "event", "09:12 support: first customer ticket about duplicates !detected"),
        ("Mira", "action", "Alert when one export holds the same booking twice"),
        ("Jonas (support)", "comment", "Two firms had already filed their UStVA by then"),
    ):
        inbox.add_suggestion(demo_path, inbox.new_suggestion(author, kind, text, now=now))
    await capture(app(demo_path), "inbox", ("f9",))
    follower = FollowApp(demo_path, context=context, cursor_blink=False, clock=lambda: now)
    await capture(follower, "follower", ("f10", "f3", "down", "f9", *"Mira", "enter", *"09:41 mira: rollback started"))
    # Last: it adds an event to the demo.
    typed = ("f3", "end", "i", *"13:50 export-service: backlog cleared !resolved", "enter", *"13:5x line with a typo", "enter")
    await capture(app(demo_path), "timeline-capture", tuple("space" if key == " " else key for key in typed))


if __name__ == "__main__":
    # A fixed folder, so the paths shown on screen are the same on every run.
    home = Path(tempfile.gettempdir()) / "pm-postmortem-screenshots"
    shutil.rmtree(home, ignore_errors=True)
    os.environ["PM_POSTMORTEM_HOME"] = str(home)
    sys.exit(asyncio.run(main()))
