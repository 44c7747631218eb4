"""Dropdowns in the edit forms, driven from the keyboard: letters and digits pick, enter saves."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from pm_postmortem.core import store
from pm_postmortem.core.domain import load_domain_context
from pm_postmortem.core.model import new_workspace
from pm_postmortem.core.paths import shipped_file
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.edit_form import ChoiceField, EditForm
from pm_postmortem.tui.suggesters import complete_last_item
from tests.pilot_support import screen_lines
from tests.snapshot_support import demo_app


async def open_form(pilot, pane: str, table_id: str, key: str) -> EditForm:
    """The form ``key`` opens from the table ``table_id`` of ``pane``."""
    await pilot.press(pane)
    pilot.app.screen.query_one(table_id).focus()
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EditForm)
    return form


async def test_letters_and_digits_pick_and_enter_saves_the_new_action(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-action").value = "Page the owning team on queue backlog"
        await pilot.press("tab", "p")  # Type shows Prevent already: p keeps it
        assert form.query_one("#field-type", Select).value == "Prevent"
        await pilot.press("p")  # p again: Process
        assert form.query_one("#field-type", Select).value == "Process"
        await pilot.press("d")  # Type: Detect
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


async def type_keys(pilot, text: str) -> None:
    await pilot.press(*({" ": "space", ",": "comma"}.get(char, char) for char in text))


async def test_affected_segments_offer_the_personas_and_anything_else_may_be_typed(tmp_path):
    path = tmp_path / "segments.toml"
    store.save_workspace(path, new_workspace("Segments"))
    app = PostmortemApp(path, context=load_domain_context(shipped_file("domain-context.md")), cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        app.screen.query_one("#overview-impact").focus()
        await pilot.press("down", "down", "down", "down", "down", "enter")  # Affected segments
        form = app.screen
        assert isinstance(form, EditForm) and app.focused.id == "field-affected_segments"
        listed = str(form.query_one("#suggestions-affected_segments").render())
        assert "From the domain context: Tax advisor (Steuerberater), Bookkeeper (Buchhalterin)" in listed
        await type_keys(pilot, "ta")
        await pilot.pause()
        await pilot.press("right")  # takes the persona shown
        await type_keys(pilot, ", bo")
        await pilot.pause()
        await pilot.press("right")
        await type_keys(pilot, ", Partners")  # no persona: kept as typed
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert app.screen is not form
    segments = store.load_workspace(path).impact.affected_segments
    assert segments == "Tax advisor (Steuerberater), Bookkeeper (Buchhalterin), Partners"


@pytest.mark.parametrize(
    ("value", "completed"),
    [
        ("ta", "Tax advisor (Steuerberater)"),
        ("Tax advisor (Steuerberater), BOOK", "Tax advisor (Steuerberater), Bookkeeper (Buchhalterin)"),
        ("Bookkeeper (Buchhalterin), b", None),  # taken already
        ("partners", None),
        ("Tax advisor (Steuerberater)", None),  # complete
        ("x, ", None),
    ],
)
def test_the_last_item_is_completed_from_the_offers(value, completed):
    offers = ["Tax advisor (Steuerberater)", "Bookkeeper (Buchhalterin)"]
    assert complete_last_item(value, offers) == completed


async def test_escape_after_typing_asks_first_and_the_typed_text_can_still_be_saved(tmp_path):
    app = demo_app(tmp_path)
    path = tmp_path / "demo.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "a", "tab")
        await type_keys(pilot, "Queue drained")
        form = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form  # one escape only warns
        assert any("Not saved: escape again discards it, enter saves it" in line for line in screen_lines(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
    assert "Queue drained" in [event.text for event in store.load_workspace(path).timeline]


async def test_a_second_escape_discards_and_a_form_left_as_it_was_closes_at_once(tmp_path):
    app = demo_app(tmp_path)
    path = tmp_path / "demo.toml"
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "a", "tab")
        await type_keys(pilot, "Queue drained")
        form = app.screen
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is not form
        await pilot.press("a")  # the kept form again, refilled: no warning left from before
        await pilot.pause()
        assert app.screen is form
        assert not any("Not saved" in line for line in screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not form
    assert path.read_text(encoding="utf-8") == before


async def test_an_impossible_date_says_so_and_the_error_goes_once_the_field_is_edited(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-action").value = "Alert on queue backlog"
        form.query_one("#field-deadline").focus()
        await type_keys(pilot, "2026-13-45")
        await pilot.press("enter")
        await pilot.pause()
        assert any("✗ deadline: 2026-13-45 is not a day of the calendar" in line for line in screen_lines(app))
        await pilot.press(*["backspace"] * 5)
        await type_keys(pilot, "04-30")
        await pilot.press("tab")
        await pilot.pause()
        assert not any("✗" in line for line in screen_lines(app))


async def test_applicable_beyond_this_incident_is_a_yes_no_choice(tmp_path):
    app = demo_app(tmp_path)
    path = tmp_path / "demo.toml"
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "f6", "#review-lessons", "a")
        assert isinstance(form.query_one("#field-applicable"), ChoiceField)
        await type_keys(pilot, "Alert on queue age")
        await pilot.press("tab", "n")  # No: a list, so there is nothing to type wrong
        assert form.query_one("#field-applicable", Select).value == "no"
        await pilot.press("y")
        assert form.query_one("#field-applicable", Select).value == "yes"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
    lessons = store.load_workspace(path).lessons
    assert [lesson.applicable for lesson in lessons if lesson.lesson == "Alert on queue age"] == [True]


async def test_a_bad_value_takes_the_cursor_back_to_its_field(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-action").value = "Alert on queue backlog"
        form.query_one("#field-deadline").focus()
        await type_keys(pilot, "2026-13-45")
        await pilot.press("tab")  # on to the next field, then enter saves from there
        await pilot.pause()
        priority = form.query_one("#field-priority", Select).value
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is form.query_one("#field-deadline")
        await type_keys(pilot, "2026-04-30")  # the whole bad date was selected: typing replaces it
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
        [action] = [a for a in app.editor.workspace.actions if a.action == "Alert on queue backlog"]
        assert (str(action.deadline), action.priority) == ("2026-04-30", priority)


async def test_the_error_line_and_keys_stay_on_an_80x24_screen(tmp_path):
    """The action form opened from a why is taller than 24 rows: the fields scroll so that the
    error below them is seen."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "down", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        await pilot.press("tab", "tab", "tab", "ctrl+u", *"2026-13-01", "ctrl+s")
        await pilot.pause()
        lines = screen_lines(app)
        assert any("✗ deadline: 2026-13-01 is not a day of the calendar" in line for line in lines)
        assert any("escape cancel" in line for line in lines)


async def test_a_value_the_model_refuses_puts_the_cursor_in_its_field(tmp_path):
    """Impact: -3 customers is refused on submit; the next keys go to Customers affected, not to
    the field the cursor happened to be in."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "f2", "#overview-impact", "enter")
        form.query_one("#field-customers_affected", Input).value = "-3"
        form.query_one("#field-traffic_percent", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert any("customers affected must be at least 0" in line for line in screen_lines(app))
        assert app.focused is form.query_one("#field-customers_affected")


async def test_ctrl_z_in_a_one_line_field_puts_back_what_it_showed(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", "#overview-metadata", "enter")
        title = form.query_one("#field-title", Input)
        shown = title.value
        await pilot.press("end", *" (draft)", "ctrl+z")
        await pilot.pause()
        assert title.value == shown
        said = [str(note.message) for note in app._notifications]
        assert said[-1] == "Title: back to what it showed when the form opened."
        await pilot.press("ctrl+z")  # nothing left to undo: said so
        await pilot.pause()
        said = [str(note.message) for note in app._notifications]
        assert said[-1].startswith("Nothing typed here to undo")
