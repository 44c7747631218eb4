"""A facilitator's whole session: picker → intake → every pane with an edit → undo/redo →
export to the clipboard and to a file → quit → reopen the same document."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown

from pm_postmortem.core import store
from pm_postmortem.core.export import to_markdown
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.pilot_support import wait_until


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press({" ": "space"}.get(char, char))


async def add_through_form(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EditForm))
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))


async def test_a_whole_session(tmp_path: Path):
    app = PostmortemApp(None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # the empty picker offers a new post-mortem
        await pilot.pause()
        await type_text(pilot, "Bank feed stalled")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
        path = app.session.path
        ws = app.editor.workspace
        assert ws.metadata.title == "Bank feed stalled"

        await pilot.press("f3")
        await add_through_form(pilot, "a", "14:05\tImport job stopped fetching statements")
        assert [event.text for event in ws.timeline] == ["Import job stopped fetching statements"]

        await pilot.press("f4")
        await add_through_form(pilot, "a", "the bank's API changed its paging")
        assert [node.answer for node in ws.whys.nodes] == ["the bank's API changed its paging"]

        await pilot.press("f5")
        await add_through_form(pilot, "a", "Alert when the newest statement is older than 1 h")
        assert ws.actions[0].action == "Alert when the newest statement is older than 1 h"

        await pilot.press("f6")
        await add_through_form(pilot, "a", "No contract test against the bank API")
        assert ws.factors[0].factor == "No contract test against the bank API"

        await pilot.press("f2", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditForm))
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Bank feed stalled for 3 h")
        await pilot.press("enter")
        await wait_until(pilot, lambda: ws.metadata.title == "Bank feed stalled for 3 h")

        await pilot.press("ctrl+z")
        assert ws.metadata.title == "Bank feed stalled"
        await pilot.press("ctrl+z")
        assert ws.factors == []
        await pilot.press("ctrl+y", "ctrl+y")
        assert ws.metadata.title == "Bank feed stalled for 3 h"
        assert ws.factors[0].factor == "No contract test against the bank API"

        await pilot.press("f7")
        await wait_until(pilot, lambda: app.screen.query(Markdown))
        assert "Bank feed stalled for 3 h" in app.screen.query_one(Markdown).source

        expected = to_markdown(ws, currency=app.context.currency)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("m")
        await wait_until(pilot, lambda: app.clipboard == expected)

        exported = tmp_path / "bank-feed.md"
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(exported))
        await pilot.press("enter")
        await wait_until(pilot, exported.exists)
        assert exported.read_text(encoding="utf-8") == expected
        await pilot.press("ctrl+q")
    saved = store.load_workspace(path)
    assert saved.metadata.title == "Bank feed stalled for 3 h"

    reopened = PostmortemApp(path, cursor_blink=False)
    async with reopened.run_test(size=(120, 36)):
        assert to_markdown(reopened.editor.workspace, currency=reopened.context.currency) == expected
