"""core/actions.py: board order, overdue, summary, hints, links and the follow-up totals."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from pm_postmortem.core import actions as ca
from pm_postmortem.core.model import Action, ActionStatus, ActionType, Priority, WhyNode

TODAY = date(2026, 3, 15)


def act(number: int, **fields) -> Action:
    values = {"owner": "Platform team", "deadline": date(2026, 4, 1), "action": f"Action {number}"}
    values.update(fields)
    return Action(id=f"a{number}", number=number, **values)


def test_columns_order_by_priority_then_deadline_then_number():
    actions = [
        act(1, priority=Priority.P3, deadline=date(2026, 3, 1)),
        act(2, priority=Priority.P1, deadline=None),
        act(3, priority=Priority.P1, deadline=date(2026, 5, 1)),
        act(4, priority=Priority.P2, status=ActionStatus.DONE),
        act(5, priority=Priority.P1, deadline=date(2026, 5, 1)),
        act(6, status=ActionStatus.IN_PROGRESS),
    ]
    board = ca.columns(actions)
    assert list(board) == [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    assert [a.number for a in board[ActionStatus.OPEN]] == [3, 5, 2, 1]
    assert [a.number for a in board[ActionStatus.IN_PROGRESS]] == [6]
    assert [a.number for a in board[ActionStatus.DONE]] == [4]


def test_overdue_means_not_done_and_deadline_before_today():
    assert ca.is_overdue(act(1, deadline=date(2026, 3, 14)), TODAY)
    assert not ca.is_overdue(act(1, deadline=TODAY), TODAY)
    assert not ca.is_overdue(act(1, deadline=None), TODAY)
    assert not ca.is_overdue(act(1, deadline=date(2026, 1, 1), status=ActionStatus.DONE), TODAY)
    assert ca.is_overdue(act(1, deadline=date(2026, 1, 1), status=ActionStatus.IN_PROGRESS), TODAY)


def test_today_follows_the_display_timezone():
    late_evening_utc = datetime(2026, 3, 15, 23, 30, tzinfo=UTC)
    assert ca.today_in(late_evening_utc) == date(2026, 3, 15)
    assert ca.today_in(late_evening_utc, "Europe/Berlin") == date(2026, 3, 16)
    assert ca.today_in(late_evening_utc, "Not/AZone") == date(2026, 3, 15)


def test_shifted_status_stops_at_the_edges():
    assert ca.shifted_status(ActionStatus.OPEN, 1) is ActionStatus.IN_PROGRESS
    assert ca.shifted_status(ActionStatus.IN_PROGRESS, 1) is ActionStatus.DONE
    assert ca.shifted_status(ActionStatus.DONE, 1) is None
    assert ca.shifted_status(ActionStatus.OPEN, -1) is None
    assert ca.shifted_status(ActionStatus.DONE, -1) is ActionStatus.IN_PROGRESS


def test_summary_counts_statuses_types_and_the_next_deadline():
    actions = [
        act(1, type=ActionType.PREVENT, deadline=date(2026, 3, 20)),
        act(2, type=ActionType.PREVENT, deadline=date(2026, 3, 10)),
        act(3, type=ActionType.DETECT, deadline=date(2026, 3, 16), status=ActionStatus.DONE),
        act(4, type=ActionType.PROCESS, deadline=date(2026, 4, 2), status=ActionStatus.IN_PROGRESS),
    ]
    assert ca.summary(actions, TODAY) == (
        "4 actions · 2 open · 1 in progress · 1 done · 2 Prevent · 1 Detect · 1 Process"
        " · 1 overdue · next due 2026-03-20"
    )
    assert ca.summary([act(1, deadline=None)], TODAY) == "1 action · 1 open · 1 Prevent"
    assert ca.summary([], TODAY) == "No corrective actions yet"


def codes(found):
    return [hint.code for hint in found]


def test_no_hints_for_a_healthy_list():
    actions = [act(1, priority=Priority.P1), act(2), act(3, status=ActionStatus.DONE, owner="")]
    assert ca.hints(actions, TODAY, ca.wording_check()) == []
    assert ca.hints([], TODAY) == []


def test_more_than_five_open_actions():
    five = [act(n, priority=Priority.P1) for n in range(1, 6)]
    assert "too_many_open" not in codes(ca.hints(five, TODAY))
    six = [*five, act(6, status=ActionStatus.IN_PROGRESS)]
    found = ca.hints(six, TODAY)
    assert codes(found) == ["too_many_open"]
    assert found[0].text.startswith("6 actions are still to do")
    done = [*five, act(6, status=ActionStatus.DONE)]
    assert "too_many_open" not in codes(ca.hints(done, TODAY))


def test_missing_owner_and_deadline_name_the_actions():
    actions = [
        act(1, priority=Priority.P1),
        act(2, owner="  "),
        act(3, deadline=None),
        act(4, owner="", deadline=None),
    ]
    found = {hint.code: hint for hint in ca.hints(actions, TODAY)}
    assert found["no_owner"].action_ids == ("a2", "a4")
    assert "#2, #4" in found["no_owner"].text
    assert found["no_deadline"].action_ids == ("a3", "a4")
    assert "#3, #4" in found["no_deadline"].text


def test_no_p1_and_past_deadline():
    actions = [act(1, deadline=date(2026, 3, 1)), act(2, priority=Priority.P3)]
    found = {hint.code: hint for hint in ca.hints(actions, TODAY)}
    assert set(found) == {"no_p1", "overdue"}
    assert found["overdue"].action_ids == ("a1",)
    assert "#1" in found["overdue"].text


def test_wording_uses_the_given_check():
    actions = [
        act(1, priority=Priority.P1, action="Improve monitoring"),
        act(2, action="Alert at 5 % errors"),
    ]
    found = ca.hints(
        actions, TODAY, lambda text: ["Say how you will know."] if "Improve" in text else []
    )
    assert codes(found) == ["wording"]
    assert found[0].action_ids == ("a1",)
    assert found[0].text == "#1: Say how you will know."
    assert ca.flags(actions[0], TODAY, lambda text: ["vague"]) == ["check the wording"]


def test_wording_hints_group_actions_by_what_the_coach_says():
    actions = [
        act(1, priority=Priority.P1, action="Improve monitoring"),
        act(2, action="Improve alerting"),
        act(3, action="Remind engineers to be more careful"),
    ]
    found = [
        hint for hint in ca.hints(actions, TODAY, ca.wording_check()) if hint.code == "wording"
    ]
    assert [hint.action_ids for hint in found] == [("a1", "a2"), ("a3",)]
    assert found[0].text.startswith("#1, #2: ")


def test_the_wording_check_flags_vague_actions_and_leaves_concrete_ones_alone():
    check = ca.wording_check()
    assert check("Improve monitoring")
    assert check("Engineers should be more careful with deploys")
    assert not check("Alert when the export line count differs from the journal")
    assert not check("Add a per-firm switch to pause export downloads")
    assert not check("")


def test_flags_of_one_card():
    assert ca.flags(act(1, owner="", deadline=None), TODAY) == ["no owner", "no deadline"]
    assert ca.flags(act(1, deadline=date(2026, 3, 1)), TODAY) == ["overdue"]
    assert ca.flags(act(1, owner="", status=ActionStatus.DONE), TODAY) == []


def test_why_depth_counts_from_the_symptom():
    nodes = [
        WhyNode(id="w1", answer="a"),
        WhyNode(id="w2", parent="w1", answer="b"),
        WhyNode(id="w3", parent="w2", answer="c"),
    ]
    assert ca.why_depth(nodes, "w1") == 1
    assert ca.why_depth(nodes, "w3") == 3
    assert ca.why_depth(nodes, "gone") is None


def test_totals_for_the_follow_up_report():
    actions = [
        act(1, status=ActionStatus.DONE, done_on=date(2026, 3, 1)),
        act(2, status=ActionStatus.DONE, done_on=date(2026, 1, 2)),
        act(3, deadline=date(2026, 3, 1)),
        act(4, status=ActionStatus.IN_PROGRESS),
    ]
    result = ca.totals(actions, TODAY)
    assert (result.total, result.open, result.overdue, result.done, result.completed_recently) == (
        4,
        2,
        1,
        2,
        1,
    )
    assert result.completion_rate == 0.5
    assert ca.totals([], TODAY).completion_rate is None
    lines = ca.totals_lines(result)
    assert lines[-1].endswith("50% (2 of 4 done)")
    assert ca.totals_lines(ca.totals([], TODAY))[-1].endswith("— (0 of 0 done)")


def test_completed_recently_is_a_thirty_day_window():
    on_edge = act(1, status=ActionStatus.DONE, done_on=date(2026, 2, 13))
    inside = act(2, status=ActionStatus.DONE, done_on=date(2026, 2, 14))
    assert ca.completed_recently([on_edge, inside], TODAY) == 1


def test_single_line_and_alignment_keep_user_text_literal():
    assert ca.single_line("a | [b]\nc\x1b[31m") == "a | [b] / c\\x1b[31m"
    lines = ca.aligned([("A", "B"), ("日本", "x"), ("abcd", "y")])
    assert lines == ["A     B", "日本  x", "abcd  y"]


@given(
    st.lists(
        st.builds(
            Action,
            number=st.integers(0, 50),
            priority=st.sampled_from(Priority),
            status=st.sampled_from(ActionStatus),
            deadline=st.none() | st.dates(date(2025, 1, 1), date(2027, 1, 1)),
            owner=st.text(max_size=5),
            action=st.text(max_size=20),
        ),
        max_size=12,
    )
)
def test_columns_keep_every_action_once_and_sorted(actions):
    board = ca.columns(actions)
    placed = [action.id for column in board.values() for action in column]
    assert sorted(placed) == sorted(action.id for action in actions)
    for status, column in board.items():
        assert all(action.status is status for action in column)
        assert [ca.board_key(a) for a in column] == sorted(ca.board_key(a) for a in column)
    ca.summary(actions, TODAY)
    ca.hints(actions, TODAY, ca.wording_check())


def test_a_long_list_of_numbers_is_cut_short():
    many = [act(n, deadline=date(2026, 3, 1)) for n in range(1, 12)]
    overdue = next(hint for hint in ca.hints(many, TODAY) if hint.code == "overdue")
    assert overdue.text.startswith("Past the deadline: #1, #2, #3, #4, #5, #6 and 5 more.")
    assert len(overdue.action_ids) == 11
