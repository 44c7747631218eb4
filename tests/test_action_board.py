"""F5 the corrective-action board, driven with keys as a facilitator would."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from pm_postmortem.core import store
from pm_postmortem.core.model import (
    Action,
    ActionStatus,
    ActionType,
    Factor,
    Priority,
    WhyNode,
    new_workspace,
)
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.fields import ACTION_FIELDS
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.widgets.action_board import ActionBoard, ActionCard, ActionsPane
from pm_postmortem.tui.widgets.item_table import ItemTable

NOW = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
SIZE = (120, 36)


def action(number: int, **fields) -> Action:
    values = {
        "action": f"Add check {number} to the export pipeline",
        "owner": "Platform team",
        "deadline": date(2026, 4, number % 28 + 1),
        "priority": Priority.P2,
    }
    values.update(fields)
    return Action(id=f"ac{number:03d}", number=number, **values)


def write(path: Path, actions: list[Action]) -> Path:
    workspace = new_workspace("Export outage", severity="S2", incident_date=date(2026, 3, 10))
    workspace.whys.symptom = "Exports contained duplicates"
    workspace.whys.nodes = [
        WhyNode(id="w1", answer="The writer ran twice"),
        WhyNode(id="w2", parent="w1", answer="The queue redelivered the job"),
        WhyNode(id="w3", parent="w2", answer="The job timed out under load"),
    ]
    workspace.factors = [Factor(id="f1", factor="No load test at month-start volume")]
    workspace.actions = actions
    store.save_workspace(path, workspace)
    return path


@pytest.fixture
def board_file(tmp_path: Path) -> Path:
    return write(
        tmp_path / "export.toml",
        [
            action(
                1,
                priority=Priority.P1,
                status=ActionStatus.DONE,
                done_on=date(2026, 3, 12),
                why_node="w3",
            ),
            action(2, priority=Priority.P1, status=ActionStatus.IN_PROGRESS, factor="f1"),
            action(3, priority=Priority.P2, deadline=date(2026, 4, 20)),
            action(4, priority=Priority.P1, deadline=date(2026, 4, 30), type=ActionType.DETECT),
            action(5, priority=Priority.P3, deadline=None, type=ActionType.PROCESS),
        ],
    )


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False, clock=lambda: NOW)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def pane(app) -> ActionsPane:
    return app.screen.query_one(ActionsPane)


def board(app) -> ActionBoard:
    return app.screen.query_one(ActionBoard)


def columns(app) -> list[list[int]]:
    found = board(app)
    numbers = {a.id: a.number for a in app.editor.workspace.actions}
    return [[numbers[i] for i in found.column_ids(index)] for index in range(3)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def card_text(app, action_id: str) -> str:
    return str(board(app).card(action_id).render())


async def open_board(pilot) -> None:
    await pilot.press("f5")
    await pilot.pause()


async def test_three_columns_ordered_by_priority_then_deadline(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert app.focused is board(app)
        assert columns(app) == [[4, 3, 5], [2], [1]]
        titles = [str(column.header.render()) for column in board(app).board_columns]
        assert titles == ["Open · 3", "In Progress · 1", "Done · 1"]
        assert text_of(app, "#board-summary") == (
            "5 actions · 3 open · 1 in progress · 1 done · 3 Prevent · 1 Detect · 1 Process"
            " · next due 2026-04-03"
        )
        text = card_text(app, "ac004")
        for part in ("#4", "P1", "Detect", "Platform team", "due 2026-04-30", "Add check 4"):
            assert part in text
        assert "from why 3" in card_text(app, "ac001")
        assert "done 2026-03-12" in card_text(app, "ac001")
        assert "from factor: No load test at" in card_text(app, "ac002")
        assert "no deadline" in card_text(app, "ac005")


async def test_arrows_move_between_cards_and_columns(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        found = board(app)
        assert found.selected_id == "ac004"
        assert found.card("ac004").has_class("-cursor")
        await pilot.press("down", "down")
        assert found.selected_id == "ac005"
        await pilot.press("down")  # stays on the last card
        assert found.selected_id == "ac005"
        await pilot.press("right")  # one card there: the row is clamped
        assert found.selected_id == "ac002"
        await pilot.press("right", "right")
        assert found.selected_id == "ac001" and found.column_index == 2
        await pilot.press("left", "left", "end")
        assert found.selected_id == "ac005"
        await pilot.press("home")
        assert found.selected_id == "ac004"
        assert [card.action_id for card in found.query(ActionCard).filter(".-cursor")] == ["ac004"]


async def test_a_adds_a_card_in_the_current_column_with_the_next_number(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("right", "a")
        form = app.screen
        assert isinstance(form, EditForm)
        assert [spec.name for spec in form.fields] == [spec.name for spec in ACTION_FIELDS]
        assert [spec.name for spec in ACTION_FIELDS][:6] == [
            "action",
            "type",
            "owner",
            "deadline",
            "priority",
            "status",
        ]
        assert form.query_one("#field-status").value == "In Progress"
        await type_text(pilot, "[red]Alert[/] when | totals differ")
        await pilot.press("enter")
        await pilot.pause()
        added = app.editor.workspace.actions[-1]
        assert (added.number, added.status, added.action) == (
            6,
            ActionStatus.IN_PROGRESS,
            "[red]Alert[/] when | totals differ",
        )
        assert board(app).selected_id == added.id
        assert "[red]Alert[/] when | totals differ" in card_text(app, added.id)
        assert "no owner" in card_text(app, added.id)


async def test_adding_straight_into_done_records_the_day(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("right", "right", "a")
        await type_text(pilot, "Rotate the export key")
        await pilot.press("enter")
        await pilot.pause()
        added = app.editor.workspace.actions[-1]
        assert added.status is ActionStatus.DONE and added.done_on == date(2026, 3, 15)


async def test_enter_edits_the_card_in_place_and_a_bad_deadline_keeps_the_form(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        card = board(app).card("ac004")
        others = {i: board(app).card(i) for i in ("ac003", "ac005", "ac002")}
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-deadline").value = "end of march"
        form.query_one("#field-deadline").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "YYYY-MM-DD" in str(form.query_one("#form-errors").render())
        form.query_one("#field-deadline").value = "2026-04-02"
        form.query_one("#field-owner").value = "SRE [bold]on-call[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditForm)
        edited = app.editor.find("actions", "ac004")
        assert edited.owner == "SRE [bold]on-call[/]" and edited.deadline == date(2026, 4, 2)
        assert board(app).card("ac004") is card  # updated in place, not rebuilt
        assert all(board(app).card(i) is widget for i, widget in others.items())
        assert "SRE [bold]on-call[/]" in card_text(app, "ac004")


async def test_d_deletes_with_undo_and_numbers_stay(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("down", "d")  # #3
        await pilot.pause()
        assert [a.number for a in app.editor.workspace.actions] == [1, 2, 4, 5]
        assert columns(app)[0] == [4, 5]
        assert board(app).selected_id == "ac005"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [a.number for a in app.editor.workspace.actions] == [1, 2, 3, 4, 5]
        assert columns(app)[0] == [4, 3, 5]


async def test_R_renumbers_in_list_order_and_undo_restores(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("R")  # nothing to do yet: no undo step
        assert not app.editor.can_undo
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert [a.number for a in app.editor.workspace.actions] == [1, 2, 3, 4]
        assert "#3" in card_text(app, "ac004")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [a.number for a in app.editor.workspace.actions] == [1, 2, 4, 5]
        assert "#4" in card_text(app, "ac004")


async def test_a_card_travels_through_every_column_and_back_with_undo(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        found = board(app)
        assert found.selected_id == "ac004"

        def where() -> tuple[ActionStatus, date | None, int]:
            moved = app.editor.find("actions", "ac004")
            return moved.status, moved.done_on, found.column_index

        await pilot.press("left_square_bracket")  # already in the first column
        assert where() == (ActionStatus.OPEN, None, 0)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert where() == (ActionStatus.IN_PROGRESS, None, 1)
        assert columns(app)[1] == [2, 4]  # both P1: #2 is due earlier
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert where() == (ActionStatus.DONE, date(2026, 3, 15), 2)
        assert found.selected_id == "ac004"
        await pilot.press("right_square_bracket")  # already in the last column
        assert where()[0] is ActionStatus.DONE
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert where() == (ActionStatus.OPEN, None, 0)
        for expected in (
            ActionStatus.IN_PROGRESS,
            ActionStatus.DONE,
            ActionStatus.IN_PROGRESS,
            ActionStatus.OPEN,
        ):
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert where()[0] is expected
            assert found.selected_id == "ac004"
        assert columns(app) == [[4, 3, 5], [2], [1]]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert where()[0] is ActionStatus.IN_PROGRESS


async def test_v_toggles_the_list_view_laid_out_like_the_export_table(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("down")  # #3
        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one("#actions-table", ItemTable)
        assert table.display and not board(app).display
        assert app.focused is table
        assert [str(column.label) for column in table.ordered_columns] == [
            "#",
            "Action",
            "Type",
            "Owner",
            "Deadline",
            "Priority",
            "Status",
        ]
        assert [str(table.get_row_at(row)[0]) for row in range(table.row_count)] == [
            "1",
            "2",
            "3",
            "4",
            "5",
        ]
        assert table.selected_id == "ac003"
        await pilot.press("down", "right_square_bracket")  # [ and ] work in the list too
        await pilot.pause()
        assert app.editor.find("actions", "ac004").status is ActionStatus.IN_PROGRESS
        assert str(table.get_row_at(3)[6]) == "In Progress"
        await pilot.press("v")
        await pilot.pause()
        assert board(app).display and not table.display
        assert app.focused is board(app)
        assert board(app).selected_id == "ac004"
        assert columns(app) == [[3, 5], [2, 4], [1]]


async def test_g_jumps_to_the_why_or_factor_the_action_came_from(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("g")  # #4 has no link
        await pilot.pause()
        assert app.screen.current_pane == "actions"
        await pilot.press("right", "g")  # #2 came from factor f1
        await pilot.pause()
        assert app.screen.current_pane == "review"
        factors = app.screen.query_one("#review-factors", ItemTable)
        assert factors.selected_id == "f1" and app.focused is factors
        await pilot.press("f5")
        await pilot.pause()
        assert board(app).selected_id == "ac002"
        await pilot.press("right", "g")  # #1 came from why 3
        await pilot.pause()
        assert app.screen.current_pane == "whys"


async def test_jump_to_an_action_selects_its_card(board_file):
    from pm_postmortem.tui.messages import JumpTo

    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.post_message(JumpTo("actions", "ac001"))
        await pilot.pause()
        assert app.screen.current_pane == "actions"
        assert board(app).selected_id == "ac001" and app.focused is board(app)


# --- hints -----------------------------------------------------------------------------------


async def hints_for(tmp_path: Path, actions: list[Action]) -> str:
    app = make_app(write(tmp_path / "h.toml", actions))
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        return text_of(app, "#board-hints")


async def test_no_hints_on_a_healthy_board(tmp_path):
    app = make_app(write(tmp_path / "ok.toml", [action(1, priority=Priority.P1), action(2)]))
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert text_of(app, "#board-hints").startswith("No hints")
        assert not app.screen.query_one("#board-hints").has_class("-active")


async def test_hint_more_than_five_open(tmp_path):
    text = await hints_for(tmp_path, [action(n, priority=Priority.P1) for n in range(1, 7)])
    assert "6 actions are still to do" in text


async def test_hint_no_owner_and_no_deadline(tmp_path):
    text = await hints_for(
        tmp_path, [action(1, priority=Priority.P1, owner=""), action(2, deadline=None)]
    )
    assert "No owner for #1" in text and "No deadline for #2" in text


async def test_hint_no_p1(tmp_path):
    text = await hints_for(tmp_path, [action(1), action(2, priority=Priority.P3)])
    assert "No action is P1" in text


async def test_hint_past_deadline_and_overdue_card(tmp_path):
    app = make_app(
        write(tmp_path / "h.toml", [action(1, priority=Priority.P1, deadline=date(2026, 3, 1))])
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert "Past the deadline: #1" in text_of(app, "#board-hints")
        assert "overdue 2026-03-01" in card_text(app, "ac001")
        assert board(app).card("ac001").has_class("-overdue")
        assert "1 overdue" in text_of(app, "#board-summary")


async def test_hint_vague_wording_from_the_coach(tmp_path):
    text = await hints_for(tmp_path, [action(1, priority=Priority.P1, action="Improve monitoring")])
    assert "#1: " in text and "measurable" in text


async def test_hints_follow_edits(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("enter")
        app.screen.query_one("#field-owner").value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert "No owner for #4" in text_of(app, "#board-hints")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert text_of(app, "#board-hints") == "› No deadline for #5: agree on a date in the room"


async def test_empty_board_says_how_to_start(tmp_path):
    app = make_app(write(tmp_path / "e.toml", []))
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert text_of(app, "#board-hints") == "No corrective actions yet: press a to add one."
        for key in ("up", "left", "enter"):  # enter on an empty board opens the add form
            await pilot.press(key)
        assert isinstance(app.screen, EditForm)
        await pilot.press("escape")
        for key in ("d", "g", "right_square_bracket", "R"):
            await pilot.press(key)
        assert app.editor.workspace.actions == []


async def test_read_only_workspace_refuses_moves_without_crashing(board_file):
    app = make_app(board_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        app.editor.read_only = "open elsewhere"
        await pilot.press("right_square_bracket", "d")
        await pilot.pause()
        assert app.editor.find("actions", "ac004").status is ActionStatus.OPEN


# --- a hundred actions ---------------------------------------------------------------------


async def test_a_hundred_actions_stay_responsive(tmp_path):
    statuses = list(ActionStatus)
    many = [
        action(
            n, status=statuses[n % 3], priority=list(Priority)[n % 3], action=f"Step {n} | [b]x[/b]"
        )
        for n in range(1, 101)
    ]
    app = make_app(write(tmp_path / "many.toml", many))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(ActionBoard)  # the pane is built when F5 is first shown
        await open_board(pilot)
        found = board(app)
        assert len(found.query(ActionCard)) == 100
        await pilot.press("f2")
        app.editor.update("actions", "ac001", owner="Data team")  # an edit while another pane shows
        await open_board(pilot)
        assert "Data team" in card_text(app, "ac001")
        assert found.selected_id == "ac001"  # the card edited while away
        moved = found.selected_id
        before = {i: found.card(i) for i in ("ac010", "ac050", "ac099")}
        started = time.perf_counter()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert elapsed < 2.0
        assert found.selected_id == moved
        assert app.editor.find("actions", moved).status is ActionStatus.DONE
        assert all(found.card(i) is card for i, card in before.items() if i != moved)
        assert sum(len(found.column_ids(index)) for index in range(3)) == 100
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.find("actions", moved).status is ActionStatus.IN_PROGRESS
        assert len([c for c in found.query(ActionCard) if not c._pruning]) == 100


async def test_home_and_end_go_to_the_first_and_the_last_row_of_the_list(board_file):
    app = make_app(board_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await pilot.press("v", "end")
        await pilot.pause()
        table = app.screen.query_one("#actions-table", ItemTable)
        assert table.selected_id == "ac005" and table.cursor_row == table.row_count - 1
        await pilot.press("enter")  # the row under the cursor is the one edited
        await pilot.pause()
        assert app.screen.query_one("#field-action").value == app.editor.find("actions", "ac005").action
        await pilot.press("escape", "home")
        await pilot.pause()
        assert table.selected_id == "ac001" and table.cursor_row == 0
