"""The language coach in the TUI: findings while typing, the header count, the ctrl+f list."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from pm_postmortem.core import store
from pm_postmortem.core.coach import FieldKind, WorkspaceTexts, text_fields
from pm_postmortem.core.findings import ITEM_TEXT_FIELDS, SECTION_TEXT_FIELDS
from pm_postmortem.core.model import (
    Action,
    Factor,
    Lesson,
    Note,
    Status,
    TimelineEvent,
    WhyNode,
    new_workspace,
)
from pm_postmortem.tui.app import COACH_RECOUNT_DELAY, PostmortemApp
from pm_postmortem.tui.coach import (
    coach_paths,
    section_coach_paths,
)
from pm_postmortem.tui.fields import FieldSpec, Kind
from pm_postmortem.tui.screens.coach_findings import CoachFindingsScreen, context_excerpt
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from pm_postmortem.tui.widgets.item_table import ItemTable
from pm_postmortem.tui.widgets.section_table import SectionTable
from tests.pilot_support import screen_lines, wait_until

BLAMING = "The on-call engineer should have noticed the alert"
NEUTRAL = "The alert went to a channel nobody watched at night"
SIZE = (120, 36)


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    ws = new_workspace("Ledger outage", severity="S2", incident_date=date(2026, 3, 10))
    ws.metadata.status = Status.IN_REVIEW
    ws.went_poorly = [Note(text="Paging worked as designed")]
    ws.whys.symptom = "Invoices were posted twice"
    ws.whys.nodes = [WhyNode(answer="the queue redelivered a batch")]
    store.save_workspace(path, ws)
    return path


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def coach_box(form: EditForm, name: str) -> Static:
    return form.query_one(f"#coach-{name}", Static)


def shown(box: Static) -> str:
    return str(box.visual) if box.has_class("visible") else ""


async def open_went_poorly(pilot, key: str) -> EditForm:
    await pilot.press("f6")
    table = pilot.app.screen.query_one("#review-went-poorly", ItemTable)
    table.focus()
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EditForm)
    return form


# --- findings while typing ---------------------------------------------------------------------


async def test_a_finding_appears_under_the_text_while_typing_and_neutral_text_clears_it(
    workspace_file,
):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_went_poorly(pilot, "a")
        assert form.coach == {"text": FieldKind.WENT_POORLY}
        await type_text(pilot, BLAMING)
        await wait_until(pilot, lambda: "⚑" in shown(coach_box(form, "text")))
        text = shown(coach_box(form, "text"))
        assert "⚑ Counterfactual" in text
        assert "“should have noticed”" in text
        assert "try:" in text

        await pilot.press("ctrl+u")  # clear the line
        await type_text(pilot, NEUTRAL)
        await wait_until(pilot, lambda: shown(coach_box(form, "text")) == "")
async def test_the_coach_waits_until_typing_stops_and_never_blocks_submitting(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_went_poorly(pilot, "a")
        await type_text(pilot, BLAMING)
        assert form._coach_timer is not None  # debounced: still waiting for a pause in typing
        assert shown(coach_box(form, "text")) == ""
        await pilot.press("ctrl+s")  # submitted before the coach has had its look
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert [note.text for note in app.editor.workspace.went_poorly][-1] == BLAMING
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
async def test_an_existing_item_shows_its_findings_when_the_form_opens(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text="Obviously the restart should have waited")
        form = await open_went_poorly(pilot, "enter")
        assert form.coach == {"text": f"went_poorly.{note.id}.text"}
        await wait_until(pilot, lambda: "Hindsight" in shown(coach_box(form, "text")))


async def test_section_forms_watch_their_text_fields(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#overview-summary", SectionTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditForm)
        assert form.coach == {
            "what_happened": "metadata.what_happened",
            "executive_summary": "metadata.executive_summary",
        }
        await type_text(pilot, "Who approved the change")
        await wait_until(pilot, lambda: "⚑" in shown(coach_box(form, "what_happened")))
async def test_a_why_form_checks_the_answer_as_a_cause(workspace_file):
    """The 5 Whys pane opens EditForm with the node's coach path; a person as a cause is flagged."""
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        node = app.editor.workspace.whys.nodes[0]
        fields = (FieldSpec("answer", "Because", Kind.TEXT),)
        for coach in (coach_paths("whys", node.id), coach_paths("whys", None)):
            form = EditForm("Why 1", fields, {"answer": ""}, lambda values: None, coach=coach)
            await app.push_screen(form)
            await pilot.pause()
            await type_text(pilot, "Jonas forgot to restart the worker")
            await wait_until(
                pilot,
                lambda form=form: "Named person in a cause “Jonas”" in shown(coach_box(form, "answer")),
            )
            await pilot.press("escape")
            await pilot.pause()


def test_coach_paths_cover_exactly_the_fields_the_coach_reads():
    ws = new_workspace("All fields")
    ws.timeline = [TimelineEvent(time=datetime(2026, 3, 10, 8, tzinfo=UTC), text="x")]
    ws.whys.nodes = [WhyNode(answer="x")]
    ws.factors = [Factor(factor="x")]
    ws.went_well = [Note(text="x")]
    ws.went_poorly = [Note(text="x")]
    ws.lucky = [Note(text="x")]
    ws.actions = [Action(action="x")]
    ws.lessons = [Lesson(lesson="x")]
    expected = {path for path, _kind, _text in text_fields(ws)}
    paths: set[str] = set()
    for collection in ITEM_TEXT_FIELDS:
        items = (
            ws.whys.nodes
            if collection == "whys"
            else (ws.compliance.checks if collection == "compliance" else getattr(ws, collection))
        )
        for item in items:
            paths.update(coach_paths(collection, item.id).values())
    for section in SECTION_TEXT_FIELDS:
        paths.update(section_coach_paths(section).values())
    assert paths | {"notes"} == expected
    assert coach_paths("actions", None, ["action", "owner"]) == {"action": FieldKind.ACTION}


# --- the header count and the list ---------------------------------------------------------------


def status_text(app: PostmortemApp) -> str:
    return str(app.screen.query_one("#status-bar", Static).visual)


async def test_the_header_counts_findings_and_follows_edits(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.coach_findings == []
        assert "coach finding" not in status_text(app)
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text=BLAMING)
        await wait_until(pilot, lambda: "⚑ 1 coach finding " in status_text(app) + " ")
        app.editor.add("went_poorly", {"text": "Obviously nobody checked the totals"})
        await wait_until(pilot, lambda: "⚑ 2 coach findings" in status_text(app))
        await pilot.press("ctrl+z", "ctrl+z")
        await wait_until(pilot, lambda: "coach finding" not in status_text(app))
async def test_the_list_groups_findings_and_enter_jumps_to_the_item(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text="Obviously the admin should have checked")
        app.editor.set("metadata.executive_summary", "Who pushed the button?")
        await wait_until(pilot, lambda: len(app.session.coach_findings) >= 2)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoachFindingsScreen)
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        headers = [text for text in prompts if "⚑" not in text]
        assert headers[0].startswith("Overview · Executive summary")
        assert headers[1].startswith("What went poorly  Obviously the admin")
        assert len(prompts) - len(headers) == len(app.session.coach_findings) >= 3
        assert "2 fields" in str(screen.query_one("#coach-title").visual)

        await pilot.press("down", "down")  # past the summary finding to the first went-poorly one
        assert screen.selected.field == f"went_poorly.{note.id}.text"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.current_pane == "review"
        table = app.screen.query_one("#review-went-poorly", ItemTable)
        assert table.has_focus and table.selected_id == note.id

        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("enter")  # the executive summary: the Overview, on that row
        await pilot.pause()
        assert app.screen.current_pane == "overview"
        summary = app.screen.query_one("#overview-summary", SectionTable)
        assert summary.has_focus and summary.cursor_row == 1


async def test_the_list_opened_before_the_pass_ends_shows_the_findings_when_it_ends(workspace_file):
    """A burst ("edit, ctrl+f") opens the list before the debounced pass has run: the open list,
    not only the header, takes the findings when the pass ends."""
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(COACH_RECOUNT_DELAY * 2)  # the first pass (of the neutral texts) starts
        await wait_until(pilot, lambda: app.session.coach_pass is None)
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text=BLAMING)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, CoachFindingsScreen)
        assert any("Nothing to look at again" in line for line in screen_lines(app))
        await wait_until(pilot, lambda: any("should have noticed" in line for line in screen_lines(app)))
        lines = screen_lines(app)
        assert any("Coach findings · 1 in 1 field" in line for line in lines)
        assert any("What went poorly" in line for line in lines)
        assert not any("Nothing to look at again" in line for line in lines)


async def test_a_dismissal_is_undoable_saved_and_holds_after_reopening(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text=BLAMING)
        await wait_until(pilot, lambda: app.session.coach_findings)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert screen.selected.finding.rule == "counterfactual"
        await pilot.press("x")
        await pilot.pause()
        assert app.session.coach_findings == []
        assert not screen.query_one(OptionList).display
        assert screen.query_one("#coach-empty").display
        assert [(d.rule, d.field) for d in app.editor.workspace.dismissals] == [
            ("counterfactual", f"went_poorly.{note.id}.text")
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert "coach finding" not in status_text(app)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(app.session.coach_findings) == 1)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.session.coach_findings == [])
    reloaded = store.load_workspace(workspace_file)
    assert [d.rule for d in reloaded.dismissals] == ["counterfactual"]

    again = make_app(workspace_file)
    async with again.run_test(size=SIZE) as pilot:
        assert again.session.coach_findings == []
        form = await open_went_poorly(pilot, "enter")
        await wait_until(pilot, lambda: shown(coach_box(form, "text")) == "")


def test_context_excerpt_keeps_the_flagged_words_in_view():
    text = "x" * 200 + " should have " + "y" * 200
    piece = context_excerpt(text, 201, 212, width=60)
    assert "should have" in piece and piece.startswith("…") and piece.endswith("…")
    assert context_excerpt("short\ntext", 0, 5) == "short text"


async def test_r_puts_the_rewording_in_place_as_one_undoable_edit(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        note = app.editor.workspace.went_poorly[0]
        app.editor.update("went_poorly", note.id, text="Jane didn't validate the input. Paging worked.")
        await wait_until(pilot, lambda: app.session.coach_findings)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert screen.selected.finding.kind.heading == "Person as the cause"
        shown_finding = str(screen.query_one(OptionList).highlighted_option.prompt)
        assert "Person as the cause" in shown_finding and "why: " in shown_finding
        assert "try: “The input was not validated, and no check caught it” (r uses it)" in shown_finding

        await pilot.press("r")
        await pilot.pause()
        reworded = "The input was not validated, and no check caught it. Paging worked."
        assert app.editor.workspace.went_poorly[0].text == reworded
        assert app.session.coach_findings == []
        assert screen.query_one("#coach-empty").display

        await pilot.press("escape", "ctrl+z")
        await wait_until(pilot, lambda: len(app.session.coach_findings) == 1)
        assert app.editor.workspace.went_poorly[0].text == "Jane didn't validate the input. Paging worked."
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.session.coach_findings == [])
    assert store.load_workspace(workspace_file).went_poorly[0].text == reworded


async def test_r_on_a_section_field_rewords_it_too(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        app.editor.set("metadata.executive_summary", "Who pushed the button?")
        await wait_until(pilot, lambda: app.session.coach_findings)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.editor.workspace.metadata.executive_summary == "How was the button pushed?"


# --- the first pass after opening ------------------------------------------------------------------


async def test_keys_typed_while_the_first_pass_runs_are_handled_in_order(tmp_path, monkeypatch):
    """The first pass over a workspace just opened reads every field; it runs on a thread. Here
    it is held until the keys are in, so they can only have been handled while it ran."""
    path = tmp_path / "big.toml"
    ws = new_workspace("Ledger outage", severity="S2", incident_date=date(2026, 3, 10))
    start = datetime(2026, 3, 10, 8, tzinfo=UTC)
    ws.timeline = [
        TimelineEvent(time=start + timedelta(seconds=30 * n), text=BLAMING if n == 7 else NEUTRAL, actor="ops")
        for n in range(300)
    ]
    store.save_workspace(path, ws)
    running, release = threading.Event(), threading.Event()
    check = WorkspaceTexts.check

    def held_first_time(texts: WorkspaceTexts):
        if not running.is_set():
            running.set()
            assert release.wait(10), "the keys were not handled while the first pass ran"
        return check(texts)

    monkeypatch.setattr(WorkspaceTexts, "check", held_first_time)
    app = PostmortemApp(path, cursor_blink=False, clock=lambda: datetime(2026, 3, 10, 18, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, running.is_set)
        await pilot.press("f3", "end")
        for time, text in (("16:40", "Why did Marek skip the canary?"), ("16:41", "Rollback started")):
            await pilot.press("a", *time, "tab")
            await type_text(pilot, text)
            await pilot.press("tab", *"ops", "enter")
        await wait_until(pilot, lambda: len(app.editor.workspace.timeline) == 302)
        assert [event.text for event in app.editor.workspace.timeline[-2:]] == [
            "Why did Marek skip the canary?",
            "Rollback started",
        ]
        assert app.session.coach_findings == [] and not release.is_set()  # the pass is still running

        release.set()
        asked = f"timeline.{app.editor.workspace.timeline[-2].id}.text"
        await wait_until(pilot, lambda: {f.field for f in app.session.coach_findings} >= {asked})
        assert f"timeline.{app.editor.workspace.timeline[7].id}.text" in {f.field for f in app.session.coach_findings}
        await wait_until(pilot, lambda: "coach finding" in status_text(app))


async def test_r_on_a_why_answer_writes_a_whole_sentence_and_a_symptom_word_is_no_name(
    workspace_file,
):
    app = make_app(workspace_file)
    async with app.run_test(size=SIZE) as pilot:
        node = app.editor.workspace.whys.nodes[0]
        app.editor.set("whys.symptom", "Symptom typed in a burst")
        app.editor.update(
            "whys", node.id, answer="The on-call engineer should have noticed the config diff."
        )
        await wait_until(pilot, lambda: app.session.coach_findings)
        assert [item.field for item in app.session.coach_findings] == [f"whys.{node.id}.answer"]
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        reworded = "The config diff was not noticed, and nothing at the time pointed to it."
        assert app.editor.workspace.whys.nodes[0].answer == reworded
        await wait_until(pilot, lambda: app.session.coach_findings == [])
    assert store.load_workspace(workspace_file).whys.nodes[0].answer == reworded
