"""Dropdowns in the edit forms, driven from the keyboard: letters and digits pick, enter saves."""

from __future__ import annotations

from textual.widgets import Select

from pm_postmortem.tui.screens.edit_form import ChoiceField, EditForm
from tests.snapshot_support import demo_app


async def test_letters_and_digits_pick_and_enter_saves_the_new_action(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-action").value = "Page the owning team on queue backlog"
        await pilot.press("tab", "d")  # Type: Detect
        assert form.query_one("#field-type", Select).value == "Detect"
        assert "a letter or digit picks" in str(form.query_one("#form-keys").render())
        await pilot.press("tab", "tab", "tab", "2")  # Owner, Deadline, then Priority: P2
        assert form.query_one("#field-priority", Select).value == "P2"
        await pilot.press("tab", "p")  # Status: In Progress (a later word starts with p)
        assert form.query_one("#field-status", Select).value == "In Progress"
        await pilot.press("x")  # no choice has a word with x: nothing changes
        assert form.query_one("#field-status", Select).value == "In Progress"
        await pilot.press("space")  # space opens the list
        assert form.query_one("#field-status", ChoiceField).expanded
        await pilot.press("escape", "enter")  # the list closes; enter on the dropdown saves
        await pilot.pause()
        assert app.screen is not form
        action = app.editor.workspace.actions[-1]
        assert (action.action, action.type.value, action.priority.value, action.status.value) == (
            "Page the owning team on queue backlog",
            "Detect",
            "P2",
            "In Progress",
        )
