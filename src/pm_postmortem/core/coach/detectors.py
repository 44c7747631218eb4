"""The first detectors: who questions, human error, counterfactuals, hindsight, character,
fix-the-human and vague actions, each tuned to keep ordinary descriptions of work quiet."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pm_postmortem.core.coach.language import (
    _ATTENTION_PARTICIPLES,
    _ATTENTION_VERBS,
    _ERROR_VERBS,
    _HARM,
    _I,
    _NEGATED_SUBJECT,
    _PARTICIPLE,
    _PERCEPTION_PARTICIPLES,
    _PERSON_WORD,
    _RESPONDER,
    _ROLE,
    FIRST_NAMES,
    Span,
    _clause_before,
    _last_word_is,
    _sentence_end,
    _spans,
    _subject_is_person,
    _Text,
    stems_of,
)
from pm_postmortem.core.findings import FieldKind

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
_WHO_NEUTRAL = re.compile(
    r"\s+(?:owns|maintains|leads|knows|can|will|is\s+on[- ]?call|is\s+the\s+owner|has\s+access"
    r"|needs\s+to\s+know|should\s+(?:own|lead|follow\s+up|be\s+told|be\s+informed))\b",
    _I,
)


def _who_question(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _WHO_AT_START.finditer(text):
        start, end = match.span(1)
        stop = _sentence_end(text, end)
        if _WHO_NEUTRAL.match(text, end):
            continue  # "Who owns the billing dashboard?" asks for an owner, not a culprit
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
_CAUSE_DETERMINER = r"(?:the|an?|one|our|some|that|this|their|his|her|my|your|a\s+single)"
_ROLE_ERROR = re.compile(
    rf"\b(?:{_DETERMINER}\s+)?{_ROLE}\b(?:\s+(?:on[- ]call|on\s+duty|in\s+charge))?\s+"
    rf"(?:\w+ly\s+)?{_ERROR_VERBS}(?!\s+(?:ahead|no|none|nothing)\b)",
    _I,
)
_ROLE_OWNED = re.compile(
    rf"\b(?:{_DETERMINER}\s+)?{_ROLE}['’]s?\s+(?:\w+\s+)?(?:mistake|error|fault|oversight|typo|slip"
    r"|blunder|carelessness|negligence|screw-?up|goof|misstep|lapse)\b",
    _I,
)
_CAUSED_BY_ROLE = re.compile(
    rf"\b(?:caused|triggered|introduced|broken)\s+by\s+(?:{_DETERMINER}\s+)?{_ROLE}\b", _I
)
_PAST_ACTION = (
    r"(?!(?:needed|need|wanted|lacked|received|seemed|appeared|worked|used|supposed|paged|called"
    r"|notified|asked|told|assigned|based|located|scheduled|expected|allowed|required)\b)"
    r"(?:[a-z]+ed|ran|made|put|set|wrote|took|gave|sent|chose|broke|hit|let|began|drove|forgot"
    r"|left|kept|built|cut|shut|overrode|overwrote|undid|threw|read)\b"
)
_BELIEF = (
    r"(?:thought|believed|assumed|felt|figured|(?:did|does|do)(?:\s+not|n['’]t)\s+(?:believe"
    r"|care|want|think|bother|trust|like|see\s+the\s+(?:need|point)))\b"
)
"""What a person thought or did not care for: in a why answer, their mind given as the cause."""
_ROLE_ACTED = re.compile(
    rf"(?:^|\bbecause\s+|\bsince\s+|[:;,]\s*|\.\s+)((?:{_CAUSE_DETERMINER}\s+)?"
    rf"(?:{_ROLE}|managers?|boss|bosses|supervisors?|workers?|leads?)\s+"
    rf"(?:\w+ly\s+)?(?:{_PAST_ACTION}|{_BELIEF}))",
    _I,
)
"""In a why answer, "because the developer deployed …" makes a person the cause."""


_GENERIC_HUMAN = re.compile(r"(?:very|so|all\s+too|perfectly|understandably|only)\s+$")
"""Human as in "a very human mistake": a statement about people in general, not a cause."""
_GENERAL_STATEMENT = re.compile(r"\s+(?:are|will|happen|occur)\b", _I)


def _human_error(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _HUMAN_ERROR.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _PREVENTION_CUE.search(before) or _GENERIC_HUMAN.search(before.lower()):
            continue
        if match.group(0).endswith("s") and _GENERAL_STATEMENT.match(text, match.end()):
            continue  # "human mistakes are inevitable"
        yield match.span()
    yield from _spans(_ROLE_ERROR, text)
    yield from _spans(_ROLE_OWNED, text)
    for match in _CAUSED_BY_ROLE.finditer(text):
        if match.group(0).lower().startswith("caused") or _HARM.search(
            text, max(0, match.start() - 60), match.start()
        ):
            yield match.span()  # a failover "triggered by the on-call engineer" is the work
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
_EXPECTATION_BEFORE = re.compile(r"\b(?:what|which)\s+$", _I)
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
        if _EXPECTATION_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            continue  # "what should have been a routine script": what was expected
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
_WAY_FORWARD = re.compile(
    r"\s+(?:learning|lessons?|next\s+steps?|first\s+steps?|fix(?:es)?|improvements?|choices?"
    r"|candidates?|solutions?|remed(?:y|ies)|answers?|benefits?|advantages?|way\s+forward"
    r"|follow-?ups?)\b",
    _I,
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
    r"|\b(?:warning\s+)?signs\s+(?:were|had\s+been|have\s+been)\s+(?:all\s+)?there\b"
    r"|\bsaw\s+(?:it|this)\s+coming\b"
    r"|\bno[- ]brainer\b|\bit\s+goes\s+without\s+saying\b"
    r"|\b(?:everyone|everybody)\s+(?:knows|knew)\b"
    r"|\b(?:was|were|is)\s+(?:\w+ly\s+)?(?:predictable|foreseeable)\b",
    _I,
)


_OF_COURSE = re.compile(r"\bof\s+course\b", _I)
_JUDGING_KINDS = frozenset(
    {FieldKind.WHY, FieldKind.ROOT_CAUSE, FieldKind.FACTOR, FieldKind.WENT_POORLY, FieldKind.LESSON}
)
"""Where "of course" judges a cause in hindsight; in a story it is only a turn of phrase."""


def _hindsight(item: _Text) -> Iterator[Span]:
    text = item.text
    if item.kind in _JUDGING_KINDS:
        yield from _spans(_OF_COURSE, text)
    for match in _OBVIOUS.finditer(text):
        if _NOT_BEFORE.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        if _WAY_FORWARD.match(text, match.end()):
            continue  # "the obvious next step": a judgement of what to do, not of the past
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
    r"|amateurish|inattentive|thoughtless(?:ly|ness)?|slapdash|half-assed|lackadaisical"
    r"|over-?confident|too\s+confident|inexperienced?|complacen(?:t|cy)|rubber-?stamp(?:ed|ing|s)?"
    r"|(?:not\s+|in)capable\s+of\s+doing\s+(?:his|her|their|the|my|your)\s+job"
    r"|lack(?:ed|s|ing)?\s+the\s+(?:skills?|competence)|(?:poor|questionable)\s+work\s+ethic"
    r"|(?:unable|failed)\s+to\s+(?:take|show)\s+(?:any\s+|the\s+)?initiative"
    r"|lack(?:ed|s|ing)?\s+(?:of\s+|any\s+)?(?:initiative|common\s+sense|judg(?:e)?ment|diligence"
    r"|care|attention|focus|attention\s+to\s+detail)"
    r"|(?:was|were|wasn['’]t|weren['’]t)\s+(?:not\s+)?paying\s+(?:enough\s+|close\s+)?attention"
    r"|\bnot\s+paying\s+attention|\binattention"
    r"|(?:should|ought\s+to)\s+be\s+ashamed|ashamed\s+of\s+(?:himself|herself|themselves)|shame\s+on"
    r"|(?:has|had|have)\s+a\s+(?:long\s+)?history\s+of\s+(?:mistakes|errors|confusing|mixing"
    r"|skipping|ignoring|breaking|making\s+mistakes|causing|skirting))\b",
    _I,
)
_TECHNICAL_LAZY = re.compile(
    r"[-\s](?:load\w*|eval\w*|init\w*|import\w*|iterat\w*|fetch\w*|quer\w*|sequence|propert\w*"
    r"|list|collection|val|values?|mode|binding|instantiat\w*|singleton|computed|evaluated)\b",
    _I,
)
_LEGAL_NEGLIGENCE = re.compile(r"\bgross\s+$", _I)
_DUMB_DEVICE = re.compile(r"\s+(?:terminal|pipe|client|switch)s?\b", _I)


_NOT_CHARACTER = re.compile(
    r"(?:\bnot|n['’]t|\bno|\bnever|\bnothing\s+to\s+do\s+with)\s+(?:\w+\s+){0,2}$", _I
)


_LACKING = re.compile(
    r"(?:['’]s|\bhis|\bher|\btheir)\s+lack\s+of\s+(?:experience|knowledge|training|skills?"
    r"|understanding|familiarity|care|attention|focus|judg(?:e)?ment)\b"
    r"|\b(?:insufficient|poor|inadequate|not\s+enough|little)\s+(?:attention|care|diligence|rigou?r)\b",
    _I,
)
"""A person's lack of something, or too little care: only read in a text with one of its nouns."""
_LACKING_STEMS = stems_of(
    "experience knowledge training skills skill understanding familiarity care attention focus "
    "judgment judgement diligence rigor rigour"
)


def _character(item: _Text) -> Iterator[Span]:
    text = item.text
    if item.may_hold(_LACKING_STEMS):
        yield from _spans(_LACKING, text)
    for match in _CHARACTER.finditer(text):
        word = match.group(0).lower()
        start, end = match.span()
        if word.startswith("laz") and _TECHNICAL_LAZY.match(text, end):
            continue
        if word.startswith("neglig") and _LEGAL_NEGLIGENCE.search(text[max(0, start - 10) : start]):
            continue
        if word == "dumb" and _DUMB_DEVICE.match(text, end):
            continue
        if _NOT_CHARACTER.search(text, max(0, start - 30), start):
            continue  # "this is not mere carelessness"
        yield start, end


# --- fix-the-human actions -----------------------------------------------------------------

_FIX_HUMAN = re.compile(
    r"\bbe(?:ing)?\s+(?:a\s+(?:little|bit|lot)\s+|much\s+|far\s+)?(?:more|extra|very|especially"
    r"|really|much\s+more)\s+"
    r"(?:careful|vigilant|attentive|diligent|thorough|cautious)\b"
    r"|\bbe(?:ing)?\s+careful\b"
    r"|\breminders?\s+(?:[\w-]+\s+){0,6}?to\s+(?:double-check|check|remember|be\s+careful|verify)\b"
    r"|\btake\s+(?:more|extra|greater|better)\s+care\b"
    r"|\bpay(?:ing)?\s+(?:more\s+|closer\s+|extra\s+|better\s+|close\s+)?attention\b"
    r"|\btry(?:ing)?\s+harder\b|\bthink\s+twice\b"
    r"|\bas\s+(?:a\s+)?punishment\b|\bpunitive\s+(?:measures?|actions?|steps?)\b"
    r"|\b(?:more|extra|greater)\s+(?:vigilance|diligence|attentiveness)\b"
    r"|\bremember(?:s|ing)?\s+to\b|\b(?:don['’]t|do\s+not|never)\s+forget\b|\bnot\s+to\s+forget\b"
    r"|\b(?:remind|reminding|urge|urging|encourage|encouraging)\s+(?:[\w-]+\s+){1,3}"
    r"(?:to|about|of)\b"
    r"|\b(?:tell|telling|ask|asking|instruct|instructing)\s+(?:[\w-]+\s+){1,3}to\s+"
    r"(?:always\s+|not\s+|never\s+)?(?:be\b|pay\b|double-check|remember\b|take\s+(?:more\s+"
    r"|extra\s+)?care|watch\s+out|make\s+sure|stick\s+to|read\s+the\s+(?:runbook|docs|manual)"
    r"|follow\s+the\s+(?:process|runbook|checklist|procedure))"
    r"|(?<!sobering\s)(?<!stark\s)(?<!timely\s)(?<!useful\s)\b(?:send\s+(?:a\s+)?)?reminders?\s+(?:to|for)\s+"
    r"(?:all|everyone|everybody|the\s+team"
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
    r"improve|enhance|look\s+into|look\s+at|take\s+a\s+look\s+at|investigate|consider|explore|revisit|reconsider|rethink"
    r"|work\s+on|optimi[sz]e|strengthen|harden|clean\s+up|tidy\s+up|stabili[sz]e|review"
    r"|evaluate|assess|analy[sz]e|check\s+on|figure\s+out|agree\s+on|continue|identify|discuss"
    r"|align|streamline|rework|refine|tackle|bring\s+down|brainstorm|come\s+up\s+with"
    r"|think\s+about"
)
_WHO_WILL = (
    r"(?:(?:we|(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+)\s+(?:should|must|will|need\s+to|to)\s+"
    r"(?:be\s+able\s+to\s+)?)?"
)
_VAGUE_VERB_AT_CLAUSE = re.compile(
    rf"(?:^|[.;:]\s*)\s*{_WHO_WILL}\b({_VAGUE_VERBS}|address)\b"
    rf"|(?:\band\s+|\bthen\s+|,\s*)\b({_VAGUE_VERBS})\b",
    _I,
)
"""A vague verb leading a clause; "address" only leading the action ("address fields" is a noun)."""
_VAGUE_PHRASE = re.compile(
    r"^\s*(?:better|faster|quicker|improved|stronger|clearer|tighter|smarter|more\s+robust)\s+[\w-]+"
    r"|\benable\s+(?:faster|better|quicker|more|improved)\b"
    r"|\bbetter\s+(?:monitoring|alerting|alerts|testing|tests|logging|documentation|docs"
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
    r"|\bkeep\s+an\s+eye\s+on\b|\bmonitor\s+(?:[\w-]+\s+){0,4}more\s+closely\b"
    r"|^\s*(?:fix|improve|update|clean\s+up|sort\s+out|review|rework)\s+(?:the\s+|our\s+|all\s+(?:the\s+)?)?"
    r"(?:monitoring|alerting|alerts|testing|tests|logging|process(?:es)?|documentation|docs"
    r"|communication|deploys?|deployments?|tooling|things|everything|it|stuff)\s*[.!]?\s*$"
    r"|^\s*[\w-]+(?:\s+(?:things|it|stuff|this|that|each\s+other))?\s+(?:better|more\s+(?:closely"
    r"|carefully|effectively|clearly|often))\s*[.!]?\s*$"
    r"|^\s*(?:[\w-]+\s+){1,3}(?:should|must|will|needs?\s+to|has\s+to|have\s+to)\s+[\w-]+\s*[.!]?\s*$"
    r"|\b(?:implement|introduce|add|set\s+up|put\s+in\s+place|create|build|establish|develop)\s+"
    r"(?:a|an|some)\s+(?:new\s+|better\s+|proper\s+|automated\s+|robust\s+)?(?:monitoring"
    r"|alerting|logging|testing|notification|backup|review|escalation)\s+(?:system|solution"
    r"|mechanism|tool|strategy|framework|process)\b",
    _I,
)
_MEASURABLE = re.compile(
    r"\d|%|\b(?:percent|per\s+cent|zero|under|below|above|within|at\s+least|at\s+most"
    r"|less\s+than|fewer\s+than|no\s+more\s+than|no\s+later\s+than|until|so\s+that|such\s+that"
    r"|done\s+when|measured\s+by|p\d\d|slo|sla|deadline)\b",
    _I,
)


_ANSWERABLE = re.compile(r"\s+(?:if|whether)\b", _I)


def _vague_action(item: _Text) -> Iterator[Span]:
    text = item.text
    if _MEASURABLE.search(text):
        return
    for match in _VAGUE_VERB_AT_CLAUSE.finditer(text):
        if _ANSWERABLE.match(text, match.end()):
            continue  # "investigate whether the chart is maintained" ends with an answer
        yield match.span(1) if match.group(1) else match.span(2)
    yield from _spans(_VAGUE_PHRASE, text)
