"""The wider lexicons (`core.coach.story`): blame carried by how a story is told.

Each example is invented for this test; the real-sentence corpora measure the rules as a whole.
"""

from __future__ import annotations

import pytest

from pm_postmortem.core.coach import check_text
from pm_postmortem.core.findings import BlameKind, FieldKind


def kinds_found(text: str, kind: FieldKind = FieldKind.OTHER) -> set[BlameKind]:
    return {finding.kind for finding in check_text(text, kind) if finding.kind is not None}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The outage came from a storage configuration mistake at the provider.", FieldKind.SUMMARY, BlameKind.FAULT),
        ("The hosting firm mistakenly deleted the tenant's backups.", FieldKind.OTHER, BlameKind.FAULT),
        ("The job ran against the wrong region for an hour.", FieldKind.TIMELINE, BlameKind.FAULT),
        ("Acme's failure to renew the domain took the site offline.", FieldKind.WHY, BlameKind.FAULT),
        ("It was, in the end, a minor oversight.", FieldKind.OTHER, BlameKind.FAULT),
        ("I dropped the orders table while cleaning up.", FieldKind.TIMELINE, BlameKind.PERSON),
        ("We introduced a config error while reverting.", FieldKind.WENT_POORLY, BlameKind.GROUP),
        ("The outage was traced to an engineer on the night shift.", FieldKind.OTHER, BlameKind.PERSON),
        ("My colleague's PR took the checkout page down.", FieldKind.OTHER, BlameKind.PERSON),
        ("We wasted two hours on the wrong theory.", FieldKind.WENT_POORLY, BlameKind.HINDSIGHT),
        ("The rollback runbook was not followed.", FieldKind.WHY, BlameKind.HINDSIGHT),
        ("The page was missed and the disk filled up.", FieldKind.WHY, BlameKind.HINDSIGHT),
        ("Why wasn't this caught earlier?", FieldKind.OTHER, BlameKind.HINDSIGHT),
        ("Keep a closer eye on the queue after deploys.", FieldKind.ACTION, BlameKind.FIX_THE_HUMAN),
        ("Triple-check the target before running it.", FieldKind.LESSON, BlameKind.FIX_THE_HUMAN),
        ("Never run schema changes by hand.", FieldKind.LESSON, BlameKind.FIX_THE_HUMAN),
        ("We need to be more rigorous with reviews.", FieldKind.ACTION, BlameKind.FIX_THE_HUMAN),
        ("The head of operations resigned a week after the outage.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("The outage was the result of an error by a member of staff.", FieldKind.OTHER, BlameKind.PERSON),
        ("The change went out without following the change process.", FieldKind.WHY, BlameKind.HINDSIGHT),
        ("The bank blamed a junior employee.", FieldKind.OTHER, BlameKind.PERSON),
        ("This was entirely the fault of the night shift.", FieldKind.OTHER, BlameKind.FAULT),
        ("Then Priya restarted the primary, which broke the replicas.", FieldKind.TIMELINE, BlameKind.PERSON),
        ("The team lead demanded the intern's head.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("Please don't ever delete tags on the release branch.", FieldKind.LESSON, BlameKind.FIX_THE_HUMAN),
        ("Developers should communicate their progress more often.", FieldKind.LESSON, BlameKind.FIX_THE_HUMAN),
        ("It was a rookie error in the firewall rules.", FieldKind.OTHER, BlameKind.FAULT),
        ("Why can't they just test before shipping?", FieldKind.OTHER, BlameKind.QUESTION),
        ("How was the old data not backed up?", FieldKind.OTHER, BlameKind.HINDSIGHT),
        ("I sent the team a note explaining my screw-up.", FieldKind.OTHER, BlameKind.FAULT),
        ("The operator meant to drain one node but instead entered the cluster name.", FieldKind.TIMELINE, BlameKind.FAULT),
        ("The alert fired twice but was not acted on.", FieldKind.WENT_POORLY, BlameKind.HINDSIGHT),
        ("The breach went unnoticed for a month.", FieldKind.OTHER, BlameKind.HINDSIGHT),
        ("Staff must be reminded to lock their screens.", FieldKind.ACTION, BlameKind.FIX_THE_HUMAN),
        ("Ministers should take personal responsibility for the outage.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("Make releases safer.", FieldKind.ACTION, BlameKind.VAGUE),
        ("Did they even test this before shipping?", FieldKind.OTHER, BlameKind.QUESTION),
        ("The cleanup ran in the production shell instead of the staging one.", FieldKind.TIMELINE, BlameKind.FAULT),
        ("I assumed I was still connected to the replica.", FieldKind.WHY, BlameKind.PERSON),
        ("A road crew cut through 300 fibre lines.", FieldKind.OTHER, BlameKind.GROUP),
        ("The records were made public, in error, by the records office.", FieldKind.OTHER, BlameKind.FAULT),
        ("Yes, it was the intern.", FieldKind.OTHER, BlameKind.PERSON),
        ("I haven't checked the billing notices in months.", FieldKind.WHY, BlameKind.PERSON),
        ("Operators are being given more intensive training.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("Fix the importer as soon as possible.", FieldKind.ACTION, BlameKind.VAGUE),
        ("Upon reflection it was our own error.", FieldKind.OTHER, BlameKind.FAULT),
        ("I meant to type 9 on the test box.", FieldKind.TIMELINE, BlameKind.PERSON),
        ("That's on me, though.", FieldKind.OTHER, BlameKind.PERSON),
        ("The rule was not thoroughly tested before the rollout.", FieldKind.WHY, BlameKind.HINDSIGHT),
        ("Please test your pull requests.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("How did this pass review?", FieldKind.OTHER, BlameKind.QUESTION),
        ("Minimize copy-paste errors by users", FieldKind.ACTION, BlameKind.VAGUE),
        ("The command was entered by one senior engineer.", FieldKind.OTHER, BlameKind.PERSON),
        ("The hook warned but was bypassed with --no-verify.", FieldKind.SUMMARY, BlameKind.HINDSIGHT),
        ("What the hell were you thinking?", FieldKind.OTHER, BlameKind.QUESTION),
        ("Contractors are reminded to call before they dig.", FieldKind.OTHER, BlameKind.FIX_THE_HUMAN),
        ("We can make this better next time.", FieldKind.ACTION, BlameKind.VAGUE),
        ("Release hygiene should be a top priority.", FieldKind.ACTION, BlameKind.VAGUE),
        ("Declare incidents sooner.", FieldKind.ACTION, BlameKind.VAGUE),
        ("Why did Contoso only notify us a day later?", FieldKind.OTHER, BlameKind.QUESTION),
        ("How could a hosting company lose the keys?", FieldKind.OTHER, BlameKind.QUESTION),
        ("The refund failed because of a human keying error.", FieldKind.OTHER, BlameKind.FAULT),
        ("The registrar made a costly mistake with our zone.", FieldKind.OTHER, BlameKind.FAULT),
        ("It was a plain oversight on the supplier's part.", FieldKind.OTHER, BlameKind.FAULT),
        ("Frankly, the whole rollout smelled of mismanagement.", FieldKind.OTHER, BlameKind.FAULT),
        ("Fabrikam pushed a faulty agent update to every laptop.", FieldKind.OTHER, BlameKind.FAULT),
        ("A contractor introduced the regression last spring.", FieldKind.OTHER, BlameKind.PERSON),
        ("The outage happened thanks to me.", FieldKind.OTHER, BlameKind.PERSON),
        ("I made a small change that broke the login page.", FieldKind.WENT_POORLY, BlameKind.PERSON),
        ("The operator swapped two hosts, not realising the list was stale.", FieldKind.TIMELINE, BlameKind.HINDSIGHT),
        ("Nobody bothered to read the warning banner.", FieldKind.OTHER, BlameKind.HINDSIGHT),
        ("What have you done?", FieldKind.OTHER, BlameKind.QUESTION),
        ("Ana was told to rotate the key but did not.", FieldKind.OTHER, BlameKind.HINDSIGHT),
    ],
)
def test_blame_told_by_the_story_is_found_with_its_kind(text, kind, expected):
    assert expected in kinds_found(text, kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("@dana reverts the release.", FieldKind.TIMELINE),
        ("The duty engineer called in the network team.", FieldKind.TIMELINE),
        ("The cache inadvertently served stale pages for ten minutes.", FieldKind.TIMELINE),
        ("The guardrail exists to catch this kind of mistake before it ships.", FieldKind.OTHER),
        ("It is never a single person who causes an outage.", FieldKind.OTHER),
        ("This was not the operator's fault.", FieldKind.WHY),
        ("The failover is the fault of the config, not the people.", FieldKind.OTHER),
        ("It was not our fault.", FieldKind.OTHER),
        ("Nobody knew what the flag did, so the old value stayed.", FieldKind.TIMELINE),
        ("The pipeline double-checks the target cluster before applying.", FieldKind.ACTION),
        ("Add a dry-run default to the cleanup tool; done when the tool refuses to delete without --apply.", FieldKind.ACTION),
        ("Why did the replica fall behind?", FieldKind.WHY),
        ("We rolled back the release at 14:05.", FieldKind.TIMELINE),
        ("A spokesperson did not respond to a request for comment.", FieldKind.OTHER),
        ("Failures are rarely caused by individuals.", FieldKind.OTHER),
        ("Within 20 minutes, our error monitoring lit up.", FieldKind.TIMELINE),
        ("It wasn't great, but nobody got fired.", FieldKind.OTHER),
        ("Yes, it is also a question of tooling.", FieldKind.OTHER),
        ("Human error is seldom the root cause of an outage.", FieldKind.OTHER),
        ("The exchange filed a report with measures to prevent a recurrence.", FieldKind.OTHER),
        ("We need more training data for the spam classifier.", FieldKind.ACTION),
        ("The council was told about the mistake on 23 December.", FieldKind.TIMELINE),
        ("A mis-configured router in Europe dropped transit routes.", FieldKind.OTHER),
        ("There was a lack of mandatory training material for the new tool.", FieldKind.WHY),
        ("Porting the old code to the new Developer Story caused the leak.", FieldKind.WHY),
        ("An expired certificate was to blame for the lockout.", FieldKind.OTHER),
        ("The replica fell behind, which wasn't detected until a query failed.", FieldKind.TIMELINE),
        ("The on-call restarted the primary, which cleared the locks.", FieldKind.TIMELINE),
        ("Firing the engineer would not prevent the next outage.", FieldKind.OTHER),
        ("The pipeline let untested code reach production because staging had drifted.", FieldKind.WHY),
        ("The canary made the error visible within a minute.", FieldKind.TIMELINE),
        ("A second key would have made this mistake impossible.", FieldKind.WHY),
        ("Everyone screws up now and then; the checklist is what helps.", FieldKind.OTHER),
        ("The nurse had warned the ward manager that the pump was faulty.", FieldKind.TIMELINE),
        ("Rather than blame the crew, the report points at the unlabeled panel.", FieldKind.OTHER),
        ("The root cause has yet to be identified.", FieldKind.SUMMARY),
        ("The dashboard did not notify us of the failed job.", FieldKind.WHY),
        ("Customers were overcharged because of a rounding bug.", FieldKind.OTHER),
        ("This was a sobering reminder to all of us about backups.", FieldKind.OTHER),
    ],
)
def test_neutral_telling_is_left_alone(text, kind):
    assert check_text(text, kind) == []


def test_a_measurable_action_is_not_a_vague_promise():
    assert BlameKind.VAGUE not in kinds_found("We will improve p99 latency to under 300 ms by May.", FieldKind.ACTION)
