"""The capture line and the paste dialog as a newcomer met them: a coloured line pasted, lines
typed with line feeds, a line typed onto a refused one, a line too long, two escapes, 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, TextArea

from pm_postmortem.core.export import to_markdown
from pm_postmortem.core.model import Marker, TimelineEvent
from pm_postmortem.tui.compat import PASTE_END, PASTE_START, WholePasteParser
from pm_postmortem.tui.screens.intake import IntakeScreen
from pm_postmortem.tui.screens.timeline_paste import UNREAD_WARNING, TimelinePasteScreen
from pm_postmortem.tui.widgets.paste_area import PasteArea
from tests.pilot_support import screen_lines, wait_until
from tests.test_timeline_pane import at, make_app, open_timeline, start_paste, table_rows, write

COLOURED = "10:02 ops: plain \x1b[31mred\x1b[0m done"


@pytest.fixture
def three(tmp_path: Path) -> Path:
    return write(tmp_path / "three.toml", [
        TimelineEvent(id="e1", time=at(9, 0), text="Deploy of checkout 4.2", actor="CI"),
        TimelineEvent(id="e2", time=at(9, 4), text="Error rate alert", actor="Grafana"),
        TimelineEvent(id="e3", time=at(10, 9, 30), text="Rollback finished", actor="anna"),
    ])


def texts(app) -> list[str]:
    return [event.text for event in app.editor.workspace.timeline]


def capture_error(app) -> str:
    error = app.screen.query_one("#timeline-capture-error")
    return str(error.render()) if error.display else ""


def send_from_the_terminal(app, sent: str) -> None:
    """What the app receives when a terminal sends ``sent`` (a bracketed paste)."""
    for event in WholePasteParser().feed(sent):
        app.post_message(event)


async def test_a_coloured_line_pasted_onto_the_capture_line_and_into_the_dialog_reads_in_order(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i")
        send_from_the_terminal(app, f"{PASTE_START}{COLOURED}{PASTE_END}")
        await wait_until(pilot, lambda: pane.capture_line.value)
        assert pane.capture_line.value == "10:02 ops: plain red done"
        await pilot.press("enter")
        await pilot.pause()
        [added] = [event for event in app.editor.workspace.timeline if event.id not in ("e1", "e2", "e3")]
        assert (added.time, added.actor, added.text) == (at(10, 2), "ops", "plain red done")

        await pilot.press("escape", "p")
        send_from_the_terminal(app, f"{PASTE_START}{COLOURED}\r10:05 db: \x1b[1mbold\x1b[0m{PASTE_END}")
        area = app.screen.query_one(PasteArea)
        await wait_until(pilot, lambda: area.text)
        assert area.text == "10:02 ops: plain red done\n10:05 db: bold"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [row[2:] for row in table_rows(app.screen, "#paste-events")] == [
            ["ops", "", "plain red done"], ["db", "", "bold"]]
        assert str(app.screen.query_one("#paste-summary").render()).startswith("2 events read (")


async def test_line_feeds_typed_as_keys_end_lines_on_the_capture_line_and_in_the_text_boxes(three):
    """tmux send-keys -l $'10:12 a: one\\n…' sends each line feed as ctrl+j."""
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("i", *"10:12 a: one", "ctrl+j", *"10:15 b: two", "ctrl+j", *"10:20 c: three", "enter")
        await pilot.pause()
        added = [(event.time, event.actor, event.text) for event in app.editor.workspace.timeline[3:]]
        assert added == [(at(10, 12), "a", "one"), (at(10, 15), "b", "two"), (at(10, 20), "c", "three")]

        await pilot.press("escape", "p", *"10:12 a: one", "ctrl+j", *"10:15 b: two")
        await pilot.pause()
        assert app.screen.query_one(PasteArea).text == "10:12 a: one\n10:15 b: two"


async def test_line_feeds_typed_into_the_intake_s_rough_timeline_keep_the_lines():
    from tests.test_intake import app as intake_app
    from tests.test_intake import start_intake

    async with intake_app().run_test(size=(120, 36)) as pilot:
        screen = await start_intake(pilot)
        assert isinstance(screen, IntakeScreen)
        timeline = screen.query_one("#intake-timeline", TextArea)
        timeline.focus()
        await pilot.press(*"10:12 a: one", "ctrl+j", *"10:15 b: two", "ctrl+j", *"10:20 c: three")
        await pilot.pause()
        assert timeline.text == "10:12 a: one\n10:15 b: two\n10:20 c: three"


async def test_a_line_typed_onto_a_refused_one_is_added_on_its_own_and_the_refused_one_waits(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i", *"10:12 Jonas: paused DATEV export job !mit", "enter")
        await pilot.pause()
        assert capture_error(app) == "✗ !mit could be !mitigation_started or !mitigated"
        assert pane.capture_line.value == "10:12 Jonas: paused DATEV export job !mit"
        await pilot.press(*"10:30 Lea: found the mapping changed !root", "enter")  # without looking up
        await pilot.pause()
        [added] = app.editor.workspace.timeline[3:]
        assert (added.time, added.actor, added.text, added.markers) == (
            at(10, 30), "Lea", "found the mapping changed", (Marker.ROOT_CAUSE_IDENTIFIED,))
        assert pane.capture_line.value == "10:12 Jonas: paused DATEV export job !mit"  # still to put right
        assert capture_error(app) == (
            "✗ !mit could be !mitigation_started or !mitigated · the next line was added")
        await pilot.press(*"igated", "enter")
        await pilot.pause()
        assert pane.capture_line.value == "" and not capture_error(app)
        paused = app.editor.workspace.timeline[3]
        assert (paused.time, paused.text, paused.markers) == (at(10, 12), "paused DATEV export job", (Marker.MITIGATED,))
        assert "!mit" not in to_markdown(app.editor.workspace)

        # the line typed onto it is refused too: both stay, with the new line's reason
        await pilot.press(*"10:40 x: y !mi", "enter", *"10:41 z: w !rca", "enter")
        await pilot.pause()
        assert pane.capture_line.value == "10:40 x: y !mi10:41 z: w !rca"
        assert capture_error(app) == "✗ !rca is not a marker (m on the table lists them) · in the line after it"
        assert len(app.editor.workspace.timeline) == 5


async def test_a_line_too_long_says_so_on_the_capture_line_and_the_preview_gives_every_reason(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i")
        pane.capture_line.value = "10:33 Priya: " + "y" * 4990
        await pilot.press("enter")
        await pilot.pause()
        assert capture_error(app) == "✗ the line is too long: 5,003 characters, at most 5,000"
        await pilot.press("ctrl+u", "escape")
        screen = await start_paste(pilot, "10:00 ok: fine\n11:05 Priya: " + "z" * 5000 + "\n| 25:00 | bad time |\n")
        reasons = [row[1].split(" · ")[0] for row in table_rows(screen, "#paste-bad")]
        assert reasons == [
            "the line is too long: 5,013 characters, at most 5,000",
            "25:00 is not a time of day: hours go up to 23, minutes up to 59",
        ]
        assert table_rows(screen, "#paste-bad")[1][1].endswith(" · | 25:00 | bad time |")


async def test_escape_on_pasted_text_first_says_it_would_be_discarded(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("p", "escape")  # nothing typed: away at once
        await pilot.pause()
        assert not isinstance(app.screen, TimelinePasteScreen)
        screen = await start_paste(pilot, "10:00 ops: paged")
        await pilot.press("escape")  # back to the text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert str(screen.query_one("#paste-error").render()) == UNREAD_WARNING
        await pilot.press("space")  # an edit takes the message back: the next escape says it again
        await pilot.pause()
        assert not screen.query_one("#paste-error").display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#paste-error").display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.workspace_screen and len(app.editor.workspace.timeline) == 3


PASTED = "".join(f"09:{minute:02d} alertmanager: step {minute} of the failover went as planned\n" for minute in range(10))


async def check_preview_layout(three, size: tuple[int, int], rows_shown: int, event_width: int) -> None:
    app = make_app(three)
    async with app.run_test(size=size) as pilot:
        await open_timeline(pilot)
        screen = await start_paste(pilot, PASTED + "25:00 bad time\n")
        await pilot.pause()
        lines = screen_lines(app)
        assert sum("alertmanager" in line or "alertma" in line for line in lines) >= rows_shown, "\n".join(lines)
        assert any("25:00 is not a time of day" in line for line in lines), "\n".join(lines)
        table = screen.query_one("#paste-events", DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        line, time, actor, marker, event = widths
        assert event >= event_width and event > max(actor, marker, time), widths
        assert sum(widths) <= table.scrollable_content_region.width, widths  # nothing cut off on the right


async def test_the_preview_at_80x24_shows_several_rows_and_gives_the_event_the_spare_width(three):
    await check_preview_layout(three, (80, 24), rows_shown=4, event_width=20)


async def test_the_preview_at_120x36_shows_every_row_and_a_wide_event(three):
    await check_preview_layout(three, (120, 36), rows_shown=10, event_width=50)


async def test_after_a_paste_the_added_event_is_in_view_and_highlighted(tmp_path):
    events = [TimelineEvent(id=f"e{n}", time=at(8, n), text=f"earlier step {n}") for n in range(30)]
    app = make_app(write(tmp_path / "long.toml", events))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_timeline(pilot)
        send_from_the_terminal(app, f"{PASTE_START}10:12 Marco: opened ticket\n10:15 Dana: handed over\n10:20 Priya: noted the threshold{PASTE_END}")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelinePasteScreen))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app.editor.workspace.timeline) == 33)
        await pilot.pause()
        assert pane.grid.has_focus
        assert pane.grid.rows.events[pane.grid.cursor_row].text == "noted the threshold"
        assert any("noted the threshold" in line for line in screen_lines(app))


async def test_a_captured_event_that_overflows_the_table_scrolls_into_view(tmp_path):
    app = make_app(write(tmp_path / "fresh.toml", []))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i")
        for number in range(1, 13):
            await pilot.press(*f"{5 + number // 6:02d}:{number * 7 % 60:02d} crew: step e{number}", "enter")
        await pilot.pause()
        assert pane.grid.rows.events[pane.grid.cursor_row].text == "step e12"
        table_rows_shown = [line for line in screen_lines(app)[:16] if "crew" in line]
        assert "step e12" in table_rows_shown[-1]  # in the table, not only in the selected event box
