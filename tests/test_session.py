"""The open workspace is one Session: the workspace screen and every pane are built with it,
panes report a refused edit once, and nothing in the TUI reaches through the app for the editor."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.domain import DomainContext
from pm_postmortem.core.editing import Editor
from pm_postmortem.core.model import Action, Factor, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.workspace import PANES, WorkspaceScreen
from pm_postmortem.tui.session import CoachPass, Session
from pm_postmortem.tui.widgets.pane import Pane
from tests.pilot_support import wait_until

SIZE = (120, 36)
TUI = Path(__file__).parent.parent / "src" / "pm_postmortem" / "tui"


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    ws = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    ws.factors = [Factor(factor="The retry storm")]
    ws.actions = [Action(action="Cap the retries", number=1)]
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, ws)
    return path


async def test_every_pane_is_built_with_the_session_of_the_open_workspace(workspace_file):
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen) and screen.session is app.session
        for pane_id, record in PANES.items():
            await pilot.press(record.key)
            await pilot.pause()
            pane = screen.pane(pane_id)
            assert isinstance(pane, record.widget_class()) and isinstance(pane, Pane)
            assert pane.session is app.session


@pytest.mark.parametrize(("key", "what"), [("f6", "contributing factor"), ("f5", "action #1")])
async def test_a_refused_delete_is_told_once_in_one_line(workspace_file, key, what):
    workspace_file.chmod(0o444)
    app = PostmortemApp(workspace_file, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: app._notifications)
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert messages == ["checkout.toml is read-only; changes here are not possible"], what
    workspace_file.chmod(0o644)
    saved = store.load_workspace(workspace_file)
    assert [factor.factor for factor in saved.factors] == ["The retry storm"]
    assert [action.action for action in saved.actions] == ["Cap the retries"]


def test_no_screen_or_widget_reaches_through_the_app_for_the_editor():
    reaching = [
        f"{path.relative_to(TUI)}:{number}"
        for path in sorted(TUI.rglob("*.py"))
        if path.name != "app.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bapp\.(editor|path|room|coach_findings|save_state|agenda)\b", line)
    ]
    assert reaching == []


def open_session(path: Path) -> Session:
    clock = lambda: datetime(2026, 3, 10, 14, 0, tzinfo=UTC)  # noqa: E731
    return Session(path, Editor(store.load_workspace(path), clock=clock), DomainContext(None), clock)


def test_a_save_is_due_after_an_edit_or_when_asked_and_never_for_a_file_that_is_not_ours(workspace_file):
    session = open_session(workspace_file)
    assert not session.needs_saving() and session.needs_saving(force=True)
    session.editor.set("metadata.title", "Checkout outage, 10 March")
    assert session.needs_saving()
    session.editor.read_only = "checkout.toml is read-only"
    assert not session.needs_saving() and not session.needs_saving(force=True)


def test_edits_made_while_a_save_is_written_are_saved_by_one_more_save(workspace_file):
    session = open_session(workspace_file)
    session.editor.set("metadata.title", "First title")
    text, revision = session.begin_save()
    assert "First title" in text and session.saving
    session.editor.set("metadata.title", "Second title")
    assert session.begin_save() is None  # one write at a time; another follows it
    assert session.end_save(revision, None) is True
    assert not session.saving and session.editor.dirty
    text, revision = session.begin_save()
    assert "Second title" in text
    assert session.end_save(revision, None) is False and not session.editor.dirty


def test_a_save_asked_for_during_a_write_follows_it_and_a_conflict_copy_drops_what_was_due(workspace_file):
    session = open_session(workspace_file)
    _, revision = session.begin_save()
    assert session.begin_save() is None
    assert session.end_save(revision, None) is True
    session.begin_save()
    session.save_dropped()  # the file changed outside: the edits went to a conflict copy
    assert not session.saving and not session.save_again


def test_the_first_coach_pass_counts_only_if_nothing_was_edited_while_it_ran(workspace_file):
    session = open_session(workspace_file)
    findings = ["a finding"]
    session.coach_pass = CoachPass(SimpleNamespace(result=findings), session.editor.revision)
    assert session.end_coach_pass() == findings and session.coach_pass is None
    session.coach_pass = CoachPass(SimpleNamespace(result=findings), session.editor.revision)
    session.editor.set("metadata.title", "Edited meanwhile")
    assert session.end_coach_pass() is None and session.coach_pass is None
