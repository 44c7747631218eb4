"""F4 5 Whys driven as the room would: a chain with a branch, the root cause, links, moves, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Select, Static, TextArea

from pm_postmortem.core import store
from pm_postmortem.core.coach import check_field, people_in
from pm_postmortem.core.export import to_markdown
from pm_postmortem.core.model import Action, WhyNode, new_workspace
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.messages import JumpTo
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.widgets.whys_pane import WhysPane
from pm_postmortem.tui.widgets.whys_tree import WhysTree
from tests.pilot_support import screen_lines, wait_until
from tests.snapshot_support import demo_app

SYMPTOM = "checkout returned errors for card payments"
CHAIN = [
    "the payment service timed out",
    "its connection pool was exhausted",
    "a retry loop held connections open",
    "the client library retried without a limit",
    "no review step checks retry limits of new clients",
]
MARKUP = "a retry storm [/] doubled [red]load"


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "checkout.toml"
    ws = new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10))
    ws.whys.symptom = SYMPTOM
    ws.metadata.authors = ["Jana Weber"]
    ws.actions = [Action(number=1, action="Add a dashboard", owner="Platform team")]
    store.save_workspace(path, ws)
    return path


def make_app(path: Path) -> PostmortemApp:
    return PostmortemApp(path, cursor_blink=False)


def pane_of(app: PostmortemApp) -> WhysPane:
    return app.screen.query_one(WhysPane)


def selected(app: PostmortemApp) -> str | None:
    return pane_of(app).selected_id


def state(app: PostmortemApp) -> Any:
    ws = app.editor.workspace
    return (
        ws.whys.model_dump(),
        [(factor.id, factor.factor, factor.why_node) for factor in ws.factors],
        [(action.id, action.action, action.why_node) for action in ws.actions],
    )


def assert_mirrors(app: PostmortemApp) -> None:
    """The tree shows exactly the document: same answers, same parents, same sibling order."""
    pane = pane_of(app)
    expected: dict[str | None, list[str]] = {}
    for node in app.editor.workspace.whys.nodes:
        expected.setdefault(node.parent, []).append(node.id)
    actual: dict[str | None, list[str]] = {}
    pending = [(pane.why_tree.root, 0)]
    while pending:
        tree_node, depth = pending.pop()
        line = tree_node.data
        assert line.depth == depth
        assert tree_node.label.plain.startswith("Symptom" if depth == 0 else f"Why {depth}  ")
        if tree_node.children:
            actual[line.node_id] = [child.data.node_id for child in tree_node.children]
        pending += [(child, depth + 1) for child in tree_node.children]
    assert actual == expected
    tree = pane.why_tree
    assert all(tree.node_of(node.id).data.node_id == node.id for node in app.editor.workspace.whys.nodes)


def shown_nodes(pane: WhysPane) -> dict[str, Any]:
    """Answer id → the tree's node showing it."""
    shown = {}
    pending = list(pane.why_tree.root.children)
    while pending:
        node = pending.pop()
        shown[node.data.node_id] = node
        pending += node.children
    return shown


async def fill(pilot, text: str) -> None:
    """Type into the focused field of the open form (as a paste would)."""
    field = pilot.app.screen.focused
    if isinstance(field, TextArea):
        field.insert(text)
    else:
        assert isinstance(field, Input)
        field.insert_text_at_cursor(text)
    await pilot.pause()


async def answer(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    assert isinstance(pilot.app.screen, EditForm)
    await fill(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Press the keys of ``text`` one by one, as a person types."""
    await pilot.press(*("space" if character == " " else character for character in text))


def screen_text(screen) -> str:
    return "\n".join(str(static.visual) for static in screen.query(Static))


async def check_undo_redo(pilot, before: Any) -> None:
    app = pilot.app
    after = state(app)
    await pilot.press("ctrl+z")
    await pilot.pause()
    assert state(app) == before
    assert_mirrors(app)
    await pilot.press("ctrl+y")
    await pilot.pause()
    assert state(app) == after
    assert_mirrors(app)


async def build_chain(pilot) -> list[str]:
    """Why 1 … Why 5 along one branch, then a second answer to why 2; returns the chain's ids."""
    app = pilot.app
    await pilot.press("f4")
    assert isinstance(app.screen.focused, WhysTree)
    assert selected(app) is None  # the cursor starts on the symptom
    for text in CHAIN:
        before = state(app)
        await answer(pilot, "a", text)
        assert app.editor.workspace.whys.nodes[-1].answer == text
        assert selected(app) == app.editor.workspace.whys.nodes[-1].id
        await check_undo_redo(pilot, before)
    return [node.id for node in app.editor.workspace.whys.nodes]


async def test_chain_branch_root_cause_and_export(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await build_chain(pilot)
        nodes = app.editor.workspace.whys.nodes
        assert [node.parent for node in nodes] == [None, *ids[:-1]]

        pane_of(app).select_item("whys", ids[1])
        before = state(app)
        await answer(pilot, "s", MARKUP)
        branch = app.editor.workspace.whys.nodes[2]
        assert (branch.answer, branch.parent) == (MARKUP, ids[0])
        assert selected(app) == branch.id
        await check_undo_redo(pilot, before)

        pane_of(app).select_item("whys", ids[4])
        before = state(app)
        await pilot.press("r", "t")  # as the README says: r marks, t writes the statement
        await pilot.pause()
        assert app.editor.workspace.whys.root_cause == ids[4]
        form = app.screen
        assert isinstance(form, EditForm)
        await fill(
            pilot, "New clients can ship without a retry limit because no review asks for one."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert app.editor.workspace.whys.root_cause_statement == (
            "New clients can ship without a retry limit because no review asks for one."
        )
        statement = str(app.screen.query_one("#whys-statement").render())
        assert "New clients can ship" in statement
        await check_undo_redo(pilot, state_after_mark(before, app))

        markdown = to_markdown(app.editor.workspace)
        expected = "\n".join(
            [
                f"**Symptom:** {SYMPTOM}",
                "",
                f"1. **Why did this happen: {SYMPTOM}?** Because {CHAIN[0]}.",
                f"2. **Why did this happen: {CHAIN[0]}?** Because {CHAIN[1]}.",
                r"   - Also because a retry storm \[/\] doubled \[red\]load.",
                f"3. **Why was its connection pool exhausted?** Because {CHAIN[2]}.",
                f"4. **Why did this happen: {CHAIN[2]}?** Because {CHAIN[3]}.",
                f"5. **Why did this happen: {CHAIN[3]}?** Because {CHAIN[4]}.",
                "",
                "**Root Cause Statement:** New clients can ship without a retry limit because no "
                "review asks for one.",
            ]
        )
        assert expected in markdown

        # marking again unmarks; the highlighted chain follows the mark
        assert pane_of(app).why_tree.node_of(ids[4]).data.in_chain
        await pilot.press("r")
        await pilot.pause()
        assert app.editor.workspace.whys.root_cause is None
        assert "root cause" not in pane_of(app).why_tree.node_of(ids[4]).label.plain
        pane_of(app).select_item("whys", branch.id)
        await pilot.press("r")
        await pilot.pause()
        assert app.editor.workspace.whys.root_cause == branch.id
        assert not isinstance(app.screen, EditForm)  # a statement exists: no prompt
        assert pane_of(app).why_tree.node_of(branch.id).data.in_chain
        assert not pane_of(app).why_tree.node_of(ids[4]).data.in_chain


def state_after_mark(before: Any, app: PostmortemApp) -> Any:
    """Marking and writing the statement are two steps: undo takes back only the statement."""
    whys, factors, actions = before
    return ({**whys, "root_cause": app.editor.workspace.whys.root_cause}, factors, actions)


async def test_factor_and_action_from_a_why_keep_a_link_back(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await build_chain(pilot)
        pane = pane_of(app)
        pane.select_item("whys", ids[3])

        before = state(app)
        await pilot.press("f")
        form = app.screen
        assert isinstance(form, EditForm)
        assert form.query_one("#field-factor", Input).value == CHAIN[3]
        assert form.focused.id == "field-factor"  # typing goes into the text
        await type_text(pilot, " by default")
        await pilot.press("ctrl+s")  # no category yet: the form says so and stays open
        await pilot.pause()
        assert app.screen is form
        assert "category" in str(form.query_one("#form-errors").render())
        await pilot.press("tab", "p")  # a letter picks the choice: Process
        await pilot.pause()
        assert form.query_one("#field-category", Select).value == "Process"
        await pilot.press("enter")  # enter on a dropdown saves the form, as it says
        await pilot.pause()
        factor = app.editor.workspace.factors[-1]
        assert (factor.factor, factor.category.value, factor.why_node) == (
            f"{CHAIN[3]} by default",
            "Process",
            ids[3],
        )
        assert "⚑ factor" in pane.why_tree.node_of(ids[3]).label.plain
        await check_undo_redo(pilot, before)

        before = state(app)
        await pilot.press("c")
        form = app.screen
        assert form.focused.id == "field-action"
        assert form.query_one("#field-action", Input).value == ""  # the cause is context, not the action
        assert CHAIN[3] in screen_text(form)
        await type_text(pilot, "Cap retries in the client")
        await pilot.press("tab", "d", "p")  # type: Detect, then the next word with p: Prevent
        await pilot.pause()
        assert form.query_one("#field-type", Select).value == "Prevent"
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = app.editor.workspace.actions[-1]
        assert (action.action, action.type.value, action.why_node, action.number) == (
            "Cap retries in the client",
            "Prevent",
            ids[3],
            2,
        )
        assert "✔ action #2" in pane.why_tree.node_of(ids[3]).label.plain
        assert "action #2" in str(app.screen.query_one("#whys-detail").render())
        await check_undo_redo(pilot, before)

        # g follows the links in turn; JumpTo("whys", id) from the other side lands on the node
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.current_pane == "review"
        pane_of(app).select_item("whys", ids[0])  # move away, then come back through the message
        app.screen.post_message(JumpTo("whys", ids[3]))
        await pilot.pause()
        assert app.screen.current_pane == "whys"
        assert selected(app) == ids[3]
        assert isinstance(app.screen.focused, WhysTree)
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.current_pane == "actions"

        # deleting the node clears both links (one undo step brings node and links back)
        await pilot.press("f4")
        before = state(app)
        await pilot.press("d")
        await pilot.pause()
        assert app.editor.workspace.factors[-1].why_node is None
        assert app.editor.workspace.actions[-1].why_node is None
        await check_undo_redo(pilot, before)


async def test_move_promote_demote_and_delete_with_undo(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await build_chain(pilot)
        pane = pane_of(app)
        pane.select_item("whys", ids[1])
        await answer(pilot, "s", "a second answer to why 2")
        await answer(pilot, "s", "a third answer to why 2")
        second, third = (
            node.id for node in app.editor.workspace.whys.nodes if "answer to why 2" in node.answer
        )

        def children_of(node_id: str | None) -> list[str]:
            return [node.id for node in app.editor.workspace.whys.nodes if node.parent == node_id]

        assert children_of(ids[0]) == [ids[1], second, third]
        untouched = [pane.why_tree.node_of(ids[0]), pane.why_tree.node_of(ids[1])]

        before = state(app)
        await pilot.press("ctrl+up")  # the third answer moves before the second
        await pilot.pause()
        assert children_of(ids[0]) == [ids[1], third, second]
        assert selected(app) == third
        await check_undo_redo(pilot, before)

        before = state(app)
        await pilot.press("ctrl+right")  # demote: last answer under the one above (ids[1])
        await pilot.pause()
        assert children_of(ids[0]) == [ids[1], second]
        assert children_of(ids[1]) == [ids[2], third]
        assert pane.why_tree.node_of(third).label.plain.startswith("Why 3  ")
        assert selected(app) == third
        await check_undo_redo(pilot, before)

        before = state(app)
        await pilot.press("ctrl+left")  # promote: back under ids[0], right after its parent
        await pilot.pause()
        assert children_of(ids[0]) == [ids[1], third, second]
        await check_undo_redo(pilot, before)

        pane.select_item("whys", ids[2])
        before = state(app)
        await pilot.press("ctrl+left")  # promote a node with answers below: they come along
        await pilot.pause()
        assert children_of(ids[0]) == [ids[1], ids[2], third, second]
        assert children_of(ids[2]) == [ids[3]]
        assert pane.why_tree.node_of(ids[4]).label.plain.startswith("Why 4  ")
        await check_undo_redo(pilot, before)
        await pilot.press("ctrl+z")
        await pilot.pause()

        await pilot.press("ctrl+up")  # ids[2] is the first answer under ids[1]: nothing moves
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert children_of(ids[1]) == [ids[2]]

        # the answers that never moved kept their tree nodes: nothing was rebuilt
        assert all(
            a is b
            for a, b in zip(
                [pane.why_tree.node_of(ids[0]), pane.why_tree.node_of(ids[1])], untouched, strict=True
            )
        )

        pane.select_item("whys", ids[1])
        answers = children_of(ids[0])
        assert answers.index(ids[1]) < 2  # the cursor goes to the next answer to the same why
        next_answer = answers[answers.index(ids[1]) + 1]
        before = state(app)
        await pilot.press("d")
        await pilot.pause()
        assert {node.id for node in app.editor.workspace.whys.nodes} == {ids[0], second, third}
        assert selected(app) == next_answer
        assert_mirrors(app)
        await check_undo_redo(pilot, before)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert state(app) == before
        assert_mirrors(app)


async def test_symptom_stays_and_an_empty_answer_is_refused(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4", "d")
        await pilot.pause()
        assert app.editor.workspace.whys.symptom == SYMPTOM
        assert any("symptom stays" in note.message for note in app._notifications)

        await pilot.press("a")
        form = app.screen
        await fill(pilot, "   ")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "cannot be empty" in str(form.query_one("#form-errors").render())
        await pilot.press("escape", "escape")
        assert app.editor.workspace.whys.nodes == []

        await pilot.press("enter")  # enter on the symptom edits it
        form = app.screen
        assert form.query_one("#field-symptom", Input).value == SYMPTOM
        await pilot.press("ctrl+a", "ctrl+k")
        await fill(pilot, "[b]card[/b] payments failed")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.workspace.whys.symptom == "[b]card[/b] payments failed"
        assert pane_of(app).why_tree.root.label.plain == "Symptom  [b]card[/b] payments failed"


async def test_markup_and_long_answers_show_literally(workspace_file):
    app = make_app(workspace_file)
    long_answer = (
        "the nightly batch " + "kept waiting on a lock held by the report job " * 6 + "END"
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await answer(pilot, "a", MARKUP)
        await answer(pilot, "a", long_answer)
        pane = pane_of(app)
        tree = pane.why_tree
        first, second = (node.id for node in app.editor.workspace.whys.nodes)
        assert f"Because {MARKUP}." in pane.why_tree.node_of(first).label.plain
        assert f"Why did this happen: {MARKUP}?" in pane.why_tree.node_of(second).label.plain
        shown = tree.render_label(pane.why_tree.node_of(second), tree.rich_style, tree.rich_style)
        assert shown.plain.endswith("…") and "END" not in shown.plain
        assert shown.cell_len <= tree.scrollable_content_region.width
        detail = str(app.screen.query_one("#whys-detail").render())
        assert "END." in detail.replace("\n", " ")
        assert f"Why did this happen: {MARKUP}?" in detail.replace("\n", " ")
        app.save_screenshot(str(Path(app.start_path).with_suffix(".svg")))  # renders without errors


async def test_guidance_for_people_and_for_depth(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        hint = app.screen.query_one("#whys-hint")
        await answer(pilot, "a", "Jana restarted the wrong worker")
        assert people_in(app.editor.workspace) == {"Jana Weber"}  # "Platform team" is a team, not a person
        text = " ".join(str(hint.render()).split())
        (node,) = app.editor.workspace.whys.nodes
        findings = check_field(app.editor.workspace, f"whys.{node.id}.answer")
        assert findings  # the coach's own findings, as ctrl+f lists them
        for finding in findings:
            assert " ".join(finding.message.split()) in text
        assert "ends at why 1" in text
        for text_ in ["the queue was not idempotent", "a config reload", "more retries"]:
            await answer(pilot, "a", text_)
        assert "ends at why 4" in str(hint.render())
        await pilot.press("r")  # the root cause is here: no more asking for one more why
        await pilot.pause()
        assert "ends at why" not in str(hint.render())
        await pilot.press("r")
        await pilot.pause()
        assert "ends at why 4" in str(hint.render())
        assert str(hint.render()).count("›") == 1  # the depth hint alone: no finding on "more retries"
        await answer(pilot, "a", "nothing checks whether a job can run twice")
        text = str(hint.render())
        assert "Why 5" in text and "room decides" in text
        assert hint.display


async def test_a_finding_dismissed_in_the_coach_list_leaves_the_whys_hint_too(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await answer(pilot, "a", "Jana restarted the wrong worker")
        (node,) = app.editor.workspace.whys.nodes
        (first, *_) = check_field(app.editor.workspace, f"whys.{node.id}.answer")
        hint = app.screen.query_one("#whys-hint")
        assert " ".join(first.message.split()) in " ".join(str(hint.render()).split())
        app.editor.add("dismissals", {"field": f"whys.{node.id}.answer", "rule": first.rule})
        await pilot.pause()
        assert " ".join(first.message.split()) not in " ".join(str(hint.render()).split())


async def test_single_node_edits_update_the_tree_in_place(workspace_file, tmp_path):
    ws = store.load_workspace(workspace_file)
    ws.whys.nodes = [
        WhyNode(id=f"n{index}", answer=f"cause {index}", parent=f"n{index - 1}" if index else None)
        for index in range(6)
    ]
    store.save_workspace(workspace_file, ws)
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        pane = pane_of(app)
        nodes = dict(shown_nodes(pane))
        app.editor.update("whys", "n3", answer="cause three")
        await pilot.pause()
        assert shown_nodes(pane) == nodes  # same TreeNode objects: relabelled, not rebuilt
        assert "Because cause three." in nodes["n3"].label.plain
        assert "Why did cause three happen?" in nodes["n4"].label.plain
        app.editor.add("whys", {"answer": "cause extra", "parent": "n2"})
        await pilot.pause()
        assert {key: value for key, value in shown_nodes(pane).items() if key in nodes} == nodes
        app.editor.delete("whys", "n4")
        await pilot.pause()
        assert set(shown_nodes(pane)) == set(nodes) - {"n4", "n5"} | {
            app.editor.workspace.whys.nodes[-1].id
        }
        assert all(shown_nodes(pane)[key] is nodes[key] for key in ("n0", "n1", "n2", "n3"))
        assert_mirrors(app)

        app.editor.replace_workspace(store.load_workspace(workspace_file))  # another document
        await pilot.pause()
        assert_mirrors(app)


async def test_root_cause_statement_is_written_with_t_or_enter_on_it(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4", "t")
        form = app.screen
        assert isinstance(form, EditForm)
        await fill(pilot, "Nothing limits [retries] of new clients.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (
            app.editor.workspace.whys.root_cause_statement
            == "Nothing limits [retries] of new clients."
        )
        line = app.screen.query_one("#whys-statement")
        assert "Nothing limits [retries] of new clients." in str(line.render())
        await pilot.press("tab")  # from the tree to the statement line
        assert app.screen.focused is line
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, EditForm)
        assert form.query_one(TextArea).text == "Nothing limits [retries] of new clients."
        await pilot.press("escape")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.workspace.whys.root_cause_statement == ""
        assert "not written yet" in str(line.render())


async def test_a_node_carries_the_facilitators_own_question(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await answer(pilot, "a", "the pool size was set to 5 instead of 50 by a config deploy")
        await answer(pilot, "a", "config changes skip the schema check")
        second = app.editor.workspace.whys.nodes[1].id
        assert "Why was the pool size set to 5 instead of 50" in pane_of(app).why_tree.node_of(second).label.plain
        await pilot.press("enter", "tab")
        await pilot.pause()
        # the hint under the field says what the export below shows: the question as typed
        hints = [line for line in screen_lines(app) if "instead of the generated question" in line]
        assert hints and all("in the export" in hint and "Why did" not in hint for hint in hints)
        await type_text(pilot, "What let a bad pool size through?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.workspace.whys.nodes[1].question == "What let a bad pool size through?"
        assert "What let a bad pool size through? Because config" in pane_of(app).why_tree.node_of(second).label.plain
        app.save_synchronously()
        assert store.load_workspace(workspace_file).whys.nodes[1].question == "What let a bad pool size through?"
        # the export asks the same question
        assert (
            "2. **What let a bad pool size through?** Because config changes skip the schema check."
            in to_markdown(app.editor.workspace)
        )
        await pilot.press("enter", "tab", "backspace", "enter")  # emptied: the generated one again
        await pilot.pause()
        assert app.editor.workspace.whys.nodes[1].question is None
        assert "Why was the pool size" in pane_of(app).why_tree.node_of(second).label.plain


async def test_the_exported_whys_ask_what_the_pane_asks_and_answers_continue_the_sentence(workspace_file, tmp_path):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.press("enter", "ctrl+a", "ctrl+k")  # the symptom, as the room wrote it
        await type_text(pilot, "Checkout returned 502 errors for 40 minutes")
        await pilot.press("enter")
        await pilot.pause()
        for text in ("The payments service rejected the new config",
                     "The new config had a wrong upstream port", "API keys expire monthly"):
            await answer(pilot, "a", text)
        whys = app.editor.workspace.whys
        labels = [pane_of(app).why_tree.node_of(node.id).label.plain for node in whys.nodes]
        await pilot.press("ctrl+e", "f", "ctrl+a", "ctrl+k", *str(tmp_path / "out.md"), "enter")
        await wait_until(pilot, (tmp_path / "out.md").exists)
    chain = (tmp_path / "out.md").read_text(encoding="utf-8").split("## Root Cause Analysis: 5 Whys\n\n")[1]
    assert chain.split("\n\n**Root Cause Statement:**")[0].split("\n") == [
        "**Symptom:** Checkout returned 502 errors for 40 minutes",
        "",
        "1. **Why did this happen: Checkout returned 502 errors for 40 minutes?** "
        "Because the payments service rejected the new config.",
        "2. **Why did this happen: the payments service rejected the new config?** "
        "Because the new config had a wrong upstream port.",
        "3. **Why did the new config have a wrong upstream port?** Because API keys expire monthly.",
    ]
    questions = [line.split("**")[1] for line in chain.split("\n") if line[:1].isdigit()]
    assert [question in label for question, label in zip(questions, labels, strict=True)] == [True] * 3
    assert labels[0].endswith("Because the payments service rejected the new config.")


async def test_every_key_of_the_tree_runs_a_command_of_the_pane(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        commands = pane_of(app).why_tree.commands
        assert {binding.id.removeprefix("whys.") for binding in WhysTree.BINDINGS} == set(commands)


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
async def test_lines_pasted_into_a_one_line_field_are_joined_with_a_space(workspace_file, line_break):
    app = make_app(workspace_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "a")
        await pilot.pause()
        app.post_message(events.Paste(f"pasted first line{line_break}pasted second line{line_break}"))
        await pilot.pause()
        assert app.screen.query_one("#field-answer", Input).value == "pasted first line pasted second line"
        await pilot.press("enter")
        await pilot.pause()
        app.save_synchronously()
        [node] = store.load_workspace(workspace_file).whys.nodes
        assert node.answer == "pasted first line pasted second line"


async def test_an_action_made_from_a_why_starts_as_prevent_like_one_added_on_the_board(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await answer(pilot, "a", CHAIN[0])
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#field-type", Select).value == "Prevent"
        await type_text(pilot, "Cap retries in the client")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditForm)
        app.save_synchronously()
        action = store.load_workspace(workspace_file).actions[-1]
        assert (action.action, action.type.value, action.why_node) == (
            "Cap retries in the client", "Prevent", app.editor.workspace.whys.nodes[0].id
        )
        await pilot.press("f5", "a")
        await pilot.pause()
        assert app.screen.query_one("#field-type", Select).value == "Prevent"


def last_message(app: PostmortemApp) -> str:
    return list(app._notifications)[-1].message


async def test_moving_the_root_cause_and_deleting_linked_answers_say_what_changed(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "home", *["down"] * 4, "r")  # why 4 of the chain; why 5 was the root cause
        await pilot.pause()
        assert last_message(app) == (
            "Root cause moved from why 5 to why 4; the root-cause statement (t) may need rewording."
        )
        await pilot.press("down", "d")  # why 5, which action #4 was made from
        await pilot.pause()
        assert last_message(app) == "Deleted the answer and its link to action #4; ctrl+z brings them back."
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("end", "up", "d")  # the second why 3 (a factor) and the why 4 under it (a factor)
        await pilot.pause()
        assert last_message(app) == (
            "Deleted the answer and the 1 below it, and their links to 2 factors; ctrl+z brings them back."
        )


async def test_deleting_an_answer_moves_the_cursor_to_the_next_answer_then_the_previous_then_up(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await answer(pilot, "a", "the payment service timed out")
        first = selected(app)
        for text in ("the card issuer was slow", "the fraud check queued requests"):
            await answer(pilot, "s", text)
        await pilot.press("up", "d")  # the middle answer: the next one takes the cursor
        await pilot.pause()
        assert any(line.strip() == "Because the fraud check queued requests." for line in screen_lines(app))
        await pilot.press("d")  # the last answer: the previous one takes the cursor
        await pilot.pause()
        assert selected(app) == first
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "its pool was exhausted")
        await pilot.press("enter", "d")  # an only answer: its parent takes the cursor
        await pilot.pause()
        assert selected(app) == first


async def test_the_answer_field_shows_the_question_it_answers_once(workspace_file):
    app = make_app(workspace_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "a")
        await pilot.pause()
        shown = [line for line in screen_lines(app) if "answers: Why did" in line]
        assert len(shown) == 1, shown
        assert not [line for line in screen_lines(app) if "in the tree and in the export" in line][1:]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_link_of_a_long_answer_stays_in_sight(tmp_path, size):
    app = demo_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f4", "home", *["down"] * 5)  # why 5: a long answer, the root cause, action #4
        await pilot.pause()
        lines = [line.strip() for line in screen_lines(app)]
        assert any(line.startswith("★ Marked as the root cause") for line in lines)
        assert any(line.startswith("Linked (g goes there) action #4") for line in lines)
        assert any(line.startswith("Because a checklist for moving jobs") for line in lines)


async def test_the_why_5_hint_is_whole_on_an_80x24_screen(tmp_path):
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", *["down"] * 5, "r")  # why 5, its root-cause mark taken off
        await pilot.pause()
        shown = " ".join(line.strip(" │") for line in screen_lines(app))
        assert "the room decides when to stop, and r marks the root cause." in shown
