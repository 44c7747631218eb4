"""The language coach: finds blaming, hindsight and vague wording in the text of a post-mortem.

Each rule has a stable id (used by dismissals and the CLI), a detector, a message saying what is
wrong and a reframe suggesting something better. Rules are context-aware: the same words are fine
when they describe what happened in a timeline event and worth a second look when they are given
as a cause in a why answer. The coach only reports; it never changes or blocks any text.

No UI imports here: this runs in the CLI, the TUI and tests alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pm_postmortem.core.findings import IMPACT_TEXT_FIELDS, FieldFinding, FieldKind, Finding
from pm_postmortem.core.model import Workspace

Span = tuple[int, int]


@dataclass(frozen=True)
class _Text:
    """What a detector sees: the text, its kind and the people the workspace knows."""

    text: str
    kind: FieldKind
    people: re.Pattern[str] | None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    message: str
    reframe: str
    kinds: frozenset[FieldKind]
    detect: Callable[[_Text], Iterable[Span]]
    trigger: frozenset[str] | None
    """A cheap pre-check: the detector can only find something in a text with a word starting
    with one of these four-letter stems (or equal to a shorter word); None: always run.
    A set intersection is far cheaper than regexes, which matters for 2,000 timeline events."""


# --- kinds ---------------------------------------------------------------------------------

ALL_KINDS = frozenset(FieldKind)
STRICT_CAUSE = frozenset({FieldKind.WHY, FieldKind.ROOT_CAUSE, FieldKind.FACTOR})
"""Fields that state causes: any person in them is a person given as a cause."""
LOOSE_CAUSE = frozenset(
    {FieldKind.SYMPTOM, FieldKind.WENT_POORLY, FieldKind.LESSON, FieldKind.SUMMARY, FieldKind.OTHER}
)
"""Fields that may explain causes among other things: only blaming wording counts there."""
CAUSE_KINDS = STRICT_CAUSE | LOOSE_CAUSE
NARRATIVE_KINDS = CAUSE_KINDS | {FieldKind.TIMELINE}

# --- shared vocabulary ---------------------------------------------------------------------

_I = re.IGNORECASE

_ROLE = (
    r"(?:on[- ]?call(?:\s+(?:engineer|developer|person|admin))?|engineer|developer|dev|programmer"
    r"|sysadmin|admin|administrator|operator|sre|dba|person|employee|colleague|co-worker|intern"
    r"|junior(?:\s+(?:developer|engineer|dev))?|new\s+hire|team\s+member|accountant|bookkeeper"
    r"|support\s+(?:agent|engineer)|agent|reviewer|approver|release\s+manager|tax\s+advisor"
    r"|clerk|technician|contractor|consultant|user|someone|somebody)s?"
)
"""People by their role, as a sentence would make them its subject."""

_PERSON_WORD = re.compile(
    rf"(?:i|we|you|he|she|they|anyone|anybody|everyone|everybody|people|team|teams|support|staff"
    rf"|{_ROLE})",
    _I,
)
_NEGATED_SUBJECT = re.compile(r"\b(?:nobody|no[- ]one|none\s+of\s+us)\b", _I)
_ADVERB = re.compile(r"(?:\w+ly|also|just|still|never|then|already|even|only|not|all|simply)", _I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

_IRREGULAR_PARTICIPLES = (
    "been|done|known|seen|caught|run|gone|taken|written|told|built|made|thought|got|gotten|put|set"
    "|read|kept|left|sent|found|brought|spent|stuck|hit|cut|let|shut|had|given|chosen|spoken"
    "|understood|foreseen|rolled"
)
_PARTICIPLE = rf"(?:[a-z-]+(?:ed|en|wn)|{_IRREGULAR_PARTICIPLES})\b"

_ATTENTION_WORDS = (
    r"notice|check|spot|see|catch|escalate|follow|test|review|read|communicate|inform|tell|ask"
    r"|consider|anticipate|realise|realize|mention|understand|recogni[sz]e|identify|react|plan"
    r"|coordinate|investigate|double-check|pay|think|bother|care"
)
_ATTENTION_VERBS = rf"(?:{_ATTENTION_WORDS})"
"""What a person attends to: "X failed to notice" reads as blame whoever X is, while
"the job failed to start" is a plain description of a system."""
_DIDNT_VERBS = rf"(?:{_ATTENTION_WORDS}|verify|update|look|wait|confirm|run|stop)"
"""After a role, "did not <verb>" with one of these is an omission pinned on the person."""

_ATTENTION_PARTICIPLES = (
    r"(?:caught|noticed|checked|prevented|avoided|spotted|asked|tested|reviewed|stopped|detected"
    r"|looked|escalated|paused|acted|warned|fixed|done|rolled|reacted|predicted|foreseen"
    r"|realised|realized|verified|confirmed|intervened|responded)"
)
"""After "could have" these describe a response that did not happen; "seen" or "known" only
do when a responder is the subject ("we could have seen"; "users could have seen" is a risk)."""
_PERCEPTION_PARTICIPLES = r"(?:seen|known|found|read|told|heard|guessed|expected|looked)"
_RESPONDER = re.compile(
    r"(?:i|we|you|he|she|they|someone|somebody|anyone|anybody|team|support|on-?call|oncall"
    r"|engineers?|developers?|devs?|admins?|operators?|sres?|reviewers?|staff)",
    _I,
)

_SENTENCE_END = re.compile(r"[?!\n]|\.(?=\s|$)")


def _sentence_end(text: str, pos: int) -> int:
    match = _SENTENCE_END.search(text, pos)
    return match.start() if match else len(text)


_CLAUSE_BREAK = re.compile(r"[.;:!?,\n]|\b(?:and|but|because|so|while|when|although|though)\b", _I)


_CLAUSE_WINDOW = 200
"""How far back a clause is looked for: a clause is rarely longer, and a bound keeps a long
pasted text linear."""


def _clause_before(text: str, pos: int) -> str:
    """The part of the clause before ``pos``."""
    start = max(0, pos - _CLAUSE_WINDOW)
    for match in _CLAUSE_BREAK.finditer(text, start, pos):
        start = match.end()
    return text[start:pos]


def _last_word_is(clause: str, pattern: re.Pattern[str]) -> bool:
    words = _WORD.findall(clause)
    while words and _ADVERB.fullmatch(words[-1]):
        words.pop()
    return bool(words) and bool(pattern.fullmatch(words[-1]))


def _subject_is_person(item: _Text, pos: int) -> bool:
    """Whether the clause ending at ``pos`` has a person as its last word ("the reviewer")."""
    words = _WORD.findall(_clause_before(item.text, pos))
    while words and _ADVERB.fullmatch(words[-1]):
        words.pop()
    if not words:
        return False
    last, two = words[-1], " ".join(words[-2:])
    if _PERSON_WORD.fullmatch(last) or _PERSON_WORD.fullmatch(two):
        return True
    if last in FIRST_NAMES:
        return True
    return item.people is not None and bool(item.people.fullmatch(last))


def _spans(pattern: re.Pattern[str], text: str, group: int = 0) -> Iterator[Span]:
    for match in pattern.finditer(text):
        yield match.span(group)


# --- names ---------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


FIRST_NAMES = _wordset(
    """
    Aaron Adam Agnieszka Ahmet Alessandro Alexander Alexandra Alex Ali Alice Amanda Amelie Amy
    Ana Andrea Andreas Andrei Andrew Angela Angelika Anil Anja Anna Anne Annika Anton Antje Arjun
    Axel Aylin Ayşe Barbara Ben Benedikt Benjamin Bernd Bettina Birgit Björn Brian Brigitte
    Carina Carla Carlos Carl Carolin Caroline Catherine Charlotte Chidi Chloe Chris Christa Christian
    Christina Christine Christoph Christopher Clara Claudia Claire Cornelia Dagmar Dan Daniel
    Daniela Dave David Deniz Dennis Dieter Dirk Dmitri Dominik Doris Elena Elias Elif Elisabeth
    Elke Ella Emil Emilia Emily Emma Emre Eric Erik Erika Eva Fabian Fatima Fatma Felix Finn
    Florian Francesco Franziska Frieda Friedrich Gabriele Georg George Gerhard Gisela Giulia Greta
    Hakan Hannah Hanna Hans Harald Hassan Heike Heiko Helen Helena Helga Helmut Henry Hiroshi
    Holger Ida Igor Ines Ingo Ingrid Isabel Ivan James Jana Janina Jannik Jasmin Jason Jennifer
    Jenny Jens Jessica Jim Joe Johanna Johannes John Jonas Jonathan Jörg Joseph Joshua Julia
    Julian Juliane Julie Jürgen Jutta Kai Karen Karin Karl Kate Katarzyna Katharina Katherine
    Kathrin Katja Katrin Kenji Kerstin Kevin Klara Klaus Konstantin Lara Lars Laura Lea Lena Leon
    Leonie Leyla Linda Lisa Lucy Luis Lukas Lucas Luisa Maike Manfred Manuela Marcel Marco Marcus
    Marek Maren Maria Marie Marina Mario Marion Markus Marlene Martin Martina Mary Matthew Matthias
    Maximilian Mehmet Mei Melanie Mia Michael Michaela Michelle Miriam Monika Moritz Murat Mustafa
    Nadine Natalia Natalie Nathan Nicole Niklas Nils Nina Noah Norbert Olga Oliver Olivia Omar
    Oskar Özlem Pablo Pascal Patricia Patrick Paul Paula Pavel Peter Petra Philipp Piotr Priya
    Rachel Rahul Rainer Ralf Rebecca Renate Richard Robert Roland Rolf Ryan Sabine Samuel Sandra
    Sara Sarah Sebastian Selin Sergei Serkan Silke Simon Simone Sofia Sophia Sophie Stefan Stefanie
    Stephan Stephanie Steve Steven Susan Susanne Sven Svenja Tanja Theo Theresa Thomas Thorsten
    Tim Timo Tobias Tom Tomasz Tony Torsten Ulrike Ursula Ute Uwe Vanessa Vera Verena Volker
    Werner Wolfgang Yuki Yusuf Yvonne Zeynep
    """
)
"""Common first names that are not also ordinary words or product names (no Max, Mark, Will,
Ruby, Jan), so that a capitalised one in a cause is very likely a person."""

_NOT_NAMES = _wordset(
    """
    the a an this that these those it its we our they their he she his her you your i my
    who whom whose what which where how why there here if had has have so but and or not yes
    however therefore meanwhile later first next finally again still yet then
    nobody someone somebody everyone everybody anyone anybody none no one
    team teams support platform core service services system systems scheduler queue cron job
    jobs worker workers pipeline bot ops devops sre qa data customer customers incident lead
    on-call oncall monitoring alert alerts grafana pagerduty slack jira github gitlab jenkins
    kubernetes docker postgres redis kafka aws azure google cloud bank banks api stripe sparkasse
    finance accounting payroll export exports import imports billing sales legal compliance
    security product management manager engineering engineer engineers developer developers
    because root cause why when while after before during since then also only both each every
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december nothing something everything
    ci cd release releases deploy deployment config configuration database server tenant
    """
)
"""Words that start a sentence or name a team, tool or system: never a person."""

_NAME_TOKEN = re.compile(r"(?<![\w@/.-])([^\W\d_]+(?:-[^\W\d_]+)*)(?:['’]s\b)?")

_ERROR_VERBS = (
    r"(?:forgot|forgets|forget|mistyped|misread|misjudged|misconfigured|overlooked|neglected"
    r"|ignored|fat[- ]?fingered|skipped|accidentally|carelessly|inadvertently|mistakenly"
    r"|messed\s+up|screwed\s+up|broke|made\s+(?:a|an|the)\s+(?:\w+\s+)?(?:mistake|error|typo|slip)"
    r"|(?:did\s+not|didn['’]t|never|wasn['’]t|was\s+not)\s+(?:even\s+)?" + _DIDNT_VERBS + r"\w*"
    r"|(?:\w+ed|ran|chose|took|sent|set|put|wrote)\s+(?:the\s+|a\s+|an\s+)?wrong)\b"
)
"""What a person does wrong; after a role ("the admin mistyped") it makes the person the cause."""
_HUMAN_VERBS = r"(?:" + _ERROR_VERBS + r"|(?:approved|decided|clicked|typed|failed\s+to)\b)"
"""Error verbs plus verbs only people do: after an unknown capitalised word they mark a person."""
_AFTER_NAME_HUMAN = re.compile(r"\s+(?:\w+ly\s+)?" + _HUMAN_VERBS, _I)
_POSSESSIVE_BLAME = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:fault|mistake|typo|oversight|blunder|slip|carelessness)\b", _I
)
_BEFORE_NAME_BLAME = re.compile(
    r"(?:\bbecause(?:\s+of)?|\b(?:caused|triggered|introduced|broken|made|done|pushed|deployed"
    r"|written|merged|approved|changed|started)\s+by|\bblamed?\s+on|\bit\s+was|\bfault\s+of"
    r"|\b(?:mistake|error|slip)\s+(?:by|of))\s+$",
    _I,
)


def _name_tokens(name: str) -> list[str]:
    parts = [part.strip(".,()") for part in name.split()]
    return [
        part
        for part in parts
        if len(part) >= 3 and part.lower() not in _NOT_NAMES and part.lower() not in _PARTICLES
    ]


_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "zu", "da", "di", "le", "la", "al", "el", "bin"}
)


@lru_cache(maxsize=64)
def _people_pattern(people: frozenset[str]) -> re.Pattern[str] | None:
    """Full names and their parts, longest first, as whole words."""
    names: set[str] = set()
    for person in people:
        person = person.strip()
        if not person:
            continue
        names.add(person)
        names.update(_name_tokens(person))
    if not names:
        return None
    alternation = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def _looks_like_name(token: str) -> bool:
    return token.istitle() and token.lower() not in _NOT_NAMES and len(token) >= 2


def _named_person_spans(item: _Text) -> Iterator[Span]:
    text = item.text
    known: list[Span] = []
    if item.people is not None:
        known = [match.span() for match in item.people.finditer(text)]
    strict = item.kind in STRICT_CAUSE
    seen: set[int] = set()
    for start, end in known:
        if strict or _blaming_around(text, start, end):
            seen.add(start)
            yield start, end
    for match in _NAME_TOKEN.finditer(text):
        token = match.group(1)
        start, end = match.span(1)
        if start in seen or any(s <= start < e for s, e in known):
            continue
        if not _looks_like_name(token):
            continue
        if token in FIRST_NAMES and not _followed_by_capitalised(text, end):
            if strict or _blaming_around(text, start, end):
                yield start, end
        elif _blaming_after(text, end):
            # Any capitalised word that forgets, mistypes or is at fault is a person.
            yield start, end


def _followed_by_capitalised(text: str, end: int) -> bool:
    """``Paula Release`` or ``Emma-Bot`` are more likely product names than people."""
    match = re.match(r"[ -]([^\W\d_]+)", text[end : end + 30])
    if not match:
        return False
    word = match.group(1)
    return word[:1].isupper() and (not word.istitle() or word.lower() in _NOT_NAMES)


def _blaming_after(text: str, end: int) -> bool:
    return bool(_AFTER_NAME_HUMAN.match(text, end) or _POSSESSIVE_BLAME.match(text, end))


def _blaming_around(text: str, start: int, end: int) -> bool:
    # Skip the rest of a full name ("Lena Hoffmann forgot").
    tail = re.match(r"(?:\s+[^\W\d_]+(?:-[^\W\d_]+)*)?", text[end:])
    after = end + (tail.end() if tail and tail.group(0).strip().istitle() else 0)
    return (
        _blaming_after(text, end)
        or _blaming_after(text, after)
        or bool(_BEFORE_NAME_BLAME.search(text[max(0, start - 30) : start]))
    )


# --- who questions -------------------------------------------------------------------------

_WHO_BLAME_VERBS = (
    r"(?:broke|break|caused|cause|did|deployed|pushed|approved|forgot|missed|merged|changed|ran"
    r"|made|messed|screwed|let|signed|dropped|allowed|decided|touched|wrote|deleted|disabled"
    r"|removed|restarted|killed|turned|switched|ignored|skipped|overlooked|released|shipped"
    r"|committed|configured|misconfigured|introduced|should|(?:is|was|'s|’s)\s+(?:to\s+blame"
    r"|at\s+fault|responsible|accountable|behind))\b"
)
_WHO_AT_START = re.compile(
    r"(?:^|[.!?;:\n\"“(]\s*|\s[–—-]\s+)(?:(?:so|and|but|then|ok|okay|well|also|again|now)\s*,?\s+)?"
    r"\b(who(?:m|se)?|who['’]s)\b",
    _I,
)
_WHO_EMBEDDED = re.compile(
    r"\b(?:say|know|knew|ask|asks|asked|asking|wonder|wondered|wondering|determine|identify"
    r"|establish|clarify|clear|unclear|sure|idea|tell|remember|decide|investigate|question|matter"
    r"|(?:find|found|figure|figured|work|worked)\s+out)\s+(who)\s+" + _WHO_BLAME_VERBS,
    _I,
)
_WHOSE_BLAME = re.compile(
    r"\b(whose)\s+(?:fault|mistake|idea|call|decision|change|responsibility|doing)\b", _I
)
_WHO_AFTER_START = re.compile(r"\s*" + _WHO_BLAME_VERBS, _I)


def _who_question(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _WHO_AT_START.finditer(text):
        start, end = match.span(1)
        stop = _sentence_end(text, end)
        if (stop < len(text) and text[stop] == "?") or _WHO_AFTER_START.match(text, end):
            yield start, end
    yield from _spans(_WHO_EMBEDDED, text, 1)
    yield from _spans(_WHOSE_BLAME, text, 1)


# --- a person or "human error" as a cause --------------------------------------------------

_HUMAN_ERROR = re.compile(
    r"\b(?:human|operator|user|pilot|manual)\s+(?:error|mistake|failure|slip)s?\b|\bpebkac\b"
    r"|\bfat[- ]?finger(?:ed|ing|s)?\b|\blayer[- ]8\b",
    _I,
)
_PREVENTION_CUE = re.compile(
    r"\b(?:reduce[sd]?|reducing|avoid(?:s|ed)?|prevent(?:s|ed)?|eliminate[sd]?|remove[sd]?"
    r"|minimi[sz]e[sd]?|prone\s+to|risk\s+of|chance\s+of|room\s+for|guard(?:s)?\s+against"
    r"|regardless\s+of|despite|without|no|any)\s+(?:\w+\s+){0,2}$",
    _I,
)
_DETERMINER = r"(?:the|an?|one|our|some|that|this|their|a\s+single)"
_ROLE_ERROR = re.compile(
    rf"\b(?:{_DETERMINER}\s+)?{_ROLE}\b(?:\s+(?:on[- ]call|on\s+duty|in\s+charge))?\s+"
    rf"(?:\w+ly\s+)?{_ERROR_VERBS}",
    _I,
)
_ROLE_OWNED = re.compile(
    rf"\b(?:{_DETERMINER}\s+)?{_ROLE}['’]s?\s+(?:\w+\s+)?(?:mistake|error|fault|oversight|typo|slip)\b",
    _I,
)
_CAUSED_BY_ROLE = re.compile(
    rf"\b(?:caused|triggered|introduced|broken)\s+by\s+(?:{_DETERMINER}\s+)?{_ROLE}\b", _I
)
_PAST_ACTION = (
    r"(?!(?:needed|wanted|lacked|received|seemed|appeared|worked|used|supposed|paged|called"
    r"|notified|asked|told|assigned|based|located|scheduled|expected|allowed|required)\b)"
    r"(?:[a-z]+ed|ran|made|put|set|wrote|took|gave|sent|chose|broke|hit|let|began|drove|forgot"
    r"|left|kept|built|cut|shut|overrode|overwrote|undid|threw|read)\b"
)
_ROLE_ACTED = re.compile(
    rf"(?:^|\bbecause\s+|\bsince\s+|[:;,]\s*|\.\s+)((?:{_DETERMINER}\s+)?{_ROLE}\s+"
    rf"(?:\w+ly\s+)?{_PAST_ACTION})",
    _I,
)
"""In a why answer, "because the developer deployed …" makes a person the cause."""


def _human_error(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _HUMAN_ERROR.finditer(text):
        if not _PREVENTION_CUE.search(text[max(0, match.start() - 40) : match.start()]):
            yield match.span()
    yield from _spans(_ROLE_ERROR, text)
    yield from _spans(_ROLE_OWNED, text)
    yield from _spans(_CAUSED_BY_ROLE, text)
    if item.kind in (FieldKind.WHY, FieldKind.ROOT_CAUSE):
        yield from _spans(_ROLE_ACTED, text, 1)


# --- counterfactuals -----------------------------------------------------------------------

_SHOULD_HAVE = re.compile(
    r"\b(?:should(?:n['’]t|\s+not|\s+never)?|ought(?:n['’]t|\s+not)?\s+to|must(?:n['’]t|\s+not))"
    rf"\s+(?:(?:really|just|at\s+least|already)\s+)?have\s+({_PARTICIPLE})"
    rf"|\bshould['’]ve\s+({_PARTICIPLE})",
    _I,
)
_MET_EXPECTATION = re.compile(
    r"\b(?:and|which|as)\s+(?:it\s+|they\s+)?did\b|\bas\s+(?:designed|expected|planned|intended)\b",
    _I,
)
_HINDSIGHT_AFTER_SHOULD = re.compile(
    r"been\s+(?:clear|obvious|evident|apparent|foreseen|predictable)|known|foreseen", _I
)
_COULD_HAVE = re.compile(rf"\bcould(?:\s+have|['’]ve)\s+({_PARTICIPLE})", _I)
_FAILED_TO = re.compile(r"\b(?:failed|fails|failing|neglected|neglects)\s+to\s+(\w[\w-]*)", _I)
_ATTENTION_VERB = re.compile(_ATTENTION_VERBS + r"$", _I)
_ATTENTION_PARTICIPLE = re.compile(_ATTENTION_PARTICIPLES + r"$", _I)
_PERCEPTION_PARTICIPLE = re.compile(_PERCEPTION_PARTICIPLES + r"$", _I)
_ALWAYS_COUNTERFACTUAL = re.compile(
    r"\b(?:did\s+not|didn['’]t|couldn['’]t\s+be|could\s+not\s+be)\s+(?:even\s+)?bother(?:ed)?\b"
    r"|\b(?:nobody|no[- ]one|none\s+of\s+(?:us|them)|never)\s+(?:even\s+)?bothered\b"
    r"|\bif\s+only\b"
    r"|\b(?:should|could|ought\s+to)(?:n['’]t|\s+not)?\s+have(?=\s*(?:[.!;,)]|$))",
    _I,
)
_CONDITIONAL = re.compile(
    rf"\bif\s+(?:{_DETERMINER}\s+)?((?:[\w-]+\s+)?[\w-]+)\s+had(?:n['’]t)?"
    rf"\s+(?:just\s+|only\s+|not\s+|even\s+)?{_PARTICIPLE}"
    rf"|(?:^|[.;:!?]\s*)(had(?:n['’]t)?\s+(?:{_DETERMINER}\s+)?((?:[\w-]+\s+)?[\w-]+)"
    rf"\s+(?:just\s+|only\s+|not\s+|even\s+)?{_PARTICIPLE})",
    _I,
)
""""If the engineer had read …", "Had anyone looked …": a world where a person acted otherwise."""


def _conditional_spans(item: _Text) -> Iterator[Span]:
    for match in _CONDITIONAL.finditer(item.text):
        subject = match.group(1) or match.group(3)
        words = subject.split()
        if (
            _PERSON_WORD.fullmatch(words[-1])
            or _PERSON_WORD.fullmatch(subject)
            or any(
                word in FIRST_NAMES or (item.people is not None and item.people.fullmatch(word))
                for word in words
            )
        ):
            yield match.span() if match.group(1) else match.span(2)


def _counterfactual(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _SHOULD_HAVE.finditer(text):
        participle_at = match.start(1) if match.group(1) else match.start(2)
        if _HINDSIGHT_AFTER_SHOULD.match(text, participle_at):
            continue  # "should have been obvious" is hindsight, reported as such
        if _MET_EXPECTATION.search(text, match.end(), _sentence_end(text, match.end())):
            continue  # "should have failed over and did": an expectation that was met
        yield match.span()
    for match in _COULD_HAVE.finditer(text):
        # "could have caught" is a counterfactual; "could have been affected" is a risk, and
        # "nobody could have known" argues against hindsight.
        before = _clause_before(text, match.start())
        if _NEGATED_SUBJECT.search(before):
            continue
        if _ATTENTION_PARTICIPLE.match(match.group(1)) or (
            _PERCEPTION_PARTICIPLE.match(match.group(1)) and _last_word_is(before, _RESPONDER)
        ):
            yield match.span()
    for match in _FAILED_TO.finditer(text):
        if _ATTENTION_VERB.match(match.group(1)) or _subject_is_person(item, match.start()):
            yield match.span()
    yield from _spans(_ALWAYS_COUNTERFACTUAL, text)
    yield from _conditional_spans(item)


# --- hindsight -----------------------------------------------------------------------------

_OBVIOUS = re.compile(r"\bobvious(?:ly|ness)?\b", _I)
_NOT_BEFORE = re.compile(
    r"(?:\bnot|n['’]t|\bnon-|\bnever|\bhardly|\bfar\s+from|\banything\s+but)\s*(?:\w+\s+)?$", _I
)
_CLEARLY = re.compile(r"\bclearly\b", _I)
_MANNER = re.compile(
    r"\s+(?:visible|readable|legible|label(?:l)?ed|marked|documented|describ\w*|defin\w*|stat\w*"
    r"|written|explain\w*|separat\w*|communicat\w*|worded|signposted|structured|formatted|named"
    r"|highlighted|laid|shown|say\w*|said|tell\w*|told|mention\w*|specif\w*|list\w*|audible"
    r"|distinguishable|different|separate|understandable|spell\w*|articulat\w*|express\w*)\b",
    _I,
)
_MANNER_VERB_BEFORE = re.compile(
    r"\b(?:state[sd]?|explain(?:s|ed)?|say[s]?|said|communicat\w+|write[s]?|wrote|written"
    r"|speak[s]?|spoke|spoken|tell[s]?|told|inform(?:s|ed)?|show[sn]?|showed|present(?:s|ed)?"
    r"|label(?:l)?ed|mark(?:s|ed)?|describe[sd]?|defined|document(?:s|ed)?|separated|worded"
    r"|visible|displayed|laid\s+out|set\s+out|spelled\s+out)\s+(?:\w+\s+)?$",
    _I,
)
"""A verb of telling or showing before "clearly" makes it describe the manner, not hindsight."""
_HINDSIGHT_PHRASES = re.compile(
    r"\b(?:in|with)\s+(?:the\s+benefit\s+of\s+)?hindsight\b|\bin\s+retrospect\b"
    r"|\bshould(?:\s+have|['’]ve)\s+(?:been\s+(?:clear|evident|apparent|foreseen|predictable)"
    r"|known|foreseen|seen\s+(?:it|this|that)\s+coming)\b"
    r"|\b(?:anyone|anybody|everyone|any\s+(?:\w+\s+)?(?:engineer|developer|accountant|person))"
    r"\s+(?:could|would|should)\s+have\s+(?:seen|known|told|noticed|predicted|guessed|spotted)\b"
    r"|\b(?:warning\s+)?signs\s+were\s+(?:all\s+)?there\b|\bsaw\s+(?:it|this)\s+coming\b"
    r"|\bof\s+course\b|\bno[- ]brainer\b|\bit\s+goes\s+without\s+saying\b"
    r"|\b(?:everyone|everybody)\s+knows\b|\b(?:was|were)\s+(?:predictable|foreseeable)\b",
    _I,
)


def _hindsight(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _OBVIOUS.finditer(text):
        if not _NOT_BEFORE.search(text[max(0, match.start() - 25) : match.start()]):
            yield match.span()
    for match in _CLEARLY.finditer(text):
        start, end = match.span()
        rest = text[end:]
        if re.match(r"\s*,", rest) and not _clause_before(text, start).strip():
            yield start, end  # "Clearly, …" opening a sentence
        elif not re.match(r"\s+\w", rest):
            continue  # "… states the due date clearly." describes the manner
        elif _MANNER.match(rest) or _MANNER_VERB_BEFORE.search(text[max(0, start - 40) : start]):
            continue  # "clearly visible", "explained clearly to"
        else:
            yield start, end
    yield from _spans(_HINDSIGHT_PHRASES, text)


# --- character judgements ------------------------------------------------------------------

_CHARACTER = re.compile(
    r"\b(?:careless(?:ly|ness)?|lazy|laziness|lazily|incompetent(?:ly)?|incompetence|sloppy"
    r"|sloppily|sloppiness|negligent(?:ly)?|negligence|reckless(?:ly|ness)?|stupid(?:ity|ly)?"
    r"|dumb|idiot(?:ic|s)?|clueless|irresponsible|irresponsibly|irresponsibility|unprofessional"
    r"|amateurish|inattentive|thoughtless(?:ly|ness)?|slapdash|half-assed|lackadaisical)\b",
    _I,
)
_TECHNICAL_LAZY = re.compile(
    r"[-\s](?:load\w*|eval\w*|init\w*|import\w*|iterat\w*|fetch\w*|quer\w*|sequence|propert\w*"
    r"|list|collection|val|values?|mode|binding|instantiat\w*|singleton|computed|evaluated)\b",
    _I,
)
_LEGAL_NEGLIGENCE = re.compile(r"\bgross\s+$", _I)
_DUMB_DEVICE = re.compile(r"\s+(?:terminal|pipe|client|switch)s?\b", _I)


def _character(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _CHARACTER.finditer(text):
        word = match.group(0).lower()
        start, end = match.span()
        if word.startswith("laz") and _TECHNICAL_LAZY.match(text, end):
            continue
        if word.startswith("neglig") and _LEGAL_NEGLIGENCE.search(text[max(0, start - 10) : start]):
            continue
        if word == "dumb" and _DUMB_DEVICE.match(text, end):
            continue
        yield start, end


# --- fix-the-human actions -----------------------------------------------------------------

_FIX_HUMAN = re.compile(
    r"\bbe(?:ing)?\s+(?:more|extra|very|especially|really|much\s+more)\s+"
    r"(?:careful|vigilant|attentive|diligent|thorough|cautious)\b"
    r"|\bbe\s+careful\b"
    r"|\btake\s+(?:more|extra|greater|better)\s+care\b"
    r"|\bpay(?:ing)?\s+(?:more\s+|closer\s+|extra\s+|better\s+|close\s+)?attention\b"
    r"|\btry(?:ing)?\s+harder\b|\bthink\s+twice\b"
    r"|\b(?:more|extra|greater)\s+(?:vigilance|diligence|attentiveness)\b"
    r"|\bremember(?:s|ing)?\s+to\b|\b(?:don['’]t|do\s+not|never)\s+forget\b|\bnot\s+to\s+forget\b"
    r"|\b(?:remind|reminding|urge|urging|encourage|encouraging)\s+(?:[\w-]+\s+){1,3}"
    r"(?:to|about|of)\b"
    r"|\b(?:tell|telling|ask|asking|instruct|instructing)\s+(?:[\w-]+\s+){1,3}to\s+"
    r"(?:always\s+|not\s+|never\s+)?(?:be\b|pay\b|double-check|remember\b|take\s+(?:more\s+"
    r"|extra\s+)?care|watch\s+out|make\s+sure|stick\s+to|read\s+the\s+(?:runbook|docs|manual)"
    r"|follow\s+the\s+(?:process|runbook|checklist|procedure))"
    r"|\b(?:send\s+(?:a\s+)?)?reminders?\s+(?:to|for)\s+(?:all|everyone|everybody|the\s+team"
    r"|engineers|developers|staff|accountants)\b"
    r"|\bdouble[- ]check(?:ing|ed|s)?\b(?:\s+[\w-]+){0,6}?\s+manually\b"
    r"|\bmanual(?:ly)?\s+double[- ]check\w*"
    r"|\b(?:re-?educate|reinforce\s+(?:the\s+)?(?:rules|process|training))\b"
    r"|\b(?:follow|stick\s+to)\s+the\s+(?:process|runbook|checklist|procedure)s?\s+"
    r"(?:more\s+)?(?:carefully|closely|properly|strictly|correctly)\b"
    r"|\b(?:read|review|check)\s+(?:[\w-]+\s+){0,3}more\s+carefully\b",
    _I,
)
_RETRAIN = re.compile(r"\bre-?train(?:s|ed|ing)?\b", _I)
_MODEL_OBJECT = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:model|models|classifier|detector|network|embeddings?|algorithm"
    r"|predictor|ranker|forecast\w*|ml|llm|regression|estimator)\b",
    _I,
)


def _fix_the_human(item: _Text) -> Iterator[Span]:
    text = item.text
    yield from _spans(_FIX_HUMAN, text)
    for match in _RETRAIN.finditer(text):
        if not _MODEL_OBJECT.match(text, match.end()):
            yield match.span()


# --- vague actions -------------------------------------------------------------------------

_VAGUE_VERBS = (
    r"improve|enhance|look\s+into|investigate|consider|explore|revisit|reconsider|rethink"
    r"|work\s+on|optimi[sz]e|strengthen|harden|clean\s+up|tidy\s+up|stabili[sz]e|review"
    r"|evaluate|assess|analy[sz]e|check\s+on"
)
_WHO_WILL = r"(?:(?:we|the\s+team|team|[\w-]+)\s+(?:should|must|will|need\s+to|to)\s+)?"
_VAGUE_VERB_AT_CLAUSE = re.compile(
    rf"(?:^|[.;:]\s*)\s*{_WHO_WILL}\b({_VAGUE_VERBS}|address)\b"
    rf"|(?:\band\s+|\bthen\s+|,\s*)\b({_VAGUE_VERBS})\b",
    _I,
)
"""A vague verb leading a clause; "address" only leading the action ("address fields" is a noun)."""
_VAGUE_PHRASE = re.compile(
    r"\bbetter\s+(?:monitoring|alerting|alerts|testing|tests|logging|documentation|docs"
    r"|communication|observability|visibility|process(?:es)?|tooling|coordination|handovers?"
    r"|oversight|error\s+handling|quality)\b"
    r"|\bmore\s+(?:robust|reliable|resilient|stable|stability|secure|scalable|tests|testing"
    r"|monitoring|alerts|alerting|documentation|logging|checks|communication|awareness"
    r"|visibility|observability|proactive)\b"
    r"|\bincrease\s+(?:the\s+)?(?:test\s+)?(?:coverage|monitoring|observability|visibility"
    r"|awareness|resilience|robustness|reliability|stability)\b"
    r"|\b(?:ensure|make\s+sure)\s+(?:that\s+)?(?:this|it|such\s+\w+|similar\s+\w+|the\s+issue)"
    r"\s+(?:does\s+not|doesn['’]t|won['’]t|will\s+not|never|cannot|can['’]t)\s+"
    r"(?:happen|occur|recur)\w*(?:\s+again)?"
    r"|\bprevent\s+(?:this|it|similar\s+(?:incidents|issues|problems|outages)|recurrence"
    r"|(?:such|these)\s+(?:incidents|issues))\b(?:\s+from\s+happening)?(?:\s+again)?"
    r"|\bavoid\s+(?:this|similar\s+(?:incidents|issues|problems))(?:\s+in\s+(?:the\s+)?future)?"
    r"|\bkeep\s+an\s+eye\s+on\b|\bmonitor\s+(?:[\w-]+\s+){0,4}more\s+closely\b",
    _I,
)
_MEASURABLE = re.compile(
    r"\d|%|\b(?:percent|per\s+cent|zero|under|below|above|within|at\s+least|at\s+most"
    r"|less\s+than|fewer\s+than|no\s+more\s+than|no\s+later\s+than|until|so\s+that|such\s+that"
    r"|done\s+when|measured\s+by|p\d\d|slo|sla|deadline)\b",
    _I,
)


def _vague_action(item: _Text) -> Iterator[Span]:
    text = item.text
    if _MEASURABLE.search(text):
        return
    for match in _VAGUE_VERB_AT_CLAUSE.finditer(text):
        yield match.span(1) if match.group(1) else match.span(2)
    yield from _spans(_VAGUE_PHRASE, text)


# --- the rules -----------------------------------------------------------------------------


_STEM = 4
_ASCII_WORD = re.compile(r"[a-z]+")


def _trigger(words: str) -> frozenset[str]:
    return frozenset(word[:_STEM] for word in words.split())


def _stems(lowered: str) -> frozenset[str]:
    return frozenset(word[:_STEM] for word in _ASCII_WORD.findall(lowered))


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="who-question",
            title="“Who” question",
            message="Asking who did it looks for someone to blame, and people stop talking.",
            reframe="Ask what or how: “What made this step possible?”, “How did the change reach production?”",
            kinds=ALL_KINDS - {FieldKind.ACTION},
            detect=_who_question,
            trigger=_trigger("who whom whose"),
        ),
        Rule(
            id="human-error-cause",
            title="Person or human error as a cause",
            message="A person or “human error” is given as the cause; that is where the inquiry should start, not end.",
            reframe="Describe the condition that made the slip easy or let it through: a missing check, a confusing screen, time pressure, an outdated runbook.",
            kinds=CAUSE_KINDS,
            detect=_human_error,
            trigger=None,  # cause fields are few; the detector looks at every clause
        ),
        Rule(
            id="named-person-cause",
            title="Named person in a cause",
            message="A named person appears in a cause; causes are conditions in the system, not individuals.",
            reframe="Name the step, role or tool instead (“the deploy step”, “the on-call”) and ask what made the action reasonable at the time.",
            kinds=CAUSE_KINDS,
            detect=_named_person_spans,
            trigger=None,
        ),
        Rule(
            id="counterfactual",
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
            title="Hindsight",
            message="Hindsight: it looks obvious now that we know the outcome; it was not at the time.",
            reframe="Describe what the people involved could see at that moment and why other signals seemed more pressing.",
            # In what went well and where we got lucky, "obviously" judges no decision.
            kinds=ALL_KINDS - {FieldKind.ACTION, FieldKind.WENT_WELL, FieldKind.LUCKY},
            detect=_hindsight,
            trigger=_trigger(
                "obvious clearly hindsight retrospect should seen known told noticed predicted "
                "guessed spotted signs coming course brainer saying knows predictable foreseeable"
            ),
        ),
        Rule(
            id="character-judgement",
            title="Character judgement",
            message="A judgement of someone's character explains nothing and makes people defensive.",
            reframe="Describe the behaviour and its circumstances: workload, tools, the information available then.",
            kinds=ALL_KINDS,
            detect=_character,
            trigger=_trigger(
                "careless lazy lazily laziness incompetent slopp sloppily negligent reckless "
                "stupid dumb idiot clueless irresponsible unprofessional amateurish inattentive "
                "thoughtless slapdash half lackadaisical"
            ),
        ),
        Rule(
            id="fix-the-human",
            title="Fix-the-human action",
            message="This asks people to try harder; good intentions do not survive the next busy night.",
            reframe="Change the system so the slip is hard to make or caught automatically: a guard rail, a default, a check in the pipeline.",
            kinds=frozenset({FieldKind.ACTION, FieldKind.LESSON, FieldKind.OTHER}),
            detect=_fix_the_human,
            trigger=_trigger(
                "careful vigilant attention diligence thorough cautious care harder twice "
                "remember forget remind tell telling ask asks asking instruct urge urging "
                "encourage double manual train retrain educate reinforce follow stick reminder"
            ),
        ),
        Rule(
            id="vague-action",
            title="Vague action",
            message="This action has no measurable end, so nobody can tell when it is done.",
            reframe="Say what exactly changes and how you will know: a threshold, a date, a test, or fill in “done when”.",
            kinds=frozenset({FieldKind.ACTION}),
            detect=_vague_action,
            trigger=_trigger(
                "improve enhance look investigate consider explore revisit reconsider rethink "
                "work address optimise strengthen harden clean tidy stabilise review evaluate "
                "assess analyse check better more increase ensure sure prevent avoid keep monitor"
            ),
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


# --- checking ------------------------------------------------------------------------------


def check_text(text: str, kind: FieldKind, people: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings for one text in a field of ``kind``, sorted by position.

    ``people`` are names the workspace knows (see `people_in`); a known name in a cause is a
    finding even when it is not a common first name.
    """
    return _check(text, FieldKind(kind), _people_pattern(frozenset(people)))


def _check(
    text: str,
    kind: FieldKind,
    people: re.Pattern[str] | None,
    *,
    skip: frozenset[str] = frozenset(),
    use_triggers: bool = True,
) -> list[Finding]:
    if not text or text.isspace():
        return []
    item = _Text(text, kind, people)
    stems = _stems(text.lower()) if use_triggers else frozenset()
    kind_trigger = _KIND_TRIGGERS[kind]
    if use_triggers and kind_trigger is not None and kind_trigger.isdisjoint(stems):
        return []
    findings: list[Finding] = []
    for rule in _RULES_BY_KIND[kind]:
        if rule.id in skip:
            continue
        if use_triggers and rule.trigger is not None and rule.trigger.isdisjoint(stems):
            continue
        for start, end in _merged(rule.detect(item), len(text)):
            findings.append(Finding(rule.id, rule.message, rule.reframe, start, end))
    hindsight = [(f.start, f.end) for f in findings if f.rule == "hindsight"]
    if hindsight:
        findings = [
            f
            for f in findings
            if f.rule != "counterfactual"
            or not any(s < f.end and f.start < e for s, e in hindsight)
        ]
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return findings


def _merged(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans clipped to the text, with overlapping ones of the same rule joined."""
    merged: list[Span] = []
    for start, end in sorted((max(0, min(s, length)), max(0, min(e, length))) for s, e in spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_TEAM_WORDS = _NOT_NAMES | _wordset(
    """
    commander lead leads owner owners guild group squad tribe chapter office desk bot bots
    on-call rota rotation firm firms client clients vendor partner agency
    """
)
_NAME_PART = re.compile(r"^(?:[^\W\d_]\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*)$")


def _person_name(candidate: str) -> str | None:
    """``candidate`` when it looks like a person's name ("Lena Hoffmann", "Jenny"), else None."""
    name = re.sub(r"\s*\([^)]*\)", "", candidate).strip().strip(".,;:")
    parts = name.split()
    if not parts or len(parts) > 4:
        return None
    if any(not _NAME_PART.match(part) for part in parts):
        return None
    words = [part for part in parts if part.lower() not in _PARTICLES]
    if not words or any(word.lower() in _TEAM_WORDS for word in words):
        return None
    if any(not (word.istitle() or re.fullmatch(r"[^\W\d_]\.", word)) for word in words):
        return None
    if len(words) == 1:
        return name if words[0] in FIRST_NAMES else None
    return name


_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bund\b)\s*")


def people_in(ws: Workspace) -> frozenset[str]:
    """Names of people the workspace mentions as authors, action owners or timeline actors."""
    candidates: list[str] = list(ws.metadata.authors)
    candidates += [action.owner for action in ws.actions]
    candidates += [event.actor for event in ws.timeline]
    candidates += [lesson.shared_with for lesson in ws.lessons]
    names: set[str] = set()
    for candidate in dict.fromkeys(candidates):  # 2,000 events share few actors
        for part in _LIST_SEPARATORS.split(candidate or ""):
            name = _person_name(part)
            if name:
                names.add(name)
    return frozenset(names)


def _fields(ws: Workspace) -> Iterator[tuple[str, FieldKind, str, frozenset[str]]]:
    """Every free-text field: (path, kind, text, rules not to apply there)."""
    meta = ws.metadata
    yield "metadata.title", FieldKind.SUMMARY, meta.title, frozenset()
    yield "metadata.what_happened", FieldKind.SUMMARY, meta.what_happened, frozenset()
    yield "metadata.executive_summary", FieldKind.SUMMARY, meta.executive_summary, frozenset()
    for name in IMPACT_TEXT_FIELDS:
        yield f"impact.{name}", FieldKind.OTHER, getattr(ws.impact, name), frozenset()
    for event in ws.timeline:
        yield f"timeline.{event.id}.text", FieldKind.TIMELINE, event.text, frozenset()
    yield "whys.symptom", FieldKind.SYMPTOM, ws.whys.symptom, frozenset()
    for node in ws.whys.nodes:
        kind = FieldKind.ROOT_CAUSE if node.id == ws.whys.root_cause else FieldKind.WHY
        yield f"whys.{node.id}.answer", kind, node.answer, frozenset()
    yield (
        "whys.root_cause_statement",
        FieldKind.ROOT_CAUSE,
        ws.whys.root_cause_statement,
        frozenset(),
    )
    for factor in ws.factors:
        yield f"factors.{factor.id}.factor", FieldKind.FACTOR, factor.factor, frozenset()
        yield f"factors.{factor.id}.how", FieldKind.FACTOR, factor.how, frozenset()
    for collection, kind in (
        ("went_well", FieldKind.WENT_WELL),
        ("went_poorly", FieldKind.WENT_POORLY),
        ("lucky", FieldKind.LUCKY),
    ):
        for note in getattr(ws, collection):
            yield f"{collection}.{note.id}.text", kind, note.text, frozenset()
    for action in ws.actions:
        # A filled-in "done when" is the measurable end the action text itself may lack.
        skip = frozenset({"vague-action"}) if action.done_when.strip() else frozenset()
        yield f"actions.{action.id}.action", FieldKind.ACTION, action.action, skip
        yield f"actions.{action.id}.done_when", FieldKind.ACTION, action.done_when, frozenset()
    for lesson in ws.lessons:
        yield f"lessons.{lesson.id}.lesson", FieldKind.LESSON, lesson.lesson, frozenset()
    for check in ws.compliance.checks:
        yield f"compliance.{check.id}.note", FieldKind.OTHER, check.note, frozenset()
    yield "notes", FieldKind.OTHER, ws.notes, frozenset()


def check_workspace(ws: Workspace) -> list[FieldFinding]:
    """Findings over every text field, in document order, minus the dismissed ones."""
    people = _people_pattern(people_in(ws))
    dismissed = {(dismissal.rule, dismissal.field) for dismissal in ws.dismissals}
    results: list[FieldFinding] = []
    for path, kind, text, skip in _fields(ws):
        for finding in _check(text, kind, people, skip=skip):
            if (finding.rule, path) not in dismissed:
                results.append(FieldFinding(path, kind, finding))
    return results


def text_fields(ws: Workspace) -> list[tuple[str, FieldKind, str]]:
    """Every text field the coach checks, in document order: (path, kind, text)."""
    return [(path, kind, text) for path, kind, text, _skip in _fields(ws)]


def check_field(ws: Workspace, field: str, text: str | None = None) -> list[Finding]:
    """Findings for one field path of ``ws``, as `check_workspace` reports them there.

    ``text`` checks a draft (what is being typed) instead of the stored value, so an editor can
    show findings before the edit is committed. An unknown path gives no findings.
    """
    for path, kind, stored, skip in _fields(ws):
        if path == field:
            dismissed = {d.rule for d in ws.dismissals if d.field == field}
            findings = _check(
                stored if text is None else text, kind, _people_pattern(people_in(ws)), skip=skip
            )
            return [finding for finding in findings if finding.rule not in dismissed]
    return []
