"""F6 Review driven from the keyboard: the forms name the list they add to."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from pm_postmortem.core import store
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


async def test_the_enter_pressed_at_the_end_of_a_box_is_not_kept(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f6", "a")  # a contributing factor
        await pilot.pause()
        await pilot.press(*"Stale runbook", "tab", "o", "tab")  # factor, category, then the box
        await pilot.press(*"nobody checked it", "enter", "enter", "space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        factors = store.load_workspace(tmp_path / "demo.toml").factors
        assert [factor.how for factor in factors if factor.factor == "Stale runbook"] == ["nobody checked it"]
        table = app.screen.query_one("#review-factors", DataTable)
        row = table.get_row_at(table.cursor_row)  # the new factor
        assert [str(cell) for cell in row] == ["Stale runbook", "Organizational", "nobody checked it"]


async def test_tab_in_a_one_box_form_stays_in_the_box_so_nothing_typed_is_lost(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6", "tab", "a")  # What Went Well: one box
        await pilot.pause()
        await pilot.press(*"It happened on a weekday", "enter", "tab", *"and the on-call was awake", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditForm)
        app.save_synchronously()
        went_well = store.load_workspace(tmp_path / "demo.toml").went_well
        assert [item.text for item in went_well if item.text.startswith("It happened")] == [
            "It happened on a weekday\nand the on-call was awake"
        ]


async def test_editing_a_compliance_check_keeps_its_note(tmp_path):
    """A compliance check has a field named ``label``; editing one used to crash the app."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6", *["tab"] * 5)
        await pilot.pause()
        assert app.focused is app.screen.query_one("#review-compliance")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        await pilot.press("tab", "tab", *" filed with the regulator", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditForm)
        app.save_synchronously()
        checks = store.load_workspace(tmp_path / "demo.toml").compliance.checks
        assert [check.note for check in checks if "filed with the regulator" in check.note]
