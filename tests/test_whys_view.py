"""The 5 Whys as the tree shows them, read without Textual: lines, badges, guidance, links."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pm_postmortem
from pm_postmortem.core.model import Action, Factor, WhyNode, Workspace, new_workspace
from pm_postmortem.tui.whys_view import (
    ENOUGH_WHYS,
    WhysView,
    chain_summary,
    depth_guidance,
    link_badges,
    link_names,
    links,
    question_under,
    symptom_guidance,
)


@pytest.fixture
def workspace() -> Workspace:
    """checkout errors ← timeout ← pool exhausted (root cause); a second answer to the timeout."""
    ws = new_workspace("Checkout outage")
    ws.whys.symptom = "checkout returned errors"
    ws.whys.nodes = [
        WhyNode(id="timeout", answer="The payment service timed out."),
        WhyNode(id="pool", parent="timeout", answer="its connection pool was exhausted"),
        WhyNode(id="deploy", parent="timeout", answer="a deploy restarted half the pods", question="What else?"),
        WhyNode(id="orphan", parent="gone", answer="an answer whose parent was deleted by hand"),
    ]
    ws.whys.root_cause = "pool"
    ws.factors = [Factor(id="f1", factor="Pool too small", why_node="pool")]
    ws.actions = [
        Action(id="a3", number=3, action="Alert on pool use", why_node="pool"),
        Action(id="a1", number=1, action="Size the pool\nfrom load tests", why_node="pool"),
        Action(id="a2", number=2, action="Stagger restarts", why_node="deploy"),
    ]
    return ws


def test_each_line_reads_number_question_answer_then_badges(workspace):
    view = WhysView.of(workspace)
    assert view.root_line().plain == "Symptom  checkout returned errors"
    assert view.line("timeout", 1).plain == (
        "Why 1  Why did this happen: checkout returned errors? Because the payment service timed out."
    )
    assert view.line("pool", 2).plain == (
        "Why 2  Why did this happen: the payment service timed out? "
        "Because its connection pool was exhausted.  ★ root cause  ⚑ factor  ✔ actions #1 #3"
    )
    assert view.line("deploy", 2).question == "What else?"  # the facilitator's own wording
    assert view.line("deploy", 2).badges == ("✔ action #2",)


def test_the_chain_runs_from_the_symptom_to_the_root_cause(workspace):
    view = WhysView.of(workspace)
    assert view.chain == {"timeout", "pool"}
    assert view.line("pool", 2).in_chain and view.line("pool", 2).root_cause
    assert not view.line("deploy", 2).in_chain


def test_answers_keep_the_document_order_and_a_lost_parent_puts_an_answer_under_the_symptom(workspace):
    view = WhysView.of(workspace)
    assert [node.id for node in view.children[None]] == ["timeout", "orphan"]
    assert [node.id for node in view.children["timeout"]] == ["pool", "deploy"]
    assert view.parent_of("orphan") is None


def test_an_empty_symptom_line_says_what_to_write():
    view = WhysView.of(new_workspace())
    assert view.root_line().plain == "Symptom  not described yet: enter writes what people observed"


def test_depth_guidance_asks_for_one_more_why_until_the_cause_is_deep_enough():
    assert depth_guidance(2, is_leaf=True).startswith("This branch ends at why 2.")
    assert depth_guidance(2, is_leaf=False) == ""
    deep = depth_guidance(ENOUGH_WHYS, is_leaf=False)
    assert deep.startswith(f"Why {ENOUGH_WHYS}: causes this deep usually sit in the system")


def test_symptom_guidance_and_the_chain_summary_follow_what_is_written(workspace):
    assert symptom_guidance(new_workspace().whys).startswith("Describe what people observed")
    empty_tree = new_workspace().whys
    empty_tree.symptom = "errors"
    assert symptom_guidance(empty_tree) == "Ask the first why: a writes why the symptom happened."
    assert symptom_guidance(workspace.whys) == ""
    assert chain_summary(empty_tree, None) == "a adds the first answer"
    assert "root cause (why 2)" in chain_summary(workspace.whys, 2)
    assert chain_summary(workspace.whys, None).startswith("no root cause marked")


def test_badges_count_factors_and_list_actions_by_number(workspace):
    workspace.factors.append(Factor(id="f2", factor="No load test", why_node="pool"))
    assert link_badges(workspace) == {
        "pool": ("⚑ 2 factors", "✔ actions #1 #3"),
        "deploy": ("✔ action #2",),
    }


def test_links_go_factors_first_then_actions_by_number_and_read_on_one_line(workspace):
    assert links(workspace, "pool") == [("factors", "f1"), ("actions", "a1"), ("actions", "a3")]
    assert link_names(workspace, "pool") == [
        "factor “Pool too small”",
        "action #1 “Size the pool ⏎ from load tests”",
        "action #3 “Alert on pool use”",
    ]
    assert links(workspace, "timeout") == []


def test_a_new_answer_replies_to_the_question_about_the_answer_above(workspace):
    assert question_under(workspace.whys, None) == "Why did this happen: checkout returned errors?"
    assert question_under(workspace.whys, "pool") == "Why was its connection pool exhausted?"


def test_the_view_needs_neither_textual_nor_rich():
    program = (
        "import sys, pm_postmortem.tui.whys_view\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    src = Path(pm_postmortem.__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            env={"PYTHONPATH": str(src)}, check=True)
    assert result.stdout.strip() == "[]"
