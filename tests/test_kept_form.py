"""The timeline's event form is kept between uses: each opening shows exactly what a form built
anew shows (values, labels, no stale error or typed text), and typing into it works the same."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from pm_postmortem.core import store
from pm_postmortem.core.model import TimelineEvent
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.widgets.timeline_pane import TimelinePane
from tests.pilot_support import screen_lines
from tests.test_timeline_pane import at, make_app, open_timeline, type_text, write


def three_in_berlin(path: Path) -> Path:
    return write(
        path,
        [
            TimelineEvent(id="e1", time=at(9, 0), text="Deploy of checkout 4.2", actor="CI"),
            TimelineEvent(id="e2", time=at(9, 4), text="Error rate alert " + "on checkout and payments " * 8,
                          actor="Grafana",
                          evidence="https://grafana.example/d/1"),
            TimelineEvent(id="e3", time=at(10, 9, 30), text="Rollback\x07 finished", actor="anna"),
        ],
        tz="Europe/Berlin",
    )


async def open_and_read(pilot, keys: tuple[str, ...]) -> tuple[EditForm, list[str]]:
    await pilot.press(*keys)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EditForm)
    return form, screen_lines(pilot.app)


async def assert_same_as_a_new_form(pilot, pane: TimelinePane, keys: tuple[str, ...],
                                    after: tuple[str, ...] = ()) -> EditForm:
    """Press ``after``, open the kept form with ``keys``, then a form built anew the same way:
    the screens match."""
    await pilot.press(*after)
    kept, kept_lines = await open_and_read(pilot, keys)
    assert kept is pane.event_form.form
    await pilot.press("escape")
    await pilot.pause()
    pane.event_form.discard()
    assert not pilot.app.is_screen_installed(kept)
    new, new_lines = await open_and_read(pilot, keys)
    assert new is not kept
    assert kept_lines == new_lines
    return new


async def test_every_opening_shows_what_a_new_form_shows(tmp_path):
    path = three_in_berlin(tmp_path / "kept.toml")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("a")
        await type_text(pilot, "junk")
        await pilot.press("tab")
        await type_text(pilot, "typed and cancelled")
        await pilot.press("escape", "escape")  # the first escape only says it is not saved

        form = await assert_same_as_a_new_form(pilot, pane, ("a",))
        await type_text(pilot, "15:40")
        assert form.query_one("#field-time", Input).value == "15:40"  # the prefill was selected
        await pilot.press("escape", "escape", "a")  # the time field had the focus when the form closed
        await type_text(pilot, "15:41")
        assert form.query_one("#field-time", Input).value == "15:41"
        await pilot.press("escape", "escape")

        form = await assert_same_as_a_new_form(pilot, pane, ("enter",), after=("down",))
        form.query_one("#field-time", Input).value = "99:99"
        await pilot.press("enter")
        await pilot.pause()
        assert form.query_one("#form-errors").has_class("visible")
        await pilot.press("escape", "escape")
        await assert_same_as_a_new_form(pilot, pane, ("enter",))  # no error left from before
        await pilot.press("escape", "up", "enter", "escape")
        await assert_same_as_a_new_form(pilot, pane, ("enter",), after=("down",))  # long text from its start
        await pilot.press("escape")

        await assert_same_as_a_new_form(pilot, pane, ("enter",), after=("down",))  # a control character shown
        await pilot.press("escape")
        await pilot.press("z")
        form = await assert_same_as_a_new_form(pilot, pane, ("n",))
        assert "UTC" in str(form.query_one("#label-time").render())
        await pilot.press("escape")
        await pilot.pause()
    assert store.load_workspace(path).timeline == store.load_workspace(three_in_berlin(tmp_path / "b.toml")).timeline


async def test_events_added_through_the_kept_form_are_saved_whole(tmp_path):
    path = three_in_berlin(tmp_path / "kept.toml")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("end")
        for minute, text in (("41", "first"), ("42", "second"), ("43", "third")):
            await pilot.press("a", *f"10:{minute}", "tab", *text, "tab", "o", "p", "s", "enter")
        await pilot.pause()
        assert pane.event_form.form is not None
        await pilot.press("ctrl+s")
        await pilot.pause()
    timeline = store.load_workspace(path).timeline
    added = [(event.time.strftime("%H:%M"), event.text, event.actor) for event in timeline if event.actor == "ops"]
    assert len(timeline) == 6
    assert added == [("09:41", "first", "ops"), ("09:42", "second", "ops"), ("09:43", "third", "ops")]


async def test_a_form_left_scrolled_down_opens_at_its_top_on_a_small_screen(tmp_path):
    app = make_app(three_in_berlin(tmp_path / "kept.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("a", "tab", "tab", "tab", "tab")
        await pilot.pause()
        assert pilot.app.screen.query_one("#form-fields").scroll_y > 0
        await pilot.press("escape")
        await assert_same_as_a_new_form(pilot, pane, ("a",))
