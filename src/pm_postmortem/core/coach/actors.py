"""Who is the subject of an act: a person, a group, or something else (a system, a change).

A light look at syntax, no parser: the words just before a verb name its subject; when there are
none ("…, but forgot to", "…, working late, ran"), the subject is the first noun phrase of an
earlier part of the sentence. Persons are roles ("the operator"), pronouns, given names and the
people the workspace knows; groups are teams ("QA", "the staff", "Team 1").
"""

from __future__ import annotations

import re
from enum import Enum

from pm_postmortem.core.coach.language import _ROLE, FIRST_NAMES, _Text, _wordset

_I = re.IGNORECASE


class Actor(Enum):
    PERSON = "person"
    GROUP = "group"


_ROLE_WORD = re.compile(
    _ROLE + r"|(?:man|woman|guy|worker|technician|designer|boss|director|manager|builder|dev"
    r"|devs|sysadmins?|dbas?|admins?|operators?|intern|employee|oncall|on-call|on-calls"
    r"|men|women|guys|folks|workers|workm[ae]n|linem[ae]n|repairm[ae]n|forem[ae]n|crewm[ae]n"
    r"|electricians?|traders?|officials?|staffers?|analysts?|diggers?|officers?|bosses"
    r"|managers|designers|builders|directors|tester|hires?|recruits?|trainees?|apprentices?"
    r"|commanders?|responders?|nurses?|doctors?|physicians?|pharmacists?|pilots?|dispatchers?"
    r"|techs?|subcontractors?|supervisors?)",
    _I,
)
_PRONOUNS = _wordset("i he she they you someone somebody anyone anybody")
_GROUPS = _wordset(
    """
    team teams squad staff support qa ops devops sres crew department company vendor management
    engineering developers engineers admins operators reviewers testers contractors employees
    workers firm bank telco society provider workmen crews personnel city agency council
    authorities government ministry supplier suppliers manufacturer manufacturers
    marketing sales finance legal hr procurement facilities accounting payroll helpdesk
    executives execs leadership board
    """
)
_DETERMINERS = _wordset(
    """
    the a an our their his her my your this that these those some any every one of except
    also then even just finally later again so apparently
    """
)
_MODIFIERS = _wordset(
    """
    tired exhausted junior senior new experienced seasoned overworked single different same
    other lone young contract external night duty responsible another primary secondary
    on-call oncall certain unnamed remote local two three several
    """
)
_AUXILIARIES = _wordset(
    "had has have was were is are been be being did does do would could should also then just "
    "simply still even only"
)
_SUBORDINATORS = _wordset(
    """
    when if after before while as despite although though because since during on in at by
    with without instead once until unless whereas which who that where whether
    """
)
_AFFECTED = _wordset("user users customer customers client clients")
"""Those an incident happens to: in a post-mortem they are never the ones at fault."""
_PLACE_PREPOSITIONS = _wordset("at from of with in on")
_QUOTED = re.compile(r"[“\"][^“”\"]{1,60}[”\"]")
"""A quoted name inside a clause ("selected “missile alert”"): not a clause of its own."""
_LEAD_INS = _wordset(
    "having after before by when while on upon without since somehow then later eventually finally"
)
"""Words that open a participle phrase ("having failed to", "after mishearing") or an adverb
("…, and somehow bumped"): no subject of their own."""
_NOT_ACTORS = _wordset("it this that there we us our nothing something everything")
_CLAUSE_SPLIT = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s|\b(?:and|but|then|however|so|yet|while)\b", _I)
_PASSIVE = re.compile(r"\b(?:was|were|been|be|being|is|are|got|gets|get)\s+(?:\w+ly\s+)?$", _I)
_PROGRESSIVE = re.compile(r"[a-z]+ing\b", _I)
"""After "was", an -ing form is no passive: "the engineer was rushing"."""
_WORD = re.compile(r"@?[^\W\d_][\w'’.-]*[\w'’]|@?[^\W\d_]|\d+")
_SENTENCE_START = re.compile(
    r"(?<!\bCorp)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bvs)"
    r"(?:[.!?\n](?=\s)|[.!?\n]$)"
)
"""A sentence ends at . ! ? or a line break, but not after "Corp." or "Dr." """


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins."""
    start = 0
    for match in _SENTENCE_START.finditer(text, max(0, pos - 300), pos):
        start = match.end()
    return start


def actor_of_word(item: _Text, word: str, *, we: bool = False) -> Actor | None:
    """Whether one word names a person or a group; with ``we``, "we" is a group (for slips only:
    "we deployed" is the work itself, "we forgot" a slip told about ourselves)."""
    bare = re.sub(r"['’]s$", "", word)
    lower = bare.lower()
    if we and lower == "we":
        return Actor.GROUP
    if bare.startswith("@") and len(bare) > 1:
        return Actor.PERSON  # a handle: "@dana"
    if lower in _NOT_ACTORS or lower in _AFFECTED:
        return None
    if lower in _PRONOUNS or bare in FIRST_NAMES or _ROLE_WORD.fullmatch(bare):
        return Actor.GROUP if lower in _GROUPS else Actor.PERSON
    if lower in _GROUPS:
        return Actor.GROUP
    if item.people is not None and item.people.fullmatch(bare):
        return Actor.PERSON
    return None


def _head_actor(
    item: _Text, words: list[str], we: bool = False, *, whole: bool = False
) -> Actor | None:
    """The actor a noun phrase at the start of ``words`` names ("the tired engineer", "Team 1").
    With ``whole`` the words are the whole phrase: an actor followed by a common noun is only its
    modifier ("Sales data", "Security updates")."""
    index = 0
    while index < len(words) and words[index].lower() in _DETERMINERS:
        index += 1
    nouns = 0
    for position, word in enumerate(words[index : index + 4], start=index):
        actor = actor_of_word(item, word, we=we)
        if actor is not None and _POSSESSIVE.search(word) and position + 1 < len(words):
            head = actor_of_word(item, words[position + 1], we=we)
            return head or actor  # "the contractor's crew": the crew acts
        if actor is not None:
            rest = words[position + 1 :]
            if whole and any(not (later[:1].isupper() or later.isdigit()) for later in rest):
                return None
            return actor
        if word.lower() in _MODIFIERS or word[:1].isupper() or word.isdigit():
            continue
        nouns += 1
        if nouns > 2 or not _NOUN_MODIFIER.fullmatch(word) or word.lower() in _NOT_NOUNS:
            return None
    return None


_POSSESSIVE = re.compile(r"['’]s$")
_NOUN_MODIFIER = re.compile(r"[a-z][a-z-]*(?<!ed)(?<![^s]s)|[a-z-]+['’]s", re.IGNORECASE)
"""A word that may stand before a role in a compound ("maintenance worker", "the hosting
company's staff"); words in -ed and plurals in -s are more likely verbs or heads."""
_NOT_NOUNS = _wordset(
    """
    was were had has have did does do is are be been will would could should can may might must
    sent put set ran took made cut hit let got left kept told gave saw woke and or but to of in on
    at by for with from as than then also not never
    """
)


def subject_before(item: _Text, pos: int, *, we: bool = False) -> Actor | None:
    """The actor of the verb at ``pos``: the words just before it, or, when there are none, the
    subject of an earlier part of the sentence. None when it is not a person or a group."""
    if _PASSIVE.search(item.text, max(0, pos - 30), pos) and not _PROGRESSIVE.match(item.text, pos):
        return None  # "they were deleted": the subject is what the act was done to
    words = _nearest_words(item.text, pos)
    for index in range(len(words) - 1):  # "someone at AWS", "staff at the control room"
        if words[index + 1].lower() in _PLACE_PREPOSITIONS and actor_of_word(item, words[index]):
            words = words[: index + 1]
            break
    if words and all(word.lower() in _LEAD_INS for word in words):
        words = []  # "…, having failed to": the participle has the subject of the clause
    words = _main_clause(words) or words
    for index, word in enumerate(words[1:5], start=1):
        if word.lower() in ("who", "that") and actor_of_word(item, words[index - 1], we=we):
            return actor_of_word(item, words[index - 1], we=we)  # "the engineer who used it"
    if words:
        last = actor_of_word(item, words[-1], we=we)
        if last is None and len(words) > 1 and words[-1].isdigit():  # "Team 1"
            last = actor_of_word(item, words[-2])
        if last is not None:
            return last
        if len(words) > 3:
            return _doing_actor(item, words)
        return _head_actor(item, words, we, whole=True)
    return clause_actor(item, pos, we=we)


def _doing_actor(item: _Text, words: list[str]) -> Actor | None:
    """ "An employee removing a faulty unit … caused", "a team of workmen repairing the road …
    hit": a person or a group, then what they were doing."""
    for index, word in enumerate(words[:-1]):
        if words[index + 1].lower().endswith("ing"):
            actor = actor_of_word(item, word)
            if actor is not None:
                return actor
    return None


_REPORTING = _wordset(
    """
    said says say revealed reveals found finds showed shows concluded concludes determined
    claimed claims admitted admits reported reports noted notes explained explains confirmed
    confirms stated states believe believes believed learned learnt discovered think thinks
    guess suspect suspects
    """
)
"""Verbs that report a clause: the act after them has a subject of its own."""


def _main_clause(words: list[str]) -> list[str]:
    """The words after the last reporting verb ("the inquiry found that the employee had …")."""
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _REPORTING:
            rest = words[index + 1 :]
            return rest[1:] if rest[:1] and rest[0].lower() == "that" else rest
    return words


def clause_actor(item: _Text, pos: int, *, we: bool = False) -> Actor | None:
    """The actor that starts the clause holding ``pos`` ("the engineer ran it on the wrong …"),
    looking back past parts with no subject of their own ("…, working late, ran …") and past
    quoted names ("selected “missile alert” rather than …")."""
    text = item.text
    segments = _CLAUSE_SPLIT.split(_QUOTED.sub(" ", text[sentence_start(text, pos) : pos]))
    for index, segment in enumerate(reversed(segments)):
        words = _WORD.findall(segment)
        reported = _main_clause(words)
        if reported is not words:
            actor = _head_actor(item, reported, we)
            if actor is not None or (
                index == 0 and _thing_reported(reported) and not _UNDERGONE.match(text, pos)
            ):
                # "the inquiry found that the employee had …"; "a person briefed on it said a
                # software glitch caused …": the reported clause has a subject of its own
                return actor
        if not words:
            continue
        lead = 0
        while lead < len(words) and words[lead].lower() in _SUBORDINATORS:
            lead += 1
        if 0 < lead < len(words) and _starts_noun_phrase(item, words[lead]):
            actor = _head_actor(item, words[lead:], we)
            if actor is not None:
                return actor  # "because QA signed off …": the subject after the conjunction
        first = words[0]
        if first.lower() in _SUBORDINATORS or (
            first.lower().endswith(("ing", "ed")) and actor_of_word(item, first) is None
        ):
            continue  # "…, working late, ran": a participle ("Marketing sent" is a group)
        if _starts_noun_phrase(item, first):
            return _head_actor(item, words, we)
        # a part that starts with a verb ("ran a command on the wrong host") has the subject
        # of an earlier part
    return None


_THING_DETERMINERS = _wordset("a an the this that these those its their our")
_UNDERGONE = re.compile(r"(?:is|was|were|are|be|been|being|got|gets|get)\b", _I)
"""An act told in the passive ("… say that the wire cutter is fired"): undergone, not done."""


def _thing_reported(words: list[str]) -> bool:
    """Whether the reported clause before an act is a short noun phrase of its own ("… said a
    software glitch caused …"): then no one earlier in the sentence did the act."""
    return (
        0 < len(words) <= 5
        and words[0].lower() in _THING_DETERMINERS
        and not any(word.lower() in _SUBORDINATORS for word in words[1:])
    )


def _starts_noun_phrase(item: _Text, word: str) -> bool:
    lower = word.lower()
    return (
        lower in _DETERMINERS
        or lower in _MODIFIERS
        or lower in _NOT_ACTORS
        or word[:1].isupper()
        or actor_of_word(item, word) is not None
    )


def _nearest_words(text: str, pos: int) -> list[str]:
    segment = _CLAUSE_SPLIT.split(text[sentence_start(text, pos) : pos])[-1]
    words = _WORD.findall(segment)
    while words and (words[-1].lower() in _AUXILIARIES or words[-1].lower().endswith("ly")):
        words.pop()
    return words
