"""The coach's rewordings: `r` puts them into the document, so every one offered must read as a
sentence, keep what the original says about the system and no longer draw the finding; where the
coach cannot build one, it offers none."""

from __future__ import annotations

import pytest

from pm_postmortem.core.coach import FieldKind, check_text
from tests.coach_real import CORPUS, HOLDOUT_2, load
from tests.coach_rewording_checks import grammar_problems, problems

BLAMING = [sentence for sentence in load(CORPUS) + load(HOLDOUT_2) if sentence.blaming]


def _offered() -> list[tuple[str, FieldKind, object]]:
    return [
        (sentence.text, sentence.kind, finding)
        for sentence in BLAMING
        for finding in check_text(sentence.text, sentence.kind)
        if finding.rewording is not None
    ]


def test_every_rewording_offered_for_real_blaming_sentences_is_sound():
    offered = _offered()
    broken = [
        (finding.rule, text, finding.rewording.text, found)
        for text, kind, finding in offered
        if (found := problems(text, kind, finding))
    ]
    assert broken == []
    # not sound by offering nothing: most kinds of blame still get a rewording
    assert len({text for text, _kind, _finding in offered}) >= 100, len(offered)


@pytest.mark.parametrize(
    ("text", "kind", "reworded"),
    [
        (
            "The on-call engineer should have noticed the config diff.",
            FieldKind.WHY,
            "The config diff was not noticed, and nothing at the time pointed to it.",
        ),
        (
            "Nobody owns the pipeline checks, and the team should have added them.",
            FieldKind.WHY,
            "Nobody owns the pipeline checks, and they were not added, and nothing at the time "
            "pointed to it.",
        ),
        (
            "Dave forgot to restart the service.",
            FieldKind.WHY,
            "The service was not restarted, and no check caught it.",
        ),
        (
            "Sarah didn't check the logs.",
            FieldKind.WHY,
            "The logs were not checked, and no check caught it.",
        ),
        (
            "The engineers should have checked the dashboards.",
            FieldKind.OTHER,
            "The dashboards were not checked, and nothing at the time pointed to it.",
        ),
        (
            "Why did the on-call engineer skip the canary?",
            FieldKind.OTHER,
            "What made skipping the canary look reasonable at the time?",
        ),
        (
            "Why did Contoso only notify us a day later?",
            FieldKind.OTHER,
            "What made notifying us a day later look reasonable at the time?",
        ),
        (
            "Who merged the broken migrations?",
            FieldKind.OTHER,
            "How were the broken migrations merged?",
        ),
        (
            "The admin accidentally ran the cleanup job against the live bucket.",
            FieldKind.WHY,
            "The cleanup job was run against the live bucket, and no safeguard stopped it.",
        ),
        (
            "The team failed to update the runbook.",
            FieldKind.WHY,
            "The runbook was not updated, and no check caught it.",
        ),
        (
            "The cause was a “simple human error” by a contractor.",
            FieldKind.OTHER,
            "The cause was a “manual step with no safeguard” by a contractor.",
        ),
        (
            "Because Jenny deployed the wrong config, obviously.",
            FieldKind.WHY,
            "Because the wrong config was deployed, obviously, and no safeguard stopped it.",
        ),
        ("We shipped it, obviously.", FieldKind.WENT_POORLY, "We shipped it."),
        (
            "During the deploy, however, the engineer did not copy the build to the last server.",
            FieldKind.WHY,
            "During the deploy, however, the build was not copied to the last server, and no "
            "check caught it.",
        ),
        (
            "The last server kept the old build, and the team also forgot to delete the old flag.",
            FieldKind.OTHER,
            "The last server kept the old build, and the old flag was not deleted, and no check "
            "caught it.",
        ),
        (
            "I had accidentally executed my statement on the production database.",
            FieldKind.OTHER,
            "The statement was executed on the production database, and no safeguard stopped it.",
        ),
        (
            "An operator ran the purge against 4.5 TB of live data by mistake.",
            FieldKind.OTHER,
            "The purge was run against 4.5 TB of live data, and no safeguard stopped it.",
        ),
        ("Human error by the on-call engineer", FieldKind.WHY, "A manual step with no safeguard"),
        (
            "A human error by an operator during the failover.",
            FieldKind.WHY,
            "A manual step with no safeguard during the failover.",
        ),
    ],
)
def test_rewordings_read_as_sentences(text, kind, reworded):
    rewordings = [f.rewording.apply(text) for f in check_text(text, kind) if f.rewording]
    assert rewordings and rewordings[0] == reworded


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("He should have known better.", FieldKind.WHY),  # no thing was not known
        ("Who messed up?", FieldKind.OTHER),  # "up" is no thing
        (
            "Dave pushed to production after a long day.",
            FieldKind.WHY,
        ),  # nothing to make the subject
        ("The operator should have been more careful.", FieldKind.WHY),  # still about the person
        ("An engineer made a typo in the config.", FieldKind.WHY),  # "made a …" needs its maker
        (
            "Remind engineers to double-check the region.",
            FieldKind.ACTION,
        ),  # the fix is not in the words
        (
            "Developers kept pushing hotfixes straight to main.",
            FieldKind.WHY,
        ),  # an act, not a thing
        (
            "The team skipped the tests because they were rushed.",
            FieldKind.OTHER,
        ),  # "they" would change
        ("Ana obviously should have known the job used it.", FieldKind.WENT_POORLY),  # a clause, no thing
    ],
)
def test_no_rewording_where_none_can_be_built(text, kind):
    findings = check_text(text, kind)
    assert findings
    assert [f.rewording.apply(text) for f in findings if f.rewording] == []


@pytest.mark.parametrize(
    ("broken", "original"),
    [
        (
            "The on-call the config diff was not noticed, and nothing at the time pointed to it",
            "The on-call engineer should have noticed the config diff",
        ),
        (
            "Nobody owns the pipeline checks the them was not added, and nothing at the time pointed to it",
            "Nobody owns the pipeline checks … the team should have added them",
        ),
        ("The logs was not checked, and no check caught it", "Sarah didn't check the logs"),
        ("How was up messed", "Who messed up"),
        ("Down a number of ISPs was shut", "An engineer shut down a number of ISPs"),
        (
            "environment variable made tests truncate the database",
            "Accidental environment variable …",
        ),
        (
            "The business requirements were not understanded",
            "They didn't understand the business requirements",
        ),
        ("A “a manual step” by a contractor", "A “simple human error” by a contractor"),
        (
            "Cert-manager used it was not known, and nothing at the time pointed to it",
            "Priya obviously should have known cert-manager used it",
        ),
    ],
)
def test_the_grammar_checks_catch_the_broken_rewordings_seen(broken, original):
    assert grammar_problems(broken, original)


def test_the_reworded_text_is_what_r_and_lint_apply():
    """The rewording replaces its sentence only: the text around it stays as it was."""
    text = "First line. The DBA forgot to renew the certificate. Paging worked."
    (finding,) = check_text(text, FieldKind.WENT_POORLY)
    assert finding.rewording.apply(text) == (
        "First line. The certificate was not renewed, and no check caught it. Paging worked."
    )
