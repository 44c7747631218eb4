"""Markup-like text typed into each kind of field shows literally and is saved literally."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.edit_form import EditForm

TRICKY = "[red]x [/] | a | [b]"


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.toml"
    store.save_workspace(path, new_workspace("Plain", incident_date=date(2026, 3, 10)))
    return path


async def type_into_form(pilot, text: str) -> None:
    """Replace the focused field's text by typing, as a person would."""
    if isinstance(pilot.app.focused, Input):
        await pilot.press("ctrl+a", "ctrl+k")
    else:
        pilot.app.focused.clear()
    for char in text:
        await pilot.press({" ": "space"}.get(char, char))


@pytest.mark.parametrize(
    ("pane", "table_id", "keys", "read"),
    [
        ("f2", "#overview-metadata", ("enter",), lambda ws: ws.metadata.title),
        ("f2", "#overview-summary", ("enter",), lambda ws: ws.metadata.what_happened),
        ("f2", "#overview-impact", ("down", "down", "enter"), lambda ws: ws.impact.revenue_impact),
        ("f6", "#review-factors", ("a",), lambda ws: ws.factors[0].factor),
        ("f6", "#review-went-well", ("a",), lambda ws: ws.went_well[0].text),
        ("f6", "#review-lessons", ("a",), lambda ws: ws.lessons[0].lesson),
    ],
)
async def test_markup_is_literal_on_screen_and_on_disk(workspace_file, pane, table_id, keys, read):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(pane)
        app.screen.query_one(table_id).focus()
        await pilot.press(*keys)
        assert isinstance(app.screen, EditForm)
        await type_into_form(pilot, TRICKY)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read(app.editor.workspace) == TRICKY
        table = app.screen.query_one(table_id)
        shown = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert any(TRICKY in text for text in shown)
    assert read(store.load_workspace(workspace_file)) == TRICKY
