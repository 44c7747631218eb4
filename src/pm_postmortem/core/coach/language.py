"""What every detector shares: the text it reads, the kinds of field, people and clauses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pm_postmortem.core.findings import FieldKind

Span = tuple[int, int]


@dataclass(frozen=True)
class _Text:
    """What a detector sees: the text, its kind and the people the workspace knows."""

    text: str
    kind: FieldKind
    people: re.Pattern[str] | None
    stems: frozenset[str] | None = None
    """The four-letter stems of the text's words (see `stems_of`); None: run every pattern."""

    def may_hold(self, stems: frozenset[str]) -> bool:
        """Whether a pattern that needs one of ``stems`` can match at all (a cheap pre-check)."""
        return self.stems is None or not stems.isdisjoint(self.stems)


STEM = 4
_ASCII_WORD = re.compile(r"[a-z]+")


def stems_of(words: str) -> frozenset[str]:
    """The stems a set of trigger words stands for."""
    return frozenset(word[:STEM] for word in words.split())


def text_stems(lowered: str) -> frozenset[str]:
    """The stems of the words of a (lower-cased) text."""
    return frozenset(word[:STEM] for word in _ASCII_WORD.findall(lowered))


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

_HARM = re.compile(
    r"\b(?:outage|blackout|incident|failure|crash|disruption|problem|fire|loss|error|errors|damage"
    r"|breach|leak|downtime|meltdown|chaos|accident)\b",
    _I,
)
"""What harm is called: "triggered by" someone is blame only when what was triggered is harm."""

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
    Abigail Alan Albert Alicia Allison Amber Andy Angie Ann Anthony Arthur Ashley Barry Beth
    Betty Bob Bobby Brad Brandon Brenda Bruce Bryan Carol Carolyn Cheryl Cindy Craig Cynthia
    Dana Danielle Darren Deborah Debbie Diana Diane Donald Donna Doug Douglas Dylan Eddie Edward
    Eileen Eleanor Ellen Eugene Evelyn Frank Gary Gemma Gloria Greg Gregory Hailey Harold Harry
    Heather Irene Isaac Jack Jacob Jake Jane Janet Jared Jeff Jeffrey Jeremy Jerry Jesse Jill Joan
    Joanna Jordan Josh Joyce Judith Judy Justin Kathy Keith Kelly Ken Kenneth Kim Kyle Larry Lauren
    Leah Lily Lisa Lori Louise Luke Maggie Marcia Margaret Marilyn Martha Megan Melissa Mike Molly
    Nancy Nick Nicholas Norman Pamela Pat Peggy Phil Phillip Rachael Ralph Randy Raymond Rebekah
    Rick Ricky Rob Rodney Roger Ron Ronald Rose Roy Russell Ruth Sally Sam Samantha Scott Sean
    Shannon Sharon Shirley Stacy Stan Stanley Stuart Tammy Teresa Terry Tiffany Todd Tracy Travis
    Tyler Valerie Victor Victoria Vincent Walter Wayne Wendy Zachary Zoe Jan Dave Dana
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
        elif _POSSESSIVE_BLAME.match(text, end) or (
            not _opens_sentence(text, start) and _AFTER_NAME_HUMAN.match(text, end)
        ):
            # Any capitalised word that forgets, mistypes or is at fault is a person; the first
            # word of a sentence has a capital anyway ("Symptom typed in a burst").
            yield start, end


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n])[\s\"“‘'(*-]*$")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence (or of a line, or after a colon)."""
    return bool(_SENTENCE_OPENING.search(text, max(0, start - 12), start))


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
