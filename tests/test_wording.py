"""The generated why questions read as English for noun phrases and for clauses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_postmortem.core.export import export
from pm_postmortem.core.model import WhyNode, new_workspace
from pm_postmortem.core.wording import in_sentence, why_question


@pytest.mark.parametrize(
    ("subject", "question"),
    [
        (
            "the pool size was set to 5 instead of 50 by a config deploy",
            "Why was the pool size set to 5 instead of 50 by a config deploy?",
        ),
        ("config changes have no schema validation", "Why do config changes have no schema validation?"),
        ("The cache was cold.", "Why was the cache cold?"),
        ("the team had been paged twice", "Why had the team been paged twice?"),
        ("duplicated bookings in the DATEV exports", "Why did duplicated bookings in the DATEV exports happen?"),
        ("the payment service timed out", "Why did this happen: the payment service timed out?"),
        ("a retry loop held connections open", "Why did this happen: a retry loop held connections open?"),
        (
            "nothing checks whether a job can run twice",
            "Why did this happen: nothing checks whether a job can run twice?",
        ),
    ],
)
def test_questions_read_as_english(subject, question):
    assert why_question(subject) == question


@given(st.text())
def test_every_text_gets_one_question_on_one_line(text):
    question = why_question(text)
    assert question.startswith("Why ") and question.endswith("?")
    assert "\n" not in question


@pytest.mark.parametrize(
    ("answer", "continued"),
    [
        ("The cache expired", "the cache expired"),
        ("Nobody owned the queue", "nobody owned the queue"),
        ("We had no alert on it", "we had no alert on it"),
        ("Bob forgot to restart the worker", "Bob forgot to restart the worker"),
        ("Kafka dropped the partition", "Kafka dropped the partition"),
        ("DATEV rejected the file", "DATEV rejected the file"),
        ("Lena's change had no test", "Lena's change had no test"),
        ("Deploys are not gated", "Deploys are not gated"),
        ("", ""),
    ],
)
def test_an_answer_continues_the_sentence_with_names_kept_as_typed(answer, continued):
    assert in_sentence(answer) == continued


def test_a_name_starting_an_answer_is_exported_as_typed():
    workspace = new_workspace("Worker stuck")
    workspace.whys.symptom = "jobs piled up"
    workspace.whys.nodes.append(WhyNode(answer="Bob forgot to restart the worker"))
    assert "Because Bob forgot to restart the worker." in export(workspace, "markdown")
