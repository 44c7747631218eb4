"""The one edit path: validation, undo/redo, dirty state, links and derived metrics."""

from datetime import UTC, date, datetime, timedelta

import pytest

from pm_postmortem.core.editing import UNDO_LIMIT, EditError, Editor
from pm_postmortem.core.model import ActionStatus, Marker, TimelineEvent, new_workspace


def at(minute: int) -> datetime:
    return datetime(2026, 3, 10, 14, 0, tzinfo=UTC) + timedelta(minutes=minute)


@pytest.fixture
def editor() -> Editor:
    return Editor(new_workspace("Checkout outage"))


def test_set_field_validates_and_leaves_state_alone_on_error(editor):
    with pytest.raises(EditError) as raised:
        editor.set("metadata.severity", "S5")
    assert raised.value.messages == ["severity must be one of S1, S2, S3, S4"]
    assert editor.workspace.metadata.severity is None
    assert not editor.dirty and not editor.can_undo
    editor.set("metadata.severity", "S2")
    assert editor.workspace.metadata.severity == "S2"
    assert editor.dirty


def test_undo_and_redo_every_kind_of_change(editor):
    editor.set("metadata.title", "New title")
    note = editor.add("went_well", {"text": "Alert fired fast"})
    editor.update("went_well", note.id, text="Alerting fired within two minutes")
    second = editor.add("went_well", {"text": "Rollback was scripted"})
    editor.move("went_well", second.id, 0)
    editor.delete("went_well", note.id)
    assert [n.text for n in editor.workspace.went_well] == ["Rollback was scripted"]
    for _ in range(6):
        editor.undo()
    assert editor.workspace.metadata.title == "Checkout outage"
    assert editor.workspace.went_well == []
    assert editor.undo() is None
    for _ in range(6):
        editor.redo()
    assert editor.workspace.metadata.title == "New title"
    assert [n.text for n in editor.workspace.went_well] == ["Rollback was scripted"]


def test_timeline_stays_sorted_and_ties_keep_entry_order(editor):
    editor.add("timeline", {"time": at(10), "text": "b"})
    editor.add("timeline", {"time": at(0), "text": "a"})
    editor.add("timeline", {"time": at(10), "text": "c"})
    assert [e.text for e in editor.workspace.timeline] == ["a", "b", "c"]
    first = editor.workspace.timeline[0]
    editor.update("timeline", first.id, time=at(20))
    assert [e.text for e in editor.workspace.timeline] == ["b", "c", "a"]
    editor.undo()
    assert [e.text for e in editor.workspace.timeline] == ["a", "b", "c"]


def test_metrics_follow_marker_changes_and_undo(editor):
    start = editor.add("timeline", {"time": at(0), "text": "errors rise", "markers": ["impact_start"]})
    detected = editor.add("timeline", {"time": at(6), "text": "alert"})
    assert editor.metrics.ttd.minutes is None
    editor.update("timeline", detected.id, markers=(Marker.DETECTED,))
    assert editor.metrics.ttd.minutes == 6
    editor.update("timeline", start.id, time=at(2))
    assert editor.metrics.ttd.minutes == 4
    editor.undo()
    editor.undo()
    assert editor.metrics.ttd.minutes is None


def test_toggle_marker_sets_and_removes_one_marker_in_order_undoably(editor):
    event = editor.add("timeline", {"time": at(0), "text": "error rate normal", "markers": ["resolved"]})
    assert editor.toggle_marker(event.id, Marker.MITIGATED) is True
    assert editor.find("timeline", event.id).markers == (Marker.MITIGATED, Marker.RESOLVED)
    assert editor.undo_label == "Set marker MITIGATED"
    with editor.group("Fix markers"):
        assert editor.toggle_marker(event.id, Marker.RESOLVED) is False
        editor.toggle_marker(event.id, Marker.ALL_CLEAR)
    assert editor.find("timeline", event.id).markers == (Marker.MITIGATED, Marker.ALL_CLEAR)
    assert editor.undo() == "Fix markers"
    assert editor.find("timeline", event.id).markers == (Marker.MITIGATED, Marker.RESOLVED)
    editor.undo()
    assert editor.find("timeline", event.id).markers == (Marker.RESOLVED,)


def test_invalid_update_keeps_item(editor):
    action = editor.add("actions", {"action": "Add a canary stage"})
    assert action.number == 1
    with pytest.raises(EditError) as raised:
        editor.update("actions", action.id, deadline="next week")
    assert "deadline must be a date written as YYYY-MM-DD" in raised.value.messages
    assert editor.find("actions", action.id).deadline is None


def test_done_actions_remember_when(editor):
    action = editor.add("actions", {"action": "Alert on export errors"})
    editor.update("actions", action.id, status=ActionStatus.DONE)
    assert editor.find("actions", action.id).done_on is not None
    editor.update("actions", action.id, status=ActionStatus.OPEN)
    assert editor.find("actions", action.id).done_on is None


def test_deleting_a_why_removes_subtree_and_links_and_undo_restores(editor):
    top = editor.add("whys", {"answer": "the export job ran twice"})
    child = editor.add("whys", {"answer": "the scheduler retried", "parent": top.id})
    grandchild = editor.add("whys", {"answer": "no idempotency key", "parent": child.id})
    sibling = editor.add("whys", {"answer": "the lock expired", "parent": top.id})
    editor.set("whys.root_cause", grandchild.id)
    factor = editor.add("factors", {"factor": "no idempotency", "why_node": grandchild.id})
    action = editor.add("actions", {"action": "Add idempotency keys", "why_node": child.id})
    editor.delete("whys", child.id)
    ws = editor.workspace
    assert [n.id for n in ws.whys.nodes] == [top.id, sibling.id]
    assert ws.whys.root_cause is None
    assert editor.find("factors", factor.id).why_node is None
    assert editor.find("actions", action.id).why_node is None
    editor.undo()
    assert [n.id for n in ws.whys.nodes] == [top.id, child.id, grandchild.id, sibling.id]
    assert ws.whys.root_cause == grandchild.id
    assert editor.find("factors", factor.id).why_node == grandchild.id


def test_empty_why_answer_is_refused(editor):
    with pytest.raises(EditError, match="answer cannot be empty"):
        editor.add("whys", {"answer": "   "})


def test_group_is_one_undo_step_and_rolls_back_on_error(editor):
    with editor.group("Paste 3 events"):
        for minute in range(3):
            editor.add("timeline", {"time": at(minute), "text": f"line {minute}"})
    assert len(editor.workspace.timeline) == 3
    assert editor.undo() == "Paste 3 events"
    assert editor.workspace.timeline == []
    with pytest.raises(EditError), editor.group("Broken paste"):
        editor.add("timeline", {"time": at(1), "text": "ok"})
        editor.add("timeline", {"time": "not a time", "text": "bad"})
    assert editor.workspace.timeline == []


def test_listeners_hear_one_list_per_user_action(editor):
    heard = []
    editor.subscribe(heard.append)
    event = editor.add("timeline", {"time": at(0), "text": "x"})
    editor.undo()
    assert [[(c.kind, c.item_id) for c in changes] for changes in heard] == [
        [("insert", event.id)],
        [("remove", event.id)],
    ]


def test_at_least_two_hundred_undo_steps(editor):
    for number in range(250):
        editor.set("metadata.title", f"title {number}")
    steps = 0
    while editor.undo():
        steps += 1
    assert steps == 250 <= UNDO_LIMIT
    assert editor.workspace.metadata.title == "Checkout outage"


def test_dirty_tracks_saved_revision(editor):
    editor.set("notes", "x")
    editor.mark_saved(editor.revision)
    assert not editor.dirty
    editor.undo()
    assert editor.dirty


def test_unknown_fields_are_refused(editor):
    with pytest.raises(EditError, match="unknown field"):
        editor.set("metadata.nope", 1)
    note = editor.add("lucky", {"text": "quiet day"})
    with pytest.raises(EditError, match="unknown field"):
        editor.update("lucky", note.id, colour="red")


def test_an_unknown_action_status_is_refused_with_the_choices_and_changes_nothing():
    editor = Editor(new_workspace("Checkout outage"))
    action = editor.add("actions", {"action": "Alert on duplicate exports"})
    with pytest.raises(EditError, match="status must be one of Open, In Progress, Done"):
        editor.update("actions", action.id, status="bogus")
    assert editor.find("actions", action.id).status is ActionStatus.OPEN
    editor.update("actions", action.id, status="Done")
    assert editor.find("actions", action.id).done_on is not None


def test_done_on_is_the_day_in_the_workspaces_zone_by_the_editors_clock():
    """Late evening in New York is already the next day in UTC: the action is done on the local day."""
    workspace = new_workspace("Checkout outage")
    workspace.display_tz = "America/New_York"
    editor = Editor(workspace, clock=lambda: datetime(2026, 3, 11, 2, 30, tzinfo=UTC))
    added = editor.add("actions", {"action": "Add a canary", "status": "Done"})
    assert added.done_on == date(2026, 3, 10)
    open_one = editor.add("actions", {"action": "Add an alert"})
    editor.update("actions", open_one.id, status=ActionStatus.DONE)
    assert editor.find("actions", open_one.id).done_on == date(2026, 3, 10)


def test_a_new_zone_keeps_the_moments_or_the_clock_times_in_one_undo_step():
    ws = new_workspace("Zones")
    ws.timeline.append(TimelineEvent(time=datetime(2026, 11, 27, 8, 0, tzinfo=UTC), text="export ran"))
    editor = Editor(ws)
    editor.change_zone("Europe/Berlin", keep_clock_times=False)
    assert ws.display_tz == "Europe/Berlin" and ws.timeline[0].time == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    editor.undo()
    editor.change_zone("Europe/Berlin", keep_clock_times=True)  # 08:00 was typed as Berlin time
    assert ws.timeline[0].time == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
    editor.undo()
    assert (ws.display_tz, ws.timeline[0].time) == ("UTC", datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
