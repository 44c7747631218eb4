"""The rules: what each finds, which kind of blame it is, what it says and suggests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pm_postmortem.core.coach.blame import (
    ACT_STEMS,
    ASKED_ABOUT_A_SLIP_STEMS,
    FAULT_STEMS,
    fault_words,
    fix_the_human,
    foreseeability,
    group_acts,
    person_acts,
    person_question,
    unless_general,
    unless_rejected,
    vague_one_liner,
)
from pm_postmortem.core.coach.detectors import (
    _character,
    _counterfactual,
    _fix_the_human,
    _hindsight,
    _human_error,
    _vague_action,
    _who_question,
)
from pm_postmortem.core.coach.language import (
    ALL_KINDS,
    CAUSE_KINDS,
    NARRATIVE_KINDS,
    Span,
    _named_person_spans,
    _Text,
    stems_of,
    text_stems,
)
from pm_postmortem.core.coach.story import (
    FAULT,
    HINDSIGHT,
    OWN_SLIP,
    PERSON_PAYS,
    PERSON_STORY_STEMS,
    QUESTION_STEMS,
    TEAM_SLIP,
    TRY_HARDER,
    VAGUE,
    VAGUE_IN_ACTIONS,
    fault_story,
    hindsight_story,
    lexicon_stems,
    own_slips,
    person_pays,
    person_story,
    question_at_someone,
    team_slips,
    try_harder,
    vague_story,
)
from pm_postmortem.core.findings import BlameKind, FieldKind


@dataclass(frozen=True)
class Rule:
    id: str
    kind: BlameKind
    title: str
    message: str
    reframe: str
    kinds: frozenset[FieldKind]
    detect: Callable[[_Text], Iterable[Span]]
    trigger: frozenset[str] | None
    """A cheap pre-check: the detector can only find something in a text with a word starting
    with one of these four-letter stems (or equal to a shorter word); None: always run.
    A set intersection is far cheaper than regexes, which matters for 2,000 timeline events."""
    defers: bool = False
    """Reported only where no other rule already speaks: the broad rules by category give way to
    the precise older ones, so one wording gets one finding."""
    rewords: bool = True
    """Whether a rewording is offered: the widest lexicons match too many sentence shapes for
    the rewriting to stay sound, so they explain and suggest without rewriting."""


# --- the rules -----------------------------------------------------------------------------


_trigger = stems_of
_stems = text_stems

_ACT_STEMS = ACT_STEMS
"""Words an act by a person or a group can start with (see `blame._acts`)."""

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="who-question",
            kind=BlameKind.QUESTION,
            title="“Who” question",
            message="Asking who did it looks for someone to blame, and people stop talking.",
            reframe="Ask what or how: “What made this step possible?”, “How did the change reach production?”",
            kinds=ALL_KINDS - {FieldKind.ACTION},
            detect=_who_question,
            trigger=_trigger("who whom whose"),
        ),
        Rule(
            id="human-error-cause",
            kind=BlameKind.PERSON,
            title="Person or human error as a cause",
            message="A person or “human error” is given as the cause; that is where the inquiry should start, not end.",
            reframe="Describe the condition that made the slip easy or let it through: a missing check, a confusing screen, time pressure, an outdated runbook.",
            kinds=CAUSE_KINDS,
            detect=unless_general(_human_error),
            trigger=None,  # cause fields are few; the detector looks at every clause
        ),
        Rule(
            id="named-person-cause",
            kind=BlameKind.PERSON,
            title="Named person in a cause",
            message="A named person appears in a cause; causes are conditions in the system, not individuals.",
            reframe="Name the step, role or tool instead (“the deploy step”, “the on-call”) and ask what made the action reasonable at the time.",
            kinds=CAUSE_KINDS,
            detect=_named_person_spans,
            trigger=None,
        ),
        Rule(
            id="counterfactual",
            kind=BlameKind.HINDSIGHT,
            title="Counterfactual",
            message="This describes what did not happen instead of what did.",
            reframe="Say what actually happened and what made it the reasonable thing to do: “The runbook did not mention …”, “Nothing showed …”.",
            kinds=NARRATIVE_KINDS,
            detect=_counterfactual,
            trigger=_trigger(
                "should shouldn ought oughtn must could couldn fail neglect bother if had hadn"
            ),
        ),
        Rule(
            id="hindsight",
            kind=BlameKind.HINDSIGHT,
            title="Hindsight",
            message="Hindsight: it looks obvious now that we know the outcome; it was not at the time.",
            reframe="Describe what the people involved could see at that moment and why other signals seemed more pressing.",
            # In what went well and where we got lucky, "obviously" judges no decision.
            kinds=ALL_KINDS - {FieldKind.ACTION, FieldKind.WENT_WELL, FieldKind.LUCKY},
            detect=_hindsight,
            trigger=_trigger(
                "obvious clearly hindsight retrospect should seen known told noticed predicted "
                "guessed spotted signs coming course brainer saying knows knew predictable foreseeable"
            ),
        ),
        Rule(
            id="character-judgement",
            kind=BlameKind.FAULT,
            title="Character judgement",
            message="A judgement of someone's character explains nothing and makes people defensive.",
            reframe="Describe the behaviour and its circumstances: workload, tools, the information available then.",
            kinds=ALL_KINDS,
            detect=_character,
            trigger=_trigger(
                "careless lazy lazily laziness incompetent slopp sloppily negligent reckless "
                "stupid dumb idiot clueless irresponsible unprofessional amateurish inattentive "
                "thoughtless slapdash half lackadaisical overconfident over too inexperienced "
                "rubber capable incapable lack lacked lacks lacking ethic history confident "
                "overconfident initiative judgment judgement diligence common care attention focus "
                "paying inattention ashamed shame inexperience complacent complacency insufficient "
                "poor inadequate enough little"
            ),
        ),
        Rule(
            id="fix-the-human",
            kind=BlameKind.FIX_THE_HUMAN,
            title="Fix-the-human action",
            message="This asks people to try harder; good intentions do not survive the next busy night.",
            reframe="Change the system so the slip is hard to make or caught automatically: a guard rail, a default, a check in the pipeline.",
            kinds=frozenset({FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER}),
            detect=unless_rejected(_fix_the_human),
            trigger=_trigger(
                "careful vigilant attention diligence thorough cautious care harder twice "
                "remember forget remind tell telling ask asks asking instruct urge urging "
                "encourage double manual train retrain educate reinforce follow stick reminder "
                "punishment punitive"
            ),
        ),
        Rule(
            id="vague-action",
            kind=BlameKind.VAGUE,
            title="Vague action",
            message="This action has no measurable end, so nobody can tell when it is done.",
            reframe="Say what exactly changes and how you will know: a threshold, a date, a test, or fill in “done when”.",
            kinds=frozenset({FieldKind.ACTION}),
            detect=_vague_action,
            trigger=_trigger(
                "improve enhance look investigate consider explore revisit reconsider rethink "
                "work address optimise strengthen harden clean tidy stabilise review evaluate "
                "assess analyse check better more increase ensure sure prevent avoid keep monitor "
                "figure agree continue identify discuss align streamline rework refine tackle bring "
                "faster quicker improved stronger clearer tighter smarter robust enable "
                "brainstorm come think should must will need needs has have implement introduce add set "
                "things stuff closely carefully effectively often each fix update sort "
                "put create build establish develop"
            ),
        ),
        Rule(
            id="person-at-fault",
            kind=BlameKind.PERSON,
            title="Person doing something wrong",
            message="A person is the subject of a slip or an omission; that is where the inquiry starts, not where it ends.",
            reframe="Make the step the subject and say what let it happen: “The command ran against production; nothing asked for confirmation.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(person_acts),
            trigger=_ACT_STEMS,
            defers=True,
        ),
        Rule(
            id="group-at-fault",
            kind=BlameKind.GROUP,
            title="Group as the culprit",
            message="A team is the subject of a slip or an omission; the gap is in the process they work in.",
            reframe="Describe the gap: “The renewal depended on a reminder email that went to a shared inbox.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(group_acts),
            trigger=_ACT_STEMS,
            defers=True,
        ),
        Rule(
            id="fault-wording",
            kind=BlameKind.FAULT,
            title="Words of fault",
            message="Words like “by mistake”, “accidentally” or “human error” judge the act instead of explaining it.",
            reframe="Say what happened and what made it possible: “The change reached production; the tool did not show which cluster it targeted.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(fault_words),
            trigger=FAULT_STEMS,
            defers=True,
        ),
        Rule(
            id="foreseeable",
            kind=BlameKind.HINDSIGHT,
            title="It was foreseeable",
            message="Calling it foreseeable, or saying nobody acted, judges the past with what we know now.",
            reframe="Describe what people could see then: “The alert went to a channel that was busy with other pages.”",
            kinds=ALL_KINDS - {FieldKind.ACTION, FieldKind.WENT_WELL, FieldKind.LUCKY},
            detect=foreseeability,
            trigger=_trigger(
                "nobody no none neither preventable avoidable could plain clear evident obvious "
                "being easy waiting "
                "apparent any every competent seasoned experienced signs sign would couldn wouldn "
                "warning warnings alert alerts alarm alarms red flag flags concerns despite taken think "
                "writing bound matter flagged raised reported known noted prevented avoided caught "
                "stopped totally fully updated told informed paged called answered replied declared "
                "communicated alerted warned intervened spoke flagged "
                "thought"
            ),
            defers=True,
        ),
        Rule(
            id="person-question",
            kind=BlameKind.QUESTION,
            title="Question aimed at a person",
            message="“Why did you …?” asks a person to defend a choice instead of asking what shaped it.",
            reframe="Ask about the situation: “What made skipping the canary look reasonable at the time?”",
            kinds=ALL_KINDS - {FieldKind.ACTION},
            detect=person_question,
            trigger=_trigger(
                "why how what which didn doesn don hasn hadn haven isn wasn weren aren wouldn "
                "couldn distracted tired drunk careless asleep aware trained qualified competent "
                "rushing rushed paying history record habit"
            )
            | ASKED_ABOUT_A_SLIP_STEMS,
            defers=True,
        ),
        Rule(
            id="fix-the-human-step",
            kind=BlameKind.FIX_THE_HUMAN,
            title="Fixing the human",
            message="Training, warning or removing a person leaves the system that allowed the slip as it was.",
            reframe="Change the system: a guard rail, a safer default, an automatic check in the pipeline.",
            kinds=frozenset(
                {FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER, FieldKind.SUMMARY}
            ),
            detect=fix_the_human,
            trigger=_trigger(
                "coached retrained re disciplined reprimanded warned reassigned fired let dismissed "
                "reassign reassigns reassigning "
                "reminded instructed told briefed educated lightly easily heads roll send sending sends sent "
                "move moved moves moving transfer transferred transferring transfers ship shipped "
                "shipping ships face "
                "suspended written sanctioned held removed sacked fire disciplinary suspension "
                "performance teach train educate coach double better careful diligent thorough "
                "vigilant happen follow stick slower slowly slow different away ensure make "
                "accountable zero consequences penalty penalties sanction sanctions training "
                "suspended put leave firing fires sack sacks suspend suspends reassign punish "
                "punished punishes punishing discipline disciplines terminate terminated "
                "terminates demote demoted demotes reprimand dismiss dismisses allowed trusted "
                "handling touching near need needs must should have has ought read check follow "
                "remember think verify watch aware mindful don do never talk speak word chat "
                "conversation always are is access remove revoke take restrict limit pull being "
                "can will"
            ),
            defers=True,
        ),
        Rule(
            id="vague-one-liner",
            kind=BlameKind.VAGUE,
            title="Vague action",
            message="This reads as an action with no measurable end, so nobody can tell when it is done.",
            reframe="Say what exactly changes and how you will know: a threshold, a date, a test.",
            kinds=frozenset({FieldKind.OTHER}),
            detect=vague_one_liner,
            trigger=None,
            defers=True,
        ),
        Rule(
            id="fault-in-story",
            kind=BlameKind.FAULT,
            title="Fault in the telling",
            message="Calling it a mistake, a blunder or an accident judges the act and stops the question of how it was possible.",
            reframe="Tell the act and the condition around it: “The deletion ran with the wrong list of ids; the tool took any list without a dry run.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(fault_story),
            trigger=lexicon_stems(FAULT),
            defers=True,
            rewords=False,
        ),
        Rule(
            id="own-slip",
            kind=BlameKind.PERSON,
            title="Own slip as the cause",
            message="Telling of your own slip is honest, but it puts a person where the inquiry should find a condition.",
            reframe="Make the step the subject: “The drop ran against production; the prompt looked the same for both databases.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(own_slips),
            trigger=lexicon_stems(OWN_SLIP),
            defers=True,
        ),
        Rule(
            id="team-slip",
            kind=BlameKind.GROUP,
            title="The team's slip as the cause",
            message="“We broke it” owns the outcome, but the story stops at the team instead of the gap it worked around.",
            reframe="Tell what the work allowed: “The revert went out without the syntax check the normal deploy runs.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(team_slips),
            trigger=lexicon_stems(TEAM_SLIP),
            defers=True,
        ),
        Rule(
            id="person-in-story",
            kind=BlameKind.PERSON,
            title="A person as the doer",
            message="The story points at a person as the source; readers will remember the person, not the gap that let it through.",
            reframe="Name the step and what allowed it: “A power supply was reconnected during maintenance; nothing staged the restart.”",
            kinds=NARRATIVE_KINDS,
            detect=unless_general(person_story),
            trigger=PERSON_STORY_STEMS,
            defers=True,
            rewords=False,
        ),
        Rule(
            id="hindsight-judgement",
            kind=BlameKind.HINDSIGHT,
            title="Judged afterwards",
            message="Judging time as wasted or a step as skipped uses what we know now, not what people saw then.",
            reframe="Say what people saw and what pulled their attention: “The first alerts pointed at the plugins, so that is where the search began.”",
            kinds=ALL_KINDS - {FieldKind.ACTION, FieldKind.WENT_WELL, FieldKind.LUCKY},
            detect=unless_general(hindsight_story),
            trigger=lexicon_stems(HINDSIGHT),
            defers=True,
        ),
        Rule(
            id="try-harder",
            kind=BlameKind.FIX_THE_HUMAN,
            title="Try harder",
            message="Checking twice or watching closer relies on people remembering; the next busy night they will not.",
            reframe="Build the check in: a confirmation naming the target, a dry run by default, an alert that watches for you.",
            kinds=frozenset(
                {FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER, FieldKind.SUMMARY, FieldKind.WENT_POORLY}
            ),
            detect=unless_rejected(try_harder),
            trigger=lexicon_stems(TRY_HARDER),
            defers=True,
        ),
        Rule(
            id="person-pays",
            kind=BlameKind.FIX_THE_HUMAN,
            title="Someone pays for it",
            message="A resignation or a cut bonus tells readers the cause was dealt with, while the system that allowed it is unchanged.",
            reframe="Report what changes in the system: the check added, the default made safe, the step automated.",
            kinds=frozenset(
                {FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER, FieldKind.SUMMARY}
            ),
            detect=unless_rejected(person_pays),
            trigger=lexicon_stems(PERSON_PAYS),
            defers=True,
            rewords=False,
        ),
        Rule(
            id="vague-promise",
            kind=BlameKind.VAGUE,
            title="Vague promise",
            message="“Get better” or “a top priority” has no end anyone can check, so it will quietly never be done.",
            reframe="Name the change and its finish line: what is added, where, and the number or test that shows it works.",
            kinds=frozenset({FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER}),
            detect=vague_story,
            trigger=lexicon_stems(VAGUE) | lexicon_stems(VAGUE_IN_ACTIONS),
            defers=True,
        ),
        Rule(
            id="question-at-someone",
            kind=BlameKind.QUESTION,
            title="Question aimed at someone",
            message="Asking why a person or a firm did something asks them to defend it, not what made it likely.",
            reframe="Ask about the situation: “What made a Friday rollout look safe at the time?”",
            kinds=ALL_KINDS - {FieldKind.ACTION},
            detect=question_at_someone,
            trigger=QUESTION_STEMS,
            defers=True,
            rewords=False,
        ),
    )
}

_RULES_BY_KIND: dict[FieldKind, tuple[Rule, ...]] = {
    kind: tuple(rule for rule in RULES.values() if kind in rule.kinds) for kind in FieldKind
}
_KIND_TRIGGERS: dict[FieldKind, frozenset[str] | None] = {
    kind: (
        None
        if any(rule.trigger is None for rule in rules)
        else frozenset().union(*(rule.trigger for rule in rules if rule.trigger is not None))
    )
    for kind, rules in _RULES_BY_KIND.items()
}
"""Per kind, all its rules' stems: a text with none of them (most timeline events) is done."""
