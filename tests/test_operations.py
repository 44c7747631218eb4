"""Intents shared by the panes and the command line: links made from a why, answers moved."""

from __future__ import annotations

import pytest

from pm_postmortem.core.editing import EditError, Editor
from pm_postmortem.core.model import ActionType, Category, Priority, WhyNode, new_workspace
from pm_postmortem.core.operations import (
    action_from_why,
    answers_to,
    demotion,
    factor_from_why,
    promotion,
    reparent_why,
    sibling_move,
    why_parent,
)


@pytest.fixture
def editor() -> Editor:
    """symptom ← a (← a1, a2), b; c lost its parent and answers the symptom."""
    ws = new_workspace("Checkout outage")
    ws.whys.symptom = "checkout returned errors"
    ws.whys.nodes = [
        WhyNode(id="a", answer="the payment service timed out"),
        WhyNode(id="a1", parent="a", answer="its pool was exhausted"),
        WhyNode(id="b", answer="a deploy restarted the pods"),
        WhyNode(id="a2", parent="a", answer="retries held connections"),
        WhyNode(id="c", parent="gone", answer="an answer edited by hand"),
    ]
    return Editor(ws)


def order(editor: Editor) -> list[tuple[str, str | None]]:
    return [(node.id, node.parent) for node in editor.workspace.whys.nodes]


def test_a_factor_from_a_why_needs_a_category_and_is_linked(editor):
    with pytest.raises(EditError, match="pick a category"):
        factor_from_why(editor, "a1", {"factor": "Pool too small", "category": None, "how": ""})
    assert editor.workspace.factors == [] and not editor.can_undo
    factor_from_why(editor, "a1", {"factor": "Pool too small", "category": Category.TECHNICAL, "how": ""})
    (factor,) = editor.workspace.factors
    assert (factor.factor, factor.why_node) == ("Pool too small", "a1")
    assert editor.undo_label == "Make a contributing factor from a why"


def test_an_action_from_a_why_needs_a_type_and_empty_fields_take_their_defaults(editor):
    values = {"action": "Cap retries", "type": None, "owner": "", "deadline": None, "priority": None}
    with pytest.raises(EditError, match="pick a type"):
        action_from_why(editor, "a2", values)
    action_from_why(editor, "a2", {**values, "type": ActionType.PREVENT})
    (action,) = editor.workspace.actions
    assert (action.action, action.why_node, action.priority, action.deadline) == (
        "Cap retries", "a2", Priority.P2, None
    )


def test_answers_to_a_why_keep_the_document_order_and_a_lost_parent_means_the_symptom(editor):
    whys = editor.workspace.whys
    assert answers_to(whys, None) == ["a", "b", "c"]
    assert answers_to(whys, "a") == ["a1", "a2"]
    assert why_parent(whys, "c") is None and why_parent(whys, "a2") == "a"


def test_moving_among_siblings_stops_at_the_first_and_the_last(editor):
    whys = editor.workspace.whys
    assert sibling_move(whys, "a1", -1) is None
    assert sibling_move(whys, "a2", 1) is None
    editor.move("whys", "a2", sibling_move(whys, "a2", -1))
    assert answers_to(editor.workspace.whys, "a") == ["a2", "a1"]
    editor.move("whys", "a2", sibling_move(editor.workspace.whys, "a2", 1))
    assert answers_to(editor.workspace.whys, "a") == ["a1", "a2"]


def test_promote_puts_an_answer_right_after_its_parent_and_demote_under_the_one_above(editor):
    whys = editor.workspace.whys
    assert promotion(whys, "a") is None  # answers the symptom already
    assert demotion(whys, "a") is None  # the first answer at its level
    reparent_why(editor, "a2", *promotion(whys, "a2"), label="Promote")
    assert order(editor) == [("a", None), ("a2", None), ("a1", "a"), ("b", None), ("c", "gone")]
    reparent_why(editor, "a2", *demotion(editor.workspace.whys, "a2"), label="Demote")
    assert order(editor) == [("a", None), ("a1", "a"), ("a2", "a"), ("b", None), ("c", "gone")]
    reparent_why(editor, "b", *demotion(editor.workspace.whys, "b"), label="Demote")
    assert answers_to(editor.workspace.whys, "a") == ["a1", "a2", "b"]
    editor.undo()  # one step each
    assert answers_to(editor.workspace.whys, None) == ["a", "b", "c"]
