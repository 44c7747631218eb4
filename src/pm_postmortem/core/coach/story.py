"""Blame carried by how the story is told: the wider lexicons by category.

Real reports blame without the phrases the first rules know: "a configuration mistake on the
vendor's end", "I dropped the production database", "the process was not followed", "keep a
closer eye on things", "we need to get better at this". Each detector here is a small table of
patterns, each with the stems it needs (a cheap pre-check, as in `blame`), grouped by the kind of
blame they show. The rules in `rules` attach them to the categories they extend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pm_postmortem.core.coach.actors import actor_of_word, sentence_start
from pm_postmortem.core.coach.detectors import _MEASURABLE
from pm_postmortem.core.coach.language import Span, _Text, stems_of

_I = re.IGNORECASE

Lexicon = tuple[tuple[frozenset[str], re.Pattern[str]], ...]


def _lexicon(*entries: tuple[str, str]) -> Lexicon:
    return tuple((stems_of(stems), re.compile(pattern, _I)) for stems, pattern in entries)


def lexicon_stems(lexicon: Lexicon) -> frozenset[str]:
    """Every stem a lexicon's patterns need: the rule's pre-check."""
    return frozenset().union(*(stems for stems, _ in lexicon))


def _matches(item: _Text, lexicon: Lexicon) -> Iterator[Span]:
    for stems, pattern in lexicon:
        if item.may_hold(stems):
            for match in pattern.finditer(item.text):
                yield match.span()


_SLIP_NOUN = (
    r"(?:mistake|blunder|bungle|fumble|gaffe|goof|screw[- ]?up|fuck[- ]?up|foul[- ]?up|cock[- ]?up"
    r"|balls[- ]?up|slip[- ]?up)s?"
)
_DESTRUCTIVE = (
    r"(?:deleted|deleting|removed|removing|dropped|dropping|wiped|wiping|withdrew|withdrawn"
    r"|unplugged|unplugging|disconnected|disconnecting|erased|purged|overwrote|overwritten"
    r"|deactivated|revoked|terminated|destroyed|truncated|published|exposed|leaked|shut\s+down"
    r"|turned\s+off|switched\s+off|pulled|cut)"
)

FAULT = _lexicon(
    (
        "mistake mistakes blunder blunders bungle bungles fumble fumbles gaffe gaffes goof goofs "
        "screw screwup screwups fuck foul cock balls slip",
        rf"\b(?:a|an|one|single|similar|same|simple|minor|major|costly|big|huge|massive"
        rf"|series\s+of)\s+(?:[\w-]+\s+){{0,3}}?{_SLIP_NOUN}\b"
        rf"|\b[\w-]+['’]s\s+(?:own\s+)?(?:{_SLIP_NOUN}|negligence|carelessness|incompetence)\b",
    ),
    (
        "bungled bungling blunder blunders blundered fumbled fumbling botch botches",
        r"\b(?:bungl(?:ed|ing|es)|blunder(?:s|ed|ing)?|fumbl(?:ed|ing)|botch(?:es|ing)?)\b",
    ),
    (
        "our its mistake mistakes acknowledged acknowledges admitted admits owned apologised "
        "apologized apologises apologizes",
        r"\b(?:our|its)\s+(?:own\s+)?(?:mistakes?|blunders?|screw[- ]?ups?)\b"
        r"|\b(?:acknowledg\w*|admit\w*|own\w*\s+up\s+to|apologi[sz]\w*\s+for)\s+(?:the|its|their"
        r"|our|his|her)\s+(?:\w+\s+)?(?:mistake|blunder|slip)s?\b",
    ),
    (
        "shit blew blow",
        r"\bshit\s+the\s+bed\b|\b(?:blew|blow)\s+it\b|\bblow\s+up\s+in\s+(?:their|his|her|our)\s+face\b",
    ),
    (
        "oversight",
        r"\b(?:a|an|minor|simple|small|big|huge|major|costly|honest|human|glaring|basic)\s+oversight\b",
    ),
    (
        "accidentally accidently mistakenly inadvertently unintentionally erroneously improperly "
        "wrongly wrongfully",
        r"\b(?:accidentally|accidently|mistakenly|inadvertently|unintentionally|erroneously"
        rf"|improperly|wrongly|wrongfully)\s+(?:\w+\s+)?{_DESTRUCTIVE}\b",
    ),
    (
        "inadvertent",
        r"\binadvertent\s+(?!discover|find|benefit)[\w-]+",
    ),
    (
        "poorly badly sloppily hastily injudicious ill",
        r"\b(?:poorly|sloppily|hastily)\s+(?:parameteri[sz]ed|tested|planned|executed"
        r"|handled|communicated|reviewed)\b|\binjudicious\b|\bill-(?:advised|considered|judged)\b",
    ),
    (
        "executed ran run rebuilt rebuild deleted dropped restored changed configured connected "
        "pointed applied deployed pushed sent typed entered selected used edited modified updated "
        "logged wiped",
        r"\b(?:executed|ran|run|rebuilt|rebuild|deleted|dropped|restored|changed|configured"
        r"|connected|pointed|applied|deployed|pushed|sent|typed|entered|selected|edited|modified"
        r"|updated|logged\s+into|wiped)\b[^.!?;,]{0,40}?"
        r"\b(?:(?:the|a|an)\s+wrong|(?:(?:the|an)\s+)?incorrect)\b",
    ),
    ("bad", r"\b(?:our|my)\s+bad\b"),
    (
        "failure",
        r"\b[A-Z][\w&-]*['’]s\s+failure\s+to\s+(?:renew|follow|test|notify|patch|update|check"
        r"|communicate|inform|act|respond|maintain|monitor|back|secure|disclose|plan|prepare)\b",
    ),
    (
        "fingers typed hand",
        r"\bmy\s+fingers\s+\w+|\bthe\s+hand\s+of\s+(?:an?|the|one|some)\s+\w+",
    ),
)
"""Nouns, adverbs and phrases of fault wherever they stand, a firm's or a person's alike."""

_OWN_SLIP_I = (
    r"deleted|dropped|wiped|nuked|truncated|overwrote|erased|forgot|broke|misconfigured|mistyped"
    r"|typed|unplugged|killed|knocked\s+out|took\s+down|brought\s+down|messed\s+up|screwed\s+up"
)
_OWN_SLIP_WE = (
    r"forgot|broke|messed\s+up|screwed\s+up|knocked\s+out|took\s+down|brought\s+down|shrugged\s+off"
    r"|ignored|missed|overlooked|introduced\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:error|bug|typo"
    r"|regression)|ran\s+(?:[\w`'-]+\s+){0,4}?(?:as|on|against|in)\s+the\s+wrong"
)
OWN_SLIP = _lexicon(
    (
        "deleted dropped wiped nuked truncated overwrote erased forgot broke misconfigured "
        "mistyped typed unplugged killed knocked took brought messed screwed",
        rf"\bI\s+(?:just\s+|then\s+|accidentally\s+|actually\s+|had\s+|have\s+)?(?:{_OWN_SLIP_I})\b",
    ),
    (
        "responsible",
        r"\b(?:I|you)\s+(?:am|are|were|was)\s+responsible\s+for\s+(?:knocking|taking|bringing"
        r"|breaking|causing|deleting|dropping)\b",
    ),
)
"""Slips the writer tells of themselves: the person is still the subject of the cause."""
TEAM_SLIP = _lexicon(
    (
        "forgot broke messed screwed knocked took brought shrugged ignored missed overlooked "
        "introduced ran",
        rf"\bwe\s+(?:just\s+|then\s+|also\s+|simply\s+|completely\s+|had\s+|have\s+)?(?:{_OWN_SLIP_WE})\b",
    ),
)
"""Slips a team tells of itself ("we introduced an error", "we shrugged off the warnings")."""

_ROLE = (
    r"(?:engineer|employee|technician|admin|administrator|sysadmin|operator|developer|dev"
    r"|contractor|worker|staffer|staff\s+member|co-?worker|colleague|intern|guy|person|individual)"
)
PERSON_STORY = _lexicon(
    (
        "caused traced blamed attributed made",
        rf"\b(?:caused|traced|blamed|attributed|made)\s+(?:back\s+)?(?:by|to|on)\s+(?:the\s+"
        rf"(?:hands?|actions?|work)\s+of\s+)?(?:a|an|the|one|some|our|their|\w+)?\s*"
        rf"(?:single\s+|lone\s+|junior\s+|[A-Z][\w-]*\s+)?{_ROLE}s?\b",
    ),
    (
        "coworker colleague teammate",
        r"\b(?:my|our|a)\s+(?:co-?worker|colleague|teammate)['’]s\s+(?:PR|change|commit|push|script"
        r"|code|config|deploy|mistake|command)\b",
    ),
    (
        "someone somebody",
        r"\b(?:someone|somebody)\s+(?:thought|decided|figured)\s+(?:it\s+was\s+)?(?:a\s+)?"
        r"(?:good|great|fine)\s+idea\b",
    ),
    (
        "takes took responsibility fingered",
        r"\b(?:takes|took|taking)\s+(?:full\s+)?responsibility\s+for\b|\bfingered\s+for\b",
    ),
    (
        "error errors mistake mistakes slip blunder",
        rf"\b(?:error|mistake|slip|blunder)s?\s+(?:made\s+)?by\s+(?:an?|the|one|our|their|a\s+member\s+of)\s+"
        rf"(?:[\w-]+\s+){{0,2}}?(?:staff|{_ROLE})s?\b",
    ),
    ("guy", r"\bthe\s+guy\s+(?:who|that|fundamentally|clearly|obviously|just)\b"),
    ("authorized authorised", r"\b(?:authori[sz]ed|allowed)\s+(?:\w+\s+){0,6}?but\s+not\s+to\b"),
)
"""A person named by role as the doer in the telling ("traced to a single engineer")."""

HINDSIGHT = _lexicon(
    ("wasted wasting", r"\b(?:wasted|wasting)\s+(?:\w+\s+){0,2}(?:time|hours|minutes|days|effort)\b"),
    (
        "took take taking spent",
        r"\b(?:took|take|taking)\s+(?:us\s+|them\s+|him\s+|her\s+|the\s+team\s+)?(?:way\s+|far\s+"
        r"|much\s+)?too\s+long\b|\bspent\s+(?:way|far)\s+too\s+(?:much|long)\b",
    ),
    ("unacceptable inexcusable", r"\b(?:unacceptable|inexcusable)\b"),
    ("taken", r"\bnot\s+taken\s+seriously\b"),
    ("followed", r"\b(?:was|were|is|are|had\s+been)(?:n['’]t|\s+not|\s+never)\s+followed\b"),
    (
        "notification notifications page pages email emails message messages alert alerts warning",
        r"\b(?:notification|notifications|page|pages|email|emails|message|messages|alert|alerts"
        r"|warning|warnings)\s+(?:\w+\s+){0,3}?(?:was|were|went)\s+(?:\w+ly\s+)?(?:missed|ignored"
        r"|overlooked|unnoticed|unread|unanswered)\b",
    ),
    (
        "should could would",
        r"\b(?:should|could|would)\s+(?:\w+\s+)?have\s+been\s+(?:\w+ly\s+)?(?:caught|noticed|detected"
        r"|spotted|handled|declared|reverted|prevented|avoided|generated|tested|done\s+(?:at|in"
        r"|before|differently))\b"
        r"|\bthe\s+(?:best|right|correct|safest)\s+(?:approach|option|course|thing|call|move)\s+"
        r"would\s+have\s+been\b"
        r"|\bcould\s+have\s+(?:also\s+)?(?:easily\s+)?(?:mitigated|prevented|avoided|caught|stopped"
        r"|reduced|limited)\b|\bcould\s+(?:the\s+)?[\w-]+\s+have\s+been\s+done\b",
    ),
    (
        "enough",
        r"(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+){0,4}?(?:early|soon|quickly|fast|carefully|closely)"
        r"\s+enough\b",
    ),
    (
        "discovered noticed detected caught spotted realised realized",
        r"\b(?:not|never)\s+(?:discovered|noticed|detected|caught|spotted|realised|realized)\s+"
        r"until\b",
    ),
    (
        "following",
        r"\bnot\s+following\s+(?:[\w-]+\s+){0,2}(?:procedures?|process(?:es)?|runbooks?|checklists?"
        r"|best\s+practices|instructions|protocols?)\b",
    ),
    (
        "declared escalated raised reported communicated",
        r"\b(?:was|were)\s+never\s+(?:declared|escalated|raised|reported|communicated)\b",
    ),
    (
        "without following",
        r"\bwithout\s+following\s+(?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}(?:procedures?|process(?:es)?"
        r"|runbooks?|checklists?|protocols?|instructions|guidelines)\b",
    ),
    ("could well", r"\b(?:as\s+well|better)\s+as\s+it\s+could\s+have\s+been\b"),
    ("idea ideas", r"\b(?:was|were)\s+(?:a\s+)?(?:bad|poor|terrible|dumb|stupid)\s+ideas?\b"),
    ("knew", r"\b(?:no\s+one|nobody|no-one)\s+knew\s*(?:[.;!]|$|about\b|of\s+it\b|until\b)"),
    (
        "why",
        r"(?:^|(?<=[.!?:\n\"“]))\s*why\s+(?:wasn['’]t|weren['’]t|was\s+not|were\s+not|didn['’]t"
        r"|did\s+not|hasn['’]t|haven['’]t|isn['’]t)\s+[^?.!\n]*\b(?:earlier|sooner|before|caught"
        r"|noticed|detected|spotted|tested)\s*\?",
    ),
)
"""Judging the past with what is known now: time wasted, steps not followed, "should have been"."""

TRY_HARDER = _lexicon(
    (
        "double triple check checks",
        r"(?:^|[.!;:,]\s*|\b(?:but|and|then|so|now|I|we|you|always|please)\s+)(?:always\s+)?"
        r"(?:double|triple)[- ]?checks?\b",
    ),
    (
        "keep take closer close eye look",
        r"\bkeep\s+(?:a\s+)?(?:closer|close|better|careful|watchful)\s+eye\b"
        r"|\btake\s+a\s+(?:closer|harder|better|careful)\s+look\b",
    ),
    (
        "rigorous careful vigilant diligent thorough attentive cautious disciplined",
        r"\bbe\s+(?:much\s+|a\s+lot\s+|a\s+bit\s+|far\s+)?more\s+(?:rigorous|careful|vigilant"
        r"|diligent|thorough|attentive|cautious|disciplined)\b",
    ),
    ("pay attention", r"\bpay\s+(?:more|closer|better|extra)\s+attention\b"),
    (
        "never don do run deploy delete drop push merge make perform touch execute type edit "
        "change restart use",
        r"(?:^|[.!;:]\s*)(?:also,?\s+|and\s+)?(?:never|don['’]t|do\s+not)\s+(?:run|deploy|delete|drop"
        r"|push|merge|make|perform|touch|execute|type|edit|change|restart)\b",
    ),
    ("always make sure", r"(?:^|[.!;:]\s*)always\s+make\s+sure\b"),
    (
        "make again lesson learn learned learnt",
        r"\b(?:won['’]t|will\s+not|never)\s+(?:make|do)\s+(?:it|that|this|the\s+same\s+\w+)\s+again\b"
        r"|\b(?:learn|learned|learnt)\s+(?:my|his|her|their|our)\s+lesson\b",
    ),
    ("black blacklisted", r"\bblack\s*-?listed\b"),
    ("punish", r"(?:^|[.!;:]\s*)punish\b"),
)
"""Asking people to try harder, remember or watch: the system that allowed the slip stays."""

PERSON_PAYS = _lexicon(
    (
        "resigned resigns resignation stepped step ousted forced",
        r"\b(?:resign(?:ed|s|ation)|(?:stepped|step|stepping)\s+down\s+(?:as|from)|ousted"
        r"|forced\s+(?:out|to\s+resign))\b",
    ),
    (
        "bonus bonuses pay salary cut cuts docked withheld clawed",
        r"\b(?:bonus|bonuses|pay)\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?(?:cut|docked"
        r"|withheld|clawed\s+back)\b|\b(?:cut|docked|withheld|clawed\s+back)\s+(?:\w+\s+){0,3}?"
        r"bonus(?:es)?\b|\b(?:salary|pay)\s+cuts?\b",
    ),
    (
        "identify determine establish clarify responsibility culpability",
        r"\b(?:identify|determine|establish|clarify|clarifying|identifying)\s+(?:the\s+)?"
        r"(?:responsibility|culpability|who\s+(?:was\s+)?(?:responsible|to\s+blame))\b",
    ),
)
"""Someone paying for the outage: a resignation, a cut bonus, a search for who was responsible."""

VAGUE = _lexicon(
    (
        "get better make put effort efforts focus emphasis",
        r"\b(?:get|be|do)\s+better\b|\bmake\s+(?:it|this|things|that)\s+better\b"
        r"|\bput\s+(?:more|extra)\s+(?:effort|efforts|focus|emphasis|work)\b",
    ),
    ("think", r"\bthink\s+(?:again\s+)?(?:about\s+)?how\b"),
    ("priority", r"\b(?:a\s+)?(?:top|high|higher|first)\s+priority\s*[.!]?\s*$"),
    ("evaluate explore find identify ways", r"\b(?:evaluate|explore|find|identify)\s+ways\s+to\b"),
    (
        "improve improved improves",
        r"\b(?:can|could|will|should|must|need\s+to|have\s+to|ought\s+to)\s+(?:likely\s+|also\s+)?"
        r"(?:improve|improved)\b",
    ),
    (
        "earlier sooner faster quicker often quickly",
        r"^\s*[\w-]+\s+(?:[\w-]+\s+){0,3}(?:earlier|sooner|faster|quicker|more\s+often"
        r"|more\s+quickly)\s*[.!]?\s*$",
    ),
    (
        "avoid",
        r"^\s*avoid\s+(?:mis\w+|confusion|delays?|errors?|mistakes?|issues?|problems?|outages?)\b",
    ),
    (
        "need process strategy plan policy framework approach",
        r"\bneed\s+(?:an?|some)\s+(?:[\w-]+\s+){0,2}(?:process|strategy|plan|policy|framework"
        r"|approach)\s*[.!]?\s*$",
    ),
    ("closely", r"\b(?:pretty|very|more)\s+closely\b"),
    (
        "better",
        r"\bbetter\s+(?:[\w-]+\s+){1,2}(?:monitoring|alerting|alerts|testing|tests|logging"
        r"|documentation|communication|observability|visibility|process(?:es)?|tooling)\b",
    ),
    ("appropriate", r"\b(?:take|taking)\s+appropriate\s+(?:action|actions|steps|measures)\b"),
)
"""Actions that end nowhere measurable: "get better at", "put more effort into", "a top priority"."""

_HUMAN_ACT = (
    r"(?:only\s+|not\s+|even\s+|just\s+)?(?:raise|notice|check|answer|respond|approve|skip|ignore"
    r"|miss|forget|push|deploy|roll|wait|decide|choose|allow|let|do|have|test|tell|warn|notify"
    r"|catch|stop|follow|read|review|escalate|act|mess|screw|break|delete|lose)\b"
)
_WHY_DID = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(why)\s+(?:did|didn['’]t|did\s+not|would|wouldn['’]t|do|don['’]t"
    r"|does|doesn['’]t)\s+(?:the\s+)?([\w'’&\[\]-]+)\s+" + _HUMAN_ACT,
    _I,
)
_HOW_COULD_FIRM = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(how)\s+(?:could|can|did|does|do)\s+(?:an?|the|our|your|their)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:company|team|firm|provider|carrier|vendor|bank|engineer|admin|developer"
    r"|person|anyone|someone|they|you)\s+(?:\w+\s+)?(?:mess|screw|miss|forget|ignore|skip|let|not"
    r"|botch|break|lose|delete)\b",
    _I,
)
QUESTION_STEMS = stems_of("why how")
_IN_GENERAL = re.compile(
    r"\b(?:kind|type|sort|class)\s+of\s+$|\b(?:catch\w*|prevent\w*|avoid\w*|stop\w*|make|makes"
    r"|making|reduc\w*|eliminat\w*|impossible|easy\s+to|easier\s+to)\s+(?:\w+\s+){0,2}$",
    _I,
)


def question_at_someone(item: _Text) -> Iterator[Span]:
    """A why- or how-question whose subject is a person, a firm or "they" doing a human act."""
    if not item.may_hold(QUESTION_STEMS):
        return
    text = item.text
    for match in _WHY_DID.finditer(text):
        subject = match.group(2)
        stop = re.search(r"[.!?\n]", text[match.end() :])
        if stop is not None and stop.group(0) != "?":
            continue
        firm = subject[:1].isupper() or subject.lower() in ("they", "you", "customer", "client")
        if firm or subject.startswith("[") or actor_of_word(item, subject) is not None:
            yield match.start(1), match.end()
    for match in _HOW_COULD_FIRM.finditer(text):
        yield match.start(1), match.end()


def fault_story(item: _Text) -> Iterator[Span]:
    text = item.text
    for start, end in _matches(item, FAULT):
        # "catch exactly this kind of mistake", "avoid a costly mistake": about mistakes in general
        if not _IN_GENERAL.search(text[max(0, start - 40) : start]):
            yield start, end


def own_slips(item: _Text) -> Iterator[Span]:
    yield from _matches(item, OWN_SLIP)


def team_slips(item: _Text) -> Iterator[Span]:
    yield from _matches(item, TEAM_SLIP)


def person_story(item: _Text) -> Iterator[Span]:
    yield from _matches(item, PERSON_STORY)


def hindsight_story(item: _Text) -> Iterator[Span]:
    yield from _matches(item, HINDSIGHT)


def try_harder(item: _Text) -> Iterator[Span]:
    for start, end in _matches(item, TRY_HARDER):
        # "the pipeline double-checks the target" is a system's check, not a person's effort
        before = item.text[sentence_start(item.text, start) : start].split()
        if before and before[-1].lower() in ("pipeline", "script", "tool", "system", "job", "bot"):
            continue
        yield start, end


def person_pays(item: _Text) -> Iterator[Span]:
    yield from _matches(item, PERSON_PAYS)


def vague_story(item: _Text) -> Iterator[Span]:
    if not _MEASURABLE.search(item.text):
        yield from _matches(item, VAGUE)
