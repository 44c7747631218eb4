"""F6 Review driven from the keyboard: the forms name the list they add to."""

from __future__ import annotations

import pytest

from pm_postmortem.tui.screens.edit_form import EditForm
from tests.snapshot_support import demo_app


@pytest.mark.parametrize(
    ("tabs", "title"),
    [(1, "What Went Well"), (2, "What Went Poorly"), (3, "Where We Got Lucky")],
)
async def test_a_new_entry_says_which_list_it_goes_to(tmp_path, tabs, title):
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f6", *["tab"] * tabs, "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditForm)
        assert form.form_title == f"New entry in “{title}”"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert app.screen.form_title == f"Edit entry in “{title}”"
