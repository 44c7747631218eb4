"""F3 Timeline driven as a user would: keys, the form's time formats, zones, paste, flags, undo."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, OptionList, TextArea

from pm_postmortem.core import store
from pm_postmortem.core.export import escape_cell, to_markdown
from pm_postmortem.core.metrics import compute_metrics
from pm_postmortem.core.model import Marker, TimelineEvent, new_workspace
from pm_postmortem.core.operations import ADD_IN_PLACE as PASTE_IN_PLACE
from pm_postmortem.core.timeparse import MAX_PASTE_LINES
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.save_state import SaveKind
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.marker_chooser import MarkerChooser
from pm_postmortem.tui.screens.timeline_paste import UNREAD_WARNING, TimelinePasteScreen
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.timeline_rows import (
    MarkerNote,
    gap_text,
    marker_notes,
    row_time_text,
    zone_named,
)
from pm_postmortem.tui.widgets.metrics_panel import MetricsPanel
from pm_postmortem.tui.widgets.paste_area import PasteArea
from pm_postmortem.tui.widgets.timeline_pane import CaptureLine, TimelinePane
from tests.pilot_support import screen_lines, wait_until

FIXED_NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
DAY = date(2026, 3, 10)


def at(hour: int, minute: int = 0, second: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def write(path: Path, events: list[TimelineEvent], *, tz: str = "UTC", incident_date: date | None = DAY) -> Path:
    workspace = new_workspace("Checkout outage", severity="S2", incident_date=incident_date)
    workspace.display_tz = tz
    workspace.timeline = events
    store.save_workspace(path, workspace)
    return path


@pytest.fixture
def three(tmp_path: Path) -> Path:
    return write(
        tmp_path / "three.toml",
        [
            TimelineEvent(id="e1", time=at(9, 0), text="Deploy of checkout 4.2", actor="CI"),
            TimelineEvent(id="e2", time=at(9, 4), text="Error rate alert", actor="Grafana"),
            TimelineEvent(id="e3", time=at(10, 9, 30), text="Rollback finished", actor="anna"),
        ],
    )


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False, clock=lambda: FIXED_NOW)


async def open_timeline(pilot) -> TimelinePane:
    await pilot.press("f3")
    await pilot.pause()
    return pilot.app.screen.query_one(TimelinePane)


def rows(pane: TimelinePane) -> list[list[str]]:
    """Each row's cells as the grid draws them."""
    view = pane.grid.rows
    return [
        [cells.time, cells.gap, one_line(cells.text), one_line(cells.actor), cells.marker]
        for cells in map(view.cells, range(len(view)))
    ]


def row_ids(pane: TimelinePane) -> list[str]:
    return [event.id for event in pane.grid.rows.events]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def submit_form(pilot, **fields: str) -> EditForm:
    form = pilot.app.screen
    assert isinstance(form, EditForm)
    for name, value in fields.items():
        form.query_one(f"#field-{name}", Input).value = value
    await pilot.press("enter")
    await pilot.pause()
    return form


def form_error(form: EditForm) -> str:
    return str(form.query_one("#form-errors").render())


# --- the table and its keys --------------------------------------------------------------


async def test_rows_in_order_with_gaps_the_selected_event_in_full_and_the_keys_in_help(three):
    from pm_postmortem.tui.screens.help import key_groups

    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        assert rows(table) == [
            ["09:00", "", "Deploy of checkout 4.2", "CI", ""],
            ["09:04", "+4m", "Error rate alert", "Grafana", ""],
            ["10:09:30", "+1h05m", "Rollback finished", "anna", ""],
        ]
        assert table.grid.border_title == "Timeline · 3 events" and table.grid.border_subtitle == "times in UTC"
        await pilot.press("down")
        detail = str(app.screen.query_one("#timeline-detail-text").render())
        assert "2026-03-10 09:04 UTC" in detail and "+4m after the previous event" in detail
        assert "Error rate alert" in detail and "Grafana" in detail
        assert app.screen.query_one("#timeline-coach") is not None  # room for coach findings
        await pilot.press("end")
        assert table.grid.cursor_row == 2
        await pilot.press("home")
        assert table.grid.cursor_row == 0
        # z in a workspace shown in UTC asks for its local zone; then z switches between the two
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        await pilot.press("ctrl+u", *"Nowhere/Else", "enter")
        assert "timezone name" in form_error(app.screen)
        await pilot.press("ctrl+u", *"Europe/Berlin", "enter")
        await pilot.pause()
        assert app.editor.workspace.display_tz == "Europe/Berlin"
        assert rows(table)[0][0] == "10:00" and table.grid.border_subtitle == "times in Europe/Berlin · z: show UTC"
        await pilot.press("z")
        assert table.show_utc and rows(table)[0][0] == "09:00"
        await pilot.press("ctrl+z")  # the zone is one undoable edit
        await pilot.pause()
        assert app.editor.workspace.display_tz == "UTC" and rows(table)[0][0] == "09:00"
        keys = {row.binding_id: row.keys for row in dict(key_groups(app))["Timeline"]}
        assert keys["timeline.add"] == "a" and keys["timeline.now"] == "n" and keys["timeline.zone"] == "z"
        assert keys["timeline.delete"] == "d / delete" and keys["timeline.edit"] == "enter"
        assert {"timeline.marker", "timeline.clear_markers", "timeline.paste"} <= set(keys)


def test_gap_text():
    assert [gap_text(None), gap_text(timedelta(0)), gap_text(timedelta(seconds=45))] == ["", "+0", "+45s"]
    assert gap_text(timedelta(minutes=4)) == "+4m"
    assert gap_text(timedelta(minutes=4, seconds=30)) == "+4m30s"
    assert gap_text(timedelta(hours=1, minutes=5)) == "+1h05m"
    assert gap_text(timedelta(days=2, hours=3, minutes=9)) == "+2d03h"
    assert gap_text(timedelta(days=385, hours=18)) == "+385d"


async def test_a_adds_after_the_cursor_by_fast_capture_and_n_stamps_now(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        await pilot.press("down", "a")
        form = app.screen
        assert isinstance(form, EditForm)
        assert form.query_one("#field-time", Input).value == "09:04"  # from the row above
        assert app.focused is form.query_one("#field-time")
        # fast capture: time, tab, text, tab, actor, enter (typing replaces the prefilled time)
        await type_text(pilot, "09:04")
        await pilot.press("tab")
        await type_text(pilot, "Paged on-call")
        await pilot.press("tab")
        await type_text(pilot, "PagerDuty")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.workspace_screen
        assert [event.text for event in app.editor.workspace.timeline] == [
            "Deploy of checkout 4.2", "Error rate alert", "Paged on-call", "Rollback finished",
        ]
        assert rows(table)[2] == ["09:04", "+0", "Paged on-call", "PagerDuty", ""]
        assert table.grid.cursor_row == 2
        await pilot.press("up", "up", "a")  # the same time as the first row: right after it
        await submit_form(pilot, text="Canary started")
        assert [event.text for event in app.editor.workspace.timeline][:2] == [
            "Deploy of checkout 4.2", "Canary started",
        ]
        assert table.grid.cursor_row == 1
        await pilot.press("n")
        form = app.screen
        assert form.query_one("#field-time", Input).value == "12:00"  # the clock, in the shown zone
        assert app.focused is form.query_one("#field-text")
        await type_text(pilot, "Status page updated")
        await pilot.press("enter")
        await pilot.pause()
        last = app.editor.workspace.timeline[-1]
        assert (last.time, last.text) == (FIXED_NOW, "Status page updated")
        assert table.grid.cursor_row == 5 and rows(table)[5][:2] == ["12:00", "+1h50m"]


TIME_ENTRIES = [
    ("14:51", at(13, 51)),
    ("14:51:30", at(13, 51, 30)),
    ("2:51 pm", at(13, 51)),
    ("2:51 PM", at(13, 51)),
    ("[14:51]", at(13, 51)),
    ("2026-03-11 14:51", at(13, 51, day=11)),
    ("2026-03-10T14:51:00Z", at(14, 51)),
    ("2026-03-10T14:51:00+05:00", at(9, 51)),
    ("now", FIXED_NOW),
    ("+5m", at(9, 9)),
    ("-1h30m", at(7, 34)),
]


async def test_every_time_format_in_the_form_in_the_shown_zone_and_bad_ones_explained(tmp_path):
    path = write(tmp_path / "berlin.toml", [TimelineEvent(id="e1", time=at(9, 4), text="alert")], tz="Europe/Berlin")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("a")
        form = app.screen
        field = form.query_one("#field-time", Input)
        assert field.value == "10:04"  # the selected event's time, shown in Berlin time
        for bad in ("25:99", "yesterday", "14:51 tomorrow", "+5x", ""):
            field.value = bad
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form, bad
            assert ("not a time" in form_error(form) and "14:51" in form_error(form)) or "required" in form_error(form)
        for entry, expected in TIME_ENTRIES:  # read by the form's own field, in Berlin time
            field.value = entry
            assert form.collected()["time"] == expected, entry
        field.value = "2:51 pm"
        await submit_form(pilot, text="checked")
        assert app.screen is app.workspace_screen
        assert app.editor.workspace.timeline[1].time == at(13, 51)


async def test_enter_edits_a_new_time_moves_the_row_d_deletes_and_dates_show_across_days(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        await pilot.press("enter")  # e1
        form = app.screen
        assert [form.query_one(f"#field-{name}").value for name in ("time", "text", "actor", "evidence")] == [
            "09:00", "Deploy of checkout 4.2", "CI", "",
        ]
        await submit_form(pilot, time="09:30", actor="CI/CD", evidence="https://ci.example/run/7", markers="impact-start")
        event = app.editor.find("timeline", "e1")
        assert (event.time, event.actor, event.markers, event.evidence) == (
            at(9, 30), "CI/CD", (Marker.IMPACT_START,), "https://ci.example/run/7",
        )
        assert row_ids(table) == ["e2", "e1", "e3"]
        assert table.grid.cursor_row == 1  # the cursor followed the event
        assert rows(table)[1] == ["09:30", "+26m", "Deploy of checkout 4.2", "CI/CD", "IMPACT START"]
        assert rows(table)[0][1] == "" and rows(table)[2][1] == "+39m30s"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row_ids(table) == ["e1", "e2", "e3"]
        assert rows(table)[0] == ["09:00", "", "Deploy of checkout 4.2", "CI", ""]

        await pilot.press("down", "d")
        await pilot.pause()
        assert row_ids(table) == ["e1", "e3"] and rows(table)[1][1] == "+1h09m"
        await pilot.press("delete")
        await pilot.pause()
        assert row_ids(table) == ["e1"]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert row_ids(table) == ["e1", "e2", "e3"]
        assert [row[1] for row in rows(table)] == ["", "+4m", "+1h05m"]

        await pilot.press("end", "a")
        await submit_form(pilot, time="2026-03-11 01:15", text="all clear")
        assert [row[0] for row in rows(table)] == [
            "03-10 09:00", "03-10 09:04", "03-10 10:09:30", "03-11 01:15",
        ]
        assert rows(table)[3][1] == "+15h05m"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [row[0] for row in rows(table)] == ["09:00", "09:04", "10:09:30"]
        app.editor.set("display_tz", "America/New_York")  # as the Overview would: rows follow
        await pilot.pause()
        assert [row[0] for row in rows(table)] == ["05:00", "05:04", "06:09:30"]


async def test_z_switches_between_utc_and_the_display_timezone(tmp_path):
    path = write(
        tmp_path / "zones.toml",
        [TimelineEvent(id="a", time=at(22, 30), text="late"), TimelineEvent(id="b", time=at(23, 40), text="later")],
        tz="Europe/Berlin",
    )
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        # in Berlin the second event is past midnight: two days, so dates are shown
        assert [row[0] for row in rows(table)] == ["03-10 23:30", "03-11 00:40"]
        assert table.grid.border_subtitle == "times in Europe/Berlin · z: show UTC"
        await pilot.press("z")
        await pilot.pause()
        assert [row[0] for row in rows(table)] == ["22:30", "23:40"]  # one day in UTC
        assert table.grid.border_subtitle == "times in UTC · z: show Europe/Berlin"
        assert "2026-03-10 22:30 UTC" in str(app.screen.query_one("#timeline-detail-text").render())
        await pilot.press("a")  # the form reads times in the shown zone
        assert app.screen.query_one("#field-time", Input).value == "22:30"
        await submit_form(pilot, time="22:45", text="utc entry")
        assert app.editor.workspace.timeline[1].time == at(22, 45)
        await pilot.press("z")
        await pilot.pause()
        assert rows(table)[1][0] == "03-10 23:45"
        assert app.editor.workspace.display_tz == "Europe/Berlin"  # a view setting only


async def test_a_zone_set_after_typing_can_keep_the_clock_times_typed(tmp_path):
    path = write(tmp_path / "typed.toml", [TimelineEvent(id="a", time=at(8), text="export job ran")])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_timeline(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        await pilot.press("ctrl+u", *"Europe/Berlin", "tab", "l", "ctrl+s")
        await pilot.pause()
        assert app.editor.workspace.display_tz == "Europe/Berlin"
        assert rows(table)[0][0] == "08:00"  # as typed, now read as Berlin time
        assert app.editor.workspace.timeline[0].time == at(7)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.workspace.timeline[0].time == at(8) and app.editor.workspace.display_tz == "UTC"


# --- markers ------------------------------------------------------------------------------


async def metrics_text(pilot) -> str:
    """The metrics panel as the Overview (F2) shows it, then back to the timeline."""
    await pilot.press("f2")
    await pilot.pause()
    shown = str(pilot.app.workspace_screen.query_one(MetricsPanel).render())
    await pilot.press("f3")
    await pilot.pause()
    return shown


async def choose_marker(pilot, letters: str) -> MarkerChooser:
    """``m``, then the first letters of a marker and enter: sets it, or takes it off."""
    await pilot.press("m")
    chooser = pilot.app.screen
    assert isinstance(chooser, MarkerChooser)
    await pilot.press(*letters, "enter")
    await pilot.pause()
    return chooser


def markers_of(app: PostmortemApp) -> list[tuple[Marker, ...]]:
    return [event.markers for event in app.editor.workspace.timeline]


async def test_m_sets_and_removes_a_marker_shift_m_clears_the_metrics_follow_and_ctrl_s_saves(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        assert app.editor.metrics.ttd.minutes is None
        await choose_marker(pilot, "imp")  # e1: impact start
        await pilot.press("down")
        await choose_marker(pilot, "det")  # e2: detected
        assert markers_of(app) == [(Marker.IMPACT_START,), (Marker.DETECTED,), ()]
        assert app.editor.metrics.ttd.minutes == 4
        assert "Time to Detect (TTD)       4 min" in await metrics_text(pilot)
        assert rows(table)[1][4] == "DETECTED"
        await choose_marker(pilot, "det")  # chosen again: taken off
        assert markers_of(app)[1] == ()
        assert app.editor.metrics.ttd.minutes is None and "mark detected in the timeline" in await metrics_text(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert markers_of(app)[1] == (Marker.DETECTED,)

        await pilot.press("m")
        chooser = app.screen
        assert isinstance(chooser, MarkerChooser)
        options = chooser.query_one(OptionList)
        assert "used at 09:00" in str(options.get_option_at_index(0).prompt)
        assert str(options.get_option_at_index(1).prompt).startswith("✓ DETECTED")
        assert not str(options.get_option_at_index(2).prompt).startswith("✓")
        await pilot.press("escape")
        assert app.screen is app.workspace_screen and table.grid.has_focus
        await pilot.press("M")
        await pilot.pause()
        assert markers_of(app)[1] == () and app.editor.undo_label == "Clear markers"
        await pilot.press("ctrl+z", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = store.load_workspace(three)
    assert [event.markers for event in saved.timeline] == [(Marker.IMPACT_START,), (Marker.DETECTED,), ()]


async def test_one_event_mitigated_and_resolved_by_keys_gives_ttm_and_mttr_saved_and_exported(three):
    from textual.widgets import Markdown

    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        await choose_marker(pilot, "imp")
        await pilot.press("end")
        await choose_marker(pilot, "resol")
        await choose_marker(pilot, "mitigated")
        assert markers_of(app)[2] == (Marker.MITIGATED, Marker.RESOLVED)
        assert app.editor.undo_label == "Set marker MITIGATED"
        assert rows(table)[2][4] == "MITIGATED · RESOLVED"
        detail = str(app.screen.query_one("#timeline-detail-text").render())
        assert "MITIGATED · RESOLVED" in detail.splitlines()[0]
        metrics = app.editor.metrics
        assert (metrics.ttm.minutes, metrics.mttr.minutes, metrics.duration) == (70, 70, "01:10")
        shown = await metrics_text(pilot)
        assert "Time to Mitigate (TTM)    70 min" in shown and "Time to Resolve (MTTR)    70 min" in shown
        await pilot.press("f7")
        await pilot.pause()
        assert "**MITIGATED** **RESOLVED** Rollback finished" in app.screen.query_one(Markdown).source
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert 'markers = ["mitigated", "resolved"]' in three.read_text(encoding="utf-8")
    saved = store.load_workspace(three)
    assert "| 10:09 | **MITIGATED** **RESOLVED** Rollback finished | anna |" in to_markdown(saved)
    assert compute_metrics(saved.timeline, saved.targets).ttm.minutes == 70


def test_a_marker_cell_shortens_names_and_never_cuts_one():
    both = MarkerNote(("MITIGATED", "RESOLVED"), ("MITIG", "RESOLVED"), (1, 1), "bold")
    assert [both.fitted(width) for width in (28, 20, 19, 14, 8, 7)] == [
        "MITIGATED · RESOLVED", "MITIGATED · RESOLVED", "MITIG RESOLVED", "MITIG RESOLVED", "MITIG +1", "2 markers",
    ]
    flagged = MarkerNote(("IMPACT START",), ("IMPACT",), (1,), "bold red", "after mitigated")
    assert flagged.fitted(28) == "⚠ IMPACT START after mitigated"  # the column cuts the reason
    assert flagged.fitted(14) == "⚠ IMPACT after mitigated"
    twice = MarkerNote(("MITIGATED", "RESOLVED (2×)"), ("MITIG", "RESOLVED"), (1, 2), "bold")
    assert [twice.fitted(width) for width in (28, 20, 14)] == [
        "MITIGATED · RESOLVED (2×)", "MITIG RESOLVED(2×)", "MITIG RESOLVED",
    ]


async def test_the_grid_shows_every_marker_of_an_event_wide_and_narrow(tmp_path):
    path = write(tmp_path / "several.toml", [
        TimelineEvent(id="a", time=at(9), text="errors", markers=(Marker.IMPACT_START,)),
        TimelineEvent(id="b", time=at(9, 5), text="paged and declared", markers=(
            Marker.COMMUNICATED, Marker.DECLARED, Marker.DETECTED)),
        TimelineEvent(id="c", time=at(9, 47), text="error rate normal", markers=(Marker.RESOLVED, Marker.MITIGATED)),
    ])
    for size, wanted in (
        ((120, 36), ["IMPACT START", "DETECT DECL COMMS", "MITIGATED · RESOLVED"]),
        ((80, 24), ["IMPACT START", "DETECT DECL +1", "MITIG RESOLVED"]),
    ):
        app = make_app(path)
        async with app.run_test(size=size) as pilot:
            table = await open_timeline(pilot)
            lines = table.grid.rendered_text()
            for line, cell in zip(lines[1:4], wanted, strict=True):
                assert line.endswith(cell), (size, line)


async def test_the_form_reads_and_shows_several_markers(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("enter")
        form = await submit_form(pilot, markers="!rca")
        assert app.screen is form and "!rca is not a marker" in form_error(form)
        await submit_form(pilot, markers="resolved, !mitigated")
        assert app.editor.find("timeline", "e1").markers == (Marker.MITIGATED, Marker.RESOLVED)
        await pilot.press("enter")
        assert app.screen.query_one("#field-markers", Input).value == "mitigated, resolved"


async def test_duplicate_and_out_of_order_markers_are_flagged_on_their_rows(tmp_path):
    path = write(
        tmp_path / "flags.toml",
        [
            TimelineEvent(id="r", time=at(9, 0), text="marked resolved too early", markers=(Marker.RESOLVED,)),
            TimelineEvent(id="i", time=at(9, 5), text="impact", markers=(Marker.IMPACT_START,)),
            TimelineEvent(id="d1", time=at(9, 10), text="alert", markers=(Marker.DETECTED,)),
            TimelineEvent(id="d2", time=at(9, 20), text="second alert", markers=(Marker.DETECTED,)),
        ],
    )
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        assert [row[4] for row in rows(table)] == [
            "⚠ RESOLVED before detected, impact start",
            "⚠ IMPACT START after resolved",
            "⚠ DETECTED (2×) after resolved",
            "DETECTED (2×, not counted)",
        ]
        assert table.grid.rows.cells(3).marker_style == "dim"
        assert "error" in await metrics_text(pilot)  # the metrics say so too
        await pilot.press("end")
        detail = str(app.screen.query_one("#timeline-detail-text").render())
        assert "the earliest (09:10) counts for the metrics, not this one" in detail
        await pilot.press("home")
        assert "RESOLVED is set before detected, impact start" in str(
            app.screen.query_one("#timeline-detail-text").render()
        )
        await choose_marker(pilot, "res")  # resolved off
        await choose_marker(pilot, "all")  # all clear on
        assert [row[4] for row in rows(table)] == [
            "ALL CLEAR", "IMPACT START", "DETECTED (2×)", "DETECTED (2×, not counted)",
        ]
        await pilot.press("end", "d")  # the duplicate goes
        await pilot.pause()
        assert [row[4] for row in rows(table)][2] == "DETECTED"


# --- paste --------------------------------------------------------------------------------


async def start_paste(pilot, text: str) -> TimelinePasteScreen:
    await pilot.press("p")
    screen = pilot.app.screen
    assert isinstance(screen, TimelinePasteScreen)
    screen.query_one(TextArea).load_text(text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return screen


def table_rows(screen, selector: str) -> list[list[str]]:
    """The rows of a preview table, as plain text."""
    table = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_a_whole_log_is_not_pasted_and_text_over_the_limit_is_not_read(three):
    log = "".join(f"09:{n % 60:02d} request {n}\n" for n in range(MAX_PASTE_LINES))
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("p")
        area = app.screen.query_one(PasteArea)
        app.post_message(events.Paste(log.replace("\n", "\r")))  # as a terminal sends it
        await wait_until(pilot, lambda: app._notifications)
        [notification] = app._notifications
        assert notification.title == "Paste too long" and "still on the clipboard" in notification.message
        assert area.text == ""
        app.post_message(events.Paste("09:00 first line\n"))  # a paste within the limit goes in
        await wait_until(pilot, lambda: area.text)
        area.insert(log)  # typed and pasted in parts: over the limit when read
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#paste-error").render())
        assert f"{MAX_PASTE_LINES + 2:,} lines is more than a timeline takes" in error
        assert area.display and area.text.startswith("09:00 first line\n09:00 request 0")
        area.clear()
        await pilot.press(*"09:01 short", "ctrl+s")
        await pilot.pause()
        assert not app.screen.query_one("#paste-error").display
        await pilot.press("enter")
        await pilot.pause()
        assert "short" in [event.text for event in app.editor.workspace.timeline]


async def test_paste_previews_before_adding_then_one_undo_removes_it_and_junk_adds_nothing(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        pasted = (
            "[09:02] <bob> canary shows 5xx\n"
            "09:06 anna: OUTAGE BEGINS - checkout down\n"
            "    see graph\n"
            "just a remark\n"
            "\x00\x01\x02junk\n"
            "25:99 not a time\n"
            "| 09:07 | **DETECTED** pager | PagerDuty |\n"
        )
        screen = await start_paste(pilot, pasted)
        assert table_rows(screen, "#paste-events") == [
            ["1", "2026-03-10 09:02", "bob", "", "canary shows 5xx"],
            ["2", "2026-03-10 09:06", "anna", "IMPACT START", "checkout down ⏎ see graph ⏎ just a remark"],
            ["7", "2026-03-10 09:07", "PagerDuty", "DETECTED", "pager"],
        ]
        assert table_rows(screen, "#paste-bad") == [
            ["5", "binary data or control characters, not text · \\x00\\x01\\x02junk"],
            ["6", "25:99 is not a time of day: hours go up to 23, minutes up to 59 · 25:99 not a time"],
        ]
        summary = str(screen.query_one("#paste-summary").render())
        assert summary.startswith("3 events read, 2 lines not understood")
        assert len(app.editor.workspace.timeline) == 3  # nothing is added before the confirmation
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.workspace_screen
        assert [event.text for event in app.editor.workspace.timeline] == [
            "Deploy of checkout 4.2", "canary shows 5xx", "Error rate alert",
            "checkout down\nsee graph\njust a remark", "pager", "Rollback finished",
        ]
        assert rows(table)[3][1:] == ["+2m", "checkout down ⏎ see graph ⏎ just a remark", "anna", "IMPACT START"]
        assert app.editor.undo_label == "Paste 3 events"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row_ids(table) == ["e1", "e2", "e3"]

        # a paste larger than PASTE_IN_PLACE: one step, and one undo
        count = PASTE_IN_PLACE + 30
        await start_paste(pilot, "\n".join(f"{9 + n // 60:02d}:{n % 60:02d} step {n}" for n in range(count)))
        await pilot.press("enter")
        await pilot.pause()
        timeline = app.editor.workspace.timeline
        assert len(timeline) == count + 3 and row_ids(table) == [event.id for event in timeline]
        assert timeline == sorted(timeline, key=lambda event: event.time)
        assert timeline[0].id == "e1" and timeline[1].text == "step 0"  # existing first on a tie
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row_ids(table) == ["e1", "e2", "e3"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert table.grid.row_count == count + 3
        await pilot.press("ctrl+z")
        await pilot.pause()

        # binary junk: every line listed as not understood, nothing to add
        junk = bytes(range(256)).decode("latin-1") + "\n\x00\x00\x00\n\ufffd\ufffd binary"
        screen = await start_paste(pilot, junk)
        assert table_rows(screen, "#paste-events") == []
        lines = screen.query_one(TextArea).text.split("\n")  # as the text box keeps them
        numbers = [row[0] for row in table_rows(screen, "#paste-bad")]
        assert numbers == [str(number) for number, line in enumerate(lines, start=1) if line.strip()]
        assert "Nothing to add" in str(screen.query_one("#paste-summary").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")  # back to the text
        assert not screen.previewing and screen.query_one(TextArea).has_focus
        await pilot.press("escape")  # the text would go: said first, as the event form does
        await pilot.pause()
        assert app.screen is screen
        assert str(screen.query_one("#paste-error").render()) == UNREAD_WARNING
        await pilot.press("escape")
        assert app.screen is app.workspace_screen
        assert row_ids(table) == ["e1", "e2", "e3"]


async def test_bare_times_take_the_incident_date_or_the_selected_events_and_roll_past_midnight(tmp_path):
    path = write(tmp_path / "night.toml", [], incident_date=date(2026, 2, 27))
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        assert "No events yet" in table.grid.border_subtitle
        await pilot.press("a")
        assert app.screen.query_one("#field-time", Input).value == ""
        await submit_form(pilot, time="23:10", text="first")
        assert app.editor.workspace.timeline[0].time == datetime(2026, 2, 27, 23, 10, tzinfo=UTC)
        await pilot.press("a")
        await submit_form(pilot, time="+5m", text="second")
        assert app.editor.workspace.timeline[1].time == datetime(2026, 2, 27, 23, 15, tzinfo=UTC)
        await pilot.press("a")
        await submit_form(pilot, time="2026-03-12 20:00", text="days later")
        assert table.grid.cursor_row == 2
        screen = await start_paste(pilot, "23:50 backup starts\n00:10 disk full\n01:30 paged")
        assert [row[1] for row in table_rows(screen, "#paste-events")] == [  # the selected event's day
            "2026-03-12 23:50", "2026-03-13 00:10", "2026-03-13 01:30",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert [event.time for event in app.editor.workspace.timeline][3:] == [
            at(23, 50, day=12), at(0, 10, day=13), at(1, 30, day=13),
        ]
        await pilot.press("home")
        screen = await start_paste(pilot, "22:00 x")
        assert table_rows(screen, "#paste-events")[0][1] == "2026-02-27 22:00"


# --- bad input, saving --------------------------------------------------------------------

TRICKY = ["[red]x", "[/]", "| a | b |", "long " + "x" * 10_000, "bell\x07 tab\t nul\x00 esc\x1b[31m"]


async def test_markup_and_control_characters_show_literally_and_save_exactly(tmp_path, monkeypatch):
    import pm_postmortem.tui.app as app_module

    monkeypatch.setattr(app_module, "AUTOSAVE_DELAY", 0.05)
    path = write(tmp_path / "tricky.toml", [])
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        for minute, text in enumerate(TRICKY):
            app.editor.add("timeline", {"time": at(9, minute), "text": text, "actor": text[:20]})
        await pilot.press("a")  # and one through the form
        await submit_form(pilot, time="09:30", text="[bold]typed[/bold] | x", actor="[/]")
        shown = [row[2] for row in rows(table)]
        assert shown[:3] == ["[red]x", "[/]", "| a | b |"]
        assert shown[3].startswith("long xxx") and shown[3].endswith("…")
        assert shown[4] == "bell\\x07 tab\\x09 nul\\x00 esc\\x1b[31m"
        assert rows(table)[5][2:4] == ["[bold]typed[/bold] | x", "[/]"]
        screen_text = "\n".join(table.grid.render_line(y).text for y in range(1, 8))
        assert "[red]x" in screen_text and "[/]" in screen_text and "| a | b |" in screen_text
        assert "xxx…" in screen_text  # cut by the column with an ellipsis
        await pilot.press("home", "down")
        assert "[/]" in str(app.screen.query_one("#timeline-detail-text").render())
        await wait_until(pilot, lambda: app.session.save_state.kind is SaveKind.SAVED)  # autosaved
    saved = store.load_workspace(path)
    texts = [*TRICKY, "[bold]typed[/bold] | x"]
    assert [event.text for event in saved.timeline] == texts
    assert [event.actor for event in saved.timeline] == [text[:20] for text in TRICKY] + ["[/]"]
    markdown = to_markdown(saved)
    for text in texts:
        assert escape_cell(text) in markdown


# --- the table stays in step with the document -------------------------------------------


def expected_rows(app, table: TimelinePane) -> list[list[str]]:
    events = app.editor.workspace.timeline
    zone = zone_named(table.zone_name)
    notes = marker_notes(events, app.editor.metrics, zone)
    result = []
    for index, event in enumerate(events):
        note = notes.get(event.id)
        result.append([
            row_time_text(event.time, zone, with_date=table.grid.rows.with_dates),
            gap_text(event.time - events[index - 1].time) if index else "",
            event.text,
            event.actor,
            note.text if note else "",
        ])
    return result


async def test_in_place_updates_match_a_full_rebuild_after_random_edits(tmp_path):
    rng = random.Random(11)
    events = [
        TimelineEvent(id=f"s{index}", time=at(8) + timedelta(minutes=7 * index), text=f"start {index}")
        for index in range(30)
    ]
    app = make_app(write(tmp_path / "random.toml", events, tz="Asia/Tokyo"))
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_timeline(pilot)
        editor = app.editor
        markers = list(Marker)
        for step in range(50):
            timeline = editor.workspace.timeline
            choice = rng.random()
            if choice < 0.25 or not timeline:
                editor.add("timeline", {"time": at(8) + timedelta(minutes=rng.randrange(0, 2000)), "text": f"n{step}"})
            elif choice < 0.4:
                editor.delete("timeline", rng.choice(timeline).id)
            elif choice < 0.6:
                event = rng.choice(timeline)
                editor.update("timeline", event.id, time=event.time + timedelta(minutes=rng.randrange(-300, 300)))
            elif choice < 0.7:
                editor.update("timeline", rng.choice(timeline).id, markers=rng.sample(markers, rng.randrange(3)), text=f"t{step}")
            elif choice < 0.8:
                with editor.group("several"):
                    for _ in range(rng.randrange(2, 5)):
                        editor.add("timeline", {"time": at(8) + timedelta(minutes=rng.randrange(0, 3000)), "text": "g"})
                    editor.delete("timeline", rng.choice(editor.workspace.timeline).id)
            elif choice < 0.9:
                editor.undo()
            elif choice < 0.95:
                editor.redo()
            else:
                table.toggle_zone()
            await pilot.pause()
            assert row_ids(table) == [event.id for event in editor.workspace.timeline], step
            assert rows(table) == expected_rows(app, table), step
            assert table.selected_event is None or table.selected_event.id == row_ids(table)[table.grid.cursor_row]
        incremental = rows(table)
        table.redraw()
        assert rows(table) == incremental


async def test_the_capture_line_adds_events_keeps_bad_lines_and_recalls_earlier_ones(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i")
        assert app.focused is pane.capture_line
        await type_text(pilot, "09:10 alertmanager: 5xx above 2% !det")
        await pilot.press("enter")
        await type_text(pilot, "09:2x db: failover")
        await pilot.press("enter")
        await pilot.pause()
        added = app.editor.workspace.timeline[2]
        assert (added.time, added.actor, added.text, added.markers) == (
            at(9, 10), "alertmanager", "5xx above 2%", (Marker.DETECTED,))
        assert pane.capture_line.value == "09:2x db: failover"  # kept, with the reason beside it
        error = str(pane.query_one("#timeline-capture-error").render())
        assert error.startswith("✗ start the line with a time")
        assert len(app.editor.workspace.timeline) == 4
        await pilot.press("ctrl+u", "up")
        assert pane.capture_line.value == "09:10 alertmanager: 5xx above 2% !det"
        await pilot.press("down")
        assert pane.capture_line.value == ""
        assert "09:10" in "\n".join(pane.grid.rendered_text())
        await type_text(pilot, "10:12 api: error rate normal !mitigated !resolved")
        await pilot.press("enter")
        await pilot.pause()
        latest = app.editor.workspace.timeline[-1]
        assert (latest.time, latest.actor, latest.text, latest.markers) == (
            at(10, 12), "api", "error rate normal", (Marker.MITIGATED, Marker.RESOLVED))
        assert pane.grid.rendered_text()[5].endswith("MITIGATED · RESOLVED")
        await pilot.press("escape")
        assert app.focused is pane.grid


async def test_the_capture_line_says_when_a_time_is_no_time_of_day_and_takes_one_letter_actors(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press("i")
        await type_text(pilot, "25:99 bob: weird time")
        await pilot.press("enter")
        await pilot.pause()
        error = str(pane.query_one("#timeline-capture-error").render())
        assert error == "✗ 25:99 is not a time of day: hours go up to 23, minutes up to 59"
        await pilot.press("ctrl+u")
        for line in ("14:00 a: first", "14:01 b: second", "14:02 I: third"):
            await type_text(pilot, line)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load_workspace(three).timeline
        assert [(event.actor, event.text) for event in saved[3:]] == [("a", "first"), ("b", "second"), ("I", "third")]


async def test_lines_pasted_onto_the_table_or_the_capture_line_open_the_paste_preview(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        app.post_message(events.Paste("23:50 ops: maintenance starts !impact\n23:55 db: replica lags"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelinePasteScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table_rows(screen, "#paste-events")[0][1:4] == ["2026-03-10 23:50", "ops", "IMPACT START"]
        await pilot.press("escape", "escape", "escape")  # back to the text, not added, discarded
        await pilot.pause()
        await pilot.press("i")
        app.post_message(events.Paste("10:00 a: one\n10:01 b: two\n"))
        await pilot.pause()
        assert isinstance(app.screen, TimelinePasteScreen)
        assert app.screen.query_one(TextArea).text.startswith("10:00 a: one")


CHAT = (
    "14:02 anna: seeing 502 on /pay again\n"
    "[14:03] <bob> canary shows 5xx\n"
    "  only on eu-west\n"
    "14:05 carol: rolling back\n"
    "14:09 ci: rollback done !mitigated\n"
    "14:12 anna: error rate back to normal\n"
    "thanks all\n"
)


async def test_one_pasted_line_goes_into_the_capture_line_once(three):
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        await pilot.press("i", *"14:09 ")
        app.post_message(events.Paste("db: failover done"))
        await pilot.pause()
        assert app.screen.query_one(CaptureLine).value == "14:09 db: failover done"


@pytest.mark.parametrize("line_break", ["\r", "\r\n", "\n"], ids=["CR", "CRLF", "LF"])
async def test_a_paste_reads_cr_crlf_and_lf_as_line_breaks_on_the_table_and_the_capture_line(three, line_break):
    """Terminals (and tmux's paste-buffer) send a paste's line breaks as carriage returns."""
    pasted = CHAT.replace("\n", line_break)
    app = make_app(three)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(pilot)
        for start in ((), ("i",)):  # onto the table, then onto the capture line
            await pilot.press(*start)
            app.post_message(events.Paste(pasted))
            await wait_until(pilot, lambda: isinstance(app.screen, TimelinePasteScreen))
            screen = app.screen
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert [row[:3] for row in table_rows(screen, "#paste-events")] == [
                ["1", "2026-03-10 14:02", "anna"], ["2", "2026-03-10 14:03", "bob"],
                ["4", "2026-03-10 14:05", "carol"], ["5", "2026-03-10 14:09", "ci"],
                ["6", "2026-03-10 14:12", "anna"],
            ]
            assert str(screen.query_one("#paste-summary").render()).startswith("5 events read (")
            await pilot.press("escape", "escape", "escape")  # back to the text, not added, discarded
            await pilot.pause()
        await pilot.press("escape", "p")  # pasted into the dialog's text box
        app.post_message(events.Paste(pasted))
        await wait_until(pilot, lambda: app.screen.query_one(PasteArea).text)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        texts = [event.text for event in app.editor.workspace.timeline]
        assert "canary shows 5xx\nonly on eu-west" in texts
        assert "error rate back to normal\nthanks all" in texts and len(texts) == 3 + 5


async def test_the_preview_shows_a_line_break_in_an_event_as_a_mark(tmp_path):
    from textual.widgets import Markdown

    path = write(tmp_path / "breaks.toml", [
        TimelineEvent(id="b1", time=at(9), text="paged the DBA team\nno answer yet", actor="carol"),
    ])
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert "paged the DBA team ⏎ no answer yet" in app.screen.query_one(Markdown).source


async def test_a_time_typed_on_the_table_starts_the_capture_line(three):
    app = make_app(three)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_timeline(pilot)
        await pilot.press(*"14:40 ivan: did it rollback", "enter")  # one burst, no i first
        await pilot.pause()
        assert row_ids(pane) == ["e1", "e2", "e3", row_ids(pane)[-1]]
        [added] = [event for event in app.editor.workspace.timeline if event.id not in ("e1", "e2", "e3")]
        assert (added.time.hour, added.time.minute, added.actor, added.text) == (14, 40, "ivan", "did it rollback")
        assert any("did it rollback" in line for line in screen_lines(app))


async def test_a_long_event_text_ends_in_an_ellipsis_above_its_actor(three):
    long_text = " ".join(["the dashboards lagged behind the rollback"] * 12)
    app = make_app(three)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press(*f"14:40 ivan: {long_text}", "enter", "escape")
        await pilot.pause()
        lines = [line.strip(" │") for line in screen_lines(app)]
        start = lines.index(next(line for line in lines if line.startswith("the dashboards lagged")))
        assert lines[start + 2].endswith("…")
        assert lines[start + 3].startswith("Actor/System: ivan")
